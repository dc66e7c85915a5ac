import { z } from 'zod';
import {
  addSpeakerBodySchema,
  decideItemBodySchema,
  grantFloorBodySchema,
  itemParams,
  liveStateSchema,
  speakerParams,
} from '../../../shared/src/meetings/live.schema';
import { editMinutesBodySchema, minutesViewSchema } from '../../../shared/src/meetings/minutes';
import { idParam } from '../../../shared/src/members/members.schema';
import type { Actor } from '../auth/actor';
import type { AppServices } from '../http/context';
import type { Api } from '../http/operations';
import { buildLiveState } from '../live/live-state';
import { editMinutes, minutesView, publishMinutes } from './meetings.minutes';
import {
  addSpeaker,
  closeMeeting,
  decideAgendaItem,
  endSpeech,
  grantFloor,
  openAgendaItem,
  requestFloor,
  startMeeting,
  withdrawSpeaker,
} from './meetings.session';

const empty = z.object({}).strict();
const SESSION_ERRORS = ['NOT_FOUND', 'FORBIDDEN', 'ILLEGAL_TRANSITION'] as const;

/** Actions in session answer the new live state as the actor sees it. */
const stateFor = (services: AppServices, actor: Actor, id: number) => buildLiveState(services.dataSource, id, actor);

/** The live session (start, agenda items, speakers, conclusions, close) and the minutes. */
export function registerMeetingSessionRoutes(api: Api): void {
  const live = { schema: liveStateSchema, description: 'The live state after the change' };
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/start',
    operationId: 'startMeeting',
    summary: 'Moderators: start an announced meeting on its day (from two hours before its time)',
    tag: 'meetings',
    params: idParam,
    body: empty,
    response: live,
    errors: [...SESSION_ERRORS],
    handler: async (ctx, { params, actor }) => {
      await startMeeting(ctx.services, actor, params.id);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/items/:itemId/open',
    operationId: 'openAgendaItem',
    summary: 'Moderators: open an agenda item for discussion (one at a time, each once)',
    tag: 'meetings',
    params: itemParams,
    body: empty,
    response: live,
    errors: [...SESSION_ERRORS],
    handler: async (ctx, { params, actor }) => {
      await openAgendaItem(ctx.services, actor, params.id, params.itemId);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/items/:itemId/decide',
    operationId: 'decideAgendaItem',
    summary:
      "Moderators: record the current item's conclusion (a resolution moves its topic to decided; no decision to deliberated)",
    tag: 'meetings',
    params: itemParams,
    body: decideItemBodySchema,
    idempotent: true,
    response: live,
    errors: [...SESSION_ERRORS, 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) => {
      await decideAgendaItem(ctx.services, actor, params.id, params.itemId, body);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/floor-requests',
    operationId: 'requestFloor',
    summary: 'A checked-in participant asks for the floor on the current item',
    tag: 'meetings',
    params: idParam,
    body: empty,
    idempotent: true,
    response: { ...live, status: 201 },
    errors: [...SESSION_ERRORS, 'CONFLICT', 'MEMBER_SUSPENDED'],
    handler: async (ctx, { params, actor }) => {
      await requestFloor(ctx.services, actor, params.id);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/speakers',
    operationId: 'addSpeaker',
    summary: 'Moderators: put a checked-in participant on the list of speakers',
    tag: 'meetings',
    params: idParam,
    body: addSpeakerBodySchema,
    idempotent: true,
    response: { ...live, status: 201 },
    errors: [...SESSION_ERRORS, 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) => {
      await addSpeaker(ctx.services, actor, params.id, body.userId);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/speakers/:speakerId/grant',
    operationId: 'grantFloor',
    summary: 'Moderators: give the floor to a waiting speaker for a time (clients count down from its start)',
    tag: 'meetings',
    params: speakerParams,
    body: grantFloorBodySchema,
    response: live,
    errors: [...SESSION_ERRORS],
    handler: async (ctx, { params, body, actor }) => {
      await grantFloor(ctx.services, actor, params.id, params.speakerId, body.seconds);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/speakers/:speakerId/end',
    operationId: 'endSpeech',
    summary: 'The moderator or the speaker ends the speech',
    tag: 'meetings',
    params: speakerParams,
    body: empty,
    response: live,
    errors: [...SESSION_ERRORS, 'MEMBER_SUSPENDED'],
    handler: async (ctx, { params, actor }) => {
      await endSpeech(ctx.services, actor, params.id, params.speakerId);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/speakers/:speakerId/withdraw',
    operationId: 'withdrawSpeaker',
    summary: 'The moderator or who asked takes a waiting request off the list',
    tag: 'meetings',
    params: speakerParams,
    body: empty,
    response: live,
    errors: [...SESSION_ERRORS, 'MEMBER_SUSPENDED'],
    handler: async (ctx, { params, actor }) => {
      await withdrawSpeaker(ctx.services, actor, params.id, params.speakerId);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/close',
    operationId: 'closeMeeting',
    summary: 'Moderators: close the meeting (items not discussed leave the agenda; the minutes are drafted)',
    tag: 'meetings',
    params: idParam,
    body: empty,
    response: live,
    errors: [...SESSION_ERRORS],
    handler: async (ctx, { params, actor }) => {
      await closeMeeting(ctx.services, actor, params.id);
      return stateFor(ctx.services, actor, params.id);
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/meetings/:id/minutes',
    operationId: 'getMinutes',
    summary: 'The minutes: published for everyone, the draft for the community’s moderators',
    tag: 'meetings',
    params: idParam,
    response: { schema: minutesViewSchema, description: 'The minutes' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => minutesView(ctx.services.dataSource, actor, params.id),
  });
  api.add({
    method: 'patch',
    auth: 'user',
    path: '/api/meetings/:id/minutes',
    operationId: 'editMinutes',
    summary: 'Moderators: edit the draft minutes (send the revision the edit started from)',
    tag: 'meetings',
    params: idParam,
    body: editMinutesBodySchema,
    response: { schema: minutesViewSchema, description: 'The edited draft' },
    errors: [...SESSION_ERRORS, 'CONFLICT'],
    handler: async (ctx, { params, body, actor }) => {
      await editMinutes(ctx.services, actor, params.id, body);
      return minutesView(ctx.services.dataSource, actor, params.id);
    },
  });
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/meetings/:id/minutes/publish',
    operationId: 'publishMinutes',
    summary: 'Moderators: publish the minutes (public and frozen from then on; invitees are told)',
    tag: 'meetings',
    params: idParam,
    body: empty,
    response: { schema: minutesViewSchema, description: 'Published' },
    errors: [...SESSION_ERRORS],
    handler: async (ctx, { params, actor }) => {
      await publishMinutes(ctx.services, actor, params.id);
      return minutesView(ctx.services.dataSource, actor, params.id);
    },
  });
}
