import { z } from 'zod';
import { TOPIC_SCOPES, TOPIC_STATUSES } from '../topics/topic-states';

const id = z.number().int().positive().max(2_147_483_647);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '请选择日期（年-月-日）');
const text = (min: number, max: number, tooShort: string) =>
  z.string().trim().min(min, tooShort).max(max, `不超过 ${max} 个字`);

export const OUTCOME_PHOTOS_MAX = 9;
export const OBJECTION_MAX = 500;
export const EVALUATION_COMMENT_MAX = 300;
const photoIds = z
  .array(id)
  .max(OUTCOME_PHOTOS_MAX, `最多 ${OUTCOME_PHOTOS_MAX} 张照片`)
  .refine((ids) => new Set(ids).size === ids.length, '同一张照片只能添加一次')
  .default([]);

/** The statuses shown on the public board (公示栏). */
export const BOARD_STATUSES = ['publicity', 'implementation', 'completed', 'closed'] as const;
export type BoardStatus = (typeof BOARD_STATUSES)[number];

// ---------------------------------------------------------------- request bodies

/** A moderator records a resolution without a meeting; optionally the closed vote it rests on. */
export const recordResolutionBodySchema = z
  .object({
    text: text(4, 2000, '请写明决议内容（至少 4 个字）'),
    voteId: id.optional(),
  })
  .strict();

export const publishResolutionBodySchema = z.object({}).strict();

export const fileObjectionBodySchema = z
  .object({
    text: text(4, OBJECTION_MAX, '请写明异议的理由（至少 4 个字）'),
    photoUploadIds: photoIds,
  })
  .strict();

export const OBJECTION_DECISIONS = ['upheld', 'dismissed'] as const;
export const answerObjectionBodySchema = z
  .object({
    decision: z.enum(OBJECTION_DECISIONS),
    reply: text(4, 500, '请写明答复内容（至少 4 个字）'),
  })
  .strict();

export const milestoneInputSchema = z.object({ title: text(2, 60, '请填写节点名称'), dueDate: day }).strict();

export const assignImplementationBodySchema = z
  .object({
    partyId: id,
    /** The named responsible person: a member of the community. */
    personUserId: id,
    dueDate: day,
    milestones: z.array(milestoneInputSchema).max(20, '最多 20 个节点').default([]),
  })
  .strict();

export const addMilestoneBodySchema = milestoneInputSchema;

export const completeMilestoneBodySchema = z.object({ doneOn: day.optional() }).strict();

export const progressBodySchema = z
  .object({
    text: text(2, 1000, '请填写进展情况'),
    photoUploadIds: photoIds,
  })
  .strict();

export const completionBodySchema = z
  .object({
    text: text(4, 2000, '请填写办结报告（至少 4 个字）'),
    photoUploadIds: photoIds,
  })
  .strict();

export const evaluateBodySchema = z
  .object({
    score: z.number().int('请选择 1 到 5 分').min(1, '请选择 1 到 5 分').max(5, '请选择 1 到 5 分'),
    comment: z.string().trim().max(EVALUATION_COMMENT_MAX, `不超过 ${EVALUATION_COMMENT_MAX} 个字`).optional(),
  })
  .strict();

export const outcomeSettingsSchema = z.object({
  publicityDays: z.number().int(),
  evaluationDays: z.number().int(),
});
export const updateOutcomeSettingsBodySchema = z
  .object({
    publicityDays: z.number().int().min(1, '至少 1 天').max(60, '不超过 60 天').optional(),
    evaluationDays: z.number().int().min(1, '至少 1 天').max(90, '不超过 90 天').optional(),
  })
  .strict();

export const boardQuerySchema = z
  .object({
    status: z.enum(BOARD_STATUSES).optional(),
    cursor: z.coerce.number().int().positive().max(2_147_483_647).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

export const objectionListQuerySchema = z
  .object({ status: z.enum(['pending', 'upheld', 'dismissed', 'all']).default('pending') })
  .strict();

// ---------------------------------------------------------------- responses

export const satisfactionSchema = z.object({
  total: z.number().int(),
  satisfied: z.number().int(),
  distribution: z.array(z.number().int()),
  rate: z.string().nullable(),
  percent: z.string().nullable(),
});

export const photoLinkSchema = z.object({
  uploadId: z.number().int(),
  /** Public URL path of the photo (no login needed). */
  url: z.string(),
});

export const objectionViewSchema = z.object({
  id: z.number().int(),
  topicId: z.number().int(),
  /** Masked for the public (张**). */
  objectorName: z.string(),
  /** The text; a placeholder while it waits for content review. */
  text: z.string(),
  status: z.enum(['pending', 'upheld', 'dismissed']),
  statusLabel: z.string(),
  reply: z.string().nullable(),
  createdAt: z.string(),
  answeredAt: z.string().nullable(),
  /** Only for the objector and moderators. */
  photos: z.array(photoLinkSchema),
  mine: z.boolean(),
});
export type ObjectionView = z.infer<typeof objectionViewSchema>;

export const milestoneViewSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  dueDate: z.string(),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
});

