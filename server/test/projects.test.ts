import request from 'supertest';
import { shanghaiDay } from '../../shared/src/time';
import { User } from '../src/auth/auth.entity';
import { SubDistrict } from '../src/communities/communities.entity';
import { runInTransaction } from '../src/db/transaction';
import { RoleGrant } from '../src/members/members.entity';
import { moveTopic } from '../src/topics/topic-lifecycle';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { communityIdOf, PNG } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

const RESOLUTION = '经协商议事会表决通过：由社会组织承接“长者助餐”服务，每周一至周五为槐荫里 80 岁以上老人送餐上门。';

describe.each(eachDatabase)('three-society service projects on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  const tokens: Record<string, string> = {};
  const userIds: Record<string, number> = {};

  const auth = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
  const post = (who: string, url: string, body: object = {}) =>
    request(server.callback).post(url).set(auth(who)).send(body);
  const get = (who: string | undefined, url: string) =>
    who ? request(server.callback).get(url).set(auth(who)) : request(server.callback).get(url);
  const counts = () => tableCounts(server.dataSource);

  /** A request that must be refused with `status` and change no row. */
  async function refused(status: number, code: string, send: () => Promise<request.Response>) {
    const before = await counts();
    const res = await send();
    expect({ status: res.status, code: res.body.error?.code }).toEqual({ status, code });
    expect(typeof res.body.error.message).toBe('string');
    expect(await counts()).toEqual(before);
    return res;
  }

  /** A new WeChat user who joined the community and accepted the privacy agreement. */
  async function newcomer(key: string): Promise<void> {
    const login = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode(key) });
    tokens[key] = login.body.token;
    await post(key, '/api/me/privacy', { version: '1' }).expect(200);
    await post(key, `/api/communities/${communityId}/join`);
    userIds[key] = (await get(key, '/api/me')).body.id;
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    communityId = await communityIdOf(server, '和平里社区');
    for (const p of [
      'moderator',
      'subdistrict_admin',
      'social_org',
      'resident',
      'owner',
      'representative',
      'newcomer',
    ]) {
      tokens[p] = await personaToken(server, p);
      await post(p, '/api/me/privacy', { version: '1' });
      userIds[p] = (await get(p, '/api/me')).body.id;
    }
    // A second social organisation, and a second worker of 益邻 (the persona's organisation).
    for (const [key, organisation] of [
      ['sunshine', '阳光社工服务社'],
      ['colleague', '益邻社会工作服务中心'],
    ] as const) {
      await newcomer(key);
      await post('moderator', `/api/communities/${communityId}/roles`, {
        userId: userIds[key],
        role: 'social_org',
        organisation,
      }).expect(201);
    }
    // The admin of another sub-district.
    const other = await server.dataSource.getRepository(SubDistrict).save({ name: '白云街道', code: 'SD-PRJ-2' });
    await newcomer('foreign_admin');
    await server.dataSource.getRepository(RoleGrant).insert({
      userId: userIds.foreign_admin,
      role: 'subdistrict_admin',
      scopeType: 'sub_district',
      scopeId: other.id,
    });
  }, 120_000);
  afterAll(async () => server.close());

  /** A topic of the community decided with a resolution (through the topic lifecycle). */
  async function decidedTopic(): Promise<number> {
    const [row] = (await server.dataSource.query(
      "SELECT id FROM topic WHERE community_id = ? AND status IN ('routed', 'handling') ORDER BY id LIMIT 1",
      [communityId],
    )) as { id: number }[];
    const id = Number(row!.id);
    await runInTransaction(server.dataSource, (em) => moveTopic(em, id, 'decide', { actor: null, note: RESOLUTION }));
    return id;
  }

  const design = {
    goals: '为槐荫里 80 岁以上独居和空巢老人提供每周五天的助餐送餐服务，解决吃饭难。',
    serviceContent: '每周一至周五中午送餐上门；每月一次健康讲座；建立志愿者送餐队伍并开展培训。',
    beneficiaries: '槐荫里 80 岁以上老人约 60 人',
    budgetYuan: '86000.50',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
  };
  const proposal = {
    proposal: '依托社区食堂，组建 12 人志愿者送餐队，每日 11 点前完成送餐，每月回访老人并记录用餐情况。',
    team: '项目主管 1 名、持证社工 2 名、志愿者 12 名',
    budgetYuan: '80000',
  };

  test('the whole workflow: demand from a resolution → filing → open call → selection → work → evaluation → board', async () => {
    const topicId = await decidedTopic();
    // Demand: from the topic's resolution.
    const raised = await post('moderator', '/api/projects', { communityId, topicId, title: '槐荫里长者助餐服务' });
    expect(raised.status).toBe(201);
    const id = raised.body.id as number;
    expect(raised.body).toMatchObject({ status: 'demand', demand: RESOLUTION, topic: { id: topicId } });
    expect(raised.body.me.actions).toEqual(expect.arrayContaining(['design', 'cancel']));
    // Drafts are not public.
    await refused(404, 'NOT_FOUND', () => get(undefined, `/api/projects/${id}/board`));
    await refused(404, 'NOT_FOUND', () => get('resident', `/api/projects/${id}`));
    expect((await get(undefined, `/api/communities/${communityId}/projects`)).body).toEqual([]);

    // Filing needs a design first; the call needs an approved filing.
    await refused(409, 'ILLEGAL_TRANSITION', () => post('moderator', `/api/projects/${id}/submit-filing`));
    const designed = await post('moderator', `/api/projects/${id}/design`, design);
    expect(designed.status).toBe(200);
    expect(designed.body).toMatchObject({ status: 'designing', design: { budgetFen: 8_600_050 } });
    await refused(409, 'ILLEGAL_TRANSITION', () =>
      post('moderator', `/api/projects/${id}/open-call`, { deadline: shanghaiDay() }),
    );
    await post('moderator', `/api/projects/${id}/submit-filing`).expect(200);

    // Only the admin of this community's sub-district decides the filing.
    const pending = await get('subdistrict_admin', '/api/me/project-filings');
    expect(pending.body.map((p: { id: number }) => p.id)).toEqual([id]);
    const filedNote = (await get('subdistrict_admin', '/api/notifications')).body[0];
    expect(filedNote).toMatchObject({ kind: 'project_filed' });
    for (const who of ['moderator', 'foreign_admin', 'social_org'])
      await refused(403, 'FORBIDDEN', () => post(who, `/api/projects/${id}/approve-filing`));
    expect((await get('foreign_admin', '/api/me/project-filings')).body).toEqual([]);
    await refused(400, 'VALIDATION_FAILED', () => post('subdistrict_admin', `/api/projects/${id}/return-filing`, {}));
    const returned = await post('subdistrict_admin', `/api/projects/${id}/return-filing`, {
      reason: '预算中请列明送餐人员补贴标准',
    });
    expect(returned.body).toMatchObject({
      status: 'returned',
      filing: { returnReason: '预算中请列明送餐人员补贴标准' },
    });
    expect((await get('moderator', '/api/notifications')).body[0]).toMatchObject({ kind: 'project_returned' });
    await post('moderator', `/api/projects/${id}/design`, { ...design, budgetYuan: '86,000' }).expect(200);
    await post('moderator', `/api/projects/${id}/submit-filing`).expect(200);
    const approved = await post('subdistrict_admin', `/api/projects/${id}/approve-filing`, { note: '同意备案' });
    expect(approved.body).toMatchObject({ status: 'approved', design: { budgetFen: 8_600_000 } });

    // Open call: public, and social organisations of the sub-district are told.
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/open-call`, { deadline: '2020-01-01' }),
    );
    const today = shanghaiDay();
    await post('moderator', `/api/projects/${id}/open-call`, {
      deadline: today,
      requirements: '须有助老服务经验',
    }).expect(200);
    expect((await get('sunshine', '/api/notifications')).body[0]).toMatchObject({ kind: 'project_call' });
    const calls = await get('social_org', '/api/project-calls');
    expect(calls.body).toEqual([expect.objectContaining({ id, applied: false, requirements: '须有助老服务经验' })]);
    expect((await get('resident', '/api/project-calls')).body).toEqual([]);
    expect((await get(undefined, `/api/projects/${id}/board`)).body).toMatchObject({
      status: 'open_call',
      callDeadline: today,
    });

    // Only social organisations apply, within the budget, once per organisation.
    await refused(403, 'FORBIDDEN', () => post('resident', `/api/projects/${id}/applications`, proposal));
    await refused(403, 'FORBIDDEN', () => post('moderator', `/api/projects/${id}/applications`, proposal));
    await refused(400, 'VALIDATION_FAILED', () =>
      post('social_org', `/api/projects/${id}/applications`, { ...proposal, budgetYuan: '90000' }),
    );
    const upload = await request(server.callback)
      .post('/api/uploads')
      .set(auth('social_org'))
      .field('purpose', 'progress_photo')
      .attach('file', PNG, 'plan.png');
    expect(upload.status).toBe(201);
    const applied = await post('social_org', `/api/projects/${id}/applications`, {
      ...proposal,
      attachmentUploadIds: [upload.body.id],
    });
    expect(applied.status).toBe(201);
    expect(applied.body.me.applied).toBe(true);
    expect(applied.body.applications).toHaveLength(1);
    await refused(409, 'CONFLICT', () => post('social_org', `/api/projects/${id}/applications`, proposal));
    const twice = await refused(409, 'CONFLICT', () => post('colleague', `/api/projects/${id}/applications`, proposal));
    expect(twice.body.error.message).toContain('益邻社会工作服务中心');
    const other = await post('sunshine', `/api/projects/${id}/applications`, { ...proposal, budgetYuan: '78000' });
    expect(other.status).toBe(201);
    // Each organisation sees its own application; the moderator sees both.
    expect((await get('sunshine', `/api/projects/${id}`)).body.applications).toHaveLength(1);
    const review = await get('moderator', `/api/projects/${id}`);
    expect(review.body.applications.map((a: { organisation: string }) => a.organisation)).toEqual([
      '益邻社会工作服务中心',
      '阳光社工服务社',
    ]);
    const [mine, theirs] = review.body.applications as { id: number; attachments: { url: string }[] }[];
    // The applicant's attachment: the moderator and the applicant, nobody else.
    await get('moderator', mine!.attachments[0]!.url).expect(200);
    await get('social_org', mine!.attachments[0]!.url).expect(200);
    await refused(404, 'NOT_FOUND', () => get('sunshine', mine!.attachments[0]!.url));
    await refused(404, 'NOT_FOUND', () => get(undefined, mine!.attachments[0]!.url));

    // Selection waits for the deadline, needs a reason and an application of this call.
    await refused(409, 'ILLEGAL_TRANSITION', () =>
      post('moderator', `/api/projects/${id}/select`, {
        applicationId: mine!.id,
        reason: '方案具体、团队有助老服务经验',
      }),
    );
    await server.dataSource.query('UPDATE service_project SET call_deadline = ? WHERE id = ?', ['2020-01-01', id]);
    await refused(409, 'ILLEGAL_TRANSITION', () => post('sunshine', `/api/projects/${id}/applications`, proposal));
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/select`, { applicationId: mine!.id }),
    );
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/select`, { applicationId: mine!.id, reason: '好' }),
    );
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/select`, {
        applicationId: 999_999,
        reason: '方案具体、团队有助老服务经验',
      }),
    );
    await refused(403, 'FORBIDDEN', () =>
      post('subdistrict_admin', `/api/projects/${id}/select`, {
        applicationId: mine!.id,
        reason: '方案具体、团队有助老服务经验',
      }),
    );
    const selected = await post('moderator', `/api/projects/${id}/select`, {
      applicationId: mine!.id,
      reason: '方案具体、团队有助老服务经验，报价合理',
    });
    expect(selected.body).toMatchObject({
      status: 'in_progress',
      selection: { applicationId: mine!.id, organisation: '益邻社会工作服务中心' },
    });
    expect(selected.body.applications.find((a: { id: number }) => a.id === theirs!.id).status).toBe('not_selected');
    const told = (await get('sunshine', '/api/notifications')).body[0];
    expect(told).toMatchObject({ kind: 'project_not_selected' });
    expect(told.body).toContain('方案具体、团队有助老服务经验，报价合理');
    expect((await get('social_org', '/api/notifications')).body[0]).toMatchObject({ kind: 'project_selected' });
    const myApps = await get('colleague', '/api/me/project-applications');
    expect(myApps.body).toEqual([expect.objectContaining({ projectId: id, status: 'selected' })]);

    // Supervisors: 1–5 verified residents of the community.
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/supervisors`, { userIds: [userIds.newcomer] }),
    );
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/supervisors`, { userIds: [1, 2, 3, 4, 5, 6] }),
    );
    await refused(403, 'FORBIDDEN', () =>
      post('social_org', `/api/projects/${id}/supervisors`, { userIds: [userIds.resident] }),
    );
    const appointed = await post('moderator', `/api/projects/${id}/supervisors`, {
      userIds: [userIds.resident, userIds.owner],
    });
    expect(appointed.body.supervisors.map((s: { name: string }) => s.name).sort()).toEqual(['李建国', '王秀英']);
    expect((await get('resident', '/api/notifications')).body[0]).toMatchObject({ kind: 'project_supervisor' });

    // Progress by the selected organisation (any of its workers); supervision by supervisors and the moderator.
    const photo = await request(server.callback)
      .post('/api/uploads')
      .set(auth('colleague'))
      .field('purpose', 'progress_photo')
      .attach('file', PNG, 'meal.png');
    await refused(403, 'FORBIDDEN', () =>
      post('sunshine', `/api/projects/${id}/progress`, { body: '第一周送餐 300 份', photoUploadIds: [] }),
    );
    await refused(400, 'VALIDATION_FAILED', () =>
      post('colleague', `/api/projects/${id}/progress`, {
        body: '第一周送餐 300 份',
        photoUploadIds: [upload.body.id],
      }),
    );
    await post('colleague', `/api/projects/${id}/progress`, {
      body: '第一周完成送餐 300 份，老人反映饭菜软烂适口',
      photoUploadIds: [photo.body.id],
    }).expect(201);
    await refused(403, 'FORBIDDEN', () =>
      post('representative', `/api/projects/${id}/supervision`, { body: '送餐准时' }),
    );
    await post('resident', `/api/projects/${id}/supervision`, { body: '抽查三户，送餐准时，饭菜温热' }).expect(201);
    await post('moderator', `/api/projects/${id}/supervision`, { body: '请补充每周的送餐签收表' }).expect(201);
    expect((await get('moderator', '/api/notifications')).body.map((n: { kind: string }) => n.kind)).toContain(
      'project_progress',
    );

    // Completion, then the evaluation (score 0–100) by the sub-district admin.
    await refused(409, 'ILLEGAL_TRANSITION', () =>
      post('moderator', `/api/projects/${id}/evaluation`, {
        evaluator: '明德社会服务评估中心',
        score: 90,
        summary: '服务覆盖率高，老人满意',
        report: '评估报告正文：走访 40 户老人……',
      }),
    );
    await post('moderator', `/api/projects/${id}/complete`, { summary: '全年送餐 12000 份，服务老人 62 人' }).expect(
      200,
    );
    for (const score of [101, -1, 88.5, '90']) {
      await refused(400, 'VALIDATION_FAILED', () =>
        post('subdistrict_admin', `/api/projects/${id}/evaluation`, {
          evaluator: '明德社会服务评估中心',
          score,
          summary: '服务覆盖率高，老人满意',
          report: '评估报告正文：走访 40 户老人……',
        }),
      );
    }
    await refused(403, 'FORBIDDEN', () =>
      post('social_org', `/api/projects/${id}/evaluation`, {
        evaluator: '明德社会服务评估中心',
        score: 92,
        summary: '服务覆盖率高，老人满意',
        report: '评估报告正文：走访 40 户老人……',
      }),
    );
    const evaluated = await post('subdistrict_admin', `/api/projects/${id}/evaluation`, {
      evaluator: '明德社会服务评估中心',
      score: 92,
      summary: '服务覆盖率高，老人满意度 96%',
      report: '评估报告正文：走访 40 户老人，查阅送餐台账……',
    });
    expect(evaluated.status).toBe(201);
    expect(evaluated.body).toMatchObject({ status: 'evaluated', evaluation: { score: 92 } });
    await refused(409, 'ILLEGAL_TRANSITION', () =>
      post('moderator', `/api/projects/${id}/supervision`, { body: '评估后还想补充一句' }),
    );

    // The public board: everything a resident needs, no personal data beyond masked names.
    const board = await get(undefined, `/api/projects/${id}/board`);
    expect(board.status).toBe(200);
    expect(board.body).toMatchObject({
      title: '槐荫里长者助餐服务',
      status: 'evaluated',
      goals: design.goals,
      budgetFen: 8_600_000,
      organisation: '益邻社会工作服务中心',
      applicationCount: 2,
      supervisors: expect.arrayContaining(['王**', '李**']),
      evaluation: { evaluator: '明德社会服务评估中心', score: 92, summary: '服务覆盖率高，老人满意度 96%' },
      completionSummary: '全年送餐 12000 份，服务老人 62 人',
    });
    expect(board.body.progress.map((e: { action: string }) => e.action)).toEqual([
      'openCall',
      'select',
      'reportProgress',
      'supervise',
      'supervise',
      'complete',
      'evaluate',
    ]);
    const text = JSON.stringify(board.body);
    const people = await server.dataSource.getRepository(User).find();
    for (const u of people) {
      if (u.realName && u.realName.length > 1) expect(text).not.toContain(u.realName);
      if (u.phone) expect(text).not.toContain(u.phone);
    }
    expect(text).not.toContain('阳光社工服务社');
    expect(text).not.toContain(proposal.proposal);
    const progressPhoto = board.body.progress.find((e: { action: string }) => e.action === 'reportProgress').photos[0];
    const served = await get(undefined, progressPhoto.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');

    // The community's list: by status, public ones for everybody.
    const publicList = await get(undefined, `/api/communities/${communityId}/projects`);
    expect(publicList.body).toEqual([
      expect.objectContaining({ id, status: 'evaluated', evaluationScore: 92, organisation: '益邻社会工作服务中心' }),
    ]);
    expect((await get('moderator', `/api/communities/${communityId}/projects?status=evaluated`)).body).toHaveLength(1);
    expect((await get('moderator', `/api/communities/${communityId}/projects?status=demand`)).body).toEqual([]);

    // Every step is in the audit log, in the community, with who did it.
    const entries = (await server.dataSource.query(
      "SELECT action, actor_role FROM audit_entry WHERE object_type = 'project' AND object_id = ? ORDER BY id",
      [id],
    )) as { action: string; actor_role: string }[];
    expect(entries.map((e) => e.action)).toEqual([
      'project.raise',
      'project.design',
      'project.submitFiling',
      'project.returnFiling',
      'project.design',
      'project.submitFiling',
      'project.approveFiling',
      'project.openCall',
      'project.apply',
      'project.apply',
      'project.select',
      'project.appointSupervisors',
      'project.reportProgress',
      'project.supervise',
      'project.supervise',
      'project.complete',
      'project.evaluate',
    ]);
    expect(entries.find((e) => e.action === 'project.approveFiling')!.actor_role).toBe('subdistrict_admin');
    expect(entries.find((e) => e.action === 'project.supervise')!.actor_role).toBe('supervisor');
  }, 120_000);

  test('a project raised directly; cancelled before work starts; drafts stay with the committee', async () => {
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', '/api/projects', { communityId, title: '楼道文化墙' }),
    );
    await refused(403, 'FORBIDDEN', () =>
      post('resident', '/api/projects', {
        communityId,
        title: '楼道文化墙',
        demand: '居民希望把楼道布置成文化墙，营造邻里氛围',
      }),
    );
    const raised = await post('moderator', '/api/projects', {
      communityId,
      title: '楼道文化墙',
      demand: '居民希望把楼道布置成文化墙，营造邻里氛围',
    });
    expect(raised.status).toBe(201);
    const id = raised.body.id as number;
    expect(raised.body.topic).toBeNull();
    expect((await get('subdistrict_admin', `/api/communities/${communityId}/projects?status=demand`)).body).toEqual([
      expect.objectContaining({ id }),
    ]);
    expect((await get('resident', `/api/communities/${communityId}/projects?status=demand`)).body).toEqual([]);
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/design`, { ...design, startDate: '2027-12-31', endDate: '2027-01-01' }),
    );
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/design`, { ...design, budgetYuan: '12.345' }),
    );
    await refused(400, 'VALIDATION_FAILED', () =>
      post('moderator', `/api/projects/${id}/design`, { ...design, startDate: '2027-02-30' }),
    );
    await refused(400, 'VALIDATION_FAILED', () => post('moderator', `/api/projects/${id}/cancel`, {}));
    const cancelled = await post('moderator', `/api/projects/${id}/cancel`, { reason: '已由街道统一实施' });
    expect(cancelled.body.status).toBe('cancelled');
    const again = await refused(409, 'ILLEGAL_TRANSITION', () =>
      post('moderator', `/api/projects/${id}/design`, design),
    );
    expect(again.body.error.message).toContain('已取消');
  }, 60_000);
});
