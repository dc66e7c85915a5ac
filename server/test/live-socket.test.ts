import { randomUUID } from 'node:crypto';
import { LIVE_CLOSE_CODES } from '../../shared/src/meetings/live.schema';
import { Meeting } from '../src/meetings/meetings.entity';
import { type ListeningServer, LiveClient, listenTestServer } from './support/live-server';
import { as, type MeetingWorld, meetingIn, meetingWorld } from './support/meetings';
import { eachDatabase, startTestServer, type TestServer } from './support/test-db';

jest.setTimeout(120_000);

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each(eachDatabase)('live meeting WebSockets on %s', (_dialect, db) => {
  let server: TestServer;
  let world: MeetingWorld;
  let one: ListeningServer;
  let two: ListeningServer;
  const clients: LiveClient[] = [];
  const connect = (base: ListeningServer, meetingId: number, query = '', options?: { autoPong?: boolean }) => {
    const client = new LiveClient(`${base.wsBase}/api/meetings/${meetingId}/live/ws${query}`, options);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // A random channel prefix: other test runs on the same Redis never hear this one.
    server = await startTestServer(db, {
      env: { YISHI_SEED_DEMO: 'always', REDIS_URL, REDIS_PREFIX: `t${randomUUID().slice(0, 8)}:` },
    });
    world = await meetingWorld(server);
    one = await listenTestServer(server);
    two = await listenTestServer(server, { secondProcess: true, heartbeatMs: 200 });
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
    await server?.close();
  });

  const mod = () => as(server, world, 'moderator');

  test('two subscribers follow the meeting; the public sees no user ids; versions only grow', async () => {
    const m = await meetingIn(server, world, 'in_session', 2);
    const member = connect(one, m.id, `?token=${world.tokens.representative}`);
    const anonymous = connect(one, m.id);
    const first = await member.until((s) => s.status === 'in_session');
    await anonymous.until((s) => s.version === first.version);

    await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`).expect(200);
    await as(server, world, 'representative').post(`/api/meetings/${m.id}/floor-requests`).expect(201);
    const seen = await member.until((s) => s.speakers.queue.length === 1);
    expect(seen.speakers.queue[0]!.userId).toBe(world.userIds.representative);
    const publicSeen = await anonymous.until((s) => s.speakers.queue.length === 1);
    expect(publicSeen.speakers.queue[0]!.userId).toBeNull();
    expect(publicSeen.speakers.queue[0]!.name).toContain('*');
    expect(publicSeen.currentItem?.id).toBe(m.itemIds[0]);

    const versions = member.messages.flatMap((msg) => (msg.type === 'pong' ? [] : [msg.version]));
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);

    // The application-level heartbeat.
    member.send('{"type":"ping"}');
    await new Promise<void>((resolve) => {
      const poll = () => (member.messages.some((msg) => msg.type === 'pong') ? resolve() : setTimeout(poll, 10));
      poll();
    });
  });

  test('a reconnect with since=V gets only what is newer, at once', async () => {
    const m = await meetingIn(server, world, 'in_session', 2);
    const early = connect(one, m.id, `?token=${world.tokens.moderator}`);
    const v = (await early.until(() => true)).version;
    early.close();
    await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`).expect(200);

    const resumed = connect(one, m.id, `?token=${world.tokens.moderator}&since=${v}`);
    const newest = await resumed.until((s) => s.currentItem !== null);
    expect(newest.version).toBeGreaterThan(v);
    expect(resumed.messages[0]).toMatchObject({ type: 'state' });

    // Up to date already: nothing is sent until the next change.
    const upToDate = connect(one, m.id, `?since=${newest.version}`);
    await upToDate.opened;
    await as(server, world, 'owners_committee').post(`/api/meetings/${m.id}/floor-requests`).expect(201);
    const next = await upToDate.until((s) => s.speakers.queue.length === 1);
    expect(next.version).toBeGreaterThan(newest.version);
    expect(upToDate.messages.every((msg) => msg.type !== 'state' || msg.version > newest.version)).toBe(true);
  });

  test('a burst of ballots is one version bump, and every subscriber, on either process, gets it', async () => {
    const m = await meetingIn(server, world, 'in_session', 1);
    const clientA = connect(one, m.id);
    const clientB = connect(two, m.id);
    const start = (await clientA.until(() => true)).version;
    await clientB.until((s) => s.version >= start);
    for (let i = 0; i < 200; i++) {
      server.services.events.emit('vote.changed', {
        voteId: 1,
        communityId: world.communityId,
        meetingId: m.id,
        kind: 'ballot',
      });
    }
    const bumped = await clientA.until((s) => s.version > start);
    // 200 ballots in one burst: one bump of the version in the database, one build.
    const row = await server.dataSource.getRepository(Meeting).findOneByOrFail({ id: m.id });
    expect(row.liveVersion).toBe(start + 1);
    expect(bumped.version).toBe(start + 1);
    await clientB.until((s) => s.version === start + 1);
    // Ballots leave the session untouched: clients got votes-only frames.
    expect(clientA.messages.some((msg) => msg.type === 'votes')).toBe(true);
  });

  test('a second server process receives the first one’s changes through Redis', async () => {
    const m = await meetingIn(server, world, 'in_session', 1);
    const onTwo = connect(two, m.id, `?token=${world.tokens.representative}`);
    const before = await onTwo.until((s) => s.status === 'in_session');
    // The change is made through the first process (server.callback); the subscriber is on the second.
    await mod().post(`/api/meetings/${m.id}/items/${m.itemIds[0]}/open`).expect(200);
    const after = await onTwo.until((s) => s.currentItem !== null);
    expect(after.version).toBeGreaterThan(before.version);
    expect(one.services.events).not.toBe(two.services.events);
  });

  test('refusals close with a code; a dead socket is dropped; shutdown says reconnect elsewhere', async () => {
    const m = await meetingIn(server, world, 'in_session', 1);
    expect((await connect(one, m.id, '?token=not-a-token').closed).code).toBe(LIVE_CLOSE_CODES.unauthenticated);
    expect((await connect(one, 2_000_000_000).closed).code).toBe(LIVE_CLOSE_CODES.notFound);
    expect((await connect(one, m.id, '?since=abc').closed).code).toBe(LIVE_CLOSE_CODES.badRequest);
    const planned = await meetingIn(server, world, 'planned', 1);
    expect((await connect(one, planned.id).closed).code).toBe(LIVE_CLOSE_CODES.notFound);
    const moderatorOnPlanned = connect(one, planned.id, `?token=${world.tokens.moderator}`);
    await moderatorOnPlanned.until((s) => s.status === 'planned');

    // A client that never answers pings is closed by the heartbeat (server two pings every 200 ms).
    const silent = connect(two, m.id, '', { autoPong: false });
    await silent.until(() => true);
    expect((await silent.closed).code).toBe(1006);

    // Graceful shutdown of a process: its subscribers are told to reconnect (1012).
    const third = await listenTestServer(server, { secondProcess: true });
    const leaving = connect(third, m.id);
    await leaving.until(() => true);
    const shutdown = third.running.shutdown(5000);
    expect((await leaving.closed).code).toBe(LIVE_CLOSE_CODES.serviceRestart);
    await shutdown;
  });
});
