import { createHash } from 'node:crypto';
import { type DataSource, IsNull } from 'typeorm';
import type { LoginResponse, Me, Persona } from '../../../shared/src/auth/auth.schema';
import type { ClaimStatus, Role, UnitRelation } from '../../../shared/src/auth/roles';
import { maskPhone } from '../../../shared/src/communities/roster';
import { DEMO_PERSONAS } from '../db/seed/demo-data';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { Membership, RoleGrant, UnitClaim } from '../members/members.entity';
import { Notification } from '../notifications/notifications.entity';
import type { WechatClient, WechatLogin } from '../wechat/wechat.client';
import { loginErrorFor, WechatError } from '../wechat/wechat.errors';
import { type Actor, loadActor } from './actor';
import { InviteCode, User, WechatSession } from './auth.entity';

/**
 * Demo personas with the roles they hold, for the persona picker.
 * Precondition: demo mode (the route does not exist otherwise).
 */
export async function listPersonas(ds: DataSource): Promise<Persona[]> {
  const users = await ds.getRepository(User).find({ where: { status: 'active' }, order: { id: 'ASC' } });
  const personas: Persona[] = [];
  for (const persona of DEMO_PERSONAS) {
    const user = users.find((u) => u.personaKey === persona.key);
    if (!user) continue;
    const actor = await loadActor(ds, user.id);
    if (!actor) continue;
    const communityId = actor.memberships[0]?.communityId ?? actor.roles.find((r) => r.communityId)?.communityId;
    const roles = new Set<Role>(communityId ? actor.rolesIn(communityId) : []);
    for (const r of actor.roles) roles.add(r.role);
    const community = communityId
      ? ((await ds.query('SELECT name FROM community WHERE id = ?', [communityId])) as { name: string }[])[0]?.name
      : undefined;
    const subDistrict = actor.roles.find((r) => r.subDistrictId)?.subDistrictId;
    const subDistrictName = subDistrict
      ? ((await ds.query('SELECT name FROM sub_district WHERE id = ?', [subDistrict])) as { name: string }[])[0]?.name
      : undefined;
    personas.push({
      key: persona.key,
      name: user.nickname,
      roles: [...roles],
      community: community ?? subDistrictName ?? '',
      description: persona.description,
    });
  }
  return personas;
}

/** Signs in as a demo persona. Errors: NOT_FOUND for an unknown persona. */
export async function loginAsPersona(services: AppServices, key: string): Promise<LoginResponse> {
  const user = await services.dataSource.getRepository(User).findOne({ where: { personaKey: key, status: 'active' } });
  if (!user) throw new AppError('NOT_FOUND', { message: '没有这个演示身份' });
  return issueSession(services, user);
}

/**
 * Signs in with a wx.login code: code2Session at WeChat, then finds or creates
 * the user by openid and keeps the session_key server-side. Errors:
 * WECHAT_CODE_INVALID, WECHAT_RATE_LIMITED, WECHAT_USER_BLOCKED, WECHAT_BUSY,
 * WECHAT_UNAVAILABLE.
 */
export async function loginWithWechat(services: AppServices, code: string): Promise<LoginResponse> {
  const session = await code2Session(services.wechat, code);
  const user = await runInTransaction(services.dataSource, async (em) => {
    let found = await em.findOne(User, { where: { wechatOpenid: session.openid } });
    if (!found) {
      found = await em.save(
        em.create(User, {
          wechatOpenid: session.openid,
          wechatUnionid: session.unionid ?? null,
          nickname: '微信用户',
          status: 'active',
          tokenVersion: 0,
          largeText: false,
        }),
      );
    }
    if (found.status !== 'active') return found;
    await em.upsert(WechatSession, { userId: found.id, sessionKey: session.sessionKey.reveal() }, ['userId']);
    return found;
  });
  if (user.status !== 'active') {
    throw new AppError('FORBIDDEN', { message: '该账号已停用，如有疑问请联系社区居委会' });
  }
  return issueSession(services, user);
}

async function code2Session(wechat: WechatClient, code: string): Promise<WechatLogin> {
  try {
    return await wechat.code2Session(code);
  } catch (error) {
    if (!(error instanceof WechatError)) throw error;
    const mapped = loginErrorFor(error);
    throw new AppError(mapped.code, {
      cause: error,
      headers: mapped.headers,
      ...(error.errcode !== undefined && { details: { errcode: error.errcode } }),
    });
  }
}

