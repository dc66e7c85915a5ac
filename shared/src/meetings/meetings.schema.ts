import { z } from 'zod';

export const MEETING_MODES = ['offline', 'online', 'hybrid'] as const;
export const MEETING_MODE_LABELS: Record<(typeof MEETING_MODES)[number], string> = {
  offline: '线下',
  online: '线上',
  hybrid: '线上线下结合',
};
/** DESIGN.md §3.2: planned → announced → in session → closed → minutes published (or cancelled before it starts). */
export const MEETING_STATUSES = [
  'planned',
  'announced',
  'in_session',
  'closed',
  'minutes_published',
  'cancelled',
] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: '筹备中',
  announced: '已发布通知',
  in_session: '会议进行中',
  closed: '已结束',
  minutes_published: '纪要已公布',
  cancelled: '已取消',
};

const id = z.number().int().positive().max(2_147_483_647);

export const scheduleMeetingBodySchema = z
  .object({
    title: z.string().trim().min(4).max(80),
    councilId: id,
    startsAt: z.iso.datetime(),
    place: z.string().trim().min(2).max(100),
    mode: z.enum(MEETING_MODES),
    /** The notice goes out at least this many days before the meeting. */
    noticeDays: z.number().int().min(0).max(30).default(3),
    guestUserIds: z.array(id).max(50).default([]),
    agenda: z
      .array(z.object({ topicId: id, minutes: z.number().int().min(5).max(180) }).strict())
      .min(1, '议程至少包含一个议题')
      .max(20),
  })
  .strict();
export type ScheduleMeetingBody = z.infer<typeof scheduleMeetingBodySchema>;

export const checkInBodySchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Z2-9]{6}$/i, '签到码是 6 位字母或数字'),
  })
  .strict();
export const rollCallBodySchema = z.object({ userId: id }).strict();

export const meetingViewSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  councilId: z.number().int(),
  title: z.string(),
  startsAt: z.string(),
  place: z.string(),
  mode: z.enum(MEETING_MODES),
  status: z.enum(MEETING_STATUSES),
  statusLabel: z.string(),
  noticeDays: z.number().int(),
  announcedAt: z.string().nullable(),
  agenda: z.array(
    z.object({
      id: z.number().int(),
      position: z.number().int(),
      topicId: z.number().int(),
      title: z.string(),
      minutes: z.number().int(),
    }),
  ),
  invitees: z.array(z.object({ name: z.string(), role: z.enum(['council', 'guest']), present: z.boolean() })),
  attendance: z.object({
    present: z.number().int(),
    councilPresent: z.number().int(),
    councilSeats: z.number().int(),
    /** More than half of the council's seat holders checked in. */
    quorumMet: z.boolean(),
  }),
  /** Moderators only: the code participants type or scan to check in. */
  checkInCode: z.string().nullable(),
  me: z.object({ invited: z.boolean(), present: z.boolean() }),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;
