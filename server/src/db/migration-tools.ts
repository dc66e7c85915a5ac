import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConnection } from 'mysql2/promise';
import { createDataSource, type Dialect } from './data-source';

export interface SchemaDiff {
  up: string[];
  down: string[];
}

/**
 * Builds a throw-away database of the given dialect, applies every migration
 * and asks TypeORM what the entities still need. An empty diff proves the
 * entities and the migrations agree.
 */
export async function schemaDiffAfterMigrations(dialect: Dialect, mysqlUrl?: string): Promise<SchemaDiff> {
  const scratch = await createScratchDatabase(dialect, mysqlUrl);
  try {
    const ds = await createDataSource({ url: scratch.url, dataDir: scratch.dataDir });
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const sql = await ds.driver.createSchemaBuilder().log();
      return {
        up: sql.upQueries.map((q) => q.query),
        down: sql.downQueries.map((q) => q.query).reverse(),
      };
    } finally {
      await ds.destroy();
    }
  } finally {
    await scratch.drop();
  }
}

interface ScratchDatabase {
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

async function createScratchDatabase(dialect: Dialect, mysqlUrl?: string): Promise<ScratchDatabase> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yishi-schema-'));
  if (dialect === 'sqlite') {
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!mysqlUrl) throw new Error('A MySQL/MariaDB URL is needed to check the mysql migrations');
  const name = `yishi_schema_${process.pid}_${Date.now()}`;
  const admin = await createConnection(mysqlUrl.replace(/^mariadb:/, 'mysql:'));
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const url = new URL(mysqlUrl.replace(/^mariadb:/, 'mysql:'));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    dataDir,
    drop: async () => {
      const conn = await createConnection(mysqlUrl.replace(/^mariadb:/, 'mysql:'));
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Writes a migration class for the diff and re-lists the dialect's migrations in index.ts. */
export function writeMigration(dialect: Dialect, name: string, diff: SchemaDiff, migrationsRoot: string): string {
  const timestamp = Date.now();
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${timestamp}`;
  const folder = path.join(migrationsRoot, dialect);
  const fileBase = `${timestamp}-${name}`;
  const quote = (q: string) => `    await queryRunner.query(${JSON.stringify(q)});`;
  const body = `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(quote).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${diff.down.map(quote).join('\n')}
  }
}
`;
  writeFileSync(path.join(folder, `${fileBase}.ts`), body);
  writeIndex(dialect, folder);
  return path.join(folder, `${fileBase}.ts`);
}

function writeIndex(dialect: Dialect, folder: string): void {
  const files = readdirSync(folder)
    .filter((f) => /^\d+-.+\.ts$/.test(f))
    .sort();
  const imports = files.map((f, i) => `import * as m${i} from './${f.replace(/\.ts$/, '')}';`);
  const list = files.map((_, i) => `  ...classesOf(m${i}),`);
  writeFileSync(
    path.join(folder, 'index.ts'),
    `// The ${dialect} migrations in order. Maintained by \`npm run migration:generate\`.
import type { MigrationInterface } from 'typeorm';
${imports.join('\n')}

type MigrationClass = new () => MigrationInterface;

function classesOf(module: Record<string, unknown>): MigrationClass[] {
  return Object.values(module).filter((v): v is MigrationClass => typeof v === 'function');
}

export const ${dialect}Migrations: MigrationClass[] = [
${list.join('\n')}
];
`,
  );
}
