import request from 'supertest';
import { Topic } from '../src/topics/topics.entity';
import { lapseOverdueCosigning } from '../src/topics/topics.service';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { communityIdOf, PNG } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

describe.each(eachDatabase)('topics on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let estateId: number;
  const tokens: Record<string, string> = {};
  const as = (persona: string) => ({
    get: (url: string) => request(server.callback).get(url).set('Authorization', `Bearer ${tokens[persona]}`),
    post: (url: string, body: object = {}, key?: string) => {
      const req = request(server.callback).post(url).set('Authorization', `Bearer ${tokens[persona]}`);
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    },
  });
  const draft = (over: Record<string, unknown> = {}) => ({
    communityId,
    title: '锦绣华庭1号楼楼道堆放杂物',
    description: '1号楼二单元楼道里堆了很多纸箱和旧家具，消防通道被堵，存在火灾隐患。',
    category: '安全隐患',
    scope: 'estate',
    estateId,
    ...over,
  });
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always', RATE_LIMIT_TOPICS_PER_HOUR: '1000' } });
    communityId = await communityIdOf(server, '和平里社区');
    estateId = Number(
      ((await server.dataSource.query("SELECT id FROM estate WHERE name = '锦绣华庭'")) as { id: number }[])[0]!.id,
    );
    for (const p of [
      'resident',
      'owner',
      'representative',
      'moderator',
      'property_manager',
      'grid_worker',
      'newcomer',
      'subdistrict_admin',
    ]) {
      tokens[p] = await personaToken(server, p);
    }
  });
  afterAll(async () => server.close());

  test('the whole routine: submit with a photo → returned → resubmitted → accepted → routed → answered → taken on; the author sees every step', async () => {
    const photo = await request(server.callback)
      .post('/api/uploads')
      .set('Authorization', `Bearer ${tokens.owner}`)
      .field('purpose', 'topic_photo')
      .attach('file', PNG, 'corridor.png');
    expect(photo.status).toBe(201);
    const submitted = await as('owner').post(
      '/api/topics',
      draft({ photoUploadIds: [photo.body.id] }),
      'flow-submit-0001',
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({ status: 'submitted', statusLabel: '待受理', authorName: '李**' });
    expect(submitted.body.photos).toEqual([{ uploadId: photo.body.id, thumbnailUploadId: expect.any(Number) }]);
    const id = submitted.body.id as number;

    const returned = await as('moderator').post(`/api/topics/${id}/return`, { question: '请补充堆放杂物的具体楼层' });
    expect(returned.body.status).toBe('returned');
    // The author cannot be skipped: a moderator cannot accept a returned topic.
    const early = await as('moderator').post(`/api/topics/${id}/accept`);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toContain('待补充');

    const { communityId: _c, ...edit } = draft({
      description: '1号楼二单元3至5楼楼道堆了很多纸箱和旧家具，消防通道被堵，存在火灾隐患。',
    });
    const resubmitted = await as('owner').post(`/api/topics/${id}/resubmit`, {
      ...edit,
      photoUploadIds: [photo.body.id],
      note: '已补充楼层',
    });
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.status).toBe('submitted');

    expect((await as('moderator').post(`/api/topics/${id}/accept`)).body.status).toBe('accepted');
    const parties = (await request(server.callback).get(`/api/communities/${communityId}/parties`)).body as {
      id: number;
      kind: string;
    }[];
    const property = parties.find((p) => p.kind === 'property_company')!;
    const routed = await as('moderator').post(`/api/topics/${id}/route`, {
      category: '安全隐患',
      level: 'estate',
      partyId: property.id,
    });
    expect(routed.body).toMatchObject({
      status: 'routed',
      level: 'estate',
      partyName: expect.stringContaining('恒安物业'),
    });

    const answered = await as('property_manager').post(`/api/topics/${id}/answer`, {
      text: '已通知保洁今天下午清理。',
    });
    expect(answered.status).toBe(200);
    expect(answered.body.status).toBe('routed');
    const taken = await as('property_manager').post(`/api/topics/${id}/take-on`, {
      dueDate: '2099-12-31',
      note: '清理后张贴消防提示',
    });
    expect(taken.body).toMatchObject({ status: 'handling', dueDate: '2099-12-31' });

    const seen = await as('owner').get(`/api/topics/${id}`);
    expect(seen.body.timeline.map((e: { action: string }) => e.action)).toEqual([
      'submit',
      'return',
      'resubmit',
      'accept',
      'route',
      'answer',
      'takeOn',
    ]);
    const answer = seen.body.timeline[5];
    expect(answer.actor).toMatchObject({
      roleLabel: '物业',
      partyName: expect.stringContaining('恒安物业'),
      name: '赵**',
    });
    expect(answer.note).toBe('已通知保洁今天下午清理。');
    const messages = (await as('owner').get('/api/notifications')).body as { kind: string }[];
    expect(messages.map((m) => m.kind)).toEqual(
      expect.arrayContaining(['topic_return', 'topic_accept', 'topic_route', 'topic_answer', 'topic_takeOn']),
    );
  });

  test('S4: one Idempotency-Key — 10 in parallel and 10 in sequence make one topic; another body is refused', async () => {
    const before = await server.dataSource.getRepository(Topic).count();
    const body = draft({ title: '东门道闸经常抬不起来' });
    const parallel = await Promise.all(
      Array.from({ length: 10 }, () => as('owner').post('/api/topics', body, 'idem-key-topic-42')),
    );
    const statuses = parallel.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    const sequential = [];
    for (let i = 0; i < 10; i++) sequential.push(await as('owner').post('/api/topics', body, 'idem-key-topic-42'));
    expect(new Set(sequential.map((r) => r.body.id)).size).toBe(1);
    expect(sequential.every((r) => r.status === 201)).toBe(true);
    expect(sequential[0]!.headers['idempotent-replayed']).toBe('true');
    expect(await server.dataSource.getRepository(Topic).count()).toBe(before + 1);
    const other = await as('owner').post('/api/topics', draft({ title: '西门道闸经常抬不起来' }), 'idem-key-topic-42');
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await server.dataSource.getRepository(Topic).count()).toBe(before + 1);
  });

  test('co-signing: once per resident, progress N of M, reaching the target moves it on; missing it lapses and tells the author', async () => {
    await request(server.callback)
      .patch(`/api/communities/${communityId}/settings`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({ cosignThreshold: 2, cosignDays: 3 })
      .expect(200);
    const a = (await as('owner').post('/api/topics', draft({ title: '锦绣华庭增设电动车充电桩' }))).body.id;
    const b = (await as('owner').post('/api/topics', draft({ title: '锦绣华庭儿童游乐设施老化' }))).body.id;
    for (const id of [a, b])
      expect((await as('moderator').post(`/api/topics/${id}/accept`)).body.status).toBe('cosigning');
    expect((await as('owner').post(`/api/topics/${a}/cosign`)).status).toBe(409); // not one's own
    expect((await as('newcomer').post(`/api/topics/${a}/cosign`)).body.error.code).toBe('NOT_VERIFIED');
    const first = await as('resident').post(`/api/topics/${a}/cosign`);
    expect(first.body).toEqual({ cosignCount: 1, cosignTarget: 2, status: 'cosigning' });
    expect((await as('resident').post(`/api/topics/${a}/cosign`)).status).toBe(409);
    const second = await as('representative').post(`/api/topics/${a}/cosign`);
    expect(second.body).toEqual({ cosignCount: 2, cosignTarget: 2, status: 'accepted' });

    await as('resident').post(`/api/topics/${b}/cosign`);
    expect(await lapseOverdueCosigning(server.dataSource, new Date(Date.now() + 4 * 86_400_000))).toBe(1);
    const lapsed = await as('owner').get(`/api/topics/${b}`);
    expect(lapsed.body.status).toBe('lapsed');
    expect(lapsed.body.timeline.at(-1)).toMatchObject({ action: 'lapse', actor: { roleLabel: '系统' } });
    const note = (await as('owner').get('/api/notifications')).body[0];
    expect(note).toMatchObject({ kind: 'topic_lapse' });
    await request(server.callback)
      .patch(`/api/communities/${communityId}/settings`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({ cosignThreshold: 0 })
      .expect(200);
  });

  test('merging carries co-signers and followers over and tells the author', async () => {
    const into = (await as('owner').post('/api/topics', draft({ title: '小区路灯夜间不亮' }))).body.id;
    const dup = (await as('representative').post('/api/topics', draft({ title: '晚上小区路灯都不亮' }))).body.id;
    await as('resident').post(`/api/topics/${dup}/cosign`);
    const merged = await as('moderator').post(`/api/topics/${dup}/merge`, { intoTopicId: into });
    expect(merged.body).toMatchObject({ status: 'merged', mergedIntoId: into });
    const target = await as('owner').get(`/api/topics/${into}`);
    expect(target.body.cosignCount).toBe(2); // the resident, and the merged topic's author
    const repr = await as('representative').get(`/api/topics/${into}`);
    expect(repr.body.me).toMatchObject({ cosigned: true, following: true });
    expect((await as('representative').get('/api/notifications')).body[0].kind).toBe('topic_merge');
    expect((await as('moderator').post(`/api/topics/${into}/merge`, { intoTopicId: into })).status).toBe(400);
  });

  test('escalation climbs a level; the sub-district admin acts on topics escalated from the community', async () => {
    const id = (await as('owner').post('/api/topics', draft({ title: '小区外道路积水严重' }))).body.id;
    await as('moderator').post(`/api/topics/${id}/accept`);
    const parties = (await request(server.callback).get(`/api/communities/${communityId}/parties`)).body as {
      id: number;
      kind: string;
    }[];
    await as('moderator').post(`/api/topics/${id}/route`, {
      category: '安全隐患',
      level: 'community',
      partyId: parties.find((p) => p.kind === 'committee')!.id,
    });
    expect((await as('subdistrict_admin').post(`/api/topics/${id}/answer`, { text: '收到' })).status).toBe(403);
    const up = await as('moderator').post(`/api/topics/${id}/escalate`, { reason: '涉及市政道路，需要街道协调' });
    expect(up.body).toMatchObject({ status: 'routed', level: 'sub_district', partyName: '长青街道办事处' });
    const answered = await as('subdistrict_admin').post(`/api/topics/${id}/answer`, { text: '已转区城管局处理' });
    expect(answered.status).toBe(200);
    const again = await as('subdistrict_admin').post(`/api/topics/${id}/escalate`, { reason: '需要区住建局' });
    expect(again.body.level).toBe('department');
    const top = await as('moderator').post(`/api/topics/${id}/escalate`, { reason: '需要再次上报' });
    expect(top.status).toBe(409);
  });

  test('grid-worker entry for a resident without an account shows who entered it for whom', async () => {
    const res = await as('grid_worker').post(
      '/api/topics',
      draft({ title: '独居老人家中水管漏水', onBehalfOf: { name: '马秀兰', unit: '槐荫里3号楼1单元201' } }),
    );
    expect(res.status).toBe(201);
    expect(res.body.authorName).toBe('马**（网格员代录）');
    expect(res.body.enteredBy).toBe('网格员 吴**');
    expect(res.body.timeline[0]).toMatchObject({ action: 'submit_on_behalf', actor: { roleLabel: '网格员' } });
    const mod = await as('moderator').get(`/api/topics/${res.body.id}`);
    expect(mod.body.author).toEqual({ userId: null, realName: '马秀兰' });
    // The public sees the resident only masked, nowhere in full.
    const publicView = await request(server.callback).get(`/api/topics/${res.body.id}`);
    expect(JSON.stringify(publicView.body)).not.toContain('马秀兰');
    expect(JSON.stringify(publicView.body)).not.toContain('槐荫里3号楼1单元201');
    const notGrid = await as('owner').post('/api/topics', draft({ onBehalfOf: { name: '某人', unit: '某处' } }));
    expect(notGrid.status).toBe(403);
  });

  test('hide my name: the public sees 匿名居民, moderators see the author', async () => {
    const res = await as('owner').post('/api/topics', draft({ title: '希望增加社区活动室开放时间', hideAuthor: true }));
    expect(res.body.authorName).toBe('匿名居民');
    expect((await request(server.callback).get(`/api/topics/${res.body.id}`)).body.author).toBeNull();
    expect((await as('moderator').get(`/api/topics/${res.body.id}`)).body.author.realName).toBe('李建国');
  });

  test('bad input is refused with field errors and writes nothing', async () => {
    const before = await tableCounts(server.dataSource);
    const cases = [
      draft({ title: '短' }),
      draft({ description: 'x'.repeat(2001) }),
      draft({ category: '不存在的分类' }),
      draft({ scope: 'building' }),
      draft({ photoUploadIds: [999999] }),
      draft({ photoUploadIds: Array.from({ length: 10 }, (_, i) => i + 1) }),
      draft({ status: 'routed' }),
      draft({ authorId: 1 }),
    ];
    for (const body of cases) {
      const res = await as('owner').post('/api/topics', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await tableCounts(server.dataSource)).toEqual(before);
  });
});

describe('S15 rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' }, { env: { YISHI_SEED_DEMO: 'always' } });
  });
  afterAll(async () => server.close());

  test('flooding submissions answers 429 with Retry-After after the documented 10 an hour', async () => {
    const communityId = await communityIdOf(server, '和平里社区');
    const token = await personaToken(server, 'resident');
    const results: number[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await request(server.callback)
        .post('/api/topics')
        .set('Authorization', `Bearer ${token}`)
        .send({
          communityId,
          title: `楼道灯不亮第${i + 1}次反映`,
          description: '三单元楼道的灯坏了一个多月了，晚上很黑。',
          category: '其他',
          scope: 'community',
        });
      results.push(res.status);
      if (res.status === 429) {
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(res.body.error.code).toBe('RATE_LIMITED');
      }
    }
    expect(results.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(results.slice(10)).toEqual([429, 429]);
  });
});

