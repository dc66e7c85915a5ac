import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import { In, IsNull } from 'typeorm';
import { ROLE_LABELS } from '../../../shared/src/auth/roles';
import {
  availableProjectActions,
  isPublicProjectStatus,
  PROJECT_EVENT_LABELS,
  PROJECT_STATUS_LABELS,
  type ProjectStatus,
} from '../../../shared/src/projects/project-states';
import {
  APPLICATION_STATUS_LABELS,
  type ApplicationView,
  type MyApplication,
  type OpenCallSummary,
  type ProjectBoard,
  type ProjectEntry,
  type ProjectSummary,
  type ProjectView,
} from '../../../shared/src/projects/projects.schema';
import { shanghaiDay } from '../../../shared/src/time';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Community } from '../communities/communities.entity';
import { AppError } from '../http/app-error';
import type { FileStorage } from '../storage/storage';
import { Party, PartyMember, Topic } from '../topics/topics.entity';
import { publicName } from '../topics/topics.views';
import { Upload } from '../uploads/uploads.entity';
import {
  ProjectApplication,
  ProjectEvaluation,
  ProjectEvent,
  ProjectSupervisor,
  ServiceProject,
} from './projects.entity';
import { communityIdsOfSubDistrict, orgIdentitiesOf, projectRolesOf } from './projects.policy';

const fileUrl = (projectId: number, uploadId: number) => ({
  uploadId,
  url: `/api/projects/${projectId}/files/${uploadId}`,
});

const ids = (json: string | null): number[] => (json ? (JSON.parse(json) as number[]) : []);

/** Actions shown on the public board (after the project went public). */
const BOARD_ACTIONS = new Set(['openCall', 'select', 'reportProgress', 'supervise', 'complete', 'evaluate']);

async function usersById(ds: DataSource, userIds: (number | null)[]): Promise<Map<number, User>> {
  const wanted = [...new Set(userIds.filter((u): u is number => u !== null))];
  if (wanted.length === 0) return new Map();
  return new Map((await ds.getRepository(User).find({ where: { id: In(wanted) } })).map((u) => [u.id, u]));
}

function entryOf(event: ProjectEvent, users: Map<number, User>): ProjectEntry {
  const user = event.actorId ? users.get(event.actorId) : undefined;
  let by: string;
  if (event.action === 'reportProgress' && event.organisation) by = event.organisation;
  else if (event.actorRole === 'supervisor') by = `居民监督员 ${publicName(user)}`;
  else if (event.actorRole === 'subdistrict_admin') by = `街道 ${publicName(user)}`;
  else if (event.actorRole === 'social_org') by = event.organisation ?? `社会组织 ${publicName(user)}`;
  else by = `${ROLE_LABELS[event.actorRole as keyof typeof ROLE_LABELS] ?? '社区'} ${publicName(user)}`;
  return {
    id: event.id,
    action: event.action,
    label: PROJECT_EVENT_LABELS[event.action] ?? event.action,
    by,
    note: event.note,
    photos: ids(event.photosJson).map((u) => fileUrl(event.projectId, u)),
    createdAt: event.createdAt.toISOString(),
  };
}

async function loadProject(ds: DataSource, id: number) {
  const project = await ds.getRepository(ServiceProject).findOne({ where: { id } });
  if (!project) throw new AppError('NOT_FOUND', { message: '这个项目不存在或已删除' });
  const community = await ds.getRepository(Community).findOneOrFail({ where: { id: project.communityId } });
  const selected = project.selectedApplicationId
    ? await ds.getRepository(ProjectApplication).findOne({ where: { id: project.selectedApplicationId } })
    : null;
  return { project, community, selected };
}

async function topicRef(ds: DataSource, topicId: number | null) {
  if (topicId === null) return null;
  const topic = await ds.getRepository(Topic).findOne({ where: { id: topicId } });
  return topic && !topic.held ? { id: topic.id, title: topic.title } : null;
}

/**
 * The workflow view. Drafts (before the call) are seen by the community's
 * moderators and its sub-district's admins only; applications by them, and
 * each organisation its own. Errors: NOT_FOUND.
 */
