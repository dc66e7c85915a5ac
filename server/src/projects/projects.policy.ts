import type { DataSource, EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';
import {
  checkProjectTransition,
  PROJECT_TRANSITIONS,
  type ProjectAction,
  type ProjectActor,
  type ProjectStatus,
} from '../../../shared/src/projects/project-states';
import type { Actor } from '../auth/actor';
import { Community } from '../communities/communities.entity';
import { AppError } from '../http/app-error';
import { Party, PartyMember } from '../topics/topics.entity';
import { type ProjectApplication, ProjectSupervisor, type ServiceProject } from './projects.entity';

type Db = DataSource | EntityManager;

/**
 * An organisation a user acts for when applying: a social_org party or a
 * granted organisation name — both keyed by the organisation's name, so two
 * people of one organisation are one applicant — or, for a grant naming no
 * organisation, the user alone.
 */
export interface OrgIdentity {
  key: string;
  partyId: number | null;
  organisation: string;
}

/** The communities of a sub-district (calls are open to its social organisations). */
export async function communityIdsOfSubDistrict(db: Db, subDistrictId: number): Promise<number[]> {
  const rows = await db.getRepository(Community).find({ where: { subDistrictId }, select: { id: true } });
  return rows.map((r) => r.id);
}

/**
 * The organisations the actor may act for among `communityIds`: members of a
 * social_org party first, then social_org role grants (by organisation name,
 * or the user alone when the grant names none). Suspended members count for nothing.
 */
export async function orgIdentitiesOf(db: Db, actor: Actor, communityIds: number[]): Promise<OrgIdentity[]> {
  const identities: OrgIdentity[] = [];
  if (communityIds.length === 0) return identities;
  const memberships = await db.getRepository(PartyMember).find({ where: { userId: actor.userId } });
  if (memberships.length > 0) {
    const parties = await db.getRepository(Party).find({
      where: { id: In(memberships.map((m) => m.partyId)), kind: 'social_org', communityId: In(communityIds) },
      order: { id: 'ASC' },
    });
    for (const p of parties) {
      if (!actor.isSuspendedIn(p.communityId))
        identities.push({ key: `o:${p.name}`, partyId: p.id, organisation: p.name });
    }
  }
  for (const r of actor.roles) {
    if (r.role !== 'social_org' || r.communityId === null || !communityIds.includes(r.communityId)) continue;
    if (actor.isSuspendedIn(r.communityId)) continue;
    const identity = r.organisation
      ? { key: `o:${r.organisation}`, partyId: null, organisation: r.organisation }
      : { key: `u:${actor.userId}`, partyId: null, organisation: actor.user.nickname };
    if (!identities.some((i) => i.key === identity.key)) identities.push(identity);
  }
  return identities;
}

/** Who the actor is for this project: moderator, sub-district admin, social organisation, the selected one, supervisor. */
export async function projectRolesOf(
  db: Db,
  actor: Actor | undefined,
  project: ServiceProject,
  subDistrictId: number,
  selected: ProjectApplication | null,
): Promise<{ roles: ProjectActor[]; identities: OrgIdentity[] }> {
  if (!actor) return { roles: [], identities: [] };
  const roles: ProjectActor[] = [];
  if (actor.isModerator(project.communityId)) roles.push('moderator');
  if (actor.isSubDistrictAdmin(subDistrictId)) roles.push('subdistrict_admin');
  const identities = await orgIdentitiesOf(db, actor, await communityIdsOfSubDistrict(db, subDistrictId));
  if (identities.length > 0) roles.push('social_org');
  if (selected && identities.some((i) => i.key === selected.applicantKey)) roles.push('selected_org');
  if (
    !actor.isSuspendedIn(project.communityId) &&
    (await db
      .getRepository(ProjectSupervisor)
      .exists({ where: { projectId: project.id, userId: actor.userId, endedAt: IsNull() } }))
  ) {
    roles.push('supervisor');
  }
  return { roles, identities };
}

const WHO: Record<ProjectActor, string> = {
  moderator: '本社区的社区工作者',
  subdistrict_admin: '本社区所在街道的管理员',
  social_org: '本街道的社会组织',
  selected_org: '承接本项目的社会组织',
  supervisor: '本项目的居民监督员',
};

/**
 * The role the actor takes `action` in (the first of the table's `by` they
 * hold), after checking the project's state allows it.
 * Errors: FORBIDDEN (holds none), ILLEGAL_TRANSITION (wrong state).
 */
export function authorizeAction(action: ProjectAction, status: ProjectStatus, roles: ProjectActor[]): ProjectActor {
  const t = PROJECT_TRANSITIONS[action];
  const role = t.by.find((b) => roles.includes(b));
  if (!role) {
    throw new AppError('FORBIDDEN', { message: `只有${t.by.map((b) => WHO[b]).join('或')}可以${t.label}` });
  }
  const check = checkProjectTransition(action, status, role);
  if (!check.ok) throw new AppError('ILLEGAL_TRANSITION', { message: check.reason });
  return role;
}

/** Users holding a granted role for a scope (not revoked). */
async function grantHolders(db: Db, role: string, scopeType: string, scopeIds: number[]): Promise<number[]> {
  if (scopeIds.length === 0) return [];
  const rows = (await db.query(
    `SELECT DISTINCT user_id FROM role_grant WHERE role = ? AND scope_type = ? AND revoked_at IS NULL AND scope_id IN (${scopeIds.map(() => '?').join(',')})`,
    [role, scopeType, ...scopeIds],
  )) as { user_id: number }[];
  return rows.map((r) => Number(r.user_id));
}

export const moderatorsOf = (db: Db, communityId: number) => grantHolders(db, 'moderator', 'community', [communityId]);

export const subDistrictAdminsOf = (db: Db, subDistrictId: number) =>
  grantHolders(db, 'subdistrict_admin', 'sub_district', [subDistrictId]);

/** Everyone who may apply to calls of these communities: social_org role holders and social_org party members. */
export async function socialOrgUsersOf(db: Db, communityIds: number[]): Promise<number[]> {
  const ids = new Set(await grantHolders(db, 'social_org', 'community', communityIds));
  if (communityIds.length > 0) {
    const parties = await db
      .getRepository(Party)
      .find({ where: { kind: 'social_org', communityId: In(communityIds) }, select: { id: true } });
    if (parties.length > 0) {
      const members = await db.getRepository(PartyMember).find({ where: { partyId: In(parties.map((p) => p.id)) } });
      for (const m of members) ids.add(m.userId);
    }
  }
  return [...ids];
}

/** The users who act for an application's organisation. */
export async function organisationMembers(db: Db, application: ProjectApplication): Promise<number[]> {
  const ids = new Set<number>([application.applicantUserId]);
  if (application.partyId !== null) {
    for (const m of await db.getRepository(PartyMember).find({ where: { partyId: application.partyId } }))
      ids.add(m.userId);
  }
  if (application.applicantKey.startsWith('o:')) {
    const rows = (await db.query(
      "SELECT DISTINCT user_id FROM role_grant WHERE role = 'social_org' AND revoked_at IS NULL AND organisation = ?",
      [application.organisation],
    )) as { user_id: number }[];
    for (const r of rows) ids.add(Number(r.user_id));
  }
  return [...ids];
}
