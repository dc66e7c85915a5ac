import type { DataSource } from 'typeorm';
import type { GrantedRole, Role, UnitRelation } from '../../../shared/src/auth/roles';
import { Batcher, type Settled } from '../db/batcher';
import { executePrepared, hydrate } from '../db/sql';
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

/** The parts of an actor, each a set of columns of its own in one UNION ALL result. */
const PARTS = {
  grant: ['id', 'user_id', 'role', 'scope_type', 'scope_id', 'organisation', 'estate_community_id'],
  claim: ['id', 'user_id', 'unit_id', 'estate_id', 'community_id', 'relation'],
} as const;

/** The id-list lengths of the actor statement (a batch holds at most 100 users). */
const ID_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 100];

const actorQueries = new WeakMap<DataSource, (n: number) => string>();

/**
 * One statement reading a batch of users with their memberships, live role
 * grants and approved unit claims (one round trip instead of four): a UNION
 * ALL in which each table fills columns of its own (user columns under their
 * own names, the others prefixed m_, g_, c_) and NULL elsewhere.
 */
function actorQuery(ds: DataSource): (n: number) => string {
  let build = actorQueries.get(ds);
  if (build) return build;
  const userColumns = ds
    .getMetadata(User)
    .columns.filter((c) => !c.isVirtual)
    .map((c) => c.databaseName);
  const membershipColumns = ds
    .getMetadata(Membership)
    .columns.filter((c) => !c.isVirtual)
    .map((c) => c.databaseName);
  const slots = [
    ...userColumns.map((c) => ({ part: 'u', name: c, source: c })),
    ...membershipColumns.map((c) => ({ part: 'm', name: `m_${c}`, source: c })),
    ...PARTS.grant.map((c) => ({ part: 'g', name: `g_${c}`, source: c })),
    ...PARTS.claim.map((c) => ({ part: 'c', name: `c_${c}`, source: c })),
  ];
  const grantSource: Record<string, string> = { estate_community_id: 'e.community_id' };
  const select = (part: string, alias: string, first: boolean) =>
    slots
      .map((slot) => {
        const value =
          slot.part !== part
            ? 'NULL'
            : part === 'g' && grantSource[slot.source]
              ? grantSource[slot.source]
              : `${alias}.${slot.source}`;
        return first ? `${value} AS ${slot.name}` : value;
      })
      .join(', ');
  build = (n: number) => {
    const marks = `?${', ?'.repeat(n - 1)}`;
    return [
      `SELECT 'u' AS part, ${select('u', 'x', true)} FROM app_user x WHERE x.id IN (${marks})`,
      `SELECT 'm', ${select('m', 'x', false)} FROM membership x WHERE x.user_id IN (${marks})`,
      `SELECT 'g', ${select('g', 'x', false)} FROM role_grant x LEFT JOIN estate e ON x.scope_type = 'estate' AND e.id = x.scope_id WHERE x.user_id IN (${marks}) AND x.revoked_at IS NULL`,
      `SELECT 'c', ${select('c', 'x', false)} FROM unit_claim x WHERE x.user_id IN (${marks}) AND x.status = 'approved'`,
    ].join(' UNION ALL ');
  };
  actorQueries.set(ds, build);
  return build;
}

/** The columns of one part of an actor row, without their prefix. */
function unprefixed(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = row[key];
  return out;
}

/**
 * Reads the actors of several users at once, in one statement for every
 * user in the batch. Each load still starts after its caller asked, so what
 * it sees is as fresh as a read of its own.
 */
async function readActors(ds: DataSource, userIds: number[]): Promise<Settled<Actor | undefined>[]> {
  const ids = [...new Set(userIds)];
  // A few statement sizes only (prepared once per connection): the list is padded with its last id.
  const size = ID_BUCKETS.find((n) => n >= ids.length) ?? ids.length;
  const padded = ids.concat(Array<number>(size - ids.length).fill(ids[ids.length - 1]!));
  const rows = (await executePrepared(ds, actorQuery(ds)(size), [
    ...padded,
    ...padded,
    ...padded,
    ...padded,
  ])) as Record<string, unknown>[];
  const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => Number(a.id) - Number(b.id);
  const part = (name: string, prefix: string) =>
    rows
      .filter((r) => r.part === name)
      .map((r) => unprefixed(r, prefix))
      .sort(byId);
  const users = rows.filter((r) => r.part === 'u').map((row) => hydrate(ds, User, row));
  const memberships = part('m', 'm_').map((row) => hydrate(ds, Membership, row));
  const grants = part('g', 'g_') as unknown as GrantRow[];
  const claims = part('c', 'c_') as unknown as ClaimRow[];
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
