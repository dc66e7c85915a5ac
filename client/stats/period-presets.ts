import {
  addDays,
  defaultPeriod,
  isCalendarDay,
  MAX_PERIOD_DAYS,
  monthEnd,
  monthStart,
  type Period,
  periodLabel,
} from '@shared/stats/period';
import { daysBetween, shanghaiDay } from '@shared/time';

/** The periods a committee usually reports on, in plain words; 自定义 opens two date pickers. */
export const PERIOD_PRESETS = [
  { value: 'this_month', label: '本月' },
  { value: 'last_month', label: '上月' },
  { value: 'this_quarter', label: '本季度' },
  { value: 'this_year', label: '今年' },
  { value: 'last_year', label: '去年' },
  { value: 'last_12_months', label: '近12个月' },
  { value: 'custom', label: '自定义' },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['value'];

/** The period of a preset on a given day (Asia/Shanghai); `custom` keeps the default. */
export function presetPeriod(preset: PeriodPreset, today: string = shanghaiDay()): Period {
  const year = today.slice(0, 4);
  switch (preset) {
    case 'this_month':
      return { from: monthStart(today), to: today };
    case 'last_month': {
      const from = monthStart(today, -1);
      return { from, to: monthEnd(from) };
    }
    case 'this_quarter': {
      const month = Number(today.slice(5, 7));
      return { from: monthStart(`${year}-01-01`, Math.floor((month - 1) / 3) * 3), to: today };
    }
    case 'this_year':
      return { from: `${year}-01-01`, to: today };
    case 'last_year': {
      const last = String(Number(year) - 1);
      return { from: `${last}-01-01`, to: `${last}-12-31` };
    }
    default:
      return defaultPeriod(today);
  }
}

/** The preset a period is, or `custom`. */
export function presetOf(period: Period, today: string = shanghaiDay()): PeriodPreset {
  const found = PERIOD_PRESETS.find(
    (p) =>
      p.value !== 'custom' &&
      presetPeriod(p.value, today).from === period.from &&
      presetPeriod(p.value, today).to === period.to,
  );
  return found?.value ?? 'custom';
}

export type CustomPeriodCheck = { ok: true; period: Period } | { ok: false; message: string };

/** Checks two picked days the way the server will: real days, in order, at most three years. */
export function checkCustomPeriod(from: string, to: string): CustomPeriodCheck {
  if (!isCalendarDay(from) || !isCalendarDay(to)) return { ok: false, message: '请选择开始和结束日期' };
  if (from > to) return { ok: false, message: '结束日期不能早于开始日期' };
  if (daysBetween(from, to) + 1 > MAX_PERIOD_DAYS) return { ok: false, message: '统计期间最长三年，请缩短期间' };
  return { ok: true, period: { from, to } };
}

/** The period in words for headings: 2026年1月1日至2026年6月30日 (one day: just that day). */
export function periodWords(period: Period): string {
  return period.from === period.to ? periodLabel(period).split('至')[0]! : periodLabel(period);
}

/** How many days a period has (shown next to the custom pickers). */
export function periodDays(period: Period): number {
  return daysBetween(period.from, addDays(period.to, 1));
}
