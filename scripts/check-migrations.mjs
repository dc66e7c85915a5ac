#!/usr/bin/env node
// npm run check:migrations: fails unless entities and migrations agree on SQLite and on MySQL/MariaDB.
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
try {
  execFileSync(process.execPath, ['build/server/src/db/migration-cli.js', 'check'], { stdio: 'inherit' });
} catch {
  process.exit(1);
}
