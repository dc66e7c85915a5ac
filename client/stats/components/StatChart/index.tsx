import { View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
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

type Resizable = { resize: () => void; isDisposed?: () => boolean };

/** One chart card: a heading, the canvas, and the same numbers in words for screen readers. */
export function StatChart({ title, option, height = 260, summary, empty }: StatChartProps) {
  const chart = useRef<Resizable | null>(null);
  // The web: follow the window's width (a phone turned sideways, a resized console window).
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return undefined;
    const onResize = () => {
      if (chart.current && !chart.current.isDisposed?.()) chart.current.resize();
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <View className="stat-chart" role="figure" aria-label={`${title}：${summary}`}>
      <View className="stat-chart__title">{title}</View>
      {empty ? (
        <View className="stat-chart__empty">{empty}</View>
      ) : (
        <View className="stat-chart__canvas" aria-hidden="true">
          {/* Only the height: the chart takes the card's width (a width here would be read as pixels). */}
          <Echarts
            echarts={echarts}
            option={option as never}
            style={{ height: `${height}px` }}
            onChartReady={(instance) => {
              chart.current = instance as unknown as Resizable;
            }}
          />
        </View>
      )}
    </View>
  );
}
