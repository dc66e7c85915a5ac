import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Connection, createConnection } from 'mysql2/promise';
import pino from 'pino';
import { communityFeedQuerySchema } from '../../shared/src/topics/topic-lists.schema';
import { DEFAULT_CATEGORIES, type TopicStatus } from '../../shared/src/topics/topic-states';
import { createApp } from '../src/app';
import { User } from '../src/auth/auth.entity';
import { startServices } from '../src/bootstrap';
import { Community, Estate, SubDistrict } from '../src/communities/communities.entity';
import { loadConfig } from '../src/config';
import { seededRandom } from '../src/db/seed/demo-data';
import type { AppServices } from '../src/http/context';
import { Party } from '../src/topics/topics.entity';
import { communityFeedSql, cursorAfter } from '../src/topics/topics.lists';
import { type LatencyStats, type LoadSample, latencyStats, machineInfo, mergeSamples, runLoad, table } from './load';

/**
 * P3 (QUALITY.md): the community feed, keyset pages of 20, through the real
 * HTTP app on MariaDB. One community is filled with 10,000 topics and its feed
 * measured (newest and most co-signed, first pages and deep pages via cursors,
 * status filters); then the table grows to 1,000,000 topics (bulk multi-row
 * INSERTs, spread over that community and nine others) and the same requests
 * are measured again. Target: p99 at 1M ≤ 1.5 × p99 at 10k, per scenario.
 * Works in a scratch database of its own, dropped at the end.
 */

const HELP = `npm run bench:feed -- [options]
  --out FILE          JSON results (default bench/results/feed-<date>.json)
  --url URL           MariaDB/MySQL server (default $BENCH_DATABASE_URL or mysql://root@127.0.0.1:3306/test);
                      a scratch database is created on it and dropped afterwards
  --baseline N        topics of the baseline (default 10000)
  --topics N          topics after growing (default 1000000)
  --share F           share of the added topics in the measured community (default 0.4)
  --requests N        measured requests per scenario (default 3000)
  --warmup N          warm-up requests per scenario (default 200)
  --concurrency N     requests in flight (default 4)
  --rounds N          rounds over all scenarios, each with requests/rounds requests (default 4)
  --keep              keep the scratch database`;

const MAX_RATIO = 1.5;
const PAGE = 20;
const ROWS_PER_INSERT = 5000;
const COMMUNITIES = 10;

interface Options {
  out: string;
  url: string;
  baseline: number;
  topics: number;
  share: number;
  requests: number;
  warmup: number;
  concurrency: number;
  rounds: number;
  keep: boolean;
}

