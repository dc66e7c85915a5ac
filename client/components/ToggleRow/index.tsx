import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import './index.css';

interface ToggleRowProps {
  label: string;
  description?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}

/** An on/off setting: the whole row is the switch, with 开/关 written out next to it. */
export function ToggleRow({ label, description, checked, onChange, disabled = false }: ToggleRowProps) {
  return (
    <View
      className={`yishi-toggle yishi-pressable${checked ? ' yishi-toggle--on' : ''}${disabled ? ' yishi-toggle--disabled' : ''}`}
      aria-checked={checked}
      aria-label={label}
      {...pressableProps(() => onChange(!checked), { role: 'switch', disabled })}
    >
      <View className="yishi-toggle__text">
        <View className="yishi-toggle__label">{label}</View>
        {description ? <View className="yishi-toggle__description">{description}</View> : null}
      </View>
      <View className="yishi-toggle__state" aria-hidden="true">
        {checked ? '开' : '关'}
      </View>
      <View className="yishi-toggle__track" aria-hidden="true">
        <View className="yishi-toggle__thumb" />
      </View>
    </View>
  );
}
