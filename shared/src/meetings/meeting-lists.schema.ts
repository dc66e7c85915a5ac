import { z } from 'zod';
import { TOPIC_STATUSES } from '../topics/topic-states';
import { MEETING_MODES, MEETING_STATUSES } from './meetings.schema';

/**
 * The lists the meeting pages read: the community's meetings by time (paged),
 * the invitees with their attendance for the moderator's roll call, and the
 * topics a moderator may put on an agenda.
 */

export const MEETING_PAGE_DEFAULT = 10;
export const MEETING_PAGE_MAX = 50;

/** `upcoming`: not yet closed, soonest first. `past`: closed, latest first. */
export const MEETING_LIST_WHEN = ['upcoming', 'past'] as const;
export type MeetingListWhen = (typeof MEETING_LIST_WHEN)[number];

export const meetingListQuerySchema = z
  .object({
    when: z.enum(MEETING_LIST_WHEN).default('upcoming'),
    /** The previous page's `nextCursor`. */
    cursor: z
      .string()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, '翻页参数无效，请重新加载列表')
      .optional(),
    limit: z.coerce.number().int().min(1).max(MEETING_PAGE_MAX).default(MEETING_PAGE_DEFAULT),
  })
  .strict();
export type MeetingListQuery = z.infer<typeof meetingListQuerySchema>;

/** What anyone may read about a meeting in a list: no invitees, no check-in code. */
export const meetingSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  mode: z.enum(MEETING_MODES),
  status: z.enum(MEETING_STATUSES),
  statusLabel: z.string(),
  councilName: z.string(),
  agendaCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingPageSchema = z.object({
  items: z.array(meetingSummarySchema),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});
export type MeetingPage = z.infer<typeof meetingPageSchema>;

/** An invitee as the community's moderators see them for the roll call (real name when known). */
export const meetingInviteeSchema = z.object({
  userId: z.number().int(),
  name: z.string(),
  role: z.enum(['council', 'guest']),
  present: z.boolean(),
  method: z.enum(['code', 'roll_call']).nullable(),
  checkedInAt: z.string().nullable(),
});
export type MeetingInviteeView = z.infer<typeof meetingInviteeSchema>;

/** A topic that may be put on a meeting's agenda. */
export const agendaCandidateSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(TOPIC_STATUSES),
  statusLabel: z.string(),
  category: z.string(),
  cosignCount: z.number().int(),
});
export type AgendaCandidate = z.infer<typeof agendaCandidateSchema>;