export async function projectView(ds: DataSource, actor: Actor | undefined, id: number): Promise<ProjectView> {
  const { project, community, selected } = await loadProject(ds, id);
  const { roles, identities } = await projectRolesOf(ds, actor, project, community.subDistrictId, selected);
  const privileged = roles.includes('moderator') || roles.includes('subdistrict_admin');
  const applications = await ds
    .getRepository(ProjectApplication)
    .find({ where: { projectId: project.id }, order: { id: 'ASC' } });
  const own = applications.filter((a) => identities.some((i) => i.key === a.applicantKey));
  if (!isPublicProjectStatus(project.status) && !privileged && own.length === 0) {
    throw new AppError('NOT_FOUND', { message: '这个项目不存在或已删除' });
  }
  const [events, supervisors, evaluation] = await Promise.all([
    ds.getRepository(ProjectEvent).find({ where: { projectId: project.id }, order: { id: 'ASC' } }),
    ds.getRepository(ProjectSupervisor).find({ where: { projectId: project.id, endedAt: IsNull() } }),
    ds.getRepository(ProjectEvaluation).findOne({ where: { projectId: project.id } }),
  ]);
  const shown = privileged ? applications : own;
  const users = await usersById(ds, [
    ...events.map((e) => e.actorId),
    ...supervisors.map((s) => s.userId),
    ...shown.map((a) => a.applicantUserId),
  ]);
  const moderator = roles.includes('moderator');
  const nameFor = (userId: number) => {
    const user = users.get(userId);
    return moderator && user?.status !== 'deleted' ? (user?.realName ?? user?.nickname ?? '居民') : publicName(user);
  };
  const today = shanghaiDay();
  const accepting = project.status === 'open_call' && !!project.callDeadline && today <= project.callDeadline;
  let actions = availableProjectActions(project.status, roles);
  if (project.status === 'open_call') {
    actions = actions.filter((a) => (a === 'apply' ? accepting && own.length === 0 : true));
    if (accepting) actions = actions.filter((a) => a !== 'select');
  }
  return {
    id: project.id,
    communityId: project.communityId,
    communityName: community.name,
    topic: await topicRef(ds, project.topicId),
    title: project.title,
    demand: project.demand,
    status: project.status,
    statusLabel: PROJECT_STATUS_LABELS[project.status],
    design: {
      goals: project.goals,
      serviceContent: project.serviceContent,
      beneficiaries: project.beneficiaries,
      budgetFen: project.budgetFen,
      startDate: project.startDate,
      endDate: project.endDate,
    },
    filing: {
      submittedAt: project.filedAt?.toISOString() ?? null,
      decidedAt: project.filingDecidedAt?.toISOString() ?? null,
      note: project.filingNote,
      returnReason: project.returnReason,
    },
    call: { deadline: project.callDeadline, requirements: project.callRequirements, accepting },
    selection:
      selected && project.selectionReason && project.selectedAt
        ? {
            applicationId: selected.id,
            organisation: selected.organisation,
            reason: project.selectionReason,
            selectedAt: project.selectedAt.toISOString(),
          }
        : null,
    completionSummary: project.completionSummary,
    cancelReason: project.cancelReason,
    supervisors: supervisors.map((s) => ({ userId: s.userId, name: nameFor(s.userId) })),
    applications: shown.map(
      (a): ApplicationView => ({
        id: a.id,
        organisation: a.organisation,
        applicantName: nameFor(a.applicantUserId),
        proposal: a.proposal,
        team: a.team,
        budgetFen: a.budgetFen,
        attachments: ids(a.attachmentsJson).map((u) => fileUrl(project.id, u)),
        status: a.status,
        statusLabel: APPLICATION_STATUS_LABELS[a.status],
        createdAt: a.createdAt.toISOString(),
      }),
    ),
    applicationCount: applications.length,
    timeline: events.map((e) => entryOf(e, users)),
    evaluation: evaluation
      ? {
          evaluator: evaluation.evaluator,
          score: evaluation.score,
          summary: evaluation.summary,
          report: evaluation.report,
          attachment: evaluation.attachmentUploadId ? fileUrl(project.id, evaluation.attachmentUploadId) : null,
          recordedAt: evaluation.createdAt.toISOString(),
        }
      : null,
    me: { roles, actions, applied: own.length > 0 },
  };
}

