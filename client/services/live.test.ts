import type { LiveState } from '@shared/meetings/live.schema';
import { taroMock } from '@/test-support/taro-mock';
import {
  BACKOFF,
  type LiveStatus,
  type LiveTransport,
  liveSocketUrl,
  PING_EVERY_MS,
  PONG_TIMEOUT_MS,
  SOCKET_FAILURES_BEFORE_POLLING,
  SOCKET_RETRY_WHILE_POLLING_MS,
  type SocketTaskLike,
  subscribe,
} from './live';

/** A socket task the test drives: open it, push frames, close it. */
class FakeSocket implements SocketTaskLike {
  sent: string[] = [];
  closedWith: { code?: number; reason?: string } | undefined;
  private handlers: {
    open?: () => void;
    message?: (r: { data: unknown }) => void;
    close?: (r: { code: number; reason: string }) => void;
    error?: (r: unknown) => void;
  } = {};

  constructor(readonly url: string) {}
  onOpen(cb: () => void) {
    this.handlers.open = cb;
  }
  onMessage(cb: (r: { data: unknown }) => void) {
    this.handlers.message = cb;
  }
  onClose(cb: (r: { code: number; reason: string }) => void) {
    this.handlers.close = cb;
  }
  onError(cb: (r: unknown) => void) {
    this.handlers.error = cb;
  }
  send(option: { data: string }) {
    this.sent.push(option.data);
  }
  close(option: { code?: number; reason?: string }) {
    this.closedWith = option;
    this.handlers.close?.({ code: option.code ?? 1000, reason: option.reason ?? '' });
  }
  open() {
    this.handlers.open?.();
  }
  push(message: object) {
    this.handlers.message?.({ data: JSON.stringify(message) });
  }
  drop(code = 1006) {
    this.handlers.error?.({ errMsg: 'socket error' });
    this.handlers.close?.({ code, reason: '' });
  }
}

function aState(version: number, sessionVersion = version, extra: Partial<LiveState> = {}): LiveState {
  return {
    meetingId: 7,
    communityId: 1,
    version,
    sessionVersion,
    title: '十二月协商议事会',
    status: 'in_session',
    statusLabel: '会议进行中',
    startsAt: '2026-12-01T06:00:00.000Z',
    startedAt: '2026-12-01T06:00:00.000Z',
    closedAt: null,
    agenda: [],
    currentItem: null,
    speakers: { current: null, queue: [], done: [] },
    votes: [],
    attendance: { present: 3, councilPresent: 3, councilSeats: 5, quorumMet: true },
    decisions: [],
    serverTime: '2026-12-01T06:10:00.000Z',
    ...extra,
  };
}

function harness(options: { socketsThrow?: boolean } = {}) {
  const sockets: FakeSocket[] = [];
  const polls: (number | undefined)[] = [];
  const pollAnswers: ((state: LiveState) => void)[] = [];
  const transport: LiveTransport = {
    connectSocket: (url) => {
      if (options.socketsThrow) throw new Error('connectSocket:fail');
      const s = new FakeSocket(url);
      sockets.push(s);
      return Promise.resolve(s);
    },
    poll: (_meetingId, since) =>
      new Promise((resolve) => {
        polls.push(since);
        pollAnswers.push(resolve);
      }),
    token: () => 'tok',
  };
  const states: LiveState[] = [];
  const statuses: LiveStatus[] = [];
  const stop = subscribe(7, (s) => states.push(s), { transport, onStatus: (s) => statuses.push(s) });
  return { sockets, polls, pollAnswers, states, statuses, stop, transport };
}

