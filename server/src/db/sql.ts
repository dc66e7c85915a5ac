import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { dialectOf } from './data-source';
import { perDataSource } from './per-data-source';
import { runInTransaction, withDeadlockRetries } from './transaction';

/**
 * Anything that runs one parameterized SQL statement and answers the driver's
 * raw result (rows for a SELECT, the result header for a write): a TypeORM
 * EntityManager, or a MySQL connection used directly (below).
 */
export interface Sql {
  // biome-ignore lint/suspicious/noExplicitAny: the driver's raw result, shaped by the statement
  query(sql: string, parameters?: unknown[]): Promise<any>;
}

type Callback = (error: Error | null, result?: unknown) => void;
interface MysqlCallbackTarget {
  query(sql: string, values: unknown[], callback: Callback): void;
  execute(sql: string, values: unknown[], callback: Callback): void;
}
interface MysqlPoolConnection extends MysqlCallbackTarget {
  release(): void;
  destroy(): void;
}
interface MysqlPool extends MysqlCallbackTarget {
  getConnection(callback: (error: Error | null, connection: MysqlPoolConnection) => void): void;
}

/**
 * Statements sent straight to mysql2's callback API on the data source's own
 * pool (same connection settings, so the same result types as `em.query`).
 * For the few hot paths (ballots, the actor read) where the ORM's per-query
 * work — query runner, subscriber broadcast, promise wrapper with a captured
 * stack — cost more CPU than the statement itself.
 */
class MysqlSql implements Sql {
  constructor(private readonly target: MysqlCallbackTarget) {}

  query(sql: string, parameters: unknown[] = []): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.target.query(sql, parameters, (error, result) => (error ? reject(error) : resolve(result)));
    });
  }

  /** As a server-side prepared statement (kept per connection by the driver): parsed once, values sent binary. */
  execute(sql: string, parameters: unknown[] = []): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.target.execute(sql, parameters, (error, result) => (error ? reject(error) : resolve(result)));
    });
  }
}

/**
 * A statement run again and again with the same SQL: on MySQL/MariaDB as a
 * prepared statement (the server parses and plans it once per connection),
 * elsewhere as an ordinary query. Meant for a small set of statement texts
 * (each connection keeps every one it prepared).
 */
export function executePrepared(ds: DataSource, sql: string, parameters: unknown[]): Promise<unknown> {
  const target = directSql(ds);
  return target instanceof MysqlSql ? target.execute(sql, parameters) : target.query(sql, parameters);
}

function mysqlPoolOf(ds: DataSource): MysqlPool | undefined {
  if (dialectOf(ds) !== 'mysql') return undefined;
  return (ds.driver as unknown as { pool?: MysqlPool }).pool;
}

/**
 * Single statements outside any transaction, each on whichever pooled
 * connection is free: on MySQL/MariaDB straight on the driver's pool, on
 * SQLite through the data source's manager.
 */
export const directSql = perDataSource((ds): Sql => {
  const pool = mysqlPoolOf(ds);
  return pool ? new MysqlSql(pool) : ds.manager;
});

/**
 * Runs `work` in one transaction on one connection, with the same guarantees
 * as runInTransaction (a deadlock or lock-wait timeout retries the whole
 * transaction; SQLite transactions are serialized), but on MySQL without the
 * ORM's query runner. A connection that failed is destroyed, not returned to the pool.
 */
export async function sqlTransaction<T>(ds: DataSource, work: (sql: Sql) => Promise<T>): Promise<T> {
  const pool = mysqlPoolOf(ds);
  if (!pool) return runInTransaction(ds, (em) => work(em));
  return withDeadlockRetries(() =>
    onConnection(pool, async (sql) => {
      await sql.query('START TRANSACTION');
      const result = await work(sql);
      await sql.query('COMMIT');
      return result;
    }),
  );
}

/**
 * Runs `work` on one connection of `pool`. When work throws, the connection
 * is rolled back (`rollback` says whether a transaction may be open) and goes
 * back to the pool, or is destroyed when even the rollback failed.
 */
async function onConnection<T>(
  pool: MysqlPool,
  work: (sql: MysqlSql) => Promise<T>,
  rollback: () => boolean = () => true,
): Promise<T> {
  const connection = await new Promise<MysqlPoolConnection>((resolve, reject) =>
    pool.getConnection((error, c) => (error ? reject(error) : resolve(c))),
  );
  const sql = new MysqlSql(connection);
  let healthy = true;
  try {
    return await work(sql);
  } catch (error) {
    if (rollback()) {
      await sql.query('ROLLBACK').catch(() => {
        healthy = false;
      });
    }
    throw error;
  } finally {
    if (healthy) connection.release();
    else connection.destroy();
  }
}

