import { ERRORS } from '@shared/errors';
import { formatYuan, parseYuan } from '@shared/projects/money';
import {
  PROJECT_STATUS_LABELS,
  PROJECT_STATUSES,
  type ProjectAction,
  type ProjectStatus,
} from '@shared/projects/project-states';
import {
  applyBodySchema,
  cancelBodySchema,
  completeBodySchema,
  designProjectBodySchema,
  evaluationBodySchema,
  isCalendarDay,
  type MyApplication,
  myApplicationSchema,
  type OpenCallSummary,
  openCallSummarySchema,
  type ProjectBoard,
  type ProjectSummary,
  type ProjectView,
  projectBoardSchema,
  projectNoteBodySchema,
  projectSummarySchema,
  projectViewSchema,
  raiseProjectBodySchema,
  returnFilingBodySchema,
  selectBodySchema,
} from '@shared/projects/projects.schema';
import { uploadResultSchema } from '@shared/uploads/uploads.schema';
import Taro from '@tarojs/taro';
import { type ZodType, z } from 'zod';
import {
  ApiError,
  apiBaseUrl,
  NETWORK_ERROR,
  NETWORK_ERROR_MESSAGE,
  type RequestOptions,
  request,
  upload,
} from './request';
import { getToken } from './session';
import type { ChosenPhoto } from './uploads';

/**
 * Three-society service projects (三社联动项目): the public board, the
 * workflow view and its steps, the lists of each role, and the checks the
 * forms run before sending (the same shared schemas the server applies).
 */

export type { MyApplication, OpenCallSummary, ProjectAction, ProjectBoard, ProjectStatus, ProjectSummary, ProjectView };
export { formatYuan, PROJECT_STATUS_LABELS, PROJECT_STATUSES };

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

export const PROJECT_PAGES = {
  list: '/pages/projects/index',
  board: '/pages/projects/board',
  detail: '/pages/projects/detail',
  calls: '/pages/projects/calls',
  apply: '/pages/projects/apply',
  filings: '/pages/projects/filings',
  manageList: '/moderator/projects/index',
  create: '/moderator/projects/new',
  manage: '/moderator/projects/manage',
} as const;

export const projectUrl = (page: keyof typeof PROJECT_PAGES, id?: number) =>
  id === undefined ? PROJECT_PAGES[page] : `${PROJECT_PAGES[page]}?id=${id}`;

// ---------------------------------------------------------------------------
// Reading

export function getProject(id: number, options: Quiet = {}): Promise<ProjectView> {
  return request(`/projects/${id}`, { ...options, schema: projectViewSchema });
}

export function getProjectBoard(id: number, options: Quiet = {}): Promise<ProjectBoard> {
  return request(`/projects/${id}/board`, { ...options, schema: projectBoardSchema });
}

export function listCommunityProjects(
  communityId: number,
  status: ProjectStatus | undefined,
  options: Quiet = {},
): Promise<ProjectSummary[]> {
  return request(`/communities/${communityId}/projects`, {
    ...options,
    data: status ? { status } : undefined,
    schema: z.array(projectSummarySchema),
  });
}

export function listOpenCalls(options: Quiet = {}): Promise<OpenCallSummary[]> {
  return request('/project-calls', { ...options, schema: z.array(openCallSummarySchema) });
}

export function listMyApplications(options: Quiet = {}): Promise<MyApplication[]> {
  return request('/me/project-applications', { ...options, schema: z.array(myApplicationSchema) });
}

export function listPendingFilings(options: Quiet = {}): Promise<ProjectSummary[]> {
  return request('/me/project-filings', { ...options, schema: z.array(projectSummarySchema) });
}

// ---------------------------------------------------------------------------
// Steps (each answers the project as it now stands)

export type RaiseProjectForm = z.input<typeof raiseProjectBodySchema>;
export type DesignForm = z.input<typeof designProjectBodySchema>;
export type ApplyForm = z.input<typeof applyBodySchema>;
export type EvaluationForm = z.input<typeof evaluationBodySchema>;
export type NoteForm = z.input<typeof projectNoteBodySchema>;

const step = (id: number, path: string, data: object) =>
  request(`/projects/${id}/${path}`, { method: 'POST', data, schema: projectViewSchema });

export const raiseProject = (data: RaiseProjectForm) =>
  request('/projects', { method: 'POST', data, schema: projectViewSchema });
export const designProject = (id: number, data: DesignForm) => step(id, 'design', data);
export const submitFiling = (id: number) => step(id, 'submit-filing', {});
export const approveFiling = (id: number, note?: string) => step(id, 'approve-filing', note ? { note } : {});
export const returnFiling = (id: number, reason: string) => step(id, 'return-filing', { reason });
export const openCall = (id: number, deadline: string, requirements?: string) =>
  step(id, 'open-call', requirements ? { deadline, requirements } : { deadline });
