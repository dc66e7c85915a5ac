import { z } from 'zod';
import { queryTokens } from './bigrams';
import { OPEN_STATUSES, TOPIC_STATUSES, type TopicLevel, type TopicStatus } from './topic-states';
import { TOPIC_TITLE_MAX } from './topics.schema';

/**
 * Query strings of the topic lists: the community feed (with search), my
 * topics, a responsible party's queue, the moderator inbox, the sub-district's
 * escalated topics and the similar-topic hints. Every list answers
 * `topicPageSchema` and pages with an opaque `cursor` (keyset pagination:
 * pass the previous page's `nextCursor`).
 */

export const TOPIC_PAGE_DEFAULT = 20;
export const TOPIC_PAGE_MAX = 50;
export const SEARCH_QUERY_MAX = 40;
/** At most this many similar topics are shown under the title field. */
export const SIMILAR_TOPICS_MAX = 5;

/** Status groups a list may filter by besides a single status. */
export const TOPIC_STATUS_GROUPS = { open: OPEN_STATUSES } as const satisfies Record<string, readonly TopicStatus[]>;
export type TopicStatusGroup = keyof typeof TOPIC_STATUS_GROUPS;

/** The statuses a `status` filter stands for. */
export function statusesOf(filter: TopicStatus | TopicStatusGroup): readonly TopicStatus[] {
  return filter in TOPIC_STATUS_GROUPS ? TOPIC_STATUS_GROUPS[filter as TopicStatusGroup] : [filter as TopicStatus];
}

const dbId = z.coerce.number().int().positive().max(2_147_483_647);
const statusFilter = z.enum([...TOPIC_STATUSES, 'open']);
const category = z.string().trim().min(1).max(20);
const pageFields = {
  /** The previous page's `nextCursor`. */
  cursor: z
    .string()
    .max(300)
    .regex(/^[A-Za-z0-9_-]+$/, '翻页参数无效，请重新加载列表')
    .optional(),
  limit: z.coerce.number().int().min(1).max(TOPIC_PAGE_MAX).default(TOPIC_PAGE_DEFAULT),
};

export const TOPIC_FEED_SORTS = ['newest', 'cosigns', 'relevance'] as const;
export type TopicFeedSort = (typeof TOPIC_FEED_SORTS)[number];

/**
 * The community feed. `q` searches titles and descriptions (character
 * bigrams) and then sorts by relevance unless `sort` says otherwise;
 * `sort=relevance` needs `q`. Merged topics only with `status=merged`.
 */
export const communityFeedQuerySchema = z
  .object({
    sort: z.enum(TOPIC_FEED_SORTS).optional(),
    status: statusFilter.optional(),
    category: category.optional(),
    estateId: dbId.optional(),
    q: z
      .string()
      .trim()
      .min(1, '请输入要搜索的文字')
      .max(SEARCH_QUERY_MAX, `搜索内容不超过 ${SEARCH_QUERY_MAX} 个字`)
      .refine((q) => queryTokens(q).length > 0, '请输入汉字、字母或数字')
      .optional(),
    ...pageFields,
  })
  .strict()
  .refine((query) => query.sort !== 'relevance' || query.q !== undefined, {
    message: '按相关度排序需要输入搜索内容',
    path: ['sort'],
  });
export type CommunityFeedQuery = z.infer<typeof communityFeedQuerySchema>;

export const MY_TOPIC_RELATIONS = ['authored', 'cosigned', 'following'] as const;

/** My topics: those I raised (any status, held ones too), co-signed or follow; newest first. */
export const myTopicsQuerySchema = z
  .object({
    relation: z.enum(MY_TOPIC_RELATIONS).default('authored'),
    status: statusFilter.optional(),
    ...pageFields,
  })
  .strict();
export type MyTopicsQuery = z.infer<typeof myTopicsQuerySchema>;

export const QUEUE_STATUSES = ['routed', 'handling'] as const;

/** A responsible party's queue (or the union of mine): routed and handling topics, oldest first. */
export const partyQueueQuerySchema = z
  .object({
    status: z.enum(QUEUE_STATUSES).optional(),
    ...pageFields,
  })
  .strict();
export type PartyQueueQuery = z.infer<typeof partyQueueQuerySchema>;

/** `held` is not a status: it lists topics held for content review, whatever their status. */
export const INBOX_FILTERS = ['submitted', 'returned', 'accepted', 'cosigning', 'held'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** The moderator inbox: oldest first (first in, first out) by the time the topic entered its status. */
export const inboxQuerySchema = z
  .object({
    status: z.enum(INBOX_FILTERS).default('submitted'),
    category: category.optional(),
    estateId: dbId.optional(),
    /** Only topics waiting in their status for more than this many days. */
    olderThanDays: z.coerce.number().int().min(0).max(3650).optional(),
    ...pageFields,
  })
  .strict();
export type InboxQuery = z.infer<typeof inboxQuerySchema>;

/** Levels above the community: what the sub-district sees as escalated. */
export const ESCALATED_LEVELS = ['sub_district', 'department'] as const satisfies readonly TopicLevel[];

/** Topics escalated to the sub-district or a department, across the sub-district's communities; newest first. */
export const escalatedQuerySchema = z
  .object({
    level: z.enum(ESCALATED_LEVELS).optional(),
    status: statusFilter.optional(),
    communityId: dbId.optional(),
    ...pageFields,
  })
  .strict();
export type EscalatedQuery = z.infer<typeof escalatedQuerySchema>;

/** The title being typed. */
export const similarTopicsQuerySchema = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, '请输入标题')
      .max(TOPIC_TITLE_MAX * 2),
  })
  .strict();

export const similarTopicSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  status: z.enum(TOPIC_STATUSES),
  statusLabel: z.string(),
  cosignCount: z.number().int(),
  cosignTarget: z.number().int(),
  /** How alike the titles read (0–1, at least SIMILAR_TOPIC_THRESHOLD). */
  similarity: z.number(),
});
export type SimilarTopic = z.infer<typeof similarTopicSchema>;

export const similarTopicsSchema = z.object({ items: z.array(similarTopicSchema) });
