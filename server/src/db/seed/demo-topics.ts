import type { EntityManager } from 'typeorm';
import type { TopicLevel, TopicScope, TopicStatus } from '../../../../shared/src/topics/topic-states';
import type { User } from '../../auth/auth.entity';
import type { Estate } from '../../communities/communities.entity';
import { Cosign, Party, PartyMember, Topic, TopicEvent, TopicFollow } from '../../topics/topics.entity';
import { indexTopicTokens } from '../../topics/topics.index';

const DAY = 86_400_000;

interface Step {
  action: string;
  to: TopicStatus | null;
  by: string;
  role: string;
  daysAgo: number;
  note?: string;
  party?: string;
  data?: Record<string, unknown>;
}

export interface DemoTopic {
  title: string;
  description: string;
  category: string;
  scope: TopicScope;
  estate?: string;
  author: string;
  hideAuthor?: boolean;
  place?: string;
  daysAgo: number;
  status: TopicStatus;
  level?: TopicLevel;
  party?: string;
  cosigners?: string[];
  cosignTarget?: number;
  cosignDeadlineInDays?: number;
  dueInDays?: number;
  returnQuestion?: string;
  rejectReason?: string;
  mergedInto?: number;
  steps: Step[];
}

/** The community's directory of parties, and who acts for each. */
export const DEMO_PARTIES: { key: string; kind: Party['kind']; name: string; estate?: string; members: string[] }[] = [
  {
    key: 'property',
    kind: 'property_company',
    name: '恒安物业服务有限公司（锦绣华庭）',
    estate: '锦绣华庭',
    members: ['property_manager'],
  },
  {
    key: 'owners',
    kind: 'owners_committee',
    name: '锦绣华庭业主委员会',
    estate: '锦绣华庭',
    members: ['owners_committee'],
  },
  { key: 'committee', kind: 'committee', name: '和平里社区居民委员会', members: ['moderator'] },
  { key: 'social', kind: 'social_org', name: '益邻社会工作服务中心', members: ['social_org'] },
  { key: 'subdistrict', kind: 'sub_district', name: '长青街道办事处', members: ['subdistrict_admin'] },
  { key: 'housing', kind: 'department', name: '区住房和城乡建设局', members: [] },
];

