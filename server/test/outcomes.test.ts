import request from 'supertest';
import { addDays } from '../../shared/src/outcomes/outcomes.rules';
import { shanghaiDay } from '../../shared/src/time';
import { AuditEntry } from '../src/audit/audit.entity';
import { Notification } from '../src/notifications/notifications.entity';
import { Implementation, Milestone, Publicity } from '../src/outcomes/outcomes.entity';
import { closeEvaluations, endPublicity, noticeOverdue } from '../src/outcomes/outcomes.sweeps';
import { Party, Topic, TopicEvent } from '../src/topics/topics.entity';
import { communityIdOf, PNG } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

const DAY = 86_400_000;
const inDays = (n: number) => new Date(Date.now() + n * DAY);

// Seeding the demo on a shared MariaDB can take a while; no assertion depends on time.
jest.setTimeout(60_000);

describe.each(eachDatabase)('outcomes on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let estateId: number;
  let propertyCompanyId: number;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, number> = {};
  const events: { topicId: number; from: string; to: string; action: string }[] = [];
  const ds = () => server.dataSource;
  const call = (method: 'get' | 'post' | 'patch', url: string, token?: string, body?: object) => {
    let req = request(server.callback)[method](url);
    if (token) req = req.set('Authorization', `Bearer ${token}`);
    return method === 'get' ? req : req.send(body ?? {});
  };
  /** Runs a request that must be refused with `status`/`code` and change no row. */
  async function refused(
    method: 'post' | 'patch',
    url: string,
    token: string | undefined,
    body: object,
    status: number,
    code?: string,
  ) {
    const before = await tableCounts(ds());
    const res = await call(method, url, token, body);
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code: code ?? res.body.error?.code });
    expect(typeof res.body.error.message).toBe('string');
    expect(await tableCounts(ds())).toEqual(before);
    return res;
  }

  async function topic(status: Topic['status'], scope: Topic['scope'] = 'estate'): Promise<number> {
    const saved = await ds()
      .getRepository(Topic)
      .save({
        communityId,
        estateId: scope === 'community' ? null : estateId,
        scope,
        title: `锦绣华庭增设充电桩${Math.random().toString(36).slice(2, 6)}`,
        description: '小区电动车充电难，希望增设集中充电桩，解决飞线充电的安全隐患。',
        category: '安全隐患',
        status,
        authorId: userIds.owner!,
        statusChangedAt: new Date(),
        level: 'estate',
        responsiblePartyId: propertyCompanyId,
      });
    return saved.id;
  }

  async function decidedAndPublished(): Promise<number> {
    const id = await topic('routed');
    await call('post', `/api/topics/${id}/resolution`, tokens.moderator, { text: '同意在3号楼北侧增设充电桩' }).expect(
      200,
    );
    await call('post', `/api/topics/${id}/publicity`, tokens.moderator).expect(200);
    return id;
  }

  async function photo(token: string): Promise<number> {
    const res = await request(server.callback)
      .post('/api/uploads')
      .set('Authorization', `Bearer ${token}`)
      .field('purpose', 'progress_photo')
      .attach('file', PNG, 'p.png');
    expect(res.status).toBe(201);
    return res.body.id as number;
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    server.services.events.on('topic.changed', (e) => events.push(e));
    communityId = await communityIdOf(server, '和平里社区');
    estateId = Number(((await ds().query("SELECT id FROM estate WHERE name = '锦绣华庭'")) as { id: number }[])[0]!.id);
    propertyCompanyId = (
      await ds()
        .getRepository(Party)
        .findOneOrFail({ where: { communityId, kind: 'property_company' } })
    ).id;
    for (const p of [
      'moderator',
      'resident',
      'owner',
      'owners_committee',
      'newcomer',
      'property_manager',
      'subdistrict_admin',
      'representative',
    ]) {
      tokens[p] = await personaToken(server, p);
      await call('post', '/api/me/privacy', tokens[p], { version: '1' });
      userIds[p] = (await call('get', '/api/me', tokens[p])).body.id;
    }
  }, 120_000);
  afterAll(async () => server.close());

  test('the whole routine: resolution on a vote → publicity → objection answered → implementation with progress → completed → evaluated → closed', async () => {
    const id = await topic('routed');
    // A closed vote of the community the resolution rests on.
    const vote = await call('post', '/api/votes', tokens.moderator, {
      communityId,
      topicId: id,
      title: '是否同意增设充电桩',
      electorate: 'residents',
      closesAt: inDays(7).toISOString(),
    });
    expect(vote.status).toBe(201);
    await refused(
      'post',
      `/api/topics/${id}/resolution`,
      tokens.moderator,
      { text: '同意增设', voteId: vote.body.id },
      400,
    );
    await call('post', `/api/votes/${vote.body.id}/ballots`, tokens.owner, { choice: 'yes' }).expect(201);
    await call('post', `/api/votes/${vote.body.id}/close`, tokens.moderator).expect(200);

    // Only the moderator records the resolution.
    await refused('post', `/api/topics/${id}/resolution`, tokens.resident, { text: '同意增设充电桩' }, 403);
    await refused('post', `/api/topics/${id}/resolution`, undefined, { text: '同意增设充电桩' }, 401);
    await refused('post', `/api/topics/${id}/resolution`, tokens.moderator, { text: '短' }, 400, 'VALIDATION_FAILED');
    const decided = await call('post', `/api/topics/${id}/resolution`, tokens.moderator, {
      text: '同意在3号楼北侧增设12个充电桩，费用由公共收益列支',
      voteId: vote.body.id,
    });
    expect(decided.status).toBe(200);
    expect(decided.body.topic.status).toBe('decided');
    expect(decided.body.resolution.vote).toMatchObject({ id: vote.body.id, passed: true });
    expect(decided.body.resolution.vote.recordUrl).toBe(`/api/votes/${vote.body.id}/record`);
    await refused(
      'post',
      `/api/topics/${id}/resolution`,
      tokens.moderator,
      { text: '再次决议一次' },
      409,
      'ILLEGAL_TRANSITION',
    );

    // Publicity for the community's period (5 days by default).
    await refused('post', `/api/topics/${id}/publicity`, tokens.owner, {}, 403);
    const published = await call('post', `/api/topics/${id}/publicity`, tokens.moderator);
    expect(published.status).toBe(200);
    expect(published.body.publicity).toMatchObject({ days: 5, lastDay: addDays(shanghaiDay(), 5), open: true });
    const board = await call('get', `/api/communities/${communityId}/board`);
    expect(board.status).toBe(200);
    expect(board.body.items.map((i: { topicId: number }) => i.topicId)).toContain(id);
    const anonymous = await call('get', `/api/board/topics/${id}`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.me).toMatchObject({ canObject: false, objectReason: '请先登录' });
    // The ballot log link works for anyone.
    await call('get', anonymous.body.resolution.vote.recordUrl).expect(200);

    // Implementation is assigned during publicity.
    const person = userIds.property_manager!;
    await refused(
      'post',
      `/api/topics/${id}/implementation`,
      tokens.moderator,
      { partyId: propertyCompanyId, personUserId: person, dueDate: addDays(shanghaiDay(), -1) },
      400,
      'VALIDATION_FAILED',
    );
    const assigned = await call('post', `/api/topics/${id}/implementation`, tokens.moderator, {
      partyId: propertyCompanyId,
      personUserId: person,
      dueDate: addDays(shanghaiDay(), 30),
      milestones: [
        { title: '完成选址与电力报装', dueDate: addDays(shanghaiDay(), 10) },
        { title: '安装调试', dueDate: addDays(shanghaiDay(), 25) },
      ],
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body.implementation).toMatchObject({
      partyName: expect.stringContaining('恒安物业'),
      personName: '赵**',
    });
    expect(assigned.body.implementation.milestones).toHaveLength(2);

    // Objections: verified residents only, one open each.
    await refused(
      'post',
      `/api/topics/${id}/objections`,
      tokens.newcomer,
      { text: '我反对这个方案' },
      403,
      'NOT_VERIFIED',
    );
    const objectionPhoto = await photo(tokens.owner!);
    const filed = await call('post', `/api/topics/${id}/objections`, tokens.owner, {
      text: '充电桩离1号楼太近，存在消防隐患，请重新选址',
      photoUploadIds: [objectionPhoto],
    });
    expect(filed.status).toBe(201);
    await refused('post', `/api/topics/${id}/objections`, tokens.owner, { text: '再提一条异议内容' }, 409, 'CONFLICT');
    const publicView = await call('get', `/api/board/topics/${id}`);
    expect(publicView.body.objections).toHaveLength(1);
    expect(publicView.body.objections[0]).toMatchObject({ objectorName: '李**', status: 'pending', photos: [] });
    expect(JSON.stringify(publicView.body)).not.toContain('李建国');
    // The objection photo is for the objector and moderators only.
    await call('get', `/api/board/photos/${objectionPhoto}`).expect(404);
    await call('get', `/api/board/photos/${objectionPhoto}`, tokens.moderator).expect(200);

    // The publicity period ends: the pending objection holds the topic.
    await endPublicity(server.services, inDays(30));
    expect((await ds().getRepository(Topic).findOneByOrFail({ id })).status).toBe('publicity');

    const objectionId = filed.body.objections[0].id as number;
    await refused(
      'post',
      `/api/objections/${objectionId}/answer`,
      tokens.owners_committee,
      { decision: 'dismissed', reply: '不采纳该异议' },
      403,
    );
    const answered = await call('post', `/api/objections/${objectionId}/answer`, tokens.moderator, {
      decision: 'dismissed',
      reply: '选址已经消防部门现场确认，距离符合规范',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({
      reopened: false,
      topicStatus: 'publicity',
      objection: { status: 'dismissed' },
    });
    expect(
      await ds()
        .getRepository(Notification)
        .count({ where: { userId: userIds.owner!, kind: 'objection_answered' } }),
    ).toBe(1);
    await refused(
      'post',
      `/api/objections/${objectionId}/answer`,
      tokens.moderator,
      { decision: 'upheld', reply: '改为采纳这条异议' },
      409,
      'ILLEGAL_TRANSITION',
    );

    // Now the sweeper moves it on (the system acts).
    expect(await endPublicity(server.services, inDays(30))).toBeGreaterThanOrEqual(1);
    expect((await ds().getRepository(Topic).findOneByOrFail({ id })).status).toBe('implementation');
    expect(events).toContainEqual(expect.objectContaining({ topicId: id, from: 'publicity', to: 'implementation' }));
    await refused('post', `/api/topics/${id}/objections`, tokens.owners_committee, { text: '公示结束后的异议' }, 409);

    // Two progress updates with photos; a stranger may not post.
    await refused('post', `/api/topics/${id}/progress`, tokens.owner, { text: '我来更新一下进展' }, 403);
    const p1 = await photo(tokens.property_manager!);
    const p2 = await photo(tokens.property_manager!);
    await call('post', `/api/topics/${id}/progress`, tokens.property_manager, {
      text: '已完成选址，电力报装已提交供电局',
      photoUploadIds: [p1],
    }).expect(201);
    // Someone else's photo cannot be attached.
    await refused('post', `/api/topics/${id}/progress`, tokens.moderator, { text: '进展', photoUploadIds: [p2] }, 400);
    const second = await call('post', `/api/topics/${id}/progress`, tokens.moderator, {
      text: '供电局已批复，施工队下周进场',
    });
    expect(second.status).toBe(201);
    expect(second.body.implementation.updates.map((u: { authorRoleLabel: string }) => u.authorRoleLabel)).toEqual([
      '落实责任人',
      '社区工作者',
    ]);
    const photoRes = await call('get', second.body.implementation.updates[0].photos[0].url);
    expect(photoRes.status).toBe(200);
    expect(photoRes.headers['content-type']).toBe('image/png');
    const milestoneId = second.body.implementation.milestones[0].id as number;
    await refused(
      'post',
      `/api/milestones/${milestoneId}/done`,
      tokens.property_manager,
      { doneOn: '2999-01-01' },
      400,
    );
    const done = await call('post', `/api/milestones/${milestoneId}/done`, tokens.property_manager, {});
    expect(done.body.implementation.milestones[0].doneOn).toBe(shanghaiDay());
    await refused('post', `/api/milestones/${milestoneId}/done`, tokens.property_manager, {}, 409);

    // Evaluation is refused before completion.
    await refused('post', `/api/topics/${id}/evaluations`, tokens.owner, { score: 5 }, 409, 'ILLEGAL_TRANSITION');

    const completed = await call('post', `/api/topics/${id}/completion`, tokens.property_manager, {
      text: '12个充电桩已安装完毕并通电使用，附验收照片',
      photoUploadIds: [p2],
    });
    expect(completed.status).toBe(200);
    expect(completed.body.topic.status).toBe('completed');
    expect(completed.body.evaluation).toMatchObject({ open: true, lastDay: addDays(shanghaiDay(), 14), total: 0 });

    // Residents of the estate rate once each; outside the scope → 403.
    const scores: number[] = [];
    for (const [who, score] of [
      ['owner', 5],
      ['owners_committee', 3],
    ] as const) {
      const res = await call('post', `/api/topics/${id}/evaluations`, tokens[who], { score, comment: '很好' });
      expect(res.status).toBe(201);
      scores.push(score);
    }
    await refused('post', `/api/topics/${id}/evaluations`, tokens.owner, { score: 1 }, 409, 'CONFLICT');
    await refused('post', `/api/topics/${id}/evaluations`, tokens.resident, { score: 4 }, 403, 'FORBIDDEN');
    await refused('post', `/api/topics/${id}/evaluations`, tokens.newcomer, { score: 4 }, 403, 'NOT_VERIFIED');
    await refused('post', `/api/topics/${id}/evaluations`, tokens.owner, { score: 6 }, 400, 'VALIDATION_FAILED');
    const rated = await call('get', `/api/board/topics/${id}`);
    const satisfied = scores.filter((s) => s >= 4).length;
    expect(rated.body.evaluation).toMatchObject({
      total: scores.length,
      satisfied,
      rate: `${satisfied}/${scores.length}`,
      percent: `${((satisfied * 100) / scores.length).toFixed(1)}%`,
    });

    // The window ends: the sweeper closes the topic; later evaluations are refused.
    await closeEvaluations(server.services, inDays(3));
    expect((await ds().getRepository(Topic).findOneByOrFail({ id })).status).toBe('completed');
    expect(await closeEvaluations(server.services, inDays(20))).toBeGreaterThanOrEqual(1);
    expect((await ds().getRepository(Topic).findOneByOrFail({ id })).status).toBe('closed');
    await refused('post', `/api/topics/${id}/evaluations`, tokens.representative, { score: 4 }, 403);

    // The timeline and the audit log hold every step.
    const actions = (
      await ds()
        .getRepository(AuditEntry)
        .find({ where: { objectType: 'topic', objectId: id } })
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'topic.decide',
        'topic.publicize',
        'implementation.assign',
        'topic.implement',
        'implementation.progress',
        'topic.complete',
        'topic.close',
      ]),
    );
    const objectionAudit = await ds()
      .getRepository(AuditEntry)
      .find({ where: { objectType: 'objection', objectId: objectionId } });
    expect(objectionAudit.map((a) => a.action).sort()).toEqual(['objection.dismiss', 'objection.file']);
    const system = await ds().getRepository(AuditEntry).findOneByOrFail({ objectId: id, action: 'topic.implement' });
    expect(system.actorId).toBeNull();
    expect(system.actorRole).toBe('system');
    const timeline = (
      await ds()
        .getRepository(TopicEvent)
        .find({ where: { topicId: id }, order: { id: 'ASC' } })
    ).map((e) => e.action);
    expect(timeline).toEqual(
      expect.arrayContaining([
        'decide',
        'publicize',
        'implementation_assigned',
        'implement',
        'progress',
        'complete',
        'close',
      ]),
    );
  });

  test('an upheld objection reopens the topic for routing and ends the publicity round', async () => {
    const id = await decidedAndPublished();
    const filed = await call('post', `/api/topics/${id}/objections`, tokens.owners_committee, {
      text: '业主大会尚未表决，公共收益不能直接列支',
    });
    expect(filed.status).toBe(201);
    const answered = await call('post', `/api/objections/${filed.body.objections[0].id}/answer`, tokens.moderator, {
      decision: 'upheld',
      reply: '异议成立，将提交业主共同决定后再办理',
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ reopened: true, topicStatus: 'accepted' });
    expect(answered.body.hint).toContain('新的表决');
    const round = await ds().getRepository(Publicity).findOneByOrFail({ topicId: id });
    expect(round.outcome).toBe('reopened');
    expect(round.endedAt).not.toBeNull();
    expect(events).toContainEqual(
      expect.objectContaining({ topicId: id, from: 'publicity', to: 'accepted', action: 'reopen' }),
    );
    const notice = await ds()
      .getRepository(Notification)
      .findOneByOrFail({ userId: userIds.owners_committee!, kind: 'objection_answered' });
    expect(notice.title).toBe('您的异议已被采纳');
    // The sweeper leaves it alone; it can be routed again.
    await endPublicity(server.services, inDays(30));
    expect((await ds().getRepository(Topic).findOneByOrFail({ id })).status).toBe('accepted');
    const party = await ds().getRepository(Party).findOneByOrFail({ communityId, kind: 'committee' });
    await call('post', `/api/topics/${id}/route`, tokens.moderator, {
      category: '物业管理',
      level: 'community',
      partyId: party.id,
    }).expect(200);
  });

  test('overdue implementations and milestones are flagged to the moderator and the sub-district, at most once a day', async () => {
    const id = await decidedAndPublished();
    await call('post', `/api/topics/${id}/implementation`, tokens.moderator, {
      partyId: propertyCompanyId,
      personUserId: userIds.property_manager,
      dueDate: addDays(shanghaiDay(), 3),
      milestones: [{ title: '采购设备', dueDate: addDays(shanghaiDay(), 1) }],
    }).expect(200);
    await endPublicity(server.services, inDays(30));
    expect((await ds().getRepository(Topic).findOneByOrFail({ id })).status).toBe('implementation');
    const today = shanghaiDay();
    // Nothing is overdue yet.
    const none = await call('get', `/api/communities/${communityId}/overdue`, tokens.moderator);
    expect(none.body.filter((i: { topicId: number }) => i.topicId === id)).toEqual([]);
    // Move the dates into the past (as if the days had gone by).
    await ds()
      .getRepository(Implementation)
      .update({ topicId: id }, { dueDate: addDays(today, -2) });
    await ds()
      .getRepository(Milestone)
      .update({ topicId: id }, { dueDate: addDays(today, -3) });
    const listed = await call('get', `/api/communities/${communityId}/overdue`, tokens.moderator);
    const mine = listed.body.filter((i: { topicId: number }) => i.topicId === id);
    expect(mine.map((i: { kind: string; daysOverdue: number }) => [i.kind, i.daysOverdue])).toEqual([
      ['milestone', 3],
      ['implementation', 2],
    ]);
    await call('get', `/api/communities/${communityId}/overdue`, tokens.property_manager).expect(403);
    const subDistrictId = Number(
      (
        (await ds().query('SELECT sub_district_id FROM community WHERE id = ?', [communityId])) as {
          sub_district_id: number;
        }[]
      )[0]!.sub_district_id,
    );
    const admin = await call('get', `/api/sub-districts/${subDistrictId}/overdue`, tokens.subdistrict_admin);
    expect(admin.body.filter((i: { topicId: number }) => i.topicId === id)).toHaveLength(2);
    expect(admin.body[0].communityName).toBe('和平里社区');
    await call('get', `/api/sub-districts/${subDistrictId}/overdue`, tokens.moderator).expect(403);
    const board = await call('get', `/api/board/topics/${id}`);
    expect(board.body.implementation.overdue).toBe(true);

    const count = (userId: number) =>
      ds()
        .getRepository(Notification)
        .count({ where: { userId, kind: 'implementation_overdue' } });
    const [modBefore, adminBefore] = [await count(userIds.moderator!), await count(userIds.subdistrict_admin!)];
    const now = new Date();
    expect(await noticeOverdue(server.services, now)).toBeGreaterThanOrEqual(2);
    expect(await count(userIds.moderator!)).toBeGreaterThanOrEqual(modBefore + 2);
    expect(await count(userIds.subdistrict_admin!)).toBeGreaterThanOrEqual(adminBefore + 2);
    // Again the same day: nothing new.
    const afterFirst = await count(userIds.moderator!);
    expect(await noticeOverdue(server.services, now)).toBe(0);
    expect(await count(userIds.moderator!)).toBe(afterFirst);
    // The next day: told again.
    expect(await noticeOverdue(server.services, inDays(1))).toBeGreaterThanOrEqual(2);
  });

  test('evaluation scope follows the topic: a building topic is rated only from that building', async () => {
    const id = await topic('implementation', 'building');
    const building = (await ds().query(
      `SELECT u.building_id FROM unit_claim uc JOIN unit u ON u.id = uc.unit_id WHERE uc.user_id = ? AND uc.status = 'approved' ORDER BY u.id LIMIT 1`,
      [userIds.owner],
    )) as { building_id: number }[];
    await ds()
      .getRepository(Topic)
      .update({ id }, { buildingId: Number(building[0]!.building_id) });
    await ds()
      .getRepository(Implementation)
      .insert({
        topicId: id,
        communityId,
        partyId: propertyCompanyId,
        personUserId: userIds.property_manager!,
        dueDate: addDays(shanghaiDay(), 5),
        assignedBy: userIds.moderator!,
        completedAt: null,
        evaluationLastDay: null,
        evaluationEndsAt: null,
        overdueNoticedOn: null,
      });
    await call('post', `/api/topics/${id}/completion`, tokens.moderator, { text: '楼道照明已全部更换' }).expect(200);
    // The owners' committee chair lives in another building of the estate.
    await refused('post', `/api/topics/${id}/evaluations`, tokens.owners_committee, { score: 4 }, 403, 'FORBIDDEN');
    await call('post', `/api/topics/${id}/evaluations`, tokens.owner, { score: 4 }).expect(201);
    // After the window (moved into the past) evaluation is refused even before the sweeper runs.
    await ds()
      .getRepository(Implementation)
      .update({ topicId: id }, { evaluationEndsAt: new Date(Date.now() - 1000) });
    await refused('post', `/api/topics/${id}/evaluations`, tokens.owner, { score: 4 }, 409);
  });

  test('settings: moderators change the publicity and evaluation periods; publicity uses them', async () => {
    await refused(
      'patch',
      `/api/communities/${communityId}/outcome-settings`,
      tokens.owner,
      { evaluationDays: 7 },
      403,
    );
    await refused(
      'patch',
      `/api/communities/${communityId}/outcome-settings`,
      tokens.moderator,
      { evaluationDays: 0 },
      400,
    );
    const changed = await call('patch', `/api/communities/${communityId}/outcome-settings`, tokens.moderator, {
      publicityDays: 7,
      evaluationDays: 10,
    });
    expect(changed.body).toEqual({ publicityDays: 7, evaluationDays: 10 });
    expect((await call('get', `/api/communities/${communityId}/outcome-settings`)).body).toEqual(changed.body);
    const id = await decidedAndPublished();
    const entry = await call('get', `/api/board/topics/${id}`);
    expect(entry.body.publicity).toMatchObject({ days: 7, lastDay: addDays(shanghaiDay(), 7) });
    await call('patch', `/api/communities/${communityId}/outcome-settings`, tokens.moderator, {
      publicityDays: 5,
      evaluationDays: 14,
    }).expect(200);
    expect(
      await ds()
        .getRepository(AuditEntry)
        .count({ where: { action: 'settings.outcomes' } }),
    ).toBe(2);
  });
});
