import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';
import type { z } from 'zod';
import { isCalendarDay, periodEnd } from '../../../shared/src/outcomes/outcomes.rules';
import type {
  answerObjectionBodySchema,
  assignImplementationBodySchema,
  completionBodySchema,
  evaluateBodySchema,
  fileObjectionBodySchema,
  milestoneInputSchema,
  progressBodySchema,
  recordResolutionBodySchema,
} from '../../../shared/src/outcomes/outcomes.schema';
import { shanghaiDay } from '../../../shared/src/time';
import { TOPIC_STATUS_LABELS, type TopicStatus } from '../../../shared/src/topics/topic-states';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { Membership } from '../members/members.entity';
import { assertNotSuspended, assertPrivacyAccepted } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { moveTopic } from '../topics/topic-lifecycle';
import { Party, Topic, TopicPhoto } from '../topics/topics.entity';
import { audienceOf, recordEvent } from '../topics/topics.service';
import { settingsOf } from '../topics/topics.settings';
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
import { assertReporter, assertTopicModerator, isInTopicScope, moderatorsOf } from './outcomes.policy';
import { outcomeSettingsOf } from './outcomes.settings';

export type RecordResolutionBody = z.infer<typeof recordResolutionBodySchema>;
export type FileObjectionBody = z.infer<typeof fileObjectionBodySchema>;
export type AnswerObjectionBody = z.infer<typeof answerObjectionBodySchema>;
export type AssignImplementationBody = z.infer<typeof assignImplementationBodySchema>;
export type MilestoneInput = z.infer<typeof milestoneInputSchema>;
export type ProgressBody = z.infer<typeof progressBodySchema>;
export type CompletionBody = z.infer<typeof completionBodySchema>;
export type EvaluateBody = z.infer<typeof evaluateBodySchema>;

type Db = DataSource | EntityManager;
type TopicChange = { topicId: number; communityId: number; from: TopicStatus; to: TopicStatus; action: string };

export async function loadTopic(db: Db, id: number): Promise<Topic> {
  const topic = await db.getRepository(Topic).findOne({ where: { id } });
  // Topics held for content review never reach the outcomes stage; treat them as absent here.
  if (!topic || topic.held) throw new AppError('NOT_FOUND', { message: '这个议题不存在或已删除' });
  return topic;
}

function illegal(topic: Topic, what: string): AppError {
  return new AppError('ILLEGAL_TRANSITION', {
    message: `议题当前为“${TOPIC_STATUS_LABELS[topic.status]}”，不能${what}`,
    details: { status: topic.status },
  });
}

/** The round of publicity still running for the topic (not ended), if any. */
export async function openPublicity(db: Db, topicId: number): Promise<Publicity | null> {
  return db.getRepository(Publicity).findOne({ where: { topicId, endedAt: IsNull() }, order: { id: 'DESC' } });
}

/** The latest resolution: the note and data of the topic's latest `decide` timeline entry. */
export async function latestDecision(
  db: Db,
  topicId: number,
): Promise<{ text: string; voteId: number | null; meetingId: number | null; at: Date } | null> {
  const rows = (await db.query(
    "SELECT note, data_json, created_at FROM topic_event WHERE topic_id = ? AND action = 'decide' ORDER BY id DESC LIMIT 1",
    [topicId],
  )) as { note: string | null; data_json: string | null; created_at: Date | string }[];
  const row = rows[0];
  if (!row) return null;
  const data = row.data_json ? (JSON.parse(row.data_json) as Record<string, unknown>) : {};
  const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : null);
  return {
    text: row.note ?? '',
    voteId: num(data.voteId),
    meetingId: num(data.meetingId),
    at: row.created_at instanceof Date ? row.created_at : new Date(`${String(row.created_at).replace(' ', 'T')}Z`),
  };
}

/**
 * Checks photos for an objection or a progress update and attaches them:
 * photo uploads by the actor, used nowhere else (the unique upload id backs
 * that). Errors: VALIDATION_FAILED.
 */
