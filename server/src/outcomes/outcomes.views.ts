import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { daysLeft, isOverdue, satisfactionOf } from '../../../shared/src/outcomes/outcomes.rules';
import {
  BOARD_STATUSES,
  type BoardEntry,
  type BoardItem,
  type BoardStatus,
  type ObjectionView,
  type OverdueItem,
} from '../../../shared/src/outcomes/outcomes.schema';
import { shanghaiDay } from '../../../shared/src/time';
import { TOPIC_STATUS_LABELS } from '../../../shared/src/topics/topic-states';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Building, Community, Estate } from '../communities/communities.entity';
import { AppError } from '../http/app-error';
import type { FileStorage } from '../storage/storage';
import { Party, Topic } from '../topics/topics.entity';
import { publicName } from '../topics/topics.views';
import { Upload } from '../uploads/uploads.entity';
import { Vote } from '../votes/votes.entity';
import {
  Evaluation,
  Implementation,
  Milestone,
  Objection,
  OutcomePhoto,
  ProgressUpdate,
  Publicity,
} from './outcomes.entity';
import { assertSubDistrictAdmin, isInTopicScope, reporterRole, reporterRoleLabel } from './outcomes.policy';
import { latestDecision, loadTopic } from './outcomes.service';

const OBJECTION_STATUS_LABELS = { pending: '待答复', upheld: '已采纳', dismissed: '未采纳' } as const;
const HELD_TEXT = '（内容审核中）';

export const photoUrl = (uploadId: number) => `/api/board/photos/${uploadId}`;

async function usersById(ds: DataSource, ids: number[]): Promise<Map<number, User>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const users = await ds.getRepository(User).find({ where: { id: In(wanted) } });
  return new Map(users.map((u) => [u.id, u]));
}

async function photosOf(ds: DataSource, type: OutcomePhoto['ownerType'], ids: number[]) {
  if (ids.length === 0) return new Map<number, { uploadId: number; url: string }[]>();
  const rows = await ds
    .getRepository(OutcomePhoto)
    .find({ where: { ownerType: type, ownerId: In(ids) }, order: { position: 'ASC' } });
  const map = new Map<number, { uploadId: number; url: string }[]>();
  for (const r of rows)
    map.set(r.ownerId, [...(map.get(r.ownerId) ?? []), { uploadId: r.uploadId, url: photoUrl(r.uploadId) }]);
  return map;
}

function objectionView(
  o: Objection,
  users: Map<number, User>,
  actor: Actor | undefined,
  photos: Map<number, { uploadId: number; url: string }[]>,
  seesAll: boolean,
): ObjectionView {
  const mine = actor?.userId === o.userId;
  return {
    id: o.id,
    topicId: o.topicId,
    objectorName: publicName(users.get(o.userId)),
    text: o.held && !seesAll && !mine ? HELD_TEXT : o.body,
    status: o.status,
    statusLabel: OBJECTION_STATUS_LABELS[o.status],
    reply: o.reply,
    createdAt: o.createdAt.toISOString(),
    answeredAt: o.answeredAt?.toISOString() ?? null,
    photos: seesAll || mine ? (photos.get(o.id) ?? []) : [],
    mine,
  };
}

/**
 * One topic's entry on the public board (no login needed): its resolution
 * with the vote result and a link to the published ballot log, the publicity
 * period, objections with answers (objectors masked), implementation with
 * milestones and progress, and the satisfaction summary; plus what the
 * signed-in viewer may do. Errors: NOT_FOUND (also before a decision).
 */
