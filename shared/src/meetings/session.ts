import { TIME_ZONE } from '../time';
import { MEETING_STATUS_LABELS, type MeetingStatus } from './meetings.schema';

/**
 * The meeting lifecycle (DESIGN.md §3.2) as a table: in which meeting states
 * each action is allowed and who takes it. The server refuses anything else
 * with the sentence `meetingActionRefusal` gives; the client shows only the
 * actions that make sense.
 */
export const MEETING_ACTIONS = [
  'announce',
  'cancel',
  'checkIn',
  'start',
  'openItem',
  'requestFloor',
  'addSpeaker',
  'grantFloor',
  'endSpeech',
  'withdrawSpeaker',
  'decideItem',
  'close',
  'editMinutes',
  'publishMinutes',
] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];

/** moderator: the community's committee staff; participant: an invitee who checked in. */
export type MeetingActor = 'moderator' | 'participant' | 'invitee';

export interface MeetingTransition {
  from: readonly MeetingStatus[];
  /** The status it leads to; `same` keeps it. */
  to: MeetingStatus | 'same';
  by: readonly MeetingActor[];
  label: string;
}

export const MEETING_TRANSITIONS: Record<MeetingAction, MeetingTransition> = {
  announce: { from: ['planned'], to: 'announced', by: ['moderator'], label: '发布会议通知' },
  cancel: { from: ['planned', 'announced'], to: 'cancelled', by: ['moderator'], label: '取消会议' },
  checkIn: { from: ['announced', 'in_session'], to: 'same', by: ['invitee', 'moderator'], label: '签到' },
  start: { from: ['announced'], to: 'in_session', by: ['moderator'], label: '开始会议' },
  openItem: { from: ['in_session'], to: 'same', by: ['moderator'], label: '开始讨论议题' },
  requestFloor: { from: ['in_session'], to: 'same', by: ['participant'], label: '申请发言' },
  addSpeaker: { from: ['in_session'], to: 'same', by: ['moderator'], label: '安排发言' },
  grantFloor: { from: ['in_session'], to: 'same', by: ['moderator'], label: '请人发言' },
  endSpeech: { from: ['in_session'], to: 'same', by: ['moderator', 'participant'], label: '结束发言' },
  withdrawSpeaker: { from: ['in_session'], to: 'same', by: ['moderator', 'participant'], label: '撤回发言申请' },
  decideItem: { from: ['in_session'], to: 'same', by: ['moderator'], label: '记录议题结论' },
  close: { from: ['in_session'], to: 'closed', by: ['moderator'], label: '结束会议' },
  editMinutes: { from: ['closed'], to: 'same', by: ['moderator'], label: '修改会议纪要' },
  publishMinutes: { from: ['closed'], to: 'minutes_published', by: ['moderator'], label: '公布会议纪要' },
};

/** Null when the action is allowed in this status, else the sentence that names the status. */
export function meetingActionRefusal(action: MeetingAction, status: MeetingStatus): string | null {
  const t = MEETING_TRANSITIONS[action];
  if (t.from.includes(status)) return null;
  return `会议当前为“${MEETING_STATUS_LABELS[status]}”，不能${t.label}`;
}

/** The actions a viewer in these capacities can take now (for showing buttons). */
export function availableMeetingActions(status: MeetingStatus, actors: readonly MeetingActor[]): MeetingAction[] {
  return MEETING_ACTIONS.filter((a) => {
    const t = MEETING_TRANSITIONS[a];
    return t.from.includes(status) && t.by.some((b) => actors.includes(b));
  });
}

/** A meeting may be started this long before its announced time. */
export const START_EARLY_MS = 2 * 3600 * 1000;

const clock = new Intl.DateTimeFormat('zh-CN', {
  timeZone: TIME_ZONE,
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});
const dayOnly = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * When a meeting may start: from two hours before its announced time until
 * the end of that day (Asia/Shanghai). Earlier would surprise the invitees
 * the notice told; a later day would hold it without a notice for that day,
 * so it must be cancelled and announced again. Null when it may start now.
 */
export function startRefusal(startsAt: Date, now: Date = new Date()): string | null {
  if (now.getTime() < startsAt.getTime() - START_EARLY_MS) {
    return `会议定于 ${clock.format(startsAt)} 开始，最早可提前 2 小时开始`;
  }
  if (dayOnly.format(now) > dayOnly.format(startsAt)) {
    return `会议原定于 ${dayOnly.format(startsAt)} 召开，日期已过，不能再开始；请取消后重新安排并发布通知`;
  }
  return null;
}

/** Speaking time a moderator may grant (seconds). */
export const SPEECH_SECONDS = { min: 30, max: 1800, default: 180 } as const;
