import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { formatAreaCentiM2, maskName } from '../../../shared/src/communities/roster';
import type {
  ElectorView,
  PaperBallotStatus,
  PaperBallotView,
  RecordPaperBallotBody,
} from '../../../shared/src/votes/votes.schema';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import { randomCode } from '../http/codes';
import { voterPresent } from './votes.council';
import { Ballot, PaperBallot, Vote, VoteElector, VoteParticipation } from './votes.entity';
import { ballotChoiceFor, choiceText, optionLabels } from './votes.methods';
import { lockVote } from './votes.service';

/**
 * Paper ballots (DESIGN.md §4.5, issue 5 item 7): a grid worker or moderator
 * records the paper ballot of a named voter of the frozen electorate; it is
 * kept pending, marked paper, with who entered it, and counts only when a
 * second, different grid worker or moderator of the community confirms it —
 * confirming writes the counted ballot through the same participation key
 * as online casting. A pending paper ballot can be rejected with a reason.
 */

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Grid workers and moderators of the community enter and confirm paper ballots. Errors: FORBIDDEN. */
function assertPaperClerk(actor: Actor, communityId: number): 'moderator' | 'grid_worker' {
  if (actor.isModerator(communityId)) return 'moderator';
  if (actor.hasRole('grid_worker', communityId)) return 'grid_worker';
  throw new AppError('FORBIDDEN', { message: '只有本社区的网格员或社区工作者可以录入和确认纸质选票' });
}

async function loadVote(em: EntityManager | DataSource, voteId: number): Promise<Vote> {
  const vote = await em.getRepository(Vote).findOne({ where: { id: voteId } });
  if (!vote) throw new AppError('NOT_FOUND', { message: '没有这项表决' });
  return vote;
}

function assertOpen(vote: Vote): void {
  if (vote.status !== 'open' || vote.closesAt.getTime() <= Date.now()) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '表决已经结束，不能再录入或确认纸质选票' });
  }
}

interface VoterFacts {
  name: string;
  units: string[];
  area: string | null;
}

/**
 * Names and units of voter keys of a vote, for the people who enter paper
 * ballots: persons (u:) by their verified claims, households (h:) by the
 * unit and its members, owners (o:) by their units and the roster's names.
 */
async function voterFacts(
  em: EntityManager | DataSource,
  vote: Vote,
  electors: VoteElector[],
  realNames: boolean,
): Promise<Map<string, VoterFacts>> {
  const facts = new Map<string, VoterFacts>();
  const show = (name: string) => (realNames ? name : maskName(name));
  const unitIds = [...new Set(electors.map((e) => e.unitId).filter((id): id is number => id !== null))];
  const userIds = [
    ...new Set(electors.filter((e) => e.voterKey.startsWith('u:')).map((e) => Number(e.voterKey.slice(2)))),
  ];
  const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
  const unitRows = unitIds.length
    ? ((await em.query(
        `SELECT u.id, u.label, b.name AS building, e.name AS estate FROM unit u
           JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = u.estate_id
          WHERE u.id IN (${placeholders(unitIds.length)})`,
        unitIds,
      )) as { id: number; label: string; building: string; estate: string }[])
    : [];
  const unitLabel = new Map(unitRows.map((u) => [Number(u.id), `${u.estate} ${u.building} ${u.label}`]));
  const unitNames = new Map<number, string[]>();
  if (unitIds.length) {
    const table = vote.electorate === 'owners' ? 'roster_owner' : 'unit_claim';
    const rows = (await em.query(
      `SELECT unit_id, ${table === 'roster_owner' ? 'name' : 'claimed_name'} AS name FROM ${table}
        WHERE unit_id IN (${placeholders(unitIds.length)}) ${table === 'unit_claim' ? "AND status = 'approved'" : ''}
        ORDER BY id`,
      unitIds,
    )) as { unit_id: number; name: string }[];
    for (const r of rows) unitNames.set(Number(r.unit_id), [...(unitNames.get(Number(r.unit_id)) ?? []), r.name]);
  }
  const users = userIds.length ? await em.getRepository(User).find({ where: { id: In(userIds) } }) : [];
  const userUnits = new Map<number, string[]>();
  if (userIds.length) {
    const rows = (await em.query(
      `SELECT uc.user_id, u.label, b.name AS building, e.name AS estate FROM unit_claim uc
         JOIN unit u ON u.id = uc.unit_id JOIN building b ON b.id = u.building_id JOIN estate e ON e.id = u.estate_id
        WHERE uc.status = 'approved' AND uc.community_id = ? AND uc.user_id IN (${placeholders(userIds.length)})`,
      [vote.communityId, ...userIds],
    )) as { user_id: number; label: string; building: string; estate: string }[];
    for (const r of rows) {
      const id = Number(r.user_id);
      userUnits.set(id, [...(userUnits.get(id) ?? []), `${r.estate} ${r.building} ${r.label}`]);
    }
  }
  const areaCenti = new Map<string, number>();
  for (const e of electors) {
    const current = facts.get(e.voterKey);
    if (e.voterKey.startsWith('u:')) {
      const id = Number(e.voterKey.slice(2));
      const user = users.find((u) => u.id === id);
      facts.set(e.voterKey, {
        name: show(user ? (user.realName ?? user.nickname) : '居民'),
        units: userUnits.get(id) ?? [],
        area: null,
      });
      continue;
    }
    const label = e.unitId !== null ? (unitLabel.get(e.unitId) ?? '') : '';
    const names = e.unitId !== null ? (unitNames.get(e.unitId) ?? []) : [];
    const name =
      e.voterKey === 'o:developer' ? '开发建设单位' : names.length ? names.map(show).join('、') : '（未登记姓名）';
    const area = (areaCenti.get(e.voterKey) ?? 0) + (e.areaCentiM2 ?? 0);
    areaCenti.set(e.voterKey, area);
    facts.set(e.voterKey, {
      name: current && current.name !== '（未登记姓名）' ? current.name : name,
      units: [...(current?.units ?? []), label].filter(Boolean),
      area: e.areaCentiM2 === null ? null : formatAreaCentiM2(area),
    });
  }
  return facts;
}