export async function boardEntry(ds: DataSource, actor: Actor | undefined, topicId: number): Promise<BoardEntry> {
  const topic = await loadTopic(ds, topicId);
  const decision = await latestDecision(ds, topicId);
  const isModerator = actor?.isModerator(topic.communityId) ?? false;
  const onBoard = (BOARD_STATUSES as readonly string[]).includes(topic.status) || topic.status === 'decided';
  if (!decision && !onBoard) throw new AppError('NOT_FOUND', { message: '这个议题还没有决议，不在公示栏上' });
  const [publicity, implementation, estate, building] = await Promise.all([
    ds.getRepository(Publicity).findOne({ where: { topicId }, order: { id: 'DESC' } }),
    ds.getRepository(Implementation).findOne({ where: { topicId } }),
    topic.estateId ? ds.getRepository(Estate).findOne({ where: { id: topic.estateId } }) : null,
    topic.buildingId ? ds.getRepository(Building).findOne({ where: { id: topic.buildingId } }) : null,
  ]);
  const objections = await ds.getRepository(Objection).find({ where: { topicId }, order: { id: 'ASC' } });
  const [milestones, updates, evaluations] = await Promise.all([
    implementation
      ? ds
          .getRepository(Milestone)
          .find({ where: { implementationId: implementation.id }, order: { dueDate: 'ASC', id: 'ASC' } })
      : [],
    implementation ? ds.getRepository(ProgressUpdate).find({ where: { topicId }, order: { id: 'ASC' } }) : [],
    ds.getRepository(Evaluation).find({ where: { topicId }, order: { id: 'DESC' } }),
  ]);
  const users = await usersById(ds, [
    ...objections.map((o) => o.userId),
    ...updates.map((u) => u.authorId),
    ...evaluations.map((e) => e.userId),
    ...(implementation ? [implementation.personUserId] : []),
  ]);
  const [objectionPhotos, updatePhotos] = await Promise.all([
    photosOf(
      ds,
      'objection',
      objections.map((o) => o.id),
    ),
    photosOf(
      ds,
      'progress',
      updates.map((u) => u.id),
    ),
  ]);
  const party = implementation
    ? await ds.getRepository(Party).findOne({ where: { id: implementation.partyId } })
    : null;
  const vote = decision?.voteId ? await ds.getRepository(Vote).findOne({ where: { id: decision.voteId } }) : null;
  const voteResult =
    vote?.status === 'closed' && vote.resultJson ? (JSON.parse(vote.resultJson) as Record<string, unknown>) : null;
  const now = new Date();
  const summary = satisfactionOf(evaluations.map((e) => e.score));
  const evaluationOpen =
    topic.status === 'completed' && !!implementation?.evaluationEndsAt && implementation.evaluationEndsAt > now;

  // What the viewer may do.
  let objectReason: string | null = null;
  let canObject = false;
  const publicityOpen = topic.status === 'publicity' && !!publicity && !publicity.endedAt && publicity.endsAt > now;
  if (!publicityOpen) objectReason = '不在公示期内';
  else if (!actor) objectReason = '请先登录';
  else if (!actor.isVerifiedResident(topic.communityId)) objectReason = '完成本社区的房屋认证后才能提出异议';
  else if (objections.some((o) => o.userId === actor.userId && o.status === 'pending'))
    objectReason = '您的异议正在等待答复';
  else canObject = true;
  const myEvaluation = actor ? evaluations.find((e) => e.userId === actor.userId) : undefined;
  let evaluateReason: string | null = null;
  let canEvaluate = false;
  if (!evaluationOpen) evaluateReason = topic.status === 'closed' ? '评价期已结束' : '办结后才能评价';
  else if (!actor) evaluateReason = '请先登录';
  else if (myEvaluation) evaluateReason = '您已经评价过了';
  else if (!actor.isVerifiedResident(topic.communityId) || actor.isSuspendedIn(topic.communityId))
    evaluateReason = '完成本社区的房屋认证后才能评价';
  else if (!(await isInTopicScope(ds, actor, topic))) evaluateReason = '这个议题只请所涉楼栋或小区的居民评价';
  else canEvaluate = true;

  return {
    topic: {
      id: topic.id,
      communityId: topic.communityId,
      title: topic.title,
      category: topic.category,
      scope: topic.scope,
      estateName: estate?.name ?? null,
      buildingName: building?.name ?? null,
      status: topic.status,
      statusLabel: TOPIC_STATUS_LABELS[topic.status],
    },
    resolution: decision
      ? {
          text: decision.text,
          decidedAt: decision.at.toISOString(),
          meetingId: decision.meetingId,
          vote: vote
            ? {
                id: vote.id,
                title: vote.title,
                passed: typeof voteResult?.passed === 'boolean' ? voteResult.passed : null,
                result: voteResult,
                recordUrl: `/api/votes/${vote.id}/record`,
              }
            : null,
        }
      : null,
    publicity: publicity
      ? {
          startsAt: publicity.startsAt.toISOString(),
          days: publicity.days,
          lastDay: publicity.lastDay,
          daysLeft: Math.max(0, daysLeft(publicity.lastDay, now)),
          open: publicityOpen,
          outcome: publicity.outcome,
        }
      : null,
    objections: objections.map((o) => objectionView(o, users, actor, objectionPhotos, isModerator)),
    implementation:
      implementation && party
        ? {
            partyId: party.id,
            partyName: party.name,
            personName: publicName(users.get(implementation.personUserId)),
            dueDate: implementation.dueDate,
            overdue: isOverdue(implementation.dueDate, implementation.completedAt !== null, now),
            milestones: milestones.map((m) => ({
              id: m.id,
              title: m.title,
              dueDate: m.dueDate,
              doneOn: m.doneOn,
              overdue: isOverdue(m.dueDate, m.doneOn !== null, now),
            })),
            updates: updates.map((u) => ({
              id: u.id,
              kind: u.kind,
              text: u.body,
              authorName: publicName(users.get(u.authorId)),
              authorRoleLabel: reporterRoleLabel(u.authorRole),
              photos: updatePhotos.get(u.id) ?? [],
              createdAt: u.createdAt.toISOString(),
            })),
            completedAt: implementation.completedAt?.toISOString() ?? null,
            evaluationLastDay: implementation.evaluationLastDay,
          }
        : null,
    evaluation: {
      ...summary,
      lastDay: implementation?.evaluationLastDay ?? null,
      open: evaluationOpen,
      comments: evaluations
        .filter((e) => e.comment && !e.held)
        .slice(0, 20)
        .map((e) => ({
          name: publicName(users.get(e.userId)),
          score: e.score,
          comment: e.comment!,
          createdAt: e.createdAt.toISOString(),
        })),
    },
    me: {
      canObject,
      objectReason,
      canEvaluate,
      evaluateReason,
      myScore: myEvaluation?.score ?? null,
      isModerator,
      canReport: (await reporterRole(ds, actor, topic, implementation)) !== undefined,
    },
  };
}