/** An entity's stored columns, looked up once per data source and entity. */
const hydrationColumns = perDataSource(() => new Map<unknown, ColumnMetadata[]>());

function columnsOf(ds: DataSource, target: EntityTarget<ObjectLiteral>): ColumnMetadata[] {
  const byTarget = hydrationColumns(ds);
  let columns = byTarget.get(target);
  if (!columns) {
    columns = ds.getMetadata(target).columns.filter((c) => !c.isVirtual);
    byTarget.set(target, columns);
  }
  return columns;
}

/**
 * An entity built from a raw row holding its table's columns (by column
 * name, each after `prefix` when one is given), converted exactly as the ORM
 * converts what it reads.
 */
export function hydrate<E extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<E>,
  row: Record<string, unknown>,
  prefix = '',
): E {
  const entity = ds.getMetadata(target).create() as E;
  for (const column of columnsOf(ds, target)) {
    const value = row[prefix ? prefix + column.databaseName : column.databaseName];
    if (value === undefined) continue;
    column.setEntityValue(entity, ds.driver.prepareHydratedValue(value, column));
  }
  return entity;
}

/** One statement of a round trip: SQL with `?` placeholders and its values. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/**
 * A transaction whose statements travel several per round trip. `trip`
 * sends its statements together and answers one result per statement; the
 * first trip also starts the transaction, and `commit: true` ends the trip
 * with COMMIT.
 */
export type Trip = (statements: Statement[], options?: { commit?: boolean }) => Promise<unknown[]>;

/** Connections of the multi-statement pool (each batch in flight holds one). */
const MULTI_POOL_SIZE = 8;
const multiPools = new WeakMap<DataSource, MysqlPool>();

/**
 * MySQL/MariaDB only: a small pool of its own, with the data source's
 * connection settings, whose connections accept several statements per
 * round trip. Only the ballot batch uses it, and only with statements built
 * from constant SQL and `?` placeholders (values are escaped by the driver
 * as everywhere else). Ended with the data source.
 */
function multiStatementPool(ds: DataSource): MysqlPool | undefined {
  if (dialectOf(ds) !== 'mysql') return undefined;
  let pool = multiPools.get(ds);
  if (pool) return pool;
  const driver = ds.driver as unknown as {
    options: Record<string, unknown>;
    mysql: { createPool(options: Record<string, unknown>): MysqlPool & { end(cb: () => void): void } };
    createConnectionOptions(options: unknown, credentials: unknown): Record<string, unknown>;
  };
  const created = driver.mysql.createPool({
    ...driver.createConnectionOptions(driver.options, driver.options),
    multipleStatements: true,
    connectionLimit: MULTI_POOL_SIZE,
  });
  pool = created;
  multiPools.set(ds, created);
  const destroy = ds.destroy.bind(ds);
  ds.destroy = async () => {
    multiPools.delete(ds);
    await new Promise<void>((resolve) => created.end(() => resolve()));
    return destroy();
  };
  return pool;
}

/** Whether multiTransaction sends statements several per round trip here (MySQL/MariaDB). */
export function hasMultiStatements(ds: DataSource): boolean {
  return dialectOf(ds) === 'mysql';
}

/**
 * Runs `work` in one MySQL/MariaDB transaction whose statements go several
 * per round trip (see Trip). Work must end with a `commit: true` trip; when it
 * throws, the transaction is rolled back. A deadlock or lock-wait timeout
 * retries the whole transaction (withDeadlockRetries).
 */
export async function multiTransaction<T>(ds: DataSource, work: (trip: Trip) => Promise<T>): Promise<T> {
  const pool = multiStatementPool(ds);
  if (!pool) throw new Error('multi-statement transactions need MySQL/MariaDB');
  return withDeadlockRetries(() => {
    let started = false;
    let committed = false;
    return onConnection(
      pool,
      async (raw) => {
        const trip: Trip = async (statements, { commit = false } = {}) => {
          if (committed) throw new Error('the transaction already committed');
          const all = [
            ...(started ? [] : [{ sql: 'START TRANSACTION', params: [] }]),
            ...statements,
            ...(commit ? [{ sql: 'COMMIT', params: [] }] : []),
          ];
          const skip = started ? 0 : 1;
          started = true;
          const result = await raw.query(
            all.map((s) => s.sql).join(';\n'),
            all.flatMap((s) => s.params),
          );
          if (commit) committed = true;
          const results = all.length === 1 ? [result] : (result as unknown[]);
          return results.slice(skip, skip + statements.length);
        };
        const result = await work(trip);
        if (!committed) throw new Error('a multi-statement transaction must end with a commit trip');
        return result;
      },
      () => started && !committed,
    );
  });
}
