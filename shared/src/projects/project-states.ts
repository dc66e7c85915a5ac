/**
 * The three-society service project (三社联动项目, DESIGN.md §1; issue 6 item 3)
 * as a table: which action moves a project from which states to which state,
 * and who may take it. The server refuses anything not in the table with a
 * sentence naming the state; the client shows only the actions that fit.
 *
 * demand → designing ⇄ (filed → returned) → filed → approved → open_call
 *        → in_progress → completed → evaluated; cancelled before work starts.
 */
export const PROJECT_STATUSES = [
  'demand',
  'designing',
  'filed',
  'returned',
  'approved',
  'open_call',
  'in_progress',
  'completed',
  'evaluated',
  'cancelled',
] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  demand: '需求已提出',
  designing: '方案设计中',
  filed: '待街道备案',
  returned: '街道退回修改',
  approved: '已备案',
  open_call: '公开征集中',
  in_progress: '项目实施中',
  completed: '已结项',
  evaluated: '已评估',
  cancelled: '已取消',
};

/** Statuses the public sees (the board, the community's list); earlier ones are the committee's drafts. */
export const PUBLIC_PROJECT_STATUSES: readonly ProjectStatus[] = ['open_call', 'in_progress', 'completed', 'evaluated'];

export function isPublicProjectStatus(status: ProjectStatus): boolean {
  return PUBLIC_PROJECT_STATUSES.includes(status);
}

/**
 * Who takes an action: the community's moderator, the sub-district admin of
 * the community's sub-district, a social organisation of the sub-district,
 * the selected organisation, or an appointed resident supervisor.
 */
export type ProjectActor = 'moderator' | 'subdistrict_admin' | 'social_org' | 'selected_org' | 'supervisor';

export const PROJECT_ACTIONS = [
  'design',
  'submitFiling',
  'approveFiling',
  'returnFiling',
  'openCall',
  'apply',
  'select',
  'appointSupervisors',
  'reportProgress',
  'supervise',
  'complete',
  'evaluate',
  'cancel',
] as const;
export type ProjectAction = (typeof PROJECT_ACTIONS)[number];

export interface ProjectTransition {
  from: readonly ProjectStatus[];
  /** `same` keeps the status (a timeline entry only). */
  to: ProjectStatus | 'same';
  by: readonly ProjectActor[];
  /** Shown on the timeline and in refusals. */
  label: string;
}

export const PROJECT_TRANSITIONS: Record<ProjectAction, ProjectTransition> = {
  design: { from: ['demand', 'designing', 'returned'], to: 'designing', by: ['moderator'], label: '编制项目方案' },
  submitFiling: { from: ['designing'], to: 'filed', by: ['moderator'], label: '报街道备案' },
  approveFiling: { from: ['filed'], to: 'approved', by: ['subdistrict_admin'], label: '街道备案通过' },
  returnFiling: { from: ['filed'], to: 'returned', by: ['subdistrict_admin'], label: '街道退回修改' },
  /** From `open_call` again: a new deadline (e.g. when nobody applied in time). */
  openCall: { from: ['approved', 'open_call'], to: 'open_call', by: ['moderator'], label: '发布公开征集' },
  apply: { from: ['open_call'], to: 'same', by: ['social_org'], label: '申报项目' },
  select: { from: ['open_call'], to: 'in_progress', by: ['moderator'], label: '选定承接机构' },
  appointSupervisors: {
    from: ['approved', 'open_call', 'in_progress'],
    to: 'same',
    by: ['moderator'],
    label: '聘请居民监督员',
  },
  reportProgress: { from: ['in_progress'], to: 'same', by: ['selected_org'], label: '报告项目进展' },
  supervise: { from: ['in_progress', 'completed'], to: 'same', by: ['moderator', 'supervisor'], label: '记录监督意见' },
  complete: { from: ['in_progress'], to: 'completed', by: ['moderator'], label: '项目结项' },
  evaluate: {
    from: ['completed'],
    to: 'evaluated',
    by: ['moderator', 'subdistrict_admin'],
    label: '录入第三方评估',
  },
  cancel: {
    from: ['demand', 'designing', 'returned', 'approved', 'open_call'],
    to: 'cancelled',
    by: ['moderator'],
    label: '取消项目',
  },
};

export type ProjectTransitionCheck = { ok: true; to: ProjectStatus } | { ok: false; reason: string };

/** Whether someone acting as `actor` may take `action` on a project in `status`, and where it leads. */
export function checkProjectTransition(
  action: ProjectAction,
  status: ProjectStatus,
  actor: ProjectActor,
): ProjectTransitionCheck {
  const t = PROJECT_TRANSITIONS[action];
  if (!t.from.includes(status)) {
    return { ok: false, reason: `项目当前为“${PROJECT_STATUS_LABELS[status]}”，不能${t.label}` };
  }
  if (!t.by.includes(actor)) return { ok: false, reason: `您不能对这个项目进行“${t.label}”` };
  return { ok: true, to: t.to === 'same' ? status : t.to };
}

/** The actions someone holding `actors` can take on a project now (for showing buttons). */
export function availableProjectActions(status: ProjectStatus, actors: readonly ProjectActor[]): ProjectAction[] {
  return PROJECT_ACTIONS.filter((a) => {
    const t = PROJECT_TRANSITIONS[a];
    return t.from.includes(status) && t.by.some((b) => actors.includes(b));
  });
}

/** Resident supervisors a project may have at once. */
export const SUPERVISORS_MIN = 1;
export const SUPERVISORS_MAX = 5;

/** Labels for timeline entries that are not transitions. */
export const PROJECT_EVENT_LABELS: Record<string, string> = {
  raise: '提出项目需求',
  ...Object.fromEntries(PROJECT_ACTIONS.map((a) => [a, PROJECT_TRANSITIONS[a].label])),
};