/**
 * The community's public board (公示栏), newest change first: topics in
 * publicity, implementation and completed (or one of these, or closed),
 * keyset-paged by topic id.
 */
export async function listBoard(
  ds: DataSource,
  communityId: number,
  query: { status?: BoardStatus; cursor?: number; limit: number },
): Promise<{ items: BoardItem[]; nextCursor: number | null }> {
  const statuses: BoardStatus[] = query.status ? [query.status] : ['publicity', 'implementation', 'completed'];
  const qb = ds
    .getRepository(Topic)
    .createQueryBuilder('t')
    .where('t.community_id = :communityId', { communityId })
    .andWhere('t.status IN (:...statuses)', { statuses })
    .andWhere('t.held = :held', { held: false })
    .orderBy('t.id', 'DESC')
    .take(query.limit + 1);
  if (query.cursor) qb.andWhere('t.id < :cursor', { cursor: query.cursor });
  const topics = await qb.getMany();
  const page = topics.slice(0, query.limit);
  const ids = page.map((t) => t.id);
  if (ids.length === 0) return { items: [], nextCursor: null };
  const [publicities, implementations, evaluations, estates] = await Promise.all([
    ds.getRepository(Publicity).find({ where: { topicId: In(ids) }, order: { id: 'ASC' } }),
    ds.getRepository(Implementation).find({ where: { topicId: In(ids) } }),
    ds.getRepository(Evaluation).find({ where: { topicId: In(ids) }, select: { topicId: true, score: true } }),
    ds.getRepository(Estate).find({ where: { id: In(page.map((t) => t.estateId ?? 0)) } }),
  ]);
  const parties = await ds
    .getRepository(Party)
    .find({ where: { id: In(implementations.map((i) => i.partyId).concat(0)) } });
  const publicityOf = new Map(publicities.map((p) => [p.topicId, p]));
  const implementationOf = new Map(implementations.map((i) => [i.topicId, i]));
  const now = new Date();
  const items = page.map((t): BoardItem => {
    const p = publicityOf.get(t.id);
    const i = implementationOf.get(t.id);
    return {
      topicId: t.id,
      title: t.title,
      category: t.category,
      estateName: estates.find((e) => e.id === t.estateId)?.name ?? null,
      status: t.status,
      statusLabel: TOPIC_STATUS_LABELS[t.status],
      resolution: p ? p.resolution.slice(0, 120) : null,
      publicityLastDay: p?.lastDay ?? null,
      partyName: i ? (parties.find((x) => x.id === i.partyId)?.name ?? null) : null,
      dueDate: i?.dueDate ?? null,
      overdue: i ? isOverdue(i.dueDate, i.completedAt !== null, now) : false,
      satisfaction: satisfactionOf(evaluations.filter((e) => e.topicId === t.id).map((e) => e.score)),
      changedAt: t.statusChangedAt.toISOString(),
    };
  });
  return { items, nextCursor: topics.length > query.limit ? page[page.length - 1]!.id : null };
}

