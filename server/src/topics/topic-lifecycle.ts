import type { EntityManager } from 'typeorm';
import {
  LIFECYCLE_TRANSITIONS,
  type LifecycleMove,
  TOPIC_STATUS_LABELS,
  type TopicStatus,
} from '../../../shared/src/topics/topic-states';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { AppError } from '../http/app-error';
import { notify } from '../notifications/notifications.service';
import { Topic } from './topics.entity';
import { audienceOf, recordEvent } from './topics.service';

export interface MoveTopicOptions {
  /** Who moved it; null for the system. */
  actor: Actor | null;
  /** The role for the timeline and the audit log (moderator, system …). */
  actorRole?: string;
  /** Shown on the timeline (a resolution, a reason). */
  note?: string | null;
  /** Extra facts for the timeline (meetingId, voteId, objectionId …). */
  data?: Record<string, unknown>;
  /** Tell the author and followers in the message centre (default true). */
  notifyAudience?: boolean;
}

/**
 * Moves a topic along the later lifecycle (LIFECYCLE_TRANSITIONS) inside the
 * caller's transaction: compare-and-set on the status, a timeline entry, an
 * audit entry and the followers told. Returns the status it left.
 * Errors: NOT_FOUND, ILLEGAL_TRANSITION (wrong state, or changed meanwhile).
 * The caller emits `topic.changed` after its transaction commits.
 */
export async function moveTopic(
  em: EntityManager,
  topicId: number,
  move: LifecycleMove,
  options: MoveTopicOptions,
): Promise<{ topic: Topic; from: TopicStatus; to: TopicStatus }> {
  const t = LIFECYCLE_TRANSITIONS[move];
  const topic = await em.findOne(Topic, { where: { id: topicId } });
  if (!topic) throw new AppError('NOT_FOUND', { message: '这个议题不存在或已删除' });
  if (!t.from.includes(topic.status)) {
    throw new AppError('ILLEGAL_TRANSITION', {
      message: `议题「${topic.title}」当前为“${TOPIC_STATUS_LABELS[topic.status]}”，不能${t.label}`,
    });
  }
  const changed = await em
    .createQueryBuilder()
    .update(Topic)
    .set({ status: t.to, statusChangedAt: new Date() })
    .where('id = :id AND status = :status', { id: topic.id, status: topic.status })
    .execute();
  if (changed.affected !== 1) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '议题刚刚被其他人处理过，请刷新后再试' });
  }
  const role = options.actorRole ?? (options.actor ? 'moderator' : 'system');
  await recordEvent(em, topic.id, {
    action: move,
    from: topic.status,
    to: t.to,
    actorId: options.actor?.userId ?? null,
    actorRole: role,
    note: options.note ?? null,
    data: options.data,
  });
  await audit(em, {
    communityId: topic.communityId,
    actor: options.actor,
    actorRole: role,
    action: `topic.${move}`,
    objectType: 'topic',
    objectId: topic.id,
    summary: `议题 #${topic.id}「${topic.title.slice(0, 40)}」${t.label}`,
    data: options.data,
  });
  if (options.notifyAudience !== false) {
    const audience = (await audienceOf(em, topic)).filter((u) => u !== options.actor?.userId);
    for (const userId of audience) {
      await notify(em, userId, {
        kind: `topic_${move}`,
        title: `议题${t.label}`,
        body: `议题「${topic.title}」${t.label}${options.note ? `：${options.note.slice(0, 100)}` : ''}`,
        link: `/pages/topics/detail?id=${topic.id}`,
      });
    }
  }
  const from = topic.status;
  topic.status = t.to;
  return { topic, from, to: t.to };
}
