import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import {
  castBallotBodySchema,
  castResultSchema,
  createVoteBodySchema,
  voteViewSchema,
} from '../../../shared/src/votes/votes.schema';
import { perDataSource } from '../db/per-data-source';
import type { Api } from '../http/operations';
import { Vote } from './votes.entity';
import { emitVoteChanged } from './votes.events';
import { registerPaperBallotRoutes } from './votes.paper.routes';
import { registerProxyRoutes } from './votes.proxy.routes';
import { castBallot, closeVote, createVote, entryForReceipt, voteRecord, voteView } from './votes.service';

/**
 * A vote's community and meeting never change: cached per process (the read
 * itself, so ballots arriving together before it finished share it) so a
 * ballot's event costs no query.
 */
const placeCaches = perDataSource(
  () => new Map<number, Promise<Pick<Vote, 'id' | 'communityId' | 'meetingId'> | null>>(),
);

function votePlaceOf(ds: DataSource, voteId: number) {
  const placeCache = placeCaches(ds);
  let place = placeCache.get(voteId);
  if (!place) {
    const cache = placeCache;
    if (cache.size >= 5000) cache.clear();
    place = ds
      .getRepository(Vote)
      .findOne({ where: { id: voteId }, select: { id: true, communityId: true, meetingId: true } })
      .then((vote) => (vote ? { id: vote.id, communityId: vote.communityId, meetingId: vote.meetingId } : null));
    // Neither a vote not found nor a failed read is remembered.
    place.then(
      (found) => found === null && cache.delete(voteId),
      () => cache.delete(voteId),
    );
    cache.set(voteId, place);
  }
  return place;
}

/** Votes: open (standalone, council, in a meeting), cast, close, and the published record anyone can check. */
export function registerVoteRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/votes',
    operationId: 'createVote',
    summary:
      'Moderators: open a vote for residents, households, owners or a council, standalone or in a meeting in session (the electorate and options are frozen now)',
    tag: 'votes',
    body: createVoteBodySchema,
    idempotent: true,
    response: { status: 201, schema: voteViewSchema, description: 'Opened' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { body, actor }) => {
      const vote = await createVote(ctx.services.dataSource, actor, body);
      emitVoteChanged(ctx.services, vote, 'opened');
      return voteView(ctx.services.dataSource, actor, vote.id);
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/votes',
    operationId: 'listVotes',
    summary: "The community's votes, newest first",
    tag: 'votes',
    params: idParam,
    response: {
      schema: z.array(
        z.object({
          id: z.number().int(),
          title: z.string(),
          electorate: z.string(),
          method: z.string(),
          meetingId: z.number().int().nullable(),
          status: z.string(),
          closesAt: z.string(),
        }),
      ),
      description: 'Votes',
    },
    handler: async (ctx, { params }) => {
      const votes = await ctx.services.dataSource
        .getRepository(Vote)
        .find({ where: { communityId: params.id }, order: { id: 'DESC' }, take: 100 });
      return votes.map((v) => ({
        id: v.id,
        title: v.title,
        electorate: v.electorate,
        method: v.method,
        meetingId: v.meetingId,
        status: v.status,
        closesAt: v.closesAt.toISOString(),
      }));
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/votes/:id',
    operationId: 'getVote',
    summary: 'A vote, its participation, and its tally when results are live or it is closed',
    tag: 'votes',
    params: idParam,
    response: { schema: voteViewSchema, description: 'The vote' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => voteView(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/votes/:id/ballots',
    operationId: 'castBallot',
    summary:
      'Cast a ballot — yes/no/abstain or options by number; as an authorized proxy with proxyId (one counted ballot per voter; the receipt code is returned once)',
    tag: 'votes',
    params: idParam,
    body: castBallotBodySchema,
    idempotent: 'in-transaction',
    // The ballot's own transaction confirms the token's user where it can (castBallot).
    deferActor: true,
    response: { status: 201, schema: castResultSchema, description: 'Counted' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_VERIFIED', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION', 'CONFLICT'],
    handler: async (ctx, { params, body, principal }) => {
      const cast = await castBallot(ctx.services.dataSource, principal, params.id, body);
      const vote = await votePlaceOf(ctx.services.dataSource, params.id);
      if (vote) emitVoteChanged(ctx.services, vote, 'ballot');
      return cast;
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/votes/:id/close',
    operationId: 'closeVote',
    summary: 'Moderators: close the vote and publish its record (closing again answers the same result)',
    tag: 'votes',
    params: idParam,
    body: z.object({}).strict(),
    response: { schema: z.record(z.string(), z.unknown()), description: 'The final tally' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, actor }) => {
      const { result, vote, closedNow } = await closeVote(
        ctx.services.dataSource,
        ctx.services.storage,
        actor,
        params.id,
      );
      if (closedNow) emitVoteChanged(ctx.services, vote, 'closed');
      return result;
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/votes/:id/record',
    operationId: 'getVoteRecord',
    summary:
      'The published record of a closed vote: counted ballots in a hash chain (check it with npm run verify-log)',
    tag: 'votes',
    params: idParam,
    response: { schema: z.record(z.string(), z.unknown()), description: 'The record' },
    errors: ['NOT_FOUND', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params }) => {
      ctx.set('Content-Disposition', `inline; filename="vote-${params.id}-record.json"`);
      return voteRecord(ctx.services.dataSource, ctx.services.storage, params.id);
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/votes/:id/receipt',
    operationId: 'findReceipt',
    summary: 'A voter finds their entry in the published record by their receipt code',
    tag: 'votes',
    params: idParam,
    query: z.object({ code: z.string().trim().min(8).max(40) }).strict(),
    response: {
      schema: z.object({ entry: z.record(z.string(), z.unknown()).nullable() }),
      description: 'The entry, or null',
    },
    errors: ['NOT_FOUND', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, query }) => ({
      entry: entryForReceipt(await voteRecord(ctx.services.dataSource, ctx.services.storage, params.id), query.code),
    }),
  });
  registerPaperBallotRoutes(api);
  registerProxyRoutes(api);
}
