import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import {
  type CommentView,
  HIDDEN_COMMENT_PLACEHOLDER,
  type ModerationComment,
  type PostCommentBody,
} from '../../../shared/src/topics/comments.schema';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { assertModerator, assertNotSuspended, assertPrivacyAccepted } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { CONTENT_SCENE } from '../wechat/wechat.client';
import { CommentReport, Topic, TopicComment } from './topics.entity';
import { assertCanSee } from './topics.policy';
import { loadTopic, recordEvent } from './topics.service';
import { publicName } from './topics.views';

type Db = DataSource | EntityManager;

export interface CommentPage<T> {
  items: T[];
  nextCursor: string | null;
}

function stateOf(comment: TopicComment): CommentView['state'] {
  if (comment.hidden) return 'hidden';
  return comment.held ? 'held' : 'published';
}

/** A comment as `actor` sees it: hidden ones are placeholders except for their author and moderators. */
function viewOf(comment: TopicComment, author: User | undefined, actor: Actor | undefined, moderator: boolean) {
  const mine = !!actor && comment.authorId === actor.userId;
  const privileged = mine || moderator;
  return {
    id: comment.id,
    topicId: comment.topicId,
    authorName: publicName(author),
    state: stateOf(comment),
    body: comment.hidden && !privileged ? null : comment.body,
    placeholder: comment.hidden ? HIDDEN_COMMENT_PLACEHOLDER : null,
    hiddenReason: comment.hidden && privileged ? comment.hiddenReason : null,
    mine,
    createdAt: comment.createdAt.toISOString(),
  } satisfies CommentView;
}

async function usersById(db: Db, ids: (number | null)[]): Promise<Map<number, User>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await db.getRepository(User).find({ where: { id: In(wanted) } });
  return new Map(users.map((u) => [u.id, u]));
}

function page<T extends { id: number }>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const more = rows.length > limit;
  const kept = more ? rows.slice(0, limit) : rows;
  return { rows: kept, nextCursor: more ? String(kept[kept.length - 1]!.id) : null };
}

/** Whether the user speaks in the community: a verified resident, a member of one of its parties, or a moderator. */
async function mayComment(db: Db, actor: Actor, communityId: number): Promise<boolean> {
  if (actor.isVerifiedResident(communityId) || actor.isModerator(communityId)) return true;
  const rows = (await db.query(
    'SELECT pm.id FROM party_member pm JOIN party p ON p.id = pm.party_id WHERE pm.user_id = ? AND p.community_id = ?',
    [actor.userId, communityId],
  )) as unknown[];
  return rows.length > 0;
}

/**
 * A topic's comments, oldest first, keyset-paged by id. Held comments only
 * for their author and moderators; hidden ones as placeholders.
 * Errors: NOT_FOUND (also for a topic held for review, to others).
 */
export async function listComments(
  ds: DataSource,
  actor: Actor | undefined,
  topicId: number,
  query: { cursor?: string; limit: number },
): Promise<CommentPage<CommentView>> {
  const topic = await loadTopic(ds, topicId);
  assertCanSee(actor, topic);
  const moderator = actor?.isModerator(topic.communityId) ?? false;
  const qb = ds.getRepository(TopicComment).createQueryBuilder('c').where('c.topic_id = :topicId', { topicId });
  if (!moderator) {
    if (actor) qb.andWhere('(c.held = 0 OR c.author_id = :me)', { me: actor.userId });
    else qb.andWhere('c.held = 0');
  }
  if (query.cursor) qb.andWhere('c.id > :after', { after: Number(query.cursor) });
  const { rows, nextCursor } = page(
    await qb
      .orderBy('c.id', 'ASC')
      .limit(query.limit + 1)
      .getMany(),
    query.limit,
  );
  const authors = await usersById(
    ds,
    rows.map((c) => c.authorId),
  );
  return { items: rows.map((c) => viewOf(c, authors.get(c.authorId), actor, moderator)), nextCursor };
}

/**
 * Comments on a topic as a verified resident of its community, a member of
 * one of its parties or a moderator. The text passes the content check
 * first: risky is refused, review (or WeChat unreachable) holds the comment
 * for a moderator. Errors: NOT_FOUND, NOT_VERIFIED, MEMBER_SUSPENDED,
 * PRIVACY_CONSENT_REQUIRED, ILLEGAL_TRANSITION (topic held), CONTENT_RISKY.
 */
