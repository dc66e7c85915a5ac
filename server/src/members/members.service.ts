import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { type ClaimStatus, ROLE_SCOPES, type UnitRelation } from '../../../shared/src/auth/roles';
import { formatAreaCentiM2, phoneLast4 } from '../../../shared/src/communities/roster';
import type {
  ClaimBody,
  ClaimView,
  CommunitySummary,
  Member,
  ModerationClaim,
} from '../../../shared/src/members/members.schema';
import { audit } from '../audit/audit';
import { type Actor, loadActor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Community, Estate, RosterOwner, Unit } from '../communities/communities.entity';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import { notify } from '../notifications/notifications.service';
import { Upload } from '../uploads/uploads.entity';
import { Membership, RoleGrant, UnitClaim } from './members.entity';
import { assertModerator, assertNotSuspended, assertPrivacyAccepted } from './members.policy';

const RELATION_WORDS: Record<UnitRelation, string> = { owner: '业主', family: '家庭成员', tenant: '租户' };

/** Every community with its sub-district and estates (public: names only). */
export async function listCommunities(ds: DataSource): Promise<CommunitySummary[]> {
  const rows = (await ds.query(
    `SELECT c.id, c.name, s.name AS sub_district_name FROM community c JOIN sub_district s ON s.id = c.sub_district_id
      ORDER BY c.id`,
  )) as { id: number; name: string; sub_district_name: string }[];
  const estates = await ds.getRepository(Estate).find({ order: { id: 'ASC' } });
  return rows.map((c) => ({
    id: Number(c.id),
    name: c.name,
    subDistrictName: c.sub_district_name,
    estates: estates
      .filter((e) => e.communityId === Number(c.id))
      .map((e) => ({ id: e.id, name: e.name, kind: e.kind })),
  }));
}

export async function listBuildings(ds: DataSource, estateId: number) {
  const estate = await ds.getRepository(Estate).findOne({ where: { id: estateId } });
  if (!estate) throw new AppError('NOT_FOUND');
  const rows = (await ds.query(
    `SELECT b.id, b.name, COUNT(u.id) AS unit_count FROM building b LEFT JOIN unit u ON u.building_id = b.id
      WHERE b.estate_id = ? GROUP BY b.id, b.name ORDER BY b.id`,
    [estateId],
  )) as { id: number; name: string; unit_count: number | string }[];
  return rows.map((b) => ({ id: Number(b.id), name: b.name, unitCount: Number(b.unit_count) }));
}

export async function listUnits(ds: DataSource, buildingId: number) {
  const units = await ds.getRepository(Unit).find({ where: { buildingId }, order: { id: 'ASC' } });
  if (units.length === 0) {
    const exists = await ds.query('SELECT id FROM building WHERE id = ?', [buildingId]);
    if ((exists as unknown[]).length === 0) throw new AppError('NOT_FOUND');
  }
  return units.map((u) => ({ id: u.id, label: u.label }));
}

async function ensureMembership(em: EntityManager, userId: number, communityId: number): Promise<void> {
  const existing = await em.findOne(Membership, { where: { userId, communityId } });
  if (!existing) await em.insert(Membership, { userId, communityId, status: 'active' });
}

/**
 * Joins a community (to follow and take part before verifying a unit).
 * Errors: NOT_FOUND, PRIVACY_CONSENT_REQUIRED, MEMBER_SUSPENDED.
 */
export async function joinCommunity(ds: DataSource, actor: Actor, communityId: number): Promise<void> {
  assertPrivacyAccepted(actor);
  assertNotSuspended(actor, communityId);
  await runInTransaction(ds, async (em) => {
    if (!(await em.findOne(Community, { where: { id: communityId } }))) throw new AppError('NOT_FOUND');
    await ensureMembership(em, actor.userId, communityId);
  });
}

/**
 * A resident claims a unit as owner, family member or tenant. An owner claim
 * whose name and phone's last four digits match an owner on the roster is
 * approved at once; every other claim waits for a moderator, and an owner
 * claim without a roster match needs a certificate/contract photo.
 * Errors: NOT_FOUND (unit), PRIVACY_CONSENT_REQUIRED, MEMBER_SUSPENDED,
 * VALIDATION_FAILED (evidence missing or not the user's), CONFLICT (open claim exists).
 */
