import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import './index.css';

interface StepSummaryProps {
  /** What was chosen in this step, e.g. 小区. */
  label: string;
  value: string;
  /** Re-opens the step. */
  onChange?: () => void;
}

/** A finished step of a form, folded to one line with a 修改 link. */
export function StepSummary({ label, value, onChange }: StepSummaryProps) {
  return (
    <View className="yishi-step-summary">
      <View className="yishi-step-summary__label">{label}</View>
      <View className="yishi-step-summary__value">{value}</View>
      {onChange ? (
        <View
          className="yishi-step-summary__change yishi-pressable"
          aria-label={`修改${label}`}
          {...pressableProps(onChange)}
        >
          修改
        </View>
      ) : null}
    </View>
  );
}
