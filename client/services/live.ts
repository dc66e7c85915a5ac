import {
  applyLiveMessage,
  LIVE_CLOSE_CODES,
  type LiveMessage,
  type LiveState,
  liveStateSchema,
} from '@shared/meetings/live.schema';
import Taro from '@tarojs/taro';
import { ApiError, apiBaseUrl, request } from './request';
import { getToken } from './session';

/**
 * Following a meeting live (议事会现场): a WebSocket (`Taro.connectSocket`, on
 * the mini-program and the web) that resumes from the last state version it
 * saw after every reconnect (with backoff), and falls back to long-polling
 * `GET /api/meetings/:id/live?since=V` when sockets keep failing (a network
 * that blocks them, a domain missing from the socket whitelist), trying the
 * socket again now and then. Pages call `subscribe(meetingId, onState)`.
 */

export type { LiveState };

/** What a page learns besides states: how it is connected, and when to stop trying. */
export interface LiveStatus {
  /** socket: live; polling: the fallback; connecting: between the two; stopped: see `error`. */
  mode: 'connecting' | 'socket' | 'polling' | 'stopped';
  /** Chinese, fit to show (e.g. the meeting does not exist). */
  error?: string;
}

/** The parts of Taro's SocketTask this service uses. */
export interface SocketTaskLike {
  onOpen(callback: () => void): void;
  onMessage(callback: (result: { data: unknown }) => void): void;
  onClose(callback: (result: { code: number; reason: string }) => void): void;
  onError(callback: (result: unknown) => void): void;
  send(option: { data: string }): void;
  close(option: { code?: number; reason?: string }): void;
}

export interface LiveTransport {
  connectSocket(url: string): SocketTaskLike | Promise<SocketTaskLike>;
  /** One long-poll: the state as soon as its version is above `since` (or after the server's wait). */
  poll(meetingId: number, since: number | undefined): Promise<LiveState>;
  token(): string | undefined;
}

export interface LiveOptions {
  onStatus?: (status: LiveStatus) => void;
  transport?: LiveTransport;
}

/** Reconnect delays grow 0.5 s, 1 s, 2 s … up to 15 s (with a little jitter so phones do not reconnect in step). */
export const BACKOFF = { firstMs: 500, maxMs: 15_000 } as const;
/** Consecutive socket failures without ever opening before falling back to polling. */
export const SOCKET_FAILURES_BEFORE_POLLING = 3;
/** While polling, try the socket again this often. */
export const SOCKET_RETRY_WHILE_POLLING_MS = 60_000;
/** Ping this often; a socket silent for PONG_TIMEOUT_MS after a ping is treated as dead. */
export const PING_EVERY_MS = 25_000;
export const PONG_TIMEOUT_MS = 10_000;

const LONG_POLL_TIMEOUT_MS = 35_000;

/** ws(s)://… of the live socket: the web build's own origin, or the mini-program's configured API origin. */
export function liveSocketUrl(meetingId: number, token: string | undefined, since: number | undefined): string {
  let base = apiBaseUrl();
  if (base.startsWith('/')) {
    const origin = typeof location === 'undefined' ? 'http://127.0.0.1:3000' : location.origin;
    base = `${origin}${base}`;
  }
  const query = [
    ...(token ? [`token=${encodeURIComponent(token)}`] : []),
    ...(since !== undefined ? [`since=${since}`] : []),
  ].join('&');
  return `${base.replace(/^http/, 'ws')}/meetings/${meetingId}/live/ws${query ? `?${query}` : ''}`;
}

export const taroTransport: LiveTransport = {
  connectSocket: (url) => Taro.connectSocket({ url }) as unknown as SocketTaskLike | Promise<SocketTaskLike>,
  poll: (meetingId, since) =>
    request(`/meetings/${meetingId}/live`, {
      data: since === undefined ? {} : { since },
      timeout: LONG_POLL_TIMEOUT_MS,
      showErrorToast: false,
      schema: liveStateSchema,
    }),
  token: getToken,
};

const REFUSALS: Record<number, string> = {
  [LIVE_CLOSE_CODES.notFound]: '没有这次会议，或会议还未公开',
  [LIVE_CLOSE_CODES.forbidden]: '您不能查看这次会议',
  [LIVE_CLOSE_CODES.badRequest]: '会议地址有误，请返回后重新进入',
};

/**
 * Follows a meeting: `onState` gets every newer state (never an older one).
 * Returns the function that stops following (call it when the page hides or unloads).
 */
