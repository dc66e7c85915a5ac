import { rate, topicMeasures } from '@shared/stats/measures';
import type { StatsCore, SubDistrictStats } from '@shared/stats/stats.schema';
import {
  categoryChartHeight,
  categoryOption,
  communityComparisonOption,
  monthAxisLabels,
  monthlyTopicsOption,
  percentText,
} from './chart-options';

const at = (day: string) => new Date(`${day}T02:00:00Z`);
const topics = topicMeasures(
  [
    {
      status: 'completed',
      category: '环境卫生',
      submittedAt: at('2026-01-05'),
      daysToFirstResponse: 1,
      daysToCompletion: 9,
    },
    {
      status: 'routed',
      category: '物业管理',
      submittedAt: at('2026-01-20'),
      daysToFirstResponse: 2,
      daysToCompletion: null,
    },
    {
      status: 'submitted',
      category: '物业管理',
      submittedAt: at('2026-03-02'),
      daysToFirstResponse: null,
      daysToCompletion: null,
    },
    {
      status: 'rejected',
      category: '其他',
      submittedAt: at('2026-03-03'),
      daysToFirstResponse: 0,
      daysToCompletion: null,
    },
  ],
  { from: '2026-01-01', to: '2026-03-31' },
);

type Series = { name: string; data: (number | null)[]; stack?: string };

describe('chart options', () => {
  test('month labels name the year only when the period spans years', () => {
    expect(monthAxisLabels(['2026-01', '2026-02'])).toEqual(['1月', '2月']);
    expect(monthAxisLabels(['2025-12', '2026-01'])).toEqual(['25年12月', '26年1月']);
  });

  test('monthly topics: one stacked series per status group, a bar per month', () => {
    const option = monthlyTopicsOption(topics);
    expect((option.xAxis as { data: string[] }).data).toEqual(['1月', '2月', '3月']);
    const series = option.series as Series[];
    expect(series.map((s) => s.name)).toEqual(['待受理', '办理中', '已办结', '未受理']);
    expect(series.every((s) => s.stack === 'topics')).toBe(true);
    const byName = Object.fromEntries(series.map((s) => [s.name, s.data]));
    expect(byName).toEqual({ 待受理: [0, 0, 1], 办理中: [1, 0, 0], 已办结: [1, 0, 0], 未受理: [0, 0, 1] });
    // Every month's stack adds up to the topics submitted that month.
    topics.byMonth.forEach((m, i) => {
      expect(series.reduce((sum, s) => sum + (s.data[i] ?? 0), 0)).toBe(m.submitted);
    });
  });

  test('categories: largest bar on top (ECharts draws the category axis bottom-up)', () => {
    const option = categoryOption(topics);
    expect((option.yAxis as { data: string[] }).data).toEqual(['其他', '环境卫生', '物业管理']);
    expect((option.series as Series[])[0]!.data).toEqual([1, 1, 2]);
    expect(categoryChartHeight(topics)).toBe(160);
  });

  test('sub-district comparison: percentages per community, gaps where nothing to divide', () => {
    const core = (resolved: [number, number], attendance: [number, number]): StatsCore => ({
      topics: { ...topics, shareResolved: rate(...resolved) },
      meetings: { held: 1, attendance: rate(...attendance) },
      votes: { opened: 0, closed: 0, passed: 0 },
      participation: rate(1, 4),
      satisfaction: null,
      projects: null,
    });
    const stats: SubDistrictStats = {
      subDistrict: { id: 1, name: '长青街道' },
      period: { from: '2026-01-01', to: '2026-03-31' },
      generatedAt: '2026-04-01T00:00:00Z',
      communities: [
        { community: { id: 1, name: '和平里社区' }, stats: core([2, 3], [0, 0]) },
        { community: { id: 2, name: '青石桥社区' }, stats: core([1, 2], [3, 4]) },
      ],
      totals: core([3, 5], [3, 4]),
    };
    const option = communityComparisonOption(stats);
    expect((option.xAxis as { data: string[] }).data).toEqual(['和平里社区', '青石桥社区']);
    const data = Object.fromEntries((option.series as Series[]).map((s) => [s.name, s.data]));
    expect(data).toEqual({ 办结率: [66.7, 50], 议事会出席率: [null, 75], 居民参与率: [25, 25] });
    expect(percentText(null)).toBe('暂无');
    expect(percentText(66.7)).toBe('66.7%');
  });
});
