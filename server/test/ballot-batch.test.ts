import { createHash } from 'node:crypto';
import { type Connection, createConnection } from 'mysql2/promise';
import request from 'supertest';
import { verifyLog } from '../../shared/src/votes/ballot-log';
import { runInTransaction } from '../src/db/transaction';
import { sqlTimestamp } from '../src/http/idempotency';
import { BALLOT_BATCHES_IN_FLIGHT, ballotBatchPaths, pendingBallots } from '../src/votes/ballot-batch';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer } from './support/test-db';

/**
 * Group commit of ballots (server/src/votes/ballot-batch.ts): ballots that wait
 * together are committed together, yet each request gets its own answer, only
 * after its ballot committed, and one bad ballot never fails the others.
 * To put a known set of ballots in one batch, the test holds the vote row the
 * way a close in progress does, fills every batch slot with a "plug" ballot
 * (each batch waits on the row), then sends the ballots under test (they queue
 * and go together once the row is let go).
 */

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000).toISOString();
const turn = () => new Promise((resolve) => setImmediate(resolve));

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe.each(eachDatabase)('ballot batches on %s', (dialect, db) => {
  let server: TestServer;
  let communityId: number;
  const tokens: Record<string, string> = {};
  const residents: { token: string; userId: number; estateId: number }[] = [];
  let nextResident = 0;
  /** Fresh verified residents nobody has used yet. */
  const take = (n: number) => {
    const taken = residents.slice(nextResident, nextResident + n);
    nextResident += n;
    if (taken.length < n) throw new Error('not enough residents');
    return taken;
  };

  const cast = (token: string, voteId: number, body: object, key?: string) => {
    const req = request(server.callback).post(`/api/votes/${voteId}/ballots`).set('Authorization', `Bearer ${token}`);
    return (key ? req.set('Idempotency-Key', key) : req).send(body).then((res) => res);
  };
  const openVote = async (over: Record<string, unknown> = {}) => {
    const res = await request(server.callback)
      .post('/api/votes')
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({ communityId, title: '是否同意更换单元门禁', electorate: 'residents', closesAt: inTwoWeeks(), ...over });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const count = async (sql: string, params: unknown[]) =>
    Number(((await server.dataSource.query(sql, params)) as { n: number | string }[])[0]!.n);
  const ballotsOf = (voteId: number) => count('SELECT COUNT(*) AS n FROM ballot WHERE vote_id = ?', [voteId]);
  const participationsOf = (voteId: number) =>
    count('SELECT COUNT(*) AS n FROM vote_participation WHERE vote_id = ?', [voteId]);

  /**
   * Holds the vote row as a close in progress would: on MySQL its exclusive
   * row lock on a connection of its own, on SQLite the transaction at the head
   * of the queue. `release(true)` closes the vote before letting go.
   */
  async function holdVote(voteId: number): Promise<{ release: (close: boolean) => Promise<void> }> {
    const closeSql = "UPDATE vote SET status = 'closed' WHERE id = ?";
    if (dialect === 'mysql') {
      const conn = await openConnection();
      await conn.query('START TRANSACTION');
      await conn.query('SELECT id FROM vote WHERE id = ? FOR UPDATE', [voteId]);
      return {
        release: async (close) => {
          if (close) await conn.query(closeSql, [voteId]);
          await conn.query('COMMIT');
        },
      };
    }
    let letGo!: (close: boolean) => void;
    const released = new Promise<boolean>((resolve) => {
      letGo = resolve;
    });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    const done = runInTransaction(server.dataSource, async (em) => {
      holding();
      if (await released) await em.query(closeSql, [voteId]);
    });
    letGoOnFailure.push(() => letGo(false));
    await held;
    return {
      release: async (close) => {
        letGo(close);
        await done;
      },
    };
  }

  // Whatever a failed test left holding is let go, so the next tests and the database drop do not wait on it.
  const connections: Connection[] = [];
  const letGoOnFailure: (() => void)[] = [];
  const openConnection = async () => {
    const conn = await createConnection({ uri: server.config.databaseUrl! });
    connections.push(conn);
    return conn;
  };
  afterEach(async () => {
    for (const letGo of letGoOnFailure.splice(0)) letGo();
    for (const conn of connections.splice(0)) await conn.end().catch(() => undefined);
  });

  /**
   * Holds the vote and sends one plug ballot per batch slot, each its own batch waiting on the row;
   * the ballots sent next then queue and, once the vote is let go, go together in one batch.
   */
  async function plugged(voteId: number) {
    const hold = await holdVote(voteId);
    const plugs: ReturnType<typeof cast>[] = [];
    for (const [i, voter] of take(BALLOT_BATCHES_IN_FLIGHT).entries()) {
      plugs.push(cast(voter.token, voteId, { choice: 'abstain' }));
      await until(() => pendingBallots(server.dataSource, voteId) === i + 1, 'a plug ballot');
    }
    return { hold, plugs: Promise.all(plugs), count: plugs.length };
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    communityId = await communityIdOf(server, '和平里社区');
    for (const p of ['moderator', 'newcomer', 'grid_worker', 'property_manager'])
      tokens[p] = await personaToken(server, p);
    const units = (await server.dataSource.query(
      'SELECT id, estate_id FROM unit WHERE community_id = ? AND id NOT IN (SELECT unit_id FROM unit_claim) ORDER BY id LIMIT 80',
      [communityId],
    )) as { id: number; estate_id: number }[];
    for (const [i, unit] of units.entries()) {
      await server.dataSource.query(
        "INSERT INTO app_user (nickname, status, token_version, large_text, created_at, updated_at) VALUES (?, 'active', 0, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [`batch-${i}`],
      );
      const userId = Number(
        (
          (await server.dataSource.query('SELECT id FROM app_user WHERE nickname = ?', [`batch-${i}`])) as {
            id: number;
          }[]
        )[0]!.id,
      );
      await server.dataSource.query(
        "INSERT INTO membership (user_id, community_id, status, created_at, updated_at) VALUES (?, ?, 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [userId, communityId],
      );
      await server.dataSource.query(
        "INSERT INTO unit_claim (user_id, unit_id, community_id, estate_id, relation, status, claimed_name, roster_matched, created_at, updated_at) VALUES (?, ?, ?, ?, 'tenant', 'approved', ?, 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        [userId, unit.id, communityId, unit.estate_id, `batch-${i}`],
      );
      residents.push({
        token: (await server.services.tokens.issue({ userId, version: 0 })).token,
        userId,
        estateId: Number(unit.estate_id),
      });
    }
  }, 120_000);
  afterAll(async () => server?.close());

  test('one batch of good, ineligible, suspended, repeated and duplicate ballots: each gets its own answer, only the good ones count', async () => {
    const good = take(5);
    const [earlier, suspended, twice, keyed] = take(4);
    const outsider = (
      await request(server.callback)
        .post('/api/auth/wechat')
        .send({ code: devLoginCode('batch-out') })
    ).body.token as string;
    await request(server.callback)
      .post(`/api/communities/${communityId}/members/${suspended!.userId}/suspend`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({ reason: '测试暂停' })
      .expect(204);
    const voteId = await openVote();
    expect((await cast(earlier!.token, voteId, { choice: 'yes' })).status).toBe(201);

    const { hold, plugs, count: plugCount } = await plugged(voteId);
    const sent = [
      ...good.map((v, i) => cast(v.token, voteId, { choice: i % 2 ? 'yes' : 'no' })),
      cast(tokens.newcomer!, voteId, { choice: 'yes' }),
      cast(tokens.grid_worker!, voteId, { choice: 'yes' }),
      cast(outsider, voteId, { choice: 'yes' }),
      cast(suspended!.token, voteId, { choice: 'yes' }),
      cast(earlier!.token, voteId, { choice: 'no' }),
      cast(twice!.token, voteId, { choice: 'yes' }),
      cast(twice!.token, voteId, { choice: 'no' }),
      cast(keyed!.token, voteId, { choice: 'yes' }, 'batch-key-0001'),
      cast(keyed!.token, voteId, { choice: 'yes' }, 'batch-key-0001'),
    ];
    await until(() => pendingBallots(server.dataSource, voteId) === plugCount + sent.length, 'the ballots to queue');
    await hold.release(false);
    const answers = await Promise.all(sent);
    for (const p of await plugs) expect(p.status).toBe(201);

    const [g0, g1, g2, g3, g4, newcomer, gridWorker, outside, susp, again, twiceA, twiceB, keyA, keyB] = answers;
    for (const a of [g0, g1, g2, g3, g4]) expect(a!.status).toBe(201);
    expect(new Set([g0, g1, g2, g3, g4].map((a) => a!.body.receiptCode)).size).toBe(5);
    for (const a of [newcomer, gridWorker, outside]) expect([403, 404]).toContain(a!.status);
    expect(susp!.body.error.code).toBe('MEMBER_SUSPENDED');
    expect(again!.body.error.code).toBe('CONFLICT');
    expect([twiceA!.status, twiceB!.status].sort()).toEqual([201, 409]);
    // The same key twice at once: one effect; the other is told to wait or gets the same answer replayed.
    const keyed2xx = [keyA!, keyB!].filter((a) => a.status === 201);
    expect(keyed2xx.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keyed2xx.map((a) => a.body.receiptCode)).size).toBe(1);
    for (const a of [keyA!, keyB!].filter((x) => x.status !== 201)) {
      expect(a.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
    }

    // earlier + plugs + 5 good + one of twice + keyed
    const counted = 1 + plugCount + 5 + 1 + 1;
    expect(await participationsOf(voteId)).toBe(counted);
    expect(await ballotsOf(voteId)).toBe(counted);
    const closed = await request(server.callback)
      .post(`/api/votes/${voteId}/close`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({});
    expect(closed.body.yes + closed.body.no + closed.body.abstain).toBe(counted);
    const record = (await request(server.callback).get(`/api/votes/${voteId}/record`)).body;
    expect(verifyLog(record)).toMatchObject({ valid: true });
    for (const a of [g0, g1, g2, g3, g4, keyed2xx[0]!]) {
      const found = await request(server.callback)
        .get(`/api/votes/${voteId}/receipt`)
        .query({ code: a!.body.receiptCode });
      expect(found.body.entry).not.toBeNull();
    }
    await request(server.callback)
      .post(`/api/communities/${communityId}/members/${suspended!.userId}/restore`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .expect(204);
  }, 120_000);

  test('no answer before the commit: ballots waiting on a close are refused when it closes the vote, and counted when it does not', async () => {
    for (const close of [true, false]) {
      const voteId = await openVote({ title: close ? '关闭时排队的选票' : '放行后排队的选票' });
      const hold = await holdVote(voteId);
      const voters = take(6);
      let answered = 0;
      const sent = voters.map((v) =>
        cast(v.token, voteId, { choice: 'yes' }).then((res) => {
          answered++;
          return res;
        }),
      );
      await until(() => pendingBallots(server.dataSource, voteId) === voters.length, 'the ballots to queue');
      for (let i = 0; i < 20; i++) await turn();
      expect(answered).toBe(0);
      await hold.release(close);
      const answers = await Promise.all(sent);
      if (close) {
        for (const a of answers) {
          expect(a.status).toBe(409);
          expect(a.body.error.code).toBe('ILLEGAL_TRANSITION');
        }
        expect(await ballotsOf(voteId)).toBe(0);
      } else {
        expect(answers.map((a) => a.status)).toEqual(voters.map(() => 201));
        expect(await participationsOf(voteId)).toBe(voters.length);
      }
    }
  }, 120_000);

  test('S4 for ballots: one Idempotency-Key 10× in parallel and 10× in sequence is one ballot; replays answer the same, also after close; another body is 422', async () => {
    const voteId = await openVote({ title: '请求标识重放' });
    const [voter] = take(1);
    const key = 'ballot-key-s4-0001';
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => cast(voter!.token, voteId, { choice: 'no' }, key)),
    );
    expect(parallel.every((r) => r.status === 201 || r.body.error?.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    const receipts = new Set(parallel.filter((r) => r.status === 201).map((r) => r.body.receiptCode));
    expect(receipts.size).toBe(1);
    const sequential = [];
    for (let i = 0; i < 10; i++) sequential.push(await cast(voter!.token, voteId, { choice: 'no' }, key));
    expect(sequential.every((r) => r.status === 201 && r.headers['idempotent-replayed'] === 'true')).toBe(true);
    expect(new Set([...receipts, ...sequential.map((r) => r.body.receiptCode)]).size).toBe(1);
    expect(await ballotsOf(voteId)).toBe(1);
    const other = await cast(voter!.token, voteId, { choice: 'yes' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await request(server.callback)
      .post(`/api/votes/${voteId}/close`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({})
      .expect(200);
    const replay = await cast(voter!.token, voteId, { choice: 'no' }, key);
    expect(replay.status).toBe(201);
    expect(replay.body.receiptCode).toBe([...receipts][0]);
    expect(await ballotsOf(voteId)).toBe(1);
  }, 120_000);

  test('the vote row decides, not what the process remembers of the vote: past its closing time, ballots are refused', async () => {
    const [first, second] = take(2);
    const voteId = await openVote();
    // The first ballot has the process remember the vote's definition.
    expect((await cast(first!.token, voteId, { choice: 'yes' })).status).toBe(201);
    await server.dataSource.query('UPDATE vote SET closes_at = ? WHERE id = ?', [
      sqlTimestamp(new Date(Date.now() - 60_000)),
      voteId,
    ]);
    const late = await cast(second!.token, voteId, { choice: 'yes' });
    expect(late.body.error?.code).toBe('ILLEGAL_TRANSITION');
    expect(await participationsOf(voteId)).toBe(1);
  });

  test('superseding ballots in one batch: the last one a voter sends counts, every ballot is kept', async () => {
    const voteId = await openVote({ title: '允许改票', allowChange: true, resultsLive: true });
    const voters = take(3);
    for (const v of voters) expect((await cast(v.token, voteId, { choice: 'yes' })).status).toBe(201);
    const { hold, plugs, count: plugCount } = await plugged(voteId);
    const sent = voters.map((v) => cast(v.token, voteId, { choice: 'no' }));
    await until(() => pendingBallots(server.dataSource, voteId) === plugCount + sent.length, 'the ballots to queue');
    await hold.release(false);
    for (const a of await Promise.all(sent)) expect(a.body).toMatchObject({ replaced: true });
    await plugs;
    const view = await request(server.callback).get(`/api/votes/${voteId}`);
    expect(view.body.result).toMatchObject({ yes: 0, no: 3, abstain: plugCount });
    expect(await ballotsOf(voteId)).toBe(6 + plugCount);
    expect(await participationsOf(voteId)).toBe(3 + plugCount);
  }, 120_000);

  const mysqlOnly = dialect === 'mysql' ? test : test.skip;
  mysqlOnly(
    'first ballots go in one round trip; a batch with a voter already counted or a key used before is answered by the reading path, each ballot exactly',
    async () => {
      const voteId = await openVote({ title: '一次往返的选票' });
      const paths = ballotBatchPaths(server.dataSource);
      const fresh = take(4);
      const before = { ...paths };
      const first = await Promise.all(
        fresh.map((v, i) => cast(v.token, voteId, { choice: 'yes' }, `one-trip-${i}-0001`)),
      );
      for (const a of first) expect(a.status).toBe(201);
      expect(paths.oneTrip).toBeGreaterThan(before.oneTrip);
      expect(paths.reading).toBe(before.reading);
      expect(paths.oneByOne).toBe(before.oneByOne);

      // One batch: two new voters, a voter already counted, and a replay of a key already used.
      const [newA, newB] = take(2);
      const { hold, plugs, count: plugCount } = await plugged(voteId);
      const sent = [
        cast(newA!.token, voteId, { choice: 'no' }),
        cast(newB!.token, voteId, { choice: 'abstain' }),
        cast(fresh[1]!.token, voteId, { choice: 'no' }),
        cast(fresh[2]!.token, voteId, { choice: 'yes' }, 'one-trip-2-0001'),
      ];
      await until(() => pendingBallots(server.dataSource, voteId) === plugCount + sent.length, 'the ballots to queue');
      const mid = { ...paths };
      await hold.release(false);
      const [a, b, again, replay] = await Promise.all(sent);
      await plugs;
      expect(a!.status).toBe(201);
      expect(b!.status).toBe(201);
      expect(again!.body.error.code).toBe('CONFLICT');
      expect(replay!.status).toBe(201);
      expect(replay!.headers['idempotent-replayed']).toBe('true');
      expect(replay!.body.receiptCode).toBe(first[2]!.body.receiptCode);
      expect(paths.reading).toBeGreaterThan(mid.reading);
      expect(await ballotsOf(voteId)).toBe(4 + plugCount + 2);
      expect(await participationsOf(voteId)).toBe(4 + plugCount + 2);

      // Closed meanwhile: the trip's guard stops it before anything is written.
      await server.dataSource.query("UPDATE vote SET status = 'closed' WHERE id = ?", [voteId]);
      const [late] = take(1);
      const refused = await cast(late!.token, voteId, { choice: 'yes' });
      expect(refused.body.error.code).toBe('ILLEGAL_TRANSITION');
      expect(await ballotsOf(voteId)).toBe(4 + plugCount + 2);
      const record = (await server.dataSource.query('SELECT COUNT(*) AS n FROM idempotency_record WHERE user_id = ?', [
        late!.userId,
      ])) as { n: number }[];
      expect(Number(record[0]!.n)).toBe(0);

      // Operators see the paths on /metrics.
      const metrics = await request(server.callback).get('/metrics');
      const counted = (path: string) =>
        Number(new RegExp(`yishi_ballot_batches_total\\{[^}]*path="${path}"[^}]*\\} (\\d+)`).exec(metrics.text)?.[1]);
      expect(counted('one_trip')).toBe(paths.oneTrip);
      expect(counted('reading')).toBe(paths.reading);
      expect(counted('one_by_one')).toBe(paths.oneByOne);
      expect(paths.oneTrip).toBeGreaterThan(0);
    },
    120_000,
  );

  mysqlOnly(
    'first ballots go in before their actors are read, and the trip itself refuses a user revoked, deleted, suspended or unverified since the vote opened',
    async () => {
      const voteId = await openVote({ title: '不先读取身份的选票' });
      const paths = ballotBatchPaths(server.dataSource);
      const [goodA, goodB, revoked, deleted, suspended, unverified] = take(6);
      // All six were entitled when the vote opened (its electorate is frozen); then each but two lost something.
      await server.dataSource.query('UPDATE app_user SET token_version = token_version + 1 WHERE id = ?', [
        revoked!.userId,
      ]);
      await server.dataSource.query("UPDATE app_user SET status = 'deleted' WHERE id = ?", [deleted!.userId]);
      await server.dataSource.query(
        "UPDATE membership SET status = 'suspended' WHERE user_id = ? AND community_id = ?",
        [suspended!.userId, communityId],
      );
      await server.dataSource.query("UPDATE unit_claim SET status = 'withdrawn' WHERE user_id = ?", [
        unverified!.userId,
      ]);

      // Alone, good voters go in one trip.
      const before = { ...paths };
      expect((await cast(goodA!.token, voteId, { choice: 'yes' }, 'deferred-a-0001')).status).toBe(201);
      expect(paths.oneTrip).toBe(before.oneTrip + 1);
      expect(paths.reading).toBe(before.reading);

      // Alone, a revoked token is refused by the trip's own check and nothing is written, not even its key.
      const alone = await cast(revoked!.token, voteId, { choice: 'yes' }, 'deferred-r-0001');
      expect(alone.status).toBe(401);
      expect(alone.body.error.code).toBe('TOKEN_INVALID');
      expect(await ballotsOf(voteId)).toBe(1);
      const keys = (await server.dataSource.query('SELECT COUNT(*) AS n FROM idempotency_record WHERE user_id = ?', [
        revoked!.userId,
      ])) as { n: number }[];
      expect(Number(keys[0]!.n)).toBe(0);

      // Together in one batch: the trip is refused, the reading path tells each ballot exactly why.
      const { hold, plugs, count: plugCount } = await plugged(voteId);
      const sent = [
        cast(goodB!.token, voteId, { choice: 'no' }),
        cast(revoked!.token, voteId, { choice: 'yes' }),
        cast(deleted!.token, voteId, { choice: 'yes' }),
        cast(suspended!.token, voteId, { choice: 'yes' }),
        cast(unverified!.token, voteId, { choice: 'yes' }),
      ];
      await until(() => pendingBallots(server.dataSource, voteId) === plugCount + sent.length, 'the ballots to queue');
      const mid = { ...paths };
      await hold.release(false);
      const [b, r, d, s, u] = await Promise.all(sent);
      await plugs;
      expect(b!.status).toBe(201);
      expect(r!.body.error.code).toBe('TOKEN_INVALID');
      expect(d!.body.error.code).toBe('TOKEN_INVALID');
      expect(s!.body.error.code).toBe('MEMBER_SUSPENDED');
      expect(u!.body.error.code).toBe('NOT_VERIFIED');
      expect(paths.reading).toBeGreaterThan(mid.reading);
      expect(await ballotsOf(voteId)).toBe(1 + plugCount + 1);
      expect(await participationsOf(voteId)).toBe(1 + plugCount + 1);
      const voters = (await server.dataSource.query('SELECT voter_key FROM ballot WHERE vote_id = ?', [voteId])) as {
        voter_key: string;
      }[];
      for (const refused of [revoked, deleted, suspended, unverified]) {
        expect(voters.map((v) => v.voter_key)).not.toContain(`u:${refused!.userId}`);
      }
    },
    120_000,
  );

  mysqlOnly(
    "an estate's residents' vote and a standalone council vote also go in one trip; a council member suspended since it opened is refused",
    async () => {
      const paths = ballotBatchPaths(server.dataSource);
      const [resident] = take(1);
      const estateVote = await openVote({ title: '本小区的居民表决', estateId: resident!.estateId });
      let before = { ...paths };
      expect((await cast(resident!.token, estateVote, { choice: 'yes' })).status).toBe(201);
      expect(paths.oneTrip).toBe(before.oneTrip + 1);
      expect(paths.reading).toBe(before.reading);

      const councilId = Number(
        (
          (await server.dataSource.query('SELECT id FROM council WHERE community_id = ?', [communityId])) as {
            id: number;
          }[]
        )[0]!.id,
      );
      const councilVote = await openVote({ title: '议事会表决', electorate: 'council', councilId });
      before = { ...paths };
      expect((await cast(tokens.property_manager!, councilVote, { choice: 'no' })).status).toBe(201);
      expect(paths.oneTrip).toBe(before.oneTrip + 1);
      expect(paths.reading).toBe(before.reading);

      const another = await openVote({
        title: '议事会表决（暂停后）',
        electorate: 'council',
        councilId: Number(councilId),
      });
      const me = await request(server.callback)
        .get('/api/me')
        .set('Authorization', `Bearer ${tokens.property_manager}`);
      const managerId = Number(me.body.user?.id ?? me.body.id);
      await server.dataSource.query(
        "UPDATE membership SET status = 'suspended' WHERE user_id = ? AND community_id = ?",
        [managerId, communityId],
      );
      try {
        const refused = await cast(tokens.property_manager!, another, { choice: 'yes' });
        expect(refused.body.error.code).toBe('MEMBER_SUSPENDED');
        expect(await ballotsOf(another)).toBe(0);
      } finally {
        await server.dataSource.query(
          "UPDATE membership SET status = 'active' WHERE user_id = ? AND community_id = ?",
          [managerId, communityId],
        );
      }
    },
    120_000,
  );

  mysqlOnly('a vote that takes changed minds never assumes first ballots', async () => {
    const voteId = await openVote({ title: '允许改票的表决', allowChange: true, resultsLive: true });
    const paths = ballotBatchPaths(server.dataSource);
    const before = paths.oneTrip;
    const [voter] = take(1);
    expect((await cast(voter!.token, voteId, { choice: 'yes' })).body).toMatchObject({ replaced: false });
    expect((await cast(voter!.token, voteId, { choice: 'no' })).body).toMatchObject({ replaced: true });
    expect(paths.oneTrip).toBe(before);
  });

  mysqlOnly(
    'a batch refused by a unique key (a key and a voter taken by another process meanwhile) is retried one by one: only those two fail',
    async () => {
      const voteId = await openVote({ title: '跨进程竞争' });
      const voters = take(5);
      // "Another process": the same request of voters[0] (same key and body) and another ballot of
      // voters[1], written but not committed yet.
      const sameRequest = createHash('sha256')
        .update(`POST\u0000/api/votes/${voteId}/ballots\u0000${JSON.stringify({ choice: 'yes' })}`)
        .digest('hex');
      const other = await openConnection();
      await other.query('START TRANSACTION');
      await other.query(
        "INSERT INTO idempotency_record (user_id, idempotency_key, operation_id, request_hash, state, created_at) VALUES (?, 'race-key-0001', 'castBallot', ?, 'in_progress', NOW(6))",
        [voters[0]!.userId, sameRequest],
      );
      await other.query(
        'INSERT INTO vote_participation (vote_id, voter_key, ballot_id, updated_at) VALUES (?, ?, 0, NOW(6))',
        [voteId, `u:${voters[1]!.userId}`],
      );
      const { hold, plugs, count: plugCount } = await plugged(voteId);
      const sent = voters.map((v, i) => cast(v.token, voteId, { choice: 'yes' }, `race-key-000${i + 1}`));
      await until(
        () => pendingBallots(server.dataSource, voteId) === plugCount + voters.length,
        'the ballots to queue',
      );
      await hold.release(false);
      for (const p of await plugs) expect(p.status).toBe(201);
      // Once the batch is writing the keys it waits on the other transaction's uncommitted one; let that commit.
      await until(async () => {
        const [rows] = await other.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = DATABASE() AND INFO LIKE 'INSERT INTO idempotency_record%'",
        );
        return Number((rows as { n: number }[])[0]!.n) > 0;
      }, 'the batch to write its keys');
      await other.query('COMMIT');
      const answers = await Promise.all(sent);
      expect(answers[0]!.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(answers[1]!.body.error.code).toBe('CONFLICT');
      expect(answers.slice(2).map((a) => a.status)).toEqual([201, 201, 201]);
      // plugs + three; the other process's participation stays its own
      expect(await ballotsOf(voteId)).toBe(plugCount + 3);
      expect(await participationsOf(voteId)).toBe(plugCount + 4);
    },
    120_000,
  );
});