/** The community's objections for its moderators (pending first, oldest first), with the objector's real name. Errors: FORBIDDEN. */
export async function objectionsForModeration(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  status: 'pending' | 'upheld' | 'dismissed' | 'all',
) {
  if (!actor.isModerator(communityId)) {
    throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者可以查看' });
  }
  const rows = await ds.getRepository(Objection).find({
    where: { communityId, ...(status === 'all' ? {} : { status }) },
    order: { id: status === 'pending' ? 'ASC' : 'DESC' },
    take: 200,
  });
  const users = await usersById(
    ds,
    rows.map((o) => o.userId),
  );
  const topics = await ds.getRepository(Topic).find({ where: { id: In(rows.map((o) => o.topicId).concat(0)) } });
  const photos = await photosOf(
    ds,
    'objection',
    rows.map((o) => o.id),
  );
  return rows.map((o) => ({
    ...objectionView(o, users, actor, photos, true),
    topicTitle: topics.find((t) => t.id === o.topicId)?.title ?? '',
    objectorRealName: users.get(o.userId)?.realName ?? null,
    held: o.held,
  }));
}

interface OverdueRow {
  kind: 'implementation' | 'milestone';
  community_id: number;
  topic_id: number;
  milestone_id: number | null;
  title: string;
  due_date: string;
  party_id: number;
}

