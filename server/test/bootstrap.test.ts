import request from 'supertest';
import { bootstrapCommunity } from '../src/admin/bootstrap';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { eachDatabase, startTestServer, type TestServer } from './support/test-db';

describe.each(eachDatabase)('production bootstrap on an empty %s database', (_dialect, db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_DEMO: 'off', YISHI_SEED_DEMO: 'never' } });
  });
  afterAll(async () => server.close());

  test('creates the community and its first moderator via a one-time code bound on first WeChat login', async () => {
    expect(await server.dataSource.query('SELECT id FROM community')).toEqual([]);
    const result = await bootstrapCommunity(server.dataSource, {
      subDistrict: { name: '长青街道', code: 'CQ' },
      community: { name: '新风社区', code: 'XF' },
      estates: [
        { name: '新风苑', kind: 'commercial' },
        { name: '老街坊', kind: 'old_compound' },
      ],
      validDays: 7,
    });
    expect(result.moderatorInviteCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const communities = await request(server.callback).get('/api/communities');
    expect(communities.body).toEqual([
      expect.objectContaining({ name: '新风社区', subDistrictName: '长青街道', estates: expect.any(Array) }),
    ]);

    const login = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode('first-moderator') });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const wrong = await request(server.callback)
      .post('/api/auth/redeem-invite')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: 'AAAA-BBBB' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('INVITE_INVALID');
    const redeemed = await request(server.callback)
      .post('/api/auth/redeem-invite')
      .set('Authorization', `Bearer ${token}`)
      .send({ code: result.moderatorInviteCode.toLowerCase() });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.communities).toEqual([
      expect.objectContaining({ id: result.communityId, roles: ['moderator'] }),
    ]);
    const queue = await request(server.callback)
      .get(`/api/communities/${result.communityId}/claims`)
      .set('Authorization', `Bearer ${token}`);
    expect(queue.status).toBe(200);

    // The code works once.
    const other = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode('someone-else') });
    const reuse = await request(server.callback)
      .post('/api/auth/redeem-invite')
      .set('Authorization', `Bearer ${other.body.token}`)
      .send({ code: result.moderatorInviteCode });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.code).toBe('INVITE_INVALID');

    // Running it again for the same codes adds no duplicates.
    const again = await bootstrapCommunity(server.dataSource, {
      subDistrict: { name: '长青街道', code: 'CQ' },
      community: { name: '新风社区', code: 'XF' },
      estates: [{ name: '新风苑', kind: 'commercial' }],
      validDays: 7,
    });
    expect(again.communityId).toBe(result.communityId);
    expect(again.estateIds[0]).toBe(result.estateIds[0]);
    expect((await server.dataSource.query('SELECT id FROM estate')).length).toBe(2);
  });
});
