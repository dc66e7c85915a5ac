import { idParam } from '../../../shared/src/members/members.schema';
import { periodQuerySchema, resolvePeriod } from '../../../shared/src/stats/period';
import {
  communityStatsSchema,
  statsScopesSchema,
  subDistrictStatsSchema,
} from '../../../shared/src/stats/stats.schema';
import type { Api } from '../http/operations';
import { communityStats, statsScopes, subDistrictStats } from './stats.service';

/** Dashboards: a community's numbers, a sub-district's per community with totals, and what one may see. */
export function registerStatsRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/me/stats-scopes',
    operationId: 'listStatsScopes',
    summary: 'The communities and sub-districts the signed-in user may see ledgers and statistics of',
    tag: 'stats',
    response: { schema: statsScopesSchema, description: 'Communities and sub-districts' },
    handler: async (ctx, { actor }) => statsScopes(ctx.services.dataSource, actor),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/stats',
    operationId: 'getCommunityStats',
    summary:
      "Moderators and the sub-district's admins: a community's dashboard for a period (from–to, Shanghai days; default the last 12 months)",
    tag: 'stats',
    params: idParam,
    query: periodQuerySchema,
    response: { schema: communityStatsSchema, description: 'The numbers' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      communityStats(ctx.services.dataSource, actor, params.id, resolvePeriod(query)),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/sub-districts/:id/stats',
    operationId: 'getSubDistrictStats',
    summary: "Sub-district admins: every community's numbers for a period, and the totals",
    tag: 'stats',
    params: idParam,
    query: periodQuerySchema,
    response: { schema: subDistrictStatsSchema, description: 'Per community and totals' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, query, actor }) =>
      subDistrictStats(ctx.services.dataSource, actor, params.id, resolvePeriod(query)),
  });
}
