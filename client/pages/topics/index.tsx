import type { TopicFeedSort } from '@shared/topics/topic-lists.schema';
import { TOPIC_STATUS_LABELS, TOPIC_STATUSES, type TopicStatus } from '@shared/topics/topic-states';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { type Chip, FilterChips } from '@/components/FilterChips';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { TextField } from '@/components/TextField';
import { TopicCard } from '@/components/TopicCard';
import { TopicList } from '@/components/TopicList';
import { type TopicPageLoader, useTopicPages } from '@/components/TopicList/use-topic-pages';
import { type CommunitySummary, listCommunities } from '@/services/communities';
import { openPage, PAGES, startUnitClaim } from '@/services/navigation';
import { currentCommunity, selectCommunity, useSession } from '@/services/session';
import { getCommunitySettings, listCommunityTopics, TOPIC_PAGES, topicDetailUrl } from '@/services/topics';
import './index.css';

type StatusFilter = 'open' | 'all' | TopicStatus;

const SORT_LABELS: Record<TopicFeedSort, string> = { relevance: '最相关', newest: '最新', cosigns: '附议最多' };
const QUICK_STATUSES: readonly StatusFilter[] = ['open', 'all', 'submitted', 'cosigning', 'handling', 'completed'];
const OTHER_STATUSES: readonly TopicStatus[] = TOPIC_STATUSES.filter((status) => !QUICK_STATUSES.includes(status));

function statusLabel(status: StatusFilter): string {
  if (status === 'open') return '进行中';
  if (status === 'all') return '全部';
  return TOPIC_STATUS_LABELS[status];
}

const statusChips = (statuses: readonly StatusFilter[]): Chip<StatusFilter>[] =>
  statuses.map((value) => ({ value, label: statusLabel(value) }));

