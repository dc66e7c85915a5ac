import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull, Not } from 'typeorm';
import { parseYuan } from '../../../shared/src/projects/money';
import {
  PROJECT_TRANSITIONS,
  type ProjectAction,
  type ProjectActor,
  type ProjectStatus,
} from '../../../shared/src/projects/project-states';
import type {
  ApplyBody,
  DesignProjectBody,
  EvaluationBody,
  OpenCallBody,
  ProjectNoteBody,
  RaiseProjectBody,
  SelectBody,
} from '../../../shared/src/projects/projects.schema';
import { shanghaiDay } from '../../../shared/src/time';
import { FINAL_STATUSES } from '../../../shared/src/topics/topic-states';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { Community } from '../communities/communities.entity';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import { Membership, UnitClaim } from '../members/members.entity';
import { assertModerator } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { Topic, TopicEvent, TopicFollow } from '../topics/topics.entity';
import { Upload } from '../uploads/uploads.entity';
import {
  ProjectApplication,
  ProjectEvaluation,
  ProjectEvent,
  ProjectSupervisor,
  ServiceProject,
} from './projects.entity';
import {
  authorizeAction,
  communityIdsOfSubDistrict,
  moderatorsOf,
  organisationMembers,
  projectRolesOf,
  socialOrgUsersOf,
  subDistrictAdminsOf,
} from './projects.policy';

/** Where a project's people open it in the app. */
export const projectLink = (id: number) => `/pages/projects/detail?id=${id}`;
const moderatorLink = (id: number) => `/moderator/projects/manage?id=${id}`;

/** The upload purpose of project photos and attachments. */
export const PROJECT_UPLOAD_PURPOSE = 'progress_photo';

interface Loaded {
  project: ServiceProject;
  community: Community;
  selected: ProjectApplication | null;
  roles: ProjectActor[];
}

/** Loads a project (locked in the transaction's snapshot) and who the actor is for it. Errors: NOT_FOUND. */
async function loadFor(em: EntityManager, actor: Actor, id: number): Promise<Loaded> {
  const project = await em.findOne(ServiceProject, { where: { id } });
  if (!project) throw new AppError('NOT_FOUND', { message: '这个项目不存在或已删除' });
  const community = await em.findOneOrFail(Community, { where: { id: project.communityId } });
  const selected = project.selectedApplicationId
    ? await em.findOne(ProjectApplication, { where: { id: project.selectedApplicationId } })
    : null;
  const { roles } = await projectRolesOf(em, actor, project, community.subDistrictId, selected);
  return { project, community, selected, roles };
}

interface MoveInput {
  set?: Partial<ServiceProject>;
  note?: string | null;
  photos?: number[];
  organisation?: string | null;
  data?: Record<string, unknown>;
}

/**
 * Checks the table, compare-and-sets the status, appends the timeline entry
 * and the audit entry — all in the caller's transaction. Returns the new status.
 */
async function applyAction(
  em: EntityManager,
  actor: Actor,
  loaded: Loaded,
  action: ProjectAction,
  input: MoveInput = {},
): Promise<{ role: ProjectActor; to: ProjectStatus }> {
  const { project } = loaded;
  const role = authorizeAction(action, project.status, loaded.roles);
  const t = PROJECT_TRANSITIONS[action];
  const to = t.to === 'same' ? project.status : t.to;
  const changed = await em
    .createQueryBuilder()
    .update(ServiceProject)
    .set({ ...input.set, status: to, ...(to !== project.status && { statusChangedAt: new Date() }) })
    .where('id = :id AND status = :status', { id: project.id, status: project.status })
    .execute();
  if (changed.affected !== 1) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '项目刚刚被其他人处理过，请刷新后再试' });
  }
  await em.insert(ProjectEvent, {
    projectId: project.id,
    action,
    fromStatus: project.status,
    toStatus: to,
    actorId: actor.userId,
    actorRole: role === 'selected_org' ? 'social_org' : role,
    organisation: input.organisation ?? null,
    note: input.note ?? null,
    photosJson: input.photos && input.photos.length > 0 ? JSON.stringify(input.photos) : null,
  });
  await audit(em, {
    communityId: project.communityId,
    actor,
    actorRole: role === 'selected_org' ? 'social_org' : role,
    action: `project.${action}`,
    objectType: 'project',
    objectId: project.id,
    summary: `三社联动项目 #${project.id}「${project.title.slice(0, 40)}」${t.label}`,
    data: { from: project.status, to, ...input.data },
  });
  return { role, to };
}

