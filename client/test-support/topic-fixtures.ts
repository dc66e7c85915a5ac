import type { TopicDetail, TopicSummary } from '@/services/topics';

/** Topics for page tests, shaped like the server's answers (topicSummarySchema, topicDetailSchema). */

export function aTopicSummary(overrides: Partial<TopicSummary> = {}): TopicSummary {
  const id = overrides.id ?? 1;
  return {
    id,
    communityId: 1,
    title: `议题${id}`,
    category: '物业管理',
    scope: 'estate',
    estateName: '锦绣华庭',
    status: 'submitted',
    statusLabel: '待受理',
    authorName: '李**',
    cosignCount: 0,
    cosignTarget: 0,
    level: null,
    partyName: null,
    dueDate: null,
    held: false,
    stale: false,
    createdAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    statusChangedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
    ...overrides,
  };
}

export function aTopicDetail(overrides: Partial<TopicDetail> = {}): TopicDetail {
  const summary = aTopicSummary(overrides);
  return {
    ...summary,
    description: '3号楼两部电梯这个月已经停了四次，最长一次停了两天。',
    place: '锦绣华庭3号楼',
    buildingName: null,
    enteredBy: null,
    photos: [],
    dueDate: null,
    cosignDeadline: null,
    mergedIntoId: null,
    returnQuestion: null,
    rejectReason: null,
    followerCount: 1,
    timeline: [
      {
        id: 1,
        action: 'submit',
        label: '提交议题',
        fromStatus: null,
        toStatus: 'submitted',
        actor: { name: '李**', role: 'resident', roleLabel: '居民', partyName: null },
        note: null,
        data: null,
        createdAt: summary.createdAt,
      },
    ],
    me: { isAuthor: false, cosigned: false, following: false, canCosign: false, actions: [] },
    author: null,
    ...overrides,
  };
}

export const aPage = (items: TopicSummary[], nextCursor: string | null = null) => ({ items, nextCursor });

export const SETTINGS = {
  categories: ['物业管理', '环境卫生', '安全隐患', '其他'],
  cosignThreshold: 0,
  cosignDays: 7,
  publicityDays: 5,
};

export const PARTIES = [
  { id: 1, kind: 'property_company', kindLabel: '物业公司', name: '恒安物业服务有限公司（锦绣华庭）', estateId: 2 },
  { id: 3, kind: 'committee', kindLabel: '社区居委会', name: '和平里社区居民委员会', estateId: null },
  { id: 5, kind: 'sub_district', kindLabel: '街道办事处', name: '长青街道办事处', estateId: null },
];

export const COMMUNITIES = [
  {
    id: 1,
    name: '和平里社区',
    subDistrictName: '长青街道',
    estates: [
      { id: 1, name: '槐荫里', kind: 'old_compound' },
      { id: 2, name: '锦绣华庭', kind: 'commercial' },
      { id: 3, name: '安居苑', kind: 'resettlement' },
    ],
  },
];
