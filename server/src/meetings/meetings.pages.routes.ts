import { z } from 'zod';
import {
  agendaCandidateSchema,
  meetingInviteeSchema,
  meetingListQuerySchema,
  meetingPageSchema,
} from '../../../shared/src/meetings/meeting-lists.schema';
import { idParam } from '../../../shared/src/members/members.schema';
import type { Api } from '../http/operations';
import { browseMeetings, listAgendaCandidates, listMeetingInvitees } from './meetings.lists';
import { checkInQrPng } from './meetings.qr';

/** What the meeting pages read besides the meeting: lists by time, the roll call, agenda topics, the check-in QR code. */
export function registerMeetingPageRoutes(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/communities/:id/meetings/browse',
    operationId: 'browseMeetings',
    summary:
      "The community's meetings by time, paged: `upcoming` (not closed, soonest first; planned ones for its " +
      'moderators only) or `past` (latest first). Public fields only',
    tag: 'meetings',
    params: idParam,
    query: meetingListQuerySchema,
    response: { schema: meetingPageSchema, description: 'One page; pass `nextCursor` as `cursor` for the next' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query, actor }) => browseMeetings(ctx.services.dataSource, actor, params.id, query),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/meetings/:id/invitees',
    operationId: 'listMeetingInvitees',
    summary: 'Moderators: the invitees with real names and how each checked in (for the roll call)',
    tag: 'meetings',
    params: idParam,
    response: { schema: z.array(meetingInviteeSchema), description: 'Invitees, council first as invited' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, actor }) => listMeetingInvitees(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/communities/:id/agenda-topics',
    operationId: 'listAgendaCandidates',
    summary: "Moderators: the community's topics a meeting's agenda may take, most co-signed first (at most 100)",
    tag: 'meetings',
    params: idParam,
    response: { schema: z.array(agendaCandidateSchema), description: 'Topics' },
    errors: ['FORBIDDEN'],
    handler: async (ctx, { params, actor }) => listAgendaCandidates(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/meetings/:id/check-in-qr',
    operationId: 'getCheckInQr',
    summary:
      "Moderators: the meeting's check-in QR code (PNG) for the room screen; it links to the meeting with the code",
    tag: 'meetings',
    params: idParam,
    response: { description: 'The QR code', contentType: 'image/png' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { params, actor }) => {
      // The public origin when configured, else the host this request came to (the H5 app is served there too).
      const { config } = ctx.services;
      const base =
        config.publicBaseUrl ?? (ctx.host ? `${ctx.protocol}://${ctx.host}` : `http://127.0.0.1:${config.port}`);
      const png = await checkInQrPng(ctx.services.dataSource, actor, params.id, base);
      ctx.status = 200;
      ctx.type = 'image/png';
      ctx.set('Cache-Control', 'private, no-store');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = png;
      return undefined;
    },
  });
}
