/**
 * Rules of the outcomes stage (DESIGN.md §1 mechanism 5): publicity periods,
 * overdue implementation items and the satisfaction rate. Pure functions,
 * shared by the server (which decides) and the client (which shows hints).
 * Every day count is a calendar day in Asia/Shanghai.
 */
import { shanghaiDay } from '../time';

export const DEFAULT_PUBLICITY_DAYS = 5;
export const DEFAULT_EVALUATION_DAYS = 14;

/** Whether `day` is a real calendar day written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const at = Date.parse(`${day}T00:00:00Z`);
  return !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === day;
}

/** The day `days` calendar days after `day` (YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const at = new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
  return at.toISOString().slice(0, 10);
}

/** 00:00 in Asia/Shanghai (UTC+8, no daylight saving) of a calendar day, as an instant. */
export function startOfShanghaiDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00+08:00`));
}

/**
 * A period of `days` calendar days starting on the day of `from`: it ends at
 * the end of its last day (`lastDay`), i.e. at 00:00 Asia/Shanghai of the next
 * day (`endsAt`). Published on 5月1日 for 5 days: open through 5月6日.
 */
export function periodEnd(from: Date, days: number): { lastDay: string; endsAt: Date } {
  const lastDay = addDays(shanghaiDay(from), days);
  return { lastDay, endsAt: startOfShanghaiDay(addDays(lastDay, 1)) };
}

/** Whole days left in a period ending at `endsAt` (0 on its last day, negative after). */
export function daysLeft(lastDay: string, now: Date = new Date()): number {
  return Math.round((Date.parse(`${lastDay}T00:00:00Z`) - Date.parse(`${shanghaiDay(now)}T00:00:00Z`)) / 86_400_000);
}

/** A due date (YYYY-MM-DD) is overdue once its day has passed in Asia/Shanghai and the item is not done. */
export function isOverdue(dueDate: string, done: boolean, now: Date = new Date()): boolean {
  return !done && dueDate < shanghaiDay(now);
}

/** Scores 4 and 5 count as satisfied. */
export const SATISFIED_MIN_SCORE = 4;

export interface SatisfactionSummary {
  /** Number of evaluations. */
  total: number;
  /** Evaluations with a score of 4 or 5. */
  satisfied: number;
  /** Count per score, index 0 = score 1 … index 4 = score 5. */
  distribution: [number, number, number, number, number];
  /** `satisfied/total`, exact (e.g. "4/5"); null without evaluations. */
  rate: string | null;
  /** The share as a percentage with one decimal, rounded half up with integer arithmetic (e.g. "80.0%"). */
  percent: string | null;
}

/** The satisfaction rate = share of 4s and 5s among all evaluations, in exact integers. */
export function satisfactionOf(scores: readonly number[]): SatisfactionSummary {
  const distribution: [number, number, number, number, number] = [0, 0, 0, 0, 0];
  for (const s of scores) if (Number.isInteger(s) && s >= 1 && s <= 5) distribution[s - 1]! += 1;
  const total = distribution.reduce((a, b) => a + b, 0);
  const satisfied = distribution[3] + distribution[4];
  return {
    total,
    satisfied,
    distribution,
    rate: total ? `${satisfied}/${total}` : null,
    percent: percentText(satisfied, total),
  };
}

/** `part/whole` as a percentage with one decimal, half up, integers only; null when whole is 0. */
export function percentText(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  const tenths = Math.floor((part * 2000 + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}

export const EVALUATION_LABELS: Record<number, string> = {
  1: '很不满意',
  2: '不满意',
  3: '一般',
  4: '满意',
  5: '很满意',
};
