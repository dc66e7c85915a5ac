import { z } from 'zod';
import { meSchema } from '../../../shared/src/auth/auth.schema';
import {
  buildingSchema,
  claimBodySchema,
  claimListQuerySchema,
  claimViewSchema,
  communitySummarySchema,
  grantRoleBodySchema,
  idParam,
  memberListQuerySchema,
  memberPathSchema,
  memberSchema,
  moderationClaimSchema,
  rejectClaimBodySchema,
  roleGrantSchema,
  suspendBodySchema,
  unitOptionSchema,
} from '../../../shared/src/members/members.schema';
import { loadActor } from '../auth/actor';
import { describeMe } from '../auth/auth.service';
import type { Api } from '../http/operations';
import {
  claimUnit,
  decideClaim,
  grantRole,
  joinCommunity,
  listBuildings,
  listClaimsForModeration,
  listCommunities,
  listMembers,
  listUnits,
  revokeRole,
  setMemberSuspended,
  withdrawClaim,
} from './members.service';

/** Communities to choose from, unit claims and their moderation, members, roles. */
export function registerMembersRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities',
    operationId: 'listCommunities',
    summary: 'Communities with their sub-district and estates',
    tag: 'communities',
    response: { schema: z.array(communitySummarySchema), description: 'Communities' },
    handler: async (ctx) => listCommunities(ctx.services.dataSource),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/estates/:id/buildings',
    operationId: 'listBuildings',
    summary: "An estate's buildings (for choosing a unit)",
    tag: 'communities',
    params: idParam,
    response: { schema: z.array(buildingSchema), description: 'Buildings' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => listBuildings(ctx.services.dataSource, params.id),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/buildings/:id/units',
    operationId: 'listUnits',
    summary: "A building's units (labels only)",
    tag: 'communities',
    params: idParam,
    response: { schema: z.array(unitOptionSchema), description: 'Units' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => listUnits(ctx.services.dataSource, params.id),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/communities/:id/join',
    operationId: 'joinCommunity',
    summary: 'Join a community (before or without verifying a unit)',
    tag: 'members',
    params: idParam,
    body: z.object({}).strict(),
    response: { schema: meSchema, description: 'Joined' },
    errors: ['NOT_FOUND', 'PRIVACY_CONSENT_REQUIRED', 'MEMBER_SUSPENDED'],
    handler: async (ctx, { params, actor }) => {
      await joinCommunity(ctx.services.dataSource, actor, params.id);
      return describeMe(ctx.services.dataSource, (await loadActor(ctx.services.dataSource, actor.userId))!);
    },
  });

  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/claims',
    operationId: 'claimUnit',
    summary: 'Claim a unit as owner, family member or tenant (owners matching the roster are approved at once)',
    tag: 'members',
    body: claimBodySchema,
    response: { status: 201, schema: claimViewSchema, description: 'Claim filed (approved or pending)' },
    errors: ['NOT_FOUND', 'PRIVACY_CONSENT_REQUIRED', 'MEMBER_SUSPENDED', 'CONFLICT'],
    handler: async (ctx, { body, actor }) => claimUnit(ctx.services.dataSource, actor, body),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/claims/:id/withdraw',
    operationId: 'withdrawClaim',
    summary: 'Withdraw one of my pending claims',
    tag: 'members',
    params: idParam,
    body: z.object({}).strict(),
    response: { schema: claimViewSchema, description: 'Withdrawn' },
    errors: ['NOT_FOUND', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, actor }) => withdrawClaim(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/claims',
    operationId: 'listClaimsForModeration',
    summary: "Moderators: the community's unit claims with the roster entries of each unit",
    tag: 'moderation',
    params: idParam,
    query: claimListQuerySchema,
    response: { schema: z.array(moderationClaimSchema), description: 'Claims' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      listClaimsForModeration(ctx.services.dataSource, actor, params.id, query.status),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/claims/:id/approve',
    operationId: 'approveClaim',
    summary: 'Moderators: approve a pending claim (the resident is told)',
    tag: 'moderation',
    params: idParam,
    body: z.object({}).strict(),
    response: { schema: claimViewSchema, description: 'Approved' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, actor }) =>
      decideClaim(ctx.services.dataSource, actor, params.id, { approve: true }),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/claims/:id/reject',
    operationId: 'rejectClaim',
    summary: 'Moderators: reject a pending claim with a reason (the resident is told)',
    tag: 'moderation',
    params: idParam,
    body: rejectClaimBodySchema,
    response: { schema: claimViewSchema, description: 'Rejected' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) =>
      decideClaim(ctx.services.dataSource, actor, params.id, { approve: false, reason: body.reason }),
  });

  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/members',
    operationId: 'listMembers',
    summary: 'Moderators: members with real names, phones, roles and verified units',
    tag: 'moderation',
    params: idParam,
    query: memberListQuerySchema,
    response: { schema: z.array(memberSchema), description: 'Members, by user id' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) => listMembers(ctx.services.dataSource, actor, params.id, query),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/communities/:id/members/:userId/suspend',
    operationId: 'suspendMember',
    summary: 'Moderators: suspend a member (they can read but not act in the community)',
    tag: 'moderation',
    params: memberPathSchema,
    body: suspendBodySchema,
    response: { status: 204, description: 'Suspended' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { params, body, actor }) => {
      await setMemberSuspended(ctx.services.dataSource, actor, params.id, params.userId, {
        suspend: true,
        reason: body.reason,
      });
      return undefined;
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/communities/:id/members/:userId/restore',
    operationId: 'restoreMember',
    summary: 'Moderators: restore a suspended member',
    tag: 'moderation',
    params: memberPathSchema,
    body: z.object({}).strict(),
    response: { status: 204, description: 'Restored' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      await setMemberSuspended(ctx.services.dataSource, actor, params.id, params.userId, { suspend: false });
      return undefined;
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/communities/:id/roles',
    operationId: 'grantRole',
    summary: 'Moderators: grant a member a role in the community or one of its estates',
    tag: 'moderation',
    params: idParam,
    body: grantRoleBodySchema,
    response: { status: 201, schema: roleGrantSchema, description: 'Granted' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { params, body, actor }) => {
      const grant = await grantRole(ctx.services.dataSource, actor, params.id, body);
      return {
        id: grant.id,
        userId: grant.userId,
        role: grant.role,
        scopeType: grant.scopeType,
        scopeId: grant.scopeId,
        organisation: grant.organisation,
      };
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/roles/:id/revoke',
    operationId: 'revokeRole',
    summary: 'Moderators: revoke a role at once',
    tag: 'moderation',
    params: idParam,
    body: z.object({}).strict(),
    response: { status: 204, description: 'Revoked' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      await revokeRole(ctx.services.dataSource, actor, params.id);
      return undefined;
    },
  });
}
