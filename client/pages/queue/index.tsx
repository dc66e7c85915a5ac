import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { FilterChips } from '@/components/FilterChips';
import { PageLayout } from '@/components/PageLayout';
import { SignInPrompt } from '@/components/SignInPrompt';
import { TopicCard } from '@/components/TopicCard';
import { TopicList } from '@/components/TopicList';
import { type TopicPageLoader, useTopicPages } from '@/components/TopicList/use-topic-pages';
import { daysUntil, describeAge, describeDay } from '@/components/when';
import { openPage } from '@/services/navigation';
import { useSession } from '@/services/session';
import { listMyQueue, type QueueStatus, type TopicSummary, topicDetailUrl } from '@/services/topics';

type Filter = 'all' | QueueStatus;

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'routed', label: '待接手' },
  { value: 'handling', label: '办理中' },
];

/** What the party has to do next, and by when. */
function DueLine({ topic, dueDate }: { topic: TopicSummary; dueDate: string | null | undefined }) {
  if (topic.status === 'routed') {
    return <View className="yishi-topic-card__note">分派于{describeAge(topic.statusChangedAt)}，请答复或接手办理</View>;
  }
  if (!dueDate) return null;
  const left = daysUntil(dueDate);
  const overdue = left < 0;
  return (
    <View className={overdue ? 'yishi-topic-card__note yishi-topic-card__note--warning' : 'yishi-topic-card__note'}>
      计划 {describeDay(dueDate)} 办结（{overdue ? `已超期 ${-left} 天` : left === 0 ? '今天到期' : `还剩 ${left} 天`}）
    </View>
  );
}

/**
 * 待办议题: the topics routed to the parties the user acts for (物业, 业委会,
 * 社会组织, 街道 …), oldest first, with their due dates.
 */
export default function QueuePage() {
  const session = useSession();
  const [filter, setFilter] = useState<Filter>('all');
  const shown = useRef(false);
  const signedIn = Boolean(session.token);

  const load = useMemo<TopicPageLoader | undefined>(
    () =>
      signedIn
        ? (cursor, firstPage) =>
            listMyQueue({ cursor, status: filter === 'all' ? undefined : filter }, { showErrorToast: !firstPage })
        : undefined,
    [filter, signedIn],
  );
  const pages = useTopicPages(load);

  useDidShow(() => {
    if (shown.current) pages.reload(true);
    shown.current = true;
  });

  return (
    <PageLayout title="待办议题" intro="分派给您所在单位的议题。请及时答复居民，接手办理时写明计划办结日期。">
      {signedIn ? (
        <>
          <FilterChips label="办理状态" chips={FILTERS} value={filter} onChange={setFilter} />
          <TopicList
            label="待办议题"
            topics={pages.topics}
            renderTopic={(topic) => (
              <TopicCard topic={topic} onOpen={() => openPage(topicDetailUrl(topic.id))}>
                <DueLine topic={topic} dueDate={topic.dueDate} />
              </TopicCard>
            )}
            hasMore={pages.hasMore}
            loadingMore={pages.loadingMore}
            onMore={pages.more}
            failed={pages.failed}
            onRetry={() => pages.reload()}
            emptyTitle="没有待办的议题"
            emptyText="社区分派议题给您所在的单位后，会显示在这里。"
          />
        </>
      ) : (
        <SignInPrompt description="登录后查看分派给您所在单位的议题。" />
      )}
    </PageLayout>
  );
}
