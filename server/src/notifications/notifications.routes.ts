import { z } from 'zod';
import { idParam, notificationListQuerySchema, notificationSchema } from '../../../shared/src/members/members.schema';
import type { Api } from '../http/operations';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from './notifications.service';

/** The in-app message centre. */
export function registerNotificationRoutes(api: Api): void {
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
