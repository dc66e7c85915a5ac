import { hash } from 'node:crypto';
import type { Context } from 'koa';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/actor';
import { isUniqueViolation } from '../db/errors';
import { runInTransaction } from '../db/transaction';
import { AppError } from './app-error';
import { IdempotencyRecord } from './idempotency.entity';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

function requestHash(ctx: Context): string {
  // One-shot: the same digest as hashing the parts in turn.
  return hash('sha256', `${ctx.method}\0${ctx.path}\0${JSON.stringify(ctx.request.body ?? null)}`, 'hex');
}

/** SQL timestamp text both dialects store for datetime(6) columns (UTC). */
export function sqlTimestamp(date: Date): string {
  const iso = date.toISOString();
  // 2026-11-27T15:04:05.123Z → 2026-11-27 15:04:05.123 (years 0–9999 have this fixed form)
  return iso.length === 24 ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}` : iso.replace('T', ' ').replace('Z', '');
}

/** A row of idempotency_record as IdempotencyClaim.selectStatement reads it. */
export interface IdempotencyRow {
  id: number;
  user_id: number;
  idempotency_key: string;
  operation_id: string;
  request_hash: string;
  state: 'in_progress' | 'done';
  response_status: number | null;
  response_body: string | null;
}

/**
 * A request's Idempotency-Key, handed to an operation that writes the record
 * in its own transaction (`idempotent: 'in-transaction'`): the record then
 * commits with the effect or not at all, and no extra commit is needed.
 */
export class IdempotencyClaim {
  /** Set once the operation's transaction committed with the record: the answer stored. */
  private stored: { status: number; answer: unknown; body: string } | undefined;
  /** The answer insertStatement wrote for this claim, and its JSON (serialized once). */
  private written: { answer: unknown; body: string } | undefined;

  constructor(
    readonly userId: number,
    readonly key: string,
    readonly operationId: string,
    readonly requestHash: string,
    /** The status the operation answers with on success. */
    readonly status: number,
  ) {}

  /** The INSERT of the finished records with their answers (inside the operation's transaction); a duplicate key throws. */
  static insertStatement(rows: { claim: IdempotencyClaim; answer: unknown }[]): { sql: string; params: unknown[] } {
    const now = sqlTimestamp(new Date());
    return {
      sql: `INSERT INTO idempotency_record (user_id, idempotency_key, operation_id, request_hash, state, response_status, response_body, created_at)
       VALUES ${rows.map(() => "(?, ?, ?, ?, 'done', ?, ?, ?)").join(', ')}`,
      params: rows.reduce<unknown[]>((params, { claim, answer }) => {
        const body = JSON.stringify(answer);
        claim.written = { answer, body };
        params.push(claim.userId, claim.key, claim.operationId, claim.requestHash, claim.status, body, now);
        return params;
      }, []),
    };
  }

  /** The SELECT of the records stored for any of `claims` (read them with `recordsOf`). */
  static selectStatement(claims: IdempotencyClaim[]): { sql: string; params: unknown[] } {
    // One (user, key) pair per claim: a lookup each on the unique key, not every user × every key.
    return {
      sql: `SELECT id, user_id, idempotency_key, operation_id, request_hash, state, response_status, response_body
         FROM idempotency_record
        WHERE (user_id, idempotency_key) IN (${claims.map(() => '(?, ?)').join(', ')})`,
      params: claims.flatMap((c) => [c.userId, c.key]),
    };
  }

  /** The rows of `selectStatement`, keyed by the claim each belongs to. */
  static recordsOf(claims: IdempotencyClaim[], rows: IdempotencyRow[]): Map<IdempotencyClaim, IdempotencyRecord> {
    const found = new Map<IdempotencyClaim, IdempotencyRecord>();
    for (const claim of claims) {
      const row = rows.find((r) => Number(r.user_id) === claim.userId && r.idempotency_key === claim.key);
      if (!row) continue;
      found.set(
        claim,
        Object.assign(new IdempotencyRecord(), {
          id: Number(row.id),
          userId: Number(row.user_id),
          idempotencyKey: row.idempotency_key,
          operationId: row.operation_id,
          requestHash: row.request_hash,
          state: row.state,
          responseStatus: row.response_status === null ? null : Number(row.response_status),
          responseBody: row.response_body,
        }),
      );
    }
    return found;
  }

  /** The operation calls this after its transaction committed with the record of `answer`. */
  committed(answer: unknown): void {
    const written = this.written;
    const body = written && written.answer === answer ? written.body : JSON.stringify(answer);
    this.stored = { status: this.status, answer, body };
  }

  get storedAnswer(): { status: number; answer: unknown; body: string } | undefined {
    return this.stored;
  }
}

/**
 * Thrown by an in-transaction operation for a claim whose key already has a
 * record (read with IdempotencyClaim.selectStatement): withIdempotency answers from it.
 */
export class IdempotencyRecordExists extends Error {
  constructor(readonly record: IdempotencyRecord) {
    super('Idempotency-Key already used');
  }
}

/** Claims offered to the request's operation, keyed by the request's own Principal instance. */
const offered = new WeakMap<Principal, IdempotencyClaim>();

/**
 * For an `idempotent: 'in-transaction'` operation: the request's claim, once
 * (a second call answers undefined). In the transaction of its effect the
 * operation looks for an existing record first (IdempotencyClaim.selectStatement; if
 * there is one it throws IdempotencyRecordExists and changes nothing), then
 * inserts the finished record (IdempotencyClaim.insertStatement), and calls
 * `committed` after the commit. Without an Idempotency-Key there is none.
 */
export function takeIdempotencyClaim(principal: Principal): IdempotencyClaim | undefined {
  const claim = offered.get(principal);
  offered.delete(principal);
  return claim;
}

export interface IdempotencyOptions {
  /** The operation writes the record in its own transaction (takeIdempotencyClaim); its success status. */
  inTransaction?: { status: number };
}

/**
 * Runs a write at most once per (user, Idempotency-Key) (QUALITY.md S4): the
 * first request claims the key in its own committed row; a retry after it
 * finished gets the stored answer replayed; a concurrent duplicate gets 409
 * IDEMPOTENCY_IN_PROGRESS; the same key with another body gets 422
 * IDEMPOTENCY_KEY_REUSED. A request that fails releases the key so the client
 * can try again. Without the header the write simply runs.
 * With `inTransaction`, nothing is read or claimed up front: the operation
 * looks the key up and writes the finished record in the same transaction as
 * its effect (takeIdempotencyClaim), and the unique key turns a concurrent
 * duplicate into IDEMPOTENCY_IN_PROGRESS there.
 */
export async function withIdempotency(
  ctx: Context,
  ds: DataSource,
  principal: Principal,
  operationId: string,
  run: () => Promise<void>,
  options: IdempotencyOptions = {},
): Promise<void> {
  const { userId } = principal;
  const key = ctx.get('Idempotency-Key');
  if (!key) return run();
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请求标识格式有误，请刷新后重试',
      details: { in: 'headers', fields: [{ path: 'Idempotency-Key', message: '8–100 个字母、数字或 _.:-' }] },
    });
  }
  const hash = requestHash(ctx);
  if (options.inTransaction) {
    return runInTransactionMode(ctx, ds, principal, key, operationId, hash, run, options.inTransaction.status);
  }
  const repo = ds.getRepository(IdempotencyRecord);
  let record: IdempotencyRecord;
  try {
    record = await runInTransaction(ds, (em) =>
      em.save(
        em.create(IdempotencyRecord, {
          userId,
          idempotencyKey: key,
          operationId,
          requestHash: hash,
          state: 'in_progress',
        }),
      ),
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await repo.findOne({ where: { userId, idempotencyKey: key } });
    if (!existing) throw new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } });
    replay(ctx, existing, operationId, hash);
    return;
  }
  try {
    await run();
  } catch (error) {
    await repo.delete({ id: record.id });
    throw error;
  }
  await runInTransaction(ds, (em) =>
    em.update(
      IdempotencyRecord,
      { id: record.id },
      {
        state: 'done',
        responseStatus: ctx.status,
        responseBody: ctx.body === undefined || ctx.body === null ? null : JSON.stringify(ctx.body),
      },
    ),
  );
}

/** Answers from an existing record: its stored answer, or why not. */
function replay(ctx: Context, existing: IdempotencyRecord, operationId: string, hash: string): void {
  if (existing.requestHash !== hash || existing.operationId !== operationId)
    throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (existing.state !== 'done') throw new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } });
  ctx.status = existing.responseStatus ?? 200;
  ctx.set('Idempotent-Replayed', 'true');
  if (existing.responseBody !== null) ctx.body = JSON.parse(existing.responseBody);
}

async function runInTransactionMode(
  ctx: Context,
  ds: DataSource,
  principal: Principal,
  key: string,
  operationId: string,
  hash: string,
  run: () => Promise<void>,
  status: number,
): Promise<void> {
  const { userId } = principal;
  const claim = new IdempotencyClaim(userId, key, operationId, hash, status);
  offered.set(principal, claim);
  try {
    await run();
  } catch (error) {
    if (error instanceof IdempotencyRecordExists) return replay(ctx, error.record, operationId, hash);
    throw error;
  } finally {
    offered.delete(principal);
  }
  const stored = claim.storedAnswer;
  // The handler answers with the very object it stored (the common case): nothing to compare or serialize.
  if (stored && stored.status === ctx.status && ctx.body === stored.answer) return;
  const body = ctx.body === undefined || ctx.body === null ? null : JSON.stringify(ctx.body);
  if (stored && stored.status === ctx.status && stored.body === body) return;
  // The answer differs from what the operation stored, or it stored nothing: record the real answer now.
  if (stored) {
    await ds
      .getRepository(IdempotencyRecord)
      .update({ userId, idempotencyKey: key }, { state: 'done', responseStatus: ctx.status, responseBody: body });
    return;
  }
  try {
    await ds.getRepository(IdempotencyRecord).insert({
      userId,
      idempotencyKey: key,
      operationId,
      requestHash: hash,
      state: 'done',
      responseStatus: ctx.status,
      responseBody: body,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}
