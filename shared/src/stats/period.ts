import { z } from 'zod';
import { daysBetween, shanghaiDay } from '../time';

/**
 * A reporting period: every calendar day from `from` to `to`, both included,
 * in Asia/Shanghai (DESIGN.md §5). Ledgers and statistics count what happened
 * on those days.
 */
export interface Period {
  from: string;
  to: string;
}

/** The longest period a report covers (three years), so one request stays bounded. */
export const MAX_PERIOD_DAYS = 1096;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!DAY.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}

const daySchema = z.string().trim().refine(isCalendarDay, '日期应为 YYYY-MM-DD 格式的真实日期，例如 2026-01-31');

/**
 * Query of every ledger and statistics operation. Both days optional: the
 * default is the last twelve months (see defaultPeriod). Unknown keys are ignored.
 */
export const periodQuerySchema = z
  .object({ from: daySchema.optional(), to: daySchema.optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to) {
      if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
      else if (daysBetween(q.from, q.to) + 1 > MAX_PERIOD_DAYS) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: '统计期间最长三年，请缩短期间' });
      }
    }
  });
export type PeriodQuery = z.infer<typeof periodQuerySchema>;

/** The day `n` days after (or before, when negative) a YYYY-MM-DD day. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** The first day of the month `n` months after (before, when negative) the month of `day`. */
export function monthStart(day: string, n = 0): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7)) - 1 + n;
  const at = new Date(Date.UTC(y, m, 1));
  return at.toISOString().slice(0, 10);
}

/** The last day of the month of `day`. */
export function monthEnd(day: string): string {
  return addDays(monthStart(day, 1), -1);
}

/** The default period: the current month and the eleven before it, up to today. */
export function defaultPeriod(today: string = shanghaiDay()): Period {
  return { from: monthStart(today, -11), to: today };
}

/**
 * The period a query asks for: missing days filled in (from: twelve months
 * before `to`, capped to the maximum span; to: today, or the end of the
 * maximum span after `from`).
 */
export function resolvePeriod(query: PeriodQuery, today: string = shanghaiDay()): Period {
  if (query.from && query.to) return { from: query.from, to: query.to };
  if (query.to) return { from: monthStart(query.to, -11), to: query.to };
  if (query.from) {
    const latest = addDays(query.from, MAX_PERIOD_DAYS - 1);
    const to = today < query.from ? query.from : today > latest ? latest : today;
    return { from: query.from, to };
  }
  return defaultPeriod(today);
}

/** The months (YYYY-MM) the period touches, in order. */
export function monthsOf(period: Period): string[] {
  const months: string[] = [];
  for (let m = monthStart(period.from); m <= period.to; m = monthStart(m, 1)) months.push(m.slice(0, 7));
  return months;
}

/** Whether an instant falls on one of the period's days (Asia/Shanghai). */
export function inPeriod(at: Date, period: Period): boolean {
  const day = shanghaiDay(at);
  return day >= period.from && day <= period.to;
}

/** Asia/Shanghai has no daylight saving time: always UTC+8. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The period as UTC instants, for database queries: `start` is 00:00 of the
 * first day in Shanghai, `end` is 00:00 of the day after the last (exclusive).
 */
export function periodInstants(period: Period): { start: Date; end: Date } {
  return {
    start: new Date(Date.parse(`${period.from}T00:00:00Z`) - SHANGHAI_OFFSET_MS),
    end: new Date(Date.parse(`${addDays(period.to, 1)}T00:00:00Z`) - SHANGHAI_OFFSET_MS),
  };
}

/** The period in words: 2026年1月1日至2026年6月30日. */
export function periodLabel(period: Period): string {
  return `${dayLabel(period.from)}至${dayLabel(period.to)}`;
}

/** A day in words: 2026年1月1日. */
export function dayLabel(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** A month in words: 2026年1月. */
export function monthLabel(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}
