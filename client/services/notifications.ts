import { notificationSchema } from '@shared/members/members.schema';
import { z } from 'zod';
import { request } from './request';

/** The in-app message centre. */

export type Notification = z.infer<typeof notificationSchema>;

/** Messages per page. */
export const NOTIFICATION_PAGE_SIZE = 20;

/** My messages, newest first; `before` is the id of the last message already shown. */
export function listNotifications(before?: number): Promise<Notification[]> {
  const query: Record<string, number> = { limit: NOTIFICATION_PAGE_SIZE };
  if (before !== undefined) query.before = before;
  return request('/notifications', { data: query, schema: z.array(notificationSchema) });
}

export async function markNotificationRead(id: number): Promise<void> {
  await request(`/notifications/${id}/read`, { method: 'POST', data: {} });
}

export async function markAllNotificationsRead(): Promise<void> {
  await request('/notifications/read-all', { method: 'POST', data: {} });
}
