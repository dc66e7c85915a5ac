import type { Context } from 'koa';
import { z } from 'zod';
import type { ErrorCode } from '../../../shared/src/errors';
import { idParam } from '../../../shared/src/members/members.schema';
import {
  applyBodySchema,
  appointSupervisorsBodySchema,
  approveFilingBodySchema,
  cancelBodySchema,
  completeBodySchema,
  designProjectBodySchema,
  evaluationBodySchema,
  myApplicationSchema,
  openCallBodySchema,
  openCallSummarySchema,
  projectBoardSchema,
  projectFileParams,
  projectListQuerySchema,
  projectNoteBodySchema,
  projectSummarySchema,
  projectViewSchema,
  raiseProjectBodySchema,
  returnFilingBodySchema,
  selectBodySchema,
} from '../../../shared/src/projects/projects.schema';
import type { Actor } from '../auth/actor';
import type { AppState } from '../http/context';
import type { Api } from '../http/operations';
import {
  addSupervisionNote,
  applyToProject,
  appointSupervisors,
  cancelProject,
  completeProject,
  decideFiling,
  designProject,
  openCall,
  raiseProject,
  recordEvaluation,
  reportProgress,
  selectApplication,
  submitFiling,
} from './projects.service';
import {
  listCommunityProjects,
  listMyApplications,
  listOpenCalls,
  listPendingFilings,
  openProjectFile,
  projectBoard,
  projectView,
} from './projects.views';

const MOVE_ERRORS: ErrorCode[] = ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'];