/** The public board of a project past its call: no personal data beyond masked names. Errors: NOT_FOUND. */
export async function projectBoard(ds: DataSource, id: number): Promise<ProjectBoard> {
  const { project, community, selected } = await loadProject(ds, id);
  if (!isPublicProjectStatus(project.status)) throw new AppError('NOT_FOUND', { message: '这个项目还没有公开' });
  const [events, supervisors, evaluation, applicationCount] = await Promise.all([
    ds.getRepository(ProjectEvent).find({ where: { projectId: project.id }, order: { id: 'ASC' } }),
    ds.getRepository(ProjectSupervisor).find({ where: { projectId: project.id, endedAt: IsNull() } }),
    ds.getRepository(ProjectEvaluation).findOne({ where: { projectId: project.id } }),
    ds.getRepository(ProjectApplication).count({ where: { projectId: project.id } }),
  ]);
  const shown = events.filter((e) => BOARD_ACTIONS.has(e.action));
  const users = await usersById(ds, [...shown.map((e) => e.actorId), ...supervisors.map((s) => s.userId)]);
  return {
    id: project.id,
    communityName: community.name,
    topic: await topicRef(ds, project.topicId),
    title: project.title,
    demand: project.demand,
    status: project.status,
    statusLabel: PROJECT_STATUS_LABELS[project.status],
    goals: project.goals,
    serviceContent: project.serviceContent,
    beneficiaries: project.beneficiaries,
    budgetFen: project.budgetFen,
    startDate: project.startDate,
    endDate: project.endDate,
    callDeadline: project.callDeadline,
    applicationCount,
    organisation: selected?.organisation ?? null,
    selectionReason: project.selectionReason,
    supervisors: supervisors.map((s) => publicName(users.get(s.userId))),
    progress: shown.map((e) => entryOf(e, users)),
    completionSummary: project.completionSummary,
    evaluation: evaluation
      ? {
          evaluator: evaluation.evaluator,
          score: evaluation.score,
          summary: evaluation.summary,
          attachment: evaluation.attachmentUploadId ? fileUrl(project.id, evaluation.attachmentUploadId) : null,
          recordedAt: evaluation.createdAt.toISOString(),
        }
      : null,
  };
}

async function summarize(ds: DataSource, projects: ServiceProject[]): Promise<ProjectSummary[]> {
  if (projects.length === 0) return [];
  const [communities, selected, evaluations] = await Promise.all([
    ds.getRepository(Community).find({ where: { id: In([...new Set(projects.map((p) => p.communityId))]) } }),
    ds.getRepository(ProjectApplication).find({
      where: {
        id: In(
          projects
            .map((p) => p.selectedApplicationId)
            .filter((x): x is number => x !== null)
            .concat(0),
        ),
      },
    }),
    ds.getRepository(ProjectEvaluation).find({ where: { projectId: In(projects.map((p) => p.id)) } }),
  ]);
  return projects.map((p) => ({
    id: p.id,
    communityId: p.communityId,
    communityName: communities.find((c) => c.id === p.communityId)?.name ?? '',
    title: p.title,
    status: p.status,
    statusLabel: PROJECT_STATUS_LABELS[p.status],
    budgetFen: p.budgetFen,
    callDeadline: p.callDeadline,
    organisation: selected.find((a) => a.id === p.selectedApplicationId)?.organisation ?? null,
    evaluationScore: evaluations.find((e) => e.projectId === p.id)?.score ?? null,
    topicId: p.topicId,
    statusChangedAt: p.statusChangedAt.toISOString(),
  }));
}

const LIST_LIMIT = 200;