export const applyToProject = (id: number, data: ApplyForm) => step(id, 'applications', data);
export const selectApplication = (id: number, applicationId: number, reason: string) =>
  step(id, 'select', { applicationId, reason });
export const appointSupervisors = (id: number, userIds: number[]) => step(id, 'supervisors', { userIds });
export const reportProgress = (id: number, data: NoteForm) => step(id, 'progress', data);
export const addSupervisionNote = (id: number, data: NoteForm) => step(id, 'supervision', data);
export const completeProject = (id: number, summary: string) => step(id, 'complete', { summary });
export const recordEvaluation = (id: number, data: EvaluationForm) => step(id, 'evaluation', data);
export const cancelProject = (id: number, reason: string) => step(id, 'cancel', { reason });

/** Uploads a checked photo for a project (progress, supervision, application or evaluation); resolves with its id. */
export function uploadProjectPhoto(photo: ChosenPhoto): Promise<number> {
  return upload('/uploads', {
    filePath: photo.path,
    name: 'file',
    formData: { purpose: 'progress_photo' },
    fileName: photo.fileName,
    schema: uploadResultSchema,
  }).then((u) => u.id);
}

/** The full address of a project file the server answered as `/api/projects/…`. */
export function projectFileAddress(url: string): string {
  return `${apiBaseUrl()}${url.replace(/^\/api/, '')}`;
}

/**
 * Fetches a project photo or attachment with the token (applications'
 * attachments are not public) to a local path an `<Image>` can show.
 */
export async function loadProjectFile(url: string): Promise<string> {
  const token = getToken();
  let response: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    response = await Taro.downloadFile({
      url: projectFileAddress(url),
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0);
  }
  if (response.statusCode < 200 || response.statusCode >= 300)
    throw new ApiError('NOT_FOUND', ERRORS.NOT_FOUND.message, response.statusCode);
  return response.tempFilePath;
}

// ---------------------------------------------------------------------------
// Form checks: the first problem of each field, in the words the server would use.

export type FieldErrors = Record<string, string>;

function problems(schema: ZodType, value: unknown): FieldErrors {
  const parsed = schema.safeParse(value);
  if (parsed.success) return {};
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    errors[field] ??= issue.message;
  }
  return errors;
}

export const designProblems = (form: DesignForm) => problems(designProjectBodySchema, form);
export const applyProblems = (form: ApplyForm, budgetFen: number | null) => {
  const errors = problems(applyBodySchema, form);
  if (!errors.budgetYuan && budgetFen !== null && budgetFenOf(form.budgetYuan) > budgetFen)
    errors.budgetYuan = `申报金额不能超过项目预算（${formatYuan(budgetFen)}）`;
  return errors;
};
export const selectProblems = (form: { applicationId?: number; reason: string }) =>
  form.applicationId === undefined
    ? { applicationId: '请选择一家申报机构', ...problems(selectBodySchema.pick({ reason: true }), form) }
    : problems(selectBodySchema, form);
export const noteProblems = (form: NoteForm) => problems(projectNoteBodySchema, form);
export const returnProblems = (reason: string) => problems(returnFilingBodySchema, { reason });
export const completeProblems = (summary: string) => problems(completeBodySchema, { summary });
export const cancelProblems = (reason: string) => problems(cancelBodySchema, { reason });

/** The evaluation form holds the score as typed; it must be a whole number 0–100. */
export function evaluationProblems(form: Omit<EvaluationForm, 'score'> & { score: string }): FieldErrors {
  const score = /^\d{1,3}$/.test(form.score.trim()) ? Number(form.score.trim()) : Number.NaN;
  return problems(evaluationBodySchema, { ...form, score });
}

/** The call's deadline: a real day, today or later (`today` is YYYY-MM-DD in Beijing time). */
export function deadlineProblem(deadline: string, today: string): string | undefined {
  if (!isCalendarDay(deadline.trim())) return '请按 2027-03-31 的格式填写截止日期';
  if (deadline.trim() < today) return '截止日期不能早于今天';
  return undefined;
}

export const raiseProblems = (form: RaiseProjectForm) => problems(raiseProjectBodySchema, form);

/** Whole fen of a typed yuan amount (0 when it does not parse). */
export function budgetFenOf(yuan: string): number {
  return parseYuan(yuan) ?? 0;
}

/** A budget for people, or 待定 before the design. */
export function budgetText(fen: number | null): string {
  return fen === null ? '待定' : formatYuan(fen);
}

/** 2027-01-01 → 2027年1月1日. */
export function dayText(day: string | null): string {
  if (!day) return '待定';
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