async function attachPhotos(
  em: EntityManager,
  actor: Actor,
  uploadIds: number[],
  owner: { type: OutcomePhoto['ownerType']; id: number; topicId: number },
): Promise<void> {
  if (uploadIds.length === 0) return;
  const uploads = await em.find(Upload, { where: { id: In(uploadIds) } });
  const used =
    (await em.count(OutcomePhoto, { where: { uploadId: In(uploadIds) } })) +
    (await em.count(TopicPhoto, { where: { uploadId: In(uploadIds) } }));
  if (
    uploads.length !== uploadIds.length ||
    // The app's photo picker uploads as topic_photo; either photo purpose is fine here.
    uploads.some(
      (u) => u.ownerUserId !== actor.userId || (u.purpose !== 'progress_photo' && u.purpose !== 'topic_photo'),
    ) ||
    used > 0
  ) {
    throw fieldError('photoUploadIds', '照片无效，请重新上传');
  }
  await em.insert(
    OutcomePhoto,
    uploadIds.map((uploadId, position) => ({
      uploadId,
      ownerType: owner.type,
      ownerId: owner.id,
      topicId: owner.topicId,
      position,
    })),
  );
}

function emitChanges(services: AppServices, changes: TopicChange[]): void {
  for (const change of changes) services.events.emit('topic.changed', change);
}

// ---------------------------------------------------------------------------
// 1. Resolution without a meeting

/**
 * A moderator records a topic's resolution (决议) without a meeting, resting
 * optionally on a closed vote of the same community: the topic moves to
 * decided (moveTopic 'decide', the text is the timeline note).
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED (voteId).
 */
export async function recordResolution(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: RecordResolutionBody,
): Promise<void> {
  const ds = services.dataSource;
  const change = await runInTransaction(ds, async (em) => {
    const topic = await loadTopic(em, topicId);
    assertTopicModerator(actor, topic);
    if (body.voteId !== undefined) {
      const vote = await em.findOne(Vote, { where: { id: body.voteId } });
      if (!vote || vote.communityId !== topic.communityId || (vote.topicId !== null && vote.topicId !== topic.id)) {
        throw fieldError('voteId', '请选择本社区关于这个议题的表决');
      }
      if (vote.status !== 'closed') throw fieldError('voteId', '这项表决还没有结束，结束后才能作为决议依据');
    }
    const moved = await moveTopic(em, topic.id, 'decide', {
      actor,
      note: body.text,
      data: body.voteId !== undefined ? { voteId: body.voteId } : undefined,
    });
    return { topicId, communityId: topic.communityId, from: moved.from, to: moved.to, action: 'decide' };
  });
  emitChanges(services, [change]);
}

// ---------------------------------------------------------------------------
// 2. Publicity

/**
 * A moderator publishes a decided topic's resolution on the public board for
 * the community's publicityDays (calendar days, Asia/Shanghai): a new
 * publicity round, the topic moves to publicity.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (not decided).
 */
export async function publishResolution(services: AppServices, actor: Actor, topicId: number): Promise<void> {
  const ds = services.dataSource;
  const change = await runInTransaction(ds, async (em) => {
    const topic = await loadTopic(em, topicId);
    assertTopicModerator(actor, topic);
    if (topic.status !== 'decided') throw illegal(topic, '公示决议');
    const decision = await latestDecision(em, topic.id);
    if (!decision) throw new AppError('ILLEGAL_TRANSITION', { message: '这个议题还没有决议，不能公示' });
    const { publicityDays } = await settingsOf(em, topic.communityId);
    const now = new Date();
    const { lastDay, endsAt } = periodEnd(now, publicityDays);
    const moved = await moveTopic(em, topic.id, 'publicize', {
      actor,
      note: `公示 ${publicityDays} 天，至 ${lastDay} 止；公示期内居民可提出异议`,
      data: { days: publicityDays, lastDay },
    });
    await em.insert(Publicity, {
      topicId: topic.id,
      communityId: topic.communityId,
      resolution: decision.text,
      voteId: decision.voteId,
      meetingId: decision.meetingId,
      days: publicityDays,
      startsAt: now,
      lastDay,
      endsAt,
      publishedBy: actor.userId,
      endedAt: null,
      outcome: null,
    });
    return { topicId, communityId: topic.communityId, from: moved.from, to: moved.to, action: 'publicize' };
  });
  emitChanges(services, [change]);
}

