import { View } from '@tarojs/components';
import './index.css';

interface WorkbenchTileProps {
  title: string;
  description: string;
  /** Things waiting, e.g. pending claims; shown as a red badge when above zero. */
  count?: number;
  /** Words for the count, e.g. 待审核. */
  countLabel?: string;
  onOpen: () => void;
}

/** One entry of the committee workbench: opens a tool, shows how much is waiting there. */
export function WorkbenchTile({ title, description, count, countLabel, onOpen }: WorkbenchTileProps) {
  const waiting = count !== undefined && count > 0;
  const webProps =
    process.env.TARO_ENV === 'h5'
      ? {
          tabIndex: 0,
          onKeyDown: (event: { key: string; preventDefault: () => void }) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onOpen();
            }
          },
        }
      : {};
  return (
    <View {...webProps} className="workbench-tile" role="link" onClick={onOpen}>
      <View className="workbench-tile__text">
        <View className="workbench-tile__title">{title}</View>
        <View className="workbench-tile__description">{description}</View>
      </View>
      {count !== undefined && (
        <View className={`workbench-tile__count${waiting ? ' workbench-tile__count--waiting' : ''}`}>
          {waiting ? `${countLabel ?? ''} ${count}` : `无${countLabel ?? ''}`}
        </View>
      )}
      <View className="workbench-tile__chevron" aria-hidden>
        ›
      </View>
    </View>
  );
}