const TOPICS: DemoTopic[] = [
  {
    title: '锦绣华庭3号楼电梯经常停运',
    description:
      '3号楼两部电梯这个月已经停了四次，最长一次停了两天。楼里有好几位八十多岁的老人，上下楼非常困难，希望物业尽快检修并公布维保记录。',
    category: '安全隐患',
    scope: 'estate',
    estate: '锦绣华庭',
    author: 'owner',
    place: '锦绣华庭3号楼',
    daysAgo: 4,
    status: 'submitted',
    cosigners: ['owners_committee', 'representative'],
    steps: [{ action: 'submit', to: 'submitted', by: 'owner', role: 'resident', daysAgo: 4 }],
  },
  {
    title: '小区南门早晚占道经营',
    description: '南门外每天早上六点到八点、晚上五点到七点有流动摊贩占道，电动车和行人挤在一起，孩子上学很危险。',
    category: '环境卫生',
    scope: 'estate',
    estate: '槐荫里',
    author: 'resident',
    daysAgo: 6,
    status: 'returned',
    returnQuestion: '请补充摊贩的大致数量和具体位置（南门东侧还是西侧），方便我们联系城管协调。',
    steps: [
      { action: 'submit', to: 'submitted', by: 'resident', role: 'resident', daysAgo: 6 },
      {
        action: 'return',
        to: 'returned',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 5,
        note: '请补充摊贩的大致数量和具体位置（南门东侧还是西侧），方便我们联系城管协调。',
      },
    ],
  },
  {
    title: '要求物业退还今年全部物业费',
    description: '物业服务不到位，要求退还我家今年的全部物业费。',
    category: '物业管理',
    scope: 'estate',
    estate: '锦绣华庭',
    author: 'representative',
    daysAgo: 20,
    status: 'rejected',
    rejectReason: '属于业主与物业之间的个人合同纠纷，不宜作为公共议题，请通过物业服务投诉或法律途径解决。',
    steps: [
      { action: 'submit', to: 'submitted', by: 'representative', role: 'resident', daysAgo: 20 },
      {
        action: 'reject',
        to: 'rejected',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 19,
        note: '属于业主与物业之间的个人合同纠纷，不宜作为公共议题，请通过物业服务投诉或法律途径解决。',
      },
    ],
  },
  {
    title: '槐荫里老楼加装电梯',
    description:
      '槐荫里都是六层老楼，住户中六十岁以上的占一半。建议社区牵头征求意见，按政策申请加装电梯补贴，一个单元一个单元推进。',
    category: '便民利民服务',
    scope: 'estate',
    estate: '槐荫里',
    author: 'resident',
    daysAgo: 9,
    status: 'cosigning',
    cosignTarget: 15,
    cosignDeadlineInDays: 5,
    cosigners: ['owner', 'representative', 'owners_committee'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'resident', role: 'resident', daysAgo: 9 },
      {
        action: 'accept',
        to: 'cosigning',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 8,
        data: { cosignTarget: 15, cosignDays: 14 },
      },
    ],
  },
  {
    title: '小区增设智能快递柜',
    description: '快递都堆在门卫室，经常拿错。建议在东门增设一组智能快递柜。',
    category: '便民利民服务',
    scope: 'estate',
    estate: '安居苑',
    author: 'representative',
    daysAgo: 40,
    status: 'lapsed',
    cosignTarget: 15,
    cosigners: ['resident', 'owner'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'representative', role: 'resident', daysAgo: 40 },
      {
        action: 'accept',
        to: 'cosigning',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 39,
        data: { cosignTarget: 15, cosignDays: 14 },
      },
      {
        action: 'lapse',
        to: 'lapsed',
        by: 'system',
        role: 'system',
        daysAgo: 25,
        note: '附议期满，2 人附议，未达到 15 人',
      },
    ],
  },
  {
    title: '安居苑垃圾分类点异味严重',
    description: '2号楼北侧的垃圾分类点夏天异味很大，清运不及时，蚊蝇多。希望增加清运频次并定期冲洗。',
    category: '环境卫生',
    scope: 'estate',
    estate: '安居苑',
    author: 'representative',
    daysAgo: 3,
    status: 'accepted',
    cosigners: ['resident'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'representative', role: 'resident', daysAgo: 3 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 2 },
    ],
  },
  {
    title: '锦绣华庭地下车库照明不足',
    description: '地下车库B区有十几盏灯坏了，晚上很暗，已经有人剐蹭。请物业尽快更换并增加照明。',
    category: '物业管理',
    scope: 'estate',
    estate: '锦绣华庭',
    author: 'owners_committee',
    daysAgo: 7,
    status: 'routed',
    level: 'estate',
    party: 'property',
    cosigners: ['owner'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'owners_committee', role: 'resident', daysAgo: 7 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 6 },
      {
        action: 'route',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 6,
        data: { level: 'estate', partyName: '恒安物业服务有限公司（锦绣华庭）', category: '物业管理' },
      },
    ],
  },
  {
    title: '锦绣华庭2号楼外墙渗水',
    description: '2号楼东侧外墙雨后渗水，好几户卧室墙面发霉。需要查明原因并使用维修资金维修。',
    category: '物业管理',
    scope: 'building',
    estate: '锦绣华庭',
    author: 'owner',
    daysAgo: 15,
    status: 'handling',
    level: 'estate',
    party: 'property',
    dueInDays: 14,
    cosigners: ['owners_committee', 'representative'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'owner', role: 'resident', daysAgo: 15 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 14 },
      {
        action: 'route',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 14,
        data: { level: 'estate', partyName: '恒安物业服务有限公司（锦绣华庭）', category: '物业管理' },
      },
      {
        action: 'answer',
        to: 'routed',
        by: 'property_manager',
        role: 'property_manager',
        daysAgo: 12,
        party: 'property',
        note: '已安排工程部上门查看，初步判断是外墙防水层老化。',
      },
      {
        action: 'takeOn',
        to: 'handling',
        by: 'property_manager',
        role: 'property_manager',
        daysAgo: 11,
        party: 'property',
        note: '联系施工单位出具维修方案，预计两周内完成。',
      },
    ],
  },
  {
    title: '槐荫里雨污管网改造',
    description: '槐荫里雨污合流，一下大雨就返水，地面积水能到膝盖。小区内改造超出社区能力，需要街道和区里统筹。',
    category: '安全隐患',
    scope: 'estate',
    estate: '槐荫里',
    author: 'resident',
    daysAgo: 30,
    status: 'routed',
    level: 'sub_district',
    party: 'subdistrict',
    cosigners: ['representative', 'owner'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'resident', role: 'resident', daysAgo: 30 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 29 },
      {
        action: 'route',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 29,
        data: { level: 'community', partyName: '和平里社区居民委员会', category: '安全隐患' },
      },
      {
        action: 'escalate',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 20,
        note: '涉及市政管网，社区无法单独解决，上报街道统筹。',
        data: { level: 'sub_district', partyName: '长青街道办事处' },
      },
    ],
  },
  {
    title: '3号楼电梯又坏了',
    description: '锦绣华庭3号楼电梯今天又停了，老人被困在家里。',
    category: '安全隐患',
    scope: 'estate',
    estate: '锦绣华庭',
    author: 'owners_committee',
    daysAgo: 2,
    status: 'merged',
    mergedInto: 0,
    steps: [
      { action: 'submit', to: 'submitted', by: 'owners_committee', role: 'resident', daysAgo: 2 },
      {
        action: 'merge',
        to: 'merged',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 1,
        note: '与“锦绣华庭3号楼电梯经常停运”是同一问题，合并处理。',
      },
    ],
  },
  {
    title: '社区老年食堂增加送餐服务',
    description: '行动不便的独居老人去不了食堂，建议社会组织招募志愿者，开展送餐上门服务。',
    category: '公益服务',
    scope: 'community',
    author: 'representative',
    hideAuthor: true,
    daysAgo: 10,
    status: 'handling',
    level: 'community',
    party: 'social',
    dueInDays: 20,
    cosigners: ['resident', 'owner', 'owners_committee'],
    steps: [
      { action: 'submit', to: 'submitted', by: 'representative', role: 'resident', daysAgo: 10 },
      { action: 'accept', to: 'accepted', by: 'moderator', role: 'moderator', daysAgo: 9 },
      {
        action: 'route',
        to: 'routed',
        by: 'moderator',
        role: 'moderator',
        daysAgo: 9,
        data: { level: 'community', partyName: '益邻社会工作服务中心', category: '公益服务' },
      },
      {
        action: 'takeOn',
        to: 'handling',
        by: 'social_org',
        role: 'social_org',
        daysAgo: 8,
        party: 'social',
        note: '已招募12名志愿者，下周起试运行。',
      },
    ],
  },
];