function parseOptions(args: string[]): Options | undefined {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      url: { type: 'string' },
      baseline: { type: 'string' },
      topics: { type: 'string' },
      share: { type: 'string' },
      requests: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      rounds: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return undefined;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const int = (v: string | undefined, d: number) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${v}`);
    return n;
  };
  return {
    out: values.out ?? path.join('bench', 'results', `feed-${stamp}.json`),
    url: values.url ?? process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test',
    baseline: int(values.baseline, 10_000),
    topics: int(values.topics, 1_000_000),
    share: values.share === undefined ? 0.4 : Number(values.share),
    requests: int(values.requests, 3000),
    warmup: int(values.warmup, 200),
    concurrency: int(values.concurrency, 4),
    rounds: int(values.rounds, 4),
    keep: values.keep ?? false,
  };
}

// --- data -------------------------------------------------------------------

/** Status mix of a living community: most topics are done, a fair share open. */
const STATUS_MIX: [TopicStatus, number][] = [
  ['submitted', 8],
  ['returned', 1],
  ['rejected', 4],
  ['merged', 2],
  ['cosigning', 8],
  ['lapsed', 3],
  ['accepted', 5],
  ['routed', 8],
  ['handling', 8],
  ['scheduled', 3],
  ['deliberated', 2],
  ['decided', 2],
  ['publicity', 2],
  ['implementation', 4],
  ['completed', 30],
  ['closed', 10],
];
const STATUS_TOTAL = STATUS_MIX.reduce((a, [, w]) => a + w, 0);
const WITH_PARTY = new Set<TopicStatus>(['routed', 'handling', 'scheduled', 'implementation', 'completed']);

const PLACES = ['电梯', '楼道灯', '地下车库', '南门', '垃圾分类点', '绿化带', '消防通道', '健身器材', '外墙', '充电桩'];
const PROBLEMS = ['经常损坏', '需要维修', '存在安全隐患', '管理混乱', '噪音扰民', '长期无人清理', '照明不足'];

interface World {
  subDistrictId: number;
  communities: number[];
  estates: Map<number, number[]>;
  parties: Map<number, number>;
  users: number[];
}

async function buildWorld(services: AppServices): Promise<World> {
  const ds = services.dataSource;
  const sd = await ds.getRepository(SubDistrict).save({ name: '基准街道', code: 'BENCH-SD' });
  const communities: number[] = [];
  const estates = new Map<number, number[]>();
  const parties = new Map<number, number>();
  for (let c = 0; c < COMMUNITIES; c++) {
    const community = await ds
      .getRepository(Community)
      .save({ subDistrictId: sd.id, name: `基准社区${c + 1}`, code: `BENCH-C-${c + 1}` });
    communities.push(community.id);
    const ids: number[] = [];
    for (const name of ['东苑', '西苑', '南苑']) {
      const estate = await ds
        .getRepository(Estate)
        .save({ communityId: community.id, name, kind: 'commercial' } as Partial<Estate>);
      ids.push(estate.id);
    }
    estates.set(community.id, ids);
    const party = await ds
      .getRepository(Party)
      .save({ communityId: community.id, kind: 'property_company', name: `基准物业${c + 1}`, estateId: null });
    parties.set(community.id, party.id);
  }
  const users: number[] = [];
  for (let i = 0; i < 200; i++) {
    const user = await ds
      .getRepository(User)
      .save({ nickname: `居民${i}`, realName: `王${i}`, status: 'active', tokenVersion: 0 } as Partial<User>);
    users.push(user.id);
  }
  return { subDistrictId: sd.id, communities, estates, parties, users };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function sqlTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}000`
  );
}

/** One topic row as SQL values; no quotes or backslashes in generated text. */
function topicRow(world: World, random: () => number, communityId: number, seq: number, createdMs: number): string {
  let pick = random() * STATUS_TOTAL;
  let status: TopicStatus = 'completed';
  for (const [s, w] of STATUS_MIX) {
    pick -= w;
    if (pick < 0) {
      status = s;
      break;
    }
  }
  // Co-signs: most topics have none or a few; a long tail has many (lots of ties).
  const r = random();
  const cosigns = r < 0.45 ? 0 : r < 0.8 ? Math.floor(random() * 5) : Math.floor(random() ** 3 * 300);
  const estates = world.estates.get(communityId)!;
  const estate = estates[Math.floor(random() * estates.length)]!;
  const place = PLACES[Math.floor(random() * PLACES.length)]!;
  const problem = PROBLEMS[Math.floor(random() * PROBLEMS.length)]!;
  const building = 1 + Math.floor(random() * 12);
  const title = `${building}号楼${place}${problem}`;
  const description =
    `${building}号楼的${place}${problem}，已经持续了一段时间，给居民的日常生活带来不便。` +
    `希望社区和物业尽快协调处理，并把处理进展及时告诉大家。编号${seq}。`;
  const category = DEFAULT_CATEGORIES[Math.floor(random() * DEFAULT_CATEGORIES.length)]!;
  const held = random() < 0.005 ? 1 : 0;
  const author = world.users[Math.floor(random() * world.users.length)]!;
  const party = WITH_PARTY.has(status) ? String(world.parties.get(communityId)!) : 'NULL';
  const level = WITH_PARTY.has(status) ? "'estate'" : 'NULL';
  const created = sqlTime(createdMs);
  const changed = sqlTime(createdMs + Math.floor(random() * 5 * 86_400_000));
  return (
    `(${communityId},${estate},'estate','${title}','${description}','${category}','${status}',${author},0,${held},` +
    `${level},${party},${cosigns},0,${1 + cosigns},'${changed}','${created}','${created}')`
  );
}

