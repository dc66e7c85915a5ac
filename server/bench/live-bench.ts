import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Connection, createConnection } from 'mysql2/promise';
import pino from 'pino';
import { WebSocket } from 'ws';
import { startServices } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import { machineInfo, table } from './load';

/**
 * P2 and P6 (QUALITY.md): live fan-out. `subscribers` WebSockets follow one
 * meeting while ballots arrive at `rate` per second through the real ballot
 * endpoint (POST /api/votes/:id/ballots) on a residents' vote attached to the
 * meeting's current agenda item. For every ballot answered 201 at time t, with
 * n ballots answered 201 by then (all committed), the latency is the time from
 * t until every subscriber holds a state whose participation is at least n —
 * a state at least as new as that commit. Dropped = subscribers that lost
 * their socket or never reached the final participation.
 * Scenarios, each with its own meeting and vote, in one run on one machine:
 *   baseline — a bare ws broadcast server (live-baseline.ts): the same coalescing, no database;
 *   P2 — one Yishi process (in-memory fan-out);
 *   P6 — two Yishi processes with Redis, subscribers split across both, ballots alternating.
 * Works in a scratch MariaDB database of its own, dropped at the end.
 */

const HELP = `npm run bench:live -- [options]
  --out FILE          JSON results (default bench/results/live-<date>.json)
  --url URL           MariaDB/MySQL server (default $BENCH_DATABASE_URL or mysql://root@127.0.0.1:3306/test)
  --redis URL         Redis for P6 (default $BENCH_REDIS_URL or redis://127.0.0.1:6379)
  --subscribers N     WebSocket subscribers per scenario (default 2000)
  --rate N            ballots per second (default 500)
  --duration S        seconds of ballots per scenario (default 20)
  --only LIST         scenarios to run, comma separated: baseline,p2,p6 (default all)
  --keep              keep the scratch database`;

const BAR = { p99Ms: 1000, dropped: 0 };
const JWT_SECRET = 'yishi-bench-live-signing-key-0123456789abcdef';
const CHOICES = ['yes', 'no', 'abstain'] as const;

interface Options {
  out: string;
  url: string;
  redis: string;
  subscribers: number;
  rate: number;
  duration: number;
  only: string[];
  keep: boolean;
}

