import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import {
  commentModerationQuerySchema,
  commentPageQuerySchema,
  commentPageSchema,
  commentViewSchema,
  hideCommentBodySchema,
  moderationCommentPageSchema,
  postCommentBodySchema,
  reportCommentBodySchema,
  reportCommentResultSchema,
} from '../../../shared/src/topics/comments.schema';
import type { Api } from '../http/operations';
import {
  commentsForModeration,
  hideComment,
  listComments,
  postComment,
  releaseComment,
  reportComment,
} from './topics.comments';

/** Comments on topics: reading, writing (content-checked), reporting, and moderators hiding and releasing them. */
export function registerTopicCommentRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/topics/:id/comments',
    operationId: 'listTopicComments',
    summary:
      "A topic's comments, oldest first (held ones only for their author and moderators; hidden ones as placeholders)",
    tag: 'comments',
    params: idParam,
    query: commentPageQuerySchema,
    response: { schema: commentPageSchema, description: 'One page of comments' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query, actor }) => listComments(ctx.services.dataSource, actor, params.id, query),
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/comments',
    operationId: 'postTopicComment',
    summary:
      'Comment on a topic (verified residents, its parties, moderators); content-checked: risky is refused, review is held',
    tag: 'comments',
    params: idParam,
    body: postCommentBodySchema,
    idempotent: true,
    rateLimit: { points: 20, duration: 600 },
    response: { status: 201, schema: commentViewSchema, description: 'Posted (state `held` when waiting for review)' },
    errors: [
      'NOT_FOUND',
      'NOT_VERIFIED',
      'MEMBER_SUSPENDED',
      'PRIVACY_CONSENT_REQUIRED',
      'ILLEGAL_TRANSITION',
      'CONTENT_RISKY',
    ],
    handler: async (ctx, { params, body, actor }) => postComment(ctx.services, actor, params.id, body, ctx.state.log),
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/comments/:id/report',
    operationId: 'reportComment',
    summary: 'Report a comment to the moderators (once per user)',
    tag: 'comments',
    params: idParam,
    body: reportCommentBodySchema,
    rateLimit: { points: 30, duration: 600 },
    response: { schema: reportCommentResultSchema, description: 'Reported' },
    errors: ['NOT_FOUND', 'MEMBER_SUSPENDED', 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) =>
      reportComment(ctx.services.dataSource, actor, params.id, body.reason),
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/comments/:id/hide',
    operationId: 'hideComment',
    summary: "Moderators of the topic's community: hide a comment, with a reason that is kept",
    tag: 'comments',
    params: idParam,
    body: hideCommentBodySchema,
    response: { schema: commentViewSchema, description: 'Hidden' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) =>
      hideComment(ctx.services.dataSource, actor, params.id, body.reason),
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/comments/:id/release',
    operationId: 'releaseComment',
    summary: "Moderators of the topic's community: publish a comment held for content review",
    tag: 'comments',
    params: idParam,
    body: z.object({}).strict(),
    response: { schema: commentViewSchema, description: 'Published' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, actor }) => releaseComment(ctx.services.dataSource, actor, params.id),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/comments/moderation',
    operationId: 'listCommentsForModeration',
    summary: 'Moderators: held and reported comments of the community (or hidden ones), with the reports',
    tag: 'comments',
    params: idParam,
    query: commentModerationQuerySchema,
    response: { schema: moderationCommentPageSchema, description: 'One page of comments' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      commentsForModeration(ctx.services.dataSource, actor, params.id, query),
  });
}
