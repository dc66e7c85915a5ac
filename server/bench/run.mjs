#!/usr/bin/env node
// `npm run bench -- <name> [options]` (e.g. `npm run bench:feed -- --out FILE`):
// compiles the server (scripts/build-server.mjs) and the benchmarks in
// server/bench/ to build/ with swc — the same transform as the server — then
// runs build/server/bench/bench-cli.js. Benchmarks are not part of npm test.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformFile } from '@swc/core';
import { ensureServerBuild, root } from '../../scripts/lib/builds.mjs';

ensureServerBuild();
const benchDir = path.join(root, 'server', 'bench');
const outDir = path.join(root, 'build', 'server', 'bench');
mkdirSync(outDir, { recursive: true });
for (const name of readdirSync(benchDir).filter((n) => n.endsWith('.ts') && !n.endsWith('.d.ts'))) {
  const file = path.join(benchDir, name);
  const { code, map } = await transformFile(file, {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: true,
    filename: file,
  });
  const out = path.join(outDir, name.replace(/\.ts$/, '.js'));
  writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
  if (map) writeFileSync(`${out}.map`, map);
}
const result = spawnSync(
  process.execPath,
  ['--enable-source-maps', path.join(outDir, 'bench-cli.js'), ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root },
);
process.exit(result.status ?? 1);
