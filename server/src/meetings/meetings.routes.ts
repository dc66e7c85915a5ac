import { z } from 'zod';
import { cancelMeetingBodySchema } from '../../../shared/src/meetings/live.schema';
import {
  checkInBodySchema,
  meetingViewSchema,
  rollCallBodySchema,
  scheduleMeetingBodySchema,
} from '../../../shared/src/meetings/meetings.schema';
import { idParam } from '../../../shared/src/members/members.schema';
import type { Api } from '../http/operations';
import { announceMeeting, cancelMeeting, checkIn, meetingView, rollCall, scheduleMeeting } from './meetings.service';

/** Negotiation meetings: scheduling, the notice, check-in and attendance. */
export function registerMeetingRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings',
    operationId: 'scheduleMeeting',
    summary: "Moderators: schedule a council's meeting with its agenda of open topics",
    tag: 'meetings',
    body: scheduleMeetingBodySchema,
    idempotent: true,
    response: { status: 201, schema: meetingViewSchema, description: 'Scheduled' },
    errors: ['NOT_FOUND', 'FORBIDDEN'],
    handler: async (ctx, { body, actor }) => {
      const meeting = await scheduleMeeting(ctx.services.dataSource, actor, body);
      return meetingView(ctx.services.dataSource, actor, meeting.id);
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/meetings/:id',
    operationId: 'getMeeting',
    summary: 'A meeting: notice, agenda, invitees (named masked) and attendance with the quorum',
    tag: 'meetings',
    params: idParam,
    response: { schema: meetingViewSchema, description: 'The meeting' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => meetingView(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/announce',
    operationId: 'announceMeeting',
    summary: 'Moderators: publish the notice (at least the notice period ahead); invitees are told',
    tag: 'meetings',
    params: idParam,
    body: z.object({}).strict(),
    response: { schema: meetingViewSchema, description: 'Announced' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, actor }) => {
      await announceMeeting(ctx.services, actor, params.id);
      return meetingView(ctx.services.dataSource, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/check-in',
    operationId: 'checkInToMeeting',
    summary: "An invitee checks in with the meeting's code (scanned QR code or typed)",
    tag: 'meetings',
    params: idParam,
    body: checkInBodySchema,
    response: { schema: meetingViewSchema, description: 'Checked in' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await checkIn(ctx.services, actor, params.id, body.code);
      return meetingView(ctx.services.dataSource, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/roll-call',
    operationId: 'rollCall',
    summary: 'Moderators: mark an invitee present (roll call)',
    tag: 'meetings',
    params: idParam,
    body: rollCallBodySchema,
    response: { schema: meetingViewSchema, description: 'Marked present' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await rollCall(ctx.services, actor, params.id, body.userId);
      return meetingView(ctx.services.dataSource, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/cancel',
    operationId: 'cancelMeeting',
    summary: 'Moderators: cancel a meeting before it starts (its topics leave the agenda; invitees are told)',
    tag: 'meetings',
    params: idParam,
    body: cancelMeetingBodySchema,
    response: { schema: meetingViewSchema, description: 'Cancelled' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'],
    handler: async (ctx, { params, body, actor }) => {
      await cancelMeeting(ctx.services, actor, params.id, body.reason);
      return meetingView(ctx.services.dataSource, actor, params.id);
    },
  });
}
