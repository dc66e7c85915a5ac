import type { Logger } from 'pino';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { maskName } from '../../../shared/src/communities/roster';
import { shanghaiDay } from '../../../shared/src/time';
import {
  availableActions,
  checkTransition,
  nextLevel,
  OPEN_STATUSES,
  TOPIC_STATUS_LABELS,
  TOPIC_TRANSITIONS,
  type TopicAction,
  type TopicActor,
  type TopicLevel,
  type TopicStatus,
} from '../../../shared/src/topics/topic-states';
import type { SubmitTopicBody, TopicDetail } from '../../../shared/src/topics/topics.schema';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Building, Community, Estate } from '../communities/communities.entity';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { Membership } from '../members/members.entity';
import { assertNotSuspended, assertPrivacyAccepted } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { sendSubscribeMessages } from '../notifications/subscribe';
import { Upload } from '../uploads/uploads.entity';
import { Cosign, Party, Topic, TopicEvent, TopicFollow, TopicPhoto } from './topics.entity';
import { indexTopicTokens } from './topics.index';
import { prepareTopicPhotos } from './topics.media';
import { assertCanSee, capacitiesFor } from './topics.policy';
import { settingsOf } from './topics.settings';
import { publicName, summarize, timelineOf } from './topics.views';

/** Work to do once the transaction committed (notifications outside WeChat's reach of the transaction). */
type AfterCommit = (() => Promise<void>)[];

async function runAfterCommit(tasks: AfterCommit, logger: Logger): Promise<void> {
  for (const task of tasks) {
    try {
      await task();
    } catch (error) {
      logger.warn({ err: error }, 'after-commit task failed');
    }
  }
}

