import { daysBetween, shanghaiDay } from '../time';
import { TOPIC_STATUS_LABELS, TOPIC_STATUSES, type TopicStatus } from '../topics/topic-states';
import { monthsOf, type Period } from './period';

/**
 * The measures of the ledgers and dashboards, defined once (README
 * "Ledgers and statistics" says the same in words). Pure functions: the
 * server gathers the facts, these turn them into numbers.
 *
 * - Cohort: the topics submitted in the period (their submission day, in
 *   Asia/Shanghai, falls in it); status means the status when the report is made.
 * - Days to first response: calendar days in Asia/Shanghai from the day a topic
 *   was submitted to the day of its first response (see isResponse). 0 = the same day.
 * - Days to completion: calendar days from submission to the first time the
 *   topic reached `completed` (the completion report).
 * - Median: of those whole numbers, over the cohort topics that have one; the
 *   mean of the two middle values when their count is even, so at most one decimal.
 * - Share resolved: cohort topics now completed or closed, over cohort topics the
 *   committee took on (every status except submitted, returned, rejected, merged, lapsed).
 * - Meeting attendance: council invitees checked in, over council invitees, summed
 *   over the meetings held in the period (start day in it, start time passed, notice published).
 * - Participation: verified residents (approved unit claim and active membership in
 *   the community, now) who submitted, co-signed, voted or evaluated in the period,
 *   over all verified residents.
 * - Satisfaction: evaluations of 4 or 5, over all evaluations made in the period.
 * - Every rate is given as numerator, denominator and a percentage with one
 *   decimal (null when the denominator is 0).
 */

/** Statuses that mean the committee took the topic on (the denominator of the share resolved). */
export const TAKEN_ON_STATUSES: readonly TopicStatus[] = TOPIC_STATUSES.filter(
  (s) => !['submitted', 'returned', 'rejected', 'merged', 'lapsed'].includes(s),
);

/** Statuses that count as resolved (the numerator). */
export const RESOLVED_STATUSES: readonly TopicStatus[] = ['completed', 'closed'];

/** Timeline actions that are the resident's own or the submission itself, never a response. */
const NOT_RESPONSES = new Set(['submit', 'submit_on_behalf', 'resubmit']);
/** Actor roles that never respond (the author, timers). */
const NON_RESPONDING_ROLES = new Set(['resident', 'owner', 'system']);

/** A timeline entry as the first-response rule sees it. */
export interface TimelineFact {
  action: string;
  actorRole: string;
  at: Date;
  /** True on the entry a merge leaves on the topic another one was merged into (not a response to it). */
  mergedFromOther?: boolean;
  toStatus?: string | null;
}

/**
 * Whether a timeline entry is a response to the topic: any entry made by
 * committee staff or a responsible party (accept, return, reject, merge, route,
 * take on, answer, escalate, send back, schedule …), but not the submission,
 * the author's resubmission, a timer, or the note a merge leaves on the target.
 */
export function isResponse(event: TimelineFact): boolean {
  return !NOT_RESPONSES.has(event.action) && !NON_RESPONDING_ROLES.has(event.actorRole) && !event.mergedFromOther;
}

/** Days from submission to the first response, or null when there was none. */
export function daysToFirstResponse(submittedAt: Date, events: readonly TimelineFact[]): number | null {
  let first: Date | null = null;
  for (const e of events) if (isResponse(e) && (!first || e.at < first)) first = e.at;
  return first ? daysBetween(shanghaiDay(submittedAt), shanghaiDay(first)) : null;
}

/** Days from submission to the first move into `completed`, or null. */
export function daysToCompletion(submittedAt: Date, events: readonly TimelineFact[]): number | null {
  let first: Date | null = null;
  for (const e of events) if (e.toStatus === 'completed' && (!first || e.at < first)) first = e.at;
  return first ? daysBetween(shanghaiDay(submittedAt), shanghaiDay(first)) : null;
}

/** Median of whole numbers, at most one decimal; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const m = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(m * 10) / 10;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator in percent, one decimal (half up); null when the denominator is 0. */
  percent: number | null;
}

