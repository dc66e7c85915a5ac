/**
 * The topic lifecycle (DESIGN.md §3.1) as a table: which action moves a topic
 * from which states to which state, and who may take it. The server refuses
 * anything not in the table with a sentence naming the state; the client uses
 * the same table to show only the actions that make sense.
 */
export const TOPIC_STATUSES = [
  'submitted',
  'returned',
  'rejected',
  'merged',
  'cosigning',
  'lapsed',
  'accepted',
  'routed',
  'handling',
  'scheduled',
  'deliberated',
  'decided',
  'publicity',
  'implementation',
  'completed',
  'closed',
] as const;
export type TopicStatus = (typeof TOPIC_STATUSES)[number];

export const TOPIC_STATUS_LABELS: Record<TopicStatus, string> = {
  submitted: '待受理',
  returned: '待补充',
  rejected: '不予受理',
  merged: '已合并',
  cosigning: '附议中',
  lapsed: '附议未达标',
  accepted: '待分派',
  routed: '已分派',
  handling: '办理中',
  scheduled: '待协商',
  deliberated: '已协商',
  decided: '已决议',
  publicity: '公示中',
  implementation: '落实中',
  completed: '已办结',
  closed: '已关闭',
};

/** Statuses in which a topic still invites co-signs and is shown as "open". */
export const OPEN_STATUSES: readonly TopicStatus[] = [
  'submitted',
  'cosigning',
  'accepted',
  'routed',
  'handling',
  'scheduled',
];

/** Statuses in which a topic is no longer worked on. */
export const FINAL_STATUSES: readonly TopicStatus[] = ['rejected', 'merged', 'lapsed', 'completed', 'closed'];

/** Who takes an action: the topic's author, the community's moderator, a member of the responsible party, or the system (timers). */
export type TopicActor = 'author' | 'moderator' | 'party' | 'system';

export const TOPIC_ACTIONS = [
  'resubmit',
  'return',
  'reject',
  'merge',
  'accept',
  'reachCosignTarget',
  'lapse',
  'route',
  'sendBack',
  'takeOn',
  'escalate',
  'answer',
] as const;
export type TopicAction = (typeof TOPIC_ACTIONS)[number];

export interface TopicTransition {
  from: readonly TopicStatus[];
  /** `same` keeps the status (a timeline entry only). */
  to: TopicStatus | 'same';
  by: readonly TopicActor[];
  /** Shown on the timeline. */
  label: string;
}

export const TOPIC_TRANSITIONS: Record<TopicAction, TopicTransition> = {
  resubmit: { from: ['returned'], to: 'submitted', by: ['author'], label: '补充后重新提交' },
  return: { from: ['submitted'], to: 'returned', by: ['moderator'], label: '退回补充信息' },
  reject: { from: ['submitted'], to: 'rejected', by: ['moderator'], label: '不予受理' },
  merge: { from: ['submitted', 'cosigning', 'accepted'], to: 'merged', by: ['moderator'], label: '合并到其他议题' },
  /** With a co-sign threshold the topic goes to `cosigning`; without, straight to `accepted` (see acceptTarget). */
  accept: { from: ['submitted'], to: 'accepted', by: ['moderator'], label: '受理' },
  reachCosignTarget: { from: ['cosigning'], to: 'accepted', by: ['system'], label: '附议人数达标' },
  lapse: { from: ['cosigning'], to: 'lapsed', by: ['system'], label: '附议期满未达标' },
  route: { from: ['accepted'], to: 'routed', by: ['moderator'], label: '分类分派' },
  sendBack: { from: ['routed'], to: 'accepted', by: ['party'], label: '退回重新分派' },
  takeOn: { from: ['routed'], to: 'handling', by: ['party'], label: '直接办理' },
  escalate: { from: ['routed', 'handling'], to: 'routed', by: ['moderator', 'party'], label: '上报上级' },
  answer: { from: ['routed', 'handling'], to: 'same', by: ['party', 'moderator'], label: '答复' },
};

/** Where `accept` leads: co-signing first when the community asks for co-signers. */
export function acceptTarget(cosignThreshold: number): TopicStatus {
  return cosignThreshold > 0 ? 'cosigning' : 'accepted';
}

export type TransitionCheck = { ok: true; to: TopicStatus } | { ok: false; reason: string };

