import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { VoteChoice } from '../../../shared/src/votes/votes.schema';
import type { Actor } from '../auth/actor';
import { Batcher, type Settled } from '../db/batcher';
import { dialectOf } from '../db/data-source';
import { isDatabaseUnavailable, isUniqueViolation } from '../db/errors';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import { randomCode } from '../http/codes';
import { IdempotencyClaim, IdempotencyRecordExists, sqlTimestamp, takeIdempotencyClaim } from '../http/idempotency';
import { Vote } from './votes.entity';

/**
 * Group commit of ballots (issue 5, "Casting"): ballots for one vote that
 * arrive together are written in one transaction — the vote row's shared lock
 * taken once, the open/closes-at check made once under it, one multi-row
 * INSERT each for ballots, participations and Idempotency-Key records, one
 * commit. Each request is answered only after that commit, with its own
 * outcome: an ineligible voter, a repeat or a reused key fails alone. When the
 * database refuses the batch (a unique key taken by a ballot racing in another
 * process), the ballots are tried again one at a time, so one bad ballot never
 * fails the others. Works on SQLite too (its transactions are serialized anyway).
 */

export interface BallotRequest {
  voteId: number;
  actor: Actor;
  choice: VoteChoice;
  /**
   * The voter the actor casts for, or an AppError saying why not. Runs inside
   * the batch's transaction, under the vote's shared lock.
   */
  voterKey: (em: EntityManager, vote: Vote) => Promise<string>;
}

export interface CastResult {
  receiptCode: string;
  replaced: boolean;
}

interface Pending extends BallotRequest {
  claim: IdempotencyClaim | undefined;
}

/** Answer for a voter's second ballot within one batch: it goes in the next batch, after the first. */
const CAST_AGAIN = Symbol('cast again');

const MAX_BATCH = 100;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const failed = (error: unknown): Settled<CastResult> => ({ ok: false, error });

const batchers = new WeakMap<DataSource, Map<number, Batcher<Pending, CastResult>>>();

function batcherFor(ds: DataSource, voteId: number): Batcher<Pending, CastResult> {
  let byVote = batchers.get(ds);
  if (!byVote) {
    byVote = new Map();
    batchers.set(ds, byVote);
  }
  let batcher = byVote.get(voteId);
  if (!batcher) {
    const votes = byVote;
    batcher = new Batcher<Pending, CastResult>((items) => castBatch(ds, voteId, items), {
      maxBatch: MAX_BATCH,
      maxInFlight: 1,
      onIdle: () => votes.delete(voteId),
    });
    byVote.set(voteId, batcher);
  }
  return batcher;
}

/** Ballots for the vote submitted in this process and not yet answered (tests wait on it). */
export function pendingBallots(ds: DataSource, voteId: number): number {
  return batchers.get(ds)?.get(voteId)?.pending ?? 0;
}

/**
 * Casts one ballot together with whatever other ballots for the same vote are
 * waiting; resolves after the batch committed. The request's Idempotency-Key
 * record (if any) is written in the same transaction.
 */
export async function castInBatch(ds: DataSource, request: BallotRequest): Promise<CastResult> {
  const pending: Pending = { ...request, claim: takeIdempotencyClaim(request.actor) };
  for (;;) {
    try {
      const result = await batcherFor(ds, request.voteId).submit(pending);
      pending.claim?.committed(result);
      return result;
    } catch (error) {
      if (error !== CAST_AGAIN) throw error;
    }
  }
}

/** One transaction for the batch; if the database refuses it, each ballot on its own. */
async function castBatch(ds: DataSource, voteId: number, items: Pending[]): Promise<Settled<CastResult>[]> {
  try {
    return await runInTransaction(ds, (em) => castTogether(em, ds, voteId, items));
  } catch (error) {
    if (items.length === 1 || isDatabaseUnavailable(error)) throw error;
    const outcomes: Settled<CastResult>[] = [];
    for (const item of items) {
      outcomes.push(
        await runInTransaction(ds, (em) => castTogether(em, ds, voteId, [item])).then(
          (single) => single[0]!,
          (singleError: unknown) => failed(singleError),
        ),
      );
    }
    return outcomes;
  }
}

/**
 * Writes the batch's acceptable ballots and answers each item. A single
 * item's unique-key failure becomes its own answer (a concurrent duplicate key
 * or voter); in a larger batch it is thrown, and castBatch goes one by one.
 */