/** A rate with its parts. Integer arithmetic, so 2/3 is 66.7 everywhere. */
export function rate(numerator: number, denominator: number): Rate {
  return {
    numerator,
    denominator,
    percent: denominator > 0 ? Math.floor((numerator * 2000 + denominator) / (2 * denominator)) / 10 : null,
  };
}

/** Sums rates' parts (the sub-district's totals pool the communities, never average their percentages). */
export function sumRates(rates: readonly Rate[]): Rate {
  return rate(
    rates.reduce((s, r) => s + r.numerator, 0),
    rates.reduce((s, r) => s + r.denominator, 0),
  );
}

/** The four groups the charts stack topics by. */
export const STATUS_GROUPS = ['waiting', 'in_progress', 'resolved', 'not_taken'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];
export const STATUS_GROUP_LABELS: Record<StatusGroup, string> = {
  waiting: '待受理',
  in_progress: '办理中',
  resolved: '已办结',
  not_taken: '未受理',
};

export function statusGroupOf(status: TopicStatus): StatusGroup {
  if (status === 'submitted' || status === 'returned') return 'waiting';
  if (RESOLVED_STATUSES.includes(status)) return 'resolved';
  if (status === 'rejected' || status === 'merged' || status === 'lapsed') return 'not_taken';
  return 'in_progress';
}

/** One topic of the cohort, as the statistics need it. */
export interface TopicFact {
  status: TopicStatus;
  category: string;
  submittedAt: Date;
  daysToFirstResponse: number | null;
  daysToCompletion: number | null;
}

export interface CountRow {
  key: string;
  label: string;
  count: number;
}

export interface MonthRow {
  /** YYYY-MM */
  month: string;
  submitted: number;
  byGroup: Record<StatusGroup, number>;
}

export interface TopicMeasures {
  submitted: number;
  byStatus: CountRow[];
  byCategory: CountRow[];
  byMonth: MonthRow[];
  medianDaysToFirstResponse: number | null;
  /** How many topics the median is over. */
  respondedCount: number;
  medianDaysToCompletion: number | null;
  completedCount: number;
  shareResolved: Rate;
}

/** Topic measures of a cohort: counts by status, category and month, medians, share resolved. */
export function topicMeasures(
  topics: readonly TopicFact[],
  period: Period,
  categories: readonly string[] = [],
): TopicMeasures {
  const byStatus = new Map<TopicStatus, number>();
  const byCategory = new Map<string, number>();
  const months = new Map<string, MonthRow>(
    monthsOf(period).map((month) => [
      month,
      { month, submitted: 0, byGroup: { waiting: 0, in_progress: 0, resolved: 0, not_taken: 0 } },
    ]),
  );
  const firstResponse: number[] = [];
  const completion: number[] = [];
  let takenOn = 0;
  let resolved = 0;
  for (const t of topics) {
    byStatus.set(t.status, (byStatus.get(t.status) ?? 0) + 1);
    byCategory.set(t.category, (byCategory.get(t.category) ?? 0) + 1);
    const row = months.get(shanghaiDay(t.submittedAt).slice(0, 7));
    if (row) {
      row.submitted++;
      row.byGroup[statusGroupOf(t.status)]++;
    }
    if (t.daysToFirstResponse !== null) firstResponse.push(t.daysToFirstResponse);
    if (t.daysToCompletion !== null) completion.push(t.daysToCompletion);
    if (TAKEN_ON_STATUSES.includes(t.status)) takenOn++;
    if (RESOLVED_STATUSES.includes(t.status)) resolved++;
  }
  const categoryOrder = [...categories, ...[...byCategory.keys()].filter((c) => !categories.includes(c)).sort()];
  return {
    submitted: topics.length,
    byStatus: TOPIC_STATUSES.filter((s) => byStatus.has(s)).map((s) => ({
      key: s,
      label: TOPIC_STATUS_LABELS[s],
      count: byStatus.get(s)!,
    })),
    byCategory: categoryOrder
      .filter((c) => byCategory.has(c))
      .map((c) => ({ key: c, label: c, count: byCategory.get(c)! })),
    byMonth: [...months.values()],
    medianDaysToFirstResponse: median(firstResponse),
    respondedCount: firstResponse.length,
    medianDaysToCompletion: median(completion),
    completedCount: completion.length,
    shareResolved: rate(resolved, takenOn),
  };
}