/** Whether `actor` may take `action` on a topic in `status`, and the status it leads to. */
export function checkTransition(
  action: TopicAction,
  status: TopicStatus,
  actor: TopicActor,
  options: { cosignThreshold?: number } = {},
): TransitionCheck {
  const t = TOPIC_TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { ok: false, reason: `议题当前为“${TOPIC_STATUS_LABELS[status]}”，不能${t.label}` };
  }
  if (!t.by.includes(actor)) {
    return { ok: false, reason: `您不能对这个议题进行“${t.label}”` };
  }
  if (action === 'accept') return { ok: true, to: acceptTarget(options.cosignThreshold ?? 0) };
  return { ok: true, to: t.to === 'same' ? status : t.to };
}

/** The actions an actor can take on a topic now (for showing buttons). */
export function availableActions(status: TopicStatus, actors: readonly TopicActor[]): TopicAction[] {
  return TOPIC_ACTIONS.filter((a) => {
    const t = TOPIC_TRANSITIONS[a];
    return t.from.includes(status) && t.by.some((b) => actors.includes(b));
  });
}

export const TOPIC_LEVELS = ['estate', 'community', 'sub_district', 'department'] as const;
export type TopicLevel = (typeof TOPIC_LEVELS)[number];
export const TOPIC_LEVEL_LABELS: Record<TopicLevel, string> = {
  estate: '小区',
  community: '社区',
  sub_district: '街道',
  department: '职能部门',
};

/** The next level up, or undefined at the top. */
export function nextLevel(level: TopicLevel): TopicLevel | undefined {
  const i = TOPIC_LEVELS.indexOf(level);
  return TOPIC_LEVELS[i + 1];
}

export const TOPIC_SCOPES = ['building', 'estate', 'community'] as const;
export type TopicScope = (typeof TOPIC_SCOPES)[number];
export const TOPIC_SCOPE_LABELS: Record<TopicScope, string> = {
  building: '本楼栋',
  estate: '本小区',
  community: '全社区',
};

export const DEFAULT_CATEGORIES = [
  '公益服务',
  '便民利民服务',
  '社会事务',
  '文化体育',
  '慈善救济',
  '居民维权',
  '物业管理',
  '环境卫生',
  '安全隐患',
  '其他',
] as const;

export const PARTY_KINDS = [
  'property_company',
  'owners_committee',
  'committee',
  'social_org',
  'sub_district',
  'department',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const PARTY_KIND_LABELS: Record<PartyKind, string> = {
  property_company: '物业公司',
  owners_committee: '业主委员会',
  committee: '社区居委会',
  social_org: '社会组织',
  sub_district: '街道办事处',
  department: '职能部门',
};

/** Moderator inbox: topics waiting longer than this stand out. */
export const INBOX_STALE_DAYS = 3;

/**
 * The later lifecycle (DESIGN.md §3.1, after routing): moves made by the
 * meetings, votes and outcomes features rather than by the topic action
 * forms. Each feature calls the server's `moveTopic` with one of these.
 */
export const LIFECYCLE_MOVES = [
  'schedule',
  'unschedule',
  'deliberate',
  'decide',
  'publicize',
  'reopen',
  'implement',
  'complete',
  'close',
] as const;
export type LifecycleMove = (typeof LIFECYCLE_MOVES)[number];

export const LIFECYCLE_TRANSITIONS: Record<
  LifecycleMove,
  { from: readonly TopicStatus[]; to: TopicStatus; label: string }
> = {
  /** Put on a meeting's agenda (when the notice is published). */
  schedule: { from: ['accepted', 'routed', 'handling'], to: 'scheduled', label: '列入协商议程' },
  /** The meeting was cancelled or the item dropped: back to being handled. */
  unschedule: { from: ['scheduled'], to: 'routed', label: '移出协商议程' },
  /** Discussed in a meeting without a decision yet. */
  deliberate: { from: ['scheduled'], to: 'deliberated', label: '已协商' },
  /** A resolution was recorded (meeting minutes, or a standalone vote's result). */
  decide: {
    from: ['accepted', 'routed', 'handling', 'scheduled', 'deliberated'],
    to: 'decided',
    label: '形成决议',
  },
  /** The resolution is published on the public board for N days. */
  publicize: { from: ['decided'], to: 'publicity', label: '决议公示' },
  /** An objection was upheld: back to routing (or a new vote). */
  reopen: { from: ['publicity', 'decided'], to: 'accepted', label: '异议成立，重新办理' },
  /** Publicity ended without an upheld objection: carrying it out. */
  implement: { from: ['publicity'], to: 'implementation', label: '开始落实' },
  /** The completion report was filed. */
  complete: { from: ['implementation'], to: 'completed', label: '落实完成' },
  /** The evaluation window ended. */
  close: { from: ['completed'], to: 'closed', label: '评价结束，归档' },
};
