import request from 'supertest';
import { UnitClaim } from '../src/members/members.entity';
import { Notification } from '../src/notifications/notifications.entity';
import { communityIdOf, PNG, unitId } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

describe.each(eachDatabase)('unit claims, approvals and members on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  const as = (token: string) => ({
    get: (url: string) => request(server.callback).get(url).set('Authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) =>
      request(server.callback).post(url).set('Authorization', `Bearer ${token}`).send(body),
  });
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    communityId = await communityIdOf(server, '和平里社区');
  });
  afterAll(async () => server.close());

  test('nothing personal is collected before the privacy agreement is accepted', async () => {
    const newcomer = as(await personaToken(server, 'newcomer'));
    const unit = await unitId(server, '锦绣华庭', '4号楼', '1单元602');
    const before = await tableCounts(server.dataSource);
    const res = await newcomer.post('/api/claims', { unitId: unit, relation: 'tenant', name: '周子涵' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    expect(await tableCounts(server.dataSource)).toEqual(before);
    expect((await newcomer.post('/api/me/privacy', { version: '0' })).status).toBe(400);
    const accepted = await newcomer.post('/api/me/privacy', { version: '1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.privacyAccepted).toBe(true);
  });

  test('an owner matching the roster (name + last four phone digits) is verified at once', async () => {
    const owner = as(await personaToken(server, 'new_owner'));
    expect((await owner.post('/api/me/privacy', { version: '1' })).status).toBe(200);
    const unit = await unitId(server, '锦绣华庭', '4号楼', '1单元601');
    const wrongDigits = await owner.post('/api/claims', {
      unitId: unit,
      relation: 'owner',
      name: '何德明',
      phoneLast4: '9999',
    });
    expect(wrongDigits.status).toBe(400);
    expect(wrongDigits.body.error.details.rosterMatched).toBe(false);
    const res = await owner.post('/api/claims', {
      unitId: unit,
      relation: 'owner',
      name: '何德明',
      phoneLast4: '1011',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'approved', rosterMatched: true });
    const me = await owner.get('/api/me');
    expect(me.body.communities[0].roles).toEqual(expect.arrayContaining(['resident', 'owner']));
    expect(me.body.units[0]).toMatchObject({ label: '1单元601', status: 'approved' });
    expect(me.body.unreadNotifications).toBe(1);
    const again = await owner.post('/api/claims', {
      unitId: unit,
      relation: 'owner',
      name: '何德明',
      phoneLast4: '1011',
    });
    expect(again.status).toBe(409);
  });

  test('an owner without a roster match uploads a certificate; the moderator approves; the resident is told', async () => {
    const resident = as(await personaToken(server, 'newcomer'));
    const moderator = as(await personaToken(server, 'moderator'));
    const unit = await unitId(server, '锦绣华庭', '2号楼', '2单元1501');
    const upload = await request(server.callback)
      .post('/api/uploads')
      .set('Authorization', `Bearer ${await personaToken(server, 'newcomer')}`)
      .field('purpose', 'claim_evidence')
      .attach('file', PNG, { filename: 'certificate.jpg', contentType: 'image/jpeg' });
    expect(upload.status).toBe(201);
    expect(upload.body.contentType).toBe('image/png'); // by its bytes, not by the claimed type
    const claim = await resident.post('/api/claims', {
      unitId: unit,
      relation: 'owner',
      name: '周子涵',
      evidenceUploadId: upload.body.id,
    });
    expect(claim.status).toBe(201);
    expect(claim.body.status).toBe('pending');

    const queue = await moderator.get(`/api/communities/${communityId}/claims?status=pending`);
    expect(queue.status).toBe(200);
    const mine = queue.body.find((c: { id: number }) => c.id === claim.body.id);
    expect(mine).toMatchObject({ claimedName: '周子涵', evidenceUploadId: upload.body.id, rosterMatched: false });
    expect(mine.rosterOwners.length).toBeGreaterThan(0);
    // The moderator can open the evidence; another resident cannot even see that it exists.
    const photo = await moderator.get(`/api/uploads/${upload.body.id}`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect((await as(await personaToken(server, 'owner')).get(`/api/uploads/${upload.body.id}`)).status).toBe(404);

    const approved = await moderator.post(`/api/claims/${claim.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    const twice = await moderator.post(`/api/claims/${claim.body.id}/reject`, { reason: '材料不清晰' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ILLEGAL_TRANSITION');

    const me = await resident.get('/api/me');
    expect(me.body.units[0]).toMatchObject({ status: 'approved', relation: 'owner' });
    const messages = await resident.get('/api/notifications');
    expect(messages.body[0]).toMatchObject({ kind: 'claim_approved', read: false });
    expect(messages.body[0].body).toContain('锦绣华庭2号楼2单元1501');
  });

  test('an owner claim without a match and without a photo is refused and writes nothing', async () => {
    const resident = as(await personaToken(server, 'newcomer'));
    const before = await tableCounts(server.dataSource);
    const unit = await unitId(server, '锦绣华庭', '3号楼', '1单元101');
    const res = await resident.post('/api/claims', {
      unitId: unit,
      relation: 'owner',
      name: '周子涵',
      phoneLast4: '0000',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('请上传房产证或购房合同照片');
    expect(await tableCounts(server.dataSource)).toEqual(before);
  });

  test('a rejected claim tells the resident why', async () => {
    const resident = as(await personaToken(server, 'newcomer'));
    const moderator = as(await personaToken(server, 'moderator'));
    const unit = await unitId(server, '安居苑', '2号楼', '1单元101');
    const claim = await resident.post('/api/claims', { unitId: unit, relation: 'tenant', name: '周子涵' });
    expect(claim.body.status).toBe('pending');
    const noReason = await moderator.post(`/api/claims/${claim.body.id}/reject`, { reason: '' });
    expect(noReason.status).toBe(400);
    const rejected = await moderator.post(`/api/claims/${claim.body.id}/reject`, { reason: '非本小区住户' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '非本小区住户' });
    const note = (await server.dataSource.getRepository(Notification).find({ order: { id: 'DESC' }, take: 1 }))[0]!;
    expect(note.kind).toBe('claim_rejected');
    expect(note.body).toContain('非本小区住户');
  });

  test('only the community moderator decides claims; residents and other roles are refused', async () => {
    const pending = await server.dataSource.getRepository(UnitClaim).findOneByOrFail({ claimedName: '马桂兰' });
    for (const persona of ['resident', 'owner', 'grid_worker', 'property_manager', 'subdistrict_admin']) {
      const res = await as(await personaToken(server, persona)).post(`/api/claims/${pending.id}/approve`);
      expect(res.status).toBe(403);
    }
    expect((await server.dataSource.getRepository(UnitClaim).findOneByOrFail({ id: pending.id })).status).toBe(
      'pending',
    );
  });

  test('a suspended member cannot act until restored; a revoked role is gone at once', async () => {
    const moderator = as(await personaToken(server, 'moderator'));
    const residentToken = await personaToken(server, 'resident');
    const resident = as(residentToken);
    const residentId = (await resident.get('/api/me')).body.id;
    const suspended = await moderator.post(`/api/communities/${communityId}/members/${residentId}/suspend`, {
      reason: '多次发布广告',
    });
    expect(suspended.status).toBe(204);
    const unit = await unitId(server, '槐荫里', '1号楼', '1单元101');
    const refused = await resident.post('/api/claims', { unitId: unit, relation: 'family', name: '王秀英' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('MEMBER_SUSPENDED');
    const list = await moderator.get(`/api/communities/${communityId}/members?status=suspended`);
    expect(list.body.map((m: { userId: number }) => m.userId)).toContain(residentId);
    expect(list.body[0].phone).toMatch(/^1\d{10}$/); // moderators see full phones
    expect((await moderator.post(`/api/communities/${communityId}/members/${residentId}/restore`)).status).toBe(204);
    expect((await resident.post('/api/claims', { unitId: unit, relation: 'family', name: '王秀英' })).status).toBe(201);

    // Grant the grid worker moderator rights, use them, revoke: the very next request is refused.
    const gridId = (await as(await personaToken(server, 'grid_worker')).get('/api/me')).body.id;
    const grant = await moderator.post(`/api/communities/${communityId}/roles`, { userId: gridId, role: 'moderator' });
    expect(grant.status).toBe(201);
    const grid = as(await personaToken(server, 'grid_worker'));
    expect((await grid.get(`/api/communities/${communityId}/claims`)).status).toBe(200);
    const listed = await moderator.get(`/api/communities/${communityId}/members?q=${encodeURIComponent('吴')}`);
    const gridMember = listed.body.find((m: { userId: number }) => m.userId === gridId);
    expect(gridMember.grants).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: grant.body.id, role: 'moderator', scopeName: '和平里社区' }),
      ]),
    );
    const twice = await moderator.post(`/api/communities/${communityId}/roles`, { userId: gridId, role: 'moderator' });
    expect(twice.status).toBe(409);
    const representative = await moderator.post(`/api/communities/${communityId}/roles`, {
      userId: gridId,
      role: 'representative',
    });
    expect(representative.status).toBe(201);
    expect(representative.body).toMatchObject({ scopeType: 'community', scopeId: communityId });
    expect((await moderator.post(`/api/roles/${grant.body.id}/revoke`)).status).toBe(204);
    expect((await grid.get(`/api/communities/${communityId}/claims`)).status).toBe(403);
  });

  test('uploads are checked by their bytes and size', async () => {
    const token = await personaToken(server, 'newcomer');
    const notImage = await request(server.callback)
      .post('/api/uploads')
      .set('Authorization', `Bearer ${token}`)
      .field('purpose', 'claim_evidence')
      .attach('file', Buffer.from('<script>alert(1)</script>'), { filename: 'x.png', contentType: 'image/png' });
    expect(notImage.status).toBe(415);
    expect(notImage.body.error.message).toContain('JPG');
    const noPurpose = await request(server.callback)
      .post('/api/uploads')
      .set('Authorization', `Bearer ${token}`)
      .attach('file', PNG, 'a.png');
    expect(noPurpose.status).toBe(400);
    const json = await request(server.callback).post('/api/uploads').set('Authorization', `Bearer ${token}`).send({});
    expect(json.status).toBe(415);
  });

  test('export holds my data; deletion anonymizes and ends the session', async () => {
    const token = await personaToken(server, 'representative');
    const me = as(token);
    const exported = await me.get('/api/me/export');
    expect(exported.status).toBe(200);
    expect(exported.body.profile).toMatchObject({ realName: '陈志强', phone: '13800001004' });
    expect(exported.body.unitClaims[0]).toMatchObject({ estate: '安居苑', unit: '2单元401' });
    expect((await me.post('/api/me/delete', { confirm: 'yes' })).status).toBe(400);
    expect((await me.post('/api/me/delete', { confirm: '注销' })).status).toBe(204);
    expect((await me.get('/api/me')).status).toBe(401);
    const row = (await server.dataSource.query(
      "SELECT nickname, real_name, phone, status FROM app_user WHERE nickname = '已注销用户'",
    )) as unknown[];
    expect(row).toContainEqual({ nickname: '已注销用户', real_name: null, phone: null, status: 'deleted' });
  });
});