function parseOptions(args: string[]): Options | undefined {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      url: { type: 'string' },
      redis: { type: 'string' },
      subscribers: { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      only: { type: 'string' },
      keep: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return undefined;
  }
  const int = (v: string | undefined, d: number) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${v}`);
    return n;
  };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  return {
    out: values.out ?? path.join('bench', 'results', `live-${stamp}.json`),
    url: values.url ?? process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test',
    redis: values.redis ?? process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    subscribers: int(values.subscribers, 2000),
    rate: int(values.rate, 500),
    duration: int(values.duration, 20),
    only: (values.only ?? 'baseline,p2,p6').split(',').map((s) => s.trim()),
    keep: values.keep ?? false,
  };
}

// --- processes --------------------------------------------------------------

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

interface Child {
  process: ChildProcess;
  port: number;
  output: () => string;
}

function spawnNode(script: string, env: Record<string, string>): Promise<Child> {
  const child = spawn(process.execPath, ['--enable-source-maps', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 90 s:\n${tail}`)), 90_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      const match = /"port":(\d+)/.exec(tail);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, port: Number(match[1]), output: () => tail });
      }
    });
    child.stderr!.on('data', keep);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code}:\n${tail}`));
    });
  });
}

async function stopChild(child: Child | undefined): Promise<void> {
  if (!child || child.process.exitCode !== null) return;
  const exited = new Promise((resolve) => child.process.once('exit', resolve));
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

// --- http -------------------------------------------------------------------

function send(
  agent: http.Agent,
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port,
        method,
        path: urlPath,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const now = () => performance.now();

// --- data -------------------------------------------------------------------

interface Seeded {
  communityId: number;
  councilId: number;
  tokens: string[];
  moderatorToken: string;
  /** Council seat holders of the demo (to check in). */
  participantIds: number[];
  /** The bench's voters (checked in at each scenario's meeting). */
  voterIds: number[];
}

/** The demo, then `voters` verified residents with tokens (rows inserted directly, as the votes bench does). */
async function seed(conn: Connection, voters: number, issue: (userId: number) => Promise<string>): Promise<Seeded> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await conn.query(sql, params))[0] as unknown as T;
  const [community] = await q<{ id: number }[]>("SELECT id FROM community WHERE name = '和平里社区'");
  const communityId = Number(community!.id);
  const [council] = await q<{ id: number }[]>('SELECT id FROM council WHERE community_id = ? ORDER BY id', [
    communityId,
  ]);
  const units = await q<{ id: number; estate_id: number }[]>(
    'SELECT id, estate_id FROM unit WHERE community_id = ? ORDER BY id LIMIT 200',
    [communityId],
  );
  const BATCH = 1000;
  for (let from = 0; from < voters; from += BATCH) {
    const n = Math.min(BATCH, voters - from);
    const users = Array.from({ length: n }, (_, k) => `('bench-live-${from + k}', 'active', 0, 0, NOW(3), NOW(3))`);
    await conn.query(
      `INSERT INTO app_user (nickname, status, token_version, large_text, created_at, updated_at) VALUES ${users.join(',')}`,
    );
  }
  const ids = (await q<{ id: number }[]>("SELECT id FROM app_user WHERE nickname LIKE 'bench-live-%' ORDER BY id")).map(
    (r) => Number(r.id),
  );
  for (let from = 0; from < ids.length; from += BATCH) {
    const slice = ids.slice(from, from + BATCH);
    await conn.query(
      `INSERT INTO membership (user_id, community_id, status, created_at, updated_at) VALUES ${slice
        .map((id) => `(${id}, ${communityId}, 'active', NOW(3), NOW(3))`)
        .join(',')}`,
    );
    await conn.query(
      'INSERT INTO unit_claim (user_id, unit_id, community_id, estate_id, relation, status, claimed_name, roster_matched, open_key, created_at, updated_at) VALUES ' +
        slice
          .map((id, k) => {
            const unit = units[(from + k) % units.length]!;
            return `(${id}, ${unit.id}, ${communityId}, ${unit.estate_id}, 'tenant', 'approved', 'bench', 0, '${id}:${unit.id}', NOW(3), NOW(3))`;
          })
          .join(','),
    );
  }
  const tokens: string[] = [];
  for (const id of ids) tokens.push(await issue(id));
  const [moderator] = await q<{ id: number }[]>("SELECT id FROM app_user WHERE persona_key = 'moderator'");
  const seats = await q<{ user_id: number }[]>('SELECT DISTINCT user_id FROM seat WHERE council_id = ?', [council!.id]);
  return {
    communityId,
    councilId: Number(council!.id),
    tokens,
    moderatorToken: await issue(Number(moderator!.id)),
    participantIds: seats.map((s) => Number(s.user_id)),
    voterIds: ids,
  };
}

/**
 * A meeting in session with its first item open and a residents' vote on that
 * item, through the API. The bench's voters are checked in at the meeting
 * (attendance rows inserted directly: a crowd that scanned the meeting's code;
 * only checked-in participants may cast in a vote of a meeting).
 */
async function meetingWithVote(
  conn: Connection,
  port: number,
  seeded: Seeded,
  label: string,
): Promise<{ meetingId: number; voteId: number }> {
  const agent = new http.Agent({ keepAlive: true });
  const auth = { Authorization: `Bearer ${seeded.moderatorToken}` };
  const call = async (method: string, url: string, body: object = {}) => {
    const res = await send(agent, port, method, url, auth, JSON.stringify(body));
    if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.body}`);
    return JSON.parse(res.body) as Record<string, unknown>;
  };
  const [topic] = (await conn.query(
    "INSERT INTO topic (community_id, scope, title, description, category, status, hide_author, held, cosign_count, cosign_target, follower_count, status_changed_at, created_at, updated_at) VALUES (?, 'community', ?, '基准测试用的议题说明文字。', '其他', 'routed', 0, 0, 0, 0, 0, NOW(6), NOW(6), NOW(6))",
    [seeded.communityId, `中心花园增设健身器材（${label}）`],
  )) as unknown as [{ insertId: number }];
  const meeting = await call('POST', '/api/meetings', {
    title: `基准测试协商议事会（${label}）`,
    councilId: seeded.councilId,
    startsAt: new Date(Date.now() + 60_000).toISOString(),
    place: '社区党群服务中心',
    mode: 'hybrid',
    noticeDays: 0,
    agenda: [{ topicId: topic.insertId, minutes: 30 }],
  });
  const meetingId = meeting.id as number;
  const itemId = (meeting.agenda as { id: number }[])[0]!.id;
  await call('POST', `/api/meetings/${meetingId}/announce`);
  for (const userId of seeded.participantIds) await call('POST', `/api/meetings/${meetingId}/roll-call`, { userId });
  await call('POST', `/api/meetings/${meetingId}/start`);
  await call('POST', `/api/meetings/${meetingId}/items/${itemId}/open`);
  const [moderator] = (await conn.query("SELECT id FROM app_user WHERE persona_key = 'moderator'")) as unknown as [
    { id: number }[],
  ];
  for (let from = 0; from < seeded.voterIds.length; from += 1000) {
    await conn.query(
      `INSERT INTO attendance (meeting_id, user_id, method, recorded_by, created_at) VALUES ${seeded.voterIds
        .slice(from, from + 1000)
        .map((id) => `(${meetingId}, ${id}, 'code', ${Number(moderator[0]!.id)}, NOW(6))`)
        .join(',')}`,
    );
  }
  const vote = await call('POST', '/api/votes', {
    communityId: seeded.communityId,
    title: `是否同意增设健身器材（${label}）`,
    electorate: 'residents',
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    resultsLive: false,
    meetingId,
    agendaItemId: itemId,
  });
  agent.destroy();
  return { meetingId, voteId: vote.id as number };
}

