import type { MEETING_MODES, ScheduleMeetingBody } from '@shared/meetings/meetings.schema';
import type { AgendaDraftItem } from './agenda';

/**
 * The schedule form's fields as typed, their checks in the moderator's words,
 * and the request body they make. Date and time are Beijing time.
 */

export type MeetingMode = (typeof MEETING_MODES)[number];

export interface ScheduleForm {
  councilId?: number;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:mm */
  time: string;
  place: string;
  mode: MeetingMode;
  noticeDays: number;
  guests: { userId: number; name: string }[];
  agenda: AgendaDraftItem[];
}

export type ScheduleField = 'councilId' | 'title' | 'date' | 'time' | 'place' | 'agenda';
export type ScheduleErrors = Partial<Record<ScheduleField, string>>;

export const NOTICE_DAY_CHOICES = [1, 3, 5, 7] as const;

export function emptyScheduleForm(): ScheduleForm {
  return {
    title: '',
    date: '',
    time: '19:00',
    place: '',
    mode: 'offline',
    noticeDays: 3,
    guests: [],
    agenda: [],
  };
}

const DAY = 86_400_000;

/** The meeting's start as an ISO time, from a Beijing-time date and time; undefined when either is not valid. */
export function startsAtOf(date: string, time: string): string | undefined {
  const d = date.trim();
  const t = time.trim().replace('：', ':');
  const day = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(d);
  const clock = /^(\d{1,2}):(\d{2})$/.exec(t);
  if (!day || !clock) return undefined;
  const [year, month, dayOfMonth] = [Number(day[1]), Number(day[2]), Number(day[3])];
  const [hour, minute] = [Number(clock[1]), Number(clock[2])];
  if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > 31 || hour > 23 || minute > 59) return undefined;
  const at = Date.UTC(year, month - 1, dayOfMonth, hour - 8, minute);
  // 2月30日 and the like roll over into the next month: refuse them.
  const check = new Date(at + 8 * 3600_000);
  if (check.getUTCDate() !== dayOfMonth || check.getUTCMonth() !== month - 1) return undefined;
  return new Date(at).toISOString();
}

/**
 * Checks the form; on success also the body for `POST /api/meetings`. A
 * meeting less than `noticeDays` away could never have its notice published
 * in time, so that is refused here already.
 */
export function validateScheduleForm(
  form: ScheduleForm,
  now: number = Date.now(),
): { errors: ScheduleErrors; body?: ScheduleMeetingBody } {
  const errors: ScheduleErrors = {};
  const title = form.title.trim();
  const place = form.place.trim();
  if (form.councilId === undefined) errors.councilId = '请选择召开会议的议事会';
  if (title.length < 4) errors.title = '会议名称至少 4 个字';
  else if (title.length > 80) errors.title = '会议名称不超过 80 个字';
  const startsAt = startsAtOf(form.date, form.time);
  if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(form.date.trim())) errors.date = '请按“2026-12-20”的格式填写日期';
  else if (!/^\d{1,2}[:：]\d{2}$/.test(form.time.trim())) errors.time = '请按“19:30”的格式填写时间';
  else if (!startsAt) errors.date = '没有这一天或这个时间，请核对';
  else if (Date.parse(startsAt) <= now) errors.date = '会议时间应晚于现在';
  else if (Date.parse(startsAt) - now < form.noticeDays * DAY)
    errors.date = `会议通知须至少提前 ${form.noticeDays} 天发布，请把会议时间定在 ${form.noticeDays} 天以后，或缩短通知期`;
  if (place.length < 2) errors.place = '请填写会议地点，至少 2 个字';
  else if (place.length > 100) errors.place = '会议地点不超过 100 个字';
  if (form.agenda.length === 0) errors.agenda = '议程至少包含一个议题';
  if (Object.keys(errors).length > 0 || !startsAt || form.councilId === undefined) return { errors };
  return {
    errors,
    body: {
      councilId: form.councilId,
      title,
      startsAt,
      place,
      mode: form.mode,
      noticeDays: form.noticeDays,
      guestUserIds: form.guests.map((g) => g.userId),
      agenda: form.agenda.map((item) => ({ topicId: item.topicId, minutes: item.minutes })),
    },
  };
}
