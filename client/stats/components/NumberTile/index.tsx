import { View } from '@tarojs/components';
import './index.css';

interface NumberTileProps {
  /** What is counted, in plain words: 居民参与率. */
  label: string;
  /** The number as shown: 66.7%, 1.5 天, 暂无. */
  value: string;
  /** What it means, in one short sentence: 一半的议题在 2 天内有人回应. */
  explanation: string;
}

/** A large number with its name and a sentence saying what it means. */
export function NumberTile({ label, value, explanation }: NumberTileProps) {
  return (
    <View className="number-tile" role="group" aria-label={`${label}：${value}。${explanation}`}>
      <View className="number-tile__label">{label}</View>
      <View className="number-tile__value">{value}</View>
      <View className="number-tile__explanation">{explanation}</View>
    </View>
  );
}
