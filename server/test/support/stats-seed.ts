/**
 * A community seeded for the statistics and ledger tests, with every case
 * the definitions care about (boundaries of Shanghai days, merges, returns,
 * suspended and unverified residents, planned and later meetings, open votes).
 * The tests compute what they expect from these specs with their own loops.
 */
import request from 'supertest';
import { User } from '../../src/auth/auth.entity';
import { Building, Community, Estate, SubDistrict, Unit } from '../../src/communities/communities.entity';
import { Council } from '../../src/councils/councils.entity';
import {
  AgendaDecision,
  AgendaItem,
  Attendance,
  Meeting,
  MeetingInvitee,
  MeetingMinutes,
} from '../../src/meetings/meetings.entity';
import { Membership, RoleGrant, UnitClaim } from '../../src/members/members.entity';
import { Evaluation } from '../../src/outcomes/outcomes.entity';
import {
  ProjectApplication,
  ProjectEvaluation,
  ProjectEvent,
  ServiceProject,
} from '../../src/projects/projects.entity';
import { Cosign, Party, Topic, TopicEvent } from '../../src/topics/topics.entity';
import { Ballot, Vote, VoteParticipation } from '../../src/votes/votes.entity';
import { devLoginCode } from '../../src/wechat/fake-wechat';
import { personaToken, type TestServer } from './test-db';

export const FROM = '2024-01-01';
export const TO = '2024-06-30';
export const H = 3_600_000;
export const D = 24 * H;

/** Shanghai calendar day of an instant, computed by hand (UTC+8, no DST). */
export function shDay(at: Date): string {
  return new Date(at.getTime() + 8 * H).toISOString().slice(0, 10);
}
export function dayDiff(a: Date, b: Date): number {
  return Math.round((Date.parse(`${shDay(b)}T00:00:00Z`) - Date.parse(`${shDay(a)}T00:00:00Z`)) / D);
}
export function inP(at: Date): boolean {
  const d = shDay(at);
  return d >= FROM && d <= TO;
}
export function med(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}
export function pct(n: number, d: number): number | null {
  return d === 0 ? null : Math.round((n / d) * 1000) / 10;
}

