#!/usr/bin/env node
// Compiles server/src and shared/src to build/ (CommonJS) with swc — the
// same transform the tests use. Type checking is `npm run typecheck`.
// Skips the work when nothing changed since the last build.
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'build');
const sources = ['server/src', 'shared/src'];

function listSources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test-support') out.push(...listSources(full));
    } else if (/\.ts$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(full);
    }
  }
  return out;
}

const files = sources.flatMap((s) => listSources(path.join(root, s)));
const stampFile = path.join(outDir, '.stamp');
const newest = Math.max(...files.map((f) => statSync(f).mtimeMs), statSync(fileURLToPath(import.meta.url)).mtimeMs);
let stamp = 0;
try {
  stamp = statSync(stampFile).mtimeMs;
} catch {}
if (stamp >= newest && !process.argv.includes('--force')) {
  process.exit(0);
}

const started = Date.now();
// Rebuild from scratch so files deleted from the sources disappear from build/ too.
rmSync(outDir, { recursive: true, force: true });
await Promise.all(
  files.map(async (file) => {
    const rel = path.relative(root, file);
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
    const out = path.join(outDir, rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${code}\n//# sourceMappingURL=${path.basename(out)}.map\n`);
    if (map) writeFileSync(`${out}.map`, map);
  }),
);
mkdirSync(outDir, { recursive: true });
writeFileSync(stampFile, String(Date.now()));
console.log(`server built: ${files.length} files in ${Date.now() - started} ms → build/`);
