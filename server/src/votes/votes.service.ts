import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { formatAreaCentiM2 } from '../../../shared/src/communities/roster';
import { entryHashText, ZERO_HASH } from '../../../shared/src/votes/ballot-log';
import {
  type GeneralTallyInput,
  type OwnersTallyInput,
  tallyGeneral,
  tallyOwners,
} from '../../../shared/src/votes/tally';
import type { CastBallotBody, CreateVoteBody, VoteChoice, VoteView } from '../../../shared/src/votes/votes.schema';
import { audit } from '../audit/audit';
import { type Actor, type ActorCondition, Principal } from '../auth/actor';
import { Community, Estate } from '../communities/communities.entity';
import { dialectOf } from '../db/data-source';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import { assertModerator } from '../members/members.policy';
import type { FileStorage } from '../storage/storage';
import { castInBatch } from './ballot-batch';
import { assertCheckedIn, councilElectorate, resolveVotePlace } from './votes.council';
import { frozenElectorate } from './votes.electorate';
import { Vote, VoteElector, VoteParticipation } from './votes.entity';
import { ballotChoiceFor, choiceRecordHeader, optionLabels, saveOptions, tallyChoiceVote } from './votes.methods';
import { proxyVoterKey, viewerProxies } from './votes.proxy';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface ElectorRow {
  voterKey: string;
  unitId: number | null;
  areaCentiM2: number | null;
}

/**
 * The electorate at the moment a vote opens (DESIGN.md §4.1, §4.3):
 * residents — every verified, not suspended resident of the scope;
 * households — every unit of the scope with a verified member;
 * owners — every unit of the estate with its area, keyed by the owner it
 * counts for: all developer-held units one owner, one buyer's units (same
 * 业主编号, else same name and phone on the roster) one owner.
 */
async function snapshotElectorate(
  em: EntityManager,
  body: CreateVoteBody,
  councilId: number | null,
): Promise<ElectorRow[]> {
  if (body.electorate === 'council') return councilId === null ? [] : councilElectorate(em, councilId);
  const scope = body.estateId ? 'uc.estate_id = ?' : 'uc.community_id = ?';
  const scopeId = body.estateId ?? body.communityId;
  if (body.electorate === 'residents') {
    const rows = (await em.query(
      `SELECT DISTINCT uc.user_id FROM unit_claim uc
         JOIN membership m ON m.user_id = uc.user_id AND m.community_id = uc.community_id AND m.status = 'active'
         JOIN app_user u ON u.id = uc.user_id AND u.status = 'active'
        WHERE uc.status = 'approved' AND ${scope}`,
      [scopeId],
    )) as { user_id: number }[];
    return rows.map((r) => ({ voterKey: `u:${r.user_id}`, unitId: null, areaCentiM2: null }));
  }
  if (body.electorate === 'households') {
    const rows = (await em.query(
      `SELECT DISTINCT uc.unit_id FROM unit_claim uc WHERE uc.status = 'approved' AND ${scope}`,
      [scopeId],
    )) as { unit_id: number }[];
    return rows.map((r) => ({ voterKey: `h:${r.unit_id}`, unitId: Number(r.unit_id), areaCentiM2: null }));
  }
  const namePhone =
    dialectOf(em.connection) === 'mysql'
      ? "CONCAT(o.name, '|', COALESCE(o.phone, ''))"
      : "o.name || '|' || COALESCE(o.phone, '')";
  const units = (await em.query(
    `SELECT u.id, u.area_centi_m2, u.developer_held,
            (SELECT o.owner_ref FROM roster_owner o WHERE o.unit_id = u.id AND o.owner_ref IS NOT NULL ORDER BY o.id LIMIT 1) AS owner_ref,
            (SELECT ${namePhone} FROM roster_owner o WHERE o.unit_id = u.id ORDER BY o.id LIMIT 1) AS name_phone
       FROM unit u WHERE u.estate_id = ? ORDER BY u.id`,
    [body.estateId],
  )) as {
    id: number;
    area_centi_m2: number;
    developer_held: number | boolean;
    owner_ref: string | null;
    name_phone: string | null;
  }[];
  return units.map((u) => ({
    voterKey: Number(u.developer_held)
      ? 'o:developer'
      : u.owner_ref
        ? `o:ref:${u.owner_ref}`
        : u.name_phone
          ? `o:np:${sha256(u.name_phone).slice(0, 32)}`
          : `o:unit:${u.id}`,
    unitId: Number(u.id),
    areaCentiM2: Number(u.area_centi_m2),
  }));
}