export const progressViewSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['progress', 'completion']),
  text: z.string(),
  authorName: z.string(),
  authorRoleLabel: z.string(),
  photos: z.array(photoLinkSchema),
  createdAt: z.string(),
});

export const implementationViewSchema = z.object({
  partyId: z.number().int(),
  partyName: z.string(),
  /** Masked for the public. */
  personName: z.string(),
  dueDate: z.string(),
  overdue: z.boolean(),
  milestones: z.array(milestoneViewSchema),
  updates: z.array(progressViewSchema),
  completedAt: z.string().nullable(),
  evaluationLastDay: z.string().nullable(),
});

export const boardEntrySchema = z.object({
  topic: z.object({
    id: z.number().int(),
    communityId: z.number().int(),
    title: z.string(),
    category: z.string(),
    scope: z.enum(TOPIC_SCOPES),
    estateName: z.string().nullable(),
    buildingName: z.string().nullable(),
    status: z.enum(TOPIC_STATUSES),
    statusLabel: z.string(),
  }),
  resolution: z
    .object({
      text: z.string(),
      decidedAt: z.string(),
      meetingId: z.number().int().nullable(),
      vote: z
        .object({
          id: z.number().int(),
          title: z.string(),
          passed: z.boolean().nullable(),
          result: z.record(z.string(), z.unknown()).nullable(),
          /** The published ballot log (hash chain) anyone can re-count. */
          recordUrl: z.string(),
        })
        .nullable(),
    })
    .nullable(),
  publicity: z
    .object({
      startsAt: z.string(),
      days: z.number().int(),
      lastDay: z.string(),
      daysLeft: z.number().int(),
      open: z.boolean(),
      outcome: z.enum(['implemented', 'reopened']).nullable(),
    })
    .nullable(),
  objections: z.array(objectionViewSchema),
  implementation: implementationViewSchema.nullable(),
  evaluation: satisfactionSchema.extend({
    lastDay: z.string().nullable(),
    open: z.boolean(),
    comments: z.array(
      z.object({ name: z.string(), score: z.number().int(), comment: z.string(), createdAt: z.string() }),
    ),
  }),
  me: z.object({
    canObject: z.boolean(),
    /** Why filing an objection is not possible now (shown instead of the button). */
    objectReason: z.string().nullable(),
    canEvaluate: z.boolean(),
    evaluateReason: z.string().nullable(),
    myScore: z.number().int().nullable(),
    isModerator: z.boolean(),
    /** The responsible person, a member of the responsible party, or a moderator. */
    canReport: z.boolean(),
  }),
});
export type BoardEntry = z.infer<typeof boardEntrySchema>;

export const boardItemSchema = z.object({
  topicId: z.number().int(),
  title: z.string(),
  category: z.string(),
  estateName: z.string().nullable(),
  status: z.enum(TOPIC_STATUSES),
  statusLabel: z.string(),
  resolution: z.string().nullable(),
  publicityLastDay: z.string().nullable(),
  partyName: z.string().nullable(),
  dueDate: z.string().nullable(),
  overdue: z.boolean(),
  satisfaction: satisfactionSchema,
  changedAt: z.string(),
});
export type BoardItem = z.infer<typeof boardItemSchema>;
export const boardPageSchema = z.object({ items: z.array(boardItemSchema), nextCursor: z.number().int().nullable() });

export const moderationObjectionSchema = objectionViewSchema.extend({
  topicTitle: z.string(),
  /** Moderators only: the objector's real name. */
  objectorRealName: z.string().nullable(),
  held: z.boolean(),
});

export const overdueItemSchema = z.object({
  kind: z.enum(['implementation', 'milestone']),
  communityId: z.number().int(),
  communityName: z.string(),
  topicId: z.number().int(),
  topicTitle: z.string(),
  milestoneId: z.number().int().nullable(),
  title: z.string(),
  dueDate: z.string(),
  daysOverdue: z.number().int(),
  partyName: z.string(),
});
export type OverdueItem = z.infer<typeof overdueItemSchema>;

export const answerObjectionResultSchema = z.object({
  objection: objectionViewSchema,
  /** The topic went back to routing (待分派): route it again, or open a new vote on it. */
  reopened: z.boolean(),
  topicStatus: z.enum(TOPIC_STATUSES),
  hint: z.string().nullable(),
});
