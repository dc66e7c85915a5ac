import type { Readable } from 'node:stream';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { maskName } from '../../../shared/src/communities/roster';
import type { AuthorizeProxyBody, ProxyView, VoteView } from '../../../shared/src/votes/votes.schema';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import { Membership } from '../members/members.entity';
import type { FileStorage } from '../storage/storage';
import { Upload } from '../uploads/uploads.entity';
import { assertCheckedIn } from './votes.council';
import { Vote, VoteParticipation, VoteProxy } from './votes.entity';
import { voterKeyFor } from './votes.service';

/**
 * Proxies (DESIGN.md §4.1, issue 5 item 7): an eligible voter authorizes a
 * verified member of the same community to cast their ballot in one vote,
 * with a photo of the signed authorization. The proxy's ballot counts under
 * the voter's key (one counted ballot per voter, as always). One active proxy
 * per voter and vote; revocable until the proxy has cast. Moderators see the
 * authorization photo; the public never does.
 */

const fullName = (user: Pick<User, 'realName' | 'nickname'> | undefined) =>
  user ? (user.realName ?? user.nickname) : '居民';

async function loadOpenVote(em: EntityManager, voteId: number): Promise<Vote> {
  const vote = await em.findOne(Vote, { where: { id: voteId } });
  if (!vote) throw new AppError('NOT_FOUND', { message: '没有这项表决' });
  if (vote.status !== 'open' || vote.closesAt.getTime() <= Date.now()) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '表决已经结束，不能再委托或撤销代理人' });
  }
  return vote;
}

/** Whether the proxy has cast the voter's ballot (a ballot for the voter's key cast by the proxy). */
async function proxyHasCast(em: EntityManager | DataSource, proxy: VoteProxy): Promise<boolean> {
  const rows = (await em.query(
    'SELECT 1 AS cast FROM ballot WHERE vote_id = ? AND voter_key = ? AND cast_by_user_id = ? LIMIT 1',
    [proxy.voteId, proxy.voterKey, proxy.proxyUserId],
  )) as unknown[];
  return rows.length > 0;
}

/**
 * The proxy named by the voter: a verified (approved claim), active, not
 * suspended member of the vote's community, found by unit and name.
 * Errors: VALIDATION_FAILED (no such member, or the voter themselves).
 */
async function findProxyUser(em: EntityManager, actor: Actor, vote: Vote, body: AuthorizeProxyBody): Promise<number> {
  const rows = (await em.query(
    `SELECT uc.user_id FROM unit_claim uc
       JOIN membership m ON m.user_id = uc.user_id AND m.community_id = uc.community_id AND m.status = 'active'
       JOIN app_user u ON u.id = uc.user_id AND u.status = 'active'
      WHERE uc.unit_id = ? AND uc.community_id = ? AND uc.status = 'approved' AND uc.claimed_name = ?
      ORDER BY uc.id LIMIT 1`,
    [body.proxyUnitId, vote.communityId, body.proxyName],
  )) as { user_id: number }[];
  const userId = rows[0] ? Number(rows[0].user_id) : undefined;
  if (userId === undefined) {
    throw fieldError('proxyName', '没有找到这位认证居民，请核对代理人的房号和姓名（须是本社区已认证的居民）');
  }
  if (userId === actor.userId) throw fieldError('proxyName', '不能委托自己作为代理人');
  return userId;
}

/**
 * An eligible voter authorizes a proxy for one vote, with the photo of the
 * signed form (their own upload, purpose proxy_authorization). Audited.
 * Errors: NOT_FOUND, ILLEGAL_TRANSITION (closed), FORBIDDEN/NOT_VERIFIED/
 * MEMBER_SUSPENDED (not eligible), VALIDATION_FAILED (photo, proxy), CONFLICT
 * (already voted, or a proxy already authorized).
 */