/** Three-society service projects (三社联动项目): demand → design → filing → open call → work → evaluation → board. */
export function registerProjectRoutes(api: Api): void {
  /** A workflow step on one project: parse, call the use case, answer the fresh view. */
  function step<B>(op: {
    path: string;
    operationId: string;
    summary: string;
    body: z.ZodType<B>;
    errors?: ErrorCode[];
    status?: 200 | 201;
    run: (ctx: Context & { state: AppState }, actor: Actor, id: number, body: B) => Promise<unknown>;
  }): void {
    api.add({
      method: 'post',
      auth: 'user',
      path: `/api/projects/:id/${op.path}`,
      operationId: op.operationId,
      summary: op.summary,
      tag: 'projects',
      params: idParam,
      body: op.body,
      idempotent: true,
      response: { status: op.status ?? 200, schema: projectViewSchema, description: 'The project after the step' },
      errors: [...MOVE_ERRORS, ...(op.errors ?? [])],
      handler: async (ctx, { params, body, actor }) => {
        await op.run(ctx, actor, params.id, body);
        return projectView(ctx.services.dataSource, actor, params.id);
      },
    });
  }

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/projects',
    operationId: 'raiseProject',
    summary: "Moderators: raise a project's demand, from a decided topic's resolution or directly",
    tag: 'projects',
    body: raiseProjectBodySchema,
    idempotent: true,
    response: { status: 201, schema: projectViewSchema, description: 'Raised' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { body, actor }) => {
      const project = await raiseProject(ctx.services.dataSource, actor, body);
      return projectView(ctx.services.dataSource, actor, project.id);
    },
  });
  step({
    path: 'design',
    operationId: 'designProject',
    summary: 'Moderators: write the design (goals, budget in yuan, dates, service content, beneficiaries)',
    body: designProjectBodySchema,
    run: (ctx, actor, id, body) => designProject(ctx.services.dataSource, actor, id, body),
  });
  step({
    path: 'submit-filing',
    operationId: 'submitProjectFiling',
    summary: 'Moderators: file the design with the sub-district (备案)',
    body: z.object({}).strict(),
    run: (ctx, actor, id) => submitFiling(ctx.services.dataSource, actor, id),
  });
  step({
    path: 'approve-filing',
    operationId: 'approveProjectFiling',
    summary: "The sub-district admin of the project's community approves the filing",
    body: approveFilingBodySchema,
    run: (ctx, actor, id, body) =>
      decideFiling(ctx.services.dataSource, actor, id, { approve: true, note: body.note || undefined }),
  });
  step({
    path: 'return-filing',
    operationId: 'returnProjectFiling',
    summary: "The sub-district admin of the project's community returns the filing with a reason",
    body: returnFilingBodySchema,
    run: (ctx, actor, id, body) =>
      decideFiling(ctx.services.dataSource, actor, id, { approve: false, reason: body.reason }),
  });
  step({
    path: 'open-call',
    operationId: 'openProjectCall',
    summary: 'Moderators: open the call for social organisations (or move its deadline)',
    body: openCallBodySchema,
    run: (ctx, actor, id, body) => openCall(ctx.services.dataSource, actor, id, body),
  });
  step({
    path: 'applications',
    operationId: 'applyToProject',
    summary: 'Social organisations of the sub-district: apply to an open call, once per organisation',
    body: applyBodySchema,
    status: 201,
    errors: ['CONFLICT', 'MEMBER_SUSPENDED'],
    run: (ctx, actor, id, body) => applyToProject(ctx.services.dataSource, actor, id, body),
  });
  step({
    path: 'select',
    operationId: 'selectProjectApplication',
    summary: 'Moderators: after the deadline, select one application of this call with a written reason',
    body: selectBodySchema,
    run: (ctx, actor, id, body) => selectApplication(ctx.services.dataSource, actor, id, body),
  });
  step({
    path: 'supervisors',
    operationId: 'appointProjectSupervisors',
    summary: 'Moderators: appoint 1–5 verified residents as supervisors (replaces the current ones)',
    body: appointSupervisorsBodySchema,
    run: (ctx, actor, id, body) => appointSupervisors(ctx.services.dataSource, actor, id, body.userIds),
  });
  step({
    path: 'progress',
    operationId: 'reportProjectProgress',
    summary: 'The selected organisation reports progress (text and photos)',
    body: projectNoteBodySchema,
    status: 201,
    run: (ctx, actor, id, body) => reportProgress(ctx.services.dataSource, actor, id, body),
  });
  step({
    path: 'supervision',
    operationId: 'addProjectSupervisionNote',
    summary: 'Moderators and resident supervisors: a supervision note (text and photos)',
    body: projectNoteBodySchema,
    status: 201,
    run: (ctx, actor, id, body) => addSupervisionNote(ctx.services.dataSource, actor, id, body),
  });
  step({
    path: 'complete',
    operationId: 'completeProject',
    summary: 'Moderators: close the work with a completion summary',
    body: completeBodySchema,
    run: (ctx, actor, id, body) => completeProject(ctx.services.dataSource, actor, id, body.summary),
  });
  step({
    path: 'evaluation',
    operationId: 'recordProjectEvaluation',
    summary: 'Moderators or the sub-district admin: the third-party evaluation (score 0–100, report)',
    body: evaluationBodySchema,
    status: 201,
    run: (ctx, actor, id, body) => recordEvaluation(ctx.services.dataSource, actor, id, body),
  });
  step({
    path: 'cancel',
    operationId: 'cancelProject',
    summary: 'Moderators: cancel a project before work starts, with a reason',
    body: cancelBodySchema,
    run: (ctx, actor, id, body) => cancelProject(ctx.services.dataSource, actor, id, body.reason),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/projects/:id',
    operationId: 'getProject',
    summary: 'A project as the viewer may see it, with the actions open to them',
    tag: 'projects',
    params: idParam,
    response: { schema: projectViewSchema, description: 'The project' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => projectView(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/projects/:id/board',
    operationId: 'getProjectBoard',
    summary: "Public board: a project's goals, budget, organisation, progress and evaluation (no login)",
    tag: 'projects',
    params: idParam,
    response: { schema: projectBoardSchema, description: 'The public results' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => projectBoard(ctx.services.dataSource, params.id),
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/projects/:id/files/:uploadId',
    operationId: 'getProjectFile',
    summary: "A project's photo or attachment (public ones once the project is public)",
    tag: 'projects',
    params: projectFileParams,
    response: { description: 'The image', contentType: 'image/*' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      const { upload, stream } = await openProjectFile(
        ctx.services.dataSource,
        ctx.services.storage,
        actor,
        params.id,
        params.uploadId,
      );
      ctx.status = 200;
      ctx.type = upload.contentType;
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Disposition', 'inline');
      ctx.body = stream;
      return undefined;
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/projects',
    operationId: 'listCommunityProjects',
    summary: "The community's projects by status (drafts for its moderators and sub-district admins only)",
    tag: 'projects',
    params: idParam,
    query: projectListQuerySchema,
    response: { schema: z.array(projectSummarySchema), description: 'Projects, newest first' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query, actor }) =>
      listCommunityProjects(ctx.services.dataSource, actor, params.id, query.status),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/me/project-filings',
    operationId: 'listPendingProjectFilings',
    summary: 'Sub-district admins: filings waiting for approval across their communities (empty for everyone else)',
    tag: 'projects',
    response: { schema: z.array(projectSummarySchema), description: 'Pending filings, oldest first' },
    handler: async (ctx, { actor }) => listPendingFilings(ctx.services.dataSource, actor),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/project-calls',
    operationId: 'listOpenProjectCalls',
    summary: 'Social organisations: open calls they may apply to (empty for everyone else)',
    tag: 'projects',
    response: { schema: z.array(openCallSummarySchema), description: 'Open calls, nearest deadline first' },
    handler: async (ctx, { actor }) => listOpenCalls(ctx.services.dataSource, actor),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/me/project-applications',
    operationId: 'listMyProjectApplications',
    summary: 'Applications of the organisations the user acts for',
    tag: 'projects',
    response: { schema: z.array(myApplicationSchema), description: 'Applications, newest first' },
    handler: async (ctx, { actor }) => listMyApplications(ctx.services.dataSource, actor),
  });
}