describe('WeChat subscribe messages', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(
      { dialect: 'sqlite' },
      {
        env: { YISHI_SEED_DEMO: 'always', WECHAT_TEMPLATE_TOPIC_STATUS: 'tmpl-topic-status' },
      },
    );
  });
  afterAll(async () => server.close());

  test('a status change sends one message per grant; without a grant nothing is sent', async () => {
    const login = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode('grandma') });
    const userId = login.body.user.id as number;
    const communityId = await communityIdOf(server, '和平里社区');
    const unit = (
      (await server.dataSource.query(
        "SELECT id, estate_id FROM unit WHERE community_id = ? AND label = '1单元101' LIMIT 1",
        [communityId],
      )) as {
        id: number;
        estate_id: number;
      }[]
    )[0]!;
    await server.dataSource.query(
      "INSERT INTO membership (user_id, community_id, status, created_at, updated_at) VALUES (?, ?, 'active', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
      [userId, communityId],
    );
    await server.dataSource.query(
      "INSERT INTO unit_claim (user_id, unit_id, community_id, estate_id, relation, status, claimed_name, roster_matched, created_at, updated_at) VALUES (?, ?, ?, ?, 'owner', 'approved', '孙桂兰', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
      [userId, unit.id, communityId, unit.estate_id],
    );
    const token = login.body.token as string;
    await request(server.callback)
      .post('/api/me/privacy')
      .set('Authorization', `Bearer ${token}`)
      .send({ version: '1' });
    const templates = await request(server.callback).get('/api/subscriptions/templates');
    expect(templates.body).toEqual({ topic_status: 'tmpl-topic-status' });
    const topic = await request(server.callback).post('/api/topics').set('Authorization', `Bearer ${token}`).send({
      communityId,
      title: '单元门禁坏了',
      description: '一单元的门禁已经坏了一周，外人随便进出。',
      category: '安全隐患',
      scope: 'community',
    });
    expect(topic.status).toBe(201);
    // The resident accepted one message when submitting.
    const granted = await request(server.callback)
      .post('/api/me/subscriptions')
      .set('Authorization', `Bearer ${token}`)
      .send({ templateKey: 'topic_status', accepted: 1 });
    expect(granted.body).toEqual({ remaining: 1 });
    const fake = server.services.fakeWechat!;
    const openid = (
      (await server.dataSource.query('SELECT wechat_openid FROM app_user WHERE id = ?', [userId])) as {
        wechat_openid: string;
      }[]
    )[0]!.wechat_openid;
    fake.state.grantSubscription(openid, 'tmpl-topic-status', 1);
    const moderator = await personaToken(server, 'moderator');
    await request(server.callback)
      .post(`/api/topics/${topic.body.id}/accept`)
      .set('Authorization', `Bearer ${moderator}`)
      .send({})
      .expect(200);
    expect(fake.state.sentMessages).toHaveLength(1);
    expect(fake.state.sentMessages[0]).toMatchObject({ templateId: 'tmpl-topic-status' });
    const parties = (await request(server.callback).get(`/api/communities/${communityId}/parties`)).body as {
      id: number;
      kind: string;
    }[];
    await request(server.callback)
      .post(`/api/topics/${topic.body.id}/route`)
      .set('Authorization', `Bearer ${moderator}`)
      .send({ category: '安全隐患', level: 'community', partyId: parties.find((p) => p.kind === 'committee')!.id })
      .expect(200);
    expect(fake.state.sentMessages).toHaveLength(1);
  });
});