// ---------------------------------------------------------------------------
// 3. Objections

/**
 * A verified resident of the community files an objection (异议) during
 * publicity: one open objection per resident per topic; text through the
 * content check (risky refused, review held from the public). Moderators are
 * told. Errors: NOT_FOUND, NOT_VERIFIED, MEMBER_SUSPENDED,
 * PRIVACY_CONSENT_REQUIRED, ILLEGAL_TRANSITION, CONFLICT, CONTENT_RISKY, VALIDATION_FAILED.
 */
export async function fileObjection(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: FileObjectionBody,
): Promise<number> {
  const ds = services.dataSource;
  const topic = await loadTopic(ds, topicId);
  assertPrivacyAccepted(actor);
  assertNotSuspended(actor, topic.communityId);
  if (!actor.isVerifiedResident(topic.communityId)) {
    throw new AppError('NOT_VERIFIED', { message: '完成本社区的房屋认证后才能提出异议' });
  }
  if (topic.status !== 'publicity') throw illegal(topic, '提出异议（只有公示期内可以提出）');
  const round = await openPublicity(ds, topicId);
  if (!round || round.endsAt.getTime() <= Date.now()) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '公示期已结束，不能再提出异议' });
  }
  const openKey = `${topicId}:${actor.userId}`;
  if (await ds.getRepository(Objection).exists({ where: { openKey } })) {
    throw new AppError('CONFLICT', { message: '您对这个议题已有一条异议在等待答复，请等答复后再提' });
  }
  const check = await services.content.checkText(body.text, { openid: actor.user.wechatOpenid, scene: 2 });
  if (check.verdict === 'risky') {
    throw new AppError('CONTENT_RISKY', { details: { fields: [{ path: 'text', message: '内容不宜公开发布' }] } });
  }
  return runInTransaction(ds, async (em) => {
    const current = await loadTopic(em, topicId);
    if (current.status !== 'publicity') throw illegal(current, '提出异议');
    const inserted = await em.insert(Objection, {
      topicId,
      publicityId: round.id,
      communityId: topic.communityId,
      userId: actor.userId,
      body: body.text,
      held: check.verdict === 'review',
      status: 'pending',
      reply: null,
      answeredBy: null,
      answeredAt: null,
      openKey,
    });
    const objectionId = Number(inserted.identifiers[0]!.id);
    await attachPhotos(em, actor, body.photoUploadIds, { type: 'objection', id: objectionId, topicId });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      actorRole: 'resident',
      action: 'objection.file',
      objectType: 'objection',
      objectId: objectionId,
      summary: `居民对议题 #${topicId}「${topic.title.slice(0, 40)}」的公示提出异议`,
      data: { topicId, publicityId: round.id },
    });
    for (const userId of await moderatorsOf(em, topic.communityId)) {
      await notify(em, userId, {
        kind: 'objection_filed',
        title: '公示收到异议',
        body: `议题「${topic.title}」的公示收到一条异议，请及时答复。异议未答复前，议题不会进入落实。`,
        link: '/moderator/outcomes/objections',
      });
    }
    return objectionId;
  });
}

/**
 * A moderator answers a pending objection: upheld (the topic is reopened —
 * moveTopic 'reopen', back to 待分派 for routing again or a new vote — and
 * its publicity round ends) or dismissed, with a reply the objector is told.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (already answered).
 */