/** Lets promise callbacks run (the service awaits connectSocket). */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => {
  jest.useFakeTimers();
  jest.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('live meeting service', () => {
  it('builds the socket URL from the API origin, with the token and the version to resume from', () => {
    expect(liveSocketUrl(7, 'a b', 12)).toBe(`ws://${location.host}/api/meetings/7/live/ws?token=a%20b&since=12`);
    expect(liveSocketUrl(7, undefined, undefined)).toBe(`ws://${location.host}/api/meetings/7/live/ws`);
  });

  it('applies full states and votes-only frames, never going back to an older version', async () => {
    const h = harness();
    await settle();
    const socket = h.sockets[0]!;
    socket.open();
    expect(h.statuses.at(-1)).toEqual({ mode: 'socket' });
    socket.push({ type: 'state', version: 5, state: aState(5) });
    const vote = { id: 1, title: '是否更换门禁', participation: { voters: 3, entitled: 5, area: null } };
    socket.push({ type: 'votes', version: 6, sessionVersion: 5, votes: [vote], serverTime: 'now' });
    socket.push({ type: 'state', version: 4, state: aState(4) });
    expect(h.states.map((s) => s.version)).toEqual([5, 6]);
    expect(h.states[1]!.votes).toEqual([vote]);
    expect(h.states[1]!.title).toBe('十二月协商议事会');
    h.stop();
  });

  it('reconnects with backoff and resumes from the last version it saw', async () => {
    const h = harness();
    await settle();
    h.sockets[0]!.open();
    h.sockets[0]!.push({ type: 'state', version: 9, state: aState(9) });
    h.sockets[0]!.drop(1012); // the server restarts
    expect(h.sockets).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(BACKOFF.firstMs * 1.2);
    expect(h.sockets).toHaveLength(2);
    expect(h.sockets[1]!.url).toContain('since=9');
    expect(h.sockets[1]!.url).toContain('token=tok');
    // A second failure waits twice as long.
    h.sockets[1]!.drop();
    await jest.advanceTimersByTimeAsync(BACKOFF.firstMs * 1.2);
    expect(h.sockets).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(BACKOFF.firstMs * 1.2);
    expect(h.sockets).toHaveLength(3);
    h.sockets[2]!.open();
    h.sockets[2]!.push({ type: 'state', version: 11, state: aState(11) });
    expect(h.states.map((s) => s.version)).toEqual([9, 11]);
    h.stop();
  });

  it('a votes frame for a session it does not hold makes it reconnect for the whole state', async () => {
    const h = harness();
    await settle();
    h.sockets[0]!.open();
    h.sockets[0]!.push({ type: 'state', version: 5, state: aState(5) });
    h.sockets[0]!.push({ type: 'votes', version: 8, sessionVersion: 7, votes: [], serverTime: 'now' });
    expect(h.sockets[0]!.closedWith).toMatchObject({ reason: 'resync' });
    await jest.advanceTimersByTimeAsync(BACKOFF.maxMs);
    expect(h.sockets[1]!.url).toContain('since=5');
    expect(h.states.map((s) => s.version)).toEqual([5]);
    h.stop();
  });

  it('falls back to long-polling when sockets keep failing, and goes back to the socket when it works', async () => {
    const h = harness();
    for (let i = 0; i < SOCKET_FAILURES_BEFORE_POLLING; i++) {
      await settle();
      h.sockets[i]!.drop();
      await jest.advanceTimersByTimeAsync(BACKOFF.maxMs);
    }
    expect(h.statuses.at(-1)).toEqual({ mode: 'polling' });
    expect(h.polls).toEqual([undefined]);
    h.pollAnswers[0]!(aState(3));
    await settle();
    expect(h.polls).toEqual([undefined, 3]);
    h.pollAnswers[1]!(aState(4));
    await settle();
    expect(h.states.map((s) => s.version)).toEqual([3, 4]);
    expect(h.polls.at(-1)).toBe(4);

    // Now and then the socket is tried again; once it opens, polling stops.
    const before = h.sockets.length;
    await jest.advanceTimersByTimeAsync(SOCKET_RETRY_WHILE_POLLING_MS);
    expect(h.sockets.length).toBe(before + 1);
    const socket = h.sockets.at(-1)!;
    expect(socket.url).toContain('since=4');
    socket.open();
    expect(h.statuses.at(-1)).toEqual({ mode: 'socket' });
    h.pollAnswers.at(-1)!(aState(4));
    await settle();
    const pollsAfter = h.polls.length;
    socket.push({ type: 'state', version: 5, state: aState(5) });
    await jest.advanceTimersByTimeAsync(1000);
    expect(h.polls.length).toBe(pollsAfter);
    expect(h.states.map((s) => s.version)).toEqual([3, 4, 5]);
    h.stop();
  });

  it('polls when connectSocket itself throws (no socket support)', async () => {
    const h = harness({ socketsThrow: true });
    await jest.advanceTimersByTimeAsync(BACKOFF.maxMs * 3);
    expect(h.statuses.some((s) => s.mode === 'polling')).toBe(true);
    expect(h.polls.length).toBeGreaterThan(0);
    h.stop();
  });

  it('a socket silent after a ping is closed and replaced', async () => {
    const h = harness();
    await settle();
    h.sockets[0]!.open();
    await jest.advanceTimersByTimeAsync(PING_EVERY_MS);
    expect(h.sockets[0]!.sent).toEqual(['{"type":"ping"}']);
    await jest.advanceTimersByTimeAsync(PONG_TIMEOUT_MS);
    expect(h.sockets[0]!.closedWith).toMatchObject({ code: 4000 });
    await jest.advanceTimersByTimeAsync(BACKOFF.maxMs);
    expect(h.sockets).toHaveLength(2);
    h.stop();
  });

  it('stops for good when the meeting is not there, and after unsubscribe', async () => {
    const h = harness();
    await settle();
    h.sockets[0]!.open();
    h.sockets[0]!.drop(4404);
    expect(h.statuses.at(-1)).toEqual({ mode: 'stopped', error: '没有这次会议，或会议还未公开' });
    await jest.advanceTimersByTimeAsync(BACKOFF.maxMs * 4);
    expect(h.sockets).toHaveLength(1);

    const other = harness();
    await settle();
    other.sockets[0]!.open();
    other.stop();
    expect(other.sockets[0]!.closedWith).toMatchObject({ code: 1000 });
    await jest.advanceTimersByTimeAsync(BACKOFF.maxMs * 4);
    expect(other.sockets).toHaveLength(1);
  });

  it('uses Taro.connectSocket and the request module by default', async () => {
    const fake = new FakeSocket('');
    const connectSocket = jest.fn((_options: { url: string }) => Promise.resolve(fake));
    (taroMock as unknown as { connectSocket: typeof connectSocket }).connectSocket = connectSocket;
    const states: LiveState[] = [];
    const stop = subscribe(7, (s) => states.push(s));
    await settle();
    expect(connectSocket.mock.calls[0]![0].url).toMatch(/\/api\/meetings\/7\/live\/ws$/);
    fake.open();
    fake.push({ type: 'state', version: 2, state: aState(2) });
    expect(states).toHaveLength(1);
    stop();
  });
});
