import 'reflect-metadata';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Logger } from 'pino';
import { Counter } from 'prom-client';
import { installChineseValidationMessages } from '../../shared/src/validation/zod-locale';
import { registerAuditRoutes } from './audit/audit.routes';
import { registerAuthRoutes } from './auth/auth.routes';
import { registerCommunityRoutes } from './communities/communities.routes';
import { registerCouncilRoutes } from './councils/councils.routes';
import { registerGroupRoutes } from './groups/groups.routes';
import { AppError } from './http/app-error';
import type { AppServices, AppState } from './http/context';
import { errorHandler } from './http/error-handler';
import { createMetrics } from './http/metrics';
import { Api } from './http/operations';
import { requestId } from './http/request-id';
import { RouteTable } from './http/route-table';
import { serveH5 } from './http/static-h5';
import { registerLedgerRoutes } from './ledgers/ledgers.routes';
import { registerLiveRoutes } from './live/live.routes';
import { registerMeetingPageRoutes } from './meetings/meetings.pages.routes';
import { registerMeetingRoutes } from './meetings/meetings.routes';
import { registerMeetingSessionRoutes } from './meetings/meetings.session.routes';
import { registerMembersRoutes } from './members/members.routes';
import { registerNotificationRoutes } from './notifications/notifications.routes';
import { registerOutcomeRoutes } from './outcomes/outcomes.routes';
import { registerProjectRoutes } from './projects/projects.routes';
import { registerStatsRoutes } from './stats/stats.routes';
import { registerSystemRoutes } from './system/system.routes';
import { registerTopicCommentRoutes } from './topics/topics.comments.routes';
import { registerTopicListRoutes } from './topics/topics.lists.routes';
import { registerMediaCheckRoutes } from './topics/topics.media.routes';
import { registerTopicRoutes } from './topics/topics.routes';
import { registerUploadRoutes } from './uploads/uploads.routes';
import { ballotBatchPaths } from './votes/ballot-batch';
import { registerVoteRoutes } from './votes/votes.routes';

installChineseValidationMessages();

export type Feature = (api: Api, services: AppServices) => void;

/** Every feature's routes; a feature adds its register function here. */
export const FEATURES: Feature[] = [
  registerSystemRoutes,
  registerAuthRoutes,
  registerMembersRoutes,
  registerCommunityRoutes,
  registerNotificationRoutes,
  registerUploadRoutes,
  registerTopicRoutes,
  registerTopicCommentRoutes,
  registerMediaCheckRoutes,
  registerTopicListRoutes,
  registerGroupRoutes,
  registerVoteRoutes,
  registerCouncilRoutes,
  registerMeetingRoutes,
  registerProjectRoutes,
  registerMeetingPageRoutes,
  registerOutcomeRoutes,
  registerAuditRoutes,
  registerMeetingSessionRoutes,
  registerLiveRoutes,
  registerStatsRoutes,
  registerLedgerRoutes,
];

/**
 * Builds the Koa application around already-initialized services. Never
 * listens: main.ts does, and tests drive `app.callback()`.
 * Pipeline: request id → metrics → errors → body → API routes → H5 client.
 */
export function createApp(services: AppServices, logger: Logger, features: Feature[] = FEATURES): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: services.config.trustProxy });
  app.context.services = services;
  app.context.log = logger;
  // Errors are answered by errorHandler; Koa's own handler would print them again.
  app.silent = true;

  const metrics = createMetrics();
  new Counter({
    name: 'yishi_ballot_batches_total',
    help: 'Ballot batches this process committed, by path: one_trip (first ballots), reading (read, then write), one_by_one (after the database refused a batch)',
    labelNames: ['path'] as const,
    registers: [metrics.registry],
    collect() {
      const paths = ballotBatchPaths(services.dataSource);
      this.reset();
      this.inc({ path: 'one_trip' }, paths.oneTrip);
      this.inc({ path: 'reading' }, paths.reading);
      this.inc({ path: 'one_by_one' }, paths.oneByOne);
    },
  });
  const routes = new RouteTable();
  const api = new Api(routes);
  for (const register of features) register(api, services);

  routes.routerFor('/metrics').get('/metrics', async (ctx) => {
    ctx.state.operationId = 'metrics';
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });

  app.use(requestId());
  app.use(metrics.middleware);
  app.use(errorHandler());
  app.use(
    bodyParser({
      enableTypes: ['json'],
      jsonLimit: '1mb',
      jsonStrict: true,
      encoding: 'utf-8',
    }),
  );
  app.use(routes.routes());
  app.use(async (ctx, next) => {
    if (ctx.path.startsWith('/api')) {
      const matched = routes.matchingPaths(ctx.path, ctx.method);
      if (matched.length > 0) {
        throw new AppError('METHOD_NOT_ALLOWED', { headers: { Allow: allowedMethods(matched) } });
      }
      throw new AppError('ROUTE_NOT_FOUND');
    }
    await next();
  });
  app.use(serveH5(services.config.h5Dir));
  return app;
}

function allowedMethods(layers: { methods: string[] }[]): string {
  return [...new Set(layers.flatMap((l) => l.methods))].join(', ');
}