// --- subscribers ------------------------------------------------------------

interface Subscriber {
  ws: WebSocket;
  /** (time, participation) each time the participation it holds grew. */
  seen: { t: number; voters: number }[];
  version: number;
  lost: boolean;
  frames: number;
}

const VERSION = /"version":(\d+)/;
const VOTERS = /"voters":(\d+)/;

async function connectSubscribers(urls: string[]): Promise<Subscriber[]> {
  const subscribers: Subscriber[] = [];
  const BATCH = 100;
  for (let from = 0; from < urls.length; from += BATCH) {
    await Promise.all(
      urls.slice(from, from + BATCH).map(
        (url) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(url, { perMessageDeflate: false });
            const s: Subscriber = { ws, seen: [], version: -1, lost: false, frames: 0 };
            ws.on('message', (data) => {
              const text = data.toString();
              s.frames++;
              const version = Number(VERSION.exec(text)?.[1] ?? -1);
              if (version <= s.version) return;
              s.version = version;
              const voters = Number(VOTERS.exec(text)?.[1] ?? 0);
              if (voters > (s.seen.at(-1)?.voters ?? -1)) s.seen.push({ t: now(), voters });
            });
            ws.once('open', () => {
              subscribers.push(s);
              resolve();
            });
            ws.once('error', reject);
            ws.on('close', () => {
              s.lost = true;
            });
          }),
      ),
    );
  }
  return subscribers;
}

// --- one scenario -------------------------------------------------------------

interface ScenarioResult {
  scenario: string;
  processes: number;
  subscribers: number;
  ballotsPerSec: number;
  ballots: number;
  non201: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  dropped: number;
  framesPerSubscriber: number;
  serverCpuBusy: number | null;
}

