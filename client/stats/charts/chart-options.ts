import { STATUS_GROUP_LABELS, STATUS_GROUPS, type StatusGroup } from '@shared/stats/measures';
import type { StatsCore, SubDistrictStats } from '@shared/stats/stats.schema';

/**
 * ECharts options for the dashboards, built from the API's numbers. Pure
 * functions (tested without a canvas); large type and colours that differ in
 * lightness too, so the charts stay readable for elderly eyes and in print.
 */

export type ChartOption = Record<string, unknown>;

const FONT = 14;
export const GROUP_COLOURS: Record<StatusGroup, string> = {
  waiting: '#e0a100',
  in_progress: '#1a5a96',
  resolved: '#2e8b57',
  not_taken: '#9aa3ad',
};

/** Month labels: 3月, or 2025年12月 where the period spans several years. */
export function monthAxisLabels(months: readonly string[]): string[] {
  const years = new Set(months.map((m) => m.slice(0, 4)));
  return months.map((m) =>
    years.size > 1 ? `${Number(m.slice(2, 4))}年${Number(m.slice(5, 7))}月` : `${Number(m.slice(5, 7))}月`,
  );
}

const baseText = { textStyle: { fontSize: FONT, color: '#1f2933' } };

/** Topics submitted per month, stacked by what became of them. */
export function monthlyTopicsOption(topics: StatsCore['topics']): ChartOption {
  const months = topics.byMonth.map((m) => m.month);
  return {
    ...baseText,
    color: STATUS_GROUPS.map((g) => GROUP_COLOURS[g]),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    legend: { top: 0, itemGap: 16, textStyle: { fontSize: FONT } },
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: monthAxisLabels(months), axisLabel: { fontSize: FONT } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: FONT } },
    series: STATUS_GROUPS.map((g) => ({
      name: STATUS_GROUP_LABELS[g],
      type: 'bar',
      stack: 'topics',
      barMaxWidth: 36,
      data: topics.byMonth.map((m) => m.byGroup[g]),
    })),
  };
}

/** Topics per category, largest first, as horizontal bars with the count at the end. */
export function categoryOption(topics: StatsCore['topics']): ChartOption {
  const rows = [...topics.byCategory].sort((a, b) => a.count - b.count);
  return {
    ...baseText,
    color: ['#1a5a96'],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: FONT } },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisLabel: { fontSize: FONT } },
    series: [
      {
        name: '议题数',
        type: 'bar',
        barMaxWidth: 28,
        data: rows.map((r) => r.count),
        label: { show: true, position: 'right', fontSize: FONT },
      },
    ],
  };
}

/** Height for the category chart: 40 px a row, at least 160. */
export function categoryChartHeight(topics: StatsCore['topics']): number {
  return Math.max(160, topics.byCategory.length * 40 + 24);
}

/** Sub-district: per community, the share resolved, attendance and participation in percent. */
export function communityComparisonOption(stats: SubDistrictStats): ChartOption {
  const rows = stats.communities;
  const series = [
    { name: '办结率', pick: (s: StatsCore) => s.topics.shareResolved.percent, colour: '#2e8b57' },
    { name: '议事会出席率', pick: (s: StatsCore) => s.meetings.attendance.percent, colour: '#1a5a96' },
    { name: '居民参与率', pick: (s: StatsCore) => s.participation.percent, colour: '#e0a100' },
  ];
  return {
    ...baseText,
    color: series.map((s) => s.colour),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: percentText },
    legend: { top: 0, itemGap: 16, textStyle: { fontSize: FONT } },
    grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => r.community.name),
      axisLabel: { fontSize: FONT, interval: 0 },
    },
    yAxis: { type: 'value', max: 100, axisLabel: { fontSize: FONT, formatter: '{value}%' } },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      barMaxWidth: 24,
      data: rows.map((r) => s.pick(r.stats)),
    })),
  };
}

/** 66.7%, or 暂无 when there is nothing to divide by. */
export function percentText(value: unknown): string {
  return typeof value === 'number' ? `${value}%` : '暂无';
}
