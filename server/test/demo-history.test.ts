import request from 'supertest';
import { verifyLog } from '../../shared/src/votes/ballot-log';
import { DEMO_HISTORY_KEY, seedDemoHistory } from '../src/db/seed/demo-history';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

/**
 * The demo's meetings, votes and decisions (YISHI_DEMO_HISTORY, on by default
 * with the demo; off in the other suites, which count the demo's rows): what
 * a visitor of a fresh installation finds in 议事会 and 公示栏.
 */
describe.each(eachDatabase)('demo history on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always', YISHI_DEMO_HISTORY: 'on' } });
    communityId = await communityIdOf(server, '和平里社区');
  });
  afterAll(async () => server.close());

  const get = (url: string, token?: string) => {
    const req = request(server.callback).get(url);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  test('a council meeting held today, its minutes published and its decisions on the topics', async () => {
    const past = await get(`/api/communities/${communityId}/meetings/browse?when=past`);
    expect(past.status).toBe(200);
    expect(past.body.items).toHaveLength(1);
    const held = past.body.items[0];
    expect(held).toMatchObject({ title: '和平里社区协商议事会11月例会', status: 'minutes_published', agendaCount: 2 });
    expect(new Date(held.startsAt).getTime()).toBeLessThanOrEqual(Date.now());

    const minutes = await get(`/api/meetings/${held.id}/minutes`);
    expect(minutes.status).toBe(200);
    expect(minutes.body.text).toContain('实到 5 人');
    expect(minutes.body.text).toContain('同意 4 票，反对 0 票，弃权 1 票');
    expect(minutes.body.text).toContain('决议：同意在槐荫里西侧空地建设电动自行车集中充电棚');
    // The public minutes mask names.
    expect(minutes.body.text).not.toMatch(/王秀英|陈志强|孙玉梅|赵国华|周海燕/);

    const topics = (await server.dataSource.query(
      "SELECT title, status FROM topic WHERE title IN ('槐荫里增设电动自行车集中充电棚', '社区老年食堂延长午餐供应时间', '安居苑楼道堆物清理与消防通道整治') ORDER BY id",
    )) as { title: string; status: string }[];
    expect(topics.map((t) => t.status)).toEqual(['publicity', 'decided', 'scheduled']);
  });

  test('the public board shows the resolution in publicity', async () => {
    const board = await get(`/api/communities/${communityId}/board`);
    expect(board.status).toBe(200);
    expect(board.body.items).toEqual([
      expect.objectContaining({
        title: '槐荫里增设电动自行车集中充电棚',
        status: 'publicity',
        resolution: expect.stringContaining('约40个充电位'),
      }),
    ]);
  });

  test('the council vote is closed with a published record that verifies', async () => {
    const votes = await get(`/api/communities/${communityId}/votes`);
    expect(votes.status).toBe(200);
    const council = votes.body.find((v: { electorate: string }) => v.electorate === 'council');
    expect(council).toMatchObject({ status: 'closed', method: 'yes_no' });
    const record = await get(`/api/votes/${council.id}/record`);
    expect(record.status).toBe(200);
    const checked = verifyLog(JSON.parse(record.text));
    expect(checked).toMatchObject({ valid: true, tally: { yes: 4, no: 0, abstain: 1, passed: true } });
  });

  test('the next meeting has its notice out, and an owners’ decision is open with one ballot in', async () => {
    const upcoming = await get(`/api/communities/${communityId}/meetings/browse`);
    expect(upcoming.body.items).toEqual([
      expect.objectContaining({ title: '和平里社区协商议事会12月例会', status: 'announced', agendaCount: 1 }),
    ]);
    const votes = await get(`/api/communities/${communityId}/votes`);
    const owners = votes.body.find((v: { electorate: string }) => v.electorate === 'owners');
    expect(owners).toMatchObject({ status: 'open' });
    const view = await get(`/api/votes/${owners.id}`);
    expect(view.status).toBe(200);
    expect(view.body.participation.voters).toBe(1);
    expect(view.body.participation.entitled).toBeGreaterThan(100);

    // The demo owner has not voted yet, and can.
    const owner = await personaToken(server, 'owner');
    const cast = await request(server.callback)
      .post(`/api/votes/${owners.id}/ballots`)
      .set('Authorization', `Bearer ${owner}`)
      .send({ choice: 'yes' });
    expect(cast.status).toBe(201);
  });

  test('seeding again changes nothing', async () => {
    const before = await tableCounts(server.dataSource);
    expect(await seedDemoHistory(server.services)).toBe(false);
    expect(await tableCounts(server.dataSource)).toEqual(before);
    const marker = (await server.dataSource.query('SELECT value FROM app_meta WHERE `key` = ?', [
      DEMO_HISTORY_KEY,
    ])) as { value: string }[];
    expect(marker).toEqual([{ value: '1' }]);
  });
});

describe('demo history that fails', () => {
  test('is not tried a second time: the marker says it started, and seeding again writes nothing', async () => {
    const server = await startTestServer(eachDatabase[0]![1], { env: { YISHI_SEED_DEMO: 'always' } });
    try {
      // Without a council the meeting cannot be scheduled: seeding fails after setting its marker.
      await server.dataSource.query('DELETE FROM seat');
      await server.dataSource.query('DELETE FROM council');
      await expect(seedDemoHistory(server.services)).rejects.toThrow();
      const marker = (await server.dataSource.query('SELECT value FROM app_meta WHERE `key` = ?', [
        DEMO_HISTORY_KEY,
      ])) as { value: string }[];
      expect(marker).toEqual([{ value: 'started' }]);
      const before = await tableCounts(server.dataSource);
      expect(await seedDemoHistory(server.services)).toBe(false);
      expect(await tableCounts(server.dataSource)).toEqual(before);
    } finally {
      await server.close();
    }
  });
});

describe('demo history without the demo', () => {
  test('nothing is written when the demo community was not seeded', async () => {
    const server = await startTestServer(eachDatabase[0]![1], { env: { YISHI_SEED_DEMO: 'never' } });
    try {
      const before = await tableCounts(server.dataSource);
      expect(await seedDemoHistory(server.services)).toBe(false);
      expect(await tableCounts(server.dataSource)).toEqual(before);
    } finally {
      await server.close();
    }
  });
});
