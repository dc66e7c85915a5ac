import type { EntityManager } from 'typeorm';
import { indexTokens } from '../../../shared/src/topics/bigrams';
import { TopicToken } from './topics.entity';

/** Characters of the description that go into the index (the title always goes in whole). */
const INDEXED_DESCRIPTION_CHARS = 300;

/**
 * (Re)builds a topic's rows in the bigram index: every token of the title
 * (weight 2) and of the description's beginning (weight 1). Runs inside the
 * caller's transaction, so the index never disagrees with the topic.
 */
export async function indexTopicTokens(
  em: EntityManager,
  topic: { id: number; communityId: number; title: string; description: string },
): Promise<void> {
  await em.delete(TopicToken, { topicId: topic.id });
  const weights = new Map<string, number>();
  for (const t of indexTokens(topic.description.slice(0, INDEXED_DESCRIPTION_CHARS))) weights.set(t, 1);
  for (const t of indexTokens(topic.title)) weights.set(t, 2);
  const rows = [...weights].map(([token, weight]) => ({
    topicId: topic.id,
    communityId: topic.communityId,
    token,
    weight,
  }));
  for (let i = 0; i < rows.length; i += 500) await em.insert(TopicToken, rows.slice(i, i + 500));
}