const INSERT_COLUMNS =
  'INSERT INTO topic (community_id, estate_id, scope, title, description, category, status, author_id, hide_author, ' +
  'held, level, responsible_party_id, cosign_count, cosign_target, follower_count, status_changed_at, created_at, ' +
  'updated_at) VALUES ';

/**
 * Bulk-loads `count` topics with multi-row INSERTs of ROWS_PER_INSERT rows on
 * two connections (foreign key and unique checks off for the load).
 */
async function insertTopics(
  dbUrl: string,
  world: World,
  count: number,
  communityOf: (random: () => number) => number,
  seed: number,
  firstSeq: number,
): Promise<number> {
  const started = Date.now();
  const batches = Math.ceil(count / ROWS_PER_INSERT);
  let nextBatch = 0;
  let done = 0;
  // Topics are spread over the last three years, in id order.
  const span = 3 * 365 * 86_400_000;
  const start = Date.now() - span;
  const total = firstSeq + count;
  const worker = async (w: number) => {
    const conn = await createConnection({ uri: dbUrl });
    await conn.query('SET SESSION foreign_key_checks = 0, unique_checks = 0');
    const random = seededRandom(seed * 31 + w);
    try {
      for (;;) {
        const b = nextBatch++;
        if (b >= batches) return;
        const rows: string[] = [];
        for (let i = b * ROWS_PER_INSERT; i < Math.min(count, (b + 1) * ROWS_PER_INSERT); i++) {
          const seq = firstSeq + i;
          rows.push(topicRow(world, random, communityOf(random), seq, start + Math.floor((seq / total) * span)));
        }
        await conn.query(INSERT_COLUMNS + rows.join(','));
        done += rows.length;
        if (batches > 10 && b % 20 === 0) process.stdout.write(`\r  inserted ${done.toLocaleString()} topics…`);
      }
    } finally {
      await conn.end();
    }
  };
  await Promise.all([worker(0), worker(1)]);
  if (batches > 10) process.stdout.write('\n');
  return (Date.now() - started) / 1000;
}

// --- measuring --------------------------------------------------------------

interface Scenario {
  name: string;
  /** Query string of the feed request (without the cursor). */
  query: Record<string, string>;
  /** Cursors for deep pages (a random one per request), or none for the first page. */
  cursors?: string[];
}

async function sampleCursors(
  conn: Connection,
  communityId: number,
  status: TopicStatus | undefined,
  sort: 'newest' | 'cosigns',
  samples: number,
  seed: number,
): Promise<string[]> {
  const [bounds] = (await conn.query(
    `SELECT MIN(id) AS lo, MAX(id) AS hi FROM topic WHERE community_id = ?${status ? ' AND status = ?' : ''}`,
    status ? [communityId, status] : [communityId],
  )) as unknown as [{ lo: number; hi: number }[]];
  const { lo, hi } = bounds[0]!;
  const random = seededRandom(seed);
  const cursors: string[] = [];
  for (let i = 0; i < samples; i++) {
    // Anywhere from 5 % to 100 % of the way down: deep pages with a full page after them.
    const target = Math.floor(lo + (hi - lo) * (0.05 + 0.95 * random()));
    const [rows] = (await conn.query(
      `SELECT id, cosign_count FROM topic WHERE community_id = ?${status ? ' AND status = ?' : ''} AND id >= ? ORDER BY id LIMIT 1`,
      status ? [communityId, status, target] : [communityId, target],
    )) as unknown as [{ id: number; cosign_count: number }[]];
    const row = rows[0];
    if (row) cursors.push(cursorAfter(sort, { id: row.id, cosignCount: row.cosign_count }));
  }
  return cursors;
}

