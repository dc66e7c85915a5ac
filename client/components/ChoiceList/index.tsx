import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import './index.css';

export interface Choice<V extends string | number> {
  value: V;
  label: string;
  /** A second line under the label. */
  description?: string;
}

interface ChoiceListProps<V extends string | number> {
  /** What is being chosen (the group's accessible name). */
  label: string;
  choices: readonly Choice<V>[];
  value: V | undefined;
  onChange: (value: V) => void;
  /** Options per row: 1 for long labels, 3 for short ones such as room numbers. */
  columns?: 1 | 2 | 3;
  /** Also shows `label` above the options. */
  showLabel?: boolean;
}

/**
 * One choice among several, as large tappable tiles (a radio group for screen
 * readers). Used instead of a picker wheel, which elderly residents find hard.
 */
export function ChoiceList<V extends string | number>({
  label,
  choices,
  value,
  onChange,
  columns = 1,
  showLabel = false,
}: ChoiceListProps<V>) {
  const group = (
    <View className={`yishi-choices yishi-choices--${columns}`} role="radiogroup" aria-label={label}>
      {choices.map((choice) => {
        const selected = choice.value === value;
        return (
          <View
            key={String(choice.value)}
            className={
              selected ? 'yishi-choice yishi-choice--selected yishi-pressable' : 'yishi-choice yishi-pressable'
            }
            aria-checked={selected}
            {...pressableProps(() => onChange(choice.value), { role: 'radio' })}
          >
            <View className="yishi-choice__label">{choice.label}</View>
            {choice.description ? <View className="yishi-choice__description">{choice.description}</View> : null}
          </View>
        );
      })}
    </View>
  );
  if (!showLabel) return group;
  return (
    <View className="yishi-choices__field">
      <View className="yishi-choices__label" aria-hidden="true">
        {label}
      </View>
      {group}
    </View>
  );
}