/**
 * Opens a vote for the community's electorate (residents, households, owners
 * or a council), standalone or in a meeting in session on one of its agenda
 * items; the electorate and the options are frozen now. Audited.
 * Errors: FORBIDDEN (not a moderator), VALIDATION_FAILED (estate, council,
 * meeting, dates, empty electorate), ILLEGAL_TRANSITION (meeting not in session).
 */
export async function createVote(ds: DataSource, actor: Actor, body: CreateVoteBody): Promise<Vote> {
  assertModerator(actor, body.communityId);
  if (new Date(body.closesAt).getTime() <= Date.now() + 60_000) throw fieldError('closesAt', '截止时间应晚于现在');
  return runInTransaction(ds, async (em) => {
    if (!(await em.findOne(Community, { where: { id: body.communityId } }))) throw new AppError('NOT_FOUND');
    if (body.estateId) {
      const estate = await em.findOne(Estate, { where: { id: body.estateId } });
      if (!estate || estate.communityId !== body.communityId) throw fieldError('estateId', '本社区没有这个小区');
    }
    const place = await resolveVotePlace(em, body);
    const electors = await snapshotElectorate(em, body, place.councilId);
    const entitled = new Set(electors.map((e) => e.voterKey)).size;
    if (entitled === 0) {
      throw fieldError(
        'electorate',
        body.electorate === 'council'
          ? '这个议事会目前没有在任成员，请先任命成员'
          : '没有符合条件的投票人，请先完成居民认证或导入名册',
      );
    }
    const vote = await em.save(
      em.create(Vote, {
        communityId: body.communityId,
        estateId: place.estateId,
        topicId: place.topicId,
        meetingId: place.meetingId,
        agendaItemId: place.agendaItemId,
        councilId: place.councilId,
        method: body.method,
        maxChoices: body.method === 'yes_no' ? null : body.method === 'single' ? 1 : (body.maxChoices ?? 1),
        title: body.title,
        description: body.description,
        electorate: body.electorate,
        matter: body.electorate === 'owners' && body.method === 'yes_no' ? (body.matter ?? 'ordinary') : null,
        majority: body.majority,
        base: body.base,
        quorumNum: body.quorum?.num ?? null,
        quorumDen: body.quorum?.den ?? null,
        secret: body.secret,
        resultsLive: body.resultsLive,
        allowChange: body.allowChange,
        status: 'open',
        closesAt: new Date(body.closesAt),
        closedAt: null,
        createdBy: actor.userId,
        entitledCount: entitled,
        ballotCount: 0,
      }),
    );
    for (let i = 0; i < electors.length; i += 1000) {
      await em.insert(
        VoteElector,
        electors.slice(i, i + 1000).map((e) => ({ ...e, voteId: vote.id })),
      );
    }
    await saveOptions(em, vote.id, body.options ?? []);
    await audit(em, {
      communityId: vote.communityId,
      actor,
      action: 'vote.create',
      objectType: 'vote',
      objectId: vote.id,
      summary: `发起表决 #${vote.id}「${vote.title}」，${entitled} 个投票单位`,
      data: { electorate: vote.electorate, method: vote.method, meetingId: vote.meetingId, councilId: vote.councilId },
    });
    return vote;
  });
}

/**
 * Which voter the actor casts for, or why they may not: another community,
 * not verified, suspended, not an elector of this vote, or (a vote in a
 * meeting, unless `presence` is false) not checked in.
 */
