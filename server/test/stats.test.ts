import request from 'supertest';
import { User } from '../src/auth/auth.entity';
import { Building, Community, Estate, SubDistrict, Unit } from '../src/communities/communities.entity';
import { Council } from '../src/councils/councils.entity';
import { AgendaItem, Attendance, Meeting, MeetingInvitee } from '../src/meetings/meetings.entity';
import { Membership, RoleGrant, UnitClaim } from '../src/members/members.entity';
import { Cosign, Party, Topic, TopicEvent } from '../src/topics/topics.entity';
import { Ballot, Vote, VoteParticipation } from '../src/votes/votes.entity';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

/**
 * The dashboards' numbers against a seeded community whose expected values
 * the test computes itself, with plain loops over the seed (never calling
 * the statistics code). Period: the first half of 2024, Asia/Shanghai days.
 */

const FROM = '2024-01-01';
const TO = '2024-06-30';
const H = 3_600_000;
const D = 24 * H;

/** Shanghai calendar day of an instant, computed by hand (UTC+8, no DST). */
function shDay(at: Date): string {
  return new Date(at.getTime() + 8 * H).toISOString().slice(0, 10);
}
function dayDiff(a: Date, b: Date): number {
  return Math.round((Date.parse(`${shDay(b)}T00:00:00Z`) - Date.parse(`${shDay(a)}T00:00:00Z`)) / D);
}
function inP(at: Date): boolean {
  const d = shDay(at);
  return d >= FROM && d <= TO;
}
function med(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}
function pct(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 1000) / 10;
}

interface EventSpec {
  action: string;
  role: string;
  at: Date;
  to?: string | null;
  fromOther?: boolean;
}
interface TopicSpec {
  key: string;
  at: Date;
  author: string | null;
  category: string;
  status: Topic['status'];
  estate?: boolean;
  routed?: boolean;
  events: EventSpec[];
}

const t0 = (iso: string) => new Date(iso);
const plus = (at: Date, days: number, hours = 0) => new Date(at.getTime() + days * D + hours * H);

