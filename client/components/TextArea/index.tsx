import { Textarea, View } from '@tarojs/components';
import './index.css';

interface TextAreaProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  hint?: string;
  error?: string;
  maxLength: number;
  /** Shows 已输入 n/max under the field. */
  showCount?: boolean;
  disabled?: boolean;
  /** Lines of text the box shows. */
  rows?: 3 | 5 | 8;
}

/**
 * A labelled multi-line input with a character count, a hint and an error
 * line, sized for elderly residents. On the web the label reaches the real
 * <textarea> inside Taro's element (`nativeProps`).
 */
export function TextArea({
  label,
  value,
  onChange,
  placeholder,
  hint,
  error,
  maxLength,
  showCount = true,
  disabled,
  rows = 5,
}: TextAreaProps) {
  const labelProps =
    process.env.TARO_ENV === 'h5'
      ? { nativeProps: { 'aria-label': label, 'aria-invalid': error ? 'true' : undefined } }
      : { 'aria-label': label };
  return (
    <View className={error ? 'yishi-textarea yishi-textarea--invalid' : 'yishi-textarea'}>
      <View className="yishi-textarea__label" aria-hidden="true">
        {label}
      </View>
      <Textarea
        className={`yishi-textarea__input yishi-textarea__input--${rows}${process.env.TARO_ENV === 'h5' ? ' yishi-textarea__input--web' : ''}`}
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        {...(process.env.TARO_ENV === 'weapp' ? { placeholderClass: 'yishi-textarea__placeholder' } : {})}
        disabled={disabled}
        {...labelProps}
        onInput={(event) => onChange(event.detail.value)}
      />
      <View className="yishi-textarea__footer">
        {hint ? <View className="yishi-textarea__hint">{hint}</View> : <View />}
        {showCount ? (
          <View className="yishi-textarea__count">
            {value.length}/{maxLength}
          </View>
        ) : null}
      </View>
      {error ? (
        <View className="yishi-textarea__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