async function scenariosFor(conn: Connection, communityId: number): Promise<Scenario[]> {
  return [
    { name: 'newest, first page', query: {} },
    {
      name: 'newest, deep pages',
      query: {},
      cursors: await sampleCursors(conn, communityId, undefined, 'newest', 500, 1),
    },
    { name: 'cosigns, first page', query: { sort: 'cosigns' } },
    {
      name: 'cosigns, deep pages',
      query: { sort: 'cosigns' },
      cursors: await sampleCursors(conn, communityId, undefined, 'cosigns', 500, 2),
    },
    { name: 'status=handling, first page', query: { status: 'handling' } },
    {
      name: 'status=handling, deep pages',
      query: { status: 'handling' },
      cursors: await sampleCursors(conn, communityId, 'handling', 'newest', 500, 3),
    },
    { name: 'status=open, first page', query: { status: 'open' } },
    {
      name: 'status=open, deep pages',
      query: { status: 'open' },
      cursors: await sampleCursors(conn, communityId, undefined, 'newest', 500, 4),
    },
  ];
}

function feedUrl(base: string, communityId: number, query: Record<string, string>, cursor?: string): string {
  const qs = new URLSearchParams({ ...query, limit: String(PAGE), ...(cursor ? { cursor } : {}) });
  return `${base}/api/communities/${communityId}/topics?${qs}`;
}