export async function claimUnit(ds: DataSource, actor: Actor, body: ClaimBody): Promise<ClaimView> {
  assertPrivacyAccepted(actor);
  return runInTransaction(ds, async (em) => {
    const unit = await em.findOne(Unit, { where: { id: body.unitId } });
    if (!unit) throw new AppError('NOT_FOUND', { message: '没有找到这套房屋' });
    assertNotSuspended(actor, unit.communityId);
    if (body.evidenceUploadId !== undefined) {
      const upload = await em.findOne(Upload, { where: { id: body.evidenceUploadId } });
      if (!upload || upload.ownerUserId !== actor.userId || upload.purpose !== 'claim_evidence') {
        throw new AppError('VALIDATION_FAILED', {
          message: '证明材料照片无效，请重新上传',
          details: { fields: [{ path: 'evidenceUploadId', message: '照片不存在或不属于您' }] },
        });
      }
    }
    const rosterMatched =
      body.relation === 'owner' && !unit.developerHeld && body.phoneLast4 !== undefined
        ? await matchesRoster(em, unit.id, body.name, body.phoneLast4)
        : false;
    if (body.relation === 'owner' && !rosterMatched && body.evidenceUploadId === undefined) {
      throw new AppError('VALIDATION_FAILED', {
        message: '与花名册信息不一致，请上传房产证或购房合同照片，由社区审核',
        details: {
          fields: [{ path: 'evidenceUploadId', message: '请上传房产证或购房合同照片' }],
          rosterMatched: false,
        },
      });
    }
    const status: ClaimStatus = rosterMatched ? 'approved' : 'pending';
    const openKey = `${actor.userId}:${unit.id}`;
    if (await em.findOne(UnitClaim, { where: { openKey } })) {
      throw new AppError('CONFLICT', { message: '您已经认证或申请过这套房屋' });
    }
    await ensureMembership(em, actor.userId, unit.communityId);
    const claim = await em.save(
      em.create(UnitClaim, {
        userId: actor.userId,
        unitId: unit.id,
        communityId: unit.communityId,
        estateId: unit.estateId,
        relation: body.relation,
        status,
        claimedName: body.name,
        rosterMatched,
        evidenceUploadId: body.evidenceUploadId ?? null,
        openKey,
        decidedAt: rosterMatched ? new Date() : null,
      }),
    );
    // Personal data given for the claim becomes the user's real name on file.
    await em.update(User, { id: actor.userId }, { realName: body.name });
    if (rosterMatched) {
      await notify(em, actor.userId, {
        kind: 'claim_approved',
        title: '房屋认证已通过',
        body: `您的${RELATION_WORDS[claim.relation]}身份已与花名册核对一致，认证通过。`,
        link: '/pages/me/index',
      });
    }
    return viewClaim(claim);
  });
}

async function matchesRoster(em: EntityManager, unitId: number, name: string, last4: string): Promise<boolean> {
  const owners = await em.find(RosterOwner, { where: { unitId } });
  const wanted = name.replace(/\s+/g, '');
  return owners.some((o) => o.name.replace(/\s+/g, '') === wanted && o.phone !== null && phoneLast4(o.phone) === last4);
}

function viewClaim(claim: UnitClaim): ClaimView {
  const message =
    claim.status === 'approved'
      ? '认证已通过'
      : claim.status === 'pending'
        ? '已提交，社区工作者审核后会通知您'
        : claim.status === 'rejected'
          ? `未通过：${claim.rejectReason ?? ''}`
          : '已撤回';
  return {
    id: claim.id,
    unitId: claim.unitId,
    relation: claim.relation,
    status: claim.status,
    rosterMatched: claim.rosterMatched,
    rejectReason: claim.rejectReason,
    message,
  };
}

async function loadClaim(em: EntityManager, id: number): Promise<UnitClaim> {
  const claim = await em.findOne(UnitClaim, { where: { id } });
  if (!claim) throw new AppError('NOT_FOUND');
  return claim;
}

function assertPending(claim: UnitClaim): void {
  if (claim.status !== 'pending') {
    throw new AppError('ILLEGAL_TRANSITION', {
      message: `这条认证申请已${claim.status === 'approved' ? '通过' : claim.status === 'rejected' ? '被驳回' : '撤回'}，不能再处理`,
      details: { status: claim.status },
    });
  }
}

/** The claimant withdraws their own pending claim. Errors: NOT_FOUND, ILLEGAL_TRANSITION. */
export async function withdrawClaim(ds: DataSource, actor: Actor, id: number): Promise<ClaimView> {
  return runInTransaction(ds, async (em) => {
    const claim = await loadClaim(em, id);
    if (claim.userId !== actor.userId) throw new AppError('NOT_FOUND');
    assertPending(claim);
    await em.update(UnitClaim, { id }, { status: 'withdrawn', openKey: null });
    return viewClaim({ ...claim, status: 'withdrawn', openKey: null });
  });
}

