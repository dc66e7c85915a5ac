import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import {
  addMilestoneBodySchema,
  answerObjectionBodySchema,
  answerObjectionResultSchema,
  assignImplementationBodySchema,
  boardEntrySchema,
  boardPageSchema,
  boardQuerySchema,
  completeMilestoneBodySchema,
  completionBodySchema,
  evaluateBodySchema,
  fileObjectionBodySchema,
  moderationObjectionSchema,
  objectionListQuerySchema,
  outcomeSettingsSchema,
  overdueItemSchema,
  progressBodySchema,
  publishResolutionBodySchema,
  recordResolutionBodySchema,
  updateOutcomeSettingsBodySchema,
} from '../../../shared/src/outcomes/outcomes.schema';
import type { Api } from '../http/operations';
import { assertModerator } from '../members/members.policy';
import {
  addMilestone,
  answerObjection,
  assignImplementation,
  completeMilestone,
  evaluateTopic,
  fileObjection,
  postProgress,
  publishResolution,
  recordResolution,
  reportCompletion,
} from './outcomes.service';
import { outcomeSettingsOf, updateOutcomeSettings } from './outcomes.settings';
import {
  boardEntry,
  communityOverdue,
  listBoard,
  objectionsForModeration,
  openOutcomePhoto,
  subDistrictOverdue,
} from './outcomes.views';

const TAG = 'outcomes';
const entry = { schema: boardEntrySchema, description: 'The topic’s board entry after the change' };
const uploadIdParam = z.object({ uploadId: z.coerce.number().int().positive().max(2_147_483_647) });