/** Overdue implementations and milestones of topics being carried out in the given communities, oldest due first. */
export async function overdueItems(ds: DataSource, communityIds: number[], now = new Date()): Promise<OverdueItem[]> {
  if (communityIds.length === 0) return [];
  const today = shanghaiDay(now);
  const marks = communityIds.map(() => '?').join(',');
  const rows = (await ds.query(
    `SELECT 'implementation' AS kind, i.community_id, i.topic_id, NULL AS milestone_id, t.title, i.due_date, i.party_id
       FROM implementation i JOIN topic t ON t.id = i.topic_id
      WHERE i.community_id IN (${marks}) AND i.completed_at IS NULL AND i.due_date < ? AND t.status = 'implementation'
     UNION ALL
     SELECT 'milestone' AS kind, m.community_id, m.topic_id, m.id AS milestone_id, m.title, m.due_date, i.party_id
       FROM implementation_milestone m JOIN implementation i ON i.id = m.implementation_id JOIN topic t ON t.id = m.topic_id
      WHERE m.community_id IN (${marks}) AND m.done_on IS NULL AND m.due_date < ? AND t.status = 'implementation'`,
    [...communityIds, today, ...communityIds, today],
  )) as OverdueRow[];
  const topicIds = [...new Set(rows.map((r) => Number(r.topic_id)))];
  const [topics, parties, communities] = await Promise.all([
    ds.getRepository(Topic).find({ where: { id: In(topicIds.concat(0)) } }),
    ds.getRepository(Party).find({ where: { id: In(rows.map((r) => Number(r.party_id)).concat(0)) } }),
    ds.getRepository(Community).find({ where: { id: In(communityIds) } }),
  ]);
  return rows
    .map((r) => {
      const topic = topics.find((t) => t.id === Number(r.topic_id));
      return {
        kind: r.kind,
        communityId: Number(r.community_id),
        communityName: communities.find((c) => c.id === Number(r.community_id))?.name ?? '',
        topicId: Number(r.topic_id),
        topicTitle: topic?.title ?? '',
        milestoneId: r.milestone_id === null ? null : Number(r.milestone_id),
        title: r.kind === 'implementation' ? `办结期限：${topic?.title ?? ''}` : r.title,
        dueDate: r.due_date,
        daysOverdue: Math.round(
          (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.due_date}T00:00:00Z`)) / 86_400_000,
        ),
        partyName: parties.find((p) => p.id === Number(r.party_id))?.name ?? '',
      };
    })
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.topicId - b.topicId));
}

/** Overdue items of one community, for its moderators. Errors: FORBIDDEN. */
export async function communityOverdue(ds: DataSource, actor: Actor, communityId: number): Promise<OverdueItem[]> {
  if (!actor.isModerator(communityId)) throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者可以查看' });
  return overdueItems(ds, [communityId]);
}

/** The sub-district's communities (ids). */
export async function communitiesOfSubDistrict(ds: DataSource, subDistrictId: number): Promise<number[]> {
  const rows = await ds.getRepository(Community).find({ where: { subDistrictId }, select: { id: true } });
  return rows.map((c) => c.id);
}

/** Overdue items across a sub-district's communities, for its admins. Errors: FORBIDDEN. */
export async function subDistrictOverdue(ds: DataSource, actor: Actor, subDistrictId: number): Promise<OverdueItem[]> {
  assertSubDistrictAdmin(actor, subDistrictId);
  return overdueItems(ds, await communitiesOfSubDistrict(ds, subDistrictId));
}

/**
 * A photo of the outcomes stage: progress and completion photos are public
 * (no login); an objection's photos only for the objector and the
 * community's moderators. Errors: NOT_FOUND (one answer for all refusals).
 */
export async function openOutcomePhoto(
  ds: DataSource,
  storage: FileStorage,
  actor: Actor | undefined,
  uploadId: number,
): Promise<{ upload: Upload; stream: Readable }> {
  const photo = await ds.getRepository(OutcomePhoto).findOne({ where: { uploadId } });
  if (!photo) throw new AppError('NOT_FOUND');
  const upload = await ds.getRepository(Upload).findOne({ where: { id: uploadId } });
  if (!upload) throw new AppError('NOT_FOUND');
  if (photo.ownerType === 'objection') {
    const objection = await ds.getRepository(Objection).findOne({ where: { id: photo.ownerId } });
    if (!objection || !actor || (objection.userId !== actor.userId && !actor.isModerator(objection.communityId))) {
      throw new AppError('NOT_FOUND');
    }
  }
  const stored = await storage.get(upload.storageKey);
  if (!stored) throw new AppError('NOT_FOUND');
  return { upload, stream: stored.stream };
}