export interface EventSpec {
  action: string;
  role: string;
  at: Date;
  to?: string | null;
  fromOther?: boolean;
}
export interface TopicSpec {
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
export function topicSpecs(): TopicSpec[] {
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

export const VERIFIED = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r11', 'r12'];

export interface StatsSeed {
  /** The seeded community, in the demo sub-district. */
  C: number;
  /** A community of another sub-district. */
  O: number;
  subDistrictId: number;
  otherSubDistrictId: number;
  /** C's moderator. */
  moderatorToken: string;
  /** Demo personas (moderator of 和平里, the sub-district admin, a resident). */
  tokens: Record<string, string>;
  users: Record<string, number>;
  topicIds: Record<string, number>;
  meetingIds: Record<string, number>;
  voteIds: Record<string, number>;
  projectIds: Record<string, number>;
  specs: TopicSpec[];
}

/** Seeds the community on a server started with the demo seed. */
export async function seedStatsCommunity(server: TestServer): Promise<StatsSeed> {
  const tokens: Record<string, string> = {};
  const users: Record<string, number> = {};
  const topicIds: Record<string, number> = {};
  const voteIds: Record<string, number> = {};
  const specs = topicSpecs();
  const ds = () => server.dataSource;
  async function user(key: string): Promise<number> {
    const u = await ds()
      .getRepository(User)
      .save({ nickname: `居民${key}`, realName: `统计${key}`, status: 'active', tokenVersion: 0, largeText: false });
    users[key] = u.id;
    return u.id;
  }
  for (const p of ['moderator', 'subdistrict_admin', 'resident']) {
    tokens[p] = await personaToken(server, p);
    await request(server.callback)
      .post('/api/me/privacy')
      .set('Authorization', `Bearer ${tokens[p]}`)
      .send({ version: '1' });
  }
  const demo = await ds()
    .getRepository(Community)
    .findOneOrFail({ where: { name: '和平里社区' } });
  const subDistrictId = demo.subDistrictId;
  const community = await ds().getRepository(Community).save({ subDistrictId, name: '统计测试社区', code: 'STATS-C' });
  const C = community.id;
  const otherSd = await ds().getRepository(SubDistrict).save({ name: '别的街道', code: 'STATS-SD' });
  const otherSubDistrictId = otherSd.id;
  const O = (await ds().getRepository(Community).save({ subDistrictId: otherSd.id, name: '别的社区', code: 'STATS-O' }))
    .id;
  const estate = await ds().getRepository(Estate).save({ communityId: C, name: '统计花园', kind: 'commercial' });
  const building = await ds().getRepository(Building).save({ estateId: estate.id, name: '1号楼' });

  // C's moderator signs in with WeChat and is granted the role.
  const login = await request(server.callback)
    .post('/api/auth/wechat')
    .send({ code: devLoginCode('statsmoderator') });
  const moderatorToken = login.body.token as string;
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
      .save({ meetingId: meeting.id, topicId: topicIds.T3!, position: 1, minutes: 30 });
    if (m.key === 'M1') {
      // M1 concluded its item with a resolution and published its minutes.
      const item = await ds()
        .getRepository(AgendaItem)
        .findOneOrFail({ where: { meetingId: meeting.id } });
      await ds().getRepository(AgendaDecision).insert({
        meetingId: meeting.id,
        agendaItemId: item.id,
        outcome: 'decided',
        resolution: '同意更换车库照明',
        voteIds: '',
        decidedBy: 1,
      });
      await ds()
        .getRepository(MeetingMinutes)
        .insert({
          meetingId: meeting.id,
          text: '会议纪要正文：同意更换车库照明。',
          revision: 2,
          updatedBy: 1,
          publishedAt: new Date('2024-02-21T02:00:00Z'),
        });
    }
  }

  // Evaluations: T1 by r1 (5), r2 (4), r3 (2) and T2 by r12 (5) in the period; T2 by r11 (3) after it.
  for (const [topic, key, score, at] of [
    ['T1', 'r1', 5, '2024-02-01T02:00:00Z'],
    ['T1', 'r2', 4, '2024-02-02T02:00:00Z'],
    ['T1', 'r3', 2, '2024-02-03T02:00:00Z'],
    ['T2', 'r12', 5, '2024-03-10T02:00:00Z'],
    ['T2', 'r11', 3, '2024-08-01T02:00:00Z'],
  ] as const) {
    await ds()
      .getRepository(Evaluation)
      .insert({
        topicId: topicIds[topic]!,
        communityId: C,
        userId: users[key]!,
        score,
        comment: null,
        createdAt: new Date(at),
      });
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
    voteIds[v.key] = vote.id;
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
  // Projects: P1 under way (selected in the period), P2 completed and evaluated in it,
  // P3 completed before it, P4 raised after it; only P1 and P2 are in the ledger.
  const projectIds: Record<string, number> = {};
  const projectSpecs = [
    { key: 'P1', raised: '2024-01-10T02:00:00Z', status: 'in_progress', selected: '2024-02-01T02:00:00Z', done: null },
    {
      key: 'P2',
      raised: '2023-06-01T02:00:00Z',
      status: 'evaluated',
      selected: '2023-08-01T02:00:00Z',
      done: '2024-03-01T02:00:00Z',
    },
    {
      key: 'P3',
      raised: '2023-01-01T02:00:00Z',
      status: 'completed',
      selected: '2023-03-01T02:00:00Z',
      done: '2023-10-01T02:00:00Z',
    },
    { key: 'P4', raised: '2024-07-10T02:00:00Z', status: 'demand', selected: null, done: null },
  ] as const;
  for (const p of projectSpecs) {
    const project = await ds()
      .getRepository(ServiceProject)
      .save({
        communityId: C,
        topicId: null,
        title: `统计项目${p.key}`,
        demand: '用于统计测试的项目需求',
        status: p.status,
        budgetFen: 1_234_500,
        createdBy: users.r1!,
        statusChangedAt: new Date(p.done ?? p.raised),
        selectedAt: p.selected ? new Date(p.selected) : null,
        createdAt: new Date(p.raised),
      });
    projectIds[p.key] = project.id;
    if (p.selected) {
      const application = await ds()
        .getRepository(ProjectApplication)
        .save({
          projectId: project.id,
          applicantUserId: users.r2!,
          applicantKey: `org:${p.key}`,
          partyId: null,
          organisation: `阳光社工${p.key}`,
          proposal: '方案',
          team: '团队',
          budgetFen: 1_000_000,
          attachmentsJson: '[]',
          status: 'selected',
        });
      await ds().getRepository(ServiceProject).update({ id: project.id }, { selectedApplicationId: application.id });
    }
    if (p.done) {
      await ds()
        .getRepository(ProjectEvent)
        .insert({
          projectId: project.id,
          action: 'complete',
          fromStatus: 'in_progress',
          toStatus: 'completed',
          actorId: null,
          actorRole: 'moderator',
          createdAt: new Date(p.done),
        });
    }
    if (p.status === 'evaluated') {
      await ds().getRepository(ProjectEvaluation).insert({
        projectId: project.id,
        evaluator: '第三方评估中心',
        score: 88,
        summary: '良好',
        report: '报告',
        attachmentUploadId: null,
        recordedBy: users.r1!,
        recordedRole: 'moderator',
      });
    }
  }
  return {
    C,
    O,
    subDistrictId,
    otherSubDistrictId,
    moderatorToken,
    tokens,
    users,
    topicIds,
    meetingIds,
    voteIds,
    projectIds,
    specs,
  };
}