/**
 * Grid workers and moderators search the frozen electorate for the voter of
 * a paper ballot, by name or unit (real names for moderators, masked for grid
 * workers). Errors: NOT_FOUND, FORBIDDEN.
 */
export async function searchElectors(
  ds: DataSource,
  actor: Actor,
  voteId: number,
  query: { q: string; limit: number },
): Promise<ElectorView[]> {
  const vote = await loadVote(ds, voteId);
  const role = assertPaperClerk(actor, vote.communityId);
  const electors = await ds.getRepository(VoteElector).find({ where: { voteId }, order: { id: 'ASC' } });
  const realNames = role === 'moderator';
  // Search against real names, show masked ones to grid workers.
  const searchable = await voterFacts(ds, vote, electors, true);
  const shown = realNames ? searchable : await voterFacts(ds, vote, electors, false);
  const q = query.q.replace(/\s+/g, '');
  const matches = [...searchable.entries()]
    .filter(([, f]) => !q || f.name.includes(q) || f.units.some((u) => u.replace(/\s+/g, '').includes(q)))
    .slice(0, query.limit);
  const keys = matches.map(([key]) => key);
  const [participations, pending] = keys.length
    ? await Promise.all([
        ds.getRepository(VoteParticipation).find({ where: { voteId, voterKey: In(keys) } }),
        ds.getRepository(PaperBallot).find({ where: { voteId, voterKey: In(keys), status: 'pending' } }),
      ])
    : [[], []];
  return matches.map(([key]) => {
    const f = shown.get(key)!;
    return {
      voterKey: key,
      name: f.name,
      units: f.units,
      area: f.area,
      voted: participations.some((p) => p.voterKey === key),
      pendingPaper: pending.some((p) => p.voterKey === key),
    };
  });
}

