import { Workbook } from 'exceljs';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit.entity';
import { dayDiff, FROM, inP, type StatsSeed, seedStatsCommunity, shDay, TO } from './support/stats-seed';
import { eachDatabase, startTestServer, type TestServer } from './support/test-db';

/** The ledgers (JSON, XLSX opened with exceljs) and the meeting print record, against the seeded community. */
describe.each(eachDatabase)('ledgers on %s', (_dialect, db) => {
  let server: TestServer;
  let seed: StatsSeed;
  const get = (token: string | undefined, url: string) => {
    const req = request(server.callback).get(url);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };
  /** Supertest hands binary answers back as a Buffer with this parser. */
  const binary = (
    res: { on: (event: string, listener: (chunk?: Buffer) => void) => void },
    done: (error: Error | null, body: Buffer) => void,
  ) => {
    const chunks: Buffer[] = [];
    res.on('data', (c) => {
      if (c) chunks.push(c);
    });
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };
  const period = `from=${FROM}&to=${TO}`;

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    seed = await seedStatsCommunity(server);
  }, 60_000);
  afterAll(async () => server.close());

  /** The topic rows the test expects, from the seed. */
  function expectedTopics() {
    return seed.specs
      .filter((s) => inP(s.at))
      .map((s) => {
        const responses = s.events
          .filter(
            (e) =>
              !['submit', 'submit_on_behalf', 'resubmit'].includes(e.action) &&
              !['resident', 'system'].includes(e.role) &&
              !e.fromOther,
          )
          .map((e) => e.at.getTime());
        const done = s.events.filter((e) => e.to === 'completed').map((e) => e.at.getTime());
        return {
          id: seed.topicIds[s.key],
          title: `统计议题${s.key}`,
          status: s.status,
          category: s.category,
          estate: s.estate ? '统计花园' : '全社区',
          routedTo: s.routed ? '统计物业（小区）' : '',
          submittedOn: shDay(s.at),
          daysToFirstResponse: responses.length ? dayDiff(s.at, new Date(Math.min(...responses))) : null,
          daysToCompletion: done.length ? dayDiff(s.at, new Date(Math.min(...done))) : null,
        };
      });
  }

  test("a community's ledger lists the period's topics, held meetings and votes with their numbers", async () => {
    const res = await get(seed.moderatorToken, `/api/communities/${seed.C}/ledger?${period}`);
    expect(res.status).toBe(200);
    const ledger = res.body;
    expect(ledger.scope).toMatchObject({
      kind: 'community',
      id: seed.C,
      name: '统计测试社区',
      subDistrictName: '长青街道',
    });
    expect(ledger.topics.map((t: Record<string, unknown>) => ({ ...t, communityName: undefined }))).toEqual(
      expectedTopics().map((t) => expect.objectContaining({ ...t, statusLabel: expect.any(String) })),
    );
    expect(ledger.topics.find((t: { id: number }) => t.id === seed.topicIds.T1).statusLabel).toBe('已办结');
    expect(ledger.topics.find((t: { id: number }) => t.id === seed.topicIds.T9).submittedOn).toBe('2024-06-30');
    // A topic's satisfaction counts every evaluation of it (T2's second came after the period).
    const satisfaction = (key: string) =>
      ledger.topics.find((t: { id: number }) => t.id === seed.topicIds[key]).satisfaction;
    expect(satisfaction('T1')).toEqual({ numerator: 2, denominator: 3, percent: 66.7 });
    expect(satisfaction('T2')).toEqual({ numerator: 1, denominator: 2, percent: 50 });
    expect(satisfaction('T3')).toBeNull();

    expect(ledger.meetings).toHaveLength(2);
    const [m1, m2] = ledger.meetings;
    expect(m1).toMatchObject({
      id: seed.meetingIds.M1,
      date: '2024-02-20',
      title: '统计会议M1',
      council: '统计议事会',
      invited: 6,
      present: 4,
      attendance: { numerator: 3, denominator: 5, percent: 60 },
      items: 1,
      itemTitles: ['统计议题T3'],
      results: '统计议题T3：决议——同意更换车库照明；统计表决V1：通过（同意 4，反对 1，弃权 0）',
    });
    expect(m2).toMatchObject({ id: seed.meetingIds.M2, attendance: { numerator: 2, denominator: 4, percent: 50 } });

    expect(ledger.votes.map((v: { id: number }) => v.id)).toEqual([seed.voteIds.V1, seed.voteIds.V2, seed.voteIds.V3]);
    const [v1, v2, v3] = ledger.votes;
    expect(v1).toMatchObject({ entitled: 9, participated: 5, passed: true, recordHead: 'v1'.padEnd(64, 'a') });
    expect(v1.rule).toContain('过半数同意');
    expect(v2).toMatchObject({ entitled: 10, participated: 1, passed: false });
    expect(v2.result).toBe('未通过（参与未达三分之二；参与业主 5 人、面积 400.00㎡；同意 3 人、面积 300.00㎡）');
    expect(v3).toMatchObject({ participated: 2, passed: null, status: '表决中', recordHead: null });
    // In the order they were raised.
    expect(ledger.projects).toEqual([
      {
        communityName: '统计测试社区',
        id: seed.projectIds.P2,
        title: '统计项目P2',
        status: '已评估',
        organisation: '阳光社工P2',
        budget: '12,345 元',
        startedOn: '2023-08-01',
        completedOn: '2024-03-01',
        evaluation: '88 分（第三方评估中心）',
      },
      {
        communityName: '统计测试社区',
        id: seed.projectIds.P1,
        title: '统计项目P1',
        status: '项目实施中',
        organisation: '阳光社工P1',
        budget: '12,345 元',
        startedOn: '2024-02-01',
        completedOn: '',
        evaluation: '',
      },
    ]);
  });

  test('the XLSX export: one sheet per ledger, Chinese headers, a title row, frozen header, real dates', async () => {
    const res = await get(seed.moderatorToken, `/api/communities/${seed.C}/ledger/export?${period}`)
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const disposition = res.headers['content-disposition'] as string;
    expect(disposition).toContain(`filename="ledger-community-${seed.C}-${FROM}-${TO}.xlsx"`);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(`统计测试社区台账_${FROM}至${TO}.xlsx`)}`);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '统计汇总',
      '议题台账',
      '会议台账',
      '表决台账',
      '项目台账',
    ]);

    const topics = workbook.getWorksheet('议题台账')!;
    expect(String(topics.getCell('A1').value)).toBe('长青街道 统计测试社区 议题台账（2024年1月1日至2024年6月30日）');
    expect(topics.getRow(2).values).toEqual([
      undefined,
      '编号',
      '议题',
      '状态',
      '分类',
      '小区',
      '分派给（层级）',
      '提交日期',
      '首次响应（天）',
      '办结用时（天）',
      '评价人数',
      '满意率',
    ]);
    expect(topics.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(topics.getColumn(2).width).toBeGreaterThanOrEqual(30);
    const expected = expectedTopics();
    expect(topics.rowCount).toBe(2 + expected.length);
    expected.forEach((t, i) => {
      const row = topics.getRow(3 + i);
      expect(row.getCell(1).value).toBe(t.id);
      expect(row.getCell(2).value).toBe(t.title);
      expect(row.getCell(4).value).toBe(t.category);
      expect(row.getCell(5).value).toBe(t.estate);
      expect(row.getCell(6).value ?? '').toBe(t.routedTo);
      const date = row.getCell(7).value as Date;
      expect(date).toBeInstanceOf(Date);
      expect(date.toISOString().slice(0, 10)).toBe(t.submittedOn);
      expect(row.getCell(7).numFmt).toBe('yyyy-mm-dd');
      expect(row.getCell(8).value ?? null).toBe(t.daysToFirstResponse);
      expect(row.getCell(9).value ?? null).toBe(t.daysToCompletion);
    });
    expect(topics.getRow(3).getCell(3).value).toBe('已办结');
    expect(topics.getRow(3).getCell(10).value).toBe(3); // T1: three evaluations, two of them 4 or 5
    expect(topics.getRow(3).getCell(11).value).toBeCloseTo(2 / 3);
    expect(topics.getRow(3).getCell(11).numFmt).toBe('0.0%');

    const meetings = workbook.getWorksheet('会议台账')!;
    expect(meetings.getRow(2).getCell(1).value).toBe('日期');
    expect(meetings.rowCount).toBe(4);
    expect((meetings.getRow(3).getCell(1).value as Date).toISOString().slice(0, 10)).toBe('2024-02-20');
    expect(meetings.getRow(3).getCell(9).value).toBeCloseTo(0.6);
    expect(meetings.getRow(3).getCell(9).numFmt).toBe('0.0%');

    const votes = workbook.getWorksheet('表决台账')!;
    expect(votes.rowCount).toBe(5);
    expect(votes.getRow(3).getCell(2).value).toBe('统计表决V1');
    expect(votes.getRow(3).getCell(7).value).toBe(9);
    expect(votes.getRow(3).getCell(8).value).toBe(5);
    expect(votes.getRow(3).getCell(10).value).toBe('通过（同意 4，反对 1，弃权 0）');
    expect(votes.getRow(3).getCell(11).value).toBe('v1'.padEnd(64, 'a'));

    const projects = workbook.getWorksheet('项目台账')!;
    expect(projects.getRow(2).values).toEqual([
      undefined,
      '编号',
      '项目',
      '状态',
      '承接社会组织',
      '预算（元）',
      '开始日期',
      '完成日期',
      '第三方评估',
    ]);
    expect(projects.rowCount).toBe(4);
    expect(projects.getRow(3).getCell(2).value).toBe('统计项目P2');
    expect((projects.getRow(3).getCell(7).value as Date).toISOString().slice(0, 10)).toBe('2024-03-01');
    expect(projects.getRow(4).getCell(7).value).toBeNull();

    const summary = workbook.getWorksheet('统计汇总')!;
    expect(summary.getRow(3).values).toEqual([undefined, '提交议题数', expected.length]);

    const audit = await server.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'ledger.export', objectId: seed.C } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toContain('统计测试社区');
  });

  test("the sub-district's ledger covers its communities only, with a 社区 column in the workbook", async () => {
    const json = await get(seed.tokens.subdistrict_admin, `/api/sub-districts/${seed.subDistrictId}/ledger?${period}`);
    expect(json.status).toBe(200);
    expect(json.body.scope).toMatchObject({ kind: 'sub_district', name: '长青街道' });
    expect(new Set(json.body.topics.map((t: { communityName: string }) => t.communityName))).toEqual(
      new Set(['统计测试社区']),
    );
    expect(json.body.topics).toHaveLength(expectedTopics().length);

    const res = await get(
      seed.tokens.subdistrict_admin,
      `/api/sub-districts/${seed.subDistrictId}/ledger/export?${period}`,
    )
      .buffer(true)
      .parse(binary as never);
    expect(res.status).toBe(200);
    const workbook = new Workbook();
    await workbook.xlsx.load(res.body as never);
    const topics = workbook.getWorksheet('议题台账')!;
    expect(String(topics.getCell('A1').value)).toBe('长青街道 议题台账（2024年1月1日至2024年6月30日）');
    expect(topics.getRow(2).getCell(1).value).toBe('社区');
    expect(topics.getRow(3).getCell(1).value).toBe('统计测试社区');
    expect(topics.getRow(3).getCell(2).value).toBe(seed.topicIds.T1);
  });

  test('who may read and export ledgers', async () => {
    const c = `/api/communities/${seed.C}`;
    expect((await get(undefined, `${c}/ledger`)).status).toBe(401);
    expect((await get(seed.tokens.moderator, `${c}/ledger`)).status).toBe(403);
    expect((await get(seed.tokens.moderator, `${c}/ledger/export`)).status).toBe(403);
    expect((await get(seed.tokens.resident, `${c}/ledger/export`)).status).toBe(403);
    expect((await get(seed.tokens.subdistrict_admin, `${c}/ledger/export?${period}`)).status).toBe(200);
    expect((await get(seed.tokens.subdistrict_admin, `/api/communities/${seed.O}/ledger/export`)).status).toBe(403);
    expect(
      (await get(seed.tokens.subdistrict_admin, `/api/sub-districts/${seed.otherSubDistrictId}/ledger/export`)).status,
    ).toBe(403);
    expect((await get(seed.moderatorToken, `/api/sub-districts/${seed.subDistrictId}/ledger`)).status).toBe(403);
    const refused = await get(seed.moderatorToken, `${c}/ledger/export?from=2024-06-30&to=2024-01-01`);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
  });

  test("a meeting's print record: agenda, masked sign-in list, attendance and results", async () => {
    const res = await get(seed.moderatorToken, `/api/meetings/${seed.meetingIds.M1}/print`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      communityName: '统计测试社区',
      title: '统计会议M1',
      date: '2024-02-20',
      council: '统计议事会',
      agenda: [{ position: 1, title: '统计议题T3', minutes: 30 }],
      attendance: { invited: 6, present: 4, council: { numerator: 3, denominator: 5, percent: 60 } },
      votes: [{ title: '统计表决V1', result: '通过（同意 4，反对 1，弃权 0）' }],
      decisions: [{ title: '统计议题T3', outcome: '形成决议', resolution: '同意更换车库照明' }],
      minutes: '会议纪要正文：同意更换车库照明。',
    });
    expect(res.body.attendees).toHaveLength(6);
    for (const a of res.body.attendees) expect(a.name).toMatch(/^统\*+$/);
    expect((await get(seed.tokens.moderator, `/api/meetings/${seed.meetingIds.M1}/print`)).status).toBe(403);
    expect((await get(seed.tokens.subdistrict_admin, `/api/meetings/${seed.meetingIds.M1}/print`)).status).toBe(200);
  });
});
