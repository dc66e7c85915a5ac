import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { DataSource, type MigrationInterface } from 'typeorm';
import { entities } from './entities';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';

export type Dialect = 'sqlite' | 'mysql';

export interface DatabaseOptions {
  /** mysql:// or mariadb:// URL; when absent, the embedded SQLite file is used. */
  url?: string;
  /** Folder holding `yishi.sqlite` when `url` is absent. */
  dataDir: string;
  poolSize?: number;
  /** Build the schema from the entities instead of migrations (only the migration generator does this). */
  migrations?: 'run' | 'none';
}

export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === 'better-sqlite3' ? 'sqlite' : 'mysql';
}

export function migrationsFor(dialect: Dialect): (new () => MigrationInterface)[] {
  return dialect === 'sqlite' ? sqliteMigrations : mysqlMigrations;
}

/**
 * MariaDB and MySQL differ in how they report column defaults, and TypeORM
 * must know which one it talks to or the schema comparison never comes out
 * clean. `mariadb://` says so; for `mysql://` the server is asked.
 */
async function serverFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  if (url.startsWith('mariadb:')) return 'mariadb';
  const connection = await createConnection({ uri: url, connectTimeout: 5_000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = String((rows as { version: string }[])[0]?.version ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** Builds (does not connect) the data source for the configured database. */
export async function createDataSource(options: DatabaseOptions): Promise<DataSource> {
  const withMigrations = options.migrations !== 'none';
  if (options.url) {
    const url = options.url.replace(/^mariadb:/, 'mysql:');
    return new DataSource({
      type: await serverFlavor(options.url),
      url,
      entities,
      migrations: withMigrations ? migrationsFor('mysql') : [],
      migrationsTableName: 'migrations',
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
      poolSize: options.poolSize ?? 20,
      connectTimeout: 5_000,
      supportBigNumbers: true,
      bigNumberStrings: false,
      extra: {
        // Fail fast rather than queue forever when the pool is exhausted or the server is gone.
        enableKeepAlive: true,
        keepAliveInitialDelay: 10_000,
        queueLimit: 0,
      },
    });
  }
  mkdirSync(options.dataDir, { recursive: true });
  return new DataSource({
    type: 'better-sqlite3',
    database: path.join(options.dataDir, 'yishi.sqlite'),
    entities,
    migrations: withMigrations ? migrationsFor('sqlite') : [],
    migrationsTableName: 'migrations',
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
    },
  });
}