/**
 * A moderator approves or rejects a pending claim of their community; the
 * resident is told either way. Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION.
 */
export async function decideClaim(
  ds: DataSource,
  actor: Actor,
  id: number,
  decision: { approve: true } | { approve: false; reason: string },
): Promise<ClaimView> {
  return runInTransaction(ds, async (em) => {
    const claim = await loadClaim(em, id);
    assertModerator(actor, claim.communityId);
    assertPending(claim);
    const unit = await em.findOneOrFail(Unit, { where: { id: claim.unitId } });
    const building = (await em.query('SELECT name FROM building WHERE id = ?', [unit.buildingId])) as {
      name: string;
    }[];
    const estate = await em.findOneOrFail(Estate, { where: { id: unit.estateId } });
    const place = `${estate.name}${building[0]?.name ?? ''}${unit.label}`;
    const decided = {
      decidedBy: actor.userId,
      decidedAt: new Date(),
      status: (decision.approve ? 'approved' : 'rejected') as ClaimStatus,
      rejectReason: decision.approve ? null : decision.reason,
      openKey: decision.approve ? claim.openKey : null,
    };
    const changed = await em
      .createQueryBuilder()
      .update(UnitClaim)
      .set(decided)
      .where("id = :id AND status = 'pending'", { id })
      .execute();
    if (changed.affected !== 1) assertPending({ ...claim, status: 'approved' });
    await audit(em, {
      communityId: claim.communityId,
      actor,
      action: decision.approve ? 'claim.approve' : 'claim.reject',
      objectType: 'claim',
      objectId: claim.id,
      summary: `${decision.approve ? '通过' : '驳回'}房屋认证 #${claim.id}（${place}）`,
      data: decision.approve ? { unitId: claim.unitId } : { unitId: claim.unitId, reason: decision.reason },
    });
    await notify(
      em,
      claim.userId,
      decision.approve
        ? {
            kind: 'claim_approved',
            title: '房屋认证已通过',
            body: `您对${place}的${RELATION_WORDS[claim.relation]}认证已通过，现在可以提出议题、参与附议和表决。`,
            link: '/pages/me/index',
          }
        : {
            kind: 'claim_rejected',
            title: '房屋认证未通过',
            body: `您对${place}的认证未通过。原因：${decision.reason}。如有疑问请联系社区居委会，或补充材料后重新申请。`,
            link: '/pages/me/index',
          },
    );
    return viewClaim({ ...claim, ...decided });
  });
}

interface ModerationRow {
  id: number;
  status: ClaimStatus;
  relation: UnitRelation;
  claimed_name: string;
  user_id: number;
  nickname: string;
  phone: string | null;
  unit_id: number;
  estate_name: string;
  building_name: string;
  label: string;
  area_centi_m2: number;
  developer_held: number | boolean;
  roster_matched: number | boolean;
  evidence_upload_id: number | null;
  reject_reason: string | null;
  created_at: Date | string;
}