async function castTogether(
  em: EntityManager,
  ds: DataSource,
  voteId: number,
  items: Pending[],
): Promise<Settled<CastResult>[]> {
  const vote = await em.findOne(Vote, {
    where: { id: voteId },
    ...(dialectOf(ds) === 'mysql' ? { lock: { mode: 'pessimistic_read' as const } } : {}),
  });
  const outcomes: (Settled<CastResult> | undefined)[] = items.map(() => undefined);
  // A key already used answers from its record (a replay even after the vote closed), before anything else.
  const claims = items.map((item) => item.claim).filter((c): c is IdempotencyClaim => c !== undefined);
  const recorded = await IdempotencyClaim.findAll(em, claims);
  const claimKeys = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (!item.claim) continue;
    const record = recorded.get(item.claim);
    const claimKey = `${item.claim.userId}\u0000${item.claim.key}`;
    if (record) outcomes[i] = failed(new IdempotencyRecordExists(record));
    else if (claimKeys.has(claimKey)) {
      outcomes[i] = failed(new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } }));
    }
    claimKeys.add(claimKey);
  }
  const refuseAll = (error: AppError) => outcomes.map((o) => o ?? failed(error));
  if (!vote) return refuseAll(new AppError('NOT_FOUND', { message: '没有这项表决' }));
  if (vote.status !== 'open' || vote.closesAt.getTime() <= Date.now()) {
    return refuseAll(new AppError('ILLEGAL_TRANSITION', { message: '表决已经结束，不能再投票' }));
  }

  // Eligibility of each ballot (the vote's own rules), read concurrently on the transaction's connection.
  const voterKeys: (string | undefined)[] = await Promise.all(
    items.map((item, i) =>
      outcomes[i]
        ? undefined
        : item.voterKey(em, vote).catch((error: unknown) => {
            outcomes[i] = failed(error);
            return undefined;
          }),
    ),
  );
  const voters = new Set<string>();
  for (const [i, voterKey] of voterKeys.entries()) {
    if (outcomes[i] || voterKey === undefined) continue;
    // The same voter twice at once: the second goes in the next batch, after the first is counted.
    if (voters.has(voterKey)) outcomes[i] = failed(CAST_AGAIN);
    voters.add(voterKey);
  }

  const live = items.map((_, i) => i).filter((i) => outcomes[i] === undefined);
  if (live.length === 0) return outcomes as Settled<CastResult>[];
  const existing = new Map<string, number>();
  for (const row of (await em.query(
    `SELECT id, voter_key FROM vote_participation WHERE vote_id = ? AND voter_key IN (${marks(live.length)})`,
    [voteId, ...live.map((i) => voterKeys[i]!)],
  )) as { id: number; voter_key: string }[]) {
    existing.set(row.voter_key, Number(row.id));
  }
  const writes: { index: number; voterKey: string; receiptCode: string; receiptHash: string; supersedes?: number }[] =
    [];
  for (const i of live) {
    const voterKey = voterKeys[i]!;
    const earlier = existing.get(voterKey);
    if (earlier !== undefined && !vote.allowChange) {
      outcomes[i] = failed(new AppError('CONFLICT', { message: '您已经投过票了，本次表决不能改票' }));
      continue;
    }
    const receiptCode = randomCode(16, 4);
    writes.push({ index: i, voterKey, receiptCode, receiptHash: sha256(receiptCode), supersedes: earlier });
  }
  if (writes.length === 0) return outcomes as Settled<CastResult>[];

  const single = items.length === 1;
  const answer = (w: (typeof writes)[number]): CastResult => ({
    receiptCode: w.receiptCode,
    replaced: w.supersedes !== undefined,
  });
  const now = sqlTimestamp(new Date());
  try {
    await IdempotencyClaim.insertAll(
      em,
      writes.filter((w) => items[w.index]!.claim).map((w) => ({ claim: items[w.index]!.claim!, answer: answer(w) })),
    );
  } catch (error) {
    if (single && isUniqueViolation(error)) {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' }, cause: error });
    }
    throw error;
  }
  await em.query(
    `INSERT INTO ballot (vote_id, voter_key, cast_by_user_id, choice, receipt_hash, created_at)
     VALUES ${writes.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    writes.flatMap((w) => [
      voteId,
      w.voterKey,
      items[w.index]!.actor.userId,
      items[w.index]!.choice,
      w.receiptHash,
      now,
    ]),
  );
  const ballotIds = new Map<string, number>();
  for (const row of (await em.query(
    `SELECT id, receipt_hash FROM ballot WHERE vote_id = ? AND receipt_hash IN (${marks(writes.length)})`,
    [voteId, ...writes.map((w) => w.receiptHash)],
  )) as { id: number; receipt_hash: string }[]) {
    ballotIds.set(row.receipt_hash, Number(row.id));
  }
  const fresh = writes.filter((w) => w.supersedes === undefined);
  if (fresh.length > 0) {
    try {
      await em.query(
        `INSERT INTO vote_participation (vote_id, voter_key, ballot_id, updated_at) VALUES ${fresh.map(() => '(?, ?, ?, ?)').join(', ')}`,
        fresh.flatMap((w) => [voteId, w.voterKey, ballotIds.get(w.receiptHash)!, now]),
      );
    } catch (error) {
      if (single && isUniqueViolation(error)) {
        const message = vote.allowChange ? '您的另一张选票正在提交，请稍后再试' : '您已经投过票了，本次表决不能改票';
        throw new AppError('CONFLICT', { message, cause: error });
      }
      throw error;
    }
  }
  // A superseding ballot moves the participation; ballots themselves are never updated.
  for (const w of writes.filter((x) => x.supersedes !== undefined)) {
    await em.query('UPDATE vote_participation SET ballot_id = ?, updated_at = ? WHERE id = ?', [
      ballotIds.get(w.receiptHash)!,
      now,
      w.supersedes!,
    ]);
  }
  for (const w of writes) outcomes[w.index] = { ok: true, value: answer(w) };
  return outcomes as Settled<CastResult>[];
}
