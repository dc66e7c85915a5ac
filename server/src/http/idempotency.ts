import { createHash } from 'node:crypto';
import type { Context } from 'koa';
import type { DataSource } from 'typeorm';
import { runInTransaction } from '../db/transaction';
import { AppError } from './app-error';
import { IdempotencyRecord } from './idempotency.entity';

const KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

function requestHash(ctx: Context): string {
  return createHash('sha256')
    .update(ctx.method)
    .update('\0')
    .update(ctx.path)
    .update('\0')
    .update(JSON.stringify(ctx.request.body ?? null))
    .digest('hex');
}

/**
 * Runs a write at most once per (user, Idempotency-Key) (QUALITY.md S4): the
 * first request claims the key in its own committed row; a retry after it
 * finished gets the stored answer replayed; a concurrent duplicate gets 409
 * IDEMPOTENCY_IN_PROGRESS; the same key with another body gets 422
 * IDEMPOTENCY_KEY_REUSED. A request that fails releases the key so the client
 * can try again. Without the header the write simply runs.
 */
export async function withIdempotency(
  ctx: Context,
  ds: DataSource,
  userId: number,
  operationId: string,
  run: () => Promise<void>,
): Promise<void> {
  const key = ctx.get('Idempotency-Key');
  if (!key) return run();
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请求标识格式有误，请刷新后重试',
      details: { in: 'headers', fields: [{ path: 'Idempotency-Key', message: '8–100 个字母、数字或 _.:-' }] },
    });
  }
  const hash = requestHash(ctx);
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
    const code =
      (error as { driverError?: { code?: string }; code?: string }).driverError?.code ??
      (error as { code?: string }).code;
    if (code !== 'ER_DUP_ENTRY' && code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    const existing = await repo.findOne({ where: { userId, idempotencyKey: key } });
    if (!existing) throw new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } });
    if (existing.requestHash !== hash || existing.operationId !== operationId)
      throw new AppError('IDEMPOTENCY_KEY_REUSED');
    if (existing.state !== 'done') throw new AppError('IDEMPOTENCY_IN_PROGRESS', { headers: { 'Retry-After': '1' } });
    ctx.status = existing.responseStatus ?? 200;
    ctx.set('Idempotent-Replayed', 'true');
    if (existing.responseBody !== null) ctx.body = JSON.parse(existing.responseBody);
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