export async function voterKeyFor(
  em: EntityManager,
  actor: Actor,
  vote: Vote,
  unitId: number | undefined,
  { presence = true }: { presence?: boolean } = {},
): Promise<string> {
  if (actor.isSuspendedIn(vote.communityId)) throw new AppError('MEMBER_SUSPENDED');
  const electorate = await frozenElectorate(em.connection, vote);
  if (vote.electorate === 'council') {
    const key = `u:${actor.userId}`;
    if (!electorate.keys.has(key)) {
      throw new AppError('FORBIDDEN', { message: '只有议事会的在任成员可以参加这项表决' });
    }
    if (presence) await assertCheckedIn(em, vote, actor.userId);
    return key;
  }
  const claims = actor.units.filter(
    (u) => u.communityId === vote.communityId && (vote.estateId === null || u.estateId === vote.estateId),
  );
  if (claims.length === 0) throw new AppError('NOT_VERIFIED', { message: '您不在本次表决的投票范围内' });
  let key: string | undefined;
  if (vote.electorate === 'residents') key = `u:${actor.userId}`;
  if (vote.electorate === 'households') {
    const unit = unitId ?? (claims.length === 1 ? claims[0]!.unitId : undefined);
    if (unit === undefined) throw fieldError('unitId', '请选择为哪一户投票');
    if (!claims.some((c) => c.unitId === unit)) throw new AppError('FORBIDDEN', { message: '您不是这一户的认证成员' });
    key = `h:${unit}`;
  }
  if (vote.electorate === 'owners') {
    const owned = claims.filter((c) => c.relation === 'owner').map((c) => c.unitId);
    if (owned.length === 0) throw new AppError('FORBIDDEN', { message: '只有本小区的认证业主可以参加业主共同决定' });
    const unit = unitId ?? owned[0]!;
    if (!owned.includes(unit)) throw new AppError('FORBIDDEN', { message: '您不是这套房屋的认证业主' });
    key = electorate.ownerOfUnit.get(unit);
  }
  if (!key || !electorate.keys.has(key)) {
    throw new AppError('FORBIDDEN', { message: '您不在本次表决的投票范围内' });
  }
  if (presence) await assertCheckedIn(em, vote, actor.userId);
  return key;
}

/**
 * Loads the vote under a row lock (MySQL; SQLite serializes transactions anyway):
 * casting takes a shared lock, so ballots proceed in parallel; closing takes the
 * exclusive lock, so it waits for ballots in flight and no ballot slips in after the count.
 */
export async function lockVote(em: EntityManager, ds: DataSource, id: number, mode: 'cast' | 'close'): Promise<Vote> {
  const vote = await em.findOne(Vote, {
    where: { id },
    ...(dialectOf(ds) === 'mysql'
      ? { lock: { mode: mode === 'cast' ? ('pessimistic_read' as const) : ('pessimistic_write' as const) } }
      : {}),
  });
  if (!vote) throw new AppError('NOT_FOUND', { message: '没有这项表决' });
  return vote;
}

/**
 * Casts a ballot: one counted ballot per voter (the unique participation key
 * decides races); when the vote allows changing one's mind, a new ballot
 * supersedes the earlier one. The receipt code is returned once and only its
 * hash is kept. Ballots arriving together are committed together under the
 * vote row's shared lock (ballot-batch.ts); closing takes its exclusive one.
 * The answer must suit the vote's method; a proxy casts for the voter who authorized them.
 * Errors: NOT_FOUND, ILLEGAL_TRANSITION (closed), NOT_VERIFIED/FORBIDDEN/MEMBER_SUSPENDED (S3),
 * CONFLICT (already voted), VALIDATION_FAILED (answer not valid for the method).
 */
export async function castBallot(
  ds: DataSource,
  who: Actor | Principal,
  voteId: number,
  body: CastBallotBody,
): Promise<{ receiptCode: string; replaced: boolean }> {
  const principal = who instanceof Principal ? who : Principal.of(ds, who);
  return castInBatch(ds, {
    voteId,
    principal,
    choice: (em, vote) => ballotChoiceFor(em, vote, body),
    voterKey: (em, vote, actor) =>
      body.proxyId === undefined
        ? voterKeyFor(em, actor, vote, body.unitId)
        : proxyVoterKey(em, actor, vote, body.proxyId),
    deferred: body.proxyId === undefined ? (vote) => deferredVoter(ds, vote, principal) : undefined,
  });
}

/**
 * A ballot that can be cast before the actor is read: a residents' or
 * council vote outside a meeting, for which the token's user is in the frozen
 * electorate. Its voter key, and what the ballot's transaction must find true
 * — the same facts voterKeyFor and Principal.actor check on the actor: the
 * user active and holding the token's version, not suspended in the
 * community, and (residents) verified for a unit in the vote's community and
 * estate. Undefined when the actor has to be read (any other case, including
 * every refusal, so each refusal is told exactly as voterKeyFor tells it).
 */
