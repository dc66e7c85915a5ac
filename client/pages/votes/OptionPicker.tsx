import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import type { VoteView } from '@/services/votes';

interface OptionPickerProps {
  vote: Pick<VoteView, 'method' | 'options'>;
  selected: readonly number[];
  onToggle: (position: number) => void;
  disabled?: boolean;
}

/**
 * The options (or candidates) of a choice vote as large tiles: a radio group
 * for single choice, check boxes otherwise. Selection rules live in services/votes.
 */
export function OptionPicker({ vote, selected, onToggle, disabled = false }: OptionPickerProps) {
  const single = vote.method === 'single';
  return (
    <View
      className="vote-options"
      role={single ? 'radiogroup' : 'group'}
      aria-label={vote.method === 'election' ? '候选人' : '选项'}
    >
      {vote.options.map((option) => {
        const on = selected.includes(option.position);
        return (
          <View
            key={option.position}
            className={on ? 'vote-option vote-option--on yishi-pressable' : 'vote-option yishi-pressable'}
            aria-checked={on}
            {...pressableProps(() => onToggle(option.position), { role: single ? 'radio' : 'checkbox', disabled })}
          >
            <View className="vote-option__mark" aria-hidden="true">
              {on ? '✓' : ''}
            </View>
            <View className="vote-option__label">{option.label}</View>
          </View>
        );
      })}
    </View>
  );
}