/**
 * The community's projects, newest first, optionally of one status: every
 * one for its moderators and its sub-district's admins, public ones for everybody else.
 */
export async function listCommunityProjects(
  ds: DataSource,
  actor: Actor | undefined,
  communityId: number,
  status: ProjectStatus | undefined,
): Promise<ProjectSummary[]> {
  const community = await ds.getRepository(Community).findOne({ where: { id: communityId } });
  if (!community) throw new AppError('NOT_FOUND', { message: '没有这个社区' });
  const privileged = !!actor && (actor.isModerator(communityId) || actor.isSubDistrictAdmin(community.subDistrictId));
  const qb = ds
    .getRepository(ServiceProject)
    .createQueryBuilder('p')
    .where('p.community_id = :communityId', { communityId })
    .orderBy('p.id', 'DESC')
    .take(LIST_LIMIT);
  if (status) qb.andWhere('p.status = :status', { status });
  if (!privileged)
    qb.andWhere('p.status IN (:...public)', { public: ['open_call', 'in_progress', 'completed', 'evaluated'] });
  return summarize(ds, await qb.getMany());
}

/** Filings waiting for the actor as sub-district admin, across the sub-districts' communities, oldest first (empty for anyone else). */
export async function listPendingFilings(ds: DataSource, actor: Actor): Promise<ProjectSummary[]> {
  const subDistricts = actor.roles
    .filter((r) => r.role === 'subdistrict_admin' && r.subDistrictId !== null)
    .map((r) => r.subDistrictId!);
  if (subDistricts.length === 0) return [];
  const communities = await ds.getRepository(Community).find({ where: { subDistrictId: In(subDistricts) } });
  if (communities.length === 0) return [];
  const projects = await ds.getRepository(ServiceProject).find({
    where: { communityId: In(communities.map((c) => c.id)), status: 'filed' },
    order: { filedAt: 'ASC', id: 'ASC' },
    take: LIST_LIMIT,
  });
  return summarize(ds, projects);
}

/** Sub-districts where the actor acts for a social organisation. */
async function subDistrictsOfOrg(ds: DataSource, actor: Actor): Promise<number[]> {
  const communityIds = new Set<number>();
  for (const r of actor.roles) if (r.role === 'social_org' && r.communityId !== null) communityIds.add(r.communityId);
  const memberships = await ds.getRepository(PartyMember).find({ where: { userId: actor.userId } });
  if (memberships.length > 0) {
    const parties = await ds
      .getRepository(Party)
      .find({ where: { id: In(memberships.map((m) => m.partyId)), kind: 'social_org' } });
    for (const p of parties) communityIds.add(p.communityId);
  }
  if (communityIds.size === 0) return [];
  const communities = await ds.getRepository(Community).find({ where: { id: In([...communityIds]) } });
  return [...new Set(communities.map((c) => c.subDistrictId))];
}

/** Calls still taking applications where the actor may apply (an empty list for anyone not a social organisation). */
export async function listOpenCalls(ds: DataSource, actor: Actor): Promise<OpenCallSummary[]> {
  const subDistricts = await subDistrictsOfOrg(ds, actor);
  const result: OpenCallSummary[] = [];
  const today = shanghaiDay();
  for (const subDistrictId of subDistricts) {
    const communityIds = await communityIdsOfSubDistrict(ds, subDistrictId);
    const identities = await orgIdentitiesOf(ds, actor, communityIds);
    if (identities.length === 0) continue;
    const projects = (
      await ds.getRepository(ServiceProject).find({
        where: { communityId: In(communityIds), status: 'open_call' },
        order: { callDeadline: 'ASC', id: 'ASC' },
        take: LIST_LIMIT,
      })
    ).filter((p) => p.callDeadline !== null && p.callDeadline >= today);
    if (projects.length === 0) continue;
    const applied = await ds.getRepository(ProjectApplication).find({
      where: { projectId: In(projects.map((p) => p.id)), applicantKey: In(identities.map((i) => i.key)) },
    });
    const summaries = await summarize(ds, projects);
    for (const [i, p] of projects.entries()) {
      result.push({
        ...summaries[i]!,
        demand: p.demand,
        requirements: p.callRequirements,
        applied: applied.some((a) => a.projectId === p.id),
      });
    }
  }
  return result;
}

