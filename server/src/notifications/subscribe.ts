import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { User } from '../auth/auth.entity';
import { runInTransaction } from '../db/transaction';
import type { AppServices } from '../http/context';
import { SubscriptionGrant } from '../topics/topics.entity';
import { WechatError } from '../wechat/wechat.errors';

export const SUBSCRIPTION_TEMPLATE_KEYS = ['topic_status'] as const;
export type SubscriptionTemplateKey = (typeof SUBSCRIPTION_TEMPLATE_KEYS)[number];

/**
 * Records the one-time grants the user just gave in wx.requestSubscribeMessage
 * (each accepted tap allows one message).
 */
export async function recordSubscriptionGrants(
  ds: DataSource,
  userId: number,
  templateKey: SubscriptionTemplateKey,
  accepted: number,
): Promise<number> {
  return runInTransaction(ds, async (em) => {
    const existing = await em.findOne(SubscriptionGrant, { where: { userId, templateKey } });
    const remaining = Math.min(50, (existing?.remaining ?? 0) + accepted);
    await em.upsert(SubscriptionGrant, { userId, templateKey, remaining }, ['userId', 'templateKey']);
    return remaining;
  });
}

/**
 * After a commit: sends a WeChat subscribe message to each user who has a
 * grant left for the template (one grant per message; 43101 from WeChat
 * means none is left). Failures are logged, never thrown: the in-app message
 * centre already holds the news.
 */
export async function sendSubscribeMessages(
  services: AppServices,
  logger: Logger,
  userIds: number[],
  templateKey: SubscriptionTemplateKey,
  data: Record<string, string>,
  page: string,
): Promise<void> {
  const templateId = services.config.templates.topicStatus;
  if (!templateId || userIds.length === 0) return;
  const ds = services.dataSource;
  const users = await ds.getRepository(User).find({ where: { id: In([...new Set(userIds)]) } });
  for (const user of users) {
    if (!user.wechatOpenid || user.status !== 'active') continue;
    const taken = await runInTransaction(ds, (em) =>
      em
        .createQueryBuilder()
        .update(SubscriptionGrant)
        .set({ remaining: () => 'remaining - 1' })
        .where('user_id = :u AND template_key = :k AND remaining > 0', { u: user.id, k: templateKey })
        .execute(),
    );
    if (taken.affected !== 1) continue;
    try {
      await services.wechat.sendSubscribeMessage({ touser: user.wechatOpenid, templateId, page, data });
    } catch (error) {
      if (error instanceof WechatError && error.kind === 'no_grant') {
        await runInTransaction(ds, (em) =>
          em.update(SubscriptionGrant, { userId: user.id, templateKey }, { remaining: 0 }),
        );
      } else {
        logger.warn({ err: error, userId: user.id }, 'subscribe message not sent');
      }
    }
  }
}