async function tell(em: EntityManager, userIds: number[], except: number, message: Parameters<typeof notify>[2]) {
  for (const userId of new Set(userIds)) if (userId !== except) await notify(em, userId, message);
}

/** Photos must be the actor's own project uploads. Errors: VALIDATION_FAILED. */
async function assertOwnUploads(em: EntityManager, actor: Actor, ids: number[], field: string): Promise<void> {
  if (ids.length === 0) return;
  if (new Set(ids).size !== ids.length) throw fieldError(field, '同一张图片只能添加一次');
  const uploads = await em.find(Upload, { where: { id: In(ids) } });
  const ok = ids.every((id) => {
    const u = uploads.find((x) => x.id === id);
    return u && u.ownerUserId === actor.userId && u.purpose === PROJECT_UPLOAD_PURPOSE;
  });
  if (!ok) throw fieldError(field, '图片无效，请重新上传');
}

/** The resolution of a decided topic: the note of its latest `decide` event. */
export async function resolutionOf(db: DataSource | EntityManager, topicId: number): Promise<string | null> {
  const event = await db
    .getRepository(TopicEvent)
    .findOne({ where: { topicId, action: 'decide' }, order: { id: 'DESC' } });
  return event?.note?.trim() || null;
}

/**
 * A moderator raises a demand, from a topic (its resolution is the demand
 * unless one is written) or directly. Errors: FORBIDDEN, NOT_FOUND, VALIDATION_FAILED.
 */
export async function raiseProject(ds: DataSource, actor: Actor, body: RaiseProjectBody): Promise<ServiceProject> {
  return runInTransaction(ds, async (em) => {
    const community = await em.findOne(Community, { where: { id: body.communityId } });
    if (!community) throw new AppError('NOT_FOUND', { message: '没有这个社区' });
    assertModerator(actor, community.id);
    let demand = body.demand ?? null;
    if (body.topicId !== undefined) {
      const topic = await em.findOne(Topic, { where: { id: body.topicId } });
      if (!topic || topic.communityId !== community.id) throw fieldError('topicId', '请选择本社区的议题');
      if (FINAL_STATUSES.includes(topic.status) && topic.status !== 'completed')
        throw fieldError('topicId', '这个议题已结束，不能再立项');
      demand ??= await resolutionOf(em, topic.id);
      if (!demand) throw fieldError('demand', '这个议题还没有决议，请写明服务需求');
    }
    if (!demand) throw fieldError('demand', '请写明服务需求');
    const project = await em.save(
      em.create(ServiceProject, {
        communityId: community.id,
        topicId: body.topicId ?? null,
        title: body.title,
        demand,
        status: 'demand',
        createdBy: actor.userId,
        statusChangedAt: new Date(),
      }),
    );
    await em.insert(ProjectEvent, {
      projectId: project.id,
      action: 'raise',
      fromStatus: null,
      toStatus: 'demand',
      actorId: actor.userId,
      actorRole: 'moderator',
      note: demand,
    });
    await audit(em, {
      communityId: community.id,
      actor,
      action: 'project.raise',
      objectType: 'project',
      objectId: project.id,
      summary: `提出三社联动项目需求 #${project.id}「${project.title.slice(0, 40)}」`,
      data: { topicId: body.topicId ?? null },
    });
    return project;
  });
}

