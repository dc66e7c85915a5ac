#!/usr/bin/env node
// npm run test:e2e: the real server on a temporary database (SQLite, or the
// MySQL/MariaDB server in TEST_DATABASE_URL with E2E_DB=mysql) serving the H5
// build, driven by playwright-core in Debian's Chromium. Screenshots go to
// e2e/screenshots/ (git-ignored). At the end the server gets SIGTERM and must
// drain and exit 0.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureH5Build, ensureServerBuild, root } from './lib/builds.mjs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH)`);
  process.exit(1);
}

ensureH5Build();
ensureServerBuild();

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yishi-e2e-'));
const server = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'build', 'server', 'src', 'main.js')], {
  cwd: root,
  env: {
    ...process.env,
    DATABASE_URL: '',
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    YISHI_DATA_DIR: dataDir,
    YISHI_SEED_DEMO: 'always',
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'pipe', 'inherit'],
});

const baseUrl = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
  server.stdout.on('data', (chunk) => {
    out += chunk;
    process.stdout.write(chunk);
    const match = out.match(/running: (http:\/\/[^/\s]+:\d+)\//);
    if (match) {
      clearTimeout(timer);
      resolve(match[1].replace('localhost', '127.0.0.1'));
    }
  });
  server.on('exit', (code) => reject(new Error(`server exited early with ${code}:\n${out}`)));
});

const jest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'), '-c', 'e2e/jest.config.js', ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: baseUrl, CHROMIUM_PATH: chromium } },
);

// The server must drain and exit 0 on SIGTERM (QUALITY.md S6).
const exitCode = await new Promise((resolve) => {
  const timer = setTimeout(() => {
    server.kill('SIGKILL');
    resolve('timeout');
  }, 10_000);
  server.removeAllListeners('exit');
  server.on('exit', (code) => {
    clearTimeout(timer);
    resolve(code);
  });
  server.kill('SIGTERM');
});
rmSync(dataDir, { recursive: true, force: true });
if (exitCode !== 0) {
  console.error(`server did not exit cleanly on SIGTERM (exit: ${exitCode})`);
  process.exit(1);
}
console.log('server drained and exited 0 on SIGTERM');
process.exit(jest.status ?? 1);