export async function postComment(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: PostCommentBody,
  logger: Logger,
): Promise<CommentView> {
  const ds = services.dataSource;
  const topic = await loadTopic(ds, topicId);
  assertCanSee(actor, topic);
  assertPrivacyAccepted(actor);
  assertNotSuspended(actor, topic.communityId);
  if (!(await mayComment(ds, actor, topic.communityId))) {
    throw new AppError('NOT_VERIFIED', { message: '完成本社区的房屋认证后才能评论' });
  }
  if (topic.held) throw new AppError('ILLEGAL_TRANSITION', { message: '议题正在内容审核中，暂不能评论' });
  const check = await services.content.checkText(body.body, {
    openid: actor.user.wechatOpenid,
    scene: CONTENT_SCENE.comment,
  });
  if (check.verdict === 'risky') {
    throw new AppError('CONTENT_RISKY', { details: { fields: [{ path: 'body', message: '内容不宜公开发布' }] } });
  }
  const comment = await runInTransaction(ds, (em) =>
    em.save(
      em.create(TopicComment, {
        topicId,
        authorId: actor.userId,
        body: body.body,
        held: check.verdict === 'review',
        hidden: false,
        hiddenReason: null,
        hiddenBy: null,
        reportCount: 0,
      }),
    ),
  );
  if (comment.held) logger.info({ commentId: comment.id, reason: check.reason }, 'comment held for review');
  return viewOf(comment, actor.user, actor, actor.isModerator(topic.communityId));
}

/** The comment and its topic, if the actor may see them. Errors: NOT_FOUND. */
async function loadVisibleComment(db: Db, actor: Actor, commentId: number): Promise<[TopicComment, Topic]> {
  const comment = await db.getRepository(TopicComment).findOne({ where: { id: commentId } });
  if (!comment) throw new AppError('NOT_FOUND', { message: '这条评论不存在或已删除' });
  const topic = await loadTopic(db, comment.topicId);
  assertCanSee(actor, topic);
  if (comment.held && comment.authorId !== actor.userId && !actor.isModerator(topic.communityId)) {
    throw new AppError('NOT_FOUND', { message: '这条评论不存在或已删除' });
  }
  return [comment, topic];
}

/**
 * Reports a comment to the community's moderators, once per user (a unique
 * key decides when two taps race); the comment's report count goes up.
 * Errors: NOT_FOUND, MEMBER_SUSPENDED, CONFLICT (own comment, already hidden, reported before).
 */
export async function reportComment(
  ds: DataSource,
  actor: Actor,
  commentId: number,
  reason: string,
): Promise<{ reported: true }> {
  return runInTransaction(ds, async (em) => {
    const [comment, topic] = await loadVisibleComment(em, actor, commentId);
    assertNotSuspended(actor, topic.communityId);
    if (comment.authorId === actor.userId) throw new AppError('CONFLICT', { message: '不能举报自己的评论' });
    if (comment.hidden) throw new AppError('CONFLICT', { message: '这条评论已被隐藏' });
    if (await em.exists(CommentReport, { where: { commentId, userId: actor.userId } })) {
      throw new AppError('CONFLICT', { message: '您已经举报过这条评论，社区工作者会尽快处理' });
    }
    // The counter row first, then the child row (MySQL: avoids a shared-then-exclusive lock deadlock).
    await em.increment(TopicComment, { id: commentId }, 'reportCount', 1);
    await em.insert(CommentReport, { commentId, userId: actor.userId, reason });
    return { reported: true as const };
  });
}

/**
 * A moderator of the topic's community hides a comment: the reason, who and
 * when are kept (on the comment and as a `comment_hidden` timeline entry),
 * everyone else sees a placeholder, and the author is told why.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (already hidden).
 */
export async function hideComment(
  ds: DataSource,
  actor: Actor,
  commentId: number,
  reason: string,
): Promise<CommentView> {
  const comment = await runInTransaction(ds, async (em) => {
    const [comment, topic] = await loadVisibleComment(em, actor, commentId);
    assertModerator(actor, topic.communityId);
    const changed = await em
      .createQueryBuilder()
      .update(TopicComment)
      .set({ hidden: true, hiddenReason: reason, hiddenBy: actor.userId })
      .where('id = :id AND hidden = 0', { id: commentId })
      .execute();
    if (changed.affected !== 1) throw new AppError('ILLEGAL_TRANSITION', { message: '这条评论已经被隐藏了' });
    await recordEvent(em, topic.id, {
      action: 'comment_hidden',
      from: null,
      to: null,
      actorId: actor.userId,
      actorRole: 'moderator',
      note: reason,
      data: { commentId },
    });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      action: 'comment.hide',
      objectType: 'comment',
      objectId: commentId,
      summary: `隐藏议题 #${topic.id} 下的评论 #${commentId}：${reason}`,
      data: { topicId: topic.id, reason },
    });
    if (comment.authorId !== actor.userId) {
      await notify(em, comment.authorId, {
        kind: 'comment_hidden',
        title: '您的评论已被隐藏',
        body: `您在议题「${topic.title}」下的评论已被社区工作者隐藏。原因：${reason}`,
        link: `/pages/topics/detail?id=${topic.id}`,
      });
    }
    return em.findOneOrFail(TopicComment, { where: { id: commentId } });
  });
  const author = await ds.getRepository(User).findOne({ where: { id: comment.authorId } });
  return viewOf(comment, author ?? undefined, actor, true);
}