export function subscribe(
  meetingId: number,
  onState: (state: LiveState) => void,
  options: LiveOptions = {},
): () => void {
  const transport = options.transport ?? taroTransport;
  let state: LiveState | null = null;
  let stopped = false;
  let task: SocketTaskLike | undefined;
  let failures = 0;
  let attempt = 0;
  let mode: LiveStatus['mode'] = 'connecting';
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let pongTimer: ReturnType<typeof setTimeout> | undefined;
  let retrySocketTimer: ReturnType<typeof setTimeout> | undefined;
  let polling = false;

  const setMode = (next: LiveStatus['mode'], error?: string) => {
    if (mode === next && !error) return;
    mode = next;
    options.onStatus?.({ mode: next, ...(error ? { error } : {}) });
  };

  const accept = (next: LiveState) => {
    if (state && next.version <= state.version) return;
    state = next;
    onState(next);
  };

  const clearSocketTimers = () => {
    if (pingTimer) clearInterval(pingTimer);
    if (pongTimer) clearTimeout(pongTimer);
    pingTimer = undefined;
    pongTimer = undefined;
  };

  const stop = (error?: string) => {
    stopped = true;
    polling = false;
    for (const t of [reconnectTimer, retrySocketTimer]) if (t) clearTimeout(t);
    clearSocketTimers();
    const open = task;
    task = undefined;
    try {
      open?.close({ code: 1000, reason: 'page left' });
    } catch {
      // already closed
    }
    setMode('stopped', error);
  };

  const backoff = () => {
    const ms = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** attempt);
    attempt += 1;
    return ms * (0.8 + Math.random() * 0.4);
  };

  /** The socket failed or closed: reconnect later, or fall back to polling after repeated failures. */
  const socketLost = (opened: boolean) => {
    clearSocketTimers();
    task = undefined;
    if (stopped || polling) return;
    if (!opened) failures += 1;
    if (failures >= SOCKET_FAILURES_BEFORE_POLLING) {
      startPolling();
      return;
    }
    setMode('connecting');
    reconnectTimer = setTimeout(connect, backoff());
  };

  const handleMessage = (raw: unknown, current: SocketTaskLike) => {
    if (pongTimer) clearTimeout(pongTimer);
    pongTimer = undefined;
    let message: LiveMessage;
    try {
      message = JSON.parse(typeof raw === 'string' ? raw : String(raw)) as LiveMessage;
    } catch {
      return;
    }
    const next = applyLiveMessage(state, message);
    if (next === 'ignore') return;
    if (next === null) {
      // A votes frame for a session we do not hold: reconnect and get the whole state.
      current.close({ code: 1000, reason: 'resync' });
      return;
    }
    accept(next);
  };

  async function connect(): Promise<void> {
    reconnectTimer = undefined;
    if (stopped || task) return;
    let opened = false;
    let lost = false;
    const lose = () => {
      if (lost) return;
      lost = true;
      socketLost(opened);
    };
    let current: SocketTaskLike;
    try {
      current = await transport.connectSocket(liveSocketUrl(meetingId, transport.token(), state?.version));
    } catch {
      lose();
      return;
    }
    if (stopped) {
      current.close({ code: 1000, reason: 'page left' });
      return;
    }
    task = current;
    current.onOpen(() => {
      opened = true;
      failures = 0;
      attempt = 0;
      if (polling) polling = false;
      setMode('socket');
      pingTimer = setInterval(() => {
        current.send({ data: '{"type":"ping"}' });
        pongTimer ??= setTimeout(() => current.close({ code: 4000, reason: 'no answer' }), PONG_TIMEOUT_MS);
      }, PING_EVERY_MS);
    });
    current.onMessage((result) => handleMessage(result.data, current));
    current.onError(() => lose());
    current.onClose((result) => {
      if (task === current) task = undefined;
      const refusal = REFUSALS[result.code];
      if (refusal) {
        stop(refusal);
        return;
      }
      if (result.code === LIVE_CLOSE_CODES.unauthenticated) {
        // The sign-in expired: polling goes through the request module, which signs in again.
        startPolling();
        return;
      }
      lose();
    });
  }

  function startPolling(): void {
    if (stopped || polling) return;
    polling = true;
    setMode('polling');
    retrySocketTimer = setTimeout(function retry() {
      if (stopped || !polling) return;
      failures = 0;
      void connect();
      retrySocketTimer = setTimeout(retry, SOCKET_RETRY_WHILE_POLLING_MS);
    }, SOCKET_RETRY_WHILE_POLLING_MS);
    void pollLoop();
  }

  async function pollLoop(): Promise<void> {
    let pollAttempt = 0;
    while (polling && !stopped) {
      try {
        accept(await transport.poll(meetingId, state?.version));
        pollAttempt = 0;
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NOT_FOUND') {
          stop(REFUSALS[LIVE_CLOSE_CODES.notFound]);
          return;
        }
        const ms = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** pollAttempt++);
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    }
    if (retrySocketTimer && !polling) {
      clearTimeout(retrySocketTimer);
      retrySocketTimer = undefined;
    }
  }

  void connect();
  return () => stop();
}
