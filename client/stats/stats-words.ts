import type { Rate } from '@shared/stats/measures';
import type { StatsCore } from '@shared/stats/stats.schema';

/** The dashboard's numbers in plain words, for the tiles (one place, so tiles and tests agree). */

export function percentWords(rate: Rate | null): string {
  return rate && rate.percent !== null ? `${rate.percent}%` : '暂无';
}

export function daysWords(days: number | null): string {
  return days === null ? '暂无' : `${days} 天`;
}

/** 在 3 天内, or 当天 for 0. */
function withinDays(days: number): string {
  return days === 0 ? '当天就' : `在 ${days} 天内`;
}

export interface Tile {
  key: string;
  label: string;
  value: string;
  explanation: string;
}

/** The number tiles of a dashboard, in the order shown. */
export function statTiles(s: StatsCore): Tile[] {
  const t = s.topics;
  return [
    {
      key: 'submitted',
      label: '居民提交议题',
      value: `${t.submitted} 件`,
      explanation: '期间内提交（含网格员代录）的议题',
    },
    {
      key: 'firstResponse',
      label: '首次回应用时',
      value: daysWords(t.medianDaysToFirstResponse),
      explanation:
        t.medianDaysToFirstResponse === null
          ? '还没有议题得到回应'
          : `一半的议题${withinDays(t.medianDaysToFirstResponse)}得到社区或责任方回应（${t.respondedCount} 件的中位数）`,
    },
    {
      key: 'completion',
      label: '办结用时',
      value: daysWords(t.medianDaysToCompletion),
      explanation:
        t.medianDaysToCompletion === null
          ? '还没有办结的议题'
          : `一半办结的议题${withinDays(t.medianDaysToCompletion)}办结（${t.completedCount} 件的中位数）`,
    },
    {
      key: 'resolved',
      label: '办结率',
      value: percentWords(t.shareResolved),
      explanation: `已受理 ${t.shareResolved.denominator} 件，已办结 ${t.shareResolved.numerator} 件`,
    },
    {
      key: 'attendance',
      label: '议事会出席率',
      value: percentWords(s.meetings.attendance),
      explanation: `召开 ${s.meetings.held} 次，成员应到 ${s.meetings.attendance.denominator} 人次，实到 ${s.meetings.attendance.numerator} 人次`,
    },
    {
      key: 'participation',
      label: '居民参与率',
      value: percentWords(s.participation),
      explanation: `认证居民 ${s.participation.denominator} 人，其中 ${s.participation.numerator} 人提交、附议、投票或评价过`,
    },
    {
      key: 'satisfaction',
      label: '满意率',
      value: percentWords(s.satisfaction),
      explanation:
        s.satisfaction && s.satisfaction.denominator > 0
          ? `${s.satisfaction.denominator} 份评价中 ${s.satisfaction.numerator} 份打了 4 分或 5 分`
          : '期间内还没有居民评价',
    },
    {
      key: 'projects',
      label: '三社联动项目',
      value: s.projects ? `${s.projects.active} 个` : '暂无',
      explanation: s.projects
        ? `期间内在办的项目；开始实施 ${s.projects.started} 个，结项 ${s.projects.completed} 个`
        : '暂无项目数据',
    },
    {
      key: 'votes',
      label: '表决',
      value: `${s.votes.opened} 项`,
      explanation: `已结束 ${s.votes.closed} 项，通过 ${s.votes.passed} 项`,
    },
  ];
}
