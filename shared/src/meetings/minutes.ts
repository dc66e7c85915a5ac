import { z } from 'zod';
import { TIME_ZONE } from '../time';
import { MEETING_MODE_LABELS, MEETING_STATUSES } from './meetings.schema';

/**
 * Meeting minutes (会议纪要): drafted from the agenda, attendance, speakers
 * and decisions when the meeting closes, edited by the moderator, then
 * published (public, immutable). The draft is plain Chinese text in numbered
 * sections, so it reads the same in the mini-program, on paper and in an export.
 */

export const MINUTES_MAX_CHARS = 15_000;

export const editMinutesBodySchema = z
  .object({
    text: z.string().trim().min(20, '纪要内容至少 20 个字').max(MINUTES_MAX_CHARS),
    /** The revision the edit started from; a newer one on the server means someone else edited meanwhile. */
    revision: z.number().int().min(1).max(1_000_000),
  })
  .strict();

export const minutesViewSchema = z.object({
  meetingId: z.number().int(),
  meetingTitle: z.string(),
  meetingStatus: z.enum(MEETING_STATUSES),
  text: z.string(),
  /** 1 for the draft, +1 per edit. */
  revision: z.number().int(),
  published: z.boolean(),
  draftedAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.string().nullable(),
});
export type MinutesView = z.infer<typeof minutesViewSchema>;

export interface MinutesVote {
  title: string;
  status: 'draft' | 'open' | 'closed';
  voters: number;
  entitled: number;
  /** The tally's output (general or owners' shape), when known. */
  result: Record<string, unknown> | null;
}

export interface MinutesInput {
  title: string;
  startsAt: Date;
  startedAt: Date | null;
  closedAt: Date | null;
  place: string;
  mode: keyof typeof MEETING_MODE_LABELS;
  /** Masked names. */
  moderator: string | null;
  council: { name: string; label: string; present: boolean }[];
  guests: { name: string; present: boolean }[];
  quorumMet: boolean;
  items: {
    position: number;
    title: string;
    minutes: number;
    status: 'pending' | 'open' | 'done' | 'skipped';
    speakers: { name: string; label: string; seconds: number | null }[];
    votes: MinutesVote[];
    outcome: 'decided' | 'no_decision' | null;
    resolution: string;
  }[];
}

const CN_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (n: number): string =>
  n <= 10
    ? CN_NUMBERS[n - 1]!
    : n < 20
      ? `十${CN_NUMBERS[n - 11]}`
      : `${CN_NUMBERS[Math.floor(n / 10) - 1]}十${n % 10 ? CN_NUMBERS[(n % 10) - 1] : ''}`;

const dateTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const timeOnly = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const listOrNone = (names: string[]): string => (names.length > 0 ? names.join('、') : '无');

/** A vote's outcome in one sentence. */
export function describeVoteResult(vote: MinutesVote): string {
  const head = `表决「${vote.title}」`;
  if (vote.status !== 'closed' || !vote.result) return `${head}：参与 ${vote.voters}/${vote.entitled}，尚未结束`;
  const r = vote.result as Record<string, unknown>;
  const verdict = r.passed === true ? '通过' : r.quorumMet === false ? '参与人数未达法定要求，未通过' : '未通过';
  if (typeof r.yes === 'object' && r.yes !== null) {
    const yes = r.yes as { owners?: unknown; area?: unknown };
    const part = (r.participating ?? {}) as { owners?: unknown; area?: unknown };
    return `${head}：参与业主 ${String(part.owners)} 人、面积 ${String(part.area)} ㎡，同意 ${String(yes.owners)} 人、${String(yes.area)} ㎡；${verdict}`;
  }
  const count = (k: string) => String(r[k] ?? 0);
  return `${head}：同意 ${count('yes')} 票，反对 ${count('no')} 票，弃权 ${count('abstain')} 票（参与 ${vote.voters}/${vote.entitled}）；${verdict}`;
}

/** The first draft of the minutes: basic facts, attendance, agenda, each item's discussion and conclusion. */
export function draftMinutes(m: MinutesInput): string {
  const lines: string[] = [];
  lines.push(`${m.title} 会议纪要`, '');
  lines.push('一、会议基本情况');
  const span =
    m.startedAt && m.closedAt
      ? `（实际 ${timeOnly.format(m.startedAt)} 开始，${timeOnly.format(m.closedAt)} 结束）`
      : '';
  lines.push(`时间：${dateTime.format(m.startsAt)}${span}`);
  lines.push(`地点：${m.place}（${MEETING_MODE_LABELS[m.mode]}）`);
  if (m.moderator) lines.push(`主持：${m.moderator}`);
  const present = m.council.filter((c) => c.present);
  lines.push(
    `应到议事会成员 ${m.council.length} 人，实到 ${present.length} 人，${m.quorumMet ? '超过半数，符合议事规则' : '未超过半数，未达到议事规则要求的人数'}。`,
  );
  lines.push('');
  lines.push('二、出席情况');
  lines.push(`出席：${listOrNone(present.map((c) => `${c.name}（${c.label}）`))}`);
  lines.push(`缺席：${listOrNone(m.council.filter((c) => !c.present).map((c) => `${c.name}（${c.label}）`))}`);
  const guests = m.guests.filter((g) => g.present);
  lines.push(`列席：${listOrNone(guests.map((g) => g.name))}`);
  lines.push('');
  lines.push('三、会议议程');
  for (const item of m.items) lines.push(`${item.position}. ${item.title}（安排 ${item.minutes} 分钟）`);
  lines.push('');
  lines.push('四、议题讨论与结论');
  const discussed = m.items.filter((i) => i.status === 'done');
  if (discussed.length === 0) lines.push('本次会议未讨论议题。');
  discussed.forEach((item, index) => {
    lines.push(`（${cn(index + 1)}）${item.title}`);
    lines.push(
      `发言：${listOrNone(
        item.speakers.map(
          (s) => `${s.name}（${s.label}${s.seconds ? `，${Math.round(s.seconds / 60) || 1} 分钟` : ''}）`,
        ),
      )}`,
    );
    for (const vote of item.votes) lines.push(describeVoteResult(vote));
    if (item.outcome === 'decided') lines.push(`决议：${item.resolution}`);
    else lines.push(`结论：未形成决议${item.resolution ? `。${item.resolution}` : ''}`);
    lines.push('');
  });
  const skipped = m.items.filter((i) => i.status !== 'done');
  if (skipped.length > 0) {
    lines.push('五、未讨论事项');
    for (const item of skipped) lines.push(`${item.position}. ${item.title}（移出本次议程，另行安排）`);
    lines.push('');
  }
  lines.push('本纪要根据会议记录整理，经主持人审定后公布。');
  return lines.join('\n');
}
