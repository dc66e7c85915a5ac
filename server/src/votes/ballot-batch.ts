import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { Batcher, type Settled } from '../db/batcher';
import { dialectOf } from '../db/data-source';
import { isDatabaseUnavailable, isUniqueViolation } from '../db/errors';
import { directSql, hydrate, type Sql, sqlTransaction } from '../db/sql';
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
  /** The answer as stored (yes/no/abstain, or an encoded selection), checked against the vote's method. */
  choice: (em: EntityManager, vote: Vote) => Promise<string>;
  /**
   * The voter the actor casts for, or an AppError saying why not. Given the
   * vote as read under its shared lock; reads with the data source's manager
   * (outside the batch's transaction, concurrently with the other ballots').
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

/**
 * Answer for a ballot whose voter is already being written by another batch
 * in flight (or earlier in the same one): it is submitted again once that
 * batch is over, and then sees the first ballot as counted.
 */
class CastAgain {
  constructor(readonly after: Promise<void>) {}
}

const MAX_BATCH = 100;
/** Batches of one vote in flight at once in one process (they share the vote row's shared lock). */
export const BALLOT_BATCHES_IN_FLIGHT = 3;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const failed = (error: unknown): Settled<CastResult> => ({ ok: false, error });

/**
 * One vote's ballots in this process: the batcher, and the voters and
 * Idempotency-Keys that batches in flight are writing (reserved, so two
 * batches of this process never race each other on a unique key).
 */
interface Lane {
  batcher: Batcher<Pending, CastResult>;
  voters: Map<string, Promise<void>>;
  claims: Set<string>;
}

/** What one batch reserved in its lane, released when the batch is over. */
interface Reservation {
  lane: Lane;
  voters: Set<string>;
  claims: Set<string>;
  over: Promise<void>;
}

const lanes = new WeakMap<DataSource, Map<number, Lane>>();

function laneFor(ds: DataSource, voteId: number): Lane {
  let byVote = lanes.get(ds);
  if (!byVote) {
    byVote = new Map();
    lanes.set(ds, byVote);
  }
  let lane = byVote.get(voteId);
  if (!lane) {
    const votes = byVote;
    const created: Lane = {
      batcher: new Batcher<Pending, CastResult>((items) => castBatch(ds, voteId, created, items), {
        maxBatch: MAX_BATCH,
        maxInFlight: BALLOT_BATCHES_IN_FLIGHT,
        onIdle: () => votes.delete(voteId),
      }),
      voters: new Map(),
      claims: new Set(),
    };
    lane = created;
    byVote.set(voteId, lane);
  }
  return lane;
}

/** Ballots for the vote submitted in this process and not yet answered (tests wait on it). */
export function pendingBallots(ds: DataSource, voteId: number): number {
  return lanes.get(ds)?.get(voteId)?.batcher.pending ?? 0;
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
      const result = await laneFor(ds, request.voteId).batcher.submit(pending);
      pending.claim?.committed(result);
      return result;
    } catch (error) {
      if (!(error instanceof CastAgain)) throw error;
      await error.after;
    }
  }
}

/** One transaction for the batch; if the database refuses it, each ballot on its own. */
async function castBatch(ds: DataSource, voteId: number, lane: Lane, items: Pending[]): Promise<Settled<CastResult>[]> {
  let over!: () => void;
  const reservation: Reservation = {
    lane,
    voters: new Set(),
    claims: new Set(),
    over: new Promise<void>((resolve) => {
      over = resolve;
    }),
  };
  try {
    return await sqlTransaction(ds, (sql) => castTogether(sql, ds, voteId, reservation, items));
  } catch (error) {
    if (items.length === 1 || isDatabaseUnavailable(error)) throw error;
    const outcomes: Settled<CastResult>[] = [];
    for (const item of items) {
      outcomes.push(
        await sqlTransaction(ds, (sql) => castTogether(sql, ds, voteId, reservation, [item])).then(
          (single) => single[0]!,
          (singleError: unknown) => failed(singleError),
        ),
      );
    }
    return outcomes;
  } finally {
    for (const voter of reservation.voters) lane.voters.delete(voter);
    for (const claim of reservation.claims) lane.claims.delete(claim);
    over();
  }
}

/**
 * Writes the batch's acceptable ballots and answers each item. A single
 * item's unique-key failure becomes its own answer (a concurrent duplicate key
 * or voter); in a larger batch it is thrown, and castBatch goes one by one.
 */