export async function answerObjection(
  services: AppServices,
  actor: Actor,
  objectionId: number,
  body: AnswerObjectionBody,
): Promise<{ reopened: boolean; topicId: number }> {
  const ds = services.dataSource;
  const result = await runInTransaction(ds, async (em) => {
    const objection = await em.findOne(Objection, { where: { id: objectionId } });
    if (!objection) throw new AppError('NOT_FOUND', { message: '没有这条异议' });
    const topic = await loadTopic(em, objection.topicId);
    assertTopicModerator(actor, topic);
    const changed = await em
      .createQueryBuilder()
      .update(Objection)
      .set({
        status: body.decision,
        reply: body.reply,
        answeredBy: actor.userId,
        answeredAt: new Date(),
        openKey: null,
      })
      .where("id = :id AND status = 'pending'", { id: objectionId })
      .execute();
    if (changed.affected !== 1) throw new AppError('ILLEGAL_TRANSITION', { message: '这条异议已经答复过了' });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      action: body.decision === 'upheld' ? 'objection.uphold' : 'objection.dismiss',
      objectType: 'objection',
      objectId: objectionId,
      summary: `${body.decision === 'upheld' ? '采纳' : '不予采纳'}议题 #${topic.id} 的异议 #${objectionId}：${body.reply.slice(0, 80)}`,
      data: { topicId: topic.id },
    });
    let change: TopicChange | null = null;
    if (body.decision === 'upheld' && topic.status === 'publicity') {
      const moved = await moveTopic(em, topic.id, 'reopen', {
        actor,
        note: `异议成立：${body.reply}`,
        data: { objectionId },
      });
      await em.update(
        Publicity,
        { topicId: topic.id, endedAt: IsNull() },
        { endedAt: new Date(), outcome: 'reopened' },
      );
      change = { topicId: topic.id, communityId: topic.communityId, from: moved.from, to: moved.to, action: 'reopen' };
    }
    await notify(em, objection.userId, {
      kind: 'objection_answered',
      title: body.decision === 'upheld' ? '您的异议已被采纳' : '您的异议已答复',
      body:
        body.decision === 'upheld'
          ? `您对议题「${topic.title}」的异议已被采纳，议题将重新办理。答复：${body.reply}`
          : `您对议题「${topic.title}」的异议未被采纳。答复：${body.reply}`,
      link: `/pages/board/detail?id=${topic.id}`,
    });
    return { change, topicId: topic.id };
  });
  if (result.change) emitChanges(services, [result.change]);
  return { reopened: result.change !== null, topicId: result.topicId };
}

// ---------------------------------------------------------------------------
// 4. Implementation

async function loadImplementation(db: Db, topicId: number): Promise<Implementation | null> {
  return db.getRepository(Implementation).findOne({ where: { topicId } });
}

function checkDueDate(path: string, dueDate: string): void {
  if (!isCalendarDay(dueDate)) throw fieldError(path, '日期不存在，请重新选择');
  if (dueDate < shanghaiDay()) throw fieldError(path, '期限不能早于今天');
}

