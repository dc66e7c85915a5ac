import type { DataSource } from 'typeorm';
import type { GrantedRole, Role, UnitRelation } from '../../../shared/src/auth/roles';
import { Batcher, type Settled } from '../db/batcher';
import { perDataSource } from '../db/per-data-source';
import { executePrepared, hydrate, type Statement } from '../db/sql';
import { AppError } from '../http/app-error';
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

/** The parts of an actor, each a set of columns of its own in one UNION ALL result. */
const PARTS = {
  grant: ['id', 'user_id', 'role', 'scope_type', 'scope_id', 'organisation', 'estate_community_id'],
  claim: ['id', 'user_id', 'unit_id', 'estate_id', 'community_id', 'relation'],
} as const;

/** The id-list lengths of the actor statement (a batch holds at most 100 users). */
const ID_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 100];

/**
 * One statement reading a batch of users with their memberships, live role
 * grants and approved unit claims (one round trip instead of four): a UNION
 * ALL in which each table fills columns of its own (user columns under their
 * own names, the others prefixed m_, g_, c_) and NULL elsewhere.
 */
const actorQuery = perDataSource((ds): ((n: number) => string) => {
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
  return (n: number) => {
    const marks = `?${', ?'.repeat(n - 1)}`;
    return [
      `SELECT 'u' AS part, ${select('u', 'x', true)} FROM app_user x WHERE x.id IN (${marks})`,
      `SELECT 'm', ${select('m', 'x', false)} FROM membership x WHERE x.user_id IN (${marks})`,
      `SELECT 'g', ${select('g', 'x', false)} FROM role_grant x LEFT JOIN estate e ON x.scope_type = 'estate' AND e.id = x.scope_id WHERE x.user_id IN (${marks}) AND x.revoked_at IS NULL`,
      `SELECT 'c', ${select('c', 'x', false)} FROM unit_claim x WHERE x.user_id IN (${marks}) AND x.status = 'approved'`,
    ].join(' UNION ALL ');
  };
});

/** A user's rows in one actor read. */
interface ActorRows {
  user?: User;
  memberships: Membership[];
  roles: ScopedRole[];
  units: VerifiedUnit[];
}

/** A role grant row (g_ columns) resolved to the community and estate it applies to. */
function scopedRole(row: Record<string, unknown>): ScopedRole {
  const scopeType = row.g_scope_type as string;
  const scopeId = Number(row.g_scope_id);
  const estateCommunity = row.g_estate_community_id;
  return {
    role: row.g_role as GrantedRole,
    organisation: (row.g_organisation as string | null) ?? null,
    subDistrictId: scopeType === 'sub_district' ? scopeId : null,
    communityId:
      scopeType === 'community'
        ? scopeId
        : scopeType === 'estate' && estateCommunity !== null && estateCommunity !== undefined
          ? Number(estateCommunity)
          : null,
    estateId: scopeType === 'estate' ? scopeId : null,
  };
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
  const byUser = new Map<number, ActorRows>(ids.map((id) => [id, { memberships: [], roles: [], units: [] }]));
  // Memberships, grants and claims in id order, whatever order the union returned them in.
  const ordered = (part: string, prefix: string) =>
    rows.filter((r) => r.part === part).sort((a, b) => Number(a[`${prefix}id`]) - Number(b[`${prefix}id`]));
  for (const row of rows) if (row.part === 'u') byUser.get(Number(row.id))!.user = hydrate(ds, User, row);
  for (const row of ordered('m', 'm_')) {
    byUser.get(Number(row.m_user_id))?.memberships.push(hydrate(ds, Membership, row, 'm_'));
  }
  for (const row of ordered('g', 'g_')) byUser.get(Number(row.g_user_id))?.roles.push(scopedRole(row));
  for (const row of ordered('c', 'c_')) {
    byUser.get(Number(row.c_user_id))?.units.push({
      unitId: Number(row.c_unit_id),
      estateId: Number(row.c_estate_id),
      communityId: Number(row.c_community_id),
      relation: row.c_relation as UnitRelation,
    });
  }
  const seen = new Set<number>();
  return userIds.map((userId) => {
    const found = byUser.get(userId)!;
    if (found.user?.status !== 'active') return { ok: true, value: undefined };
    const again = seen.has(userId);
    seen.add(userId);
    if (!again) return { ok: true, value: new Actor(found.user, found.roles, found.memberships, found.units) };
    // A user asked for twice in one batch gets copies, so no two requests share mutable entities.
    const copy = <E extends object>(entity: E): E =>
      Object.assign(Object.create(Object.getPrototypeOf(entity) as object) as E, entity);
    const actor = new Actor(
      copy(found.user),
      found.roles.map((r) => ({ ...r })),
      found.memberships.map(copy),
      found.units.map((u) => ({ ...u })),
    );
    return { ok: true, value: actor };
  });
}

