import { z } from 'zod';
import { parseYuan } from './money';
import { PROJECT_ACTIONS, PROJECT_STATUSES, SUPERVISORS_MAX, SUPERVISORS_MIN } from './project-states';

const id = z.number().int().positive().max(2_147_483_647);

/** A calendar day (YYYY-MM-DD) that exists. */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const day = (message: string) => z.string().trim().refine(isCalendarDay, message);

const text = (min: number, max: number, tooShort: string) =>
  z.string().trim().min(min, tooShort).max(max, `不超过 ${max} 个字`);

/** A yuan amount as typed ("12000", "12000.50"): 0 < amount ≤ ¥10,000,000; parseYuan turns it into fen. */
export const yuanSchema = z
  .string()
  .max(20)
  .refine((value) => (parseYuan(value) ?? 0) > 0, '请填写金额（元），最多两位小数，不超过一千万元');

export const PROJECT_ATTACHMENTS_MAX = 9;
const uploadIds = z.array(id).max(PROJECT_ATTACHMENTS_MAX, `最多 ${PROJECT_ATTACHMENTS_MAX} 张图片`).default([]);

/** A moderator raises a demand: from a decided topic (its resolution becomes the demand unless given) or directly. */
export const raiseProjectBodySchema = z
  .object({
    communityId: id,
    topicId: id.optional(),
    title: text(4, 60, '项目名称至少 4 个字'),
    /** Optional with a topic: the topic's resolution is used. */
    demand: text(10, 2000, '请把服务需求写具体一些（至少 10 个字）').optional(),
  })
  .strict();
export type RaiseProjectBody = z.input<typeof raiseProjectBodySchema>;

export const designProjectBodySchema = z
  .object({
    goals: text(10, 2000, '请写明项目目标（至少 10 个字）'),
    serviceContent: text(10, 4000, '请写明服务内容（至少 10 个字）'),
    beneficiaries: text(2, 200, '请写明服务对象'),
    budgetYuan: yuanSchema,
    startDate: day('请选择开始日期'),
    endDate: day('请选择结束日期'),
  })
  .strict()
  .refine((b) => b.startDate <= b.endDate, { message: '结束日期不能早于开始日期', path: ['endDate'] });
export type DesignProjectBody = z.input<typeof designProjectBodySchema>;

export const returnFilingBodySchema = z.object({ reason: text(4, 500, '请写明退回修改的原因') }).strict();
export const approveFilingBodySchema = z.object({ note: z.string().trim().max(500).optional() }).strict();

export const openCallBodySchema = z
  .object({
    deadline: day('请选择征集截止日期'),
    requirements: z.string().trim().max(2000).optional(),
  })
  .strict();
export type OpenCallBody = z.input<typeof openCallBodySchema>;

export const applyBodySchema = z
  .object({
    proposal: text(20, 4000, '请写明服务方案（至少 20 个字）'),
    team: text(4, 1000, '请介绍项目团队'),
    budgetYuan: yuanSchema,
    attachmentUploadIds: uploadIds,
  })
  .strict();
export type ApplyBody = z.input<typeof applyBodySchema>;

export const selectBodySchema = z
  .object({ applicationId: id, reason: text(10, 1000, '请写明选定的理由（至少 10 个字）') })
  .strict();
export type SelectBody = z.input<typeof selectBodySchema>;

export const appointSupervisorsBodySchema = z
  .object({
    userIds: z
      .array(id)
      .min(SUPERVISORS_MIN, `至少聘请 ${SUPERVISORS_MIN} 名监督员`)
      .max(SUPERVISORS_MAX, `最多聘请 ${SUPERVISORS_MAX} 名监督员`)
      .refine((ids) => new Set(ids).size === ids.length, '同一位居民只能聘请一次'),
  })
  .strict();

export const projectNoteBodySchema = z
  .object({ body: text(4, 2000, '请至少写 4 个字'), photoUploadIds: uploadIds })
  .strict();
export type ProjectNoteBody = z.input<typeof projectNoteBodySchema>;

export const completeBodySchema = z.object({ summary: text(10, 2000, '请写明结项情况（至少 10 个字）') }).strict();
export const cancelBodySchema = z.object({ reason: text(4, 500, '请写明取消的原因') }).strict();

export const evaluationBodySchema = z
  .object({
    evaluator: text(2, 100, '请填写评估机构名称'),
    score: z
      .number({ message: '评估得分是 0 到 100 的整数' })
      .int('评估得分是 0 到 100 的整数')
      .min(0, '评估得分是 0 到 100 的整数')
      .max(100, '评估得分是 0 到 100 的整数'),
    summary: text(10, 500, '请写明评估结论（至少 10 个字）'),
    report: text(10, 8000, '请填写评估报告正文（至少 10 个字）'),
    attachmentUploadId: id.optional(),
  })
  .strict();
export type EvaluationBody = z.input<typeof evaluationBodySchema>;

export const projectListQuerySchema = z.object({ status: z.enum(PROJECT_STATUSES).optional() }).strict();

export const projectFileParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  uploadId: z.coerce.number().int().positive().max(2_147_483_647),
});

// ---------------------------------------------------------------------------
// Answers.