/**
 * A moderator assigns (or re-assigns) who carries out the resolution during
 * publicity or implementation: a party of the community's directory, a named
 * member as responsible person, a due date, and milestones to add. The person
 * and the party's members are told.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function assignImplementation(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: AssignImplementationBody,
): Promise<void> {
  const ds = services.dataSource;
  checkDueDate('dueDate', body.dueDate);
  for (const [i, m] of body.milestones.entries()) checkDueDate(`milestones.${i}.dueDate`, m.dueDate);
  await runInTransaction(ds, async (em) => {
    const topic = await loadTopic(em, topicId);
    assertTopicModerator(actor, topic);
    if (topic.status !== 'publicity' && topic.status !== 'implementation') throw illegal(topic, '安排落实');
    const party = await em.findOne(Party, { where: { id: body.partyId } });
    if (!party || party.communityId !== topic.communityId) throw fieldError('partyId', '请从本社区的责任方中选择');
    const member = await em.findOne(Membership, {
      where: { userId: body.personUserId, communityId: topic.communityId },
    });
    if (member?.status !== 'active') throw fieldError('personUserId', '责任人须是本社区的成员');
    const existing = await loadImplementation(em, topicId);
    if (existing?.completedAt)
      throw new AppError('ILLEGAL_TRANSITION', { message: '这个议题已经办结，不能再调整落实安排' });
    let implementationId: number;
    if (existing) {
      await em.update(
        Implementation,
        { id: existing.id },
        { partyId: party.id, personUserId: body.personUserId, dueDate: body.dueDate, overdueNoticedOn: null },
      );
      implementationId = existing.id;
    } else {
      const inserted = await em.insert(Implementation, {
        topicId,
        communityId: topic.communityId,
        partyId: party.id,
        personUserId: body.personUserId,
        dueDate: body.dueDate,
        assignedBy: actor.userId,
        completedAt: null,
        evaluationLastDay: null,
        evaluationEndsAt: null,
        overdueNoticedOn: null,
      });
      implementationId = Number(inserted.identifiers[0]!.id);
    }
    for (const m of body.milestones) {
      await em.insert(Milestone, {
        implementationId,
        topicId,
        communityId: topic.communityId,
        title: m.title,
        dueDate: m.dueDate,
        doneOn: null,
        doneBy: null,
        overdueNoticedOn: null,
      });
    }
    const note = `责任方：${party.name}；办结期限：${body.dueDate}${body.milestones.length ? `；节点 ${body.milestones.length} 个` : ''}`;
    await recordEvent(em, topicId, {
      action: existing ? 'implementation_reassigned' : 'implementation_assigned',
      from: null,
      to: null,
      actorId: actor.userId,
      actorRole: 'moderator',
      note,
      data: { partyId: party.id, partyName: party.name, dueDate: body.dueDate },
    });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      action: existing ? 'implementation.reassign' : 'implementation.assign',
      objectType: 'topic',
      objectId: topicId,
      summary: `议题 #${topicId} 安排落实：${note}`,
      data: {
        implementationId,
        partyId: party.id,
        personUserId: body.personUserId,
        dueDate: body.dueDate,
        milestones: body.milestones.length,
      },
    });
    const partyMembers = (await em.query('SELECT user_id FROM party_member WHERE party_id = ?', [party.id])) as {
      user_id: number;
    }[];
    const told = new Set([body.personUserId, ...partyMembers.map((p) => Number(p.user_id))]);
    told.delete(actor.userId);
    for (const userId of told) {
      await notify(em, userId, {
        kind: 'implementation_assigned',
        title: '请落实议题决议',
        body: `议题「${topic.title}」的决议由${party.name}落实，办结期限 ${body.dueDate}。请按时填写进展。`,
        link: `/pages/outcomes/implementation?id=${topicId}`,
      });
    }
  });
}

/** A moderator adds a milestone to an implementation not yet completed. Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED. */
export async function addMilestone(ds: DataSource, actor: Actor, topicId: number, body: MilestoneInput): Promise<void> {
  checkDueDate('dueDate', body.dueDate);
  await runInTransaction(ds, async (em) => {
    const topic = await loadTopic(em, topicId);
    assertTopicModerator(actor, topic);
    const implementation = await loadImplementation(em, topicId);
    if (!implementation) throw new AppError('ILLEGAL_TRANSITION', { message: '请先安排落实责任方' });
    if (implementation.completedAt) throw new AppError('ILLEGAL_TRANSITION', { message: '这个议题已经办结' });
    const inserted = await em.insert(Milestone, {
      implementationId: implementation.id,
      topicId,
      communityId: topic.communityId,
      title: body.title,
      dueDate: body.dueDate,
      doneOn: null,
      doneBy: null,
      overdueNoticedOn: null,
    });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      action: 'milestone.add',
      objectType: 'milestone',
      objectId: Number(inserted.identifiers[0]!.id),
      summary: `议题 #${topicId} 增加落实节点「${body.title}」，期限 ${body.dueDate}`,
      data: { topicId, dueDate: body.dueDate },
    });
  });
}

/**
 * The responsible person, a member of the responsible party or a moderator
 * marks a milestone done on a day (today by default, never in the future).
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (already done, or completed), VALIDATION_FAILED.
 */
