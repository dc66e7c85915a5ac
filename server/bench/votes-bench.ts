import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Connection, createConnection } from 'mysql2/promise';
import pino from 'pino';
import { startServices } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import type { AppServices } from '../src/http/context';
import { machineInfo, table } from './load';

/**
 * P1 (QUALITY.md): vote storm. The real ballot endpoint
 * (POST /api/votes/:id/ballots: auth, eligibility, Idempotency-Key, unique
 * participation key, receipt, vote-row lock) of the built server
 * (build/server/src/main.js, its own process) on MariaDB, against a baseline
 * measured in the same run: a bare node:http + mysql2 server (votes-baseline.ts,
 * its own process) doing one INSERT per request. Both are driven by the same
 * closed-loop generator (keep-alive agent, N concurrent loops, fixed duration),
 * interleaved: baseline, yishi, baseline, yishi. Every Yishi request is a first
 * ballot of a distinct verified resident on one hot vote; afterwards the vote
 * is closed through the API and its tally compared with the ballots that got 2xx.
 * Works in a scratch database of its own, dropped at the end.
 */

const HELP = `npm run bench:votes -- [options]
  --out FILE          JSON results (default bench/results/votes-<date>.json)
  --url URL           MariaDB/MySQL server (default $BENCH_DATABASE_URL or mysql://root@127.0.0.1:3306/test);
                      a scratch database is created on it and dropped afterwards
  --voters N          eligible voters (verified residents with tokens) (default 300000)
  --connections N     concurrent connections / request loops (default 50)
  --duration S        seconds per measured round (default 10)
  --warmup S          seconds of uncounted warm-up per endpoint (default 4)
  --rounds N          rounds of (baseline, yishi) (default 2)
  --pool N            database pool size of both servers (default 20)
  --keep              keep the scratch database
  --profile DIR       write a V8 CPU profile of the Yishi process to DIR (open in Chrome DevTools)`;

const BAR = { ratio: 0.7, p99Ms: 50 };
const CHOICES = ['yes', 'no', 'abstain'] as const;
const JWT_SECRET = 'yishi-bench-votes-signing-key-0123456789abcdef';

interface Options {
  out: string;
  url: string;
  voters: number;
  connections: number;
  duration: number;
  warmup: number;
  rounds: number;
  pool: number;
  keep: boolean;
  profile?: string;
}