async function issueSession(services: AppServices, user: User): Promise<LoginResponse> {
  const { token, expiresAt } = await services.tokens.issue({ userId: user.id, version: user.tokenVersion });
  const actor = await loadActor(services.dataSource, user.id);
  if (!actor) throw new AppError('TOKEN_INVALID');
  return { token, expiresAt: expiresAt.toISOString(), user: await describeMe(services.dataSource, actor) };
}

interface MyUnitRow {
  claim_id: number;
  unit_id: number;
  community_id: number;
  estate_name: string;
  building_name: string;
  label: string;
  relation: UnitRelation;
  status: ClaimStatus;
  reject_reason: string | null;
  created_at: Date | string;
}

/** The signed-in user's own profile, communities, roles and unit claims. */
export async function describeMe(ds: DataSource, actor: Actor): Promise<Me> {
  const [communities, units, unreadCount] = await Promise.all([
    ds.query(
      `SELECT c.id, c.name, c.sub_district_id, s.name AS sub_district_name FROM community c
         JOIN sub_district s ON s.id = c.sub_district_id
        WHERE c.id IN (SELECT community_id FROM membership WHERE user_id = ?)
           OR c.id IN (SELECT e.community_id FROM role_grant g JOIN estate e ON g.scope_type = 'estate' AND e.id = g.scope_id
                        WHERE g.user_id = ? AND g.revoked_at IS NULL)
           OR c.id IN (SELECT scope_id FROM role_grant WHERE user_id = ? AND scope_type = 'community' AND revoked_at IS NULL)
           OR c.sub_district_id IN (SELECT scope_id FROM role_grant
                                     WHERE user_id = ? AND scope_type = 'sub_district' AND revoked_at IS NULL)
        ORDER BY c.id`,
      [actor.userId, actor.userId, actor.userId, actor.userId],
    ) as Promise<{ id: number; name: string; sub_district_id: number; sub_district_name: string }[]>,
    ds.query(
      `SELECT uc.id AS claim_id, uc.unit_id, uc.community_id, e.name AS estate_name, b.name AS building_name, u.label,
              uc.relation, uc.status, uc.reject_reason, uc.created_at
         FROM unit_claim uc JOIN unit u ON u.id = uc.unit_id JOIN building b ON b.id = u.building_id
         JOIN estate e ON e.id = u.estate_id
        WHERE uc.user_id = ? AND uc.status <> 'withdrawn'
        ORDER BY uc.id DESC`,
      [actor.userId],
    ) as Promise<MyUnitRow[]>,
    ds.query('SELECT COUNT(*) AS n FROM notification WHERE user_id = ? AND read_at IS NULL', [actor.userId]) as Promise<
      { n: number | string }[]
    >,
  ]);
  const user = actor.user;
  return {
    id: user.id,
    nickname: user.nickname,
    realName: user.realName,
    phoneMasked: user.phone ? maskPhone(user.phone) : null,
    privacyAccepted: user.privacyAcceptedAt !== null,
    largeText: user.largeText,
    persona: user.personaKey,
    communities: communities.map((c) => ({
      id: Number(c.id),
      name: c.name,
      subDistrictName: c.sub_district_name,
      roles: [
        ...actor.rolesIn(Number(c.id)),
        ...(actor.isSubDistrictAdmin(Number(c.sub_district_id)) ? (['subdistrict_admin'] as const) : []),
      ],
      status: actor.isSuspendedIn(Number(c.id)) ? ('suspended' as const) : ('active' as const),
    })),
    units: units.map((u) => ({
      claimId: Number(u.claim_id),
      unitId: Number(u.unit_id),
      communityId: Number(u.community_id),
      estateName: u.estate_name,
      buildingName: u.building_name,
      label: u.label,
      relation: u.relation,
      status: u.status,
      rejectReason: u.reject_reason,
      createdAt: new Date(u.created_at).toISOString(),
    })),
    unreadNotifications: Number(unreadCount[0]?.n ?? 0),
  };
}

export function hashInviteCode(code: string): string {
  return createHash('sha256').update(code.trim().toUpperCase()).digest('hex');
}

/**
 * Redeems a one-time invitation: grants its role for its scope to the actor
 * (and membership of the community). Errors: INVITE_INVALID when unknown,
 * used or expired.
 */
