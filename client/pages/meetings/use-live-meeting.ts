import { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type LiveState, type LiveStatus, subscribe } from '@/services/live';

/** A live state and when this phone received it (for countdowns on the server's clock). */
export interface Received {
  state: LiveState;
  receivedAt: number;
}

/** Keeps the newer of two states: pushed ones and the answers of the viewer's own actions race. */
export function newer(previous: Received | undefined, state: LiveState, receivedAt: number): Received {
  return previous && previous.state.version >= state.version ? previous : { state, receivedAt };
}

/**
 * Follows a meeting while the page is on screen (services/live.ts: WebSocket,
 * reconnects, polling fallback); stops when it is hidden and resumes when it
 * shows again. `apply` takes the state an action answered, so the viewer sees
 * their own change at once.
 */
export function useLiveMeeting(meetingId: number | undefined) {
  const [received, setReceived] = useState<Received>();
  const [status, setStatus] = useState<LiveStatus>({ mode: 'connecting' });
  const stopRef = useRef<(() => void) | undefined>(undefined);

  const apply = useCallback((state: LiveState) => {
    setReceived((previous) => newer(previous, state, Date.now()));
  }, []);

  const start = useCallback(() => {
    if (meetingId === undefined || stopRef.current) return;
    setStatus({ mode: 'connecting' });
    stopRef.current = subscribe(meetingId, apply, { onStatus: setStatus });
  }, [meetingId, apply]);

  const stop = useCallback(() => {
    stopRef.current?.();
    stopRef.current = undefined;
  }, []);

  useEffect(() => {
    start();
    return stop;
  }, [start, stop]);

  useDidShow(start);
  useDidHide(stop);

  return { received, status, apply };
}

/** The time now, ticking every second while `active` (a speaker's countdown). */
export function useTicker(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
