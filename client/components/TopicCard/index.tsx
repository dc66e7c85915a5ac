import { INBOX_STALE_DAYS } from '@shared/topics/topic-states';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pressableProps } from '@/components/pressable';
import { TopicFlag, TopicStatusTag } from '@/components/TopicStatusTag';
import { describeAge } from '@/components/when';
import type { TopicSummary } from '@/services/topics';
import './index.css';

/** 附议 3 人, or 附议 3/10 人 while a co-sign target is being collected. */
export function cosignText(topic: Pick<TopicSummary, 'cosignCount' | 'cosignTarget' | 'status'>): string {
  if (topic.status === 'cosigning' && topic.cosignTarget > 0) {
    return `附议 ${topic.cosignCount}/${topic.cosignTarget} 人`;
  }
  return `附议 ${topic.cosignCount} 人`;
}

interface TopicCardProps {
  topic: TopicSummary;
  onOpen: () => void;
  /** Shows 等待超过3天 and 待内容审核 (the moderator inbox). */
  showWaiting?: boolean;
  /** Extra lines inside the card (plain text: a due date, a waiting time). */
  children?: ReactNode;
  /** Beside the card, outside its link (a selection checkbox). */
  leading?: ReactNode;
}

/**
 * One topic in a list: status, title, category, estate, the masked author,
 * its age and the co-sign count. The card opens the topic.
 */
export function TopicCard({ topic, onOpen, showWaiting = false, children, leading }: TopicCardProps) {
  const where = topic.estateName ?? '全社区';
  return (
    <View className={leading ? 'yishi-topic-card yishi-topic-card--with-leading' : 'yishi-topic-card'}>
      {leading}
      <View className="yishi-topic-card__link yishi-pressable" {...pressableProps(onOpen, { role: 'link' })}>
        <View className="yishi-topic-card__tags">
          <TopicStatusTag status={topic.status} />
          {topic.held ? <TopicFlag tone="danger">待内容审核</TopicFlag> : null}
          {showWaiting && topic.stale ? <TopicFlag tone="warning">{`等待超过${INBOX_STALE_DAYS}天`}</TopicFlag> : null}
          <View className="yishi-topic-card__category">{topic.category}</View>
        </View>
        <View className="yishi-topic-card__title">{topic.title}</View>
        <View className="yishi-topic-card__meta">
          {where} · {topic.authorName} · {describeAge(topic.createdAt)}
        </View>
        <View className="yishi-topic-card__meta">
          {cosignText(topic)}
          {topic.partyName ? ` · 办理：${topic.partyName}` : ''}
        </View>
        {children}
      </View>
    </View>
  );
}