export async function completeMilestone(
  ds: DataSource,
  actor: Actor,
  milestoneId: number,
  doneOn: string | undefined,
): Promise<number> {
  const today = shanghaiDay();
  const day = doneOn ?? today;
  if (!isCalendarDay(day)) throw fieldError('doneOn', '日期不存在，请重新选择');
  if (day > today) throw fieldError('doneOn', '完成日期不能晚于今天');
  return runInTransaction(ds, async (em) => {
    const milestone = await em.findOne(Milestone, { where: { id: milestoneId } });
    if (!milestone) throw new AppError('NOT_FOUND', { message: '没有这个落实节点' });
    const topic = await loadTopic(em, milestone.topicId);
    const implementation = await loadImplementation(em, topic.id);
    const role = await assertReporter(em, actor, topic, implementation);
    if (implementation?.completedAt) throw new AppError('ILLEGAL_TRANSITION', { message: '这个议题已经办结' });
    const changed = await em
      .createQueryBuilder()
      .update(Milestone)
      .set({ doneOn: day, doneBy: actor.userId })
      .where('id = :id AND done_on IS NULL', { id: milestoneId })
      .execute();
    if (changed.affected !== 1) throw new AppError('ILLEGAL_TRANSITION', { message: '这个节点已经标记完成了' });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      actorRole: role,
      action: 'milestone.done',
      objectType: 'milestone',
      objectId: milestoneId,
      summary: `议题 #${topic.id} 的落实节点「${milestone.title}」于 ${day} 完成`,
      data: { topicId: topic.id, doneOn: day },
    });
    return topic.id;
  });
}

/**
 * The responsible person, a member of the responsible party or a moderator
 * posts a progress update (text and up to 9 photos) while the topic is being
 * carried out; it is on the timeline and the board, followers are told.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function postProgress(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: ProgressBody,
): Promise<void> {
  await runInTransaction(services.dataSource, async (em) => {
    const topic = await loadTopic(em, topicId);
    const implementation = await loadImplementation(em, topicId);
    const role = await assertReporter(em, actor, topic, implementation);
    if (topic.status !== 'implementation') throw illegal(topic, '填写落实进展');
    if (!implementation)
      throw new AppError('ILLEGAL_TRANSITION', { message: '还没有安排落实责任方，请联系社区工作者' });
    const inserted = await em.insert(ProgressUpdate, {
      topicId,
      implementationId: implementation.id,
      communityId: topic.communityId,
      kind: 'progress',
      authorId: actor.userId,
      authorRole: role,
      body: body.text,
    });
    const updateId = Number(inserted.identifiers[0]!.id);
    await attachPhotos(em, actor, body.photoUploadIds, { type: 'progress', id: updateId, topicId });
    await recordEvent(em, topicId, {
      action: 'progress',
      from: null,
      to: null,
      actorId: actor.userId,
      actorRole: role,
      partyId: role === 'moderator' ? null : implementation.partyId,
      note: body.text,
      data: { progressId: updateId, photos: body.photoUploadIds.length },
    });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      actorRole: role,
      action: 'implementation.progress',
      objectType: 'topic',
      objectId: topicId,
      summary: `议题 #${topicId} 更新落实进展：${body.text.slice(0, 80)}`,
      data: { progressId: updateId, photos: body.photoUploadIds.length },
    });
    for (const userId of (await audienceOf(em, topic)).filter((u) => u !== actor.userId)) {
      await notify(em, userId, {
        kind: 'implementation_progress',
        title: '议题有新的落实进展',
        body: `议题「${topic.title}」：${body.text.slice(0, 100)}`,
        link: `/pages/outcomes/implementation?id=${topicId}`,
      });
    }
  });
}

/**
 * The completion report (办结报告, text and photos) by the responsible person,
 * the party or a moderator: the topic moves to completed (moveTopic
 * 'complete') and the evaluation window opens for the community's
 * evaluationDays. Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function reportCompletion(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: CompletionBody,
): Promise<void> {
  const change = await runInTransaction(services.dataSource, async (em) => {
    const topic = await loadTopic(em, topicId);
    const implementation = await loadImplementation(em, topicId);
    const role = await assertReporter(em, actor, topic, implementation);
    if (topic.status !== 'implementation') throw illegal(topic, '提交办结报告');
    if (!implementation)
      throw new AppError('ILLEGAL_TRANSITION', { message: '还没有安排落实责任方，请联系社区工作者' });
    const { evaluationDays } = await outcomeSettingsOf(em, topic.communityId);
    const now = new Date();
    const window = periodEnd(now, evaluationDays);
    const moved = await moveTopic(em, topicId, 'complete', {
      actor,
      actorRole: role,
      note: body.text,
      data: { evaluationLastDay: window.lastDay },
    });
    const inserted = await em.insert(ProgressUpdate, {
      topicId,
      implementationId: implementation.id,
      communityId: topic.communityId,
      kind: 'completion',
      authorId: actor.userId,
      authorRole: role,
      body: body.text,
    });
    await attachPhotos(em, actor, body.photoUploadIds, {
      type: 'progress',
      id: Number(inserted.identifiers[0]!.id),
      topicId,
    });
    await em.update(
      Implementation,
      { id: implementation.id },
      { completedAt: now, evaluationLastDay: window.lastDay, evaluationEndsAt: window.endsAt },
    );
    return { topicId, communityId: topic.communityId, from: moved.from, to: moved.to, action: 'complete' };
  });
  emitChanges(services, [change]);
}

// ---------------------------------------------------------------------------
// 5. Evaluation

/**
 * A verified resident in the topic's scope (community, estate or building)
 * rates a completed topic 1–5 with an optional comment, once (unique key),
 * until the evaluation window closes. Errors: NOT_FOUND, NOT_VERIFIED,
 * FORBIDDEN (outside the scope), MEMBER_SUSPENDED, PRIVACY_CONSENT_REQUIRED,
 * ILLEGAL_TRANSITION (not completed, window over), CONFLICT (already rated), CONTENT_RISKY.
 */