async function castTogether(
  sql: Sql,
  ds: DataSource,
  voteId: number,
  reservation: Reservation,
  items: Pending[],
): Promise<Settled<CastResult>[]> {
  const { lane } = reservation;
  // The vote under its shared lock (in the transaction) while the keys are looked up (outside it: a plain read).
  const claims = items.map((item) => item.claim).filter((c): c is IdempotencyClaim => c !== undefined);
  const mysql = dialectOf(ds) === 'mysql';
  const [locked, recorded] = await Promise.all([
    sql.query(
      mysql
        ? // How far apart the ids of one multi-row INSERT are (1 unless the server is set otherwise).
          'SELECT v.*, @@auto_increment_increment AS id_step FROM vote v WHERE v.id = ? LOCK IN SHARE MODE'
        : 'SELECT v.* FROM vote v WHERE v.id = ?',
      [voteId],
    ) as Promise<Record<string, unknown>[]>,
    IdempotencyClaim.findAll(directSql(ds), claims),
  ]);
  const vote = locked[0] ? hydrate(ds, Vote, locked[0]) : undefined;
  const idStep = Number(locked[0]?.id_step ?? 1);
  const outcomes: (Settled<CastResult> | undefined)[] = items.map(() => undefined);
  // A key already used answers from its record (a replay even after the vote closed), before anything else.
  // The same key twice at once (in this batch or one in flight): the later request is told to wait.
  const claimKeys = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (!item.claim) continue;
    const record = recorded.get(item.claim);
    const claimKey = `${item.claim.userId}\u0000${item.claim.key}`;
    const elsewhere = lane.claims.has(claimKey) && !reservation.claims.has(claimKey);
    if (record) outcomes[i] = failed(new IdempotencyRecordExists(record));
    else if (claimKeys.has(claimKey) || elsewhere) {
      outcomes[i] = failed(new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } }));
    } else {
      lane.claims.add(claimKey);
      reservation.claims.add(claimKey);
    }
    claimKeys.add(claimKey);
  }
  const refuseAll = (error: AppError) => outcomes.map((o) => o ?? failed(error));
  if (!vote) return refuseAll(new AppError('NOT_FOUND', { message: '没有这项表决' }));
  if (vote.status !== 'open' || vote.closesAt.getTime() <= Date.now()) {
    return refuseAll(new AppError('ILLEGAL_TRANSITION', { message: '表决已经结束，不能再投票' }));
  }

  // Eligibility of each ballot by the vote's own rules, all at once on pool connections: the
  // electorate was frozen when the vote opened, so nothing here needs the transaction.
  const choices: string[] = [];
  const voterKeys: (string | undefined)[] = await Promise.all(
    items.map((item, i) =>
      outcomes[i]
        ? undefined
        : item
            .choice(ds.manager, vote)
            .then((choice) => {
              choices[i] = choice;
              return item.voterKey(ds.manager, vote);
            })
            .catch((error: unknown) => {
              outcomes[i] = failed(error);
              return undefined;
            }),
    ),
  );
  // The same voter twice at once (in this batch or one in flight): the later ballot waits for the first.
  const voters = new Set<string>();
  for (const [i, voterKey] of voterKeys.entries()) {
    if (outcomes[i] || voterKey === undefined) continue;
    const elsewhere = lane.voters.get(voterKey);
    if (voters.has(voterKey)) outcomes[i] = failed(new CastAgain(reservation.over));
    else if (elsewhere && !reservation.voters.has(voterKey)) outcomes[i] = failed(new CastAgain(elsewhere));
    else {
      lane.voters.set(voterKey, reservation.over);
      reservation.voters.add(voterKey);
    }
    voters.add(voterKey);
  }

  const live = items.map((_, i) => i).filter((i) => outcomes[i] === undefined);
  if (live.length === 0) return outcomes as Settled<CastResult>[];
  const existing = new Map<string, number>();
  for (const row of (await sql.query(
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
      sql,
      writes.filter((w) => items[w.index]!.claim).map((w) => ({ claim: items[w.index]!.claim!, answer: answer(w) })),
    );
  } catch (error) {
    if (single && isUniqueViolation(error)) {
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' }, cause: error });
    }
    throw error;
  }
  const inserted = (await sql.query(
    `INSERT INTO ballot (vote_id, voter_key, cast_by_user_id, choice, receipt_hash, created_at)
     VALUES ${writes.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
    writes.flatMap((w) => [voteId, w.voterKey, items[w.index]!.actor.userId, choices[w.index]!, w.receiptHash, now]),
  )) as { insertId?: number; affectedRows?: number };
  const ballotIds = await idsOfBallots(sql, mysql, voteId, writes, inserted, idStep);
  const fresh = writes.filter((w) => w.supersedes === undefined);
  if (fresh.length > 0) {
    try {
      await sql.query(
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
    await sql.query('UPDATE vote_participation SET ballot_id = ?, updated_at = ? WHERE id = ?', [
      ballotIds.get(w.receiptHash)!,
      now,
      w.supersedes!,
    ]);
  }
  for (const w of writes) outcomes[w.index] = { ok: true, value: answer(w) };
  return outcomes as Settled<CastResult>[];
}

/**
 * The ids of the ballots one multi-row INSERT just wrote, by receipt hash. On
 * MySQL/MariaDB a multi-row INSERT of known size takes consecutive
 * auto-increment values (every innodb_autoinc_lock_mode), `idStep` apart,
 * from `insertId`; anything else is read back.
 */
async function idsOfBallots(
  sql: Sql,
  mysql: boolean,
  voteId: number,
  writes: { receiptHash: string }[],
  inserted: { insertId?: number; affectedRows?: number },
  idStep: number,
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (mysql && inserted.affectedRows === writes.length && Number(inserted.insertId) > 0) {
    for (const [i, w] of writes.entries()) ids.set(w.receiptHash, Number(inserted.insertId) + i * idStep);
    return ids;
  }
  for (const row of (await sql.query(
    `SELECT id, receipt_hash FROM ballot WHERE vote_id = ? AND receipt_hash IN (${marks(writes.length)})`,
    [voteId, ...writes.map((w) => w.receiptHash)],
  )) as { id: number; receipt_hash: string }[]) {
    ids.set(row.receipt_hash, Number(row.id));
  }
  return ids;
}