async function deferredVoter(ds: DataSource, vote: Vote, principal: Principal) {
  if (vote.meetingId !== null || (vote.electorate !== 'residents' && vote.electorate !== 'council')) return undefined;
  const voterKey = `u:${principal.userId}`;
  if (!(await frozenElectorate(ds, vote)).keys.has(voterKey)) return undefined;
  const condition: ActorCondition = {
    userId: principal.userId,
    tokenVersion: principal.tokenVersion,
    communityId: vote.communityId,
    ...(vote.electorate === 'residents' && { verifiedIn: { estateId: vote.estateId } }),
  };
  return { voterKey, condition };
}

interface Counted {
  voterKey: string;
  /** yes / no / abstain, or a choice vote's selection ("1,3"). */
  choice: string;
  receiptHash: string;
}

async function countedBallots(em: EntityManager | DataSource, voteId: number): Promise<Counted[]> {
  const rows = (await em.query(
    `SELECT b.voter_key, b.choice, b.receipt_hash FROM vote_participation p JOIN ballot b ON b.id = p.ballot_id
      WHERE p.vote_id = ?`,
    [voteId],
  )) as { voter_key: string; choice: string; receipt_hash: string }[];
  return rows.map((r) => ({ voterKey: r.voter_key, choice: r.choice, receiptHash: r.receipt_hash }));
}

/** The vote's tally from its frozen electorate and counted ballots, with each voter's weight. */
async function tallyOf(em: EntityManager | DataSource, vote: Vote) {
  const [electors, ballots] = await Promise.all([
    em.getRepository(VoteElector).find({ where: { voteId: vote.id } }),
    countedBallots(em, vote.id),
  ]);
  const weightOf = () => {
    const area = new Map<string, number>();
    for (const e of electors) area.set(e.voterKey, (area.get(e.voterKey) ?? 0) + (e.areaCentiM2 ?? 0));
    return (k: string) => formatAreaCentiM2(area.get(k) ?? 0);
  };
  if (vote.method !== 'yes_no') {
    const labels = await optionLabels(em, vote);
    return {
      result: tallyChoiceVote({ vote, labels, electors, ballots }),
      ballots,
      weight: vote.electorate === 'owners' ? weightOf() : () => '1',
      header: choiceRecordHeader(vote, labels),
    };
  }
  if (vote.electorate === 'owners') {
    const input: OwnersTallyInput = {
      kind: 'owners',
      matter: vote.matter ?? 'ordinary',
      units: electors.map((e) => ({
        id: String(e.unitId),
        area: formatAreaCentiM2(e.areaCentiM2 ?? 0),
        owner: e.voterKey,
      })),
      ballots: ballots.map((b) => ({ owner: b.voterKey, choice: b.choice as VoteChoice })),
    };
    return {
      result: tallyOwners(input) as unknown as Record<string, unknown>,
      ballots,
      weight: weightOf(),
      header: null,
    };
  }
  const input: GeneralTallyInput = {
    kind: 'general',
    majority: vote.majority,
    base: vote.base,
    entitled: vote.entitledCount,
    ...(vote.quorumNum !== null && vote.quorumDen !== null
      ? { quorum: { num: vote.quorumNum, den: vote.quorumDen } }
      : {}),
    ballots: ballots.map((b) => ({ voter: b.voterKey, choice: b.choice as VoteChoice })),
  };
  return {
    result: tallyGeneral(input) as unknown as Record<string, unknown>,
    ballots,
    weight: () => '1',
    header: null,
  };
}

/**
 * The published record (DESIGN.md §4.5): counted ballots in a hash chain
 * ordered by receipt hash — never by time — with no voter identity (S8).
 */
function buildRecord(
  vote: Vote,
  counted: Counted[],
  weight: (voterKey: string) => string,
  electorate: Record<string, unknown>,
  header: Record<string, unknown> | null,
) {
  const sorted = [...counted].sort((a, b) =>
    a.receiptHash < b.receiptHash ? -1 : a.receiptHash > b.receiptHash ? 1 : 0,
  );
  let prevHash = ZERO_HASH;
  const entries = sorted.map((b, i) => {
    const entry = { seq: i + 1, choice: b.choice, weight: weight(b.voterKey), receiptHash: b.receiptHash, prevHash };
    const entryHash = sha256(entryHashText(entry));
    prevHash = entryHash;
    return { ...entry, entryHash };
  });
  const voteHeader = header
    ? header
    : vote.electorate === 'owners'
      ? { id: String(vote.id), title: vote.title, kind: 'owners', matter: vote.matter }
      : {
          id: String(vote.id),
          title: vote.title,
          kind: 'general',
          majority: vote.majority,
          base: vote.base,
          ...(vote.quorumNum !== null ? { quorum: { num: vote.quorumNum, den: vote.quorumDen } } : {}),
        };
  return { vote: voteHeader, electorate, entries, head: prevHash };
}

