import { z } from 'zod';
import { idParam, notificationListQuerySchema, notificationSchema } from '../../../shared/src/members/members.schema';
import type { Api } from '../http/operations';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service';
import { recordSubscriptionGrants, SUBSCRIPTION_TEMPLATE_KEYS } from './subscribe';

/** The in-app message centre, and WeChat subscribe-message grants. */
export function registerNotificationRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/subscriptions/templates',
    operationId: 'listSubscriptionTemplates',
    summary: 'Subscribe-message template ids to ask for with wx.requestSubscribeMessage (null when not configured)',
    tag: 'notifications',
    response: { schema: z.object({ topic_status: z.string().nullable() }), description: 'Template ids' },
    handler: async (ctx) => ({ topic_status: ctx.services.config.templates.topicStatus ?? null }),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/me/subscriptions',
    operationId: 'recordSubscriptionGrants',
    summary: 'Record the one-time subscribe-message grants the user just accepted',
    tag: 'notifications',
    body: z
      .object({ templateKey: z.enum(SUBSCRIPTION_TEMPLATE_KEYS), accepted: z.number().int().min(0).max(10) })
      .strict(),
    response: { schema: z.object({ remaining: z.number().int() }), description: 'Grants left' },
    handler: async (ctx, { body, actor }) => ({
      remaining: await recordSubscriptionGrants(ctx.services.dataSource, actor.userId, body.templateKey, body.accepted),
    }),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/notifications',
    operationId: 'listNotifications',
    summary: 'My messages, newest first (keyset: before=<id>)',
    tag: 'notifications',
    query: notificationListQuerySchema,
    response: { schema: z.array(notificationSchema), description: 'Messages' },
    handler: async (ctx, { query, actor }) =>
      listNotifications(ctx.services.dataSource, actor, query.before, query.limit),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/notifications/:id/read',
    operationId: 'markNotificationRead',
    summary: 'Mark one of my messages read',
    tag: 'notifications',
    params: idParam,
    body: z.object({}).strict(),
    response: { status: 204, description: 'Read' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      await markNotificationRead(ctx.services.dataSource, actor, params.id);
      return undefined;
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/notifications/read-all',
    operationId: 'markAllNotificationsRead',
    summary: 'Mark all my messages read',
    tag: 'notifications',
    body: z.object({}).strict(),
    response: { status: 204, description: 'Read' },
    handler: async (ctx, { actor }) => {
      await markAllNotificationsRead(ctx.services.dataSource, actor);
      return undefined;
    },
  });
}
