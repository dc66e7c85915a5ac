import type { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../http/app-error';
import { dialectOf } from './data-source';

/** MySQL/MariaDB errors after which the whole transaction may simply be tried again. */
const RETRYABLE_MYSQL_ERRORS = new Set(['ER_LOCK_DEADLOCK', 'ER_LOCK_WAIT_TIMEOUT', 'ER_CHECKREAD']);
const MAX_ATTEMPTS = 3;

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one transaction. On SQLite, transactions are serialized (the
 * single better-sqlite3 connection cannot hold two at once across awaits). On
 * MySQL, a deadlock or lock-wait timeout retries the whole transaction, at most
 * three attempts, then answers DATABASE_BUSY (503, retryable).
 */
export async function runInTransaction<T>(ds: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (dialectOf(ds) === 'sqlite') {
    const previous = sqliteQueues.get(ds) ?? Promise.resolve();
    const run = previous.then(
      () => ds.transaction(work),
      () => ds.transaction(work),
    );
    // Keep the chain alive whatever this transaction's outcome.
    sqliteQueues.set(
      ds,
      run.catch(() => undefined),
    );
    return run;
  }
  return withDeadlockRetries(() => ds.transaction(work));
}

/**
 * Runs a MySQL transaction again after a deadlock or lock-wait timeout, at
 * most three attempts in all, then answers DATABASE_BUSY (503, retryable).
 */
export async function withDeadlockRetries<T>(attemptOnce: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= MAX_ATTEMPTS) {
        throw new AppError('DATABASE_BUSY', { cause: error, details: { retryable: true } });
      }
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10 * attempt));
    }
  }
}

function isRetryable(error: unknown): boolean {
  const code =
    (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ??
    (error as { code?: string })?.code;
  return typeof code === 'string' && RETRYABLE_MYSQL_ERRORS.has(code);
}