/** 议题 tab: the community's topics, newest or most co-signed, by status, category and estate, with search. */
export default function TopicsPage() {
  const session = useSession();
  const mine = currentCommunity(session);
  const communityId = mine?.id ?? session.communityId;
  const [communities, setCommunities] = useState<CommunitySummary[]>();
  const [sort, setSort] = useState<TopicFeedSort>('newest');
  const [status, setStatus] = useState<StatusFilter>('open');
  const [category, setCategory] = useState('all');
  const [estate, setEstate] = useState('all');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [moreFilters, setMoreFilters] = useState(false);
  const shown = useRef(false);

  // Anyone may read the feed: without a chosen community, the first one.
  useEffect(() => {
    let alive = true;
    listCommunities()
      .then((list) => {
        if (!alive) return;
        setCommunities(list);
        if (communityId === undefined && list[0]) selectCommunity(list[0].id);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [communityId]);

  const community = communities?.find((c) => c.id === communityId);
  const categories = useCategories(communityId);

  const load = useMemo<TopicPageLoader | undefined>(() => {
    if (communityId === undefined) return undefined;
    return (cursor, firstPage) =>
      listCommunityTopics(
        communityId,
        {
          sort,
          status: status === 'all' ? undefined : status,
          category: category === 'all' ? undefined : category,
          estateId: estate === 'all' ? undefined : Number(estate),
          q: q || undefined,
          cursor,
        },
        { showErrorToast: !firstPage },
      );
  }, [communityId, sort, status, category, estate, q]);
  const pages = useTopicPages(load);

  // Back from a topic (co-signed, followed) or the form: refresh quietly.
  useDidShow(() => {
    if (shown.current) pages.reload(true);
    shown.current = true;
  });

  const search = () => {
    const next = typed.trim();
    setQ(next);
    setSort(next ? 'relevance' : sort === 'relevance' ? 'newest' : sort);
  };
  const clearSearch = () => {
    setTyped('');
    setQ('');
    if (sort === 'relevance') setSort('newest');
  };

  const roles: readonly string[] = mine?.roles ?? [];
  const canPropose = ['resident', 'owner', 'grid_worker', 'moderator'].some((role) => roles.includes(role));
  const sorts: TopicFeedSort[] = q ? ['relevance', 'newest', 'cosigns'] : ['newest', 'cosigns'];
  // The summary is worth a line only when filters beyond the chips above are on.
  const narrowed = category !== 'all' || estate !== 'all' || OTHER_STATUSES.includes(status as TopicStatus);
  const filterSummary = [
    statusLabel(status),
    category === 'all' ? '全部分类' : category,
    estate === 'all' ? '全部小区' : (community?.estates.find((e) => String(e.id) === estate)?.name ?? ''),
  ].join(' · ');

  return (
    <PageLayout
      title="议题"
      intro={`${community?.name ?? mine?.name ?? '社区'}居民提出的问题，以及它们的附议和办理进度。`}
    >
      {!session.token ? (
        <Notice tone="info" title="登录后可以提议题、附议">
          浏览议题不需要登录。
          <View className="topics-page__action">
            <ActionButton variant="secondary" onClick={() => openPage(PAGES.login)}>
              登录
            </ActionButton>
          </View>
        </Notice>
      ) : null}
      {session.token && !canPropose ? (
        <Notice tone="warning" title="完成房屋认证后可以提议题">
          认证您在本社区的房屋后，可以提出议题、为关心的议题附议。
          <View className="topics-page__action">
            <ActionButton onClick={startUnitClaim}>去认证房屋</ActionButton>
          </View>
        </Notice>
      ) : null}
      {session.token ? (
        <View className="topics-page__top">
          {canPropose ? <ActionButton onClick={() => openPage(TOPIC_PAGES.submit)}>提议题</ActionButton> : null}
          <ActionButton variant="secondary" onClick={() => openPage(TOPIC_PAGES.mine)}>
            我的议题
          </ActionButton>
        </View>
      ) : null}

      <View className="topics-page__filters" role="search" aria-label="查找议题">
        <View className="topics-page__search">
          <View className="topics-page__search-field">
            <TextField
              label="搜索议题"
              value={typed}
              onChange={setTyped}
              placeholder="例如：电梯、停车"
              maxLength={40}
            />
          </View>
          <ActionButton block={false} onClick={search} disabled={typed.trim() === '' && q === ''}>
            搜索
          </ActionButton>
        </View>
        {q ? (
          <View className="topics-page__summary-row">
            <View className="topics-page__summary">正在显示与“{q}”有关的议题</View>
            <ActionButton variant="secondary" block={false} onClick={clearSearch}>
              清除搜索
            </ActionButton>
          </View>
        ) : null}
        <FilterChips
          label="排序"
          showLabel
          chips={sorts.map((value) => ({ value, label: SORT_LABELS[value] }))}
          value={sort}
          onChange={setSort}
        />
        <FilterChips label="状态" showLabel chips={statusChips(QUICK_STATUSES)} value={status} onChange={setStatus} />
        {moreFilters ? (
          <>
            <FilterChips
              label="其他状态"
              showLabel
              chips={statusChips(OTHER_STATUSES)}
              value={status}
              onChange={setStatus}
            />
            {categories ? (
              <FilterChips
                label="分类"
                showLabel
                chips={[{ value: 'all', label: '全部分类' }, ...categories.map((c) => ({ value: c, label: c }))]}
                value={category}
                onChange={setCategory}
              />
            ) : null}
            {community && community.estates.length > 1 ? (
              <FilterChips
                label="小区"
                showLabel
                chips={[
                  { value: 'all', label: '全部小区' },
                  ...community.estates.map((e) => ({ value: String(e.id), label: e.name })),
                ]}
                value={estate}
                onChange={setEstate}
              />
            ) : null}
          </>
        ) : null}
        <View className="topics-page__summary-row">
          <View className="topics-page__summary">{narrowed ? `筛选：${filterSummary}` : ''}</View>
          <ActionButton
            variant="secondary"
            block={false}
            aria-expanded={moreFilters}
            onClick={() => setMoreFilters(!moreFilters)}
          >
            {moreFilters ? '收起筛选' : '更多筛选'}
          </ActionButton>
        </View>
      </View>

      <TopicList
        label="社区议题"
        topics={pages.topics}
        renderTopic={(topic) => <TopicCard topic={topic} onOpen={() => openPage(topicDetailUrl(topic.id))} />}
        hasMore={pages.hasMore}
        loadingMore={pages.loadingMore}
        onMore={pages.more}
        failed={pages.failed}
        onRetry={() => pages.reload()}
        emptyTitle={q ? '没有找到相关议题' : '暂时没有这样的议题'}
        emptyText={q ? '换个关键字试试，或者提一个新议题。' : '换个筛选条件看看。'}
      />
    </PageLayout>
  );
}

/** The community's categories, for the filter. */
function useCategories(communityId: number | undefined): string[] | undefined {
  const [categories, setCategories] = useState<string[]>();
  useEffect(() => {
    if (communityId === undefined) return;
    let alive = true;
    getCommunitySettings(communityId)
      .then((settings) => {
        if (alive) setCategories(settings.categories);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [communityId]);
  return categories;
}
