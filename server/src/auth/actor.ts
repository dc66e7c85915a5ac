import type { DataSource } from 'typeorm';
import type { GrantedRole, Role, UnitRelation } from '../../../shared/src/auth/roles';
import { Membership } from '../members/members.entity';
import { User } from './auth.entity';

/** A granted role resolved to the community (and estate / sub-district) it applies to. */
export interface ScopedRole {
  role: GrantedRole;
  subDistrictId: number | null;
  communityId: number | null;
  estateId: number | null;
  organisation: string | null;
}

/** A unit the user is verified for (an approved claim). */
export interface VerifiedUnit {
  unitId: number;
  estateId: number;
  communityId: number;
  relation: UnitRelation;
}

/**
 * The signed-in user as every policy sees them, read from the database on
 * each request: a role revoked or a member suspended a moment ago counts now.
 */
export class Actor {
  constructor(
    readonly user: User,
    readonly roles: ScopedRole[],
    readonly memberships: Membership[],
    readonly units: VerifiedUnit[],
  ) {}

  get userId(): number {
    return this.user.id;
  }

  membershipOf(communityId: number): Membership | undefined {
    return this.memberships.find((m) => m.communityId === communityId);
  }

  isSuspendedIn(communityId: number): boolean {
    return this.membershipOf(communityId)?.status === 'suspended';
  }

  /** Holds `role` in the community (for estate-scoped roles: in that estate, or any estate when none is given). */
  hasRole(role: GrantedRole, communityId: number, estateId?: number): boolean {
    if (this.isSuspendedIn(communityId)) return false;
    return this.roles.some(
      (r) =>
        r.role === role &&
        r.communityId === communityId &&
        (estateId === undefined || r.estateId === null || r.estateId === estateId),
    );
  }

  isModerator(communityId: number): boolean {
    return this.hasRole('moderator', communityId);
  }

  isSubDistrictAdmin(subDistrictId: number): boolean {
    return this.roles.some((r) => r.role === 'subdistrict_admin' && r.subDistrictId === subDistrictId);
  }

  isVerifiedResident(communityId: number, estateId?: number): boolean {
    if (this.isSuspendedIn(communityId)) return false;
    return this.units.some((u) => u.communityId === communityId && (estateId === undefined || u.estateId === estateId));
  }

  isOwner(communityId: number, estateId?: number): boolean {
    if (this.isSuspendedIn(communityId)) return false;
    return this.units.some(
      (u) =>
        u.relation === 'owner' && u.communityId === communityId && (estateId === undefined || u.estateId === estateId),
    );
  }

  /** Every role the user has in the community, derived ones (resident, owner) included. */
  rolesIn(communityId: number): Role[] {
    const roles = new Set<Role>();
    if (this.units.some((u) => u.communityId === communityId)) roles.add('resident');
    if (this.units.some((u) => u.communityId === communityId && u.relation === 'owner')) roles.add('owner');
    for (const r of this.roles) if (r.communityId === communityId) roles.add(r.role);
    return [...roles];
  }
}

interface GrantRow {
  role: GrantedRole;
  scope_type: string;
  scope_id: number;
  organisation: string | null;
  estate_community_id: number | null;
}

interface ClaimRow {
  unit_id: number;
  estate_id: number;
  community_id: number;
  relation: UnitRelation;
}

/** Loads the actor for a user id; undefined when the user does not exist or was deleted. */
export async function loadActor(ds: DataSource, userId: number): Promise<Actor | undefined> {
  const user = await ds.getRepository(User).findOne({ where: { id: userId } });
  if (user?.status !== 'active') return undefined;
  const [grants, memberships, claims] = await Promise.all([
    ds.query(
      `SELECT g.role, g.scope_type, g.scope_id, g.organisation, e.community_id AS estate_community_id
         FROM role_grant g LEFT JOIN estate e ON g.scope_type = 'estate' AND e.id = g.scope_id
        WHERE g.user_id = ? AND g.revoked_at IS NULL`,
      [userId],
    ) as Promise<GrantRow[]>,
    ds.getRepository(Membership).find({ where: { userId } }),
    ds.query(
      `SELECT unit_id, estate_id, community_id, relation FROM unit_claim WHERE user_id = ? AND status = 'approved'`,
      [userId],
    ) as Promise<ClaimRow[]>,
  ]);
  const roles: ScopedRole[] = grants.map((g) => ({
    role: g.role,
    organisation: g.organisation,
    subDistrictId: g.scope_type === 'sub_district' ? Number(g.scope_id) : null,
    communityId:
      g.scope_type === 'community'
        ? Number(g.scope_id)
        : g.scope_type === 'estate' && g.estate_community_id !== null
          ? Number(g.estate_community_id)
          : null,
    estateId: g.scope_type === 'estate' ? Number(g.scope_id) : null,
  }));
  const units: VerifiedUnit[] = claims.map((c) => ({
    unitId: Number(c.unit_id),
    estateId: Number(c.estate_id),
    communityId: Number(c.community_id),
    relation: c.relation,
  }));
  return new Actor(user, roles, memberships, units);
}