/** Resolutions, publicity and objections, implementation, evaluation and the public board. */
export function registerOutcomeRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/resolution',
    operationId: 'recordResolution',
    summary: 'Moderators: record a resolution without a meeting, optionally resting on a closed vote (→ decided)',
    tag: TAG,
    params: idParam,
    body: recordResolutionBodySchema,
    idempotent: true,
    response: entry,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await recordResolution(ctx.services, actor, params.id, body);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/publicity',
    operationId: 'publishResolution',
    summary:
      'Moderators: publish a decided topic’s resolution on the public board for the publicity period (→ publicity)',
    tag: TAG,
    params: idParam,
    body: publishResolutionBodySchema,
    idempotent: true,
    response: entry,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, actor }) => {
      await publishResolution(ctx.services, actor, params.id);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/board',
    operationId: 'listBoard',
    summary: 'The public board (公示栏, no login): topics in publicity, implementation and completed, newest first',
    tag: TAG,
    params: idParam,
    query: boardQuerySchema,
    response: { schema: boardPageSchema, description: 'One page' },
    handler: async (ctx, { params, query }) => listBoard(ctx.services.dataSource, params.id, query),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/board/topics/:id',
    operationId: 'getBoardEntry',
    summary:
      'One board entry (no login): resolution, vote result and ballot log link, publicity, objections and answers, implementation, satisfaction',
    tag: TAG,
    params: idParam,
    response: { schema: boardEntrySchema, description: 'The entry' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => boardEntry(ctx.services.dataSource, actor, params.id),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/board/photos/:uploadId',
    operationId: 'getBoardPhoto',
    summary: 'A progress or completion photo (public); an objection photo (the objector and moderators only)',
    tag: TAG,
    params: uploadIdParam,
    response: { description: 'The photo', contentType: 'image/*' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      const { upload, stream } = await openOutcomePhoto(
        ctx.services.dataSource,
        ctx.services.storage,
        actor,
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
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/objections',
    operationId: 'fileObjection',
    summary:
      'A verified resident files an objection (异议) during publicity; one open objection per resident per topic',
    tag: TAG,
    params: idParam,
    body: fileObjectionBodySchema,
    idempotent: true,
    rateLimit: { points: 20, duration: 3600 },
    response: { status: 201, schema: boardEntrySchema, description: 'Filed; the board entry' },
    errors: [
      'NOT_FOUND',
      'NOT_VERIFIED',
      'MEMBER_SUSPENDED',
      'PRIVACY_CONSENT_REQUIRED',
      'ILLEGAL_TRANSITION',
      'CONFLICT',
      'CONTENT_RISKY',
    ],
    handler: async (ctx, { params, body, actor }) => {
      await fileObjection(ctx.services, actor, params.id, body);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/objections',
    operationId: 'listObjectionsForModeration',
    summary: 'Moderators: the community’s objections (pending ones oldest first) with the objector’s real name',
    tag: TAG,
    params: idParam,
    query: objectionListQuerySchema,
    response: { schema: z.array(moderationObjectionSchema), description: 'Objections' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      objectionsForModeration(ctx.services.dataSource, actor, params.id, query.status),
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/objections/:id/answer',
    operationId: 'answerObjection',
    summary:
      'Moderators: answer an objection — upheld reopens the topic for routing (or a new vote), dismissed keeps it',
    tag: TAG,
    params: idParam,
    body: answerObjectionBodySchema,
    idempotent: true,
    response: { schema: answerObjectionResultSchema, description: 'Answered' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      const ds = ctx.services.dataSource;
      const { reopened, topicId } = await answerObjection(ctx.services, actor, params.id, body);
      const view = await boardEntry(ds, actor, topicId);
      return {
        objection: view.objections.find((o) => o.id === params.id)!,
        reopened,
        topicStatus: view.topic.status,
        hint: reopened ? '议题已退回“待分派”：可以重新分派办理，也可以就它发起新的表决。' : null,
      };
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/implementation',
    operationId: 'assignImplementation',
    summary:
      'Moderators: assign the responsible party, a named person, the due date and milestones (publicity or implementation)',
    tag: TAG,
    params: idParam,
    body: assignImplementationBodySchema,
    idempotent: true,
    response: entry,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await assignImplementation(ctx.services, actor, params.id, body);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/milestones',
    operationId: 'addMilestone',
    summary: 'Moderators: add a milestone (title and due date) to an implementation',
    tag: TAG,
    params: idParam,
    body: addMilestoneBodySchema,
    idempotent: true,
    response: { status: 201, schema: boardEntrySchema, description: 'Added; the board entry' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await addMilestone(ctx.services.dataSource, actor, params.id, body);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/milestones/:id/done',
    operationId: 'completeMilestone',
    summary: 'The responsible person, a member of the responsible party or a moderator marks a milestone done',
    tag: TAG,
    params: idParam,
    body: completeMilestoneBodySchema,
    idempotent: true,
    response: entry,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      const topicId = await completeMilestone(ctx.services.dataSource, actor, params.id, body.doneOn);
      return boardEntry(ctx.services.dataSource, actor, topicId);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/progress',
    operationId: 'postProgress',
    summary: 'The responsible person, party members or moderators post a progress update (text and up to 9 photos)',
    tag: TAG,
    params: idParam,
    body: progressBodySchema,
    idempotent: true,
    response: { status: 201, schema: boardEntrySchema, description: 'Posted; the board entry' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await postProgress(ctx.services, actor, params.id, body);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/completion',
    operationId: 'reportCompletion',
    summary: 'The completion report (text and photos): the topic is completed and the evaluation window opens',
    tag: TAG,
    params: idParam,
    body: completionBodySchema,
    idempotent: true,
    response: entry,
    errors: ['NOT_FOUND', 'FORBIDDEN', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await reportCompletion(ctx.services, actor, params.id, body);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/topics/:id/evaluations',
    operationId: 'evaluateTopic',
    summary:
      'A verified resident in the topic’s scope rates the completed topic 1–5 (once, within the evaluation window)',
    tag: TAG,
    params: idParam,
    body: evaluateBodySchema,
    idempotent: true,
    response: { status: 201, schema: boardEntrySchema, description: 'Rated; the board entry' },
    errors: [
      'NOT_FOUND',
      'NOT_VERIFIED',
      'FORBIDDEN',
      'MEMBER_SUSPENDED',
      'PRIVACY_CONSENT_REQUIRED',
      'ILLEGAL_TRANSITION',
      'CONFLICT',
      'CONTENT_RISKY',
    ],
    handler: async (ctx, { params, body, actor }) => {
      await evaluateTopic(ctx.services, actor, params.id, body);
      return boardEntry(ctx.services.dataSource, actor, params.id);
    },
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/overdue',
    operationId: 'listCommunityOverdue',
    summary: 'Moderators: overdue implementations and milestones of the community',
    tag: TAG,
    params: idParam,
    response: { schema: z.array(overdueItemSchema), description: 'Overdue items, oldest due first' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, actor }) => communityOverdue(ctx.services.dataSource, actor, params.id),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/sub-districts/:id/overdue',
    operationId: 'listSubDistrictOverdue',
    summary: 'Sub-district admins: overdue implementations and milestones across the sub-district’s communities',
    tag: TAG,
    params: idParam,
    response: { schema: z.array(overdueItemSchema), description: 'Overdue items, oldest due first' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, actor }) => subDistrictOverdue(ctx.services.dataSource, actor, params.id),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/outcome-settings',
    operationId: 'getOutcomeSettings',
    summary: 'The publicity period and the evaluation window (days)',
    tag: TAG,
    params: idParam,
    response: { schema: outcomeSettingsSchema, description: 'Settings' },
    handler: async (ctx, { params }) => outcomeSettingsOf(ctx.services.dataSource, params.id),
  });

  api.add({
    method: 'patch',
    auth: 'user',
    path: '/api/communities/:id/outcome-settings',
    operationId: 'updateOutcomeSettings',
    summary: 'Moderators: change the publicity period (1–60 days) or the evaluation window (1–90 days)',
    tag: TAG,
    params: idParam,
    body: updateOutcomeSettingsBodySchema,
    response: { schema: outcomeSettingsSchema, description: 'Settings' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, body, actor }) => {
      assertModerator(actor, params.id);
      return updateOutcomeSettings(ctx.services.dataSource, actor, params.id, body);
    },
  });
}