export async function authorizeProxy(
  ds: DataSource,
  actor: Actor,
  voteId: number,
  body: AuthorizeProxyBody,
): Promise<ProxyView> {
  return runInTransaction(ds, async (em) => {
    const vote = await loadOpenVote(em, voteId);
    const voterKey = await voterKeyFor(em, actor, vote, body.unitId, { presence: false });
    if (await em.exists(VoteParticipation, { where: { voteId, voterKey } })) {
      throw new AppError('CONFLICT', { message: '这一票已经投过了，不需要再委托代理人' });
    }
    const upload = await em.findOne(Upload, { where: { id: body.uploadId } });
    if (!upload || upload.ownerUserId !== actor.userId || upload.purpose !== 'proxy_authorization') {
      throw fieldError('uploadId', '请先拍照上传签字的授权委托书');
    }
    const proxyUserId = await findProxyUser(em, actor, vote, body);
    const openKey = `${voteId}:${voterKey}`;
    if (await em.exists(VoteProxy, { where: { openKey } })) {
      throw new AppError('CONFLICT', { message: '这一票已经委托了代理人，如需更换请先撤销原来的委托' });
    }
    const proxy = await em.save(
      em.create(VoteProxy, {
        voteId,
        voterKey,
        grantorUserId: actor.userId,
        proxyUserId,
        uploadId: upload.id,
        status: 'active',
        revokedAt: null,
        openKey,
      }),
    );
    await audit(em, {
      communityId: vote.communityId,
      actor,
      actorRole: 'resident',
      action: 'vote.proxy_authorize',
      objectType: 'vote',
      objectId: vote.id,
      summary: `表决 #${vote.id} 委托代理人投票`,
      data: { proxyId: proxy.id, proxyUserId },
    });
    const users = await em.find(User, { where: { id: In([actor.userId, proxyUserId]) } });
    return proxyView(proxy, users, false, false);
  });
}

/**
 * The voter revokes their proxy before the proxy has cast. Audited.
 * Errors: NOT_FOUND (not theirs), ILLEGAL_TRANSITION (revoked, used, vote closed).
 */
export async function revokeProxy(ds: DataSource, actor: Actor, proxyId: number): Promise<ProxyView> {
  return runInTransaction(ds, async (em) => {
    const proxy = await em.findOne(VoteProxy, { where: { id: proxyId } });
    if (!proxy || proxy.grantorUserId !== actor.userId) throw new AppError('NOT_FOUND', { message: '没有这项委托' });
    const vote = await loadOpenVote(em, proxy.voteId);
    if (proxy.status !== 'active') throw new AppError('ILLEGAL_TRANSITION', { message: '这项委托已经撤销了' });
    if (await proxyHasCast(em, proxy)) {
      throw new AppError('ILLEGAL_TRANSITION', { message: '代理人已经替您投票，不能再撤销委托' });
    }
    const changed = await em
      .createQueryBuilder()
      .update(VoteProxy)
      .set({ status: 'revoked', revokedAt: new Date(), openKey: null })
      .where("id = :id AND status = 'active'", { id: proxyId })
      .execute();
    if (changed.affected !== 1) throw new AppError('ILLEGAL_TRANSITION', { message: '这项委托刚刚被处理过，请刷新' });
    await audit(em, {
      communityId: vote.communityId,
      actor,
      actorRole: 'resident',
      action: 'vote.proxy_revoke',
      objectType: 'vote',
      objectId: vote.id,
      summary: `表决 #${vote.id} 撤销代理人委托`,
      data: { proxyId },
    });
    const users = await em.find(User, { where: { id: In([proxy.grantorUserId, proxy.proxyUserId]) } });
    return proxyView({ ...proxy, status: 'revoked' }, users, false, false);
  });
}

function proxyView(proxy: VoteProxy, users: User[], used: boolean, forModerator: boolean): ProxyView {
  const name = (id: number) => {
    const full = fullName(users.find((u) => u.id === id));
    return forModerator ? full : maskName(full);
  };
  return {
    id: proxy.id,
    voteId: proxy.voteId,
    voterName: name(proxy.grantorUserId),
    proxyName: name(proxy.proxyUserId),
    status: proxy.status,
    used,
    createdAt: proxy.createdAt.toISOString(),
    photoUrl: forModerator ? `/api/vote-proxies/${proxy.id}/authorization` : null,
  };
}

