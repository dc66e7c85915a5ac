import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { dialectOf } from './data-source';

const MYSQL_LOCK_NAME = 'yishi:migrate';
const LOCK_WAIT_SECONDS = 120;

/**
 * Runs `work` while holding the installation-wide schema lock, so that two
 * server processes starting together never migrate or seed at the same time.
 * MySQL/MariaDB: GET_LOCK on a dedicated connection. SQLite: an exclusive lock
 * file beside the database (a lock left by a dead process is taken over).
 */
export async function withSchemaLock<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  if (dialectOf(ds) === 'mysql') {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      const rows = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [MYSQL_LOCK_NAME, LOCK_WAIT_SECONDS])) as {
        acquired: number | string | null;
      }[];
      if (Number(rows[0]?.acquired) !== 1) {
        throw new Error(`Could not take the migration lock within ${LOCK_WAIT_SECONDS} s`);
      }
      try {
        return await work();
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [MYSQL_LOCK_NAME]);
      }
    } finally {
      await runner.release();
    }
  }
  const database = String(ds.options.database);
  const lockPath = `${database}.migrate.lock`;
  await acquireLockFile(lockPath);
  try {
    return await work();
  } finally {
    try {
      unlinkSync(lockPath);
    } catch {
      // already gone
    }
  }
}

async function acquireLockFile(lockPath: string): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_SECONDS * 1000;
  for (;;) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (lockHolderIsGone(lockPath)) {
      try {
        unlinkSync(lockPath);
      } catch {
        // another process removed it first
      }
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Could not take the migration lock ${path.basename(lockPath)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function lockHolderIsGone(lockPath: string): boolean {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) {
      // Written but not yet filled in: give its writer a moment.
      return Date.now() - statSync(lockPath).mtimeMs > 5_000;
    }
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Applies every pending migration, each in its own transaction. Returns the names applied. */
export async function runMigrations(ds: DataSource): Promise<string[]> {
  const applied = await ds.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}