/** Claims of a community for its moderators, oldest first, with the roster entries of each unit. Errors: FORBIDDEN. */
export async function listClaimsForModeration(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  status: ClaimStatus,
): Promise<ModerationClaim[]> {
  assertModerator(actor, communityId);
  const rows = (await ds.query(
    `SELECT uc.id, uc.status, uc.relation, uc.claimed_name, uc.user_id, usr.nickname, usr.phone, uc.unit_id,
            e.name AS estate_name, b.name AS building_name, un.label, un.area_centi_m2, un.developer_held,
            uc.roster_matched, uc.evidence_upload_id, uc.reject_reason, uc.created_at
       FROM unit_claim uc JOIN app_user usr ON usr.id = uc.user_id JOIN unit un ON un.id = uc.unit_id
       JOIN building b ON b.id = un.building_id JOIN estate e ON e.id = un.estate_id
      WHERE uc.community_id = ? AND uc.status = ?
      ORDER BY uc.id ASC LIMIT 200`,
    [communityId, status],
  )) as ModerationRow[];
  const unitIds = [...new Set(rows.map((r) => Number(r.unit_id)))];
  const owners =
    unitIds.length === 0
      ? []
      : await ds
          .getRepository(RosterOwner)
          .createQueryBuilder('o')
          .where('o.unit_id IN (:...ids)', { ids: unitIds })
          .getMany();
  return rows.map((r) => ({
    id: Number(r.id),
    status: r.status,
    relation: r.relation,
    claimedName: r.claimed_name,
    userId: Number(r.user_id),
    userNickname: r.nickname,
    userPhone: r.phone,
    unit: {
      id: Number(r.unit_id),
      estateName: r.estate_name,
      buildingName: r.building_name,
      label: r.label,
      areaM2: formatAreaCentiM2(Number(r.area_centi_m2)),
      developerHeld: Boolean(Number(r.developer_held)),
    },
    rosterOwners: owners.filter((o) => o.unitId === Number(r.unit_id)).map((o) => ({ name: o.name, phone: o.phone })),
    rosterMatched: Boolean(Number(r.roster_matched)),
    evidenceUploadId: r.evidence_upload_id === null ? null : Number(r.evidence_upload_id),
    rejectReason: r.reject_reason,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Members of a community with real names and phones, for its moderators only. Errors: FORBIDDEN. */
export async function listMembers(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  query: { status: 'active' | 'suspended' | 'all'; q?: string; after?: number; limit: number },
): Promise<Member[]> {
  assertModerator(actor, communityId);
  const params: unknown[] = [communityId];
  let where = 'm.community_id = ?';
  if (query.status !== 'all') {
    where += ' AND m.status = ?';
    params.push(query.status);
  }
  if (query.q) {
    where += ' AND (u.nickname LIKE ? OR u.real_name LIKE ? OR u.phone LIKE ?)';
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    params.push(like, like, like);
  }
  if (query.after) {
    where += ' AND u.id > ?';
    params.push(query.after);
  }
  const rows = (await ds.query(
    `SELECT u.id, u.nickname, u.real_name, u.phone, m.status, m.suspended_reason, m.created_at
       FROM membership m JOIN app_user u ON u.id = m.user_id
      WHERE ${where} AND u.status = 'active' ORDER BY u.id ASC LIMIT ${Number(query.limit)}`,
    params,
  )) as {
    id: number;
    nickname: string;
    real_name: string | null;
    phone: string | null;
    status: 'active' | 'suspended';
    suspended_reason: string | null;
    created_at: Date | string;
  }[];
  const members: Member[] = [];
  for (const r of rows) {
    const member = await loadActor(ds, Number(r.id));
    const units = (await ds.query(
      `SELECT e.name AS estate, b.name AS building, un.label FROM unit_claim uc JOIN unit un ON un.id = uc.unit_id
         JOIN building b ON b.id = un.building_id JOIN estate e ON e.id = un.estate_id
        WHERE uc.user_id = ? AND uc.status = 'approved' AND uc.community_id = ?`,
      [r.id, communityId],
    )) as { estate: string; building: string; label: string }[];
    const grants = (await ds.query(
      `SELECT g.id, g.role, g.scope_type, g.scope_id, g.organisation, COALESCE(e.name, c.name) AS scope_name
         FROM role_grant g
         LEFT JOIN estate e ON g.scope_type = 'estate' AND e.id = g.scope_id
         LEFT JOIN community c ON g.scope_type = 'community' AND c.id = g.scope_id
        WHERE g.user_id = ? AND g.revoked_at IS NULL
          AND ((g.scope_type = 'community' AND g.scope_id = ?) OR (g.scope_type = 'estate' AND e.community_id = ?))
        ORDER BY g.id`,
      [r.id, communityId, communityId],
    )) as {
      id: number;
      role: RoleGrant['role'];
      scope_type: RoleGrant['scopeType'];
      scope_id: number;
      organisation: string | null;
      scope_name: string;
    }[];
    members.push({
      userId: Number(r.id),
      nickname: r.nickname,
      realName: r.real_name,
      phone: r.phone,
      status: r.status,
      suspendedReason: r.suspended_reason,
      roles: member ? member.rolesIn(communityId) : [],
      grants: grants.map((g) => ({
        id: Number(g.id),
        role: g.role,
        scopeType: g.scope_type,
        scopeId: Number(g.scope_id),
        scopeName: g.scope_name,
        organisation: g.organisation,
      })),
      units: units.map((u) => `${u.estate}${u.building}${u.label}`),
      joinedAt: new Date(r.created_at).toISOString(),
    });
  }
  return members;
}

/**
 * Suspends or restores a member of the community; the member is told.
 * Moderators cannot suspend themselves. Errors: FORBIDDEN, NOT_FOUND.
 */
export async function setMemberSuspended(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  userId: number,
  suspension: { suspend: true; reason: string } | { suspend: false },
): Promise<void> {
  assertModerator(actor, communityId);
  if (userId === actor.userId) throw new AppError('FORBIDDEN', { message: '不能暂停自己的账号' });
  await runInTransaction(ds, async (em) => {
    const membership = await em.findOne(Membership, { where: { userId, communityId } });
    if (!membership) throw new AppError('NOT_FOUND', { message: '该用户不是本社区成员' });
    await em.update(
      Membership,
      { id: membership.id },
      suspension.suspend
        ? { status: 'suspended', suspendedReason: suspension.reason }
        : { status: 'active', suspendedReason: null },
    );
    await audit(em, {
      communityId,
      actor,
      action: suspension.suspend ? 'member.suspend' : 'member.restore',
      objectType: 'member',
      objectId: userId,
      summary: suspension.suspend ? `暂停成员 #${userId}：${suspension.reason}` : `恢复成员 #${userId}`,
      data: suspension.suspend ? { reason: suspension.reason } : undefined,
    });
    await notify(
      em,
      userId,
      suspension.suspend
        ? {
            kind: 'member_suspended',
            title: '账号已暂停使用',
            body: `您在本社区的账号已被暂停使用。原因：${suspension.reason}。如有疑问请联系社区居委会。`,
          }
        : { kind: 'member_restored', title: '账号已恢复', body: '您在本社区的账号已恢复正常使用。' },
    );
  });
}

/**
 * Grants a role in the community (estate-scoped roles need an estate of it).
 * Errors: FORBIDDEN, NOT_FOUND (user not a member / estate not in community), VALIDATION_FAILED.
 */
export async function grantRole(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  body: {
    userId: number;
    role: Exclude<RoleGrant['role'], 'subdistrict_admin'>;
    estateId?: number;
    organisation?: string;
  },
): Promise<RoleGrant> {
  assertModerator(actor, communityId);
  const scopes = ROLE_SCOPES[body.role];
  // An estate when one is given and the role may have one; otherwise the community when the role allows it.
  const scopeType =
    body.estateId !== undefined && scopes.includes('estate')
      ? 'estate'
      : scopes.includes('community')
        ? 'community'
        : scopes[0]!;
  if (scopeType === 'estate' && body.estateId === undefined) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请选择该角色负责的小区',
      details: { fields: [{ path: 'estateId', message: '请选择小区' }] },
    });
  }
  return runInTransaction(ds, async (em) => {
    const membership = await em.findOne(Membership, { where: { userId: body.userId, communityId } });
    if (!membership) throw new AppError('NOT_FOUND', { message: '该用户不是本社区成员' });
    let scopeId = communityId;
    if (scopeType === 'estate') {
      const estate = await em.findOne(Estate, { where: { id: body.estateId!, communityId } });
      if (!estate) throw new AppError('NOT_FOUND', { message: '本社区没有这个小区' });
      scopeId = estate.id;
    }
    const existing = await em.findOne(RoleGrant, {
      where: { userId: body.userId, role: body.role, scopeType, scopeId, revokedAt: IsNull() },
    });
    if (existing) throw new AppError('CONFLICT', { message: '该成员已经有这个角色' });
    const grant = await em.save(
      em.create(RoleGrant, {
        userId: body.userId,
        role: body.role,
        scopeType,
        scopeId,
        organisation: body.organisation ?? null,
        grantedBy: actor.userId,
      }),
    );
    await audit(em, {
      communityId,
      actor,
      action: 'role.grant',
      objectType: 'role_grant',
      objectId: grant.id,
      summary: `授予成员 #${body.userId} 角色 ${body.role}`,
      data: { userId: body.userId, role: body.role, scopeType, scopeId },
    });
    return grant;
  });
}

/** Revokes a role at once (the next request of its holder no longer has it). Errors: NOT_FOUND, FORBIDDEN. */
export async function revokeRole(ds: DataSource, actor: Actor, grantId: number): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const grant = await em.findOne(RoleGrant, { where: { id: grantId } });
    if (!grant || grant.revokedAt) throw new AppError('NOT_FOUND');
    let communityId: number | undefined;
    if (grant.scopeType === 'community') communityId = grant.scopeId;
    if (grant.scopeType === 'estate') {
      communityId = (await em.findOne(Estate, { where: { id: grant.scopeId } }))?.communityId;
    }
    if (communityId === undefined) throw new AppError('FORBIDDEN');
    assertModerator(actor, communityId);
    await em.update(RoleGrant, { id: grantId }, { revokedAt: new Date() });
    await audit(em, {
      communityId,
      actor,
      action: 'role.revoke',
      objectType: 'role_grant',
      objectId: grantId,
      summary: `撤销成员 #${grant.userId} 的角色 ${grant.role}`,
      data: { userId: grant.userId, role: grant.role },
    });
  });
}
