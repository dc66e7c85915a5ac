#!/usr/bin/env node
// `npm run bench:tally [-- --runs N --out FILE]`: P5 (QUALITY.md) — a Civil
// Code tally of 20,000 units in-process, target ≤ 200 ms. Times, over
// several runs, `tallyOwners` as the server calls it (validation with the zod
// schema + counting + deciding, exact bigint areas), the count alone on
// validated input, and in the same run a baseline: a plain loop summing the
// same areas. Prints a table and writes JSON (figures, ratios to the
// baseline, machine info) to FILE, by default bench/results/tally-<date>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadVoteRules } from './tally.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_MS = 200;
const UNITS = 20_000;

const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '5' },
    out: { type: 'string' },
  },
});
const runs = Number(options.runs);
const warmup = Number(options.warmup);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
  console.error('usage: npm run bench:tally -- [--runs N] [--warmup N] [--out FILE]');
  process.exit(2);
}

/** Deterministic pseudo-random numbers (mulberry32), so every run counts the same estate. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A large estate: 20,000 units of 45–180 ㎡; 6 % still held by the developer
 * (one owner), about a tenth of the buyers with two or three units; 80 % of
 * the owners vote (70 % yes, 20 % no, 10 % abstain) on a major matter.
 */
function makeEstate() {
  const next = random(278);
  const units = [];
  let buyer = 0;
  while (units.length < UNITS) {
    const developer = next() < 0.06;
    const owner = developer ? 'developer' : `owner-${++buyer}`;
    const count = developer ? 1 : next() < 0.1 ? 2 + Math.floor(next() * 2) : 1;
    for (let i = 0; i < count && units.length < UNITS; i++) {
      const centi = 4500 + Math.floor(next() * 13500);
      const area =
        centi % 100 === 0 && next() < 0.5
          ? centi / 100
          : `${Math.floor(centi / 100)}.${String(centi % 100).padStart(2, '0')}`;
      units.push({ id: `${1 + Math.floor(units.length / 200)}-${units.length % 200}`, area, owner });
    }
  }
  const owners = [...new Set(units.map((unit) => unit.owner))];
  const ballots = [];
  for (const owner of owners) {
    if (next() >= 0.8) continue;
    const roll = next();
    ballots.push({ owner, choice: roll < 0.7 ? 'yes' : roll < 0.9 ? 'no' : 'abstain' });
  }
  return { input: { kind: 'owners', matter: 'major', units, ballots }, owners: owners.length };
}

/** The baseline: one plain loop summing the same areas (hundredths, as numbers). */
function sumAreas(units) {
  let total = 0;
  for (const unit of units) {
    total += typeof unit.area === 'number' ? unit.area * 100 : Math.round(Number(unit.area) * 100);
  }
  return total;
}

function time(fn) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  let sink;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    sink = fn();
    samples.push(performance.now() - started);
  }
  return { samples, sink };
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  const round = (ms) => Math.round(ms * 1000) / 1000;
  return {
    runs: sorted.length,
    medianMs: round(at(0.5)),
    p99Ms: round(at(0.99)),
    minMs: round(sorted[0]),
    maxMs: round(sorted.at(-1)),
    meanMs: round(sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length),
  };
}

const rules = loadVoteRules();
const { input, owners } = makeEstate();
const parsed = rules.ownersTallyInputSchema.parse(input);

const tally = time(() => rules.tallyOwners(input));
const countOnly = time(() => rules.decideOwnersMatter(parsed.matter, rules.countOwners(parsed)));
const baseline = time(() => sumAreas(input.units));

if (JSON.stringify(tally.sink) !== JSON.stringify(countOnly.sink)) throw new Error('tally and count disagree');
const expectedArea = rules.formatExactAreaCentiM2(BigInt(baseline.sink));
if (tally.sink.entitled.area !== expectedArea) {
  throw new Error(`entitled area ${tally.sink.entitled.area} ≠ baseline sum ${expectedArea}`);
}

const results = {
  tally: stats(tally.samples),
  countOnly: stats(countOnly.samples),
  baseline: stats(baseline.samples),
};
const ratio = (a, b) => (b > 0 ? Math.round((a / b) * 10) / 10 : null);
const report = {
  benchmark: 'P5 tally: Civil Code tally of 20,000 units in-process',
  date: new Date().toISOString(),
  target: { id: 'P5', p99Ms: TARGET_MS },
  met: results.tally.p99Ms <= TARGET_MS,
  workload: { units: input.units.length, owners, ballots: input.ballots.length, matter: input.matter },
  outcome: tally.sink,
  results,
  ratios: {
    tallyToBaseline: {
      median: ratio(results.tally.medianMs, results.baseline.medianMs),
      p99: ratio(results.tally.p99Ms, results.baseline.p99Ms),
    },
    countOnlyToBaseline: {
      median: ratio(results.countOnly.medianMs, results.baseline.medianMs),
      p99: ratio(results.countOnly.p99Ms, results.baseline.p99Ms),
    },
    tallyToTarget: { p99: Math.round((results.tally.p99Ms / TARGET_MS) * 1000) / 1000 },
  },
  machine: {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    arch: os.arch(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  },
  options: { runs, warmup },
};

const rows = [
  ['tallyOwners (validate + count + decide)', results.tally, report.ratios.tallyToBaseline],
  ['count + decide (validated input)', results.countOnly, report.ratios.countOnlyToBaseline],
  ['baseline: plain loop summing areas', results.baseline, { median: 1, p99: 1 }],
];
console.log(
  `P5 tally — ${report.workload.units} units, ${owners} owners, ${report.workload.ballots} ballots (${input.matter}); ` +
    `${runs} runs after ${warmup} warm-up; node ${process.version}, ${report.machine.cpus} × ${report.machine.cpuModel}, ` +
    `load ${report.machine.loadAverage.join(' ')}`,
);
const header = ['', 'median ms', 'p99 ms', 'min ms', 'max ms', '× baseline (median / p99)'];
const table = rows.map(([label, s, r]) => [
  label,
  s.medianMs.toFixed(3),
  s.p99Ms.toFixed(3),
  s.minMs.toFixed(3),
  s.maxMs.toFixed(3),
  `${r.median} / ${r.p99}`,
]);
const widths = header.map((_, i) => Math.max(...[header, ...table].map((row) => String(row[i]).length)));
for (const row of [header, ...table])
  console.log(
    row.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]))).join('  '),
  );
console.log(`target: p99 ≤ ${TARGET_MS} ms → ${report.met ? 'met' : 'NOT met'} (${results.tally.p99Ms} ms)`);

const out =
  options.out ??
  path.join(root, 'bench', 'results', `tally-${report.date.replace(/[:]/g, '-').replace(/\..*$/, '')}.json`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(`written: ${path.relative(process.cwd(), out) || out}`);