/**
 * Seeds the parties of 和平里社区 and topics in every state of their
 * lifecycle, each with its timeline, co-signers and followers.
 */
export async function insertDemoTopics(
  em: EntityManager,
  communityId: number,
  estates: Map<string, Estate>,
  users: Map<string, User>,
): Promise<void> {
  const parties = new Map<string, Party>();
  for (const p of DEMO_PARTIES) {
    const party = await em.save(
      em.create(Party, {
        communityId,
        kind: p.kind,
        name: p.name,
        estateId: p.estate ? estates.get(p.estate)!.id : null,
      }),
    );
    parties.set(p.key, party);
    for (const member of p.members) await em.insert(PartyMember, { partyId: party.id, userId: users.get(member)!.id });
  }
  await insertTopicSpecs(em, { communityId, estates, users, parties }, TOPICS);
}

/** What topic specs refer to by name: estates, personas and parties of the demo community. */
export interface DemoTopicContext {
  communityId: number;
  estates: Map<string, Estate>;
  users: Map<string, User>;
  parties: Map<string, Party>;
}

/** Inserts topics as they would stand after their steps: rows, timeline, co-signs, followers, search tokens. */
export async function insertTopicSpecs(
  em: EntityManager,
  context: DemoTopicContext,
  specs: DemoTopic[],
): Promise<number[]> {
  const { communityId, estates, users, parties } = context;
  const now = Date.now();
  const ids: number[] = [];
  for (const t of specs) {
    const author = users.get(t.author)!;
    const lastStep = t.steps[t.steps.length - 1]!;
    const topic = await em.save(
      em.create(Topic, {
        communityId,
        estateId: t.estate ? estates.get(t.estate)!.id : null,
        buildingId: null,
        scope: t.scope === 'building' ? 'estate' : t.scope,
        title: t.title,
        description: t.description,
        category: t.category,
        place: t.place ?? null,
        status: t.status,
        authorId: author.id,
        hideAuthor: t.hideAuthor ?? false,
        level: t.level ?? null,
        responsiblePartyId: t.party ? parties.get(t.party)!.id : null,
        dueDate: t.dueInDays ? new Date(now + t.dueInDays * DAY).toISOString().slice(0, 10) : null,
        mergedIntoId: t.mergedInto !== undefined ? ids[t.mergedInto]! : null,
        cosignCount: t.cosigners?.length ?? 0,
        cosignTarget: t.cosignTarget ?? 0,
        cosignDeadline: t.cosignDeadlineInDays ? new Date(now + t.cosignDeadlineInDays * DAY) : null,
        followerCount: 1 + (t.cosigners?.length ?? 0),
        returnQuestion: t.returnQuestion ?? null,
        rejectReason: t.rejectReason ?? null,
        statusChangedAt: new Date(now - lastStep.daysAgo * DAY),
        createdAt: new Date(now - t.daysAgo * DAY),
      }),
    );
    ids.push(topic.id);
    await indexTopicTokens(em, topic);
    let from: TopicStatus | null = null;
    for (const step of t.steps) {
      await em.insert(TopicEvent, {
        topicId: topic.id,
        action: step.action,
        fromStatus: from,
        toStatus: step.to,
        actorId: step.by === 'system' ? null : users.get(step.by)!.id,
        actorRole: step.role,
        partyId: step.party ? parties.get(step.party)!.id : null,
        note: step.note ?? null,
        dataJson: step.data ? JSON.stringify(step.data) : null,
        createdAt: new Date(now - step.daysAgo * DAY),
      });
      from = step.to;
    }
    await em.insert(TopicFollow, { topicId: topic.id, userId: author.id });
    for (const c of t.cosigners ?? []) {
      await em.insert(Cosign, { topicId: topic.id, userId: users.get(c)!.id });
      await em.insert(TopicFollow, { topicId: topic.id, userId: users.get(c)!.id });
    }
  }
  return ids;
}
