import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import { photoParams, topicPhotoReviewSchema } from '../../../shared/src/topics/comments.schema';
import { topicDetailSchema } from '../../../shared/src/topics/topics.schema';
import { AppError } from '../http/app-error';
import type { AppServices } from '../http/context';
import type { Api } from '../http/operations';
import { parseMediaCheckEvent, verifyPushSignature } from '../wechat/wechat.events';
import {
  decideTopicPhoto,
  listTopicPhotos,
  openSignedMedia,
  receiveMediaCheckVerdict,
  releaseTopicContent,
} from './topics.media';
import { topicDetail } from './topics.service';

/** The query WeChat adds to every message push (and to the URL check). */
const pushQuerySchema = z.looseObject({
  signature: z.string().max(128).optional(),
  timestamp: z.string().max(32).optional(),
  nonce: z.string().max(64).optional(),
});

const handshakeQuerySchema = pushQuerySchema.extend({
  echostr: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'echostr 无效'),
});

/**
 * Only WeChat may push: with a push token configured (WECHAT_PUSH_TOKEN) the
 * request must carry its signature; without one, only the built-in fake
 * WeChat server (development, demo, tests — never production) may push.
 * Errors: FORBIDDEN.
 */
function assertFromWechat(services: AppServices, query: z.infer<typeof pushQuerySchema>): void {
  const token = services.config.wechat.pushToken;
  if (!token) {
    if (services.fakeWechat) return;
    throw new AppError('FORBIDDEN', { message: '未配置消息推送 Token，不接收推送' });
  }
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce || !verifyPushSignature({ token, signature, timestamp, nonce })) {
    throw new AppError('FORBIDDEN', { message: '消息推送签名无效' });
  }
}

const noBody = z.object({}).strict();

/** WeChat's media check (signed media URLs, the push endpoint) and moderators' content decisions on topics. */
export function registerMediaCheckRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/media/:token',
    operationId: 'getSignedMedia',
    summary: 'A topic photo behind a signed URL that expires within an hour (what WeChat downloads to check it)',
    tag: 'content',
    params: z.object({ token: z.string().max(100) }),
    response: { description: 'The photo', contentType: 'image/*' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => {
      const { upload, stream } = await openSignedMedia(ctx.services, params.token);
      ctx.status = 200;
      ctx.type = upload.contentType;
      ctx.set('Cache-Control', 'private, max-age=300');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Disposition', 'inline');
      ctx.set('Content-Security-Policy', "default-src 'none'; sandbox");
      ctx.body = stream;
      return undefined;
    },
  });

  api.add({
    method: 'post',
    auth: 'public',
    path: '/api/wechat/events',
    operationId: 'receiveWechatEvent',
    summary:
      "WeChat's message push (JSON mode), signed with the push token: applies media check verdicts; other events are acknowledged",
    tag: 'content',
    query: pushQuerySchema,
    body: z.record(z.string(), z.unknown()),
    response: { description: '`success`, as WeChat expects', contentType: 'text/plain' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { query, body }) => {
      assertFromWechat(ctx.services, query);
      const event = parseMediaCheckEvent(body, ctx.services.wechat.appid);
      if (event) await receiveMediaCheckVerdict(ctx.services.dataSource, event, ctx.state.log);
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = 'success';
      return undefined;
    },
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/wechat/events',
    operationId: 'verifyWechatPushUrl',
    summary: "WeChat's check of the message push URL: answers `echostr` when the signature is right",
    tag: 'content',
    query: handshakeQuerySchema,
    response: { description: 'The echostr', contentType: 'text/plain' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { query }) => {
      assertFromWechat(ctx.services, query);
      ctx.status = 200;
      ctx.type = 'text/plain';
      ctx.body = query.echostr;
      return undefined;
    },
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/topics/:id/photos',
    operationId: 'listTopicPhotos',
    summary: "A topic's photos with their check status (all for its author and moderators, passed ones for others)",
    tag: 'topics',
    params: idParam,
    response: { schema: z.array(topicPhotoReviewSchema), description: 'Photos' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => listTopicPhotos(ctx.services.dataSource, actor, params.id),
  });

  for (const decision of ['release', 'hide'] as const) {
    api.add({
      method: 'post',
      auth: 'user',
      path: `/api/topics/:id/photos/:uploadId/${decision}`,
      operationId: decision === 'release' ? 'releaseTopicPhoto' : 'hideTopicPhoto',
      summary:
        decision === 'release'
          ? "Moderators: make a photo public (e.g. one WeChat's check could not reach)"
          : 'Moderators: hide a photo from the public',
      tag: 'topics',
      params: photoParams,
      body: noBody,
      response: { schema: z.array(topicPhotoReviewSchema), description: "The topic's photos" },
      errors: ['NOT_FOUND', 'FORBIDDEN'],
      handler: async (ctx, { params, actor }) =>
        decideTopicPhoto(ctx.services.dataSource, actor, params.id, params.uploadId, decision),
    });
  }

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/release-content',
    operationId: 'releaseTopicContent',
    summary: 'Moderators: publish a topic held for content review (to refuse it, reject the topic)',
    tag: 'topics',
    params: idParam,
    body: noBody,
    idempotent: true,
    response: { schema: topicDetailSchema, description: 'The topic, now public' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, actor }) => {
      await releaseTopicContent(ctx.services.dataSource, actor, params.id);
      return topicDetail(ctx.services.dataSource, actor, params.id);
    },
  });
}