/**
 * Closes a vote (or, when it is already closed, answers its final result):
 * under the vote row's lock, so no ballot slips in after the count. Writes
 * the published record to storage; audited. `closedNow` is false when it was
 * closed already. Errors: NOT_FOUND, FORBIDDEN.
 */
export async function closeVote(
  ds: DataSource,
  storage: FileStorage,
  actor: Actor,
  voteId: number,
): Promise<{ result: Record<string, unknown>; vote: Vote; closedNow: boolean }> {
  return runInTransaction(ds, async (em) => {
    const vote = await lockVote(em, ds, voteId, 'close');
    assertModerator(actor, vote.communityId);
    if (vote.status === 'closed') {
      return { result: JSON.parse(vote.resultJson ?? '{}') as Record<string, unknown>, vote, closedNow: false };
    }
    const { result, ballots, weight, header } = await tallyOf(em, vote);
    const electorate =
      vote.electorate !== 'owners'
        ? { entitled: vote.entitledCount }
        : vote.method === 'yes_no'
          ? (result.entitled as Record<string, unknown>)
          : await ownersElectorateTotals(em, vote.id);
    const record = buildRecord(vote, ballots, weight, electorate, header);
    const key = `records/vote-${vote.id}.json`;
    await storage.put(key, Buffer.from(JSON.stringify(record)), 'application/json');
    await em.update(
      Vote,
      { id: vote.id },
      {
        status: 'closed',
        closedAt: new Date(),
        ballotCount: ballots.length,
        resultJson: JSON.stringify(result),
        recordKey: key,
        recordHead: record.head,
      },
    );
    await audit(em, {
      communityId: vote.communityId,
      actor,
      action: 'vote.close',
      objectType: 'vote',
      objectId: vote.id,
      summary: `结束表决 #${vote.id}「${vote.title}」，计入 ${ballots.length} 票${result.passed ? '，通过' : ''}`,
      data: { ballots: ballots.length, head: record.head, passed: result.passed ?? null },
    });
    return { result, vote, closedNow: true };
  });
}

/** The entitled owners (distinct owner keys) and their area, as an owners' record states them. */
async function ownersElectorateTotals(em: EntityManager, voteId: number): Promise<{ owners: number; area: string }> {
  const rows = (await em.query(
    'SELECT COUNT(DISTINCT voter_key) AS owners, SUM(area_centi_m2) AS area FROM vote_elector WHERE vote_id = ?',
    [voteId],
  )) as { owners: number | string; area: number | string | null }[];
  return { owners: Number(rows[0]?.owners ?? 0), area: formatAreaCentiM2(Number(rows[0]?.area ?? 0)) };
}

