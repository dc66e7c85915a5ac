import type { Logger } from 'pino';
import { IsNull, LessThanOrEqual } from 'typeorm';
import { shanghaiDay } from '../../../shared/src/time';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { notify } from '../notifications/notifications.service';
import { moveTopic } from '../topics/topic-lifecycle';
import { Topic } from '../topics/topics.entity';
import { Implementation, Milestone, Objection, Publicity } from './outcomes.entity';
import { overdueAudience } from './outcomes.policy';
import type { TopicChange } from './outcomes.service';
import { overdueItems } from './outcomes.views';

/**
 * Periodic steps of the outcomes stage, run by maintenance.ts in every server
 * process (each is safe to run in several at once: moves are compare-and-set,
 * notices are claimed with a compare-and-set on the day). `now` is a
 * parameter so tests can look into the future without waiting.
 */

/**
 * Publicity rounds whose period is over move their topic to implementation
 * (system actor) — unless an objection of the round is still pending: the
 * round holds until every objection is answered. Returns the topics moved.
 */
export async function endPublicity(services: AppServices, now = new Date()): Promise<number> {
  const ds = services.dataSource;
  const due = await ds
    .getRepository(Publicity)
    .find({ where: { endedAt: IsNull(), endsAt: LessThanOrEqual(now) }, order: { id: 'ASC' }, take: 200 });
  let moved = 0;
  for (const round of due) {
    const change = await runInTransaction(ds, async (em): Promise<TopicChange | null> => {
      if (await em.exists(Objection, { where: { publicityId: round.id, status: 'pending' } })) return null;
      const claimed = await em
        .createQueryBuilder()
        .update(Publicity)
        .set({ endedAt: now, outcome: 'implemented' })
        .where('id = :id AND ended_at IS NULL', { id: round.id })
        .execute();
      if (claimed.affected !== 1) return null;
      try {
        const m = await moveTopic(em, round.topicId, 'implement', {
          actor: null,
          note: `公示期满（${round.lastDay}），无待答复或成立的异议，进入落实`,
          data: { publicityId: round.id },
        });
        return { topicId: round.topicId, communityId: round.communityId, from: m.from, to: m.to, action: 'implement' };
      } catch (error) {
        // The topic left publicity another way (reopened meanwhile): the round just ends.
        if (error instanceof AppError && error.code === 'ILLEGAL_TRANSITION') return null;
        throw error;
      }
    });
    if (change) {
      moved++;
      services.events.emit('topic.changed', change);
    }
  }
  return moved;
}

/** Completed topics whose evaluation window is over are closed (system actor). Returns how many. */
export async function closeEvaluations(services: AppServices, now = new Date()): Promise<number> {
  const ds = services.dataSource;
  const rows = await ds
    .getRepository(Implementation)
    .createQueryBuilder('i')
    .innerJoin(Topic, 't', 't.id = i.topic_id')
    .where("t.status = 'completed' AND i.evaluation_ends_at IS NOT NULL AND i.evaluation_ends_at <= :now", { now })
    .orderBy('i.topic_id', 'ASC')
    .limit(200)
    .getMany();
  let closed = 0;
  for (const row of rows) {
    const change = await runInTransaction(ds, async (em): Promise<TopicChange | null> => {
      try {
        const m = await moveTopic(em, row.topicId, 'close', {
          actor: null,
          note: '评价期结束，议题归档',
        });
        return { topicId: row.topicId, communityId: row.communityId, from: m.from, to: m.to, action: 'close' };
      } catch (error) {
        if (error instanceof AppError && error.code === 'ILLEGAL_TRANSITION') return null;
        throw error;
      }
    });
    if (change) {
      closed++;
      services.events.emit('topic.changed', change);
    }
  }
  return closed;
}

/**
 * Tells the community's moderators and the sub-district's admins about each
 * overdue implementation and milestone, at most once per item per day (the
 * item's overdue_noticed_on is claimed with a compare-and-set). Returns the
 * number of items noticed.
 */
export async function noticeOverdue(services: AppServices, now = new Date()): Promise<number> {
  const ds = services.dataSource;
  const today = shanghaiDay(now);
  const communities = (await ds.query(
    "SELECT DISTINCT i.community_id FROM implementation i JOIN topic t ON t.id = i.topic_id WHERE t.status = 'implementation'",
  )) as { community_id: number }[];
  const items = await overdueItems(
    ds,
    communities.map((c) => Number(c.community_id)),
    now,
  );
  let noticed = 0;
  for (const item of items) {
    const done = await runInTransaction(ds, async (em) => {
      const notYetToday = '(overdue_noticed_on IS NULL OR overdue_noticed_on < :today)';
      const claimed =
        item.kind === 'implementation'
          ? await em
              .createQueryBuilder()
              .update(Implementation)
              .set({ overdueNoticedOn: today })
              .where(`topic_id = :topicId AND ${notYetToday}`, { topicId: item.topicId, today })
              .execute()
          : await em
              .createQueryBuilder()
              .update(Milestone)
              .set({ overdueNoticedOn: today })
              .where(`id = :milestoneId AND ${notYetToday}`, { milestoneId: item.milestoneId, today })
              .execute();
      if (claimed.affected !== 1) return false;
      const what = item.kind === 'implementation' ? '办结期限' : `节点「${item.title}」`;
      for (const userId of await overdueAudience(em, item.communityId)) {
        await notify(em, userId, {
          kind: 'implementation_overdue',
          title: '落实事项已逾期',
          body: `${item.communityName}议题「${item.topicTitle}」的${what}（${item.dueDate}）已逾期 ${item.daysOverdue} 天，责任方：${item.partyName}。`,
          link: `/pages/outcomes/implementation?id=${item.topicId}`,
        });
      }
      return true;
    });
    if (done) noticed++;
  }
  return noticed;
}

/** All outcome sweeps, in order; logs what moved. */
export async function runOutcomeSweeps(services: AppServices, logger: Logger, now = new Date()): Promise<void> {
  const implemented = await endPublicity(services, now);
  const closed = await closeEvaluations(services, now);
  const overdue = await noticeOverdue(services, now);
  if (implemented + closed + overdue > 0) logger.info({ implemented, closed, overdue }, 'outcome sweeps');
}