/**
 * A moderator of the topic's community publishes a comment held for content
 * review. Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (not held).
 */
export async function releaseComment(ds: DataSource, actor: Actor, commentId: number): Promise<CommentView> {
  const comment = await runInTransaction(ds, async (em) => {
    const [, topic] = await loadVisibleComment(em, actor, commentId);
    assertModerator(actor, topic.communityId);
    const changed = await em
      .createQueryBuilder()
      .update(TopicComment)
      .set({ held: false })
      .where('id = :id AND held = 1', { id: commentId })
      .execute();
    if (changed.affected !== 1) throw new AppError('ILLEGAL_TRANSITION', { message: '这条评论不在待审核状态' });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      action: 'comment.release',
      objectType: 'comment',
      objectId: commentId,
      summary: `放行议题 #${topic.id} 下待审核的评论 #${commentId}`,
      data: { topicId: topic.id },
    });
    return em.findOneOrFail(TopicComment, { where: { id: commentId } });
  });
  const author = await ds.getRepository(User).findOne({ where: { id: comment.authorId } });
  return viewOf(comment, author ?? undefined, actor, true);
}

/**
 * The community's comments that need a moderator, oldest first: `waiting`
 * (held or reported, not hidden), `hidden`, or `all` of those; with the
 * reports' reasons and the author's real name. Errors: FORBIDDEN.
 */
export async function commentsForModeration(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  query: { status: 'waiting' | 'hidden' | 'all'; cursor?: string; limit: number },
): Promise<CommentPage<ModerationComment>> {
  assertModerator(actor, communityId);
  const qb = ds
    .getRepository(TopicComment)
    .createQueryBuilder('c')
    .innerJoin('topic', 't', 't.id = c.topic_id')
    .where('t.community_id = :communityId', { communityId });
  if (query.status === 'waiting') qb.andWhere('(c.held = 1 OR c.report_count > 0) AND c.hidden = 0');
  else if (query.status === 'hidden') qb.andWhere('c.hidden = 1');
  else qb.andWhere('(c.held = 1 OR c.report_count > 0 OR c.hidden = 1)');
  if (query.cursor) qb.andWhere('c.id > :after', { after: Number(query.cursor) });
  const { rows, nextCursor } = page(
    await qb
      .orderBy('c.id', 'ASC')
      .limit(query.limit + 1)
      .getMany(),
    query.limit,
  );
  if (rows.length === 0) return { items: [], nextCursor };
  const ids = rows.map((c) => c.id);
  const [users, reports, topics] = await Promise.all([
    usersById(
      ds,
      rows.flatMap((c) => [c.authorId, c.hiddenBy]),
    ),
    ds.getRepository(CommentReport).find({ where: { commentId: In(ids) }, order: { id: 'ASC' } }),
    ds.getRepository(Topic).find({ where: { id: In(rows.map((c) => c.topicId)) }, select: { id: true, title: true } }),
  ]);
  const titles = new Map(topics.map((t) => [t.id, t.title]));
  return {
    items: rows.map((c) => {
      const author = users.get(c.authorId);
      const hiddenBy = c.hiddenBy ? users.get(c.hiddenBy) : undefined;
      return {
        id: c.id,
        topicId: c.topicId,
        topicTitle: titles.get(c.topicId) ?? '',
        body: c.body,
        state: stateOf(c),
        held: c.held,
        hidden: c.hidden,
        hiddenReason: c.hiddenReason,
        hiddenBy: hiddenBy ? publicName(hiddenBy) : null,
        reportCount: c.reportCount,
        reports: reports
          .filter((r) => r.commentId === c.id)
          .map((r) => ({ reason: r.reason, createdAt: r.createdAt.toISOString() })),
        author: { userId: c.authorId, name: publicName(author), realName: author?.realName ?? null },
        createdAt: c.createdAt.toISOString(),
      };
    }),
    nextCursor,
  };
}
