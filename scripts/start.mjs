#!/usr/bin/env node
// npm start: builds what is missing or stale (the H5 client, the server), then
// runs the server, which migrates, seeds the demo community once and serves
// the H5 client at / and the API at /api on PORT (default 3000).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureH5Build, ensureServerBuild, root } from './lib/builds.mjs';

if (!process.env.YISHI_H5_DIR) ensureH5Build();
ensureServerBuild();

const server = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'build', 'server', 'src', 'main.js')], {
  stdio: 'inherit',
  cwd: root,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
