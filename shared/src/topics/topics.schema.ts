import { z } from 'zod';
import { TOPIC_ACTIONS, TOPIC_LEVELS, TOPIC_SCOPES, TOPIC_STATUSES } from './topic-states';

const id = z.number().int().positive().max(2_147_483_647);

export const TOPIC_TITLE_MAX = 40;
export const TOPIC_DESCRIPTION_MAX = 2000;
export const TOPIC_PHOTOS_MAX = 9;

/** What a resident (or a grid worker for a resident) submits. */
export const topicDraftSchema = z
  .object({
    communityId: id,
    title: z.string().trim().min(4, '标题至少 4 个字').max(TOPIC_TITLE_MAX, `标题不超过 ${TOPIC_TITLE_MAX} 个字`),
    description: z
      .string()
      .trim()
      .min(10, '请把问题描述得具体一些（至少 10 个字）')
      .max(TOPIC_DESCRIPTION_MAX, `描述不超过 ${TOPIC_DESCRIPTION_MAX} 个字`),
    category: z.string().trim().min(1).max(20),
    scope: z.enum(TOPIC_SCOPES),
    /** Required for scope estate/building (and for building scope, buildingId too). */
    estateId: id.optional(),
    buildingId: id.optional(),
    place: z.string().trim().max(100).optional(),
    photoUploadIds: z.array(id).max(TOPIC_PHOTOS_MAX, `最多 ${TOPIC_PHOTOS_MAX} 张照片`).default([]),
    hideAuthor: z.boolean().default(false),
  })
  .strict();
export type TopicDraft = z.infer<typeof topicDraftSchema>;

/** Grid-worker entry (走访): on behalf of a member, or of someone without an account (name and unit). */
export const onBehalfSchema = z.union([
  z.object({ userId: id }).strict(),
  z
    .object({
      name: z.string().trim().min(1, '请填写居民姓名').max(50),
      unit: z.string().trim().min(1, '请填写居民住址').max(80),
    })
    .strict(),
]);

export const submitTopicBodySchema = topicDraftSchema.extend({ onBehalfOf: onBehalfSchema.optional() }).strict();
export type SubmitTopicBody = z.infer<typeof submitTopicBodySchema>;

export const resubmitTopicBodySchema = topicDraftSchema
  .omit({ communityId: true, hideAuthor: true })
  .extend({ note: z.string().trim().max(500).optional() })
  .strict();

const reason = (min: number, message: string) => z.string().trim().min(min, message).max(500);

export const topicActionBodySchemas = {
  return: z.object({ question: reason(4, '请写明需要补充的信息') }).strict(),
  reject: z.object({ reason: reason(4, '请写明不予受理的原因') }).strict(),
  merge: z.object({ intoTopicId: id, note: z.string().trim().max(500).optional() }).strict(),
  accept: z.object({ note: z.string().trim().max(500).optional() }).strict(),
  route: z
    .object({
      category: z.string().trim().min(1).max(20),
      level: z.enum(TOPIC_LEVELS),
      partyId: id,
      note: z.string().trim().max(500).optional(),
    })
    .strict(),
  sendBack: z.object({ reason: reason(4, '请写明退回的原因') }).strict(),
  takeOn: z
    .object({
      dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择办结日期'),
      note: z.string().trim().max(500).optional(),
    })
    .strict(),
  escalate: z.object({ reason: reason(4, '请写明上报的原因') }).strict(),
  answer: z.object({ text: reason(2, '请填写答复内容') }).strict(),
} as const;

export const bulkActionBodySchema = z
  .object({
    topicIds: z.array(id).min(1).max(50),
    action: z.enum(['accept', 'reject', 'return']),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();

export const actorViewSchema = z.object({
  /** Masked for the public (张**), the nickname for everyone when it is not a real name. */
  name: z.string(),
  role: z.string(),
  roleLabel: z.string(),
  partyName: z.string().nullable(),
});

export const timelineEntrySchema = z.object({
  id: z.number().int(),
  action: z.string(),
  label: z.string(),
  fromStatus: z.enum(TOPIC_STATUSES).nullable(),
  toStatus: z.enum(TOPIC_STATUSES).nullable(),
  actor: actorViewSchema,
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});

export const topicSummarySchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  title: z.string(),
  category: z.string(),
  scope: z.enum(TOPIC_SCOPES),
  estateName: z.string().nullable(),
  status: z.enum(TOPIC_STATUSES),
  statusLabel: z.string(),
  authorName: z.string(),
  cosignCount: z.number().int(),
  cosignTarget: z.number().int(),
  level: z.enum(TOPIC_LEVELS).nullable(),
  partyName: z.string().nullable(),
  /** Due date of direct handling (YYYY-MM-DD, Asia/Shanghai), when taken on. */
  dueDate: z.string().nullable(),
  held: z.boolean(),
  /** Waiting longer than INBOX_STALE_DAYS in its current status (moderator inbox). */
  stale: z.boolean(),
  createdAt: z.string(),
  statusChangedAt: z.string(),
});
export type TopicSummary = z.infer<typeof topicSummarySchema>;

export const topicDetailSchema = topicSummarySchema.extend({
  description: z.string(),
  place: z.string().nullable(),
  buildingName: z.string().nullable(),
  enteredBy: z.string().nullable(),
  photos: z.array(z.object({ uploadId: z.number().int(), thumbnailUploadId: z.number().int().nullable() })),
  dueDate: z.string().nullable(),
  cosignDeadline: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  returnQuestion: z.string().nullable(),
  rejectReason: z.string().nullable(),
  followerCount: z.number().int(),
  timeline: z.array(timelineEntrySchema),
  me: z.object({
    isAuthor: z.boolean(),
    cosigned: z.boolean(),
    following: z.boolean(),
    canCosign: z.boolean(),
    actions: z.array(z.enum(TOPIC_ACTIONS)),
  }),
  /** Moderators only: the real author. */
  author: z.object({ userId: z.number().int().nullable(), realName: z.string().nullable() }).nullable(),
});
export type TopicDetail = z.infer<typeof topicDetailSchema>;

export const topicPageSchema = z.object({
  items: z.array(topicSummarySchema),
  /** Pass as `cursor` for the next page; null at the end. */
  nextCursor: z.string().nullable(),
});

export const partySchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  kindLabel: z.string(),
  name: z.string(),
  estateId: z.number().int().nullable(),
});

export const communitySettingsSchema = z.object({
  categories: z.array(z.string()),
  cosignThreshold: z.number().int(),
  cosignDays: z.number().int(),
  publicityDays: z.number().int(),
});

export const updateSettingsBodySchema = z
  .object({
    categories: z.array(z.string().trim().min(1).max(20)).min(1).max(30).optional(),
    cosignThreshold: z.number().int().min(0).max(10_000).optional(),
    cosignDays: z.number().int().min(1).max(90).optional(),
    publicityDays: z.number().int().min(1).max(60).optional(),
  })
  .strict();
