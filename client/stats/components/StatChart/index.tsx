import { View } from '@tarojs/components';
import Echarts from 'taro-react-echarts';
import type { ChartOption } from '../../charts/chart-options';
import { echarts } from '../../charts/echarts';
import './index.css';

interface StatChartProps {
  /** Heading above the chart. */
  title: string;
  option: ChartOption;
  /** Chart height in px. */
  height?: number;
  /** The chart's numbers in one sentence, for screen readers (charts are pictures to them). */
  summary: string;
  /** Shown instead of an empty chart. */
  empty?: string | null;
}

/** One chart card: a heading, the canvas, and the same numbers in words for screen readers. */
export function StatChart({ title, option, height = 260, summary, empty }: StatChartProps) {
  return (
    <View className="stat-chart" role="figure" aria-label={`${title}：${summary}`}>
      <View className="stat-chart__title">{title}</View>
      {empty ? (
        <View className="stat-chart__empty">{empty}</View>
      ) : (
        <View className="stat-chart__canvas" aria-hidden="true">
          <Echarts echarts={echarts} option={option as never} style={{ width: '100%', height: `${height}px` }} />
        </View>
      )}
    </View>
  );
}