/** Writes (or rewrites) the design. Errors: FORBIDDEN, NOT_FOUND, ILLEGAL_TRANSITION, VALIDATION_FAILED. */
export async function designProject(ds: DataSource, actor: Actor, id: number, body: DesignProjectBody): Promise<void> {
  const budgetFen = parseYuan(body.budgetYuan);
  if (!budgetFen) throw fieldError('budgetYuan', '请填写预算金额');
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    await applyAction(em, actor, loaded, 'design', {
      set: {
        goals: body.goals,
        serviceContent: body.serviceContent,
        beneficiaries: body.beneficiaries,
        budgetFen,
        startDate: body.startDate,
        endDate: body.endDate,
      },
      data: { budgetFen },
    });
  });
}

/** Files the design with the sub-district; its admins are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION. */
export async function submitFiling(ds: DataSource, actor: Actor, id: number): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    await applyAction(em, actor, loaded, 'submitFiling', { set: { filedAt: new Date() } });
    const { project, community } = loaded;
    await tell(em, await subDistrictAdminsOf(em, community.subDistrictId), actor.userId, {
      kind: 'project_filed',
      title: '三社联动项目待备案',
      body: `${community.name}报来项目「${project.title}」，请审核备案。`,
      link: '/pages/projects/filings',
    });
  });
}

/**
 * The sub-district admin approves the filing or returns it with a reason; the
 * community's moderators are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION.
 */
export async function decideFiling(
  ds: DataSource,
  actor: Actor,
  id: number,
  decision: { approve: true; note?: string } | { approve: false; reason: string },
): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project } = loaded;
    const now = new Date();
    if (decision.approve) {
      await applyAction(em, actor, loaded, 'approveFiling', {
        set: { filingDecidedAt: now, filingDecidedBy: actor.userId, filingNote: decision.note ?? null },
        note: decision.note ?? null,
      });
    } else {
      await applyAction(em, actor, loaded, 'returnFiling', {
        set: { filingDecidedAt: now, filingDecidedBy: actor.userId, returnReason: decision.reason },
        note: decision.reason,
      });
    }
    await tell(em, [project.createdBy, ...(await moderatorsOf(em, project.communityId))], actor.userId, {
      kind: decision.approve ? 'project_approved' : 'project_returned',
      title: decision.approve ? '项目已通过街道备案' : '项目被街道退回修改',
      body: decision.approve
        ? `项目「${project.title}」已通过街道备案，可以发布公开征集。`
        : `项目「${project.title}」被街道退回：${decision.reason}`,
      link: moderatorLink(project.id),
    });
  });
}

/**
 * Opens the call (or moves its deadline): social organisations of the
 * sub-district are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function openCall(ds: DataSource, actor: Actor, id: number, body: OpenCallBody): Promise<void> {
  if (body.deadline < shanghaiDay()) throw fieldError('deadline', '截止日期不能早于今天');
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project, community } = loaded;
    await applyAction(em, actor, loaded, 'openCall', {
      set: { callDeadline: body.deadline, callRequirements: body.requirements || null },
      note: `征集截止日期：${body.deadline}${body.requirements ? `。${body.requirements}` : ''}`,
      data: { deadline: body.deadline },
    });
    const orgs = await socialOrgUsersOf(em, await communityIdsOfSubDistrict(em, community.subDistrictId));
    await tell(em, orgs, actor.userId, {
      kind: 'project_call',
      title: '三社联动项目公开征集',
      body: `${community.name}「${project.title}」征集承接机构，${body.deadline} 截止。`,
      link: `/pages/projects/apply?id=${project.id}`,
    });
  });
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * A social organisation of the sub-district applies, once per organisation
 * and call, on or before the deadline, within the project's budget. The
 * moderators are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION, CONFLICT, VALIDATION_FAILED.
 */