/** Follows nextCursor for a few pages and checks the order: a wrong page would make every figure meaningless. */
async function checkPaging(base: string, communityId: number, query: Record<string, string>): Promise<void> {
  let cursor: string | undefined;
  const seen = new Set<number>();
  let previous: { id: number; cosignCount: number } | undefined;
  for (let page = 0; page < 5; page++) {
    const res = await fetch(feedUrl(base, communityId, query, cursor));
    if (!res.ok) throw new Error(`feed answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as {
      items: { id: number; cosignCount: number; held: boolean; status: string }[];
      nextCursor: string | null;
    };
    for (const item of body.items) {
      if (seen.has(item.id)) throw new Error(`topic ${item.id} appeared twice while paging ${JSON.stringify(query)}`);
      seen.add(item.id);
      if (item.held || item.status === 'merged') throw new Error(`topic ${item.id} should not be in the feed`);
      if (previous) {
        const ordered =
          query.sort === 'cosigns'
            ? previous.cosignCount > item.cosignCount ||
              (previous.cosignCount === item.cosignCount && previous.id > item.id)
            : previous.id > item.id;
        if (!ordered) throw new Error(`feed out of order at topic ${item.id} (${JSON.stringify(query)})`);
      }
      previous = item;
    }
    if (!body.nextCursor) break;
    cursor = body.nextCursor;
  }
}

interface PhaseResult {
  topics: number;
  communityTopics: number;
  scenarios: Record<string, LatencyStats>;
  explain: Record<string, unknown[]>;
}

async function explain(
  conn: Connection,
  communityId: number,
  scenario: Scenario,
): Promise<{ table: string; type: string; key: string | null; rows: number; Extra: string }[]> {
  const query = communityFeedQuerySchema.parse({
    ...scenario.query,
    limit: String(PAGE),
    cursor: scenario.cursors?.[0],
  });
  const { sql, params } = communityFeedSql('mysql', communityId, query);
  const [rows] = (await conn.query(`EXPLAIN ${sql}`, params)) as unknown as [
    { table: string; type: string; key: string | null; rows: number; Extra: string }[],
  ];
  return rows.map((r) => ({ table: r.table, type: r.type, key: r.key, rows: Number(r.rows), Extra: r.Extra }));
}

/**
 * Waits (at most 60 s) until InnoDB has flushed most pages the bulk load
 * dirtied, so background flushing does not run during the measurement.
 */
async function settle(conn: Connection): Promise<number> {
  const started = Date.now();
  for (;;) {
    const [rows] = (await conn.query(
      "SHOW GLOBAL STATUS WHERE Variable_name IN ('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')",
    )) as unknown as [{ Variable_name: string; Value: string }[]];
    const value = (name: string) => Number(rows.find((r) => r.Variable_name === name)?.Value ?? 0);
    const dirty = value('Innodb_buffer_pool_pages_dirty');
    if (dirty <= value('Innodb_buffer_pool_pages_total') * 0.02 || Date.now() - started > 60_000) {
      return (Date.now() - started) / 1000;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

async function measurePhase(
  label: string,
  conn: Connection,
  base: string,
  communityId: number,
  options: Options,
): Promise<PhaseResult> {
  await conn.query('ANALYZE TABLE topic');
  const settled = await settle(conn);
  if (settled > 1) console.log(`  waited ${settled.toFixed(0)} s for InnoDB to flush the load`);
  const [[counts]] = (await conn.query('SELECT COUNT(*) AS topics, SUM(community_id = ?) AS community FROM topic', [
    communityId,
  ])) as unknown as [{ topics: number; community: number }[]];
  const scenarios = await scenariosFor(conn, communityId);
  const pagings: Record<string, string>[] = [{}, { sort: 'cosigns' }, { status: 'open' }];
  for (const query of pagings) await checkPaging(base, communityId, query);
  const result: PhaseResult = {
    topics: Number(counts!.topics),
    communityTopics: Number(counts!.community),
    scenarios: {},
    explain: {},
  };
  console.log(
    `\n${label}: ${result.topics.toLocaleString()} topics, ${result.communityTopics.toLocaleString()} in the measured community`,
  );
  const load = (scenario: Scenario, requests: number, warmup: number) =>
    runLoad({
      requests,
      warmup,
      concurrency: options.concurrency,
      url: (i) => feedUrl(base, communityId, scenario.query, scenario.cursors?.[i % scenario.cursors.length]),
      check: (_status, body) => body.startsWith('{"items":[{'),
    });
  // Warm every path first (JIT, connection pool, buffer pool), so the first scenario is not penalised.
  for (const scenario of scenarios) await load(scenario, options.warmup, 0);
  // Rounds over all scenarios in turn, so a hiccup of the shared machine does not land on one scenario only.
  const samples = new Map<string, LoadSample[]>();
  const perRound = Math.ceil(options.requests / options.rounds);
  for (let round = 0; round < options.rounds; round++) {
    for (const scenario of scenarios) {
      const sample = await load(scenario, perRound, round === 0 ? options.warmup : 0);
      samples.set(scenario.name, [...(samples.get(scenario.name) ?? []), sample]);
    }
  }
  for (const scenario of scenarios) {
    result.explain[scenario.name] = await explain(conn, communityId, scenario);
    const stats = latencyStats(mergeSamples(samples.get(scenario.name)!));
    if (stats.errors > 0) throw new Error(`${scenario.name}: ${stats.errors} failed requests`);
    result.scenarios[scenario.name] = stats;
    console.log(
      `  ${scenario.name.padEnd(30)} p50 ${stats.p50Ms.toFixed(2).padStart(7)} ms  p99 ${stats.p99Ms.toFixed(2).padStart(7)} ms  ${stats.requestsPerSecond} req/s`,
    );
  }
  return result;
}

// --- the run ----------------------------------------------------------------

export async function runFeedBench(args: string[]): Promise<boolean> {
  const options = parseOptions(args);
  if (!options) return true;
  if (options.topics <= options.baseline) throw new Error('--topics must be larger than --baseline');
  const startedAt = new Date();
  const serverUrl = options.url.replace(/^mariadb:/, 'mysql:');
  const dbName = `yishi_bench_feed_${Date.now().toString(36)}`;
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  const admin = await createConnection({ uri: serverUrl });
  const [versionRows] = (await admin.query('SELECT VERSION() AS version')) as unknown as [{ version: string }[]];
  const version = versionRows[0]?.version ?? 'unknown';
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-'));
  let services: AppServices | undefined;
  let server: http.Server | undefined;
  let conn: Connection | undefined;
  try {
    console.log(`P3 feed benchmark on ${version} (scratch database ${dbName})`);
    const config = loadConfig({
      NODE_ENV: 'development',
      LOG_LEVEL: 'silent',
      DATABASE_URL: dbUrl.toString(),
      YISHI_DATA_DIR: dataDir,
      YISHI_H5_DIR: path.join(dataDir, 'no-h5'),
      YISHI_SEED_DEMO: 'never',
      YISHI_DEMO: 'off',
      DB_POOL_SIZE: '10',
    });
    const logger = pino({ level: 'silent' });
    services = await startServices(config, logger);
    const app = createApp(services, logger);
    server = http.createServer(app.callback());
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    conn = await createConnection({ uri: dbUrl.toString() });

    const world = await buildWorld(services);
    const measured = world.communities[0]!;
    const baselineSeconds = await insertTopics(dbUrl.toString(), world, options.baseline, () => measured, 1, 0);
    console.log(`baseline: ${options.baseline.toLocaleString()} topics inserted in ${baselineSeconds.toFixed(1)} s`);
    const baseline = await measurePhase('baseline', conn, base, measured, options);

    const added = options.topics - options.baseline;
    console.log(`\ngrowing to ${options.topics.toLocaleString()} topics…`);
    const others = world.communities.slice(1);
    const growSeconds = await insertTopics(
      dbUrl.toString(),
      world,
      added,
      (random) => (random() < options.share ? measured : others[Math.floor(random() * others.length)]!),
      2,
      options.baseline,
    );
    console.log(
      `inserted ${added.toLocaleString()} topics in ${growSeconds.toFixed(1)} s (${Math.round(added / growSeconds).toLocaleString()} rows/s)`,
    );
    const large = await measurePhase('large', conn, base, measured, options);

    const ratios: Record<string, { p99BaselineMs: number; p99LargeMs: number; ratio: number; pass: boolean }> = {};
    for (const [name, stats] of Object.entries(baseline.scenarios)) {
      const big = large.scenarios[name]!;
      const ratio = Math.round((big.p99Ms / stats.p99Ms) * 100) / 100;
      ratios[name] = { p99BaselineMs: stats.p99Ms, p99LargeMs: big.p99Ms, ratio, pass: ratio <= MAX_RATIO };
    }
    const worstRatio = Math.max(...Object.values(ratios).map((r) => r.ratio));
    const pass = worstRatio <= MAX_RATIO;
    const k = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : `${Math.round(n / 1000)}k`);
    console.log(
      `\nP3 feed, keyset pages of ${PAGE}, ${options.requests} requests per scenario, concurrency ${options.concurrency}\n`,
    );
    console.log(
      table(
        [
          'scenario',
          `p50 ${k(options.baseline)}`,
          `p99 ${k(options.baseline)}`,
          `p50 ${k(options.topics)}`,
          `p99 ${k(options.topics)}`,
          'p99 ratio',
          'index (1M)',
        ],
        Object.entries(ratios).map(([name, r]) => [
          name,
          baseline.scenarios[name]!.p50Ms.toFixed(2),
          r.p99BaselineMs.toFixed(2),
          large.scenarios[name]!.p50Ms.toFixed(2),
          r.p99LargeMs.toFixed(2),
          `${r.ratio.toFixed(2)}${r.pass ? '' : ' ✗'}`,
          [...new Set((large.explain[name] as { key: string | null }[]).map((e) => e.key).filter(Boolean))].join(','),
        ]),
      ),
    );
    console.log(`\nworst p99 ratio ${worstRatio.toFixed(2)} (target ≤ ${MAX_RATIO}): ${pass ? 'PASS' : 'FAIL'}`);

    const report = {
      benchmark: 'P3 flat reads: community feed',
      target: `p99 at ${options.topics} topics ≤ ${MAX_RATIO} × p99 at ${options.baseline} topics, per scenario`,
      maxRatio: MAX_RATIO,
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: { ...machineInfo(), database: version },
      settings: {
        pageSize: PAGE,
        requestsPerScenario: options.requests,
        warmupPerScenario: options.warmup,
        concurrency: options.concurrency,
        rounds: options.rounds,
        baselineTopics: options.baseline,
        largeTopics: options.topics,
        communities: COMMUNITIES,
        measuredCommunityShareOfAdded: options.share,
        rowsPerInsert: ROWS_PER_INSERT,
        server:
          'in-process Koa app (app.callback()) on a local http server, 127.0.0.1; fetch clients in the same process',
      },
      insert: {
        rows: added,
        seconds: Math.round(growSeconds * 10) / 10,
        rowsPerSecond: Math.round(added / growSeconds),
      },
      phases: { baseline, large },
      ratios,
      worstRatio,
      pass,
    };
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`results: ${options.out}`);
    return pass;
  } finally {
    await conn?.end();
    if (server) await new Promise((resolve) => server!.close(resolve));
    await services?.close();
    if (!options.keep) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    else console.log(`kept database ${dbName}`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