export async function redeemInvite(ds: DataSource, actor: Actor, code: string): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const invite = await em.findOne(InviteCode, { where: { codeHash: hashInviteCode(code) } });
    if (!invite || invite.redeemedBy !== null || invite.expiresAt.getTime() < Date.now()) {
      throw new AppError('INVITE_INVALID');
    }
    const claimed = await em
      .createQueryBuilder()
      .update(InviteCode)
      .set({ redeemedBy: actor.userId, redeemedAt: new Date() })
      .where('id = :id AND redeemed_by IS NULL', { id: invite.id })
      .execute();
    if (claimed.affected !== 1) throw new AppError('INVITE_INVALID');
    await em.insert(RoleGrant, {
      userId: actor.userId,
      role: invite.role as RoleGrant['role'],
      scopeType: invite.scopeType as RoleGrant['scopeType'],
      scopeId: invite.scopeId,
      grantedBy: null,
    });
    if (invite.scopeType === 'community') {
      const member = await em.findOne(Membership, { where: { userId: actor.userId, communityId: invite.scopeId } });
      if (!member) await em.insert(Membership, { userId: actor.userId, communityId: invite.scopeId, status: 'active' });
    }
  });
}

/** Changes the user's own display settings. */
export async function updateProfile(
  ds: DataSource,
  actor: Actor,
  changes: { nickname?: string; largeText?: boolean },
): Promise<void> {
  const patch: Partial<User> = {};
  if (changes.nickname !== undefined) patch.nickname = changes.nickname;
  if (changes.largeText !== undefined) patch.largeText = changes.largeText;
  if (Object.keys(patch).length > 0) {
    await runInTransaction(ds, (em) => em.update(User, { id: actor.userId }, patch));
  }
}

/** Records acceptance of the privacy agreement (once per version). */
export async function acceptPrivacy(ds: DataSource, actor: Actor, version: string): Promise<void> {
  await runInTransaction(ds, (em) =>
    em.update(User, { id: actor.userId }, { privacyAcceptedAt: new Date(), privacyVersion: version }),
  );
}

/** Every row about the user, for "export my data" (PIPL art. 45). */
export async function exportMyData(ds: DataSource, actor: Actor): Promise<Record<string, unknown>> {
  const u = actor.user;
  const [memberships, roles, claims, notifications] = await Promise.all([
    ds.query(
      `SELECT c.name AS community, m.status, m.created_at FROM membership m JOIN community c ON c.id = m.community_id
        WHERE m.user_id = ?`,
      [u.id],
    ),
    ds.query(
      'SELECT role, scope_type, scope_id, organisation, created_at, revoked_at FROM role_grant WHERE user_id = ?',
      [u.id],
    ),
    ds.query(
      `SELECT e.name AS estate, b.name AS building, un.label AS unit, uc.relation, uc.status, uc.claimed_name,
              uc.reject_reason, uc.created_at, uc.decided_at
         FROM unit_claim uc JOIN unit un ON un.id = uc.unit_id JOIN building b ON b.id = un.building_id
         JOIN estate e ON e.id = un.estate_id WHERE uc.user_id = ?`,
      [u.id],
    ),
    ds.query('SELECT kind, title, body, created_at, read_at FROM notification WHERE user_id = ?', [u.id]),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      id: u.id,
      nickname: u.nickname,
      realName: u.realName,
      phone: u.phone,
      wechatLinked: u.wechatOpenid !== null,
      largeText: u.largeText,
      privacyAcceptedAt: u.privacyAcceptedAt,
      createdAt: u.createdAt,
    },
    memberships,
    roles,
    unitClaims: claims,
    notifications,
  };
}

/**
 * Deletes the account: erases personal fields, the WeChat link and session,
 * withdraws pending claims and revokes every token; public contributions stay
 * attributed to 已注销用户.
 */
export async function deleteAccount(services: AppServices, actor: Actor): Promise<void> {
  await runInTransaction(services.dataSource, async (em) => {
    await em.update(
      User,
      { id: actor.userId },
      {
        status: 'deleted',
        nickname: '已注销用户',
        realName: null,
        phone: null,
        wechatOpenid: null,
        wechatUnionid: null,
        personaKey: null,
        tokenVersion: actor.user.tokenVersion + 1,
      },
    );
    await em.delete(WechatSession, { userId: actor.userId });
    await em
      .createQueryBuilder()
      .update(UnitClaim)
      .set({ status: 'withdrawn', claimedName: '已注销用户' })
      .where('user_id = :id', { id: actor.userId })
      .execute();
    await em.update(RoleGrant, { userId: actor.userId, revokedAt: IsNull() }, { revokedAt: new Date() });
    await em.delete(Notification, { userId: actor.userId });
  });
}
