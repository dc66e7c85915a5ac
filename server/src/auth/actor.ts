import { type DataSource, In } from 'typeorm';
import type { GrantedRole, Role, UnitRelation } from '../../../shared/src/auth/roles';
import { Batcher, type Settled } from '../db/batcher';
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
  user_id: number;
  role: GrantedRole;
  scope_type: string;
  scope_id: number;
  organisation: string | null;
  estate_community_id: number | null;
}

interface ClaimRow {
  user_id: number;
  unit_id: number;
  estate_id: number;
  community_id: number;
  relation: UnitRelation;
}

/**
 * Reads the actors of several users at once: one query per table for every
 * user in the batch. Each load still starts after its caller asked, so what
 * it sees is as fresh as a read of its own.
 */
async function readActors(ds: DataSource, userIds: number[]): Promise<Settled<Actor | undefined>[]> {
  const ids = [...new Set(userIds)];
  const marks = ids.map(() => '?').join(', ');
  const [users, grants, memberships, claims] = await Promise.all([
    ds.getRepository(User).find({ where: { id: In(ids) } }),
    ds.query(
      `SELECT g.user_id, g.role, g.scope_type, g.scope_id, g.organisation, e.community_id AS estate_community_id
         FROM role_grant g LEFT JOIN estate e ON g.scope_type = 'estate' AND e.id = g.scope_id
        WHERE g.user_id IN (${marks}) AND g.revoked_at IS NULL ORDER BY g.id`,
      ids,
    ) as Promise<GrantRow[]>,
    ds.getRepository(Membership).find({ where: { userId: In(ids) }, order: { id: 'ASC' } }),
    ds.query(
      `SELECT user_id, unit_id, estate_id, community_id, relation FROM unit_claim
        WHERE user_id IN (${marks}) AND status = 'approved' ORDER BY id`,
      ids,
    ) as Promise<ClaimRow[]>,
  ]);
  const seen = new Set<number>();
  return userIds.map((userId) => {
    const found = users.find((u) => u.id === userId);
    if (found?.status !== 'active') return { ok: true, value: undefined };
    // A user asked for twice in one batch gets copies, so no two requests share mutable entities.
    const copy = <E extends object>(entity: E): E =>
      seen.has(userId) ? Object.assign(Object.create(Object.getPrototypeOf(entity) as object) as E, entity) : entity;
    const user = copy(found);
    const roles: ScopedRole[] = grants
      .filter((g) => Number(g.user_id) === userId)
      .map((g) => ({
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
    const units: VerifiedUnit[] = claims
      .filter((c) => Number(c.user_id) === userId)
      .map((c) => ({
        unitId: Number(c.unit_id),
        estateId: Number(c.estate_id),
        communityId: Number(c.community_id),
        relation: c.relation,
      }));
    const own = memberships.filter((m) => m.userId === userId).map(copy);
    seen.add(userId);
    return { ok: true, value: new Actor(user, roles, own, units) };
  });
}

const loaders = new WeakMap<DataSource, Batcher<number, Actor | undefined>>();

/**
 * Loads the actor for a user id; undefined when the user does not exist or was
 * deleted. Read from the database on every call (a suspension or a revoked
 * role counts at once); concurrent calls share their queries (readActors).
 */
export async function loadActor(ds: DataSource, userId: number): Promise<Actor | undefined> {
  let loader = loaders.get(ds);
  if (!loader) {
    loader = new Batcher((ids) => readActors(ds, ids), { maxBatch: 100, maxInFlight: 4 });
    loaders.set(ds, loader);
  }
  return loader.submit(userId);
}
