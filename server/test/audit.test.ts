import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import request from 'supertest';
import { shanghaiDay } from '../../shared/src/time';
import { AuditEntry } from '../src/audit/audit.entity';
import { User } from '../src/auth/auth.entity';
import { Unit } from '../src/communities/communities.entity';
import { Membership, UnitClaim } from '../src/members/members.entity';
import { Topic, TopicComment } from '../src/topics/topics.entity';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer } from './support/test-db';

jest.setTimeout(60_000);

const SAMPLE = readFileSync(path.join(__dirname, '..', '..', 'docs', 'roster-sample.csv'));

describe.each(eachDatabase)('audit log on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let neighbourId: number;
  let subDistrictId: number;
  let moderatorId: number;
  const tokens: Record<string, string> = {};
  const ds = () => server.dataSource;
  const get = (url: string, token?: string) => {
    const req = request(server.callback).get(url);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  const post = (url: string, token: string, body: object = {}) =>
    request(server.callback).post(url).set('Authorization', `Bearer ${token}`).send(body);
  let n = 0;
  async function member(status: 'active' | 'suspended' = 'active'): Promise<number> {
    const user = await ds()
      .getRepository(User)
      .save({ nickname: `审计测试${n++}`, status: 'active', tokenVersion: 0, largeText: false });
    await ds().getRepository(Membership).insert({ userId: user.id, communityId, status });
    return user.id;
  }
  async function pendingClaim(): Promise<number> {
    const userId = await member();
    const unit = await ds()
      .getRepository(Unit)
      .findOneOrFail({ where: { communityId }, order: { id: 'DESC' } });
    const claim = await ds()
      .getRepository(UnitClaim)
      .save({
        userId,
        unitId: unit.id,
        communityId,
        estateId: unit.estateId,
        relation: 'tenant',
        status: 'pending',
        claimedName: '测试',
        rosterMatched: false,
        evidenceUploadId: null,
        openKey: `${userId}:${unit.id}`,
      });
    return claim.id;
  }
  const actionsFor = async (objectType: string, objectId: number) =>
    (
      await ds()
        .getRepository(AuditEntry)
        .find({ where: { objectType, objectId }, order: { id: 'ASC' } })
    ).map((a) => a.action);

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    communityId = await communityIdOf(server, '和平里社区');
    neighbourId = await communityIdOf(server, '青石桥社区');
    subDistrictId = Number(
      (
        (await ds().query('SELECT sub_district_id FROM community WHERE id = ?', [communityId])) as {
          sub_district_id: number;
        }[]
      )[0]!.sub_district_id,
    );
    for (const p of ['moderator', 'resident', 'subdistrict_admin', 'property_manager'])
      tokens[p] = await personaToken(server, p);
    moderatorId = (await get('/api/me', tokens.moderator)).body.id;
  }, 120_000);
  afterAll(async () => server.close());

  test('moderator actions on topics, comments, members, claims, roles, the roster and councils each write an entry', async () => {
    const topic = await ds()
      .getRepository(Topic)
      .save({
        communityId,
        scope: 'community',
        title: '审计测试议题',
        description: '用于检查操作日志的议题描述',
        category: '其他',
        status: 'submitted',
        authorId: await member(),
        statusChangedAt: new Date(),
      });
    await post(`/api/topics/${topic.id}/accept`, tokens.moderator!).expect(200);
    const comment = await ds()
      .getRepository(TopicComment)
      .save({ topicId: topic.id, authorId: await member(), body: '广告内容', held: false });
    await post(`/api/comments/${comment.id}/hide`, tokens.moderator!, { reason: '广告信息' }).expect(200);
    const approve = await pendingClaim();
    await post(`/api/claims/${approve}/approve`, tokens.moderator!).expect(200);
    const reject = await pendingClaim();
    await post(`/api/claims/${reject}/reject`, tokens.moderator!, { reason: '材料不清晰' }).expect(200);
    const someone = await member();
    await post(`/api/communities/${communityId}/members/${someone}/suspend`, tokens.moderator!, {
      reason: '发布广告',
    }).expect(204);
    await post(`/api/communities/${communityId}/members/${someone}/restore`, tokens.moderator!).expect(204);
    const granted = await post(`/api/communities/${communityId}/roles`, tokens.moderator!, {
      userId: someone,
      role: 'grid_worker',
    });
    expect(granted.status).toBe(201);
    await post(`/api/roles/${granted.body.id}/revoke`, tokens.moderator!).expect(204);
    const imported = await request(server.callback)
      .post(`/api/communities/${communityId}/roster`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .field('mode', 'all')
      .attach('file', SAMPLE, 'roster.csv');
    expect(imported.body.applied).toBe(true);
    const council = await post(`/api/communities/${communityId}/councils`, tokens.moderator!, { name: '审计议事会' });
    expect(council.status).toBe(201);
    const seat = await post(`/api/councils/${council.body.id}/seats`, tokens.moderator!, {
      userId: someone,
      party: 'resident_unit',
      termStart: '2026-01-01',
      termEnd: '2027-12-31',
    });
    expect(seat.status).toBe(201);
    await post(`/api/seats/${seat.body.id}/end`, tokens.moderator!).expect(204);
    await request(server.callback)
      .patch(`/api/communities/${communityId}/settings`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({ cosignDays: 10 })
      .expect(200);

    expect(await actionsFor('topic', topic.id)).toEqual(['topic.accept']);
    expect(await actionsFor('comment', comment.id)).toEqual(['comment.hide']);
    expect(await actionsFor('claim', approve)).toEqual(['claim.approve']);
    expect(await actionsFor('claim', reject)).toEqual(['claim.reject']);
    expect(await actionsFor('member', someone)).toEqual(['member.suspend', 'member.restore']);
    expect(await actionsFor('role_grant', granted.body.id)).toEqual(['role.grant', 'role.revoke']);
    expect(await actionsFor('council', council.body.id)).toEqual(['council.create']);
    expect(await actionsFor('seat', seat.body.id)).toEqual(['council.appoint', 'council.end_seat']);
    const community = await actionsFor('community', communityId);
    expect(community).toEqual(expect.arrayContaining(['roster.import', 'settings.update']));
    const entry = await ds().getRepository(AuditEntry).findOneByOrFail({ action: 'claim.approve', objectId: approve });
    expect(entry).toMatchObject({ communityId, actorId: moderatorId, actorRole: 'moderator' });
    // A refused action writes nothing.
    const before = await ds().getRepository(AuditEntry).count();
    await post(`/api/claims/${await pendingClaim()}/approve`, tokens.resident!).expect(403);
    expect(await ds().getRepository(AuditEntry).count()).toBe(before);
  });

  test('moderators read their community’s log, filtered and keyset-paged; sub-district admins across communities', async () => {
    const all = await get(`/api/communities/${communityId}/audit?limit=100`, tokens.moderator);
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(5);
    const ids = all.body.items.map((e: { id: number }) => e.id);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect(all.body.items.every((e: { communityId: number }) => e.communityId === communityId)).toBe(true);
    // Names are masked even for staff views.
    expect(JSON.stringify(all.body)).not.toContain('刘敏');

    // Keyset pages of 2 walk the same entries.
    const walked: number[] = [];
    let cursor: number | null = null;
    do {
      const page: request.Response = await get(
        `/api/communities/${communityId}/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        tokens.moderator,
      );
      walked.push(...page.body.items.map((e: { id: number }) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    expect(walked).toEqual(ids);

    const members = await get(`/api/communities/${communityId}/audit?action=member`, tokens.moderator);
    expect(members.body.items.map((e: { action: string }) => e.action).sort()).toEqual([
      'member.restore',
      'member.suspend',
    ]);
    const exact = await get(`/api/communities/${communityId}/audit?action=role.grant`, tokens.moderator);
    expect(exact.body.items.every((e: { action: string }) => e.action === 'role.grant')).toBe(true);
    const mine = await get(
      `/api/communities/${communityId}/audit?actorId=${moderatorId}&objectType=claim`,
      tokens.moderator,
    );
    expect(mine.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['claim.approve', 'claim.reject']);
    const today = shanghaiDay();
    const dated = await get(
      `/api/communities/${communityId}/audit?from=${today}&to=${today}&limit=100`,
      tokens.moderator,
    );
    expect(dated.body.items.length).toBe(all.body.items.length);
    const future = await get(`/api/communities/${communityId}/audit?from=2999-01-01`, tokens.moderator);
    expect(future.body.items).toEqual([]);
    expect((await get(`/api/communities/${communityId}/audit?from=2026-02-30`, tokens.moderator)).status).toBe(400);
    expect(
      (await get(`/api/communities/${communityId}/audit?from=2026-03-02&to=2026-03-01`, tokens.moderator)).status,
    ).toBe(400);

    // Others are refused; a moderator cannot read another community's log.
    expect((await get(`/api/communities/${communityId}/audit`, tokens.resident)).status).toBe(403);
    expect((await get(`/api/communities/${communityId}/audit`)).status).toBe(401);
    expect((await get(`/api/communities/${neighbourId}/audit`, tokens.moderator)).status).toBe(403);
    expect(
      (await get(`/api/communities/${communityId}/audit?communityId=${neighbourId}`, tokens.moderator)).status,
    ).toBe(400);

    // The sub-district admin sees both communities and filters by one.
    await ds().getRepository(AuditEntry).insert({
      communityId: neighbourId,
      actorId: null,
      actorRole: 'system',
      action: 'topic.lapse',
      objectType: 'topic',
      objectId: 1,
      summary: '青石桥社区的测试记录',
      dataJson: null,
    });
    const across = await get(`/api/sub-districts/${subDistrictId}/audit?limit=100`, tokens.subdistrict_admin);
    expect(new Set(across.body.items.map((e: { communityId: number }) => e.communityId))).toEqual(
      new Set([communityId, neighbourId]),
    );
    const one = await get(
      `/api/sub-districts/${subDistrictId}/audit?communityId=${neighbourId}`,
      tokens.subdistrict_admin,
    );
    expect(one.body.items).toHaveLength(1);
    expect(one.body.items[0]).toMatchObject({ communityName: '青石桥社区', actorName: '系统' });
    expect((await get(`/api/sub-districts/${subDistrictId}/audit`, tokens.moderator)).status).toBe(403);
  });

  test('exports as XLSX and CSV with the same filters; no operation changes the log', async () => {
    const listed = await get(`/api/communities/${communityId}/audit?action=claim&limit=100`, tokens.moderator);
    const xlsx = await get(`/api/communities/${communityId}/audit/export?action=claim`, tokens.moderator)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const workbook = new Workbook();
    await workbook.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('操作日志')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '时间',
      '社区',
      '操作人',
      '角色',
      '操作',
      '对象',
      '对象编号',
      '摘要',
      '详情',
    ]);
    expect(sheet.rowCount - 1).toBe(listed.body.items.length);
    expect(sheet.getRow(2).getCell(5).value).toBe(listed.body.items[0].action);
    expect(sheet.getRow(2).getCell(8).value).toBe(listed.body.items[0].summary);

    const csv = await get(
      `/api/sub-districts/${subDistrictId}/audit/export?format=csv&action=claim`,
      tokens.subdistrict_admin,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.startsWith('\uFEFF时间,社区,操作人')).toBe(true);
    expect(csv.text.trim().split('\r\n')).toHaveLength(listed.body.items.length + 1);

    const doc = await get('/api/openapi.json');
    const auditPaths = Object.entries(doc.body.paths as Record<string, Record<string, unknown>>).filter(([p]) =>
      p.includes('/audit'),
    );
    expect(auditPaths.flatMap(([, methods]) => Object.keys(methods))).toEqual(['get', 'get', 'get', 'get']);
    const del = await request(server.callback)
      .delete(`/api/communities/${communityId}/audit`)
      .set('Authorization', `Bearer ${tokens.moderator}`);
    expect(del.status).toBe(405);
  });
});
