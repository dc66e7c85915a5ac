import { liveQuerySchema, liveStateSchema } from '../../../shared/src/meetings/live.schema';
import { idParam } from '../../../shared/src/members/members.schema';
import type { AppServices } from '../http/context';
import type { Api } from '../http/operations';
import { MeetingInvitee } from '../meetings/meetings.entity';
import { liveHubOf } from './live';
import { buildLiveState, forAudience, liveAudience, loadLiveMeeting } from './live-state';

/** Longest a long-poll waits (seconds): under common proxy and WeChat request timeouts. */
const LONG_POLL_SECONDS = 25;

/**
 * The live state over HTTP: at once, or as a long-poll (`since`) — the
 * fallback of clients whose WebSocket cannot connect. The WebSocket itself is
 * served by live-socket.ts on the listening server.
 */
export function registerLiveRoutes(api: Api, services: AppServices): void {
  liveHubOf(services);
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/meetings/:id/live',
    operationId: 'getLiveState',
    summary:
      'The live state of a meeting (current item, speakers, votes, attendance, decisions); with `since`, waits up to 25 s for a newer version',
    tag: 'meetings',
    params: idParam,
    query: liveQuerySchema,
    response: { schema: liveStateSchema, description: 'The live state' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, query, actor }) => {
      const ds = ctx.services.dataSource;
      const meeting = await loadLiveMeeting(ds, params.id);
      const invited = actor
        ? await ds.getRepository(MeetingInvitee).exists({ where: { meetingId: meeting.id, userId: actor.userId } })
        : false;
      const audience = liveAudience(actor, meeting, invited);
      if (query.since !== undefined && meeting.liveVersion <= query.since && !ctx.services.lifecycle.draining) {
        const gone = new AbortController();
        const onClose = () => gone.abort();
        ctx.res.once('close', onClose);
        try {
          await liveHubOf(ctx.services, ctx.log).waitForNewer(
            meeting.id,
            query.since,
            (query.wait ?? LONG_POLL_SECONDS) * 1000,
            gone.signal,
          );
        } finally {
          ctx.res.off('close', onClose);
        }
      }
      return forAudience(await buildLiveState(ds, meeting.id, actor), audience);
    },
  });
}
