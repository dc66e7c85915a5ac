import path from 'node:path';
import { type Dialect } from './data-source';
import { schemaDiffAfterMigrations, writeMigration } from './migration-tools';

/**
 * `npm run migration:generate -- <Name>` writes a migration per dialect for
 * what the entities changed; `npm run check:migrations` fails when the
 * entities and the migrations disagree. MySQL uses MIGRATION_DATABASE_URL,
 * else TEST_DATABASE_URL, else mysql://root@127.0.0.1:3306/test.
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const mysqlUrl =
    process.env.MIGRATION_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test';
  const dialects: Dialect[] = ['sqlite', 'mysql'];
  const sourceRoot = path.resolve(process.cwd(), 'server', 'src', 'db', 'migrations');
  let failed = false;
  for (const dialect of dialects) {
    const diff = await schemaDiffAfterMigrations(dialect, mysqlUrl);
    if (command === 'check') {
      if (diff.up.length === 0) {
        console.log(`${dialect}: entities and migrations agree`);
      } else {
        failed = true;
        console.error(`${dialect}: entities and migrations disagree; missing:\n  ${diff.up.join('\n  ')}`);
      }
    } else if (command === 'generate') {
      if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name))
        throw new Error('Usage: migration:generate -- <CamelCaseName>');
      if (diff.up.length === 0) console.log(`${dialect}: no changes`);
      else console.log(`${dialect}: wrote ${writeMigration(dialect, name, diff, sourceRoot)}`);
    } else {
      throw new Error(`Unknown command ${command}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
