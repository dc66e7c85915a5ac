import { idParam } from '../../../shared/src/members/members.schema';
import {
  communityFeedQuerySchema,
  escalatedQuerySchema,
  inboxQuerySchema,
  myTopicsQuerySchema,
  partyQueueQuerySchema,
  similarTopicsQuerySchema,
  similarTopicsSchema,
} from '../../../shared/src/topics/topic-lists.schema';
import { topicPageSchema } from '../../../shared/src/topics/topics.schema';
import type { Api } from '../http/operations';
import {
  findSimilarTopics,
  listCommunityTopics,
  listEscalated,
  listInbox,
  listMyQueue,
  listMyTopics,
  listPartyQueue,
} from './topics.lists';

const page = { schema: topicPageSchema, description: 'One page; pass `nextCursor` as `cursor` for the next' };

/** The topic lists: feed and search, mine, queues, the moderator inbox, escalations, similar-topic hints. */
export function registerTopicListRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/topics',
    operationId: 'listCommunityTopics',
    summary:
      'The community feed: newest or most co-signed, by status (or `open`), category, estate; `q` searches ' +
      'titles and descriptions (Chinese bigrams). Held topics never; merged ones only with status=merged',
    tag: 'topics',
    params: idParam,
    query: communityFeedQuerySchema,
    response: page,
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query }) => listCommunityTopics(ctx.services.dataSource, params.id, query),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/topics/similar',
    operationId: 'findSimilarTopics',
    summary: 'While a title is typed: open topics of the community that read alike (at most 5), to co-sign instead',
    tag: 'topics',
    params: idParam,
    query: similarTopicsQuerySchema,
    response: { schema: similarTopicsSchema, description: 'Similar open topics, most alike first' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query }) => findSimilarTopics(ctx.services.dataSource, params.id, query.title),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/me/topics',
    operationId: 'listMyTopics',
    summary: 'Topics I raised (any status, held ones too), or co-signed, or follow; newest first',
    tag: 'topics',
    query: myTopicsQuerySchema,
    response: page,
    handler: async (ctx, { query, actor }) => listMyTopics(ctx.services.dataSource, actor, query),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/me/queue',
    operationId: 'listMyQueue',
    summary: 'The routed and handling topics of every party I act for, oldest first',
    tag: 'topics',
    query: partyQueueQuerySchema,
    response: page,
    handler: async (ctx, { query, actor }) => listMyQueue(ctx.services.dataSource, actor, query),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/parties/:id/topics',
    operationId: 'listPartyQueue',
    summary: "A responsible party's queue (routed, handling), oldest first: its members and the community's moderators",
    tag: 'topics',
    params: idParam,
    query: partyQueueQuerySchema,
    response: page,
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) => listPartyQueue(ctx.services.dataSource, actor, params.id, query),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/inbox',
    operationId: 'listModeratorInbox',
    summary:
      'Moderators: topics waiting in a status (default submitted; `held` for content review), longest waiting ' +
      'first; by category, estate, age',
    tag: 'topics',
    params: idParam,
    query: inboxQuerySchema,
    response: page,
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) => listInbox(ctx.services.dataSource, actor, params.id, query),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/sub-districts/:id/escalated',
    operationId: 'listEscalatedTopics',
    summary: 'Sub-district admins: topics escalated to the sub-district or a department from any of its communities',
    tag: 'topics',
    params: idParam,
    query: escalatedQuerySchema,
    response: page,
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) => listEscalated(ctx.services.dataSource, actor, params.id, query),
  });
}
