import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import { authorizeProxyBodySchema, proxyViewSchema } from '../../../shared/src/votes/votes.schema';
import type { Api } from '../http/operations';
import { authorizeProxy, listVoteProxies, openProxyAuthorization, revokeProxy } from './votes.proxy';

/** Proxies: a voter authorizes a verified member to cast for them in one vote; moderators check the signed form. */
export function registerProxyRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/votes/:id/proxies',
    operationId: 'authorizeProxy',
    summary:
      'An eligible voter authorizes a verified member of the community (found by unit and name) to cast for them, with a photo of the signed form',
    tag: 'votes',
    params: idParam,
    body: authorizeProxyBodySchema,
    idempotent: true,
    response: { status: 201, schema: proxyViewSchema, description: 'Authorized' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'NOT_VERIFIED', 'MEMBER_SUSPENDED', 'ILLEGAL_TRANSITION', 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) => authorizeProxy(ctx.services.dataSource, actor, params.id, body),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/vote-proxies/:id/revoke',
    operationId: 'revokeProxy',
    summary: 'The voter revokes their proxy before the proxy has cast',
    tag: 'votes',
    params: idParam,
    body: z.object({}).strict(),
    response: { schema: proxyViewSchema, description: 'Revoked' },
    errors: ['NOT_FOUND', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, actor }) => revokeProxy(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/votes/:id/proxies',
    operationId: 'listVoteProxies',
    summary: "Moderators: a vote's proxy authorizations with names and the link to each signed form",
    tag: 'votes',
    params: idParam,
    response: { schema: z.array(proxyViewSchema), description: 'Authorizations' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, actor }) => listVoteProxies(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/vote-proxies/:id/authorization',
    operationId: 'getProxyAuthorization',
    summary: 'The photo of a signed proxy authorization (moderators of the community, and the voter who gave it)',
    tag: 'votes',
    params: idParam,
    response: { description: 'The photo', contentType: 'image/*' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      const photo = await openProxyAuthorization(ctx.services.dataSource, ctx.services.storage, actor, params.id);
      ctx.status = 200;
      ctx.type = photo.contentType;
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Disposition', 'inline');
      ctx.body = photo.stream;
      return undefined;
    },
  });
}
