import { View } from '@tarojs/components';
import './index.css';

export interface SegmentedOption<T extends string> {
  value: T;
  label: string;
  /** A count shown after the label, e.g. the number waiting. */
  count?: number;
}

interface SegmentedTabsProps<T extends string> {
  /** What the choice is about, read by screen readers (e.g. 审核状态). */
  label: string;
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange: (value: T) => void;
}

/**
 * A row of tabs that switch what a list shows (审核状态, 成员状态). On the web
 * it follows the ARIA tabs pattern: one tab stop, arrow keys move between
 * the tabs, Enter or Space selects.
 */
export function SegmentedTabs<T extends string>({ label, options, value, onChange }: SegmentedTabsProps<T>) {
  const web = process.env.TARO_ENV === 'h5';
  const move = (from: number, step: number) => {
    const next = options[(from + step + options.length) % options.length];
    if (!next) return;
    onChange(next.value);
    if (web) {
      // Keep keyboard focus on the tab that was just selected.
      setTimeout(() => document.getElementById(tabId(label, next.value))?.focus(), 0);
    }
  };
  return (
    <View className="segmented-tabs" role="tablist" aria-label={label}>
      {options.map((option, index) => {
        const selected = option.value === value;
        const webProps = web
          ? {
              id: tabId(label, option.value),
              tabIndex: selected ? 0 : -1,
              onKeyDown: (event: { key: string; preventDefault: () => void }) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  onChange(option.value);
                } else if (event.key === 'ArrowRight' || event.key === 'ArrowDown') {
                  event.preventDefault();
                  move(index, 1);
                } else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') {
                  event.preventDefault();
                  move(index, -1);
                }
              },
            }
          : {};
        return (
          <View
            key={option.value}
            {...webProps}
            className={`segmented-tabs__tab${selected ? ' segmented-tabs__tab--selected' : ''}`}
            role="tab"
            aria-selected={selected}
            onClick={() => onChange(option.value)}
          >
            {option.label}
            {option.count !== undefined && <View className="segmented-tabs__count">{option.count}</View>}
          </View>
        );
      })}
    </View>
  );
}

function tabId(label: string, value: string): string {
  return `tab-${encodeURIComponent(label).replace(/%/g, '')}-${value}`;
}