export async function evaluateTopic(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: EvaluateBody,
): Promise<void> {
  const ds = services.dataSource;
  const topic = await loadTopic(ds, topicId);
  assertPrivacyAccepted(actor);
  assertNotSuspended(actor, topic.communityId);
  if (!actor.isVerifiedResident(topic.communityId)) {
    throw new AppError('NOT_VERIFIED', { message: '完成本社区的房屋认证后才能评价' });
  }
  if (!(await isInTopicScope(ds, actor, topic))) {
    throw new AppError('FORBIDDEN', { message: '这个议题只请所涉楼栋或小区的居民评价' });
  }
  const implementation = await loadImplementation(ds, topicId);
  if (topic.status !== 'completed' || !implementation?.evaluationEndsAt) {
    throw topic.status === 'closed'
      ? new AppError('ILLEGAL_TRANSITION', { message: '评价期已结束' })
      : illegal(topic, '评价（办结后才能评价）');
  }
  if (implementation.evaluationEndsAt.getTime() <= Date.now()) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '评价期已结束' });
  }
  if (await ds.getRepository(Evaluation).exists({ where: { topicId, userId: actor.userId } })) {
    throw new AppError('CONFLICT', { message: '您已经评价过这个议题了，每人只能评价一次' });
  }
  const comment = body.comment ? body.comment : null;
  let held = false;
  if (comment) {
    const check = await services.content.checkText(comment, { openid: actor.user.wechatOpenid, scene: 2 });
    if (check.verdict === 'risky') {
      throw new AppError('CONTENT_RISKY', { details: { fields: [{ path: 'comment', message: '内容不宜公开发布' }] } });
    }
    held = check.verdict === 'review';
  }
  await runInTransaction(ds, async (em) => {
    await em.insert(Evaluation, {
      topicId,
      communityId: topic.communityId,
      userId: actor.userId,
      score: body.score,
      comment,
      held,
    });
  });
}

export type { Db, TopicChange };
