#!/usr/bin/env node
/**
 * `npm run check:weapp`: the WeChat DevTools checks, offline.
 *
 * 1. Builds the mini-program in production mode (dist/weapp).
 * 2. Runs miniprogram-ci's code quality scan (`checkCodeQuality`) and static
 *    dependency analysis (`analyseCode`); neither needs a key or the network.
 * 3. Fails when a quality check fails, the analysis reports module errors, or
 *    the main package is larger than 1 MiB.
 * 4. Runs the miniprogram-simulate smoke test against the build
 *    (client/weapp-test).
 *
 * `--no-build` reuses an existing dist/weapp.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const MAIN_PACKAGE_LIMIT = 1024 * 1024;

/** What each miniprogram-ci quality check guards, in our words. */
const CHECK_DESCRIPTIONS = {
  PACKAGE_SIZE_LIMIT: 'main package within WeChat size limit',
  JS_COMPRESS_OPEN: 'JS minification on (project.config.json)',
  WXML_COMPRESS_OPEN: 'WXML minification on',
  WXSS_COMPRESS_OPEN: 'WXSS minification on',
  LAZYCODE_LOADING_OPEN: 'lazyCodeLoading: requiredComponents',
  IMAGE_AND_AUDIO_LIMIT: 'images and audio under 200 KB',
  CONTAINS_OTHER_PKG_JS: 'no subpackage-only JS in main package',
  CONTAINS_OTHER_PKG_COMPONENTS: 'no subpackage-only components in main package',
  CONTAINS_UNUSED_PLUGINS: 'no unused plugins',
  CONTAINS_UNUSED_COMPONENTS: 'no unused components',
  CONTAINS_UNUSED_CODES: 'no unused files',
};

/** Runs a command; resolves with its exit code and, when captured, its output. */
function run(command, args, { capture = false, env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    if (capture) {
      child.stdout.on('data', (chunk) => {
        output += chunk;
      });
      child.stderr.on('data', (chunk) => {
        output += chunk;
      });
    }
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function printTable(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  const line = (row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ');
  console.log(line(rows[0]));
  console.log(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
}

async function build() {
  console.log('> NODE_ENV=production taro build --type weapp');
  const started = Date.now();
  const { code, output } = await run('npx', ['taro', 'build', '--type', 'weapp'], {
    capture: true,
    env: { NODE_ENV: 'production' },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(output.split('\n').slice(-60).join('\n'));
    throw new Error(`weapp build failed (exit ${code}) after ${seconds} s`);
  }
  console.log(`  built dist/weapp in ${seconds} s\n`);
}

/** Problems the dependency analysis found (a missing file, a bad usingComponents path, …). */
function analysisErrors(analysis) {
  const problems = [];
  for (const module of analysis.modules ?? []) {
    for (const error of module.errors ?? []) problems.push(`${module.id}: ${JSON.stringify(error)}`);
    for (const dep of module.deps ?? []) {
      if (dep.error) problems.push(`${module.id} -> ${dep.request}: ${JSON.stringify(dep.error)}`);
    }
  }
  return problems;
}

async function checkWithMiniprogramCi() {
  const ci = require('miniprogram-ci');
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: root,
    // Neither check reads the key; the constructor only wants one.
    privateKey: 'offline-check',
    ignores: ['node_modules/**/*'],
  });

  const quality = await ci.checkCodeQuality(project);
  const analysis = await ci.analyseCode(project, { silent: true });
  if (!Array.isArray(quality) || quality.length === 0) throw new Error('checkCodeQuality returned no checks');
  if (!analysis) throw new Error('analyseCode returned nothing');

  let failed = 0;
  const rows = [['check', 'result', 'what it guards']];
  for (const item of quality) {
    if (!item.success) failed += 1;
    rows.push([item.name, item.success ? 'pass' : 'FAIL', CHECK_DESCRIPTIONS[item.name] ?? item.text]);
  }

  const problems = analysisErrors(analysis);
  if (problems.length > 0) failed += 1;
  rows.push(['analyseCode', problems.length === 0 ? 'pass' : 'FAIL', 'no module or dependency errors']);

  const mainFiles = (analysis.files ?? []).filter((file) => !file.subPackage);
  const mainBytes = mainFiles.reduce((sum, file) => sum + file.size, 0);
  const sizeCheck = quality.find((item) => item.name === 'PACKAGE_SIZE_LIMIT');
  const reportedMainBytes = sizeCheck?.detail?.__APP__ ?? mainBytes;
  const measuredBytes = Math.max(mainBytes, reportedMainBytes);
  const withinBudget = measuredBytes <= MAIN_PACKAGE_LIMIT;
  if (!withinBudget) failed += 1;
  rows.push(['MAIN_PACKAGE_BUDGET', withinBudget ? 'pass' : 'FAIL', `main package ≤ ${kib(MAIN_PACKAGE_LIMIT)}`]);

  printTable(rows);
  console.log('');
  console.log(`main package: ${kib(reportedMainBytes)} (${reportedMainBytes} bytes, ${mainFiles.length} files)`);
  for (const [pkg, bytes] of Object.entries(sizeCheck?.detail ?? {})) {
    if (pkg !== '__APP__') console.log(`subpackage ${pkg}: ${kib(bytes)}`);
  }
  for (const item of quality.filter((check) => !check.success)) {
    console.log(`\n${item.name}: ${item.text}\n${JSON.stringify(item.detail ?? {}, null, 2)}`);
  }
  for (const problem of problems) console.log(`analysis error: ${problem}`);
  return failed;
}

async function smokeTest() {
  console.log('\n> jest -c client/weapp-test/jest.config.js (miniprogram-simulate smoke test)');
  const { code } = await run('npx', ['jest', '-c', 'client/weapp-test/jest.config.js']);
  return code;
}

async function main() {
  if (!process.argv.includes('--no-build')) await build();
  if (!existsSync(path.join(root, 'dist/weapp/app.json'))) throw new Error('dist/weapp is missing: build first');

  const failedChecks = await checkWithMiniprogramCi();
  const smokeCode = await smokeTest();

  const failures = [];
  if (failedChecks > 0) failures.push(`${failedChecks} miniprogram-ci check(s) failed`);
  if (smokeCode !== 0) failures.push('the miniprogram-simulate smoke test failed');
  if (failures.length > 0) {
    console.error(`\ncheck:weapp FAILED: ${failures.join('; ')}`);
    return 1;
  }
  console.log('\ncheck:weapp passed');
  return 0;
}

// miniprogram-ci leaves a file watcher running, so leave explicitly.
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`check:weapp FAILED: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
