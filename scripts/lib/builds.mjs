// Build helpers shared by npm start and the browser tests: rebuild the H5
// client only when its sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

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

export function runNode(args, env = {}) {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** Builds dist/h5 when it is missing or older than client/, shared/src/, config/ or package.json. */
export function ensureH5Build() {
  const index = path.join(root, 'dist', 'h5', 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const inputs = ['client', 'shared/src', 'config', 'package.json'].map((p) => newestMtime(path.join(root, p)));
  if (built !== 0 && Math.max(...inputs) <= built) return;
  console.log(built === 0 ? 'Building the H5 client (first start)…' : 'The client changed: rebuilding the H5 client…');
  runNode([path.join(root, 'node_modules', '@tarojs', 'cli', 'bin', 'taro'), 'build', '--type', 'h5'], {
    NODE_ENV: 'production',
  });
}

/** Compiles the server to build/ (skipped when up to date). */
export function ensureServerBuild() {
  runNode([path.join(root, 'scripts', 'build-server.mjs')]);
}