/** Moderators: every proxy authorization of a vote, with real names and the photo link. Errors: NOT_FOUND, FORBIDDEN. */
export async function listVoteProxies(ds: DataSource, actor: Actor, voteId: number): Promise<ProxyView[]> {
  const vote = await ds.getRepository(Vote).findOne({ where: { id: voteId } });
  if (!vote) throw new AppError('NOT_FOUND', { message: '没有这项表决' });
  if (!actor.isModerator(vote.communityId)) {
    throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者可以查看代理投票授权' });
  }
  const proxies = await ds.getRepository(VoteProxy).find({ where: { voteId }, order: { id: 'ASC' } });
  const ids = [...new Set(proxies.flatMap((p) => [p.grantorUserId, p.proxyUserId]))];
  const users = ids.length ? await ds.getRepository(User).find({ where: { id: In(ids) } }) : [];
  return Promise.all(proxies.map(async (p) => proxyView(p, users, await proxyHasCast(ds, p), true)));
}

/**
 * The authorization photo: for the moderators of the vote's community (and
 * the voter who uploaded it). Errors: NOT_FOUND (also when not allowed).
 */
export async function openProxyAuthorization(
  ds: DataSource,
  storage: FileStorage,
  actor: Actor,
  proxyId: number,
): Promise<{ contentType: string; stream: Readable }> {
  const proxy = await ds.getRepository(VoteProxy).findOne({ where: { id: proxyId } });
  const vote = proxy ? await ds.getRepository(Vote).findOne({ where: { id: proxy.voteId } }) : null;
  if (!proxy || !vote || (!actor.isModerator(vote.communityId) && proxy.grantorUserId !== actor.userId)) {
    throw new AppError('NOT_FOUND');
  }
  const upload = await ds.getRepository(Upload).findOne({ where: { id: proxy.uploadId } });
  const stored = upload ? await storage.get(upload.storageKey) : null;
  if (!upload || !stored) throw new AppError('NOT_FOUND');
  return { contentType: upload.contentType, stream: stored.stream };
}

/**
 * The voter a proxy casts for: the authorization must be for this vote,
 * active, and name the actor; in a meeting the proxy must be checked in.
 * Errors: FORBIDDEN, MEMBER_SUSPENDED.
 */
export async function proxyVoterKey(em: EntityManager, actor: Actor, vote: Vote, proxyId: number): Promise<string> {
  if (actor.isSuspendedIn(vote.communityId)) throw new AppError('MEMBER_SUSPENDED');
  const proxy = await em.findOne(VoteProxy, { where: { id: proxyId } });
  if (!proxy || proxy.voteId !== vote.id || proxy.proxyUserId !== actor.userId || proxy.status !== 'active') {
    throw new AppError('FORBIDDEN', { message: '您没有这位投票人的有效委托，不能代为投票' });
  }
  if (!(await em.exists(Membership, { where: { userId: actor.userId, communityId: vote.communityId } }))) {
    throw new AppError('FORBIDDEN', { message: '代理人须是本社区的成员' });
  }
  await assertCheckedIn(em, vote, actor.userId);
  return proxy.voterKey;
}

/** The viewer's proxy duties and own authorization in a vote, for the vote page. */
export async function viewerProxies(
  ds: DataSource,
  actor: Actor,
  vote: Vote,
): Promise<Pick<VoteView['me'], 'proxyFor' | 'myProxy'>> {
  const [duties, mine] = await Promise.all([
    ds.getRepository(VoteProxy).find({ where: { voteId: vote.id, proxyUserId: actor.userId, status: 'active' } }),
    ds
      .getRepository(VoteProxy)
      .findOne({ where: { voteId: vote.id, grantorUserId: actor.userId }, order: { status: 'ASC', id: 'DESC' } }),
  ]);
  const ids = [...new Set([...duties.map((p) => p.grantorUserId), ...(mine ? [mine.proxyUserId] : [])])];
  const users = ids.length ? await ds.getRepository(User).find({ where: { id: In(ids) } }) : [];
  const voted = async (key: string) =>
    ds.getRepository(VoteParticipation).exists({ where: { voteId: vote.id, voterKey: key } });
  return {
    proxyFor: await Promise.all(
      duties.map(async (p) => ({
        proxyId: p.id,
        voterName: maskName(fullName(users.find((u) => u.id === p.grantorUserId))),
        voted: await voted(p.voterKey),
      })),
    ),
    myProxy: mine
      ? {
          id: mine.id,
          proxyName: maskName(fullName(users.find((u) => u.id === mine.proxyUserId))),
          status: mine.status,
          used: await proxyHasCast(ds, mine),
        }
      : null,
  };
}