/** Applications of the organisations the actor acts for (and the actor's own), newest first. */
export async function listMyApplications(ds: DataSource, actor: Actor): Promise<MyApplication[]> {
  const memberships = await ds.getRepository(PartyMember).find({ where: { userId: actor.userId } });
  const parties = memberships.length
    ? await ds.getRepository(Party).find({ where: { id: In(memberships.map((m) => m.partyId)), kind: 'social_org' } })
    : [];
  const keys = parties.map((p) => `o:${p.name}`);
  for (const r of actor.roles) if (r.role === 'social_org' && r.organisation) keys.push(`o:${r.organisation}`);
  const where = [{ applicantUserId: actor.userId }, ...(keys.length > 0 ? [{ applicantKey: In(keys) }] : [])];
  const applications = await ds
    .getRepository(ProjectApplication)
    .find({ where, order: { id: 'DESC' }, take: LIST_LIMIT });
  if (applications.length === 0) return [];
  const projects = await ds
    .getRepository(ServiceProject)
    .find({ where: { id: In([...new Set(applications.map((a) => a.projectId))]) } });
  const communities = await ds
    .getRepository(Community)
    .find({ where: { id: In([...new Set(projects.map((p) => p.communityId))]) } });
  return applications.map((a) => {
    const p = projects.find((x) => x.id === a.projectId)!;
    return {
      id: a.id,
      projectId: p.id,
      projectTitle: p.title,
      projectStatus: p.status,
      projectStatusLabel: PROJECT_STATUS_LABELS[p.status],
      communityName: communities.find((c) => c.id === p.communityId)?.name ?? '',
      organisation: a.organisation,
      budgetFen: a.budgetFen,
      status: a.status,
      statusLabel: APPLICATION_STATUS_LABELS[a.status],
      createdAt: a.createdAt.toISOString(),
    };
  });
}

/**
 * Opens a photo or attachment of a project. Progress and supervision photos
 * and the evaluation's attachment are public once the project is; an
 * application's attachments only for the moderators, the sub-district's
 * admins and the applying organisation. Errors: NOT_FOUND (for all refusals).
 */
export async function openProjectFile(
  ds: DataSource,
  storage: FileStorage,
  actor: Actor | undefined,
  projectId: number,
  uploadId: number,
): Promise<{ upload: Upload; stream: Readable }> {
  const { project, community, selected } = await loadProject(ds, projectId);
  const [events, evaluation] = await Promise.all([
    ds.getRepository(ProjectEvent).find({ where: { projectId } }),
    ds.getRepository(ProjectEvaluation).findOne({ where: { projectId } }),
  ]);
  let allowed = false;
  const inEvents = events.some((e) => ids(e.photosJson).includes(uploadId));
  if (inEvents || evaluation?.attachmentUploadId === uploadId) {
    if (isPublicProjectStatus(project.status)) allowed = true;
  }
  if (!allowed && actor) {
    const { roles, identities } = await projectRolesOf(ds, actor, project, community.subDistrictId, selected);
    const privileged = roles.includes('moderator') || roles.includes('subdistrict_admin');
    if (privileged && inEvents) allowed = true;
    if (!allowed) {
      const applications = await ds.getRepository(ProjectApplication).find({ where: { projectId } });
      allowed = applications.some(
        (a) =>
          ids(a.attachmentsJson).includes(uploadId) && (privileged || identities.some((i) => i.key === a.applicantKey)),
      );
    }
  }
  if (!allowed) throw new AppError('NOT_FOUND');
  const upload = await ds.getRepository(Upload).findOne({ where: { id: uploadId } });
  if (!upload) throw new AppError('NOT_FOUND');
  const stored = await storage.get(upload.storageKey);
  if (!stored) throw new AppError('NOT_FOUND');
  return { upload, stream: stored.stream };
}
