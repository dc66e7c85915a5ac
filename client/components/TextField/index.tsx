import { Input, View } from '@tarojs/components';
import './index.css';

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** A sentence under the field saying what to enter and why. */
  hint?: string;
  /** What is wrong with the value, shown in red. */
  error?: string;
  type?: 'text' | 'number';
  maxLength?: number;
  disabled?: boolean;
}

/** A labelled one-line input with a hint and an error line, sized for elderly residents. */
export function TextField({
  label,
  value,
  onChange,
  placeholder,
  hint,
  error,
  type = 'text',
  maxLength = 50,
  disabled,
}: TextFieldProps) {
  return (
    <View className={error ? 'yishi-field yishi-field--invalid' : 'yishi-field'}>
      <View className="yishi-field__label" aria-hidden="true">
        {label}
      </View>
      <Input
        className="yishi-field__input"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        value={value}
        type={type}
        maxlength={maxLength}
        placeholder={placeholder}
        // The web styles ::placeholder instead (an <input> has no such attribute).
        {...(process.env.TARO_ENV === 'weapp' ? { placeholderClass: 'yishi-field__placeholder' } : {})}
        disabled={disabled}
        onInput={(event) => onChange(event.detail.value)}
      />
      {hint ? <View className="yishi-field__hint">{hint}</View> : null}
      {error ? (
        <View className="yishi-field__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
