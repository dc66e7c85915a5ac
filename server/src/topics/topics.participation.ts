import type { DataSource } from 'typeorm';
import { OPEN_STATUSES, TOPIC_STATUS_LABELS } from '../../../shared/src/topics/topic-states';
import type { Actor } from '../auth/actor';
import { runInTransaction } from '../db/transaction';
import { assertGroupUsable } from '../groups/groups.policy';
import { AppError } from '../http/app-error';
import { assertNotSuspended } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { Cosign, Topic, TopicFollow } from './topics.entity';
import { assertCanSee } from './topics.policy';
import { loadTopic, recordEvent } from './topics.service';

export interface CosignResult {
  cosignCount: number;
  cosignTarget: number;
  status: Topic['status'];
}

/**
 * 附议: a verified resident of the topic's community supports an open topic,
 * once (the unique key decides when two taps race). When a co-signing topic
 * reaches its target it moves on to routing and its author is told.
 * Errors: NOT_FOUND, NOT_VERIFIED, MEMBER_SUSPENDED, ILLEGAL_TRANSITION, CONFLICT (already co-signed).
 */
export async function cosignTopic(
  ds: DataSource,
  actor: Actor,
  topicId: number,
  groupChatId: number | null = null,
): Promise<CosignResult> {
  return runInTransaction(ds, async (em) => {
    const topic = await loadTopic(em, topicId);
    assertCanSee(actor, topic);
    assertNotSuspended(actor, topic.communityId);
    if (!actor.isVerifiedResident(topic.communityId)) {
      throw new AppError('NOT_VERIFIED', { message: '完成本社区的房屋认证后才能附议' });
    }
    if (topic.authorId === actor.userId) throw new AppError('CONFLICT', { message: '不能附议自己提出的议题' });
    if (!OPEN_STATUSES.includes(topic.status) || topic.held) {
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `议题当前为“${TOPIC_STATUS_LABELS[topic.status]}”，不能附议`,
      });
    }
    if (await em.exists(Cosign, { where: { topicId, userId: actor.userId } })) {
      throw new AppError('CONFLICT', { message: '您已经附议过这个议题' });
    }
    if (groupChatId !== null) await assertGroupUsable(em, groupChatId, topic.communityId);
    // The counter row first, then the child row (MySQL: avoids a shared-then-exclusive lock deadlock).
    await em.increment(Topic, { id: topicId }, 'cosignCount', 1);
    await em.insert(Cosign, { topicId, userId: actor.userId, groupChatId });
    if (!(await em.exists(TopicFollow, { where: { topicId, userId: actor.userId } }))) {
      await em.insert(TopicFollow, { topicId, userId: actor.userId });
      await em.increment(Topic, { id: topicId }, 'followerCount', 1);
    }
    const updated = await em.findOneOrFail(Topic, { where: { id: topicId } });
    if (updated.status === 'cosigning' && updated.cosignCount >= updated.cosignTarget) {
      const moved = await em
        .createQueryBuilder()
        .update(Topic)
        .set({ status: 'accepted', statusChangedAt: new Date() })
        .where("id = :id AND status = 'cosigning'", { id: topicId })
        .execute();
      if (moved.affected === 1) {
        updated.status = 'accepted';
        await recordEvent(em, topicId, {
          action: 'reachCosignTarget',
          from: 'cosigning',
          to: 'accepted',
          actorId: null,
          actorRole: 'system',
          note: `已有 ${updated.cosignCount} 人附议，达到 ${updated.cosignTarget} 人`,
        });
        if (updated.authorId) {
          await notify(em, updated.authorId, {
            kind: 'topic_cosign_reached',
            title: '议题附议人数已达标',
            body: `您的议题「${updated.title}」已有 ${updated.cosignCount} 人附议，将由社区分派处理。`,
            link: `/pages/topics/detail?id=${topicId}`,
          });
        }
      }
    }
    return { cosignCount: updated.cosignCount, cosignTarget: updated.cosignTarget, status: updated.status };
  });
}

/** Follows or unfollows a topic (to hear about its changes). Errors: NOT_FOUND. */
export async function setFollowing(
  ds: DataSource,
  actor: Actor,
  topicId: number,
  follow: boolean,
): Promise<{ following: boolean }> {
  return runInTransaction(ds, async (em) => {
    const topic = await loadTopic(em, topicId);
    assertCanSee(actor, topic);
    const existing = await em.findOne(TopicFollow, { where: { topicId, userId: actor.userId } });
    if (follow && !existing) {
      await em.increment(Topic, { id: topicId }, 'followerCount', 1);
      await em.insert(TopicFollow, { topicId, userId: actor.userId });
    } else if (!follow && existing) {
      await em.decrement(Topic, { id: topicId }, 'followerCount', 1);
      await em.delete(TopicFollow, { id: existing.id });
    }
    return { following: follow };
  });
}
