import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import './index.css';

export interface Chip<V extends string> {
  value: V;
  label: string;
}

interface FilterChipsProps<V extends string> {
  /** What the chips choose (the group's accessible name and, with `showLabel`, its caption). */
  label: string;
  chips: readonly Chip<V>[];
  value: V;
  onChange: (value: V) => void;
  showLabel?: boolean;
}

/**
 * One choice among a few short options (排序, 状态, 分类) as a wrapping row
 * of large pills; a radio group for screen readers. The chosen one is
 * filled and carries a ✓, so colour is never the only cue.
 */
export function FilterChips<V extends string>({
  label,
  chips,
  value,
  onChange,
  showLabel = false,
}: FilterChipsProps<V>) {
  return (
    <View className="yishi-chips__field">
      {showLabel ? (
        <View className="yishi-chips__label" aria-hidden="true">
          {label}
        </View>
      ) : null}
      <View className="yishi-chips" role="radiogroup" aria-label={label}>
        {chips.map((chip) => {
          const selected = chip.value === value;
          return (
            <View
              key={chip.value}
              className={selected ? 'yishi-chip yishi-chip--selected yishi-pressable' : 'yishi-chip yishi-pressable'}
              aria-checked={selected}
              {...pressableProps(() => onChange(chip.value), { role: 'radio' })}
            >
              {selected ? (
                <View className="yishi-chip__tick" aria-hidden="true">
                  ✓
                </View>
              ) : null}
              {chip.label}
            </View>
          );
        })}
      </View>
    </View>
  );
}
