import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/services/request';
import type { TopicPage, TopicSummary } from '@/services/topics';

/**
 * Loads one page of a topic list: `cursor` is undefined for the first page.
 * `firstPage` is true then, so the loader can keep the request module from
 * toasting (the list shows that error itself).
 */
export type TopicPageLoader = (cursor: string | undefined, firstPage: boolean) => Promise<TopicPage>;

export interface TopicPages {
  topics: TopicSummary[] | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  failed: string | undefined;
  /** Loads the next page and appends it. */
  more: () => void;
  /** Loads the first page again; `quiet` keeps the current items on screen meanwhile. */
  reload: (quiet?: boolean) => void;
  /** Replaces one topic in place (after an action). */
  replace: (topic: TopicSummary) => void;
  /** Drops topics from the list (after a bulk action). */
  remove: (topicIds: readonly number[]) => void;
}

/**
 * Keyset paging for a topic list. A new `load` (its filters changed) starts
 * over from the first page; answers of superseded loads are ignored.
 * `load === undefined` waits (e.g. until the community is known).
 */
export function useTopicPages(load: TopicPageLoader | undefined): TopicPages {
  const [topics, setTopics] = useState<TopicSummary[]>();
  const [cursor, setCursor] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [failed, setFailed] = useState<string>();
  const generation = useRef(0);

  const reload = useCallback(
    (quiet = false) => {
      if (!load) return;
      generation.current += 1;
      const mine = generation.current;
      if (!quiet) setTopics(undefined);
      setFailed(undefined);
      setLoadingMore(false);
      load(undefined, true)
        .then((page) => {
          if (generation.current !== mine) return;
          setTopics(page.items);
          setCursor(page.nextCursor);
        })
        .catch((error: unknown) => {
          if (generation.current !== mine) return;
          setTopics(quiet ? (current) => current : undefined);
          setFailed(error instanceof ApiError ? error.message : '加载失败，请稍后重试');
        });
    },
    [load],
  );

  useEffect(() => {
    reload();
    return () => {
      generation.current += 1;
    };
  }, [reload]);

  const more = useCallback(() => {
    if (!load || !cursor || loadingMore) return;
    const mine = generation.current;
    setLoadingMore(true);
    load(cursor, false)
      .then((page) => {
        if (generation.current !== mine) return;
        setTopics((current) => {
          const seen = new Set((current ?? []).map((topic) => topic.id));
          return [...(current ?? []), ...page.items.filter((topic) => !seen.has(topic.id))];
        });
        setCursor(page.nextCursor);
      })
      .catch(() => undefined) // The request module has shown why; the button stays for another try.
      .finally(() => {
        if (generation.current === mine) setLoadingMore(false);
      });
  }, [load, cursor, loadingMore]);

  const replace = useCallback((topic: TopicSummary) => {
    setTopics((current) => current?.map((item) => (item.id === topic.id ? { ...item, ...topic } : item)));
  }, []);

  const remove = useCallback((topicIds: readonly number[]) => {
    setTopics((current) => current?.filter((item) => !topicIds.includes(item.id)));
  }, []);

  return { topics, hasMore: Boolean(cursor), loadingMore, failed, more, reload, replace, remove };
}