const status = z.enum(PROJECT_STATUSES);
export const APPLICATION_STATUSES = ['submitted', 'selected', 'not_selected', 'cancelled'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已申报',
  selected: '已选定承接',
  not_selected: '未选定',
  cancelled: '征集已取消',
};

const file = z.object({ uploadId: z.number().int(), url: z.string() });

export const projectSummarySchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  title: z.string(),
  status,
  statusLabel: z.string(),
  budgetFen: z.number().int().nullable(),
  callDeadline: z.string().nullable(),
  organisation: z.string().nullable(),
  evaluationScore: z.number().int().nullable(),
  topicId: z.number().int().nullable(),
  statusChangedAt: z.string(),
});
export type ProjectSummary = z.infer<typeof projectSummarySchema>;

export const applicationViewSchema = z.object({
  id: z.number().int(),
  organisation: z.string(),
  /** Masked (张**) for everyone but the community's moderators. */
  applicantName: z.string(),
  proposal: z.string(),
  team: z.string(),
  budgetFen: z.number().int(),
  attachments: z.array(file),
  status: z.enum(APPLICATION_STATUSES),
  statusLabel: z.string(),
  createdAt: z.string(),
});
export type ApplicationView = z.infer<typeof applicationViewSchema>;

export const projectEntrySchema = z.object({
  id: z.number().int(),
  action: z.string(),
  label: z.string(),
  /** Role label and masked name, or the organisation for its reports. */
  by: z.string(),
  note: z.string().nullable(),
  photos: z.array(file),
  createdAt: z.string(),
});
export type ProjectEntry = z.infer<typeof projectEntrySchema>;

const evaluation = z.object({
  evaluator: z.string(),
  score: z.number().int(),
  summary: z.string(),
  report: z.string(),
  attachment: file.nullable(),
  recordedAt: z.string(),
});

const design = z.object({
  goals: z.string().nullable(),
  serviceContent: z.string().nullable(),
  beneficiaries: z.string().nullable(),
  budgetFen: z.number().int().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

/** The workflow view: what the viewer may see of the project and the actions open to them. */
export const projectViewSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  communityName: z.string(),
  topic: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  title: z.string(),
  demand: z.string(),
  status,
  statusLabel: z.string(),
  design,
  filing: z.object({
    submittedAt: z.string().nullable(),
    decidedAt: z.string().nullable(),
    note: z.string().nullable(),
    returnReason: z.string().nullable(),
  }),
  call: z.object({
    deadline: z.string().nullable(),
    requirements: z.string().nullable(),
    /** Applications are taken today (open call, on or before the deadline). */
    accepting: z.boolean(),
  }),
  selection: z
    .object({ applicationId: z.number().int(), organisation: z.string(), reason: z.string(), selectedAt: z.string() })
    .nullable(),
  completionSummary: z.string().nullable(),
  cancelReason: z.string().nullable(),
  supervisors: z.array(z.object({ userId: z.number().int(), name: z.string() })),
  /** Every application for moderators and the sub-district admin; one's own for a social organisation. */
  applications: z.array(applicationViewSchema),
  applicationCount: z.number().int(),
  timeline: z.array(projectEntrySchema),
  evaluation: evaluation.nullable(),
  me: z.object({
    roles: z.array(z.enum(['moderator', 'subdistrict_admin', 'social_org', 'selected_org', 'supervisor'])),
    actions: z.array(z.enum(PROJECT_ACTIONS)),
    applied: z.boolean(),
  }),
});
export type ProjectView = z.infer<typeof projectViewSchema>;

/** The public board: no personal data beyond masked names. */
export const projectBoardSchema = z.object({
  id: z.number().int(),
  communityName: z.string(),
  topic: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  title: z.string(),
  demand: z.string(),
  status,
  statusLabel: z.string(),
  goals: z.string().nullable(),
  serviceContent: z.string().nullable(),
  beneficiaries: z.string().nullable(),
  budgetFen: z.number().int().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  callDeadline: z.string().nullable(),
  applicationCount: z.number().int(),
  organisation: z.string().nullable(),
  selectionReason: z.string().nullable(),
  supervisors: z.array(z.string()),
  progress: z.array(projectEntrySchema),
  completionSummary: z.string().nullable(),
  evaluation: z
    .object({
      evaluator: z.string(),
      score: z.number().int(),
      summary: z.string(),
      attachment: file.nullable(),
      recordedAt: z.string(),
    })
    .nullable(),
});
export type ProjectBoard = z.infer<typeof projectBoardSchema>;

export const openCallSummarySchema = projectSummarySchema.extend({
  demand: z.string(),
  requirements: z.string().nullable(),
  applied: z.boolean(),
});
export type OpenCallSummary = z.infer<typeof openCallSummarySchema>;

export const myApplicationSchema = z.object({
  id: z.number().int(),
  projectId: z.number().int(),
  projectTitle: z.string(),
  projectStatus: status,
  projectStatusLabel: z.string(),
  communityName: z.string(),
  organisation: z.string(),
  budgetFen: z.number().int(),
  status: z.enum(APPLICATION_STATUSES),
  statusLabel: z.string(),
  createdAt: z.string(),
});
export type MyApplication = z.infer<typeof myApplicationSchema>;