async function recordEvent(
  em: EntityManager,
  topicId: number,
  event: {
    action: string;
    from: TopicStatus | null;
    to: TopicStatus | null;
    actorId: number | null;
    actorRole: string;
    partyId?: number | null;
    note?: string | null;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await em.insert(TopicEvent, {
    topicId,
    action: event.action,
    fromStatus: event.from,
    toStatus: event.to,
    actorId: event.actorId,
    actorRole: event.actorRole,
    partyId: event.partyId ?? null,
    note: event.note ?? null,
    dataJson: event.data ? JSON.stringify(event.data) : null,
  });
}

async function loadTopic(db: DataSource | EntityManager, id: number): Promise<Topic> {
  const topic = await db.getRepository(Topic).findOne({ where: { id } });
  if (!topic) throw new AppError('NOT_FOUND', { message: '这个议题不存在或已删除' });
  return topic;
}

/** Followers and the author: who hears about a topic's changes. */
async function audienceOf(em: EntityManager, topic: Topic): Promise<number[]> {
  const followers = await em.find(TopicFollow, { where: { topicId: topic.id } });
  const ids = new Set(followers.map((f) => f.userId));
  if (topic.authorId) ids.add(topic.authorId);
  return [...ids];
}

interface Scope {
  estateId: number | null;
  buildingId: number | null;
}

async function resolveScope(
  em: EntityManager,
  communityId: number,
  body: SubmitTopicBody | Omit<SubmitTopicBody, 'communityId' | 'hideAuthor'>,
  scope: SubmitTopicBody['scope'],
): Promise<Scope> {
  if (scope === 'community') return { estateId: null, buildingId: null };
  if (scope === 'building') {
    if (!body.buildingId) throw fieldError('buildingId', '请选择楼栋');
    const building = await em.findOne(Building, { where: { id: body.buildingId } });
    const estate = building ? await em.findOne(Estate, { where: { id: building.estateId } }) : null;
    if (!building || !estate || estate.communityId !== communityId)
      throw fieldError('buildingId', '本社区没有这个楼栋');
    return { estateId: estate.id, buildingId: building.id };
  }
  if (!body.estateId) throw fieldError('estateId', '请选择小区');
  const estate = await em.findOne(Estate, { where: { id: body.estateId } });
  if (!estate || estate.communityId !== communityId) throw fieldError('estateId', '本社区没有这个小区');
  return { estateId: estate.id, buildingId: null };
}

async function checkPhotos(em: EntityManager, ownerId: number, uploadIds: number[]): Promise<void> {
  if (uploadIds.length === 0) return;
  if (new Set(uploadIds).size !== uploadIds.length) throw fieldError('photoUploadIds', '同一张照片只能添加一次');
  const uploads = await em.find(Upload, { where: { id: In(uploadIds) } });
  const used = await em.find(TopicPhoto, { where: { uploadId: In(uploadIds) } });
  if (
    uploads.length !== uploadIds.length ||
    uploads.some((u) => u.ownerUserId !== ownerId || u.purpose !== 'topic_photo') ||
    used.length > 0
  ) {
    throw fieldError('photoUploadIds', '照片无效，请重新上传');
  }
}

/**
 * Submits a topic: a verified resident for themselves, or a grid worker for a
 * resident (a member, or a name and unit). Text passes the content check
 * first: risky is refused, review/unreachable holds it for a moderator.
 * Errors: FORBIDDEN/NOT_VERIFIED, PRIVACY_CONSENT_REQUIRED, MEMBER_SUSPENDED,
 * VALIDATION_FAILED (category, scope, photos), CONTENT_RISKY, NOT_FOUND.
 */
export async function submitTopic(
  services: AppServices,
  actor: Actor,
  body: SubmitTopicBody,
  logger: Logger,
): Promise<TopicDetail> {
  const ds = services.dataSource;
  assertPrivacyAccepted(actor);
  assertNotSuspended(actor, body.communityId);
  const community = await ds.getRepository(Community).findOne({ where: { id: body.communityId } });
  if (!community) throw new AppError('NOT_FOUND', { message: '没有这个社区' });
  let authorId: number | null = actor.userId;
  let enteredById: number | null = null;
  if (body.onBehalfOf) {
    if (!actor.hasRole('grid_worker', body.communityId) && !actor.isModerator(body.communityId)) {
      throw new AppError('FORBIDDEN', { message: '只有网格员或社区工作者可以代居民提交议题' });
    }
    enteredById = actor.userId;
    if ('userId' in body.onBehalfOf) {
      const member = await ds
        .getRepository(Membership)
        .findOne({ where: { userId: body.onBehalfOf.userId, communityId: body.communityId } });
      if (!member) throw fieldError('onBehalfOf.userId', '该居民不是本社区成员');
      authorId = body.onBehalfOf.userId;
    } else {
      authorId = null;
    }
  } else if (!actor.isVerifiedResident(body.communityId)) {
    throw new AppError('NOT_VERIFIED', { message: '完成房屋认证后才能提出议题' });
  }
  const settings = await settingsOf(ds, body.communityId);
  if (!settings.categories.includes(body.category)) throw fieldError('category', '请从列表中选择分类');

  const author = authorId ? await ds.getRepository(User).findOne({ where: { id: authorId } }) : null;
  const check = await services.content.checkText(`${body.title}\n${body.description}\n${body.place ?? ''}`, {
    openid: author?.wechatOpenid ?? null,
    scene: 3,
  });
  if (check.verdict === 'risky')
    throw new AppError('CONTENT_RISKY', {
      details: { fields: [{ path: 'description', message: '内容不宜公开发布' }] },
    });

  const created = await runInTransaction(ds, async (em) => {
    const scope = await resolveScope(em, body.communityId, body, body.scope);
    await checkPhotos(em, actor.userId, body.photoUploadIds);
    const now = new Date();
    const topic = await em.save(
      em.create(Topic, {
        communityId: body.communityId,
        estateId: scope.estateId,
        buildingId: scope.buildingId,
        scope: body.scope,
        title: body.title,
        description: body.description,
        category: body.category,
        place: body.place ?? null,
        status: 'submitted',
        authorId,
        enteredById,
        onBehalfName: body.onBehalfOf && 'name' in body.onBehalfOf ? body.onBehalfOf.name : null,
        onBehalfUnit: body.onBehalfOf && 'unit' in body.onBehalfOf ? body.onBehalfOf.unit : null,
        hideAuthor: body.hideAuthor,
        held: check.verdict === 'review',
        heldReason: check.verdict === 'review' ? check.reason : null,
        statusChangedAt: now,
        followerCount: authorId ? 1 : 0,
      }),
    );
    for (const [position, uploadId] of body.photoUploadIds.entries()) {
      await em.insert(TopicPhoto, {
        topicId: topic.id,
        uploadId,
        position,
        checkStatus: services.content.checksMedia ? 'pending' : 'pass',
      });
    }
    await indexTopicTokens(em, topic);
    await recordEvent(em, topic.id, {
      action: enteredById ? 'submit_on_behalf' : 'submit',
      from: null,
      to: 'submitted',
      actorId: actor.userId,
      actorRole: enteredById
        ? actor.hasRole('grid_worker', body.communityId)
          ? 'grid_worker'
          : 'moderator'
        : 'resident',
      // The timeline is public: a resident without an account is named only masked here.
      data: enteredById
        ? {
            onBehalfOf: authorId
              ? 'member'
              : maskName(body.onBehalfOf && 'name' in body.onBehalfOf ? body.onBehalfOf.name : ''),
          }
        : undefined,
    });
    if (authorId) await em.insert(TopicFollow, { topicId: topic.id, userId: authorId });
    return topic;
  });
  if (body.photoUploadIds.length > 0) await prepareTopicPhotos(services, logger, created.id);
  return topicDetail(ds, actor, created.id);
}

/** A topic with its timeline, photos and what the viewer may do. Errors: NOT_FOUND (also for held topics of others). */
export async function topicDetail(ds: DataSource, actor: Actor | undefined, id: number): Promise<TopicDetail> {
  const topic = await loadTopic(ds, id);
  assertCanSee(actor, topic);
  const [summary] = await summarize(ds, [topic]);
  const [events, photos, capacities] = await Promise.all([
    ds.getRepository(TopicEvent).find({ where: { topicId: id }, order: { id: 'ASC' } }),
    ds.getRepository(TopicPhoto).find({ where: { topicId: id }, order: { position: 'ASC' } }),
    capacitiesFor(ds, actor, topic),
  ]);
  const isModerator = actor?.isModerator(topic.communityId) ?? false;
  const mine = actor
    ? await Promise.all([
        ds.getRepository(Cosign).exists({ where: { topicId: id, userId: actor.userId } }),
        ds.getRepository(TopicFollow).exists({ where: { topicId: id, userId: actor.userId } }),
      ])
    : [false, false];
  const building = topic.buildingId
    ? await ds.getRepository(Building).findOne({ where: { id: topic.buildingId } })
    : null;
  const enteredBy = topic.enteredById
    ? await ds.getRepository(User).findOne({ where: { id: topic.enteredById } })
    : null;
  const author =
    isModerator && topic.authorId ? await ds.getRepository(User).findOne({ where: { id: topic.authorId } }) : null;
  const canCosign =
    !!actor &&
    !mine[0] &&
    topic.authorId !== actor.userId &&
    OPEN_STATUSES.includes(topic.status) &&
    !topic.held &&
    actor.isVerifiedResident(topic.communityId);
  return {
    ...summary!,
    description: topic.description,
    place: topic.place,
    buildingName: building?.name ?? null,
    enteredBy: enteredBy ? `网格员 ${publicName(enteredBy)}` : null,
    photos: photos
      .filter((p) => p.checkStatus === 'pass' || isModerator || (actor && topic.authorId === actor.userId))
      .map((p) => ({ uploadId: p.uploadId, thumbnailUploadId: p.thumbnailUploadId })),
    dueDate: topic.dueDate,
    cosignDeadline: topic.cosignDeadline?.toISOString() ?? null,
    mergedIntoId: topic.mergedIntoId,
    returnQuestion: topic.returnQuestion,
    rejectReason: topic.rejectReason,
    followerCount: topic.followerCount,
    timeline: await timelineOf(ds, events),
    me: {
      isAuthor: !!actor && topic.authorId === actor.userId,
      cosigned: mine[0] === true,
      following: mine[1] === true,
      canCosign,
      actions: availableActions(topic.status, capacities).filter((a) => a !== 'reachCosignTarget' && a !== 'lapse'),
    },
    author: isModerator ? { userId: topic.authorId, realName: author?.realName ?? topic.onBehalfName ?? null } : null,
  };
}

/** Picks the capacity in which the actor takes the action, or refuses. */
function capacityFor(
  action: TopicAction,
  topic: Topic,
  capacities: TopicActor[],
  cosignThreshold: number,
): { as: TopicActor; to: TopicStatus } {
  let lastReason = '';
  for (const as of capacities) {
    const check = checkTransition(action, topic.status, as, { cosignThreshold });
    if (check.ok) return { as, to: check.to };
    lastReason = check.reason;
  }
  if (capacities.length === 0) throw new AppError('FORBIDDEN', { message: '您不能处理这个议题' });
  const stateProblem = checkTransition(action, topic.status, capacities[0]!, { cosignThreshold });
  if (!stateProblem.ok && stateProblem.reason.startsWith('议题当前为')) {
    throw new AppError('ILLEGAL_TRANSITION', {
      message: stateProblem.reason,
      details: { status: topic.status, action },
    });
  }
  throw new AppError('FORBIDDEN', { message: lastReason || '您不能处理这个议题' });
}

export type TopicActionBody =
  | { action: 'return'; question: string }
  | { action: 'reject'; reason: string }
  | { action: 'merge'; intoTopicId: number; note?: string }
  | { action: 'accept'; note?: string }
  | { action: 'route'; category: string; level: TopicLevel; partyId: number; note?: string }
  | { action: 'sendBack'; reason: string }
  | { action: 'takeOn'; dueDate: string; note?: string }
  | { action: 'escalate'; reason: string }
  | { action: 'answer'; text: string };

const NOTICE_TITLES: Partial<Record<TopicAction, string>> = {
  return: '议题需要补充信息',
  reject: '议题未被受理',
  merge: '议题已合并',
  accept: '议题已受理',
  route: '议题已分派',
  takeOn: '议题已开始办理',
  escalate: '议题已上报',
  answer: '议题有了新答复',
  sendBack: '议题退回重新分派',
};

/**
 * Moves a topic through its lifecycle (the table in shared/src/topics/topic-states.ts)
 * as the author, a moderator or the responsible party, records the timeline
 * entry and tells the author and followers. The status is changed with a
 * compare-and-set, so two people acting at once cannot both succeed.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function actOnTopic(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: TopicActionBody,
  logger: Logger,
): Promise<TopicDetail> {
  const ds = services.dataSource;
  const after: AfterCommit = [];
  await runInTransaction(ds, async (em) => {
    const topic = await loadTopic(em, topicId);
    assertCanSee(actor, topic);
    const settings = await settingsOf(em, topic.communityId);
    const capacities = await capacitiesFor(em, actor, topic);
    const { as, to } = capacityFor(body.action, topic, capacities, settings.cosignThreshold);
    if (as !== 'system') assertNotSuspended(actor, topic.communityId);
    const patch: Partial<Topic> = {};
    let note: string | null = null;
    let data: Record<string, unknown> | undefined;
    let partyId: number | null = as === 'party' ? topic.responsiblePartyId : null;
    switch (body.action) {
      case 'return':
        patch.returnQuestion = body.question;
        note = body.question;
        break;
      case 'reject':
        patch.rejectReason = body.reason;
        note = body.reason;
        break;
      case 'accept':
        note = body.note ?? null;
        if (to === 'cosigning') {
          patch.cosignTarget = settings.cosignThreshold;
          patch.cosignDeadline = new Date(Date.now() + settings.cosignDays * 86_400_000);
          data = { cosignTarget: settings.cosignThreshold, cosignDays: settings.cosignDays };
        }
        break;
      case 'merge': {
        const target = await em.findOne(Topic, { where: { id: body.intoTopicId } });
        if (!target || target.communityId !== topic.communityId || target.id === topic.id) {
          throw fieldError('intoTopicId', '只能合并到本社区的另一个议题');
        }
        if (!OPEN_STATUSES.includes(target.status)) {
          throw fieldError('intoTopicId', `目标议题当前为“${TOPIC_STATUS_LABELS[target.status]}”，不能合并进去`);
        }
        await carryOver(em, topic, target);
        patch.mergedIntoId = target.id;
        note = body.note ?? null;
        data = { intoTopicId: target.id, intoTitle: target.title };
        await recordEvent(em, target.id, {
          action: 'merge',
          from: target.status,
          to: target.status,
          actorId: actor.userId,
          actorRole: 'moderator',
          note: `议题 #${topic.id}「${topic.title}」合并到本议题`,
          data: { fromTopicId: topic.id },
        });
        break;
      }
      case 'route': {
        const party = await em.findOne(Party, { where: { id: body.partyId } });
        if (!party || party.communityId !== topic.communityId) throw fieldError('partyId', '请从本社区的责任方中选择');
        if (!settings.categories.includes(body.category)) throw fieldError('category', '请从列表中选择分类');
        patch.category = body.category;
        patch.level = body.level;
        patch.responsiblePartyId = party.id;
        note = body.note ?? null;
        data = { level: body.level, partyId: party.id, partyName: party.name, category: body.category };
        break;
      }
      case 'sendBack':
        note = body.reason;
        patch.responsiblePartyId = null;
        patch.level = null;
        break;
      case 'takeOn': {
        if (body.dueDate < shanghaiDay()) throw fieldError('dueDate', '办结日期不能早于今天');
        patch.dueDate = body.dueDate;
        note = body.note ?? null;
        data = { dueDate: body.dueDate };
        break;
      }
      case 'escalate': {
        const level = nextLevel(topic.level ?? 'community');
        if (!level) throw new AppError('ILLEGAL_TRANSITION', { message: '议题已在最高一级，不能再上报' });
        const party = await partyForLevel(em, topic.communityId, level);
        if (!party)
          throw new AppError('ILLEGAL_TRANSITION', { message: '上一级还没有可以分派的责任方，请联系社区工作者' });
        patch.level = level;
        patch.responsiblePartyId = party.id;
        patch.dueDate = null;
        note = body.reason;
        data = { level, partyId: party.id, partyName: party.name };
        break;
      }
      case 'answer':
        note = body.text;
        break;
    }
    if (to !== topic.status) {
      patch.status = to;
      patch.statusChangedAt = new Date();
    }
    if (Object.keys(patch).length > 0) {
      const changed = await em
        .createQueryBuilder()
        .update(Topic)
        .set(patch)
        .where('id = :id AND status = :status', { id: topic.id, status: topic.status })
        .execute();
      if (changed.affected !== 1) {
        throw new AppError('ILLEGAL_TRANSITION', { message: '议题刚刚被其他人处理过，请刷新后再试' });
      }
    }
    if (as === 'moderator') partyId = null;
    const actorRole = roleFor(actor, topic, as);
    await recordEvent(em, topic.id, {
      action: body.action,
      from: topic.status,
      to,
      actorId: actor.userId,
      actorRole,
      partyId,
      note,
      data,
    });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      actorRole,
      action: `topic.${body.action}`,
      objectType: 'topic',
      objectId: topic.id,
      summary: `议题 #${topic.id}「${topic.title.slice(0, 40)}」${TOPIC_TRANSITIONS[body.action].label}${note ? `：${note.slice(0, 60)}` : ''}`,
      data: { from: topic.status, to, ...(partyId ? { partyId } : {}), ...data },
    });
    const title = NOTICE_TITLES[body.action];
    if (title) {
      const audience = (await audienceOf(em, topic)).filter((u) => u !== actor.userId);
      const text = noticeText(body, topic, to, note);
      for (const userId of audience) {
        await notify(em, userId, {
          kind: `topic_${body.action}`,
          title,
          body: text,
          link: `/pages/topics/detail?id=${topic.id}`,
        });
      }
      after.push(() =>
        sendSubscribeMessages(
          services,
          logger,
          audience,
          'topic_status',
          {
            thing1: topic.title.slice(0, 20),
            phrase2: TOPIC_STATUS_LABELS[to].slice(0, 5),
            thing3: (note ?? title).slice(0, 20),
            time4: new Date().toISOString().slice(0, 16).replace('T', ' '),
          },
          `pages/topics/detail?id=${topic.id}`,
        ),
      );
    }
  });
  await runAfterCommit(after, logger);
  return topicDetail(ds, actor, topicId);
}

function roleFor(actor: Actor, topic: Topic, as: TopicActor): string {
  if (as === 'author') return 'resident';
  if (as === 'moderator') return 'moderator';
  if (as === 'party') {
    const inCommunity = actor.roles.find((r) => r.communityId === topic.communityId && r.role !== 'moderator');
    if (inCommunity) return inCommunity.role;
    if (actor.roles.some((r) => r.role === 'subdistrict_admin')) return 'subdistrict_admin';
    return actor.roles[0]?.role ?? 'resident';
  }
  return 'system';
}

function noticeText(body: TopicActionBody, topic: Topic, to: TopicStatus, note: string | null): string {
  const name = `「${topic.title}」`;
  switch (body.action) {
    case 'return':
      return `您的议题${name}需要补充信息：${body.question}。请修改后重新提交。`;
    case 'reject':
      return `您的议题${name}未被受理。原因：${body.reason}`;
    case 'merge':
      return `议题${name}与另一议题内容相同，已合并（#${body.intoTopicId}），附议和关注已一并转过去。`;
    case 'accept':
      return to === 'cosigning' ? `议题${name}已受理，进入附议阶段。` : `议题${name}已受理，等待分派。`;
    case 'answer':
      return `议题${name}有了答复：${body.text.slice(0, 100)}`;
    default:
      return `议题${name}当前状态：${TOPIC_STATUS_LABELS[to]}${note ? `。${note}` : ''}`;
  }
}

async function partyForLevel(em: EntityManager, communityId: number, level: TopicLevel): Promise<Party | null> {
  const kinds =
    level === 'estate'
      ? ['property_company', 'owners_committee']
      : level === 'community'
        ? ['committee']
        : level === 'sub_district'
          ? ['sub_district']
          : ['department'];
  return em.findOne(Party, { where: { communityId, kind: In(kinds) }, order: { id: 'ASC' } });
}

/** Merging: co-signers and followers of `from` carry over to `into` (once each); `from`'s author follows `into`. */
async function carryOver(em: EntityManager, from: Topic, into: Topic): Promise<void> {
  const [cosigns, intoCosigns, follows, intoFollows] = await Promise.all([
    em.find(Cosign, { where: { topicId: from.id } }),
    em.find(Cosign, { where: { topicId: into.id } }),
    em.find(TopicFollow, { where: { topicId: from.id } }),
    em.find(TopicFollow, { where: { topicId: into.id } }),
  ]);
  const had = new Set(intoCosigns.map((c) => c.userId));
  const newCosigners = cosigns.filter((c) => !had.has(c.userId) && c.userId !== into.authorId);
  if (
    from.authorId &&
    !had.has(from.authorId) &&
    from.authorId !== into.authorId &&
    !newCosigners.some((c) => c.userId === from.authorId)
  ) {
    newCosigners.push({ userId: from.authorId, groupChatId: null } as Cosign);
  }
  const followed = new Set(intoFollows.map((f) => f.userId));
  const newFollowers = [
    ...new Set([...follows.map((f) => f.userId), ...(from.authorId ? [from.authorId] : [])]),
  ].filter((u) => !followed.has(u));
  if (newCosigners.length > 0) {
    await em.increment(Topic, { id: into.id }, 'cosignCount', newCosigners.length);
    await em.insert(
      Cosign,
      newCosigners.map((c) => ({ topicId: into.id, userId: c.userId, groupChatId: c.groupChatId })),
    );
  }
  if (newFollowers.length > 0) {
    await em.increment(Topic, { id: into.id }, 'followerCount', newFollowers.length);
    await em.insert(
      TopicFollow,
      newFollowers.map((userId) => ({ topicId: into.id, userId })),
    );
  }
}

/**
 * The author edits a topic returned for more information and submits it
 * again (the content check runs again). Errors: NOT_FOUND, FORBIDDEN,
 * ILLEGAL_TRANSITION, VALIDATION_FAILED, CONTENT_RISKY.
 */
export async function resubmitTopic(
  services: AppServices,
  actor: Actor,
  topicId: number,
  body: Omit<SubmitTopicBody, 'communityId' | 'hideAuthor' | 'onBehalfOf'> & { note?: string },
  logger: Logger,
): Promise<TopicDetail> {
  const ds = services.dataSource;
  const current = await loadTopic(ds, topicId);
  assertCanSee(actor, current);
  const capacities = await capacitiesFor(ds, actor, current);
  capacityFor('resubmit', current, capacities, 0);
  assertNotSuspended(actor, current.communityId);
  const settings = await settingsOf(ds, current.communityId);
  if (!settings.categories.includes(body.category)) throw fieldError('category', '请从列表中选择分类');
  const check = await services.content.checkText(`${body.title}\n${body.description}\n${body.place ?? ''}`, {
    openid: actor.user.wechatOpenid,
    scene: 3,
  });
  if (check.verdict === 'risky') throw new AppError('CONTENT_RISKY');
  await runInTransaction(ds, async (em) => {
    const scope = await resolveScope(em, current.communityId, body, body.scope);
    const existing = await em.find(TopicPhoto, { where: { topicId } });
    const keep = new Set(existing.map((p) => p.uploadId));
    const added = body.photoUploadIds.filter((u) => !keep.has(u));
    await checkPhotos(em, actor.userId, added);
    const changed = await em
      .createQueryBuilder()
      .update(Topic)
      .set({
        title: body.title,
        description: body.description,
        category: body.category,
        scope: body.scope,
        estateId: scope.estateId,
        buildingId: scope.buildingId,
        place: body.place ?? null,
        status: 'submitted',
        statusChangedAt: new Date(),
        held: check.verdict === 'review',
        heldReason: check.verdict === 'review' ? check.reason : null,
      })
      .where("id = :id AND status = 'returned'", { id: topicId })
      .execute();
    if (changed.affected !== 1)
      throw new AppError('ILLEGAL_TRANSITION', { message: '议题刚刚被其他人处理过，请刷新后再试' });
    const removed = existing.filter((p) => !body.photoUploadIds.includes(p.uploadId));
    if (removed.length > 0) await em.delete(TopicPhoto, { id: In(removed.map((p) => p.id)) });
    for (const [position, uploadId] of body.photoUploadIds.entries()) {
      if (keep.has(uploadId)) await em.update(TopicPhoto, { topicId, uploadId }, { position });
      else
        await em.insert(TopicPhoto, {
          topicId,
          uploadId,
          position,
          checkStatus: services.content.checksMedia ? 'pending' : 'pass',
        });
    }
    await indexTopicTokens(em, {
      id: topicId,
      communityId: current.communityId,
      title: body.title,
      description: body.description,
    });
    await recordEvent(em, topicId, {
      action: 'resubmit',
      from: 'returned',
      to: 'submitted',
      actorId: actor.userId,
      actorRole: 'resident',
      note: body.note ?? null,
    });
  });
  if (body.photoUploadIds.length > 0) await prepareTopicPhotos(services, logger, topicId);
  return topicDetail(ds, actor, topicId);
}

/**
 * Lapses co-signing topics whose deadline passed without reaching the target,
 * and tells their authors. Run periodically; returns how many lapsed.
 */
export async function lapseOverdueCosigning(ds: DataSource, now = new Date()): Promise<number> {
  const overdue = await ds
    .getRepository(Topic)
    .createQueryBuilder('t')
    .where("t.status = 'cosigning' AND t.cosign_deadline < :now", { now })
    .getMany();
  let lapsed = 0;
  for (const topic of overdue) {
    await runInTransaction(ds, async (em) => {
      const changed = await em
        .createQueryBuilder()
        .update(Topic)
        .set({ status: 'lapsed', statusChangedAt: now })
        .where("id = :id AND status = 'cosigning' AND cosign_count < cosign_target", { id: topic.id })
        .execute();
      if (changed.affected !== 1) return;
      lapsed++;
      await recordEvent(em, topic.id, {
        action: 'lapse',
        from: 'cosigning',
        to: 'lapsed',
        actorId: null,
        actorRole: 'system',
        note: `附议期满，${topic.cosignCount} 人附议，未达到 ${topic.cosignTarget} 人`,
      });
      await audit(em, {
        communityId: topic.communityId,
        actor: null,
        action: 'topic.lapse',
        objectType: 'topic',
        objectId: topic.id,
        summary: `议题 #${topic.id}「${topic.title.slice(0, 40)}」附议期满未达标`,
        data: { cosignCount: topic.cosignCount, cosignTarget: topic.cosignTarget },
      });
      if (topic.authorId) {
        await notify(em, topic.authorId, {
          kind: 'topic_lapse',
          title: '议题附议未达标',
          body: `您的议题「${topic.title}」在附议期内获得 ${topic.cosignCount} 人附议，未达到 ${topic.cosignTarget} 人，已结束。`,
          link: `/pages/topics/detail?id=${topic.id}`,
        });
      }
    });
  }
  return lapsed;
}

export { audienceOf, fieldError, loadTopic, recordEvent };