export async function applyToProject(
  ds: DataSource,
  actor: Actor,
  id: number,
  body: ApplyBody,
): Promise<ProjectApplication> {
  const budgetFen = parseYuan(body.budgetYuan);
  if (!budgetFen) throw fieldError('budgetYuan', '请填写申报金额');
  try {
    return await runInTransaction(ds, async (em) => {
      const loaded = await loadFor(em, actor, id);
      const { project, community } = loaded;
      if (actor.isSuspendedIn(project.communityId)) throw new AppError('MEMBER_SUSPENDED');
      authorizeAction('apply', project.status, loaded.roles);
      if (project.callDeadline && shanghaiDay() > project.callDeadline) {
        throw new AppError('ILLEGAL_TRANSITION', { message: `征集已于 ${project.callDeadline} 截止，不能再申报` });
      }
      if (project.budgetFen !== null && budgetFen > project.budgetFen)
        throw fieldError('budgetYuan', '申报金额不能超过项目预算');
      const attachments = body.attachmentUploadIds ?? [];
      await assertOwnUploads(em, actor, attachments, 'attachmentUploadIds');
      const { identities } = await projectRolesOf(em, actor, project, community.subDistrictId, null);
      const identity = identities[0]!;
      if (await em.exists(ProjectApplication, { where: { projectId: project.id, applicantKey: identity.key } })) {
        throw new AppError('CONFLICT', { message: `${identity.organisation}已经申报过这个项目，每个机构只能申报一次` });
      }
      const application = await em.save(
        em.create(ProjectApplication, {
          projectId: project.id,
          applicantUserId: actor.userId,
          applicantKey: identity.key,
          partyId: identity.partyId,
          organisation: identity.organisation,
          proposal: body.proposal,
          team: body.team,
          budgetFen,
          attachmentsJson: JSON.stringify(attachments),
          status: 'submitted',
        }),
      );
      await applyAction(em, actor, loaded, 'apply', {
        organisation: identity.organisation,
        data: { applicationId: application.id },
      });
      await tell(em, await moderatorsOf(em, project.communityId), actor.userId, {
        kind: 'project_application',
        title: '项目收到新的申报',
        body: `${identity.organisation}申报了项目「${project.title}」。`,
        link: moderatorLink(project.id),
      });
      return application;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', { message: '本机构已经申报过这个项目，每个机构只能申报一次', cause: error });
    throw error;
  }
}

/**
 * After the deadline the moderator selects one application of this call
 * with a written reason; the project is in progress. The selected and the
 * other applicants are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function selectApplication(ds: DataSource, actor: Actor, id: number, body: SelectBody): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project } = loaded;
    authorizeAction('select', project.status, loaded.roles);
    if (project.callDeadline && shanghaiDay() <= project.callDeadline) {
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `征集 ${project.callDeadline} 截止，截止后才能选定承接机构`,
      });
    }
    const applications = await em.find(ProjectApplication, { where: { projectId: project.id } });
    const chosen = applications.find((a) => a.id === body.applicationId);
    if (!chosen) throw fieldError('applicationId', '请从本项目收到的申报中选择');
    const now = new Date();
    await applyAction(em, actor, loaded, 'select', {
      set: { selectedApplicationId: chosen.id, selectionReason: body.reason, selectedAt: now },
      note: `选定${chosen.organisation}：${body.reason}`,
      organisation: chosen.organisation,
      data: { applicationId: chosen.id },
    });
    await em.update(ProjectApplication, { id: chosen.id }, { status: 'selected' });
    await em.update(
      ProjectApplication,
      { projectId: project.id, id: Not(chosen.id), status: 'submitted' },
      { status: 'not_selected' },
    );
    await tell(em, await organisationMembers(em, chosen), actor.userId, {
      kind: 'project_selected',
      title: '您的申报已被选定',
      body: `${chosen.organisation}被选定承接项目「${project.title}」：${body.reason}`,
      link: projectLink(project.id),
    });
    for (const other of applications.filter((a) => a.id !== chosen.id)) {
      await tell(em, [other.applicantUserId], actor.userId, {
        kind: 'project_not_selected',
        title: '项目申报结果',
        body: `项目「${project.title}」已选定${chosen.organisation}承接，感谢${other.organisation}的申报。选定理由：${body.reason}`,
        link: projectLink(project.id),
      });
    }
  });
}

/**
 * Appoints the resident supervisors (1–5 verified residents of the community),
 * replacing the current ones; new supervisors are told.
 * Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function appointSupervisors(ds: DataSource, actor: Actor, id: number, userIds: number[]): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project } = loaded;
    authorizeAction('appointSupervisors', project.status, loaded.roles);
    const verified = await em.find(UnitClaim, {
      where: { userId: In(userIds), communityId: project.communityId, status: 'approved' },
    });
    const suspended = await em.find(Membership, {
      where: { userId: In(userIds), communityId: project.communityId, status: 'suspended' },
    });
    for (const userId of userIds) {
      if (!verified.some((c) => c.userId === userId) || suspended.some((m) => m.userId === userId))
        throw fieldError('userIds', '监督员须是本社区已认证的居民');
    }
    const current = await em.find(ProjectSupervisor, { where: { projectId: project.id, endedAt: IsNull() } });
    const leaving = current.filter((s) => !userIds.includes(s.userId));
    const joining = userIds.filter((u) => !current.some((s) => s.userId === u));
    if (leaving.length > 0)
      await em.update(ProjectSupervisor, { id: In(leaving.map((s) => s.id)) }, { endedAt: new Date() });
    if (joining.length > 0)
      await em.insert(
        ProjectSupervisor,
        joining.map((userId) => ({ projectId: project.id, userId, appointedBy: actor.userId, endedAt: null })),
      );
    await applyAction(em, actor, loaded, 'appointSupervisors', {
      note: `聘请居民监督员 ${userIds.length} 名`,
      data: { supervisors: userIds, joining, leaving: leaving.map((s) => s.userId) },
    });
    await tell(em, joining, actor.userId, {
      kind: 'project_supervisor',
      title: '您被聘为项目居民监督员',
      body: `社区聘请您担任项目「${project.title}」的居民监督员，可以在项目页面记录监督意见。`,
      link: projectLink(project.id),
    });
  });
}

/**
 * The selected organisation reports progress (text and photos); the
 * moderators and supervisors are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function reportProgress(ds: DataSource, actor: Actor, id: number, body: ProjectNoteBody): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project, selected } = loaded;
    authorizeAction('reportProgress', project.status, loaded.roles);
    const photos = body.photoUploadIds ?? [];
    await assertOwnUploads(em, actor, photos, 'photoUploadIds');
    await applyAction(em, actor, loaded, 'reportProgress', {
      note: body.body,
      photos,
      organisation: selected?.organisation ?? null,
    });
    const supervisors = await em.find(ProjectSupervisor, { where: { projectId: project.id, endedAt: IsNull() } });
    await tell(
      em,
      [...(await moderatorsOf(em, project.communityId)), ...supervisors.map((s) => s.userId)],
      actor.userId,
      {
        kind: 'project_progress',
        title: '项目有新进展',
        body: `${selected?.organisation ?? '承接机构'}报告了项目「${project.title}」的进展。`,
        link: projectLink(project.id),
      },
    );
  });
}

/**
 * A supervision note by a moderator or a resident supervisor; the
 * organisation and the moderators are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function addSupervisionNote(
  ds: DataSource,
  actor: Actor,
  id: number,
  body: ProjectNoteBody,
): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project, selected } = loaded;
    authorizeAction('supervise', project.status, loaded.roles);
    const photos = body.photoUploadIds ?? [];
    await assertOwnUploads(em, actor, photos, 'photoUploadIds');
    await applyAction(em, actor, loaded, 'supervise', { note: body.body, photos });
    await tell(
      em,
      [...(selected ? await organisationMembers(em, selected) : []), ...(await moderatorsOf(em, project.communityId))],
      actor.userId,
      {
        kind: 'project_supervision',
        title: '项目有新的监督意见',
        body: `项目「${project.title}」：${body.body.slice(0, 80)}`,
        link: projectLink(project.id),
      },
    );
  });
}

async function topicAudience(em: EntityManager, topicId: number | null): Promise<number[]> {
  if (topicId === null) return [];
  const topic = await em.findOne(Topic, { where: { id: topicId } });
  if (!topic) return [];
  const followers = await em.find(TopicFollow, { where: { topicId } });
  return [...(topic.authorId ? [topic.authorId] : []), ...followers.map((f) => f.userId)];
}

/** The moderator closes the work with a summary; organisation and supervisors are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION. */
export async function completeProject(ds: DataSource, actor: Actor, id: number, summary: string): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project, selected } = loaded;
    await applyAction(em, actor, loaded, 'complete', { set: { completionSummary: summary }, note: summary });
    const supervisors = await em.find(ProjectSupervisor, { where: { projectId: project.id, endedAt: IsNull() } });
    await tell(
      em,
      [...(selected ? await organisationMembers(em, selected) : []), ...supervisors.map((s) => s.userId)],
      actor.userId,
      {
        kind: 'project_completed',
        title: '项目已结项',
        body: `项目「${project.title}」已结项，等待第三方评估。`,
        link: projectLink(project.id),
      },
    );
  });
}

