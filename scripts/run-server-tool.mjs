#!/usr/bin/env node
// Runs a server-side command from the compiled server: `npm run admin -- …`, `npm run bench -- …`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureServerBuild, root } from './lib/builds.mjs';

const tools = {
  admin: 'build/server/src/admin/admin-cli.js',
  bench: 'build/server/bench/bench-cli.js',
};
const [tool, ...args] = process.argv.slice(2);
if (!tools[tool]) {
  console.error(`Unknown tool ${tool}; one of: ${Object.keys(tools).join(', ')}`);
  process.exit(2);
}
ensureServerBuild();
const result = spawnSync(process.execPath, ['--enable-source-maps', path.join(root, tools[tool]), ...args], {
  stdio: 'inherit',
  cwd: root,
});
process.exit(result.status ?? 1);
