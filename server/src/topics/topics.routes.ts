import { In } from 'typeorm';
import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import { PARTY_KIND_LABELS, TOPIC_STATUSES } from '../../../shared/src/topics/topic-states';
import {
  bulkActionBodySchema,
  communitySettingsSchema,
  partySchema,
  resubmitTopicBodySchema,
  submitTopicBodySchema,
  topicActionBodySchemas,
  topicDetailSchema,
  updateSettingsBodySchema,
} from '../../../shared/src/topics/topics.schema';
import { audit } from '../audit/audit';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { Api } from '../http/operations';
import { assertModerator } from '../members/members.policy';
import { Party, Topic } from './topics.entity';
import { cosignTopic, setFollowing } from './topics.participation';
import { actOnTopic, resubmitTopic, submitTopic, type TopicActionBody, topicDetail } from './topics.service';
import { saveSettings, settingsOf } from './topics.settings';

const ACTION_SUMMARIES: Record<keyof typeof topicActionBodySchemas, [string, string]> = {
  return: ['returnTopic', 'Moderators: return a submitted topic to its author with a question'],
  reject: ['rejectTopic', 'Moderators: reject a submitted topic with a reason shown to the author'],
  merge: ['mergeTopic', 'Moderators: merge into another open topic (co-signers and followers carry over)'],
  accept: ['acceptTopic', 'Moderators: accept (into co-signing when the community sets a threshold)'],
  route: ['routeTopic', 'Moderators: classify and route to a level and a responsible party'],
  sendBack: ['sendBackTopic', 'Responsible party: send back for re-routing with a reason'],
  takeOn: ['takeOnTopic', 'Responsible party: take on directly (直接办理) with a due date'],
  escalate: ['escalateTopic', 'Moderator or responsible party: escalate to the next level'],
  answer: ['answerTopic', 'Responsible party or moderator: answer on the timeline'],
};

