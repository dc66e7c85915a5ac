import { In } from 'typeorm';
import { decideItemBodySchema } from '../../../../shared/src/meetings/live.schema';
import { scheduleMeetingBodySchema } from '../../../../shared/src/meetings/meetings.schema';
import { castBallotBodySchema, createVoteBodySchema } from '../../../../shared/src/votes/votes.schema';
import { type Actor, loadActor } from '../../auth/actor';
import { User } from '../../auth/auth.entity';
import { Community, Estate } from '../../communities/communities.entity';
import { Council } from '../../councils/councils.entity';
import type { AppServices } from '../../http/context';
import { AgendaItem, Meeting } from '../../meetings/meetings.entity';
import { publishMinutes } from '../../meetings/meetings.minutes';
import { announceMeeting, rollCall, scheduleMeeting } from '../../meetings/meetings.service';
import {
  closeMeeting,
  decideAgendaItem,
  endSpeech,
  grantFloor,
  openAgendaItem,
  requestFloor,
  startMeeting,
} from '../../meetings/meetings.session';
import { publishResolution } from '../../outcomes/outcomes.service';
import { Party } from '../../topics/topics.entity';
import { castBallot, closeVote, createVote } from '../../votes/votes.service';
import { AppMeta } from '../app-meta.entity';
import { runInTransaction } from '../transaction';
import { DEMO_COMMUNITY } from './demo-data';
import { DEMO_SEED_KEY } from './demo-seed';
import { DEMO_PARTIES, type DemoTopic, insertTopicSpecs } from './demo-topics';

export const DEMO_HISTORY_KEY = 'demo_history_version';
export const DEMO_HISTORY_VERSION = '1';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Topics the history's meetings take up: routed to the council by the committee. */
const HISTORY_TOPICS: DemoTopic[] = [
  {
    title: '槐荫里增设电动自行车集中充电棚',
    description:
      '槐荫里没有集中充电的地方，不少居民把电动车推进楼道、从窗户拉线充电，存在很大的火灾隐患。建议在小区西侧空地建一处带刷卡计费和烟感报警的充电棚，并禁止楼道充电。',
    category: '安全隐患',
    scope: 'estate',
    estate: '槐荫里',
    author: 'resident',
    place: '槐荫里西侧空地',
    daysAgo: 21,
    status: 'routed',
    level: 'community',
    party: 'committee',
    cosigners: ['representative', 'owner'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'resident', role: 'resident', daysAgo: 21 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 20 },
      {
        action: 'route',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 19,
        note: '涉及用地、施工和费用分担，提交社区协商议事会协商。',
        data: { level: 'community', partyName: '和平里社区居民委员会', category: '安全隐患' },
      },
    ],
  },
  {
    title: '社区老年食堂延长午餐供应时间',
    description:
      '老年食堂午餐11:00开始、12:00就收了，不少老人做完康复理疗赶过来已经没有饭了。希望延长到12:30，并增加几样软烂、少盐的菜。',
    category: '为老服务',
    scope: 'community',
    author: 'representative',
    daysAgo: 16,
    status: 'routed',
    level: 'community',
    party: 'social',
    cosigners: ['resident'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'representative', role: 'resident', daysAgo: 16 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 15 },
      {
        action: 'route',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 15,
        data: { level: 'community', partyName: '益邻社会工作服务中心', category: '为老服务' },
      },
    ],
  },
  {
    title: '安居苑楼道堆物清理与消防通道整治',
    description:
      '安居苑几栋楼的楼道里堆着旧家具、纸箱，消防通道也常被私家车占用。建议由居委会牵头、楼长配合，定一个集中清理的日子，并划线、立牌，长期保持通道畅通。',
    category: '环境卫生',
    scope: 'estate',
    estate: '安居苑',
    author: 'representative',
    daysAgo: 8,
    status: 'routed',
    level: 'community',
    party: 'committee',
    cosigners: ['resident', 'grid_worker'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'representative', role: 'resident', daysAgo: 8 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 7 },
      {
        action: 'route',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 7,
        data: { level: 'community', partyName: '和平里社区居民委员会', category: '环境卫生' },
      },
    ],
  },
];

