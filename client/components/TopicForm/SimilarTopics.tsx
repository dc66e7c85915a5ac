import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { cosignText } from '@/components/TopicCard';
import { openPage, startUnitClaim } from '@/services/navigation';
import { ApiError } from '@/services/request';
import {
  askForTopicUpdates,
  cosignTopic,
  findSimilarTopics,
  type SimilarTopic,
  topicDetailUrl,
} from '@/services/topics';

/** Wait this long after the last keystroke before asking the server. */
const DEBOUNCE_MS = 500;
/** Titles shorter than this are not looked up. */
const MIN_TITLE = 4;

type CosignState = { kind: 'busy' } | { kind: 'done'; count: number } | { kind: 'not-verified'; message: string };

/**
 * While the title is typed: open topics of the community that read alike,
 * each with 附议 (support it instead of raising a second one) and 查看.
 */
export function SimilarTopics({ communityId, title }: { communityId: number; title: string }) {
  const [similar, setSimilar] = useState<SimilarTopic[]>([]);
  const [cosigns, setCosigns] = useState<Record<number, CosignState>>({});

  useEffect(() => {
    const trimmed = title.trim();
    if (trimmed.length < MIN_TITLE) {
      setSimilar([]);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      void findSimilarTopics(communityId, trimmed).then((found) => {
        if (alive) setSimilar(found);
      });
    }, DEBOUNCE_MS);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [communityId, title]);

  if (similar.length === 0) return null;

  const cosign = async (topic: SimilarTopic) => {
    void askForTopicUpdates();
    setCosigns((current) => ({ ...current, [topic.id]: { kind: 'busy' } }));
    try {
      const result = await cosignTopic({ id: topic.id, communityId });
      setCosigns((current) => ({ ...current, [topic.id]: { kind: 'done', count: result.cosignCount } }));
    } catch (error) {
      setCosigns((current) => {
        const { [topic.id]: _dropped, ...rest } = current;
        if (error instanceof ApiError && error.code === 'NOT_VERIFIED') {
          return { ...rest, [topic.id]: { kind: 'not-verified', message: error.message } };
        }
        return rest;
      });
    }
  };

  return (
    <View className="yishi-similar" role="region" aria-label="相似的议题">
      <View className="yishi-similar__title">已有相似的议题</View>
      <View className="yishi-similar__intro">如果说的是同一件事，直接附议能让它更快得到处理，不必重复提交。</View>
      <View className="yishi-similar__list" role="list">
        {similar.map((topic) => {
          const state = cosigns[topic.id];
          return (
            <View key={topic.id} className="yishi-similar__item" role="listitem">
              <View className="yishi-similar__name">{topic.title}</View>
              <View className="yishi-similar__meta">
                {topic.statusLabel} · {state?.kind === 'done' ? `附议 ${state.count} 人` : cosignText(topic)}
              </View>
              {state?.kind === 'done' ? (
                <View className="yishi-similar__done" role="status">
                  您已附议这个议题
                </View>
              ) : null}
              {state?.kind === 'not-verified' ? (
                <View className="yishi-similar__problem" role="alert">
                  {state.message}
                  <ActionButton variant="secondary" onClick={startUnitClaim}>
                    去认证房屋
                  </ActionButton>
                </View>
              ) : null}
              <View className="yishi-similar__actions">
                {state?.kind === 'done' ? null : (
                  <ActionButton
                    block={false}
                    loading={state?.kind === 'busy'}
                    aria-label={`附议：${topic.title}`}
                    onClick={() => void cosign(topic)}
                  >
                    附议
                  </ActionButton>
                )}
                <ActionButton
                  variant="secondary"
                  block={false}
                  aria-label={`查看：${topic.title}`}
                  onClick={() => openPage(topicDetailUrl(topic.id))}
                >
                  查看
                </ActionButton>
              </View>
            </View>
          );
        })}
      </View>
    </View>
  );
}
