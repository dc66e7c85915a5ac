import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { FilterChips } from '@/components/FilterChips';
import { PageLayout } from '@/components/PageLayout';
import { SignInPrompt } from '@/components/SignInPrompt';
import { TopicCard } from '@/components/TopicCard';
import { TopicList } from '@/components/TopicList';
import { type TopicPageLoader, useTopicPages } from '@/components/TopicList/use-topic-pages';
import { openPage } from '@/services/navigation';
import { useSession } from '@/services/session';
import { listMyTopics, type MyTopicRelation, TOPIC_PAGES, topicDetailUrl } from '@/services/topics';

const RELATIONS: { value: MyTopicRelation; label: string; empty: string }[] = [
  { value: 'authored', label: '我提出的', empty: '您还没有提出过议题' },
  { value: 'cosigned', label: '我附议的', empty: '您还没有附议过议题' },
  { value: 'following', label: '我关注的', empty: '您还没有关注议题' },
];

/** 我的议题: the topics I raised (returned ones first to catch the eye), co-signed or follow. */
export default function MyTopicsPage() {
  const session = useSession();
  const [relation, setRelation] = useState<MyTopicRelation>('authored');
  const shown = useRef(false);
  const signedIn = Boolean(session.token);

  const load = useMemo<TopicPageLoader | undefined>(
    () =>
      signedIn ? (cursor, firstPage) => listMyTopics(relation, { cursor }, { showErrorToast: !firstPage }) : undefined,
    [relation, signedIn],
  );
  const pages = useTopicPages(load);

  useDidShow(() => {
    if (shown.current) pages.reload(true);
    shown.current = true;
  });

  const current = RELATIONS.find((item) => item.value === relation)!;
  return (
    <PageLayout title="我的议题" intro="您提出、附议和关注的议题，以及它们现在的进展。">
      {signedIn ? (
        <>
          <FilterChips
            label="显示哪些议题"
            chips={RELATIONS.map(({ value, label }) => ({ value, label }))}
            value={relation}
            onChange={setRelation}
          />
          <TopicList
            label={current.label}
            topics={pages.topics}
            renderTopic={(topic) => (
              <TopicCard topic={topic} onOpen={() => openPage(topicDetailUrl(topic.id))}>
                {topic.status === 'returned' && relation === 'authored' ? (
                  <View className="yishi-topic-card__note yishi-topic-card__note--warning">
                    社区工作者请您补充信息，点开查看并修改
                  </View>
                ) : null}
              </TopicCard>
            )}
            hasMore={pages.hasMore}
            loadingMore={pages.loadingMore}
            onMore={pages.more}
            failed={pages.failed}
            onRetry={() => pages.reload()}
            emptyTitle={current.empty}
            emptyText="在“议题”里可以浏览社区议题，为关心的议题附议或关注。"
          />
          {relation === 'authored' ? (
            <ActionButton variant="secondary" onClick={() => openPage(TOPIC_PAGES.submit)}>
              提一个新议题
            </ActionButton>
          ) : null}
        </>
      ) : (
        <SignInPrompt description="登录后可以查看您提出、附议和关注的议题。" />
      )}
    </PageLayout>
  );
}