const r1 = (n: number) => Math.round(n * 10) / 10;
function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function runScenario(input: {
  scenario: string;
  ports: number[];
  pids: (number | undefined)[];
  wsPath: string;
  ballotPath: string;
  tokens: string[];
  options: Options;
}): Promise<ScenarioResult> {
  const { options } = input;
  const urls = Array.from(
    { length: options.subscribers },
    (_, i) => `ws://127.0.0.1:${input.ports[i % input.ports.length]}${input.wsPath}`,
  );
  const subscribers = await connectSubscribers(urls);
  await new Promise((resolve) => setTimeout(resolve, 1000));

  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const acked: number[] = []; // time of the n-th 201 (n = index + 1)
  let non201 = 0;
  let sent = 0;
  const total = Math.min(input.tokens.length, options.rate * options.duration);
  const cpuBefore = input.pids.map(cpuMs);
  const started = now();
  const inFlight: Promise<void>[] = [];
  // Open loop: ballots leave on schedule whatever the answers do.
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((now() - started) / 1000) * options.rate));
      while (sent < due) {
        const i = sent++;
        const port = input.ports[i % input.ports.length]!;
        inFlight.push(
          send(
            agent,
            port,
            'POST',
            input.ballotPath,
            { Authorization: `Bearer ${input.tokens[i]}`, 'Idempotency-Key': randomUUID() },
            JSON.stringify({ choice: CHOICES[i % 3] }),
          ).then(
            (res) => {
              if (res.status === 201) acked.push(now());
              else {
                non201++;
                if (non201 === 1) console.warn(`  first refused ballot: ${res.status} ${res.body.slice(0, 300)}`);
              }
            },
            () => {
              non201++;
            },
          ),
        );
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 5);
  });
  await Promise.all(inFlight);
  const sendingSeconds = (now() - started) / 1000;
  // Let the last state reach everyone (bounded).
  const final = acked.length;
  const deadline = now() + 30_000;
  while (now() < deadline && subscribers.some((s) => !s.lost && (s.seen.at(-1)?.voters ?? 0) < final)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const elapsed = (now() - started) / 1000;
  const cpu = input.pids.map((pid, k) => {
    const after = cpuMs(pid);
    return after !== undefined && cpuBefore[k] !== undefined ? after - cpuBefore[k]! : undefined;
  });
  agent.destroy();

  // reach[n] = when the last subscriber first held participation ≥ n.
  const reach = new Float64Array(final + 1);
  let dropped = 0;
  for (const s of subscribers) {
    if (s.lost || (s.seen.at(-1)?.voters ?? 0) < final) {
      dropped++;
      continue;
    }
    let n = 1;
    for (const { t, voters } of s.seen) {
      for (; n <= Math.min(voters, final); n++) if (t > reach[n]!) reach[n] = t;
    }
  }
  const latencies: number[] = [];
  for (let n = 1; n <= final; n++) latencies.push(Math.max(0, reach[n]! - acked[n - 1]!));
  latencies.sort((a, b) => a - b);
  for (const s of subscribers) s.ws.terminate();
  const busy = cpu.every((c) => c !== undefined)
    ? r1((cpu as number[]).reduce((a, b) => a + b, 0) / (elapsed * 1000))
    : null;
  return {
    scenario: input.scenario,
    processes: input.ports.length,
    subscribers: subscribers.length,
    ballotsPerSec: Math.round(final / sendingSeconds),
    ballots: final,
    non201,
    p50Ms: r1(percentile(latencies, 50)),
    p99Ms: r1(percentile(latencies, 99)),
    maxMs: r1(latencies.at(-1) ?? Number.NaN),
    dropped,
    framesPerSubscriber: Math.round(subscribers.reduce((a, s) => a + s.frames, 0) / Math.max(1, subscribers.length)),
    serverCpuBusy: busy,
  };
}

// --- the run ----------------------------------------------------------------

