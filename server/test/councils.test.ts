import request from 'supertest';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

describe.each(eachDatabase)('councils on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let moderator: string;
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    communityId = await communityIdOf(server, '和平里社区');
    moderator = await personaToken(server, 'moderator');
  });
  afterAll(async () => server.close());

  const post = (token: string, url: string, body: object) =>
    request(server.callback).post(url).set('Authorization', `Bearer ${token}`).send(body);

  test('the demo council seats every party, holders masked for the public', async () => {
    const res = await request(server.callback).get(`/api/communities/${communityId}/councils`);
    expect(res.status).toBe(200);
    const council = res.body[0];
    expect(council.name).toBe('和平里社区协商议事会');
    expect(council.seats.map((s: { partyLabel: string }) => s.partyLabel)).toEqual(
      expect.arrayContaining(['居民代表', '业主委员会', '物业公司', '社会组织']),
    );
    const property = council.seats.find((s: { party: string }) => s.party === 'property_company');
    expect(property).toMatchObject({ holderName: '赵**', organisation: '恒安物业服务有限公司', current: true });
    expect(JSON.stringify(res.body)).not.toMatch(/赵国华|1380000/);
  });

  test('moderators set up an estate council and appoint a member for a term; others are refused', async () => {
    const estateId = Number(
      ((await server.dataSource.query("SELECT id FROM estate WHERE name = '锦绣华庭'")) as { id: number }[])[0]!.id,
    );
    const created = await post(moderator, `/api/communities/${communityId}/councils`, {
      name: '锦绣华庭议事会',
      estateId,
    });
    expect(created.status).toBe(201);
    const ownerId = (
      await request(server.callback)
        .get('/api/me')
        .set('Authorization', `Bearer ${await personaToken(server, 'owner')}`)
    ).body.id;
    const seat = { userId: ownerId, party: 'resident_representative', termStart: '2026-01-01', termEnd: '2028-12-31' };
    const resident = await personaToken(server, 'resident');
    const before = await tableCounts(server.dataSource);
    expect((await post(resident, `/api/councils/${created.body.id}/seats`, seat)).status).toBe(403);
    expect(
      (await post(moderator, `/api/councils/${created.body.id}/seats`, { ...seat, termEnd: '2025-01-01' })).status,
    ).toBe(400);
    expect(await tableCounts(server.dataSource)).toEqual(before);
    const appointed = await post(moderator, `/api/councils/${created.body.id}/seats`, seat);
    expect(appointed.status).toBe(201);
    expect((await post(moderator, `/api/councils/${created.body.id}/seats`, seat)).status).toBe(409);
    const list = await request(server.callback).get(`/api/communities/${communityId}/councils`);
    const estateCouncil = list.body.find((c: { id: number }) => c.id === created.body.id);
    expect(estateCouncil).toMatchObject({
      estateName: '锦绣华庭',
      seats: [expect.objectContaining({ holderName: '李**', current: true })],
    });
    expect((await post(moderator, `/api/seats/${appointed.body.id}/end`, {})).status).toBe(204);
    const after = await request(server.callback).get(`/api/communities/${communityId}/councils`);
    expect(after.body.find((c: { id: number }) => c.id === created.body.id).seats).toEqual([]);
  });
});
