import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { ROLE_LABELS, type Role } from '../../../shared/src/auth/roles';
import { maskName } from '../../../shared/src/communities/roster';
import {
  INBOX_STALE_DAYS,
  LIFECYCLE_TRANSITIONS,
  TOPIC_STATUS_LABELS,
  TOPIC_TRANSITIONS,
  type TopicAction,
} from '../../../shared/src/topics/topic-states';
import type { TopicSummary } from '../../../shared/src/topics/topics.schema';
import { User } from '../auth/auth.entity';
import { Estate } from '../communities/communities.entity';
import { Party, type Topic, type TopicEvent } from './topics.entity';

type Db = DataSource | EntityManager;

const EXTRA_ACTION_LABELS: Record<string, string> = {
  submit: '提交议题',
  submit_on_behalf: '网格员代录议题',
  comment_hidden: '隐藏了一条评论',
  content_released: '内容审核通过',
};

export function actionLabel(action: string): string {
  return (
    (TOPIC_TRANSITIONS as Record<string, { label: string }>)[action]?.label ??
    (LIFECYCLE_TRANSITIONS as Record<string, { label: string }>)[action]?.label ??
    EXTRA_ACTION_LABELS[action] ??
    action
  );
}

/** How a person is named in public: a masked real name (张**), or 已注销用户. */
export function publicName(user: Pick<User, 'realName' | 'nickname' | 'status'> | undefined): string {
  if (!user) return '居民';
  if (user.status === 'deleted') return '已注销用户';
  return maskName(user.realName ?? user.nickname);
}

export function authorNameOf(topic: Topic, author: User | undefined): string {
  if (topic.hideAuthor) return '匿名居民';
  if (!topic.authorId && topic.onBehalfName) return `${maskName(topic.onBehalfName)}（网格员代录）`;
  return publicName(author);
}

const DAY_MS = 24 * 3600 * 1000;

export function isStale(topic: Topic, now = Date.now()): boolean {
  return (
    (topic.status === 'submitted' || topic.status === 'accepted') &&
    now - topic.statusChangedAt.getTime() > INBOX_STALE_DAYS * DAY_MS
  );
}

async function byId<T extends { id: number }>(
  db: Db,
  entity: new () => T,
  ids: (number | null)[],
): Promise<Map<number, T>> {
  const wanted = [...new Set(ids.filter((v): v is number => v !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.getRepository(entity).find({ where: { id: In(wanted) } as never });
  return new Map(rows.map((r) => [r.id, r]));
}

/** List rows for topics, with names resolved in three queries for the whole page. */
export async function summarize(db: Db, topics: Topic[]): Promise<TopicSummary[]> {
  const [users, estates, parties] = await Promise.all([
    byId(
      db,
      User,
      topics.map((t) => t.authorId),
    ),
    byId(
      db,
      Estate,
      topics.map((t) => t.estateId),
    ),
    byId(
      db,
      Party,
      topics.map((t) => t.responsiblePartyId),
    ),
  ]);
  return topics.map((t) => ({
    id: t.id,
    communityId: t.communityId,
    title: t.title,
    category: t.category,
    scope: t.scope,
    estateName: t.estateId ? (estates.get(t.estateId)?.name ?? null) : null,
    status: t.status,
    statusLabel: TOPIC_STATUS_LABELS[t.status],
    authorName: authorNameOf(t, t.authorId ? users.get(t.authorId) : undefined),
    cosignCount: t.cosignCount,
    cosignTarget: t.cosignTarget,
    level: t.level,
    partyName: t.responsiblePartyId ? (parties.get(t.responsiblePartyId)?.name ?? null) : null,
    dueDate: t.dueDate,
    held: t.held,
    stale: isStale(t),
    createdAt: t.createdAt.toISOString(),
    statusChangedAt: t.statusChangedAt.toISOString(),
  }));
}

/** Timeline entries with each actor shown by role and masked name. */
export async function timelineOf(db: Db, events: TopicEvent[]) {
  const [users, parties] = await Promise.all([
    byId(
      db,
      User,
      events.map((e) => e.actorId),
    ),
    byId(
      db,
      Party,
      events.map((e) => e.partyId),
    ),
  ]);
  return events.map((e) => ({
    id: e.id,
    action: e.action,
    label: actionLabel(e.action),
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actor: {
      name: e.actorRole === 'system' ? '系统' : publicName(e.actorId ? users.get(e.actorId) : undefined),
      role: e.actorRole,
      roleLabel: e.actorRole === 'system' ? '系统' : (ROLE_LABELS[e.actorRole as Role] ?? e.actorRole),
      partyName: e.partyId ? (parties.get(e.partyId)?.name ?? null) : null,
    },
    note: e.note,
    data: e.dataJson ? (JSON.parse(e.dataJson) as Record<string, unknown>) : null,
    createdAt: e.createdAt.toISOString(),
  }));
}

export type { TopicAction };