/**
 * Records the third-party evaluation (moderator or sub-district admin); the
 * results go on the public board and the topic's author and followers, the
 * organisation and the supervisors are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED.
 */
export async function recordEvaluation(ds: DataSource, actor: Actor, id: number, body: EvaluationBody): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project, selected } = loaded;
    authorizeAction('evaluate', project.status, loaded.roles);
    if (body.attachmentUploadId !== undefined)
      await assertOwnUploads(em, actor, [body.attachmentUploadId], 'attachmentUploadId');
    const { role } = await applyAction(em, actor, loaded, 'evaluate', {
      note: `${body.evaluator}评估得分 ${body.score} 分：${body.summary}`,
      data: { score: body.score, evaluator: body.evaluator },
    });
    await em.insert(ProjectEvaluation, {
      projectId: project.id,
      evaluator: body.evaluator,
      score: body.score,
      summary: body.summary,
      report: body.report,
      attachmentUploadId: body.attachmentUploadId ?? null,
      recordedBy: actor.userId,
      recordedRole: role,
    });
    const supervisors = await em.find(ProjectSupervisor, { where: { projectId: project.id, endedAt: IsNull() } });
    await tell(
      em,
      [
        ...(selected ? await organisationMembers(em, selected) : []),
        ...supervisors.map((s) => s.userId),
        ...(await moderatorsOf(em, project.communityId)),
        ...(await topicAudience(em, project.topicId)),
      ],
      actor.userId,
      {
        kind: 'project_evaluated',
        title: '项目评估结果已公布',
        body: `项目「${project.title}」第三方评估得分 ${body.score} 分：${body.summary}`,
        link: `/pages/projects/board?id=${project.id}`,
      },
    );
  });
}

/** The moderator cancels a project before work starts; applicants are told. Errors: FORBIDDEN, ILLEGAL_TRANSITION. */
export async function cancelProject(ds: DataSource, actor: Actor, id: number, reason: string): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const loaded = await loadFor(em, actor, id);
    const { project } = loaded;
    await applyAction(em, actor, loaded, 'cancel', { set: { cancelReason: reason }, note: reason });
    const applications = await em.find(ProjectApplication, { where: { projectId: project.id } });
    if (applications.length > 0)
      await em.update(ProjectApplication, { projectId: project.id, status: 'submitted' }, { status: 'cancelled' });
    await tell(
      em,
      applications.map((a) => a.applicantUserId),
      actor.userId,
      {
        kind: 'project_cancelled',
        title: '项目征集已取消',
        body: `项目「${project.title}」已取消：${reason}`,
        link: '/pages/projects/calls',
      },
    );
  });
}
