import { z } from 'zod';
import { healthSchema, readinessSchema } from '../../../shared/src/system/system.schema';
import type { Api } from '../http/operations';
import { pingDatabase } from './system.service';

/** Health, readiness and the API description. */
export function registerSystemRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/health',
    operationId: 'getHealth',
    summary: 'Liveness: the process answers and which database it uses',
    tag: 'system',
    response: { schema: healthSchema, description: 'The server is alive' },
    handler: async (ctx) => ({ status: 'ok' as const, db: ctx.services.dialect, version: ctx.services.config.version }),
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/ready',
    operationId: 'getReadiness',
    summary: 'Readiness: 503 while draining or when the database is unreachable',
    tag: 'system',
    response: { schema: readinessSchema, description: 'The server takes traffic' },
    errors: ['SERVICE_UNAVAILABLE'],
    handler: async (ctx) => {
      const { lifecycle, dialect, dataSource } = ctx.services;
      if (lifecycle.draining) {
        ctx.set('Retry-After', '5');
        ctx.status = 503;
        ctx.body = { status: 'draining', db: dialect };
        return undefined;
      }
      if (!(await pingDatabase(dataSource))) {
        ctx.set('Retry-After', '2');
        ctx.status = 503;
        ctx.body = { status: 'unavailable', db: dialect };
        return undefined;
      }
      return { status: 'ready' as const, db: dialect };
    },
  });

  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    summary: 'This API described as OpenAPI 3.1',
    tag: 'system',
    response: { schema: z.record(z.string(), z.unknown()), description: 'The OpenAPI 3.1 document' },
    handler: async (ctx) =>
      api.document({ version: ctx.services.config.version }) as unknown as Record<string, unknown>,
  });
}