const loaders = perDataSource(
  (ds) => new Batcher<number, Actor | undefined>((ids) => readActors(ds, ids), { maxBatch: 100, maxInFlight: 4 }),
);

/**
 * Loads the actor for a user id; undefined when the user does not exist or was
 * deleted. Read from the database on every call (a suspension or a revoked
 * role counts at once); concurrent calls share their queries (readActors).
 */
export async function loadActor(ds: DataSource, userId: number): Promise<Actor | undefined> {
  return loaders(ds).submit(userId);
}

/**
 * Who a request's token says it comes from (its signature and expiry already
 * checked). The actor behind it — whether the user is still active, still
 * holds the token's version, their roles and units — is read on demand, once.
 * Most operations read it before they run; castBallot lets the ballot batch
 * confirm what it needs inside its own transaction instead (actorGuardStatement)
 * and reads the actor only when that is refused.
 */
export class Principal {
  private loading: Promise<Actor> | undefined;

  constructor(
    private readonly ds: DataSource,
    readonly userId: number,
    readonly tokenVersion: number,
  ) {}

  /** A principal for an actor already read (work the server does on a user's behalf, such as the demo seed). */
  static of(ds: DataSource, actor: Actor): Principal {
    const principal = new Principal(ds, actor.userId, actor.user.tokenVersion);
    principal.loading = Promise.resolve(actor);
    return principal;
  }

  /** The actor, read fresh on first call; TOKEN_INVALID when the user is gone or inactive or the token revoked. */
  actor(): Promise<Actor> {
    this.loading ??= loadActor(this.ds, this.userId).then((actor) => {
      if (!actor || actor.user.tokenVersion !== this.tokenVersion) {
        throw new AppError('TOKEN_INVALID', { details: { reason: 'revoked' } });
      }
      return actor;
    });
    return this.loading;
  }

  /** Whether the actor was asked for (read, being read, or refused). */
  get requested(): boolean {
    return this.loading !== undefined;
  }
}

/**
 * What a transaction must find true of a user for a deferred operation to go
 * ahead without reading the actor first: the same conditions `Principal.actor`
 * and the operation's policy would check on the actor.
 */
export interface ActorCondition {
  userId: number;
  tokenVersion: number;
  /** Not suspended in this community. */
  communityId: number;
  /** An approved unit claim in the community (in this estate when it is not null), or none needed. */
  verifiedIn?: { estateId: number | null };
}

/**
 * MySQL/MariaDB: a statement that fails ("Subquery returns more than 1 row",
 * error 1242) unless every condition holds — each user active, holding the
 * token's version, not suspended in the community and, where asked, verified
 * for a unit there. In a multi-statement trip the error stops the trip before
 * anything after it runs; the caller then reads the actors to say who failed
 * and why. Conditions are grouped by community and claim requirement, one
 * count per group.
 */
export function actorGuardStatement(conditions: ActorCondition[]): Statement {
  const groups = new Map<string, ActorCondition[]>();
  const seen = new Set<string>();
  for (const c of conditions) {
    // The same user twice (same token version) is counted once.
    const unique = `${c.userId}:${c.tokenVersion}:${c.communityId}:${c.verifiedIn?.estateId}:${!!c.verifiedIn}`;
    if (seen.has(unique)) continue;
    seen.add(unique);
    const key = `${c.communityId}:${c.verifiedIn ? (c.verifiedIn.estateId ?? '*') : '-'}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const counts: string[] = [];
  const params: unknown[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const ids = group.map(() => '?').join(', ');
    const pairs = group.map(() => '(?, ?)').join(', ');
    let sql = `? <> (SELECT COUNT(*) FROM app_user u WHERE u.id IN (${ids}) AND (u.id, u.token_version) IN (${pairs})
        AND u.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = u.id AND m.community_id = ? AND m.status = 'suspended')`;
    params.push(group.length, ...group.map((c) => c.userId), ...group.flatMap((c) => [c.userId, c.tokenVersion]));
    params.push(first.communityId);
    if (first.verifiedIn) {
      sql += `
        AND EXISTS (SELECT 1 FROM unit_claim c WHERE c.user_id = u.id AND c.community_id = ? AND c.status = 'approved'${
          first.verifiedIn.estateId === null ? '' : ' AND c.estate_id = ?'
        })`;
      params.push(first.communityId);
      if (first.verifiedIn.estateId !== null) params.push(first.verifiedIn.estateId);
    }
    counts.push(`${sql})`);
  }
  return {
    sql: `SELECT (SELECT 1 UNION ALL SELECT 1 FROM DUAL WHERE ${counts.join(' OR ')}) AS actor_guard`,
    params,
  };
}
