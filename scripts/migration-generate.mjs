#!/usr/bin/env node
// npm run migration:generate -- <Name>: builds the server, then writes new migrations for both dialects.
import { execFileSync } from 'node:child_process';

execFileSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
execFileSync(process.execPath, ['build/server/src/db/migration-cli.js', 'generate', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
