import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import { Notification } from './notifications.entity';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  link?: string;
}

/** Puts a message in the user's message centre, inside the caller's transaction. */
export async function notify(em: EntityManager, userId: number, message: NotificationInput): Promise<void> {
  await em.insert(Notification, { userId, ...message, link: message.link ?? null });
}

/** The user's messages, newest first, keyset-paged by id. */
export async function listNotifications(ds: DataSource, actor: Actor, before: number | undefined, limit: number) {
  const qb = ds
    .getRepository(Notification)
    .createQueryBuilder('n')
    .where('n.user_id = :userId', { userId: actor.userId })
    .orderBy('n.id', 'DESC')
    .take(limit);
  if (before) qb.andWhere('n.id < :before', { before });
  const rows = await qb.getMany();
  return rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    link: n.link,
    read: n.readAt !== null,
    createdAt: n.createdAt.toISOString(),
  }));
}

/** Marks one of the user's messages read. Errors: NOT_FOUND (also for someone else's message). */
export async function markNotificationRead(ds: DataSource, actor: Actor, id: number): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const n = await em.findOne(Notification, { where: { id } });
    if (!n || n.userId !== actor.userId) throw new AppError('NOT_FOUND');
    if (!n.readAt) await em.update(Notification, { id }, { readAt: new Date() });
  });
}

export async function markAllNotificationsRead(ds: DataSource, actor: Actor): Promise<void> {
  await runInTransaction(ds, (em) =>
    em
      .createQueryBuilder()
      .update(Notification)
      .set({ readAt: new Date() })
      .where('user_id = :id AND read_at IS NULL', { id: actor.userId })
      .execute(),
  );
}
