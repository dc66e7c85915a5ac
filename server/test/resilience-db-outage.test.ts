import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { listen, type RunningServer } from '../src/http/server';
import { Ballot } from '../src/votes/votes.entity';
import { startTestServer, type TestServer } from './support/test-db';

/**
 * S5: steady traffic while the database server is stopped for 5 s and started
 * again. Runs against a private MariaDB this test starts on its own port and
 * data directory — never the shared server. Only where MariaDB is installed
 * and TEST_DATABASE_URL is set (CI).
 */
const MARIADBD = '/usr/sbin/mariadbd';
const enabled = Boolean(process.env.TEST_DATABASE_URL) && existsSync(MARIADBD) && process.getuid?.() === 0;
const maybe = enabled ? describe : describe.skip;
const PORT = 3307;

function startMariadb(dir: string): ChildProcess {
  const child = spawn(
    MARIADBD,
    [
      '--user=mysql',
      `--datadir=${dir}/data`,
      `--port=${PORT}`,
      `--socket=${dir}/s.sock`,
      '--bind-address=127.0.0.1',
      '--skip-log-bin',
    ],
    { stdio: 'ignore' },
  );
  return child;
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}

function ping(dir: string): boolean {
  try {
    execFileSync('mariadb-admin', ['-S', `${dir}/s.sock`, '-uroot', 'ping'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function get(port: number, urlPath: string, body?: object, token?: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: body ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        timeout: 15_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: Date.now() - started }));
      },
    );
    req.on('error', () => resolve({ status: 0, ms: Date.now() - started }));
    req.on('timeout', () => req.destroy());
    if (body) req.write(JSON.stringify(body));
    req.end();
  });
}

maybe('S5 database outage (private MariaDB on port 3307)', () => {
  let dir: string;
  let mariadb: ChildProcess;
  let server: TestServer;
  let running: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'yishi-s5-'));
    chmodSync(dir, 0o777);
    execFileSync(
      'mariadb-install-db',
      [`--datadir=${dir}/data`, '--user=mysql', '--auth-root-authentication-method=normal'],
      {
        stdio: 'ignore',
      },
    );
    mariadb = startMariadb(dir);
    await waitFor(() => ping(dir), 30_000);
    server = await startTestServer(
      { dialect: 'mysql', serverUrl: `mysql://root@127.0.0.1:${PORT}/mysql` },
      { env: { YISHI_SEED_DEMO: 'always', DB_POOL_SIZE: '5' } },
    );
    running = await listen(server.app, server.services, server.logger, '127.0.0.1', 0);
  }, 90_000);

  afterAll(async () => {
    await running?.shutdown(5_000).catch(() => undefined);
    try {
      execFileSync('mariadb-admin', ['-S', `${dir}/s.sock`, '-uroot', 'shutdown'], { stdio: 'ignore' });
    } catch {
      mariadb?.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  test('fast 503s during the outage, recovery by itself within 10 s, no acknowledged ballot lost', async () => {
    const moderator = await fetchToken(running.port, 'moderator');
    const voters = await Promise.all(
      ['resident', 'owner', 'representative', 'owners_committee'].map((p) => fetchToken(running.port, p)),
    );
    const communityId = Number(
      ((await server.dataSource.query("SELECT id FROM community WHERE name = '和平里社区'")) as { id: number }[])[0]!
        .id,
    );
    const vote = await postJson(running.port, '/api/votes', moderator, {
      communityId,
      title: '停电期间的投票测试',
      electorate: 'residents',
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(vote.status).toBe(201);

    // Two ballots before the outage.
    const acknowledged: number[] = [];
    for (const i of [0, 1]) {
      if ((await get(running.port, `/api/votes/${vote.id}/ballots`, { choice: 'yes' }, voters[i])).status === 201)
        acknowledged.push(i);
    }
    const outage: { status: number; ms: number }[] = [];
    // Stop the database for 5 seconds.
    execFileSync('mariadb-admin', ['-S', `${dir}/s.sock`, '-uroot', 'shutdown'], { stdio: 'ignore' });
    const stoppedAt = Date.now();
    while (Date.now() - stoppedAt < 5_000) {
      outage.push(await get(running.port, '/api/me', undefined, voters[0]));
      outage.push(await get(running.port, '/api/ready'));
      outage.push(await get(running.port, `/api/votes/${vote.id}/ballots`, { choice: 'no' }, voters[2]));
    }
    expect(outage.every((r) => r.status === 503)).toBe(true);
    expect(Math.max(...outage.map((r) => r.ms))).toBeLessThan(5_000);

    mariadb = startMariadb(dir);
    await waitFor(() => ping(dir), 30_000);
    const back = Date.now();
    let recoveredAfter = -1;
    while (Date.now() - back < 10_000) {
      const res = await get(running.port, '/api/ready');
      if (res.status === 200) {
        recoveredAfter = Date.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(recoveredAfter).toBeGreaterThanOrEqual(0);

    for (const i of [2, 3]) {
      if ((await get(running.port, `/api/votes/${vote.id}/ballots`, { choice: 'no' }, voters[i])).status === 201)
        acknowledged.push(i);
    }
    expect(acknowledged).toHaveLength(4);
    expect(await server.dataSource.getRepository(Ballot).count({ where: { voteId: vote.id } })).toBe(4);
  }, 90_000);
});

async function fetchToken(port: number, persona: string): Promise<string> {
  const res = await postJson(port, '/api/auth/dev-login', undefined, { persona });
  return (res.body as { token: string }).token;
}

function postJson(
  port: number,
  urlPath: string,
  token: string | undefined,
  body: object,
): Promise<{ status: number; body: Record<string, unknown>; id: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: urlPath,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => {
          const parsed = text ? JSON.parse(text) : {};
          resolve({ status: res.statusCode ?? 0, body: parsed, id: Number(parsed.id) });
        });
      },
    );
    req.on('error', reject);
    req.write(JSON.stringify(body));
    req.end();
  });
}