/** Submitting, reading, moving and supporting topics; the community's settings and parties. */
export function registerTopicRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics',
    operationId: 'submitTopic',
    summary: 'Submit a topic (a verified resident; a grid worker with onBehalfOf). Idempotent with Idempotency-Key',
    tag: 'topics',
    body: submitTopicBodySchema,
    idempotent: true,
    rateLimit: (config) => ({ points: config.topicsPerHour, duration: 3600 }),
    response: { status: 201, schema: topicDetailSchema, description: 'Submitted' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_VERIFIED', 'PRIVACY_CONSENT_REQUIRED', 'MEMBER_SUSPENDED', 'CONTENT_RISKY'],
    handler: async (ctx, { body, actor }) => submitTopic(ctx.services, actor, body, ctx.state.log),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/topics/:id',
    operationId: 'getTopic',
    summary: 'A topic with its timeline (held topics only for their author and moderators)',
    tag: 'topics',
    params: idParam,
    response: { schema: topicDetailSchema, description: 'The topic' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => topicDetail(ctx.services.dataSource, actor, params.id),
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/resubmit',
    operationId: 'resubmitTopic',
    summary: 'The author edits a returned topic and submits it again',
    tag: 'topics',
    params: idParam,
    body: resubmitTopicBodySchema,
    idempotent: true,
    response: { schema: topicDetailSchema, description: 'Submitted again' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'MEMBER_SUSPENDED', 'CONTENT_RISKY'],
    handler: async (ctx, { params, body, actor }) => resubmitTopic(ctx.services, actor, params.id, body, ctx.state.log),
  });

  for (const [action, schema] of Object.entries(topicActionBodySchemas) as [
    keyof typeof topicActionBodySchemas,
    z.ZodType,
  ][]) {
    const [operationId, summary] = ACTION_SUMMARIES[action];
    api.add({
      method: 'post',
      auth: 'user',
      path: `/api/topics/:id/${action === 'sendBack' ? 'send-back' : action === 'takeOn' ? 'take-on' : action}`,
      operationId,
      summary,
      tag: 'topics',
      params: idParam,
      body: schema as z.ZodType<Record<string, unknown>>,
      idempotent: true,
      response: { schema: topicDetailSchema, description: 'The topic after the action' },
      errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'MEMBER_SUSPENDED'],
      handler: async (ctx, { params, body, actor }) =>
        actOnTopic(ctx.services, actor, params.id, { action, ...body } as TopicActionBody, ctx.state.log),
    });
  }

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/bulk',
    operationId: 'bulkActOnTopics',
    summary: 'Moderators: accept, reject or return several submitted topics at once',
    tag: 'topics',
    body: bulkActionBodySchema,
    response: {
      schema: z.object({
        results: z.array(
          z.object({
            topicId: z.number().int(),
            ok: z.boolean(),
            status: z.enum(TOPIC_STATUSES).nullable(),
            error: z.string().nullable(),
          }),
        ),
      }),
      description: 'One result per topic; one failure does not stop the others',
    },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { body, actor }) => {
      if ((body.action === 'reject' || body.action === 'return') && (!body.reason || body.reason.length < 4)) {
        throw new AppError('VALIDATION_FAILED', {
          message: body.action === 'reject' ? '请写明不予受理的原因' : '请写明需要补充的信息',
          details: { in: 'body', fields: [{ path: 'reason', message: '至少 4 个字' }] },
        });
      }
      // Only moderators of every topic's community may act in bulk.
      const topics = await ctx.services.dataSource.getRepository(Topic).find({ where: { id: In(body.topicIds) } });
      for (const topic of topics) assertModerator(actor, topic.communityId);
      if (topics.length === 0) throw new AppError('NOT_FOUND', { message: '没有找到这些议题' });
      const results = [];
      for (const topicId of body.topicIds) {
        const action: TopicActionBody =
          body.action === 'accept'
            ? { action: 'accept' }
            : body.action === 'reject'
              ? { action: 'reject', reason: body.reason! }
              : { action: 'return', question: body.reason! };
        try {
          const detail = await actOnTopic(ctx.services, actor, topicId, action, ctx.state.log);
          results.push({ topicId, ok: true, status: detail.status, error: null });
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          results.push({ topicId, ok: false, status: null, error: error.message });
        }
      }
      return { results };
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/cosign',
    operationId: 'cosignTopic',
    summary: 'Co-sign (附议) an open topic, once per verified resident',
    tag: 'topics',
    params: idParam,
    body: z.object({ groupChatId: z.number().int().positive().max(2_147_483_647).optional() }).strict(),
    idempotent: true,
    rateLimit: { points: 60, duration: 3600 },
    response: {
      status: 201,
      schema: z.object({
        cosignCount: z.number().int(),
        cosignTarget: z.number().int(),
        status: z.enum(TOPIC_STATUSES),
      }),
      description: 'Co-signed',
    },
    errors: ['NOT_FOUND', 'NOT_VERIFIED', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION', 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) =>
      cosignTopic(ctx.services.dataSource, actor, params.id, body.groupChatId ?? null),
  });

  for (const follow of [true, false]) {
    api.add({
      method: 'post',
      auth: 'user',
      path: `/api/topics/:id/${follow ? 'follow' : 'unfollow'}`,
      operationId: follow ? 'followTopic' : 'unfollowTopic',
      summary: follow ? 'Follow a topic (hear about its changes)' : 'Stop following a topic',
      tag: 'topics',
      params: idParam,
      body: z.object({}).strict(),
      response: { schema: z.object({ following: z.boolean() }), description: 'Done' },
      errors: ['NOT_FOUND'],
      handler: async (ctx, { params, actor }) => setFollowing(ctx.services.dataSource, actor, params.id, follow),
    });
  }

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/settings',
    operationId: 'getCommunitySettings',
    summary: "The community's topic categories and co-sign rule",
    tag: 'communities',
    params: idParam,
    response: { schema: communitySettingsSchema, description: 'Settings' },
    handler: async (ctx, { params }) => settingsOf(ctx.services.dataSource, params.id),
  });

  api.add({
    method: 'patch',
    auth: 'user',
    path: '/api/communities/:id/settings',
    operationId: 'updateCommunitySettings',
    summary: 'Moderators: change categories, the co-sign rule (N co-signers within T days) or the publicity period',
    tag: 'communities',
    params: idParam,
    body: updateSettingsBodySchema,
    response: { schema: communitySettingsSchema, description: 'Settings' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, body, actor }) => {
      assertModerator(actor, params.id);
      const ds = ctx.services.dataSource;
      const next = { ...(await settingsOf(ds, params.id)), ...body };
      await runInTransaction(ds, async (em) => {
        await saveSettings(em, params.id, next);
        await audit(em, {
          communityId: params.id,
          actor,
          action: 'settings.update',
          objectType: 'community',
          objectId: params.id,
          summary: `修改社区设置：${Object.keys(body).join('、')}`,
          data: body,
        });
      });
      return next;
    },
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/parties',
    operationId: 'listParties',
    summary: "The community's directory of responsible parties",
    tag: 'communities',
    params: idParam,
    response: { schema: z.array(partySchema), description: 'Parties' },
    handler: async (ctx, { params }) => {
      const parties = await ctx.services.dataSource
        .getRepository(Party)
        .find({ where: { communityId: params.id }, order: { id: 'ASC' } });
      return parties.map((p) => ({
        id: p.id,
        kind: p.kind,
        kindLabel: PARTY_KIND_LABELS[p.kind],
        name: p.name,
        estateId: p.estateId,
      }));
    },
  });
}
