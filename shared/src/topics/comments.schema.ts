import { z } from 'zod';

export const COMMENT_BODY_MAX = 500;
export const COMMENT_REASON_MAX = 200;
export const COMMENTS_PAGE_MAX = 50;

/** What everyone but moderators and the comment's author sees in place of a hidden comment. */
export const HIDDEN_COMMENT_PLACEHOLDER = '该评论已被隐藏';

/** A comment on a topic (residents of its community, its responsible parties and moderators write them). */
export const postCommentBodySchema = z
  .object({
    body: z.string().trim().min(1, '请填写评论内容').max(COMMENT_BODY_MAX, `评论不超过 ${COMMENT_BODY_MAX} 个字`),
  })
  .strict();
export type PostCommentBody = z.infer<typeof postCommentBodySchema>;

const reason = (message: string) =>
  z.string().trim().min(2, message).max(COMMENT_REASON_MAX, `不超过 ${COMMENT_REASON_MAX} 个字`);

export const reportCommentBodySchema = z.object({ reason: reason('请写明举报的原因') }).strict();
export const hideCommentBodySchema = z.object({ reason: reason('请写明隐藏的原因') }).strict();

/** Keyset paging by comment id, oldest first: pass the previous page's `nextCursor` as `cursor`. */
export const commentPageQuerySchema = z.object({
  cursor: z
    .string()
    .regex(/^\d{1,10}$/, '分页参数有误')
    .optional(),
  limit: z.coerce.number().int().min(1).max(COMMENTS_PAGE_MAX).default(20),
});

/** `published`: public; `held`: waiting for a moderator (only its author and moderators see it); `hidden`: a placeholder. */
export const COMMENT_STATES = ['published', 'held', 'hidden'] as const;
export type CommentState = (typeof COMMENT_STATES)[number];

export const commentViewSchema = z.object({
  id: z.number().int(),
  topicId: z.number().int(),
  /** Masked (张**) — real names stay with the community's moderators. */
  authorName: z.string(),
  state: z.enum(COMMENT_STATES),
  /** Null when hidden, except for the author and moderators. */
  body: z.string().nullable(),
  /** 该评论已被隐藏 for hidden comments. */
  placeholder: z.string().nullable(),
  /** Why it was hidden: only for its author and moderators. */
  hiddenReason: z.string().nullable(),
  mine: z.boolean(),
  createdAt: z.string(),
});
export type CommentView = z.infer<typeof commentViewSchema>;

export const commentPageSchema = z.object({
  items: z.array(commentViewSchema),
  nextCursor: z.string().nullable(),
});

export const reportCommentResultSchema = z.object({ reported: z.literal(true) });

/** Which comments the moderation list shows: waiting (held or reported, not yet hidden), hidden, or all of those. */
export const commentModerationQuerySchema = commentPageQuerySchema.extend({
  status: z.enum(['waiting', 'hidden', 'all']).default('waiting'),
});

export const moderationCommentSchema = z.object({
  id: z.number().int(),
  topicId: z.number().int(),
  topicTitle: z.string(),
  body: z.string(),
  state: z.enum(COMMENT_STATES),
  held: z.boolean(),
  hidden: z.boolean(),
  hiddenReason: z.string().nullable(),
  hiddenBy: z.string().nullable(),
  reportCount: z.number().int(),
  reports: z.array(z.object({ reason: z.string(), createdAt: z.string() })),
  /** Moderators see the real name. */
  author: z.object({ userId: z.number().int(), name: z.string(), realName: z.string().nullable() }),
  createdAt: z.string(),
});
export type ModerationComment = z.infer<typeof moderationCommentSchema>;

export const moderationCommentPageSchema = z.object({
  items: z.array(moderationCommentSchema),
  nextCursor: z.string().nullable(),
});

export const topicPhotoReviewSchema = z.object({
  uploadId: z.number().int(),
  thumbnailUploadId: z.number().int().nullable(),
  position: z.number().int(),
  /** pass: public; pending: WeChat's media check under way (or it could not be reached); risky/review: hidden. */
  checkStatus: z.enum(['pass', 'pending', 'risky', 'review']),
});

export const photoParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  uploadId: z.coerce.number().int().positive().max(2_147_483_647),
});
