import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import pino, { type Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { createApp, FEATURES, type Feature } from '../../src/app';
import { startServices } from '../../src/bootstrap';
import { type Config, loadConfig } from '../../src/config';
import type { Dialect } from '../../src/db/data-source';
import type { AppServices } from '../../src/http/context';

export interface TestDatabase {
  dialect: Dialect;
  /** Admin URL of the MySQL/MariaDB server (each test gets its own database on it). */
  serverUrl?: string;
}

/** SQLite always; MySQL/MariaDB too when TEST_DATABASE_URL is set. */
export function testDatabases(): TestDatabase[] {
  const url = process.env.TEST_DATABASE_URL;
  return [{ dialect: 'sqlite' }, ...(url ? [{ dialect: 'mysql' as const, serverUrl: url }] : [])];
}

/** `describe.each` table: one row per database under test. */
export const eachDatabase = testDatabases().map((db) => [db.dialect, db] as const);

export function mysqlTestUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL;
}

let counter = 0;

/** A brand-new empty database (a temp folder for SQLite, a fresh schema on MySQL). */
export async function freshDatabase(db: TestDatabase): Promise<{
  env: Record<string, string>;
  drop: () => Promise<void>;
}> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yishi-test-'));
  if (db.dialect === 'sqlite') {
    return { env: { YISHI_DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const serverUrl = db.serverUrl!.replace(/^mariadb:/, 'mysql:');
  const name = `yishi_t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = await createConnection(serverUrl);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { YISHI_DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => {
      const conn = await createConnection(serverUrl);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function testConfig(env: Record<string, string>): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    YISHI_SEED_DEMO: 'never',
    YISHI_DEMO_HISTORY: 'off',
    YISHI_DEMO: 'on',
    YISHI_H5_DIR: path.join(os.tmpdir(), 'yishi-no-h5'),
    DB_POOL_SIZE: '10',
    ...env,
  });
}

export interface TestServer {
  services: AppServices;
  dataSource: DataSource;
  config: Config;
  app: ReturnType<typeof createApp>;
  /** app.callback() for supertest. */
  callback: ReturnType<ReturnType<typeof createApp>['callback']>;
  logger: Logger;
  /** Log lines written while the server ran (JSON objects). */
  logs: Record<string, unknown>[];
  close: () => Promise<void>;
}

/**
 * Starts the real services (migrations included) on a fresh database and
 * builds the app around them. `extraFeatures` adds routes for tests that
 * exercise the HTTP pipeline itself.
 */
export async function startTestServer(
  db: TestDatabase,
  options: { env?: Record<string, string>; extraFeatures?: Feature[] } = {},
): Promise<TestServer> {
  const fresh = await freshDatabase(db);
  const config = testConfig({ ...fresh.env, ...options.env });
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    {
      write: (line: string) => {
        logs.push(JSON.parse(line) as Record<string, unknown>);
      },
    },
  );
  const services = await startServices(config, logger);
  const app = createApp(services, logger, [...FEATURES, ...(options.extraFeatures ?? [])]);
  return {
    services,
    dataSource: services.dataSource,
    config,
    app,
    callback: app.callback(),
    logger,
    logs,
    close: async () => {
      await services.close();
      await fresh.drop();
    },
  };
}

/** Signs in as a demo persona (the server must have seeded the demo) and returns the bearer token. */
export async function personaToken(server: TestServer, persona: string): Promise<string> {
  const { default: request } = await import('supertest');
  const res = await request(server.callback).post('/api/auth/dev-login').send({ persona });
  if (res.status !== 200) throw new Error(`dev-login ${persona} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.token as string;
}

/** Row counts of every table: a cheap fingerprint to prove a request changed nothing. */
export async function tableCounts(ds: DataSource): Promise<Record<string, number>> {
  const tables = ds.entityMetadatas.map((m) => m.tableName).sort();
  // One round trip for every table: the fuzz test takes this fingerprint twice per request.
  const rows = (await ds.query(
    tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM ${t}`).join(' UNION ALL '),
  )) as { t: string; n: number | string }[];
  const counts: Record<string, number> = {};
  for (const t of tables) counts[t] = 0;
  for (const r of rows) counts[r.t] = Number(r.n);
  return counts;
}