async function paperViews(
  em: EntityManager | DataSource,
  actor: Actor,
  papers: PaperBallot[],
): Promise<PaperBallotView[]> {
  if (papers.length === 0) return [];
  const votes = await em.getRepository(Vote).find({ where: { id: In([...new Set(papers.map((p) => p.voteId))]) } });
  const staffIds = [...new Set(papers.flatMap((p) => [p.enteredBy, ...(p.decidedBy ? [p.decidedBy] : [])]))];
  const staff = await em.getRepository(User).find({ where: { id: In(staffIds) } });
  const staffName = (id: number | null) => {
    if (id === null) return null;
    const user = staff.find((u) => u.id === id);
    return user ? (user.realName ?? user.nickname) : '工作人员';
  };
  const views: PaperBallotView[] = [];
  for (const vote of votes) {
    const own = papers.filter((p) => p.voteId === vote.id);
    const electors = await em
      .getRepository(VoteElector)
      .find({ where: { voteId: vote.id, voterKey: In([...new Set(own.map((p) => p.voterKey))]) } });
    const facts = await voterFacts(em, vote, electors, actor.isModerator(vote.communityId));
    const labels = await optionLabels(em, vote);
    for (const p of own) {
      views.push({
        id: p.id,
        voteId: vote.id,
        voteTitle: vote.title,
        voterName: facts.get(p.voterKey)?.name ?? '居民',
        voterUnits: facts.get(p.voterKey)?.units ?? [],
        choiceText: choiceText(labels, p.choice),
        note: p.note,
        status: p.status,
        enteredBy: staffName(p.enteredBy) ?? '工作人员',
        enteredByMe: p.enteredBy === actor.userId,
        enteredAt: p.createdAt.toISOString(),
        decidedBy: staffName(p.decidedBy),
        reason: p.reason,
      });
    }
  }
  return views.sort((a, b) => a.id - b.id);
}

/**
 * Records a paper ballot for a voter of the frozen electorate (present at
 * the meeting, for a vote in a meeting); pending until a second person
 * confirms it. The receipt code is answered once (for the voter's slip). Audited.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (closed), VALIDATION_FAILED
 * (voter, answer), CONFLICT (already voted and no change allowed; one pending already).
 */
export async function recordPaperBallot(
  ds: DataSource,
  actor: Actor,
  voteId: number,
  body: RecordPaperBallotBody,
): Promise<{ paperBallot: PaperBallotView; receiptCode: string }> {
  const { paper, receiptCode } = await runInTransaction(ds, async (em) => {
    const vote = await loadVote(em, voteId);
    const role = assertPaperClerk(actor, vote.communityId);
    assertOpen(vote);
    if (!(await em.exists(VoteElector, { where: { voteId, voterKey: body.voterKey } }))) {
      throw fieldError('voterKey', '这位居民不在本次表决的投票范围内，请从名单中选择');
    }
    if (!(await voterPresent(em, vote, body.voterKey))) {
      throw fieldError('voterKey', '这是会上表决，这位投票人还没有在会场签到');
    }
    const choice = await ballotChoiceFor(em, vote, body);
    if (!vote.allowChange && (await em.exists(VoteParticipation, { where: { voteId, voterKey: body.voterKey } }))) {
      throw new AppError('CONFLICT', { message: '这位投票人已经投过票了，本次表决不能改票' });
    }
    const openKey = `${voteId}:${body.voterKey}`;
    if (await em.exists(PaperBallot, { where: { openKey } })) {
      throw new AppError('CONFLICT', { message: '这位投票人已有一张待确认的纸质选票，请先确认或退回' });
    }
    const code = randomCode(16, 4);
    const saved = await em.save(
      em.create(PaperBallot, {
        voteId,
        communityId: vote.communityId,
        voterKey: body.voterKey,
        choice,
        note: body.note,
        receiptHash: sha256(code),
        status: 'pending',
        enteredBy: actor.userId,
        decidedBy: null,
        decidedAt: null,
        reason: null,
        ballotId: null,
        openKey,
      }),
    );
    await audit(em, {
      communityId: vote.communityId,
      actor,
      actorRole: role,
      action: 'vote.paper_enter',
      objectType: 'vote',
      objectId: vote.id,
      summary: `表决 #${vote.id} 录入纸质选票 #${saved.id}，待另一位工作人员确认`,
      data: { paperBallotId: saved.id },
    });
    return { paper: saved, receiptCode: code };
  });
  const [view] = await paperViews(ds, actor, [paper]);
  return { paperBallot: view!, receiptCode };
}

/** Grid workers and moderators: the community's paper ballots in one status, oldest first. Errors: FORBIDDEN. */
export async function listPaperBallots(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  status: PaperBallotStatus,
): Promise<PaperBallotView[]> {
  assertPaperClerk(actor, communityId);
  const papers = await ds
    .getRepository(PaperBallot)
    .find({ where: { communityId, status }, order: { id: status === 'pending' ? 'ASC' : 'DESC' }, take: 200 });
  return paperViews(ds, actor, papers);
}

async function loadPending(em: EntityManager, actor: Actor, id: number) {
  const paper = await em.findOne(PaperBallot, { where: { id } });
  if (!paper) throw new AppError('NOT_FOUND', { message: '没有这张纸质选票' });
  const role = assertPaperClerk(actor, paper.communityId);
  if (paper.status !== 'pending') throw new AppError('ILLEGAL_TRANSITION', { message: '这张纸质选票已经处理过了' });
  return { paper, role };
}

