import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import {
  electorSearchQuerySchema,
  electorViewSchema,
  paperBallotListQuerySchema,
  paperBallotViewSchema,
  recordPaperBallotBodySchema,
  recordPaperBallotResultSchema,
  rejectPaperBallotBodySchema,
} from '../../../shared/src/votes/votes.schema';
import type { Api } from '../http/operations';
import { emitVoteChanged } from './votes.events';
import {
  confirmPaperBallot,
  listPaperBallots,
  recordPaperBallot,
  rejectPaperBallot,
  searchElectors,
} from './votes.paper';

/** Paper ballots: grid workers and moderators find the voter, enter the paper, and a second person confirms or rejects it. */
export function registerPaperBallotRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/votes/:id/electors',
    operationId: 'searchVoteElectors',
    summary: 'Grid workers and moderators: find a voter of the frozen electorate by name or unit (for a paper ballot)',
    tag: 'votes',
    params: idParam,
    query: electorSearchQuerySchema,
    response: { schema: z.array(electorViewSchema), description: 'Matching voters' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) => searchElectors(ctx.services.dataSource, actor, params.id, query),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/votes/:id/paper-ballots',
    operationId: 'recordPaperBallot',
    summary:
      'Grid workers and moderators: record a paper ballot for a named voter (pending until a second person confirms; the receipt code is returned once)',
    tag: 'votes',
    params: idParam,
    body: recordPaperBallotBodySchema,
    idempotent: true,
    response: { status: 201, schema: recordPaperBallotResultSchema, description: 'Recorded, pending' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) => recordPaperBallot(ctx.services.dataSource, actor, params.id, body),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/paper-ballots',
    operationId: 'listPaperBallots',
    summary: "Grid workers and moderators: the community's paper ballots waiting for confirmation (or decided)",
    tag: 'votes',
    params: idParam,
    query: paperBallotListQuerySchema,
    response: { schema: z.array(paperBallotViewSchema), description: 'Paper ballots' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      listPaperBallots(ctx.services.dataSource, actor, params.id, query.status),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/paper-ballots/:id/confirm',
    operationId: 'confirmPaperBallot',
    summary: 'A second grid worker or moderator (not the one who entered it) confirms a paper ballot: it counts now',
    tag: 'votes',
    params: idParam,
    body: z.object({}).strict(),
    idempotent: true,
    response: { schema: paperBallotViewSchema, description: 'Confirmed and counted' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION', 'CONFLICT'],
    handler: async (ctx, { params, actor }) => {
      const { view, vote } = await confirmPaperBallot(ctx.services.dataSource, actor, params.id);
      emitVoteChanged(ctx.services, vote, 'ballot');
      return view;
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/paper-ballots/:id/reject',
    operationId: 'rejectPaperBallot',
    summary: 'Grid workers and moderators: reject a pending paper ballot with a reason (it never counts)',
    tag: 'votes',
    params: idParam,
    body: rejectPaperBallotBodySchema,
    response: { schema: paperBallotViewSchema, description: 'Rejected' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) =>
      rejectPaperBallot(ctx.services.dataSource, actor, params.id, body.reason),
  });
}
