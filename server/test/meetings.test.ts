import request from 'supertest';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

describe.each(eachDatabase)('meetings on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let councilId: number;
  const tokens: Record<string, string> = {};
  const post = (persona: string, url: string, body: object = {}) =>
    request(server.callback).post(url).set('Authorization', `Bearer ${tokens[persona]}`).send(body);
  const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    communityId = await communityIdOf(server, '和平里社区');
    councilId = Number(
      (
        (await server.dataSource.query('SELECT id FROM council WHERE community_id = ?', [communityId])) as {
          id: number;
        }[]
      )[0]!.id,
    );
    for (const p of ['moderator', 'representative', 'resident', 'owner', 'property_manager', 'owners_committee'])
      tokens[p] = await personaToken(server, p);
  });
  afterAll(async () => server.close());

  async function openTopicIds(): Promise<number[]> {
    const rows = (await server.dataSource.query(
      "SELECT id FROM topic WHERE community_id = ? AND status IN ('accepted', 'routed', 'handling') ORDER BY id",
      [communityId],
    )) as { id: number }[];
    return rows.map((r) => Number(r.id));
  }

  test('schedule with an agenda, announce ahead of time, check in by code and roll call; the quorum follows attendance', async () => {
    const [a, b] = await openTopicIds();
    const scheduled = await post('moderator', '/api/meetings', {
      title: '十二月协商议事会',
      councilId,
      startsAt: inDays(7),
      place: '社区党群服务中心二楼会议室',
      mode: 'hybrid',
      noticeDays: 3,
      agenda: [
        { topicId: a, minutes: 30 },
        { topicId: b, minutes: 20 },
      ],
    });
    expect(scheduled.status).toBe(201);
    const m = scheduled.body;
    expect(m).toMatchObject({ status: 'planned', attendance: { present: 0, councilSeats: 5, quorumMet: false } });
    expect(m.agenda.map((i: { topicId: number }) => i.topicId)).toEqual([a, b]);
    expect(m.checkInCode).toMatch(/^[A-Z2-9]{6}$/);
    expect(m.invitees.every((i: { name: string }) => i.name.includes('*'))).toBe(true);
    // The public does not see the code, nor planned meetings.
    expect((await request(server.callback).get(`/api/meetings/${m.id}`)).body.checkInCode).toBeNull();
    const browse = await request(server.callback)
      .get(`/api/communities/${communityId}/meetings/browse`)
      .query({ when: 'upcoming' });
    expect(browse.status).toBe(200);
    expect(browse.body.items).toEqual([]);

    expect((await post('representative', `/api/meetings/${m.id}/check-in`, { code: m.checkInCode })).status).toBe(409);
    const announced = await post('moderator', `/api/meetings/${m.id}/announce`);
    expect(announced.body.status).toBe('announced');
    const note = (
      await request(server.callback).get('/api/notifications').set('Authorization', `Bearer ${tokens.representative}`)
    ).body[0];
    expect(note).toMatchObject({ kind: 'meeting_announced' });
    expect(note.body).toContain('社区党群服务中心二楼会议室');

    expect((await post('representative', `/api/meetings/${m.id}/check-in`, { code: 'AAAAAA' })).status).toBe(400);
    const before = await tableCounts(server.dataSource);
    expect((await post('owner', `/api/meetings/${m.id}/check-in`, { code: m.checkInCode })).status).toBe(403);
    expect(await tableCounts(server.dataSource)).toEqual(before);
    await post('representative', `/api/meetings/${m.id}/check-in`, { code: m.checkInCode.toLowerCase() }).expect(200);
    await post('representative', `/api/meetings/${m.id}/check-in`, { code: m.checkInCode }).expect(200);
    const pmId = (
      await request(server.callback).get('/api/me').set('Authorization', `Bearer ${tokens.property_manager}`)
    ).body.id;
    expect((await post('resident', `/api/meetings/${m.id}/roll-call`, { userId: pmId })).status).toBe(403);
    const two = await post('moderator', `/api/meetings/${m.id}/roll-call`, { userId: pmId });
    expect(two.body.attendance).toMatchObject({ present: 2, councilPresent: 2, quorumMet: false });
    await post('owners_committee', `/api/meetings/${m.id}/check-in`, { code: m.checkInCode }).expect(200);
    const three = await request(server.callback).get(`/api/meetings/${m.id}`);
    expect(three.body.attendance).toMatchObject({ present: 3, councilPresent: 3, councilSeats: 5, quorumMet: true });
  });

  test('the notice must go out the notice period ahead; the agenda takes only open topics of the community', async () => {
    const [a] = await openTopicIds();
    const soon = await post('moderator', '/api/meetings', {
      title: '临时协商议事会',
      councilId,
      startsAt: inDays(1),
      place: '社区会议室',
      mode: 'offline',
      noticeDays: 3,
      agenda: [{ topicId: a, minutes: 30 }],
    });
    expect(soon.status).toBe(201);
    const late = await post('moderator', `/api/meetings/${soon.body.id}/announce`);
    expect(late.status).toBe(409);
    expect(late.body.error.message).toContain('至少提前 3 天');
    const rejected = (
      (await server.dataSource.query("SELECT id FROM topic WHERE status = 'rejected' LIMIT 1")) as { id: number }[]
    )[0]!.id;
    const bad = await post('moderator', '/api/meetings', {
      title: '不合适的议程',
      councilId,
      startsAt: inDays(5),
      place: '社区会议室',
      mode: 'offline',
      agenda: [{ topicId: Number(rejected), minutes: 30 }],
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await post('representative', '/api/meetings', {
          title: '居民自己开会',
          councilId,
          startsAt: inDays(5),
          place: '楼下',
          mode: 'offline',
          agenda: [{ topicId: a, minutes: 10 }],
        })
      ).status,
    ).toBe(403);
  });
});
