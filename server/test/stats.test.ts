import request from 'supertest';
import { User } from '../src/auth/auth.entity';
import { Community } from '../src/communities/communities.entity';
import { Membership, UnitClaim } from '../src/members/members.entity';
import {
  dayDiff,
  FROM,
  inP,
  med,
  pct,
  type StatsSeed,
  seedStatsCommunity,
  shDay,
  TO,
  VERIFIED,
} from './support/stats-seed';
import { eachDatabase, startTestServer, type TestServer, tableCounts } from './support/test-db';

/**
 * The dashboards' numbers against a seeded community whose expected values
 * the test computes itself, with plain loops over the seed (never calling
 * the statistics code). Period: the first half of 2024, Asia/Shanghai days.
 */
describe.each(eachDatabase)('statistics on %s', (_dialect, db) => {
  let server: TestServer;
  let seed: StatsSeed;
  let C: number;
  let O: number;
  let subDistrictId: number;
  let otherSubDistrictId: number;
  let moderatorToken: string;
  let tokens: Record<string, string>;
  let specs: StatsSeed['specs'];
  const ds = () => server.dataSource;
  const get = (token: string | undefined, url: string) => {
    const req = request(server.callback).get(url);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    seed = await seedStatsCommunity(server);
    ({ C, O, subDistrictId, otherSubDistrictId, moderatorToken, tokens, specs } = seed);
  }, 60_000);
  afterAll(async () => server.close());

  /** What the test expects for C, from the seed alone. */
  function expectedForC() {
    const cohort = specs.filter((s) => inP(s.at));
    const byStatus: Record<string, number> = {};
    const byCategory: Record<string, number> = {};
    const firstResponse: number[] = [];
    const completion: number[] = [];
    let takenOn = 0;
    let resolved = 0;
    for (const s of cohort) {
      byStatus[s.status] = (byStatus[s.status] ?? 0) + 1;
      byCategory[s.category] = (byCategory[s.category] ?? 0) + 1;
      const responses = s.events
        .filter(
          (e) =>
            !['submit', 'submit_on_behalf', 'resubmit'].includes(e.action) &&
            !['resident', 'system'].includes(e.role) &&
            !e.fromOther,
        )
        .map((e) => e.at.getTime());
      if (responses.length) firstResponse.push(dayDiff(s.at, new Date(Math.min(...responses))));
      const done = s.events.filter((e) => e.to === 'completed').map((e) => e.at.getTime());
      if (done.length) completion.push(dayDiff(s.at, new Date(Math.min(...done))));
      if (!['submitted', 'returned', 'rejected', 'merged', 'lapsed'].includes(s.status)) takenOn++;
      if (s.status === 'completed' || s.status === 'closed') resolved++;
    }
    return { cohort, byStatus, byCategory, firstResponse, completion, takenOn, resolved };
  }

  test("a community's dashboard matches the independently computed numbers", async () => {
    const res = await get(moderatorToken, `/api/communities/${C}/stats?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    const s = res.body.stats;
    const e = expectedForC();
    expect(res.body.period).toEqual({ from: FROM, to: TO });
    expect(res.body.community).toMatchObject({ id: C, name: '统计测试社区' });

    expect(s.topics.submitted).toBe(e.cohort.length);
    expect(e.cohort.length).toBe(9);
    expect(Object.fromEntries(s.topics.byStatus.map((r: { key: string; count: number }) => [r.key, r.count]))).toEqual(
      e.byStatus,
    );
    expect(
      Object.fromEntries(s.topics.byCategory.map((r: { key: string; count: number }) => [r.key, r.count])),
    ).toEqual(e.byCategory);
    // Months: every month of the period, each topic in its Shanghai submission month.
    const months: Record<string, number> = {};
    for (const m of ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']) months[m] = 0;
    for (const t of e.cohort) months[shDay(t.at).slice(0, 7)]!++;
    expect(
      Object.fromEntries(s.topics.byMonth.map((r: { month: string; submitted: number }) => [r.month, r.submitted])),
    ).toEqual(months);
    const resolvedIn = (m: string) =>
      e.cohort.filter((t) => shDay(t.at).startsWith(m) && ['completed', 'closed'].includes(t.status)).length;
    expect(s.topics.byMonth[0].byGroup.resolved).toBe(resolvedIn('2024-01'));

    expect(e.firstResponse.sort()).toEqual([0, 0, 1, 1, 1, 2, 5]);
    expect(s.topics.medianDaysToFirstResponse).toBe(med(e.firstResponse));
    expect(s.topics.respondedCount).toBe(e.firstResponse.length);
    expect(s.topics.medianDaysToCompletion).toBe(med(e.completion));
    expect(s.topics.completedCount).toBe(e.completion.length);
    expect(s.topics.shareResolved).toEqual({
      numerator: e.resolved,
      denominator: e.takenOn,
      percent: pct(e.resolved, e.takenOn),
    });

    // Meetings held: M1 and M2 (M3 only planned, M4 after the period).
    expect(s.meetings.held).toBe(2);
    expect(s.meetings.attendance).toEqual({ numerator: 3 + 2, denominator: 5 + 4, percent: pct(5, 9) });

    expect(s.votes).toEqual({ opened: 3, closed: 2, passed: 1 });

    // Participation: authors, co-signers and voters in the period, among the verified residents.
    const verified = new Set(VERIFIED);
    const active = new Set<string>();
    for (const t of e.cohort) if (t.author) active.add(t.author);
    active.add('r3'); // co-signed T1 on 2024-01-10
    for (const k of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8']) active.add(k); // ballots in the period
    for (const k of ['r1', 'r2', 'r3', 'r12']) active.add(k); // evaluations in the period (r11's came after it)
    const participants = [...active].filter((k) => verified.has(k));
    expect(s.participation).toEqual({
      numerator: participants.length,
      denominator: verified.size,
      percent: pct(participants.length, verified.size),
    });
    // Satisfaction: the evaluations made in the period scored 5, 4, 2, 5.
    const scores = [5, 4, 2, 5];
    const good = scores.filter((x) => x >= 4).length;
    expect(s.satisfaction).toEqual({ numerator: good, denominator: scores.length, percent: pct(good, scores.length) });
    // Projects: P1 and P2 active in the period, P1 begun in it, P2 completed in it.
    expect(s.projects).toEqual({ active: 2, started: 1, completed: 1 });
  });

  test('the sub-district dashboard: one row per community, totals pooled', async () => {
    const res = await get(tokens.subdistrict_admin, `/api/sub-districts/${subDistrictId}/stats?from=${FROM}&to=${TO}`);
    expect(res.status).toBe(200);
    const names = res.body.communities.map((r: { community: { name: string } }) => r.community.name);
    expect(names).toEqual(['和平里社区', '青石桥社区', '统计测试社区']);
    expect(names).not.toContain('别的社区');
    const mine = res.body.communities.find((r: { community: { id: number } }) => r.community.id === C).stats;
    const alone = (await get(moderatorToken, `/api/communities/${C}/stats?from=${FROM}&to=${TO}`)).body.stats;
    expect(mine).toEqual(alone);

    // Verified residents of every community of the sub-district, by loops over the tables.
    const [claims, memberships, accounts, communities] = await Promise.all([
      ds().getRepository(UnitClaim).find(),
      ds().getRepository(Membership).find(),
      ds().getRepository(User).find(),
      ds().getRepository(Community).find(),
    ]);
    let verifiedTotal = 0;
    for (const c of communities) {
      if (c.subDistrictId !== subDistrictId) continue;
      const ids = new Set<number>();
      for (const claim of claims) {
        if (claim.communityId !== c.id || claim.status !== 'approved') continue;
        const m = memberships.find((x) => x.userId === claim.userId && x.communityId === c.id);
        const u = accounts.find((x) => x.id === claim.userId);
        if (m?.status === 'active' && u?.status === 'active') ids.add(claim.userId);
      }
      verifiedTotal += ids.size;
    }
    const t = res.body.totals;
    // The demo communities have nothing in 2024: the totals are C's numbers over all verified residents.
    expect(t.topics.submitted).toBe(alone.topics.submitted);
    expect(t.topics.medianDaysToFirstResponse).toBe(alone.topics.medianDaysToFirstResponse);
    expect(t.meetings).toEqual(alone.meetings);
    expect(t.participation).toEqual({
      numerator: alone.participation.numerator,
      denominator: verifiedTotal,
      percent: pct(alone.participation.numerator, verifiedTotal),
    });
    expect(verifiedTotal).toBeGreaterThan(VERIFIED.length);
  });

  test('who may see what: moderators of the community, admins of its sub-district only', async () => {
    const url = (c: number) => `/api/communities/${c}/stats?from=${FROM}&to=${TO}`;
    const haiping = (
      await ds()
        .getRepository(Community)
        .findOneOrFail({ where: { name: '和平里社区' } })
    ).id;
    expect((await get(undefined, url(C))).status).toBe(401);
    expect((await get(tokens.moderator, url(C))).status).toBe(403); // 和平里's moderator
    expect((await get(moderatorToken, url(haiping))).status).toBe(403); // C's moderator
    expect((await get(tokens.resident, url(C))).status).toBe(403);
    expect((await get(tokens.subdistrict_admin, url(C))).status).toBe(200);
    expect((await get(tokens.subdistrict_admin, url(O))).status).toBe(403);
    expect((await get(tokens.subdistrict_admin, `/api/sub-districts/${otherSubDistrictId}/stats`)).status).toBe(403);
    expect((await get(moderatorToken, `/api/sub-districts/${subDistrictId}/stats`)).status).toBe(403);
    expect((await get(moderatorToken, '/api/communities/999999/stats')).status).toBe(404);
    const scopes = await get(tokens.subdistrict_admin, '/api/me/stats-scopes');
    expect(scopes.body.subDistricts).toEqual([
      expect.objectContaining({
        id: subDistrictId,
        communities: expect.arrayContaining([{ id: C, name: '统计测试社区' }]),
      }),
    ]);
    expect(scopes.body.communities.map((c: { id: number }) => c.id)).not.toContain(O);
    const own = await get(moderatorToken, '/api/me/stats-scopes');
    expect(own.body).toEqual({
      communities: [{ id: C, name: '统计测试社区', subDistrictName: expect.any(String) }],
      subDistricts: [],
    });
    expect((await get(tokens.resident, '/api/me/stats-scopes')).body).toEqual({ communities: [], subDistricts: [] });
  });

  test('a bad period is refused with a reason and changes nothing', async () => {
    const before = await tableCounts(ds());
    for (const q of [
      'from=2024-07-01&to=2024-06-30',
      'from=2024-02-30',
      'to=yesterday',
      'from=2020-01-01&to=2024-01-01',
    ]) {
      const res = await get(moderatorToken, `/api/communities/${C}/stats?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields[0].message).toMatch(/日期|期间/);
    }
    expect(await tableCounts(ds())).toEqual(before);
  });

  test('topics handled through the API today show up in today’s numbers', async () => {
    const today = shDay(new Date());
    const haiping = (
      await ds()
        .getRepository(Community)
        .findOneOrFail({ where: { name: '和平里社区' } })
    ).id;
    const before = (await get(tokens.moderator, `/api/communities/${haiping}/stats?from=${today}&to=${today}`)).body
      .stats;
    const submitted = await request(server.callback)
      .post('/api/topics')
      .set('Authorization', `Bearer ${tokens.resident}`)
      .send({
        communityId: haiping,
        title: '小区门口路灯不亮',
        description: '东门的路灯坏了一周，晚上很黑。',
        category: '其他',
        scope: 'community',
      });
    expect(submitted.status).toBe(201);
    await request(server.callback)
      .post(`/api/topics/${submitted.body.id}/accept`)
      .set('Authorization', `Bearer ${tokens.moderator}`)
      .send({})
      .expect(200);
    const after = (await get(tokens.moderator, `/api/communities/${haiping}/stats?from=${today}&to=${today}`)).body
      .stats;
    expect(after.topics.submitted).toBe(before.topics.submitted + 1);
    expect(after.topics.respondedCount).toBe(before.topics.respondedCount + 1);
    expect(after.participation.numerator).toBeGreaterThanOrEqual(1);
  });
});
