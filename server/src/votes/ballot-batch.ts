import { hash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { type Actor, type ActorCondition, actorGuardStatement, type Principal } from '../auth/actor';
import { Batcher, type Settled } from '../db/batcher';
import { dialectOf } from '../db/data-source';
import { isDatabaseUnavailable, isUniqueViolation } from '../db/errors';
import { perDataSource } from '../db/per-data-source';
import {
  directSql,
  hasMultiStatements,
  hydrate,
  multiTransaction,
  type Sql,
  type Statement,
  sqlTransaction,
  type Trip,
} from '../db/sql';
import { AppError } from '../http/app-error';
import { randomCode } from '../http/codes';
import {
  IdempotencyClaim,
  IdempotencyRecordExists,
  type IdempotencyRow,
  sqlTimestamp,
  takeIdempotencyClaim,
} from '../http/idempotency';
import type { IdempotencyRecord } from '../http/idempotency.entity';
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
  /** Who casts; their actor is read when the batch needs it (see `deferred`). */
  principal: Principal;
  /** The answer as stored (yes/no/abstain, or an encoded selection), checked against the vote's method. */
  choice: (em: EntityManager, vote: Vote) => Promise<string>;
  /**
   * The voter the actor casts for, or an AppError saying why not. Given the
   * vote's definition; reads with the data source's manager (outside the
   * batch's transaction, concurrently with the other ballots').
   */
  voterKey: (em: EntityManager, vote: Vote, actor: Actor) => Promise<string>;
  /**
   * A ballot that may go in before its actor is read: its voter key and what
   * the batch's transaction must find true of the user (actorGuardStatement),
   * or undefined when the actor has to be read first. Used on the one-trip
   * path only; if the transaction finds the condition false, the batch is
   * answered through the reading path, which reads every actor.
   */
  deferred?: (vote: Vote) => Promise<{ voterKey: string; condition: ActorCondition } | undefined>;
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
const sha256 = (text: string) => hash('sha256', text, 'hex');
const marks = (n: number) => (n > 0 ? `?${', ?'.repeat(n - 1)}` : '');
const failed = (error: unknown): Settled<CastResult> => ({ ok: false, error });

/** The parameters of a multi-row statement, row by row into one array (no array per row). */
function rowParams<T>(rows: T[], add: (row: T, params: unknown[]) => void): unknown[] {
  const params: unknown[] = [];
  for (const row of rows) add(row, params);
  return params;
}

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

const lanes = perDataSource(() => new Map<number, Lane>());

function laneFor(ds: DataSource, voteId: number): Lane {
  const byVote = lanes(ds);
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

/** Batches this process committed, by how: one round trip, reading first, or ballot by ballot. */
export interface BallotBatchPaths {
  oneTrip: number;
  reading: number;
  oneByOne: number;
}
/** How this process's ballot batches went on `ds` (tests, diagnostics). */
export const ballotBatchPaths = perDataSource((): BallotBatchPaths => ({ oneTrip: 0, reading: 0, oneByOne: 0 }));

/** Ballots for the vote submitted in this process and not yet answered (tests wait on it). */
export function pendingBallots(ds: DataSource, voteId: number): number {
  return lanes(ds).get(voteId)?.batcher.pending ?? 0;
}

/**
 * Casts one ballot together with whatever other ballots for the same vote are
 * waiting; resolves after the batch committed. The request's Idempotency-Key
 * record (if any) is written in the same transaction.
 */
export async function castInBatch(ds: DataSource, request: BallotRequest): Promise<CastResult> {
  const pending: Pending = {
    voteId: request.voteId,
    principal: request.principal,
    choice: request.choice,
    voterKey: request.voterKey,
    deferred: request.deferred,
    claim: takeIdempotencyClaim(request.principal),
  };
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

/**
 * The vote as created (its definition never changes while it is open; only
 * closing writes the row), read once per process and vote. Its `status` is
 * never trusted from here: each batch reads status under the row's shared lock.
 */
const definitions = perDataSource(() => new Map<number, Promise<Vote | undefined>>());
const MAX_DEFINITIONS = 256;

function voteDefinition(ds: DataSource, voteId: number): Promise<Vote | undefined> {
  const byId = definitions(ds);
  let found = byId.get(voteId);
  if (!found) {
    const cache = byId;
    found = (
      directSql(ds).query('SELECT * FROM vote WHERE id = ?', [voteId]) as Promise<Record<string, unknown>[]>
    ).then((rows) => (rows[0] ? hydrate(ds, Vote, rows[0]) : undefined));
    // Neither a vote not found (yet) nor a failed read is remembered.
    found.then(
      (vote) => vote === undefined && cache.delete(voteId),
      () => cache.delete(voteId),
    );
    cache.set(voteId, found);
    while (cache.size > MAX_DEFINITIONS) cache.delete(cache.keys().next().value as number);
  }
  return found;
}

/**
 * One transaction for the batch — on MySQL/MariaDB in two round trips (read,
 * then write and commit); if the database refuses it, each ballot on its own,
 * statement by statement, so each gets its own exact answer.
 */
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
    if (hasMultiStatements(ds)) {
      // First ballots of a vote that does not take changed minds: one round trip, assuming nothing stands in the way.
      if ((await voteDefinition(ds, voteId).catch(() => undefined))?.allowChange === false) {
        try {
          const outcomes = await multiTransaction(ds, (trip) =>
            castTogether(ds, voteId, reservation, items, oneTripIo(trip)),
          );
          ballotBatchPaths(ds).oneTrip++;
          return outcomes;
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw error;
        }
      }
      try {
        const outcomes = await multiTransaction(ds, (trip) =>
          castTogether(ds, voteId, reservation, items, multiTripIo(ds, trip)),
        );
        ballotBatchPaths(ds).reading++;
        return outcomes;
      } catch (error) {
        if (isDatabaseUnavailable(error)) throw error;
      }
    } else {
      try {
        const outcomes = await sqlTransaction(ds, (sql) =>
          castTogether(ds, voteId, reservation, items, statementIo(ds, sql, items.length === 1)),
        );
        ballotBatchPaths(ds).reading++;
        return outcomes;
      } catch (error) {
        if (items.length === 1 || isDatabaseUnavailable(error)) throw error;
      }
    }
    ballotBatchPaths(ds).oneByOne++;
    const outcomes: Settled<CastResult>[] = [];
    for (const item of items) {
      outcomes.push(
        await sqlTransaction(ds, (sql) =>
          castTogether(ds, voteId, reservation, [item], statementIo(ds, sql, true)),
        ).then(
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

/** What a batch reads in its transaction before deciding. */
interface BatchState {
  /** The vote row's status and closing time, read under its shared lock; undefined when the row is gone. */
  row: Pick<Vote, 'status' | 'closesAt'> | undefined;
  /** How far apart the ids of one multi-row INSERT are (1 unless the server is set otherwise). */
  idStep: number;
  /** Counted participation ids by voter key, for the batch's voters. */
  existing: Map<string, number>;
  recorded: Map<IdempotencyClaim, IdempotencyRecord>;
}

/** One ballot to write: its voter, receipt, and the participation it supersedes. */
interface BallotWrite {
  index: number;
  voterKey: string;
  castBy: number;
  choice: string;
  receiptCode: string;
  receiptHash: string;
  supersedes?: number;
}

/** How a batch's transaction reaches the database. */
interface BatchIo {
  /** Whether ballots may be written before their actors are read, on conditions the write confirms. */
  defersActors: boolean;
  read(voteId: number, voterKeys: string[], claims: IdempotencyClaim[]): Promise<BatchState>;
  /**
   * Writes the records, ballots and participations; the multi-statement form commits too.
   * `conditions`: what must hold of the deferred ballots' users (only where `defersActors`).
   */
  write(
    vote: Vote,
    state: BatchState,
    writes: BallotWrite[],
    records: Statement | undefined,
    conditions: ActorCondition[],
  ): Promise<void>;
}

const lockStatement = (mysql: boolean, voteId: number): Statement => ({
  sql: mysql
    ? 'SELECT status, closes_at, @@auto_increment_increment AS id_step FROM vote WHERE id = ? LOCK IN SHARE MODE'
    : 'SELECT status, closes_at FROM vote WHERE id = ?',
  params: [voteId],
});

const participationStatement = (voteId: number, voterKeys: string[]): Statement => ({
  sql: `SELECT id, voter_key FROM vote_participation WHERE vote_id = ? AND voter_key IN (${marks(voterKeys.length)})`,
  params: [voteId, ...voterKeys],
});

const ballotStatement = (voteId: number, writes: BallotWrite[], now: string): Statement => ({
  sql: `INSERT INTO ballot (vote_id, voter_key, cast_by_user_id, choice, receipt_hash, created_at)
     VALUES ${writes.map(() => '(?, ?, ?, ?, ?, ?)').join(', ')}`,
  params: rowParams(writes, (w, params) => params.push(voteId, w.voterKey, w.castBy, w.choice, w.receiptHash, now)),
});

function stateOf(
  ds: DataSource,
  lockRows: { status: string; id_step?: number }[],
  participationRows: { id: number; voter_key: string }[],
  claims: IdempotencyClaim[],
  recordRows: IdempotencyRow[],
): BatchState {
  return {
    row: lockRows[0] ? hydrate(ds, Vote, lockRows[0]) : undefined,
    idStep: Number(lockRows[0]?.id_step ?? 1),
    existing: new Map(participationRows.map((r) => [r.voter_key, Number(r.id)])),
    recorded: IdempotencyClaim.recordsOf(claims, recordRows),
  };
}

/**
 * MySQL/MariaDB: the batch in two round trips on a multi-statement
 * connection. Trip 1 starts the transaction, takes the vote row's shared
 * lock and reads participations and Idempotency-Key records; trip 2 inserts
 * the records and ballots, keeps the first ballot id (LAST_INSERT_ID) in a
 * session variable for the participations, moves superseded participations
 * and commits. Any error fails the whole batch (castBatch then goes one by one).
 */
function multiTripIo(ds: DataSource, trip: Trip): BatchIo {
  return {
    defersActors: false,
    async read(voteId, voterKeys, claims) {
      const statements = [lockStatement(true, voteId)];
      if (voterKeys.length > 0) statements.push(participationStatement(voteId, voterKeys));
      if (claims.length > 0) statements.push(IdempotencyClaim.selectStatement(claims));
      const [lock, participations, records] = await trip(statements);
      return stateOf(
        ds,
        lock as { status: string; id_step?: number }[],
        voterKeys.length > 0 ? (participations as { id: number; voter_key: string }[]) : [],
        claims,
        claims.length > 0 ? ((voterKeys.length > 0 ? records : participations) as IdempotencyRow[]) : [],
      );
    },
    async write(vote, _state, writes, records) {
      await trip(writeStatements(vote.id, writes, records), { commit: true });
    },
  };
}

/**
 * The writes of a multi-statement trip: the Idempotency-Key records, the
 * ballots in one INSERT, then the participations — the n-th ballot's id is
 * LAST_INSERT_ID() + n × auto_increment_increment (a multi-row INSERT of known
 * size takes consecutive values in every innodb_autoinc_lock_mode); a fresh
 * voter's participation is inserted, a superseded one moved.
 */
function writeStatements(voteId: number, writes: BallotWrite[], records: Statement | undefined): Statement[] {
  const now = sqlTimestamp(new Date());
  const statements: Statement[] = records ? [records] : [];
  if (writes.length === 0) return statements;
  const ballotId = '@yishi_first_ballot + ? * @@auto_increment_increment';
  statements.push(ballotStatement(voteId, writes, now));
  statements.push({ sql: 'SET @yishi_first_ballot = LAST_INSERT_ID()', params: [] });
  const fresh: { w: BallotWrite; n: number }[] = [];
  for (const [n, w] of writes.entries()) if (w.supersedes === undefined) fresh.push({ w, n });
  if (fresh.length > 0) {
    statements.push({
      sql: `INSERT INTO vote_participation (vote_id, voter_key, ballot_id, updated_at) VALUES ${fresh
        .map(() => `(?, ?, ${ballotId}, ?)`)
        .join(', ')}`,
      params: rowParams(fresh, ({ w, n }, params) => params.push(voteId, w.voterKey, n, now)),
    });
  }
  writes.forEach((w, n) => {
    if (w.supersedes === undefined) return;
    statements.push({
      sql: `UPDATE vote_participation SET ballot_id = ${ballotId}, updated_at = ? WHERE id = ?`,
      params: [n, now, w.supersedes],
    });
  });
  return statements;
}

/** The vote's state as the one-trip path assumes it (its guard statement checks it in the database). */
const ASSUMED_OPEN: BatchState = {
  row: { status: 'open', closesAt: new Date(8.64e15) },
  idStep: 1,
  existing: new Map(),
  recorded: new Map(),
};

/**
 * MySQL/MariaDB, the common case in one round trip: every ballot a first
 * ballot, every Idempotency-Key new, the vote open. Nothing is read first;
 * the trip takes the vote row's shared lock, then a guard statement fails
 * (a scalar subquery of two rows: "Subquery returns more than 1 row") unless
 * the vote is open and not past its closing time, then inserts records,
 * ballots and participations and commits. MySQL stops a multi-statement trip
 * at its first error, so a closed vote, a voter who already has a counted
 * ballot or a key used before fails the whole trip before COMMIT (the
 * transaction is rolled back) and castBatch answers the batch through the
 * reading path, which tells each ballot exactly why.
 */
function oneTripIo(trip: Trip): BatchIo {
  return {
    defersActors: true,
    async read() {
      return ASSUMED_OPEN;
    },
    async write(vote, _state, writes, records, conditions) {
      const guards: Statement[] = [
        {
          sql: `SELECT (SELECT 1 UNION ALL SELECT 1 FROM DUAL WHERE NOT EXISTS (
            SELECT 1 FROM vote WHERE id = ? AND status = 'open' AND closes_at > ?)) AS open_guard`,
          params: [vote.id, sqlTimestamp(new Date())],
        },
      ];
      if (conditions.length > 0) guards.push(actorGuardStatement(conditions));
      await trip([lockStatement(true, vote.id), ...guards, ...writeStatements(vote.id, writes, records)], {
        commit: true,
      });
    },
  };
}

/**
 * Statement by statement in a transaction of the data source (SQLite; and
 * the one-ballot retries on MySQL). For a single ballot, a unique key taken
 * by a racing ballot becomes its own answer.
 */
function statementIo(ds: DataSource, sql: Sql, single: boolean): BatchIo {
  const mysql = dialectOf(ds) === 'mysql';
  return {
    defersActors: false,
    async read(voteId, voterKeys, claims) {
      const lock = lockStatement(mysql, voteId);
      const lockRows = (await sql.query(lock.sql, lock.params)) as { status: string; id_step?: number }[];
      let participationRows: { id: number; voter_key: string }[] = [];
      if (voterKeys.length > 0) {
        const p = participationStatement(voteId, voterKeys);
        participationRows = (await sql.query(p.sql, p.params)) as { id: number; voter_key: string }[];
      }
      let recordRows: IdempotencyRow[] = [];
      if (claims.length > 0) {
        const r = IdempotencyClaim.selectStatement(claims);
        recordRows = (await sql.query(r.sql, r.params)) as IdempotencyRow[];
      }
      return stateOf(ds, lockRows, participationRows, claims, recordRows);
    },
    async write(vote, state, writes, records) {
      const voteId = vote.id;
      const now = sqlTimestamp(new Date());
      if (records) {
        try {
          await sql.query(records.sql, records.params);
        } catch (error) {
          if (single && isUniqueViolation(error)) {
            throw new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' }, cause: error });
          }
          throw error;
        }
      }
      if (writes.length === 0) return;
      const ballots = ballotStatement(voteId, writes, now);
      const inserted = (await sql.query(ballots.sql, ballots.params)) as { insertId?: number; affectedRows?: number };
      const ballotIds = await idsOfBallots(sql, mysql, voteId, writes, inserted, state.idStep);
      const fresh = writes.filter((w) => w.supersedes === undefined);
      if (fresh.length > 0) {
        try {
          await sql.query(
            `INSERT INTO vote_participation (vote_id, voter_key, ballot_id, updated_at) VALUES ${fresh.map(() => '(?, ?, ?, ?)').join(', ')}`,
            fresh.flatMap((w) => [voteId, w.voterKey, ballotIds.get(w.receiptHash)!, now]),
          );
        } catch (error) {
          if (single && isUniqueViolation(error)) {
            const message = vote.allowChange
              ? '您的另一张选票正在提交，请稍后再试'
              : '您已经投过票了，本次表决不能改票';
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
    },
  };
}

/**
 * Decides the batch and writes its acceptable ballots; answers each item.
 * Eligibility and answers are checked against the vote's definition before
 * the transaction (the frozen electorate is in memory); the transaction then
 * reads the vote's status under its shared lock, the voters' participations
 * and the Idempotency-Key records, and writes.
 */
async function castTogether(
  ds: DataSource,
  voteId: number,
  reservation: Reservation,
  items: Pending[],
  io: BatchIo,
): Promise<Settled<CastResult>[]> {
  const { lane } = reservation;
  const outcomes: (Settled<CastResult> | undefined)[] = items.map(() => undefined);
  const vote = await voteDefinition(ds, voteId);
  if (!vote) return items.map(() => failed(new AppError('NOT_FOUND', { message: '没有这项表决' })));

  // Answers and eligibility by the vote's own rules, all at once (a vote in a meeting reads attendance).
  // An actor that cannot be read (revoked token, account gone) answers first, as it would before any handler.
  const choices: string[] = [];
  const refused: (unknown | undefined)[] = items.map(() => undefined);
  const conditions: (ActorCondition | undefined)[] = items.map(() => undefined);
  const voterKeys: (string | undefined)[] = await Promise.all(
    items.map(async (item, i) => {
      let choice: string | undefined;
      let choiceError: unknown;
      try {
        choice = await item.choice(ds.manager, vote);
      } catch (error) {
        choiceError = error;
      }
      if (io.defersActors && choice !== undefined && item.deferred && !item.principal.requested) {
        const deferred = await item.deferred(vote).catch(() => undefined);
        if (deferred) {
          choices[i] = choice;
          conditions[i] = deferred.condition;
          return deferred.voterKey;
        }
      }
      let actor: Actor;
      try {
        actor = await item.principal.actor();
      } catch (error) {
        outcomes[i] = failed(error);
        return undefined;
      }
      if (choice === undefined) {
        refused[i] = choiceError;
        return undefined;
      }
      choices[i] = choice;
      return item.voterKey(ds.manager, vote, actor).catch((error: unknown) => {
        refused[i] = error;
        return undefined;
      });
    }),
  );

  // The same key twice at once (in this batch or one in flight): the later request is told to wait.
  const claimKeys = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (!item.claim || outcomes[i]) continue;
    const claimKey = `${item.claim.userId}\u0000${item.claim.key}`;
    const elsewhere = lane.claims.has(claimKey) && !reservation.claims.has(claimKey);
    if (claimKeys.has(claimKey) || elsewhere) {
      outcomes[i] = failed(new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } }));
    } else {
      lane.claims.add(claimKey);
      reservation.claims.add(claimKey);
    }
    claimKeys.add(claimKey);
  }
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

  const claims = items
    .filter((item, i) => item.claim && !outcomes[i])
    .map((item) => item.claim!)
    .filter((c, k, all) => all.indexOf(c) === k);
  const liveKeys = voterKeys.filter((k, i): k is string => k !== undefined && !outcomes[i]);
  const state = await io.read(voteId, liveKeys, claims);

  // A key already used answers from its record (a replay even after the vote closed), before anything else.
  for (const [i, item] of items.entries()) {
    const record = item.claim && !outcomes[i] ? state.recorded.get(item.claim) : undefined;
    if (record) outcomes[i] = failed(new IdempotencyRecordExists(record));
  }
  const refuseRest = (error: AppError) => {
    for (const i of items.keys()) outcomes[i] ??= failed(error);
  };
  if (state.row === undefined) refuseRest(new AppError('NOT_FOUND', { message: '没有这项表决' }));
  else if (state.row.status !== 'open' || state.row.closesAt.getTime() <= Date.now()) {
    refuseRest(new AppError('ILLEGAL_TRANSITION', { message: '表决已经结束，不能再投票' }));
  }
  for (const i of items.keys()) if (!outcomes[i] && refused[i] !== undefined) outcomes[i] = failed(refused[i]);

  const writes: BallotWrite[] = [];
  for (const [i, item] of items.entries()) {
    if (outcomes[i]) continue;
    const voterKey = voterKeys[i]!;
    const earlier = state.existing.get(voterKey);
    if (earlier !== undefined && !vote.allowChange) {
      outcomes[i] = failed(new AppError('CONFLICT', { message: '您已经投过票了，本次表决不能改票' }));
      continue;
    }
    const receiptCode = randomCode(16, 4);
    writes.push({
      index: i,
      voterKey,
      castBy: item.principal.userId,
      choice: choices[i]!,
      receiptCode,
      receiptHash: sha256(receiptCode),
      supersedes: earlier,
    });
  }
  const answer = (w: BallotWrite): CastResult => ({ receiptCode: w.receiptCode, replaced: w.supersedes !== undefined });
  const recordRows = writes
    .filter((w) => items[w.index]!.claim)
    .map((w) => ({ claim: items[w.index]!.claim!, answer: answer(w) }));
  const writtenConditions = writes.flatMap((w) => conditions[w.index] ?? []);
  await io.write(
    vote,
    state,
    writes,
    recordRows.length > 0 ? IdempotencyClaim.insertStatement(recordRows) : undefined,
    writtenConditions,
  );
  for (const w of writes) outcomes[w.index] = { ok: true, value: answer(w) };
  // A deferred ballot answered without being written (a key already in flight): its actor decides first.
  await Promise.all(
    items.map(async (item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok || conditions[i] === undefined || outcome.error instanceof CastAgain) return;
      await item.principal.actor().catch((error: unknown) => {
        outcomes[i] = failed(error);
      });
    }),
  );
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