/** Topics of the seeded community (T10, T11 fall just outside the period). */
function topicSpecs(): TopicSpec[] {
  const a1 = t0('2023-12-31T16:30:00Z'); // 2024-01-01 00:30 in Shanghai
  const a2 = t0('2024-01-15T02:00:00Z');
  const a3 = t0('2024-02-10T09:00:00Z');
  const a4 = t0('2024-03-05T01:00:00Z');
  const a5 = t0('2024-03-20T03:00:00Z');
  const a6 = t0('2024-04-02T03:00:00Z');
  const a7 = t0('2024-05-01T03:00:00Z');
  const a8 = t0('2024-05-02T03:00:00Z');
  const a9 = t0('2024-06-30T15:59:00Z'); // 2024-06-30 23:59 in Shanghai
  return [
    {
      key: 'T1',
      at: a1,
      author: 'r1',
      category: '环境卫生',
      status: 'completed',
      estate: true,
      routed: true,
      events: [
        { action: 'submit', role: 'resident', at: a1, to: 'submitted' },
        { action: 'accept', role: 'moderator', at: plus(a1, 1), to: 'accepted' },
        { action: 'route', role: 'moderator', at: plus(a1, 2), to: 'routed' },
        { action: 'takeOn', role: 'property_manager', at: plus(a1, 3), to: 'handling' },
        { action: 'complete', role: 'moderator', at: plus(a1, 20), to: 'completed' },
      ],
    },
    {
      key: 'T2',
      at: a2,
      author: 'r2',
      category: '物业管理',
      status: 'closed',
      routed: true,
      events: [
        { action: 'submit', role: 'resident', at: a2, to: 'submitted' },
        { action: 'return', role: 'moderator', at: plus(a2, 0, 5), to: 'returned' },
        { action: 'resubmit', role: 'resident', at: plus(a2, 2), to: 'submitted' },
        { action: 'accept', role: 'moderator', at: plus(a2, 3), to: 'accepted' },
        { action: 'complete', role: 'moderator', at: plus(a2, 40), to: 'completed' },
        { action: 'close', role: 'system', at: plus(a2, 60), to: 'closed' },
      ],
    },
    {
      key: 'T3',
      at: a3,
      author: 'r1',
      category: '物业管理',
      status: 'routed',
      estate: true,
      routed: true,
      events: [
        { action: 'submit', role: 'resident', at: a3, to: 'submitted' },
        { action: 'accept', role: 'moderator', at: plus(a3, 5), to: 'accepted' },
        { action: 'route', role: 'moderator', at: plus(a3, 6), to: 'routed' },
      ],
    },
    {
      key: 'T4',
      at: a4,
      author: null,
      category: '安全隐患',
      status: 'submitted',
      events: [{ action: 'submit_on_behalf', role: 'grid_worker', at: a4, to: 'submitted' }],
    },
    {
      key: 'T5',
      at: a5,
      author: 'r3',
      category: '其他',
      status: 'rejected',
      events: [
        { action: 'submit', role: 'resident', at: a5, to: 'submitted' },
        { action: 'reject', role: 'moderator', at: plus(a5, 1), to: 'rejected' },
      ],
    },
    {
      key: 'T6',
      at: a6,
      author: 'r4',
      category: '环境卫生',
      status: 'merged',
      events: [
        { action: 'submit', role: 'resident', at: a6, to: 'submitted' },
        { action: 'merge', role: 'moderator', at: plus(a6, 2), to: 'merged' },
      ],
    },
    {
      key: 'T7',
      at: a7,
      author: 'r5',
      category: '文化体育',
      status: 'submitted',
      events: [
        { action: 'submit', role: 'resident', at: a7, to: 'submitted' },
        // The note a merge leaves on its target is no response to the target.
        { action: 'merge', role: 'moderator', at: plus(a7, 1), to: 'submitted', fromOther: true },
      ],
    },
    {
      key: 'T8',
      at: a8,
      author: 'r6',
      category: '文化体育',
      status: 'merged',
      events: [
        { action: 'submit', role: 'resident', at: a8, to: 'submitted' },
        { action: 'merge', role: 'moderator', at: plus(a8, 0, 1), to: 'merged' },
      ],
    },
    {
      key: 'T9',
      at: a9,
      author: 'r2',
      category: '环境卫生',
      status: 'accepted',
      events: [
        { action: 'submit', role: 'resident', at: a9, to: 'submitted' },
        { action: 'accept', role: 'moderator', at: plus(a9, 0, 10), to: 'accepted' },
      ],
    },
    {
      key: 'T10',
      at: t0('2023-12-31T15:30:00Z'),
      author: 'r11',
      category: '其他',
      status: 'accepted',
      events: [{ action: 'accept', role: 'moderator', at: t0('2024-01-02T00:00:00Z'), to: 'accepted' }],
    },
    {
      key: 'T11',
      at: t0('2024-06-30T16:01:00Z'),
      author: 'r11',
      category: '其他',
      status: 'submitted',
      events: [],
    },
  ];
}

const VERIFIED = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r11', 'r12'];

