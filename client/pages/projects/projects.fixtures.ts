import type { ProjectView } from '@/services/projects';

/** A project as the API answers it, for page tests: an open call seen by a social organisation. */
export function aProject(overrides: Partial<ProjectView> = {}): ProjectView {
  return {
    id: 5,
    communityId: 1,
    communityName: '和平里社区',
    topic: null,
    title: '槐荫里长者助餐服务',
    demand: '为 80 岁以上老人送餐上门',
    status: 'open_call',
    statusLabel: '公开征集中',
    design: {
      goals: '解决高龄老人吃饭难',
      serviceContent: '每周五天中午送餐上门',
      beneficiaries: '槐荫里 80 岁以上老人',
      budgetFen: 8_600_000,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
    },
    filing: { submittedAt: null, decidedAt: null, note: null, returnReason: null },
    call: { deadline: '2027-03-31', requirements: '须有助老服务经验', accepting: true },
    selection: null,
    completionSummary: null,
    cancelReason: null,
    supervisors: [],
    applications: [],
    applicationCount: 0,
    timeline: [],
    evaluation: null,
    me: { roles: ['social_org'], actions: ['apply'], applied: false },
    ...overrides,
  };
}