/**
 * The demo community's deliberation so far, written through the same
 * services the API uses (so every row, timeline entry, audit entry, vote
 * record and minute is what the app itself would have written): a council
 * meeting held today — roll call, a speaker, a named council vote, two
 * conclusions, published minutes, one resolution on the public board — an
 * upcoming meeting with its notice out, and an open owners' decision in
 * 锦绣华庭 with one ballot in (the demo owner can still cast theirs).
 * Once per database (its own marker, set before the first step); nothing
 * when the demo is not there.
 */
export async function seedDemoHistory(services: AppServices): Promise<boolean> {
  const ds = services.dataSource;
  const meta = ds.getRepository(AppMeta);
  if (!(await meta.exists({ where: { key: DEMO_SEED_KEY } }))) return false;
  if (await meta.exists({ where: { key: DEMO_HISTORY_KEY } })) return false;
  // Marked before it starts: the steps below are transactions of their own, and history that stopped half
  // way is left as it is rather than written a second time.
  await meta.insert({ key: DEMO_HISTORY_KEY, value: 'started' });
  const community = await ds.getRepository(Community).findOneOrFail({ where: { name: DEMO_COMMUNITY.name } });
  const council = await ds.getRepository(Council).findOneOrFail({ where: { communityId: community.id } });
  const estates = new Map(
    (await ds.getRepository(Estate).find({ where: { communityId: community.id } })).map((e) => [e.name, e]),
  );
  const personaUsers = await ds.getRepository(User).find({
    where: {
      personaKey: In([
        'moderator',
        'resident',
        'owner',
        'representative',
        'owners_committee',
        'property_manager',
        'social_org',
        'grid_worker',
      ]),
    },
  });
  const users = new Map(personaUsers.map((u) => [u.personaKey!, u]));
  const partyRows = await ds.getRepository(Party).find({ where: { communityId: community.id } });
  const parties = new Map(
    DEMO_PARTIES.flatMap((p) => {
      const row = partyRows.find((r) => r.name === p.name);
      return row ? [[p.key, row] as const] : [];
    }),
  );
  const [charging, canteen, corridors] = (await runInTransaction(ds, (em) =>
    insertTopicSpecs(em, { communityId: community.id, estates, users, parties }, HISTORY_TOPICS),
  )) as [number, number, number];

  const actors = new Map<string, Actor>();
  for (const [key, user] of users) {
    const actor = await loadActor(ds, user.id);
    if (actor) actors.set(key, actor);
  }
  const as = (key: string) => actors.get(key)!;
  const moderator = as('moderator');
  const council_members = ['representative', 'resident', 'owners_committee', 'property_manager', 'social_org'];

  // 1. A council meeting held today on the charging shelter and the canteen.
  const held = await scheduleMeeting(
    ds,
    moderator,
    scheduleMeetingBodySchema.parse({
      title: '和平里社区协商议事会11月例会',
      councilId: council.id,
      startsAt: new Date(Date.now() + HOUR).toISOString(),
      place: '和平里社区党群服务中心二楼会议室',
      mode: 'hybrid',
      noticeDays: 0,
      agenda: [
        { topicId: charging, minutes: 40 },
        { topicId: canteen, minutes: 20 },
      ],
    }),
  );
  await announceMeeting(services, moderator, held.id);
  for (const key of council_members) await rollCall(services, moderator, held.id, as(key).userId);
  await startMeeting(services, moderator, held.id);
  // It is on record as held when it started (an hour was only needed to schedule and start it).
  const started = await ds.getRepository(Meeting).findOneByOrFail({ id: held.id });
  await ds.getRepository(Meeting).update({ id: held.id }, { startsAt: started.startedAt ?? started.startsAt });
  const items = await ds.getRepository(AgendaItem).find({ where: { meetingId: held.id }, order: { position: 'ASC' } });

  await openAgendaItem(services, moderator, held.id, items[0]!.id);
  const speaker = await requestFloor(services, as('resident'), held.id);
  await grantFloor(services, moderator, held.id, speaker, 180);
  await endSpeech(services, as('resident'), held.id, speaker);
  const shelterVote = await createVote(
    ds,
    moderator,
    createVoteBodySchema.parse({
      communityId: community.id,
      topicId: charging,
      title: '是否同意在槐荫里西侧空地建设电动自行车集中充电棚',
      description: '费用由街道微实事项目资金承担，充电按度计费；建成后楼道内禁止停放和充电。',
      electorate: 'council',
      meetingId: held.id,
      agendaItemId: items[0]!.id,
      secret: false,
      resultsLive: true,
      closesAt: new Date(Date.now() + HOUR).toISOString(),
    }),
  );
  const answers: [string, 'yes' | 'no' | 'abstain'][] = [
    ['representative', 'yes'],
    ['resident', 'yes'],
    ['owners_committee', 'yes'],
    ['property_manager', 'abstain'],
    ['social_org', 'yes'],
  ];
  for (const [key, choice] of answers) {
    await castBallot(ds, as(key), shelterVote.id, castBallotBodySchema.parse({ choice }));
  }
  await closeVote(ds, services.storage, moderator, shelterVote.id);
  await decideAgendaItem(
    services,
    moderator,
    held.id,
    items[0]!.id,
    decideItemBodySchema.parse({
      outcome: 'decided',
      resolution:
        '同意在槐荫里西侧空地建设电动自行车集中充电棚（约40个充电位，带刷卡计费和烟感报警），由社区居委会牵头申报街道微实事项目，物业配合施工；建成后楼道内禁止停放和充电。',
    }),
  );

  await openAgendaItem(services, moderator, held.id, items[1]!.id);
  await decideAgendaItem(
    services,
    moderator,
    held.id,
    items[1]!.id,
    decideItemBodySchema.parse({
      outcome: 'decided',
      resolution:
        '自下月起老年食堂午餐供应延长至12:30，每天增加两样软烂少盐的菜品，由益邻社工中心试行一个月后回访评估。',
    }),
  );
  await closeMeeting(services, moderator, held.id);
  await publishMinutes(services, moderator, held.id);
  await publishResolution(services, moderator, charging);

  // 2. The next meeting, notice out: corridors and fire lanes.
  const next = new Date(Date.now() + 6 * DAY);
  await announceMeeting(
    services,
    moderator,
    (
      await scheduleMeeting(
        ds,
        moderator,
        scheduleMeetingBodySchema.parse({
          title: '和平里社区协商议事会12月例会',
          councilId: council.id,
          // 19:00 Beijing time, six days from now.
          startsAt: new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate(), 11)).toISOString(),
          place: '和平里社区党群服务中心二楼会议室',
          mode: 'offline',
          noticeDays: 3,
          agenda: [{ topicId: corridors, minutes: 30 }],
        }),
      )
    ).id,
  );

  // 3. An owners' decision running for two weeks in 锦绣华庭.
  const renewal = await createVote(
    ds,
    moderator,
    createVoteBodySchema.parse({
      communityId: community.id,
      estateId: estates.get('锦绣华庭')!.id,
      title: '锦绣华庭续聘恒安物业服务有限公司（2027—2029年）',
      description:
        '物业服务合同将于2026年12月31日到期。业主委员会经公开征求意见，提议按现行收费标准续聘三年，合同草案已在各楼栋公告栏公示。',
      electorate: 'owners',
      matter: 'ordinary',
      resultsLive: true,
      closesAt: new Date(Date.now() + 14 * DAY).toISOString(),
    }),
  );
  await castBallot(ds, as('owners_committee'), renewal.id, castBallotBodySchema.parse({ choice: 'yes' }));

  await meta.update({ key: DEMO_HISTORY_KEY }, { value: DEMO_HISTORY_VERSION });
  return true;
}