describe.each(eachDatabase)('statistics on %s', (_dialect, db) => {
  let server: TestServer;
  let C: number; // the seeded community, in the demo sub-district
  let O: number; // a community of another sub-district
  let subDistrictId: number;
  let otherSubDistrictId: number;
  let moderatorToken: string; // C's moderator
  const tokens: Record<string, string> = {};
  const users: Record<string, number> = {};
  const topicIds: Record<string, number> = {};
  const specs = topicSpecs();
  const ds = () => server.dataSource;
  const get = (token: string | undefined, url: string) => {
    const req = request(server.callback).get(url);
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  async function user(key: string): Promise<number> {
    const u = await ds()
      .getRepository(User)
      .save({ nickname: `居民${key}`, realName: `统计${key}`, status: 'active', tokenVersion: 0, largeText: false });
    users[key] = u.id;
    return u.id;
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    for (const p of ['moderator', 'subdistrict_admin', 'resident']) {
      tokens[p] = await personaToken(server, p);
      await request(server.callback)
        .post('/api/me/privacy')
        .set('Authorization', `Bearer ${tokens[p]}`)
        .send({ version: '1' });
    }
    const demo = await ds().getRepository(Community).findOneOrFail({ where: { name: '和平里社区' } });
    subDistrictId = demo.subDistrictId;
    const community = await ds()
      .getRepository(Community)
      .save({ subDistrictId, name: '统计测试社区', code: 'STATS-C' });
    C = community.id;
    const otherSd = await ds().getRepository(SubDistrict).save({ name: '别的街道', code: 'STATS-SD' });
    otherSubDistrictId = otherSd.id;
    O = (await ds().getRepository(Community).save({ subDistrictId: otherSd.id, name: '别的社区', code: 'STATS-O' })).id;
    const estate = await ds().getRepository(Estate).save({ communityId: C, name: '统计花园', kind: 'commercial' });
    const building = await ds().getRepository(Building).save({ estateId: estate.id, name: '1号楼' });

    // C's moderator signs in with WeChat and is granted the role.
    const login = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode('statsmoderator') });
    moderatorToken = login.body.token;
    await ds()
      .getRepository(RoleGrant)
      .insert({ userId: login.body.user.id, role: 'moderator', scopeType: 'community', scopeId: C });

    // Residents: r1–r7, r11, r12 verified; r8 suspended; r9 no membership; r10 claim pending.
    let n = 0;
    for (const key of ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10', 'r11', 'r12']) {
      const id = await user(key);
      const unit = await ds()
        .getRepository(Unit)
        .save({
          buildingId: building.id,
          estateId: estate.id,
          communityId: C,
          label: `${101 + n++}`,
          areaCentiM2: 9000,
          areaSource: 'registered',
          developerHeld: false,
        });
      const approved = key !== 'r10';
      await ds()
        .getRepository(UnitClaim)
        .insert({
          userId: id,
          unitId: unit.id,
          communityId: C,
          estateId: estate.id,
          relation: 'owner',
          status: approved ? 'approved' : 'pending',
          claimedName: `统计${key}`,
          rosterMatched: true,
          openKey: `${id}:${unit.id}`,
        });
      if (key !== 'r9') {
        await ds()
          .getRepository(Membership)
          .insert({ userId: id, communityId: C, status: key === 'r8' ? 'suspended' : 'active' });
      }
    }
    const party = await ds()
      .getRepository(Party)
      .save({ communityId: C, estateId: estate.id, kind: 'property_company', name: '统计物业' });

    for (const s of specs) {
      const topic = await ds()
        .getRepository(Topic)
        .save({
          communityId: C,
          estateId: s.estate ? estate.id : null,
          scope: s.estate ? 'estate' : 'community',
          title: `统计议题${s.key}`,
          description: '用于统计测试的议题',
          category: s.category,
          status: s.status,
          authorId: s.author ? users[s.author]! : null,
          onBehalfName: s.author ? null : '代录居民',
          level: s.routed ? 'estate' : null,
          responsiblePartyId: s.routed ? party.id : null,
          statusChangedAt: s.at,
          createdAt: s.at,
        });
      topicIds[s.key] = topic.id;
      for (const e of s.events) {
        await ds()
          .getRepository(TopicEvent)
          .insert({
            topicId: topic.id,
            action: e.action,
            fromStatus: null,
            toStatus: (e.to ?? null) as never,
            actorId: null,
            actorRole: e.role,
            dataJson: e.fromOther ? JSON.stringify({ fromTopicId: 1 }) : null,
            createdAt: e.at,
          });
      }
    }
    // A topic of the other community in the period: never counted for C nor the demo sub-district.
    await ds()
      .getRepository(Topic)
      .save({
        communityId: O,
        scope: 'community',
        title: '别的社区的议题',
        description: '不应计入',
        category: '其他',
        status: 'submitted',
        authorId: null,
        statusChangedAt: new Date('2024-03-01T00:00:00Z'),
        createdAt: new Date('2024-03-01T00:00:00Z'),
      });

    // Co-signs: r3 in the period; r12 after it; r9 (not verified) in it.
    for (const [key, topic, at] of [
      ['r3', 'T1', '2024-01-10T00:00:00Z'],
      ['r12', 'T3', '2024-08-01T00:00:00Z'],
      ['r9', 'T3', '2024-02-11T00:00:00Z'],
    ] as const) {
      await ds()
        .getRepository(Cosign)
        .insert({ topicId: topicIds[topic]!, userId: users[key]!, createdAt: new Date(at) });
    }

    // Meetings: M1 closed, M2 announced (held); M3 planned, M4 after the period (not counted).
    const council = await ds().getRepository(Council).save({ communityId: C, estateId: null, name: '统计议事会' });
    const meetingSpecs = [
      { key: 'M1', at: '2024-02-20T06:00:00Z', status: 'closed', council: 5, councilPresent: 3, guests: 1 },
      { key: 'M2', at: '2024-05-10T06:00:00Z', status: 'announced', council: 4, councilPresent: 2, guests: 0 },
      { key: 'M3', at: '2024-06-15T06:00:00Z', status: 'planned', council: 4, councilPresent: 0, guests: 0 },
      { key: 'M4', at: '2024-07-05T06:00:00Z', status: 'closed', council: 4, councilPresent: 4, guests: 0 },
    ] as const;
    const meetingIds: Record<string, number> = {};
    for (const m of meetingSpecs) {
      const meeting = await ds()
        .getRepository(Meeting)
        .save({
          communityId: C,
          councilId: council.id,
          title: `统计会议${m.key}`,
          startsAt: new Date(m.at),
          place: '社区会议室',
          mode: 'offline',
          status: m.status,
          noticeDays: 3,
          announcedAt: m.status === 'planned' ? null : new Date(new Date(m.at).getTime() - 5 * D),
          checkInCode: 'ABCDEF',
          createdBy: 1,
        });
      meetingIds[m.key] = meeting.id;
      const council_ = ['r1', 'r2', 'r3', 'r4', 'r5'].slice(0, m.council);
      for (const [i, key] of council_.entries()) {
        await ds().getRepository(MeetingInvitee).insert({ meetingId: meeting.id, userId: users[key]!, role: 'council' });
        if (i < m.councilPresent) {
          await ds()
            .getRepository(Attendance)
            .insert({ meetingId: meeting.id, userId: users[key]!, method: 'code', recordedBy: 1 });
        }
      }
      if (m.guests) {
        await ds().getRepository(MeetingInvitee).insert({ meetingId: meeting.id, userId: users.r11!, role: 'guest' });
        await ds()
          .getRepository(Attendance)
          .insert({ meetingId: meeting.id, userId: users.r11!, method: 'roll_call', recordedBy: 1 });
      }
      await ds()
        .getRepository(AgendaItem)
        .insert({ meetingId: meeting.id, topicId: topicIds.T3!, position: 1, minutes: 30 });
    }

    // Votes: V1 (in M1) passed, V2 owners failed, V3 open, V4 before the period (its late ballot still counts as participation).
    const voteSpecs = [
      {
        key: 'V1',
        at: '2024-02-20T06:30:00Z',
        electorate: 'residents',
        matter: null,
        status: 'closed',
        entitled: 9,
        meeting: 'M1',
        result: { yes: 4, no: 1, abstain: 0, invalid: 0, base: 5, quorumMet: true, passed: true },
        ballots: [
          ['r1', '2024-02-20T07:00:00Z'],
          ['r2', '2024-02-20T07:00:00Z'],
          ['r3', '2024-02-20T07:00:00Z'],
          ['r4', '2024-02-20T07:00:00Z'],
          ['r5', '2024-02-20T07:00:00Z'],
        ],
      },
      {
        key: 'V2',
        at: '2024-04-01T02:00:00Z',
        electorate: 'owners',
        matter: 'ordinary',
        status: 'closed',
        entitled: 10,
        meeting: null,
        result: {
          entitled: { owners: 10, area: '1000.00' },
          participating: { owners: 5, area: '400.00' },
          yes: { owners: 3, area: '300.00' },
          quorumMet: false,
          passed: false,
        },
        ballots: [['r6', '2024-04-02T02:00:00Z']],
      },
      {
        key: 'V3',
        at: '2024-06-01T02:00:00Z',
        electorate: 'households',
        matter: null,
        status: 'open',
        entitled: 6,
        meeting: null,
        result: null,
        ballots: [
          ['r7', '2024-06-02T02:00:00Z'],
          ['r8', '2024-06-02T03:00:00Z'],
        ],
      },
      {
        key: 'V4',
        at: '2023-12-01T02:00:00Z',
        electorate: 'residents',
        matter: null,
        status: 'open',
        entitled: 9,
        meeting: null,
        result: null,
        ballots: [['r1', '2024-01-05T02:00:00Z']],
      },
    ] as const;
    for (const v of voteSpecs) {
      const vote = await ds()
        .getRepository(Vote)
        .save({
          communityId: C,
          estateId: v.electorate === 'owners' ? estate.id : null,
          topicId: null,
          meetingId: v.meeting ? meetingIds[v.meeting]! : null,
          agendaItemId: null,
          title: `统计表决${v.key}`,
          description: '',
          electorate: v.electorate,
          matter: v.matter,
          majority: 'simple',
          base: 'YNA',
          quorumNum: null,
          quorumDen: null,
          secret: true,
          resultsLive: false,
          allowChange: false,
          status: v.status,
          closesAt: new Date(new Date(v.at).getTime() + 7 * D),
          closedAt: v.status === 'closed' ? new Date(new Date(v.at).getTime() + 7 * D) : null,
          createdBy: 1,
          entitledCount: v.entitled,
          ballotCount: v.status === 'closed' ? v.ballots.length : 0,
          resultJson: v.result ? JSON.stringify(v.result) : null,
          recordHead: v.status === 'closed' ? `${v.key.toLowerCase()}`.padEnd(64, 'a') : null,
          createdAt: new Date(v.at),
        });
      for (const [i, [key, at]] of v.ballots.entries()) {
        const ballot = await ds()
          .getRepository(Ballot)
          .save({
            voteId: vote.id,
            voterKey: `u:${users[key]}`,
            castByUserId: users[key]!,
            choice: i === 1 && v.key === 'V1' ? 'no' : 'yes',
            receiptHash: `${v.key}${i}`.padEnd(64, '0'),
            createdAt: new Date(at),
          });
        await ds()
          .getRepository(VoteParticipation)
          .insert({ voteId: vote.id, voterKey: `u:${users[key]}`, ballotId: ballot.id });
      }
    }
  });
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
    const participants = [...active].filter((k) => verified.has(k));
    expect(s.participation).toEqual({
      numerator: participants.length,
      denominator: verified.size,
      percent: pct(participants.length, verified.size),
    });
    expect(s.satisfaction).toBeNull();
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
    const haiping = (await ds().getRepository(Community).findOneOrFail({ where: { name: '和平里社区' } })).id;
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
      expect.objectContaining({ id: subDistrictId, communities: expect.arrayContaining([{ id: C, name: '统计测试社区' }]) }),
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
    for (const q of ['from=2024-07-01&to=2024-06-30', 'from=2024-02-30', 'to=yesterday', 'from=2020-01-01&to=2024-01-01']) {
      const res = await get(moderatorToken, `/api/communities/${C}/stats?${q}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details.fields[0].message).toMatch(/日期|期间/);
    }
    expect(await tableCounts(ds())).toEqual(before);
  });

  test('topics handled through the API today show up in today’s numbers', async () => {
    const today = shDay(new Date());
    const haiping = (await ds().getRepository(Community).findOneOrFail({ where: { name: '和平里社区' } })).id;
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
