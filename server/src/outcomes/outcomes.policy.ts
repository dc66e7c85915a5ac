import type { DataSource, EntityManager } from 'typeorm';
import { ROLE_LABELS, type Role } from '../../../shared/src/auth/roles';
import type { Actor } from '../auth/actor';
import { AppError } from '../http/app-error';
import type { Topic } from '../topics/topics.entity';
import { partyIdsOf, subDistrictOf } from '../topics/topics.policy';
import type { Implementation } from './outcomes.entity';

type Db = DataSource | EntityManager;

/** Moderators of the topic's community decide, publish, answer and assign. Errors: FORBIDDEN, MEMBER_SUSPENDED. */
export function assertTopicModerator(actor: Actor, topic: Topic): void {
  if (!actor.isModerator(topic.communityId)) {
    if (actor.isSuspendedIn(topic.communityId)) throw new AppError('MEMBER_SUSPENDED');
    throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者可以进行此操作' });
  }
}

/**
 * In which capacity the actor reports on an implementation: a moderator of the
 * community, the named responsible person, or a member of the responsible
 * party; undefined when none (suspended members have none).
 */
export async function reporterRole(
  db: Db,
  actor: Actor | undefined,
  topic: Topic,
  implementation: Implementation | null,
): Promise<string | undefined> {
  if (!actor) return undefined;
  if (actor.isModerator(topic.communityId)) return 'moderator';
  if (!implementation || actor.isSuspendedIn(topic.communityId)) return undefined;
  if (implementation.personUserId === actor.userId) return 'responsible_person';
  if ((await partyIdsOf(db, actor.userId)).includes(implementation.partyId)) {
    const role = actor.roles.find((r) => r.communityId === topic.communityId && r.role !== 'moderator');
    return role?.role ?? 'party_member';
  }
  return undefined;
}

/** Errors: FORBIDDEN (not the moderator, the responsible person or a member of the responsible party). */
export async function assertReporter(
  db: Db,
  actor: Actor,
  topic: Topic,
  implementation: Implementation | null,
): Promise<string> {
  const role = await reporterRole(db, actor, topic, implementation);
  if (!role) {
    if (actor.isSuspendedIn(topic.communityId)) throw new AppError('MEMBER_SUSPENDED');
    throw new AppError('FORBIDDEN', { message: '只有落实责任人、责任方成员或社区工作者可以填写进展' });
  }
  return role;
}

export function reporterRoleLabel(role: string): string {
  if (role === 'responsible_person') return '落实责任人';
  if (role === 'party_member') return '责任方';
  if (role === 'system') return '系统';
  return ROLE_LABELS[role as Role] ?? role;
}

/**
 * Whether the actor is a verified resident within the topic's scope: the
 * community, its estate, or its building (a verified unit there).
 */
export async function isInTopicScope(db: Db, actor: Actor, topic: Topic): Promise<boolean> {
  if (!actor.isVerifiedResident(topic.communityId)) return false;
  if (topic.scope === 'community' || topic.estateId === null) return true;
  if (topic.scope === 'estate' || topic.buildingId === null)
    return actor.isVerifiedResident(topic.communityId, topic.estateId);
  const rows = (await db.query(
    `SELECT COUNT(*) AS n FROM unit_claim uc JOIN unit u ON u.id = uc.unit_id
      WHERE uc.user_id = ? AND uc.status = 'approved' AND u.building_id = ?`,
    [actor.userId, topic.buildingId],
  )) as { n: number | string }[];
  return Number(rows[0]?.n ?? 0) > 0;
}

/** Users holding a live grant of `role` for the scope. */
async function grantHolders(db: Db, role: string, scopeType: string, scopeId: number): Promise<number[]> {
  const rows = (await db.query(
    'SELECT DISTINCT user_id FROM role_grant WHERE role = ? AND scope_type = ? AND scope_id = ? AND revoked_at IS NULL',
    [role, scopeType, scopeId],
  )) as { user_id: number }[];
  return rows.map((r) => Number(r.user_id));
}

/** The community's moderators and its sub-district's admins: who hears about overdue items. */
export async function overdueAudience(db: Db, communityId: number): Promise<number[]> {
  const moderators = await grantHolders(db, 'moderator', 'community', communityId);
  const subDistrictId = await subDistrictOf(db, communityId);
  const admins =
    subDistrictId === undefined ? [] : await grantHolders(db, 'subdistrict_admin', 'sub_district', subDistrictId);
  return [...new Set([...moderators, ...admins])];
}

export async function moderatorsOf(db: Db, communityId: number): Promise<number[]> {
  return grantHolders(db, 'moderator', 'community', communityId);
}

/** Sub-district admins act across the sub-district's communities. Errors: FORBIDDEN. */
export function assertSubDistrictAdmin(actor: Actor, subDistrictId: number): void {
  if (!actor.isSubDistrictAdmin(subDistrictId)) {
    throw new AppError('FORBIDDEN', { message: '只有本街道的管理员可以查看' });
  }
}