async function decide(em: EntityManager, paper: PaperBallot, set: Partial<PaperBallot>): Promise<void> {
  const changed = await em
    .createQueryBuilder()
    .update(PaperBallot)
    .set({ ...set, openKey: null, decidedAt: new Date() })
    .where("id = :id AND status = 'pending'", { id: paper.id })
    .execute();
  if (changed.affected !== 1) {
    throw new AppError('ILLEGAL_TRANSITION', { message: '这张纸质选票刚刚被其他人处理过，请刷新' });
  }
}

/**
 * A second person confirms a pending paper ballot: the counted ballot is
 * written with the paper's receipt hash through the voter's participation
 * key (superseding an earlier ballot only when the vote allows changing).
 * Under the vote row's shared lock, like casting. Audited.
 * Errors: NOT_FOUND, FORBIDDEN (not staff, or the person who entered it),
 * ILLEGAL_TRANSITION (decided already, vote closed), CONFLICT (voter already counted).
 */
export async function confirmPaperBallot(
  ds: DataSource,
  actor: Actor,
  id: number,
): Promise<{ view: PaperBallotView; vote: Vote }> {
  const { paper, vote } = await runInTransaction(ds, async (em) => {
    const found = await em.findOne(PaperBallot, { where: { id } });
    if (!found) throw new AppError('NOT_FOUND', { message: '没有这张纸质选票' });
    const vote = await lockVote(em, ds, found.voteId, 'cast');
    const { paper, role } = await loadPending(em, actor, id);
    if (paper.enteredBy === actor.userId) {
      throw new AppError('FORBIDDEN', { message: '纸质选票须由录入人以外的另一位工作人员确认' });
    }
    assertOpen(vote);
    const existing = await em.findOne(VoteParticipation, { where: { voteId: vote.id, voterKey: paper.voterKey } });
    if (existing && !vote.allowChange) {
      throw new AppError('CONFLICT', { message: '这位投票人已经投过票了，本次表决不能改票；请退回这张纸质选票' });
    }
    await decide(em, paper, { status: 'confirmed', decidedBy: actor.userId });
    const ballot = await em.save(
      em.create(Ballot, {
        voteId: vote.id,
        voterKey: paper.voterKey,
        castByUserId: paper.enteredBy,
        choice: paper.choice,
        receiptHash: paper.receiptHash,
      }),
    );
    if (existing) await em.update(VoteParticipation, { id: existing.id }, { ballotId: ballot.id });
    else await em.insert(VoteParticipation, { voteId: vote.id, voterKey: paper.voterKey, ballotId: ballot.id });
    await em.update(PaperBallot, { id: paper.id }, { ballotId: ballot.id });
    await audit(em, {
      communityId: vote.communityId,
      actor,
      actorRole: role,
      action: 'vote.paper_confirm',
      objectType: 'vote',
      objectId: vote.id,
      summary: `表决 #${vote.id} 确认纸质选票 #${paper.id}，计入表决`,
      data: { paperBallotId: paper.id, ballotId: ballot.id, enteredBy: paper.enteredBy },
    });
    return { paper: { ...paper, status: 'confirmed' as const, decidedBy: actor.userId }, vote };
  });
  const [view] = await paperViews(ds, actor, [paper]);
  return { view: view!, vote };
}

/** Rejects a pending paper ballot with a reason (it never counts). Audited. Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION. */
export async function rejectPaperBallot(
  ds: DataSource,
  actor: Actor,
  id: number,
  reason: string,
): Promise<PaperBallotView> {
  const paper = await runInTransaction(ds, async (em) => {
    const { paper, role } = await loadPending(em, actor, id);
    await decide(em, paper, { status: 'rejected', decidedBy: actor.userId, reason });
    await audit(em, {
      communityId: paper.communityId,
      actor,
      actorRole: role,
      action: 'vote.paper_reject',
      objectType: 'vote',
      objectId: paper.voteId,
      summary: `表决 #${paper.voteId} 退回纸质选票 #${paper.id}：${reason}`,
      data: { paperBallotId: paper.id },
    });
    return { ...paper, status: 'rejected' as const, decidedBy: actor.userId, reason };
  });
  const [view] = await paperViews(ds, actor, [paper]);
  return view!;
}