export async function runLiveBench(args: string[]): Promise<boolean> {
  const options = parseOptions(args);
  if (!options) return true;
  const startedAt = new Date();
  const serverUrl = options.url.replace(/^mariadb:/, 'mysql:');
  const dbName = `yishi_bench_live_${Date.now().toString(36)}`;
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  const admin = await createConnection({ uri: serverUrl });
  const [versionRows] = (await admin.query('SELECT VERSION() AS version')) as unknown as [{ version: string }[]];
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-live-'));
  const prefix = `bench${randomUUID().slice(0, 8)}:`;
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    YISHI_DATA_DIR: dataDir,
    YISHI_H5_DIR: path.join(dataDir, 'no-h5'),
    YISHI_DEMO: 'off',
    YISHI_SEED_DEMO: 'never',
    JWT_SECRET,
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_APPID: 'wx-bench',
    WECHAT_SECRET: 'bench-secret',
    HOST: '127.0.0.1',
    LIVE_BENCH_EMIT_VOTE_EVENTS: '1',
  };
  const children: Child[] = [];
  let conn: Connection | undefined;
  const root = process.cwd();
  const yishiScript = path.join(root, 'build', 'server', 'bench', 'live-server.js');
  try {
    console.log(
      `P2/P6 live fan-out on ${versionRows[0]?.version} (scratch database ${dbName}), ${os.cpus().length} CPUs`,
    );
    const perScenario = options.rate * options.duration;
    const services = await startServices(
      loadConfig({ ...env, NODE_ENV: 'development', YISHI_SEED_DEMO: 'always', YISHI_DEMO_HISTORY: 'off' }),
      pino({ level: 'silent' }),
    );
    conn = await createConnection({ uri: dbUrl.toString() });
    const seeded = await seed(
      conn,
      perScenario,
      async (userId) => (await services.tokens.issue({ userId, version: 0 })).token,
    );
    await services.close();
    console.log(`seeded the demo and ${perScenario.toLocaleString()} voters`);

    const results: ScenarioResult[] = [];
    const report = (r: ScenarioResult) => {
      results.push(r);
      console.log(
        `  ${r.scenario.padEnd(9)} ${r.subscribers} subscribers, ${r.ballotsPerSec} ballots/s: p99 ${r.p99Ms} ms, max ${r.maxMs} ms, dropped ${r.dropped}`,
      );
    };

    if (options.only.includes('baseline')) {
      const baseline = await spawnNode(path.join(root, 'build', 'server', 'bench', 'live-baseline.js'), {});
      children.push(baseline);
      report(
        await runScenario({
          scenario: 'baseline',
          ports: [baseline.port],
          pids: [baseline.process.pid],
          wsPath: '/',
          ballotPath: '/ballots',
          tokens: seeded.tokens,
          options,
        }),
      );
      await stopChild(baseline);
    }
    for (const scenario of ['p2', 'p6'] as const) {
      if (!options.only.includes(scenario)) continue;
      const count = scenario === 'p2' ? 1 : 2;
      const servers: Child[] = [];
      for (let k = 0; k < count; k++) {
        const extra: Record<string, string> =
          scenario === 'p6' ? { REDIS_URL: options.redis, REDIS_PREFIX: prefix } : {};
        const child = await spawnNode(yishiScript, { ...env, PORT: String(await freePort()), ...extra });
        servers.push(child);
        children.push(child);
      }
      const { meetingId, voteId } = await meetingWithVote(conn, servers[0]!.port, seeded, scenario.toUpperCase());
      report(
        await runScenario({
          scenario: scenario === 'p2' ? 'P2' : 'P6',
          ports: servers.map((s) => s.port),
          pids: servers.map((s) => s.process.pid),
          wsPath: `/api/meetings/${meetingId}/live/ws`,
          ballotPath: `/api/votes/${voteId}/ballots`,
          tokens: seeded.tokens,
          options,
        }),
      );
      if (process.env.LIVE_BENCH_DEBUG) for (const s of servers) console.log(s.output());
      for (const s of servers) await stopChild(s);
    }

    const base = results.find((r) => r.scenario === 'baseline');
    const verdicts = results
      .filter((r) => r.scenario !== 'baseline')
      .map((r) => ({
        scenario: r.scenario,
        pass: r.p99Ms <= BAR.p99Ms && r.dropped === BAR.dropped && r.non201 === 0,
      }));
    console.log(
      `\nP2/P6 live fan-out: ${options.subscribers} subscribers, ${options.rate} ballots/s for ${options.duration} s\n`,
    );
    console.log(
      table(
        [
          'scenario',
          'processes',
          'subscribers',
          'ballots/s',
          'non-201',
          'p50 ms',
          'p99 ms',
          'max ms',
          'vs baseline p99',
          'dropped',
          'frames/sub',
          'srv CPU',
        ],
        results.map((r) => [
          r.scenario,
          r.processes,
          r.subscribers,
          r.ballotsPerSec,
          r.non201,
          r.p50Ms,
          r.p99Ms,
          r.maxMs,
          base && r !== base ? `${r1(r.p99Ms / base.p99Ms)}×` : '-',
          r.dropped,
          r.framesPerSubscriber,
          r.serverCpuBusy ?? '-',
        ]),
      ),
    );
    for (const v of verdicts) {
      console.log(
        `${v.scenario} bar (p99 ≤ ${BAR.p99Ms} ms, none dropped, every ballot 201): ${v.pass ? 'MET' : 'NOT MET'}`,
      );
    }
    const json = {
      benchmark: 'P2/P6 live fan-out: ballot commit (201) → every subscriber holds a state at least as new',
      target: `p99 ≤ ${BAR.p99Ms} ms, dropped 0`,
      scenarios: results.map((r) => ({
        ...r,
        p99VsBaseline: base && r !== base ? r1(r.p99Ms / base.p99Ms) : null,
      })),
      verdicts,
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: { ...machineInfo(), loadAverage: os.loadavg(), database: versionRows[0]?.version },
      settings: {
        subscribers: options.subscribers,
        rate: options.rate,
        seconds: options.duration,
        yishi: 'build/server/bench/live-server.js (the app and live sockets as main.ts runs them), NODE_ENV=production',
        baseline:
          'build/server/bench/live-baseline.js: node:http + ws, a counter broadcast with the same coalescing (100 ms), no database',
        latency: 'per 201 ballot: time until every subscriber holds participation ≥ the number of 201 answers so far',
      },
    };
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`results: ${options.out}`);
    return true;
  } finally {
    for (const c of children) await stopChild(c).catch(() => undefined);
    await conn?.end();
    if (!options.keep) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
