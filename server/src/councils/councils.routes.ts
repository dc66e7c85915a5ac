import { z } from 'zod';
import {
  appointSeatBodySchema,
  councilSchema,
  createCouncilBodySchema,
} from '../../../shared/src/councils/councils.schema';
import { idParam } from '../../../shared/src/members/members.schema';
import type { Api } from '../http/operations';
import { appointSeat, createCouncil, endSeat, listCouncils } from './councils.service';

/** Deliberation councils and their seats. */
export function registerCouncilRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/councils',
    operationId: 'listCouncils',
    summary: "The community's councils and current seats (holders named masked)",
    tag: 'councils',
    params: idParam,
    response: { schema: z.array(councilSchema), description: 'Councils' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params }) => listCouncils(ctx.services.dataSource, params.id),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/communities/:id/councils',
    operationId: 'createCouncil',
    summary: 'Moderators: set up a council for the community or one of its estates',
    tag: 'councils',
    params: idParam,
    body: createCouncilBodySchema,
    response: { status: 201, schema: z.object({ id: z.number().int() }), description: 'Created' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, body, actor }) => ({
      id: (await createCouncil(ctx.services.dataSource, actor, params.id, body)).id,
    }),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/councils/:id/seats',
    operationId: 'appointSeat',
    summary: 'Moderators: appoint a member to a seat (party, organisation, term)',
    tag: 'councils',
    params: idParam,
    body: appointSeatBodySchema,
    response: { status: 201, schema: z.object({ id: z.number().int() }), description: 'Appointed' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) => ({
      id: (await appointSeat(ctx.services.dataSource, actor, params.id, body)).id,
    }),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/seats/:id/end',
    operationId: 'endSeat',
    summary: 'Moderators: end a seat before its term ends',
    tag: 'councils',
    params: idParam,
    body: z.object({}).strict(),
    response: { status: 204, description: 'Ended' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, actor }) => {
      await endSeat(ctx.services.dataSource, actor, params.id);
      return undefined;
    },
  });
}
