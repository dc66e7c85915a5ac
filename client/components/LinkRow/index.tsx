import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import './index.css';

interface LinkRowProps {
  label: string;
  /** Short text on the right, e.g. "3 条未读". */
  value?: string;
  /** Shows `value` as a red badge (something waits for the resident). */
  highlight?: boolean;
  description?: string;
  onPress: () => void;
}

/** A row that opens another page: label on the left, a short value and › on the right. */
export function LinkRow({ label, value, highlight = false, description, onPress }: LinkRowProps) {
  return (
    <View className="yishi-link-row yishi-pressable" {...pressableProps(onPress, { role: 'link' })}>
      <View className="yishi-link-row__text">
        <View className="yishi-link-row__label">{label}</View>
        {description ? <View className="yishi-link-row__description">{description}</View> : null}
      </View>
      {value ? (
        <View className={highlight ? 'yishi-link-row__value yishi-link-row__value--badge' : 'yishi-link-row__value'}>
          {value}
        </View>
      ) : null}
      <View className="yishi-link-row__chevron" aria-hidden="true">
        ›
      </View>
    </View>
  );
}
