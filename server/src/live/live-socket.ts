import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import { LIVE_CLOSE_CODES } from '../../../shared/src/meetings/live.schema';
import { type Actor, loadActor } from '../auth/actor';
import type { AppServices } from '../http/context';
import { MeetingInvitee } from '../meetings/meetings.entity';
import { liveHubOf } from './live';
import type { LiveHub, LiveSink, LiveSnapshot } from './live-hub';
import { liveAudience, loadLiveMeeting } from './live-state';

const PATH = /^\/api\/meetings\/([1-9][0-9]{0,9})\/live\/ws$/;

export interface LiveSocketOptions {
  /** Ping every this many ms; a socket that did not answer the previous ping is closed. */
  heartbeatMs?: number;
}

export interface LiveSockets {
  /** Open sockets of this process. */
  count(): number;
  /** Closes every socket with 1012 (service restart: reconnect, maybe elsewhere) and answers long-polls. */
  close(): Promise<void>;
}

/**
 * One subscriber's socket. At most one frame is in flight: while the socket
 * is still writing, newer states replace the pending one, so a slow client
 * skips intermediate versions and always ends with the newest. A client that
 * already holds the session version gets only the votes.
 */
class SocketSink implements LiveSink {
  private sentVersion: number;
  private sentSessionVersion = -1;
  private pending: LiveSnapshot | undefined;
  private inFlight = false;

  constructor(
    private readonly ws: WebSocket,
    private readonly audience: 'member' | 'public',
    since: number,
  ) {
    this.sentVersion = since;
  }

  offer(snapshot: LiveSnapshot): void {
    if (snapshot.version <= Math.max(this.sentVersion, this.pending?.version ?? -1)) return;
    this.pending = snapshot;
    this.pump();
  }

  private pump(): void {
    const next = this.pending;
    if (this.inFlight || !next || this.ws.readyState !== WebSocket.OPEN) return;
    this.pending = undefined;
    const frame = next.sessionVersion === this.sentSessionVersion ? next.votesFrame() : next.stateFrame(this.audience);
    this.sentVersion = next.version;
    this.sentSessionVersion = next.sessionVersion;
    this.inFlight = true;
    this.ws.send(frame, (error) => {
      this.inFlight = false;
      if (error) this.ws.terminate();
      else this.pump();
    });
  }
}

/**
 * Serves the live WebSocket on the HTTP server: `/api/meetings/:id/live/ws?token=…&since=V`.
 * The token is the session JWT (optional: announced meetings are public, with
 * masked names and no user ids). Refusals close the socket with a 44xx code
 * (LIVE_CLOSE_CODES) a client must not retry as is.
 */
export function attachLiveSockets(
  server: Server,
  services: AppServices,
  logger: Logger,
  options: LiveSocketOptions = {},
): LiveSockets {
  const hub = liveHubOf(services, logger);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (services.lifecycle.draining) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', () => ws.terminate());
      void serve(ws, hub, services, Number(match[1]), url.searchParams).catch((err: unknown) => {
        logger.warn({ err }, 'live: socket setup failed');
        ws.close(LIVE_CLOSE_CODES.serviceRestart, 'try again');
      });
    });
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    count: () => wss.clients.size,
    close: async () => {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      hub.releaseWaiters();
      const closing = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              ws.terminate();
              resolve();
            }, 1000);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(LIVE_CLOSE_CODES.serviceRestart, 'server restart');
          }),
      );
      await Promise.all(closing);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

async function authenticate(services: AppServices, token: string | null): Promise<Actor | undefined | 'invalid'> {
  if (!token) return undefined;
  try {
    const claims = await services.tokens.verify(token);
    const actor = await loadActor(services.dataSource, claims.userId);
    if (!actor || actor.user.tokenVersion !== claims.version) return 'invalid';
    return actor;
  } catch {
    return 'invalid';
  }
}

async function serve(
  ws: WebSocket,
  hub: LiveHub,
  services: AppServices,
  meetingId: number,
  params: URLSearchParams,
): Promise<void> {
  const sinceText = params.get('since');
  const since = sinceText === null || sinceText === '' ? -1 : Number(sinceText);
  if (!Number.isSafeInteger(since) || since < -1) {
    ws.close(LIVE_CLOSE_CODES.badRequest, 'bad since');
    return;
  }
  const actor = await authenticate(services, params.get('token'));
  if (actor === 'invalid') {
    ws.close(LIVE_CLOSE_CODES.unauthenticated, 'token invalid');
    return;
  }
  let audience: 'member' | 'public';
  try {
    const meeting = await loadLiveMeeting(services.dataSource, meetingId);
    const invited = actor
      ? await services.dataSource.getRepository(MeetingInvitee).exists({ where: { meetingId, userId: actor.userId } })
      : false;
    audience = liveAudience(actor, meeting, invited);
  } catch {
    ws.close(LIVE_CLOSE_CODES.notFound, 'no such meeting');
    return;
  }
  if (ws.readyState !== WebSocket.OPEN) return;
  const sink = new SocketSink(ws, audience, since);
  // Subscribe first, then read the state: a change in between reaches the sink either way.
  const unsubscribe = hub.subscribe(meetingId, sink);
  ws.on('close', unsubscribe);
  ws.on('message', (data, isBinary) => {
    if (!isBinary && data.toString() === '{"type":"ping"}') ws.send('{"type":"pong"}');
  });
  const known = hub.latestOf(meetingId);
  if (known) sink.offer(known);
  sink.offer(await hub.refresh(meetingId));
}