/** A vote as the viewer sees it; the tally only when results are live or the vote is closed. */
export async function voteView(ds: DataSource, actor: Actor | undefined, voteId: number): Promise<VoteView> {
  const vote = await ds.getRepository(Vote).findOne({ where: { id: voteId } });
  if (!vote) throw new AppError('NOT_FOUND', { message: '没有这项表决' });
  const showResult = vote.status === 'closed' || vote.resultsLive;
  const result =
    vote.status === 'closed'
      ? (JSON.parse(vote.resultJson ?? 'null') as Record<string, unknown>)
      : showResult
        ? (await tallyOf(ds, vote)).result
        : null;
  let eligible = false;
  let reason: string | null = actor ? null : '请先登录';
  let voted = false;
  let units: VoteView['me']['units'] = [];
  if (actor) {
    units = await viewerUnits(ds, actor, vote);
    try {
      const key = await voterKeyFor(ds.manager, actor, vote, (units.find((u) => !u.voted) ?? units[0])?.unitId);
      eligible = true;
      voted =
        units.length > 0
          ? units.every((u) => u.voted)
          : await ds.getRepository(VoteParticipation).exists({ where: { voteId, voterKey: key } });
    } catch (error) {
      reason = error instanceof AppError ? error.message : '暂时无法判断投票资格';
    }
  }
  const labels = await optionLabels(ds, vote);
  const proxies = actor ? await viewerProxies(ds, actor, vote) : { proxyFor: [], myProxy: null };
  const area =
    vote.electorate === 'owners'
      ? (
          (await ds.query('SELECT SUM(area_centi_m2) AS a FROM vote_elector WHERE vote_id = ?', [voteId])) as {
            a: number | string;
          }[]
        )[0]?.a
      : null;
  return {
    id: vote.id,
    communityId: vote.communityId,
    estateId: vote.estateId,
    topicId: vote.topicId,
    title: vote.title,
    description: vote.description,
    electorate: vote.electorate,
    matter: vote.matter,
    majority: vote.majority,
    base: vote.base,
    quorum: vote.quorumNum !== null && vote.quorumDen !== null ? { num: vote.quorumNum, den: vote.quorumDen } : null,
    secret: vote.secret,
    resultsLive: vote.resultsLive,
    allowChange: vote.allowChange,
    status: vote.status,
    closesAt: vote.closesAt.toISOString(),
    closedAt: vote.closedAt?.toISOString() ?? null,
    participation: {
      voters:
        vote.status === 'closed'
          ? vote.ballotCount
          : await ds.getRepository(VoteParticipation).count({ where: { voteId: vote.id } }),
      entitled: vote.entitledCount,
      area: area === null || area === undefined ? null : formatAreaCentiM2(Number(area)),
    },
    result,
    method: vote.method,
    options: labels.map((label, index) => ({ position: index + 1, label })),
    maxChoices: vote.maxChoices,
    councilId: vote.councilId,
    meetingId: vote.meetingId,
    agendaItemId: vote.agendaItemId,
    me: { eligible, reason, voted, units, ...proxies },
  };
}

/**
 * Household and owners' votes: the viewer's units in the vote's scope (the
 * owner's own units for owners' votes), with whether each one's ballot is in.
 */
async function viewerUnits(ds: DataSource, actor: Actor, vote: Vote): Promise<VoteView['me']['units']> {
  if (vote.electorate !== 'households' && vote.electorate !== 'owners') return [];
  const claims = actor.units.filter(
    (u) =>
      u.communityId === vote.communityId &&
      (vote.estateId === null || u.estateId === vote.estateId) &&
      (vote.electorate === 'households' || u.relation === 'owner'),
  );
  if (claims.length === 0) return [];
  const ids = claims.map((c) => c.unitId);
  const rows = (await ds.query(
    `SELECT u.id, u.label, b.name AS building, ve.voter_key,
            (SELECT COUNT(*) FROM vote_participation p WHERE p.vote_id = ve.vote_id AND p.voter_key = ve.voter_key) AS voted
       FROM unit u JOIN building b ON b.id = u.building_id
       JOIN vote_elector ve ON ve.vote_id = ? AND ve.unit_id = u.id
      WHERE u.id IN (${ids.map(() => '?').join(',')}) ORDER BY u.id`,
    [vote.id, ...ids],
  )) as { id: number; label: string; building: string; voter_key: string; voted: number | string }[];
  return rows.map((r) => ({ unitId: Number(r.id), label: `${r.building} ${r.label}`, voted: Number(r.voted) > 0 }));
}

/** The published record of a closed vote (public). Errors: NOT_FOUND, ILLEGAL_TRANSITION (still open). */
export async function voteRecord(
  ds: DataSource,
  storage: FileStorage,
  voteId: number,
): Promise<Record<string, unknown>> {
  const vote = await ds.getRepository(Vote).findOne({ where: { id: voteId } });
  if (!vote) throw new AppError('NOT_FOUND', { message: '没有这项表决' });
  if (vote.status !== 'closed' || !vote.recordKey) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '表决结束后才公布投票记录' });
  }
  const stored = await storage.get(vote.recordKey);
  if (!stored) throw new AppError('NOT_FOUND');
  const chunks: Buffer[] = [];
  for await (const chunk of stored.stream) chunks.push(Buffer.from(chunk as Buffer));
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/** Finds the voter's entry in the published record by their receipt code. */
export function entryForReceipt(record: Record<string, unknown>, receiptCode: string) {
  const hash = sha256(receiptCode.trim().toUpperCase());
  const entries = record.entries as { receiptHash: string }[];
  return entries.find((e) => e.receiptHash === hash) ?? null;
}
