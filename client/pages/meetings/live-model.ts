import { describeQuorum } from '@shared/meetings/attendance';
import type { LiveSpeaker, LiveState, LiveVote } from '@shared/meetings/live.schema';
import type { LiveStatus } from '@/services/live';

/**
 * What the live meeting pages (the participants' view and the moderator's
 * control) read out of a live state: the connection in words, the speaker's
 * countdown on the server's clock, the viewer's place on the list of
 * speakers, the vote on screen and its tally, and the moderator's next step.
 * Pure functions, so the pages stay thin and the rules are tested once.
 */

export type Connection = LiveStatus['mode'];

/** The connection indicator: 实时 (socket), 重新连接中, 轮询 (the fallback), 已断开. */
export function connectionLabel(mode: Connection): { text: string; tone: 'live' | 'waiting' | 'fallback' | 'off' } {
  switch (mode) {
    case 'socket':
      return { text: '实时', tone: 'live' };
    case 'polling':
      return { text: '轮询', tone: 'fallback' };
    case 'stopped':
      return { text: '已断开', tone: 'off' };
    default:
      return { text: '重新连接中', tone: 'waiting' };
  }
}

/** A sentence for screen readers and the title of the indicator. */
export function connectionHint(mode: Connection): string {
  switch (mode) {
    case 'socket':
      return '实时连接：会场的变化会立即显示';
    case 'polling':
      return '实时连接不可用，正在定时刷新：变化会稍晚几秒显示';
    case 'stopped':
      return '已停止更新';
    default:
      return '正在连接会场，请稍候';
  }
}

/** The phone's clock minus the server's, measured when a state arrived (phones' clocks are often off). */
export function clockSkew(state: Pick<LiveState, 'serverTime'>, receivedAt: number): number {
  const server = Date.parse(state.serverTime);
  return Number.isNaN(server) ? 0 : receivedAt - server;
}

/** Seconds the speaker has left (negative when over time), on the server's clock; null without a granted time. */
export function secondsLeft(speaker: Pick<LiveSpeaker, 'startedAt' | 'seconds'>, now: number, skew: number) {
  if (!speaker.startedAt || speaker.seconds === null) return null;
  const elapsed = (now - skew - Date.parse(speaker.startedAt)) / 1000;
  return Math.ceil(speaker.seconds - elapsed);
}

/** 2:05, or 超时 0:40 when over time. */
export function formatCountdown(seconds: number): string {
  const abs = Math.abs(seconds);
  const text = `${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
  return seconds < 0 ? `超时 ${text}` : text;
}

/** 剩余 2 分 5 秒 / 已超时 40 秒: the countdown for screen readers. */
export function describeCountdown(seconds: number): string {
  const abs = Math.abs(seconds);
  const minutes = Math.floor(abs / 60);
  const rest = abs % 60;
  const text = minutes > 0 ? `${minutes} 分${rest > 0 ? ` ${rest} 秒` : '钟'}` : `${rest} 秒`;
  return seconds < 0 ? `已超时 ${text}` : `剩余 ${text}`;
}

/** The viewer on the list of speakers: waiting (with their place in the queue), speaking, or not listed. */
export function myFloor(
  state: Pick<LiveState, 'speakers'>,
  userId: number | undefined,
): { kind: 'none' } | { kind: 'waiting'; speakerId: number; place: number } | { kind: 'speaking'; speakerId: number } {
  if (userId === undefined) return { kind: 'none' };
  const { current, queue } = state.speakers;
  if (current?.userId === userId) return { kind: 'speaking', speakerId: current.id };
  const index = queue.findIndex((s) => s.userId === userId);
  const mine = queue[index];
  return mine ? { kind: 'waiting', speakerId: mine.id, place: index + 1 } : { kind: 'none' };
}

/** The vote the screen is about: the open one, else the last one closed (its result). */
export function voteOnScreen(state: Pick<LiveState, 'votes'>): LiveVote | undefined {
  const open = state.votes.find((v) => v.status === 'open');
  return open ?? [...state.votes].reverse().find((v) => v.status === 'closed');
}

/** 已投 2 / 应到 3 人 — participation counts checked-in seat holders against the council's seats. */
export function participationText(vote: Pick<LiveVote, 'participation'>): string {
  return `已投票 ${vote.participation.voters} / ${vote.participation.entitled} 人`;
}

/** 同意 2 · 反对 1 · 弃权 0, from a yes/no/abstain result (hidden results give undefined). */
export function tallyText(vote: Pick<LiveVote, 'result'>): string | undefined {
  const r = vote.result;
  if (!r || typeof r.yes !== 'number') return undefined;
  return `同意 ${r.yes} · 反对 ${r.no as number} · 弃权 ${r.abstain as number}`;
}

/** 通过 / 未通过 / 未达到法定人数 for a closed vote with a result. */
export function verdictText(vote: Pick<LiveVote, 'result' | 'status'>): string | undefined {
  const r = vote.result;
  if (vote.status !== 'closed' || !r || typeof r.passed !== 'boolean') return undefined;
  if (r.quorumMet === false) return '未通过（参与人数不足）';
  return r.passed ? '通过' : '未通过';
}

/** Attendance in a sentence, from the live state. */
export function attendanceText(state: Pick<LiveState, 'attendance'>): string {
  return describeQuorum(state.attendance);
}

/** The agenda item to open next: the first still pending. */
export function nextPendingItem(state: Pick<LiveState, 'agenda'>) {
  return state.agenda.find((item) => item.status === 'pending');
}

/**
 * What the moderator should do now, as a hint above the controls:
 * start, open an item, run the item (speakers, vote), record its conclusion,
 * move on, close, then the minutes.
 */
export function moderatorStep(state: LiveState): string {
  switch (state.status) {
    case 'planned':
      return '会议通知尚未发布，发布后才能开始会议。';
    case 'announced':
      return state.attendance.quorumMet
        ? '已达法定人数，可以开始会议。'
        : `${attendanceText(state)}。未达法定人数也可以开始，但表决结果可能无效。`;
    case 'in_session': {
      if (state.currentItem) {
        if (state.votes.some((v) => v.status === 'open')) return '表决进行中：大家投票后，结束表决。';
        return '议题讨论中：安排发言、发起表决，讨论结束后记录结论。';
      }
      const next = nextPendingItem(state);
      return next ? `请开始下一个议题：${next.title}` : '议程已全部讨论，可以结束会议。';
    }
    case 'closed':
      return '会议已结束：请核对会议纪要并公布。';
    case 'minutes_published':
      return '会议纪要已公布。';
    default:
      return state.statusLabel;
  }
}

/** For participants: the line under the meeting's title. */
export function participantStep(state: LiveState): string {
  switch (state.status) {
    case 'announced':
      return '会议尚未开始，开始后本页会自动显示会议进程。';
    case 'in_session':
      if (state.currentItem) return `正在讨论第 ${state.currentItem.position} 项议题`;
      return nextPendingItem(state) ? '请稍候，主持人即将开始下一个议题' : '议程已讨论完毕，请稍候';
    case 'closed':
      return '会议已结束，会议纪要整理后公布。';
    case 'minutes_published':
      return '会议已结束，会议纪要已公布。';
    case 'cancelled':
      return '会议已取消。';
    default:
      return state.statusLabel;
  }
}
