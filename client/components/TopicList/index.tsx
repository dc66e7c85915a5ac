import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import type { TopicSummary } from '@/services/topics';
import './index.css';

interface TopicListProps {
  /** The list's accessible name (e.g. 社区议题). */
  label: string;
  /** Undefined while the first page loads. */
  topics: TopicSummary[] | undefined;
  renderTopic: (topic: TopicSummary) => ReactNode;
  /** More pages wait on the server. */
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
  /** The first page failed: the sentence to show, with 重新加载. */
  failed?: string;
  onRetry?: () => void;
  /** What an empty list means here. */
  emptyTitle: string;
  emptyText?: string;
}

/** Topics as a list with keyset paging by a 加载更多 button (easier than endless scrolling for elderly residents). */
export function TopicList({
  label,
  topics,
  renderTopic,
  hasMore,
  loadingMore,
  onMore,
  failed,
  onRetry,
  emptyTitle,
  emptyText,
}: TopicListProps) {
  if (failed && !topics) {
    return (
      <Notice tone="danger" title="加载失败" live="alert">
        {failed}
        {onRetry ? (
          <View className="yishi-topic-list__retry">
            <ActionButton variant="secondary" onClick={onRetry}>
              重新加载
            </ActionButton>
          </View>
        ) : null}
      </Notice>
    );
  }
  if (!topics) {
    return (
      <View className="yishi-topic-list__status" role="status">
        正在加载议题…
      </View>
    );
  }
  if (topics.length === 0) {
    return (
      <View className="yishi-topic-list__empty" role="status">
        <View className="yishi-topic-list__empty-title">{emptyTitle}</View>
        {emptyText ? <View className="yishi-topic-list__empty-text">{emptyText}</View> : null}
      </View>
    );
  }
  return (
    <View className="yishi-topic-list">
      <View className="yishi-topic-list__items" role="list" aria-label={label}>
        {topics.map((topic) => (
          <View key={topic.id} role="listitem">
            {renderTopic(topic)}
          </View>
        ))}
      </View>
      {hasMore ? (
        <ActionButton variant="secondary" loading={loadingMore} onClick={onMore}>
          加载更多
        </ActionButton>
      ) : (
        <View className="yishi-topic-list__end">已显示全部 {topics.length} 条</View>
      )}
    </View>
  );
}
