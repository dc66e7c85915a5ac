#!/usr/bin/env node
// npm start: builds what is missing or stale (the H5 client, the server), then
// runs the server, which migrates, seeds the demo community once and serves
// the H5 client at / and the API at /api on PORT (default 3000).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(target)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

function run(args, env = {}) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const h5Index = path.join(root, 'dist', 'h5', 'index.html');
const clientInputs = ['client', 'shared/src', 'config', 'package.json'].map((p) => path.join(root, p));
const h5Built = existsSync(h5Index) ? statSync(h5Index).mtimeMs : 0;
if (!process.env.YISHI_H5_DIR && (h5Built === 0 || Math.max(...clientInputs.map(newestMtime)) > h5Built)) {
  console.log(
    h5Built === 0 ? 'Building the H5 client (first start)…' : 'The client changed: rebuilding the H5 client…',
  );
  run([path.join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'], {
    NODE_ENV: 'production',
  });
}
run([path.join(root, 'scripts', 'build-server.mjs')]);

const server = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'build', 'server', 'src', 'main.js')], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