function parseOptions(args: string[]): Options | undefined {
  const { values } = parseArgs({
    args,
    options: {
      out: { type: 'string' },
      url: { type: 'string' },
      voters: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      pool: { type: 'string' },
      keep: { type: 'boolean' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return undefined;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const int = (v: string | undefined, d: number, min = 1) => {
    const n = v === undefined ? d : Number(v);
    if (!Number.isInteger(n) || n < min) throw new Error(`not an integer ≥ ${min}: ${v}`);
    return n;
  };
  return {
    out: values.out ?? path.join('bench', 'results', `votes-${stamp}.json`),
    url: values.url ?? process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/test',
    voters: int(values.voters, 300_000),
    connections: int(values.connections, 50),
    duration: int(values.duration, 10),
    warmup: int(values.warmup, 4, 0),
    rounds: int(values.rounds, 2),
    pool: int(values.pool, 20),
    keep: values.keep ?? false,
    ...(values.profile ? { profile: path.resolve(values.profile) } : {}),
  };
}

// --- data -------------------------------------------------------------------

interface Seeded {
  communityId: number;
  tokens: string[];
  moderatorToken: string;
}

/**
 * Migrates and seeds the demo in-process (YISHI_SEED_DEMO=always), then adds
 * `voters` verified residents of 和平里社区 (user, active membership, approved
 * unit claim — rows inserted directly, as in server/test/votes.test.ts) and
 * signs a token for each with services.tokens.issue.
 */
async function seed(services: AppServices, conn: Connection, voters: number): Promise<Seeded> {
  const q = async <T>(sql: string, params: unknown[] = []) => (await conn.query(sql, params))[0] as unknown as T;
  const [community] = await q<{ id: number }[]>("SELECT id FROM community WHERE name = '和平里社区'");
  if (!community) throw new Error('demo community 和平里社区 not seeded');
  const communityId = Number(community.id);
  const units = await q<{ id: number; estate_id: number }[]>(
    'SELECT id, estate_id FROM unit WHERE community_id = ? ORDER BY id LIMIT 200',
    [communityId],
  );
  if (units.length === 0) throw new Error('no units in 和平里社区');
  const BATCH = 1000;
  for (let from = 0; from < voters; from += BATCH) {
    const n = Math.min(BATCH, voters - from);
    const users = Array.from({ length: n }, (_, k) => `('bench-voter-${from + k}', 'active', 0, 0, NOW(3), NOW(3))`);
    await conn.query(
      `INSERT INTO app_user (nickname, status, token_version, large_text, created_at, updated_at) VALUES ${users.join(',')}`,
    );
  }
  const ids = (
    await q<{ id: number }[]>("SELECT id FROM app_user WHERE nickname LIKE 'bench-voter-%' ORDER BY id")
  ).map((r) => Number(r.id));
  if (ids.length !== voters) throw new Error(`expected ${voters} bench voters, found ${ids.length}`);
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
  for (const id of ids) tokens.push((await services.tokens.issue({ userId: id, version: 0 })).token);
  const [moderator] = await q<{ id: number; token_version: number }[]>(
    "SELECT id, token_version FROM app_user WHERE persona_key = 'moderator'",
  );
  if (!moderator) throw new Error('demo persona moderator not seeded');
  const moderatorToken = (
    await services.tokens.issue({ userId: Number(moderator.id), version: Number(moderator.token_version) })
  ).token;
  return { communityId, tokens, moderatorToken };
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
  output: () => string;
}

/** Spawns a node process and resolves once `ready` matches its stdout (60 s at most). */
function spawnNode(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  nodeArgs: string[] = [],
): Promise<Child> {
  const child = spawn(process.execPath, ['--enable-source-maps', ...nodeArgs, script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start in 60 s:\n${tail}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (ready.test(tail)) {
        clearTimeout(timer);
        resolve({ process: child, output: () => tail });
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

// --- load -------------------------------------------------------------------

interface Reply {
  status: number;
  body: string;
}

function send(
  agent: http.Agent,
  port: number,
  method: string,
  urlPath: string,
  headers: Record<string, string>,
  body: string,
): Promise<Reply> {
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

interface RoundResult {
  endpoint: 'baseline' | 'yishi';
  round: number;
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  failed: number;
  statuses: Record<string, number>;
  /** CPU ms of the server process per request (Linux /proc; clock ticks of 10 ms). */
  serverCpuMsPerRequest: number | null;
  /** Share of the round's wall time the server process was on a CPU. */
  serverCpuBusy: number | null;
  /** CPU ms of the database server per request, when it runs on this machine (mariadbd/mysqld). */
  dbCpuMsPerRequest: number | null;
  /** CPU ms of this bench process (the load generator) per request. */
  clientCpuMsPerRequest: number | null;
  votersExhausted?: boolean;
}

/** The pid of a MariaDB/MySQL server running on this machine (Linux /proc), if exactly one does. */
function localDatabasePid(): number | undefined {
  try {
    const pids = readdirSync('/proc').filter((name) => {
      if (!/^\d+$/.test(name)) return false;
      try {
        return ['mariadbd', 'mysqld'].includes(readFileSync(`/proc/${name}/comm`, 'utf8').trim());
      } catch {
        return false;
      }
    });
    return pids.length === 1 ? Number(pids[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU milliseconds (user + system) a process has used so far, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

interface Target {
  endpoint: 'baseline' | 'yishi';
  port: number;
  /** The server process, for its CPU time per request. */
  pid?: number;
  /** The database server's process when it runs on this machine, for its CPU time per request. */
  dbPid?: number;
  path: string;
  /** Headers and body of the next request, or undefined when there is nothing left to send. */
  next: () => { headers: Record<string, string>; body: string; onOk?: () => void } | undefined;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
const r2 = (n: number) => Math.round(n * 100) / 100;
/** CPU per request in ms to the microsecond (tenths of a percent of a 0.1 ms budget show up). */
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** `connections` closed loops on one keep-alive agent, for `seconds`; each request timed with hrtime. */
async function drive(target: Target, connections: number, seconds: number, round: number): Promise<RoundResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  let failed = 0;
  let exhausted = false;
  const cpuBefore = cpuMs(target.pid);
  const dbBefore = cpuMs(target.dbPid);
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(Math.round(seconds * 1e9));
  const loop = async () => {
    while (process.hrtime.bigint() < deadline) {
      const request = target.next();
      if (!request) {
        exhausted = true;
        return;
      }
      const t0 = process.hrtime.bigint();
      let status = 0;
      try {
        status = (await send(agent, target.port, 'POST', target.path, request.headers, request.body)).status;
      } catch {
        failed++;
      }
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status >= 200 && status < 300) request.onOk?.();
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuAfter = cpuMs(target.pid);
  const dbAfter = cpuMs(target.dbPid);
  const client = process.cpuUsage(clientBefore);
  const cpu = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined;
  agent.destroy();
  const sorted = [...times].sort((a, b) => a - b);
  const ok = Object.entries(statuses).reduce((a, [s, n]) => a + (Number(s) >= 200 && Number(s) < 300 ? n : 0), 0);
  return {
    endpoint: target.endpoint,
    round,
    requests: times.length,
    seconds: r2(elapsed),
    rps: Math.round(times.length / elapsed),
    p50Ms: r2(percentile(sorted, 50)),
    p90Ms: r2(percentile(sorted, 90)),
    p99Ms: r2(percentile(sorted, 99)),
    maxMs: r2(sorted[sorted.length - 1] ?? Number.NaN),
    non2xx: times.length - ok,
    failed,
    statuses,
    serverCpuMsPerRequest: cpu === undefined ? null : r3(cpu / Math.max(1, times.length)),
    serverCpuBusy: cpu === undefined ? null : r2(cpu / (elapsed * 1000)),
    dbCpuMsPerRequest:
      dbBefore === undefined || dbAfter === undefined ? null : r3((dbAfter - dbBefore) / Math.max(1, times.length)),
    clientCpuMsPerRequest: r3((client.user + client.system) / 1000 / Math.max(1, times.length)),
    ...(exhausted ? { votersExhausted: true } : {}),
  };
}

// --- the run ----------------------------------------------------------------

export async function runVotesBench(args: string[]): Promise<boolean> {
  const options = parseOptions(args);
  if (!options) return true;
  const startedAt = new Date();
  const serverUrl = options.url.replace(/^mariadb:/, 'mysql:');
  const dbName = `yishi_bench_votes_${Date.now().toString(36)}`;
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  const admin = await createConnection({ uri: serverUrl });
  const [versionRows] = (await admin.query('SELECT VERSION() AS version')) as unknown as [{ version: string }[]];
  const version = versionRows[0]?.version ?? 'unknown';
  const [varRows] = (await admin.query(
    "SHOW GLOBAL VARIABLES WHERE Variable_name IN ('innodb_flush_log_at_trx_commit', 'sync_binlog', 'log_bin', 'innodb_buffer_pool_size', 'transaction_isolation', 'tx_isolation')",
  )) as unknown as [{ Variable_name: string; Value: string }[]];
  const dbSettings = Object.fromEntries(varRows.map((r) => [r.Variable_name, r.Value]));
  await admin.query(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yishi-bench-votes-'));
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: dbUrl.toString(),
    YISHI_DATA_DIR: dataDir,
    YISHI_H5_DIR: path.join(dataDir, 'no-h5'),
    YISHI_DEMO: 'off',
    DB_POOL_SIZE: String(options.pool),
    JWT_SECRET,
    WECHAT_API_BASE: 'http://127.0.0.1:9',
    WECHAT_APPID: 'wx-bench',
    WECHAT_SECRET: 'bench-secret',
  };
  let services: AppServices | undefined;
  let conn: Connection | undefined;
  let yishi: Child | undefined;
  let baseline: Child | undefined;
  try {
    console.log(`P1 vote storm on ${version} (scratch database ${dbName}), ${os.cpus().length} CPUs`);
    // 1. Schema, demo seed and voters, in-process; then the services are closed again.
    const seedStarted = Date.now();
    services = await startServices(
      loadConfig({ ...env, NODE_ENV: 'development', YISHI_SEED_DEMO: 'always', YISHI_DEMO_HISTORY: 'off' }),
      pino({ level: 'silent' }),
    );
    conn = await createConnection({ uri: dbUrl.toString() });
    const seeded = await seed(services, conn, options.voters);
    await services.close();
    services = undefined;
    await conn.query(
      'CREATE TABLE bench_baseline_ballot (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, voter_key VARCHAR(64) NOT NULL, choice VARCHAR(16) NOT NULL, created_at DATETIME(3) NOT NULL) ENGINE=InnoDB',
    );
    console.log(
      `seeded the demo and ${options.voters.toLocaleString()} voters in ${(Date.now() - seedStarted) / 1000} s`,
    );

    // 2. The two servers, each its own process.
    const port = await freePort();
    const root = process.cwd();
    yishi = await spawnNode(
      path.join(root, 'build', 'server', 'src', 'main.js'),
      { ...env, HOST: '127.0.0.1', PORT: String(port), YISHI_SEED_DEMO: 'never' },
      /is running/,
      options.profile ? ['--cpu-prof', `--cpu-prof-dir=${options.profile}`] : [],
    );
    baseline = await spawnNode(
      path.join(root, 'build', 'server', 'bench', 'votes-baseline.js'),
      { BASELINE_DATABASE_URL: dbUrl.toString(), BASELINE_POOL_SIZE: String(options.pool) },
      /"port":\d+/,
    );
    const baselinePort = Number(/"port":(\d+)/.exec(baseline.output())![1]);

    // 3. The hot vote, opened through the API (the electorate is frozen now).
    const api = new http.Agent({ keepAlive: true });
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const opened = await send(
      api,
      port,
      'POST',
      '/api/votes',
      auth(seeded.moderatorToken),
      JSON.stringify({
        communityId: seeded.communityId,
        title: '是否同意在中心花园增设健身器材',
        electorate: 'residents',
        closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
        resultsLive: false,
      }),
    );
    if (opened.status !== 201) throw new Error(`opening the vote answered ${opened.status}: ${opened.body}`);
    const vote = JSON.parse(opened.body) as { id: number; participation: { entitled: number } };
    console.log(`vote ${vote.id} open, ${vote.participation.entitled.toLocaleString()} entitled voters`);
    if (vote.participation.entitled < options.voters) throw new Error('not every bench voter is entitled');

    // The database server's process, when it runs here (its CPU time per request goes in the table).
    const dbPid = ['127.0.0.1', 'localhost', '::1'].includes(dbUrl.hostname) ? localDatabasePid() : undefined;

    // 4. Interleaved rounds.
    let nextVoter = 0;
    const counted = new Map<number, (typeof CHOICES)[number]>();
    const yishiTarget: Target = {
      endpoint: 'yishi',
      port,
      pid: yishi.process.pid,
      dbPid,
      path: `/api/votes/${vote.id}/ballots`,
      next: () => {
        const voter = nextVoter;
        if (voter >= seeded.tokens.length) return undefined;
        nextVoter++;
        const choice = CHOICES[voter % CHOICES.length]!;
        return {
          headers: { ...auth(seeded.tokens[voter]!), 'Idempotency-Key': randomUUID() },
          body: JSON.stringify({ choice }),
          onOk: () => counted.set(voter, choice),
        };
      },
    };
    let baselineSeq = 0;
    const baselineTarget: Target = {
      endpoint: 'baseline',
      port: baselinePort,
      pid: baseline.process.pid,
      dbPid,
      path: '/ballots',
      next: () => {
        const i = baselineSeq++;
        return {
          headers: {
            Authorization: `Bearer ${seeded.tokens[i % seeded.tokens.length]}`,
            'Idempotency-Key': randomUUID(),
          },
          body: JSON.stringify({ choice: CHOICES[i % CHOICES.length] }),
        };
      },
    };
    const warmups: RoundResult[] = [];
    if (options.warmup > 0) {
      warmups.push(await drive(baselineTarget, options.connections, options.warmup, 0));
      warmups.push(await drive(yishiTarget, options.connections, options.warmup, 0));
    }
    const rounds: RoundResult[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      for (const target of [baselineTarget, yishiTarget]) {
        const result = await drive(target, options.connections, options.duration, round);
        rounds.push(result);
        console.log(
          `  round ${round} ${target.endpoint.padEnd(8)} ${String(result.rps).padStart(6)} req/s  p99 ${result.p99Ms.toFixed(1).padStart(7)} ms  non-2xx ${result.non2xx}${result.votersExhausted ? '  (voters exhausted)' : ''}`,
        );
      }
    }

    // 5. Close through the API; the tally must equal the distinct voters that got 2xx.
    const closed = await send(api, port, 'POST', `/api/votes/${vote.id}/close`, auth(seeded.moderatorToken), '{}');
    if (closed.status !== 200) throw new Error(`closing the vote answered ${closed.status}: ${closed.body}`);
    const tally = JSON.parse(closed.body) as { yes: number; no: number; abstain: number };
    // How the server committed its ballot batches (a fallback path taken often shows here).
    const metrics = await send(api, port, 'GET', '/metrics', {}, '');
    const batches = Object.fromEntries(
      ['one_trip', 'reading', 'one_by_one'].map((p) => [
        p,
        Number(new RegExp(`yishi_ballot_batches_total\\{[^}]*path="${p}"[^}]*\\} (\\d+)`).exec(metrics.body)?.[1] ?? 0),
      ]),
    );
    api.destroy();
    const expected = { yes: 0, no: 0, abstain: 0 };
    for (const choice of counted.values()) expected[choice]++;
    const tallyTotal = tally.yes + tally.no + tally.abstain;
    const [[dbCounts]] = (await conn.query(
      'SELECT (SELECT ballot_count FROM vote WHERE id = ?) AS ballotCount, (SELECT COUNT(*) FROM vote_participation WHERE vote_id = ?) AS participations',
      [vote.id, vote.id],
    )) as unknown as [{ ballotCount: number; participations: number }[]];
    const tallyExact =
      tallyTotal === counted.size &&
      tally.yes === expected.yes &&
      tally.no === expected.no &&
      tally.abstain === expected.abstain &&
      Number(dbCounts!.ballotCount) === counted.size &&
      Number(dbCounts!.participations) === counted.size;

    // 6. Figures: throughput summed over the measured rounds, p99 over all measured Yishi requests.
    const sum = (endpoint: string) => {
      const rs = rounds.filter((r) => r.endpoint === endpoint);
      const requests = rs.reduce((a, r) => a + r.requests, 0);
      const seconds = rs.reduce((a, r) => a + r.seconds, 0);
      return {
        requests,
        rps: Math.round(requests / seconds),
        p99Ms: Math.max(...rs.map((r) => r.p99Ms)),
        non2xx: rs.reduce((a, r) => a + r.non2xx, 0),
      };
    };
    const y = sum('yishi');
    const b = sum('baseline');
    const ratio = Math.round((y.rps / b.rps) * 100) / 100;
    const warmNon2xx = warmups.reduce((a, r) => a + r.non2xx, 0);
    const non2xx = y.non2xx + warmups.filter((r) => r.endpoint === 'yishi').reduce((a, r) => a + r.non2xx, 0);
    const verdict = {
      ratio: ratio >= BAR.ratio,
      p99: y.p99Ms <= BAR.p99Ms,
      non2xx: non2xx === 0,
      tallyExact,
    };
    const pass = Object.values(verdict).every(Boolean);

    console.log(
      `\nP1 vote storm: ${options.connections} connections, ${options.duration} s rounds, one hot vote, ${options.voters.toLocaleString()} voters\n`,
    );
    console.log(
      table(
        [
          'round',
          'endpoint',
          'requests',
          'req/s',
          'p50 ms',
          'p90 ms',
          'p99 ms',
          'max ms',
          'non-2xx',
          'srv CPU ms/req',
          'db CPU ms/req',
          'client CPU ms/req',
        ],
        rounds.map((r) => [
          String(r.round),
          r.endpoint,
          r.requests,
          r.rps,
          r.p50Ms.toFixed(1),
          r.p90Ms.toFixed(1),
          r.p99Ms.toFixed(1),
          r.maxMs.toFixed(1),
          r.non2xx,
          r.serverCpuMsPerRequest?.toFixed(3) ?? '-',
          r.dbCpuMsPerRequest?.toFixed(3) ?? '-',
          r.clientCpuMsPerRequest?.toFixed(3) ?? '-',
        ]),
      ),
    );
    const mark = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    console.log(
      `\n${table(
        ['figure', 'value', 'bar', ''],
        [
          ['yishi req/s', y.rps, '', ''],
          ['baseline req/s', b.rps, '', ''],
          ['ratio', ratio.toFixed(2), `≥ ${BAR.ratio}`, mark(verdict.ratio)],
          ['yishi p99 ms (worst round)', y.p99Ms.toFixed(1), `≤ ${BAR.p99Ms}`, mark(verdict.p99)],
          ['yishi non-2xx', non2xx, '0', mark(verdict.non2xx)],
          ['tally = distinct 2xx voters', `${tallyTotal} / ${counted.size}`, 'equal', mark(tallyExact)],
        ],
      )}`,
    );
    const batchTotal = batches.one_trip! + batches.reading! + batches.one_by_one!;
    console.log(
      `\nballot batches: ${batchTotal.toLocaleString()} (one trip ${batches.one_trip}, reading ${batches.reading}, one by one ${batches.one_by_one}), ${batchTotal ? (tallyTotal / batchTotal).toFixed(1) : '0'} ballots per batch`,
    );
    console.log(`\nP1 bar: ${pass ? 'MET' : 'NOT MET'} (reported, not asserted)`);

    const report = {
      benchmark: 'P1 vote storm: POST /api/votes/:id/ballots vs a bare mysql2 single-INSERT endpoint',
      target: `ratio ≥ ${BAR.ratio}, p99 ≤ ${BAR.p99Ms} ms, zero non-2xx, final tally = distinct voters`,
      yishiRps: y.rps,
      baselineRps: b.rps,
      ratio,
      p99Ms: y.p99Ms,
      non2xx,
      tallyExact,
      pass,
      verdict,
      tally: { ...tally, total: tallyTotal, distinct2xxVoters: counted.size, expected, db: dbCounts },
      ballotBatches: batches,
      rounds,
      warmups,
      baselineWarmupNon2xx:
        warmNon2xx - warmups.filter((r) => r.endpoint === 'yishi').reduce((a, r) => a + r.non2xx, 0),
      startedAt: startedAt.toISOString(),
      durationSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
      machine: {
        ...machineInfo(),
        loadAverage: os.loadavg().map((l) => r2(l)),
        database: version,
        databaseSettings: dbSettings,
      },
      settings: {
        voters: options.voters,
        connections: options.connections,
        roundSeconds: options.duration,
        warmupSeconds: options.warmup,
        rounds: options.rounds,
        order: 'warm-up baseline, warm-up yishi, then per round: baseline, yishi',
        dbPoolSize: options.pool,
        yishi: 'build/server/src/main.js in its own process, NODE_ENV=production, LOG_LEVEL=warn, 127.0.0.1',
        baseline:
          'build/server/bench/votes-baseline.js in its own process: node:http + mysql2 pool, one INSERT per request',
        client:
          'closed loops in the bench process, one http.Agent (keep-alive) per round, distinct voter + Idempotency-Key per Yishi request',
        p99Ms: 'worst p99 over the measured Yishi rounds',
      },
    };
    mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`results: ${options.out}`);
    return true;
  } finally {
    await stopChild(yishi).catch(() => undefined);
    await stopChild(baseline).catch(() => undefined);
    await conn?.end();
    await services?.close();
    if (!options.keep) await admin.query(`DROP DATABASE IF EXISTS \`${dbName}\``);
    else console.log(`kept database ${dbName}`);
    await admin.end();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
