import { View } from '@tarojs/components';
import { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { FilterChips } from '@/components/FilterChips';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { pressableProps } from '@/components/pressable';
import { listCommunities } from '@/services/communities';
import { openPage } from '@/services/navigation';
import {
  type BoardItem,
  type BoardStatus,
  boardEntryUrl,
  listBoard,
  OUTCOME_PAGES,
  satisfactionText,
} from '@/services/outcomes';
import { currentCommunity, selectCommunity, useSession } from '@/services/session';
import './index.css';

type Filter = 'all' | BoardStatus;
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'publicity', label: '公示中' },
  { value: 'implementation', label: '落实中' },
  { value: 'completed', label: '已办结' },
  { value: 'closed', label: '已归档' },
];

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; items: BoardItem[]; nextCursor: number | null }
  | { kind: 'failed'; message: string };

function BoardCard({ item }: { item: BoardItem }) {
  return (
    <View
      className="board-card yishi-pressable"
      {...pressableProps(() => openPage(boardEntryUrl(item.topicId)), { role: 'link' })}
    >
      <View>
        <View className={`board-card__status${item.status === 'publicity' ? ' board-card__status--publicity' : ''}`}>
          {item.statusLabel}
        </View>
        {item.overdue ? <View className="board-card__status board-card__status--overdue">已逾期</View> : null}
      </View>
      <View className="board-card__title">{item.title}</View>
      {item.resolution ? <View className="board-card__line">决议：{item.resolution}</View> : null}
      {item.status === 'publicity' && item.publicityLastDay ? (
        <View className="board-card__line">公示至 {item.publicityLastDay}，期间可提出异议</View>
      ) : null}
      {item.partyName ? (
        <View className="board-card__line">
          落实：{item.partyName}
          {item.dueDate ? `，期限 ${item.dueDate}` : ''}
        </View>
      ) : null}
      {item.status === 'completed' || item.status === 'closed' ? (
        <View className="board-card__line">{satisfactionText(item.satisfaction)}</View>
      ) : null}
    </View>
  );
}

/** 公示栏: decisions in publicity, being carried out and completed; open to everyone, shareable. */
export default function BoardPage() {
  const session = useSession();
  const communityId = currentCommunity(session)?.id ?? session.communityId;
  const [filter, setFilter] = useState<Filter>('all');
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    if (communityId !== undefined) return;
    listCommunities()
      .then((list) => {
        if (list[0]) selectCommunity(list[0].id);
      })
      .catch(() => setLoaded({ kind: 'failed', message: '暂时无法读取社区列表' }));
  }, [communityId]);

  const load = useCallback(
    async (cursor?: number) => {
      if (communityId === undefined) return;
      try {
        const page = await listBoard(
          communityId,
          { ...(filter === 'all' ? {} : { status: filter }), ...(cursor ? { cursor } : {}) },
          { showErrorToast: false },
        );
        setLoaded((current) => ({
          kind: 'ready',
          items: cursor && current.kind === 'ready' ? [...current.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
        }));
      } catch {
        setLoaded({ kind: 'failed', message: '公示栏暂时打不开，请稍后重试' });
      }
    },
    [communityId, filter],
  );

  useEffect(() => {
    setLoaded({ kind: 'loading' });
    void load();
  }, [load]);

  useShareAppMessage(() => ({ title: '社区公示栏：决议、落实进展和居民评价', path: OUTCOME_PAGES.board }));
  useShareTimeline(() => ({ title: '社区公示栏' }));

  return (
    <PageLayout title="公示栏" intro="社区议事形成的决议、落实进展和居民满意度，人人可看。">
      <FilterChips label="筛选" chips={FILTERS} value={filter} onChange={setFilter} />
      {loaded.kind === 'loading' ? (
        <View className="board-detail__muted" role="status">
          正在读取…
        </View>
      ) : null}
      {loaded.kind === 'failed' ? (
        <Notice tone="danger" title="打不开公示栏" live="alert">
          {loaded.message}
          <View className="board-detail__action">
            <ActionButton variant="secondary" onClick={() => void load()}>
              重新加载
            </ActionButton>
          </View>
        </Notice>
      ) : null}
      {loaded.kind === 'ready' && loaded.items.length === 0 ? (
        <Notice title="暂时没有公示的内容">议题形成决议后，会在这里公示。</Notice>
      ) : null}
      {loaded.kind === 'ready' ? loaded.items.map((item) => <BoardCard key={item.topicId} item={item} />) : null}
      {loaded.kind === 'ready' && loaded.nextCursor ? (
        <ActionButton variant="secondary" onClick={() => void load(loaded.nextCursor ?? undefined)}>
          加载更多
        </ActionButton>
      ) : null}
    </PageLayout>
  );
}
