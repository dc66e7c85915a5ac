import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import { projectIdFromRoute } from './ProjectParts';

export type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

/**
 * Loads what `fetch` reads for the project in the page's address; again when
 * the user signs in and when the page shows again. `replace` takes the answer
 * of a step (each step answers the project as it now stands).
 */
export function useProject<T>(fetch: (id: number) => Promise<T>) {
  const session = useSession();
  const [id] = useState(projectIdFromRoute);
  const [loaded, setLoaded] = useState<Loaded<T>>({ kind: 'loading' });
  const shown = useRef(false);

  const load = useCallback(
    async (quiet = false) => {
      if (id === undefined) {
        setLoaded({ kind: 'failed', message: '没有指定要查看的项目' });
        return;
      }
      if (!quiet) setLoaded({ kind: 'loading' });
      try {
        setLoaded({ kind: 'ready', value: await fetch(id) });
      } catch (error) {
        if (!quiet) setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
      }
    },
    [id, fetch],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: signing in changes what the project shows: read again then.
  useEffect(() => {
    void load();
  }, [load, session.token]);

  useDidShow(() => {
    if (shown.current) void load(true);
    shown.current = true;
  });

  const replace = (value: T) => setLoaded({ kind: 'ready', value });
  return { id, loaded, reload: load, replace };
}

/** Runs `load` again when the page shows again (back from another page), not on its first show. */
export function useShowAgain(load: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) load();
    shown.current = true;
  });
}
