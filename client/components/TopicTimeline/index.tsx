import { TOPIC_LEVEL_LABELS, type TopicLevel } from '@shared/topics/topic-states';
import { View } from '@tarojs/components';
import { describeDay, describeMoment } from '@/components/when';
import type { TopicDetail } from '@/services/topics';
import './index.css';

type Entry = TopicDetail['timeline'][number];

/** The parts of an entry's data worth a line: where it was routed, the due date, what it was merged into. */
function dataLines(entry: Entry): string[] {
  const data = entry.data ?? {};
  const lines: string[] = [];
  const level = data.level as TopicLevel | undefined;
  if (typeof data.partyName === 'string') {
    lines.push(
      `分派给：${level && level in TOPIC_LEVEL_LABELS ? `${TOPIC_LEVEL_LABELS[level]}级 · ` : ''}${data.partyName}`,
    );
  } else if (level && level in TOPIC_LEVEL_LABELS) {
    lines.push(`层级：${TOPIC_LEVEL_LABELS[level]}`);
  }
  if (typeof data.category === 'string') lines.push(`分类：${data.category}`);
  if (typeof data.dueDate === 'string') lines.push(`计划办结：${describeDay(data.dueDate)}`);
  if (typeof data.intoTopicId === 'number') {
    lines.push(typeof data.intoTitle === 'string' ? `合并到：${data.intoTitle}` : `合并到议题 #${data.intoTopicId}`);
  }
  if (typeof data.cosignTarget === 'number' && typeof data.cosignDays === 'number') {
    lines.push(`需要 ${data.cosignTarget} 位居民在 ${data.cosignDays} 天内附议`);
  }
  return lines;
}

/** Who acted: 社区工作者 刘* · 恒安物业. */
function actorText(entry: Entry): string {
  const { actor } = entry;
  return [actor.roleLabel, actor.name, actor.partyName].filter(Boolean).join(' · ');
}

/** Every step of a topic, oldest first: what happened, who did it (masked), their note, when. */
export function TopicTimeline({ entries }: { entries: TopicDetail['timeline'] }) {
  return (
    <View className="yishi-timeline" role="list" aria-label="办理过程">
      {entries.map((entry, index) => (
        <View
          key={entry.id}
          className={
            index === entries.length - 1 ? 'yishi-timeline__step yishi-timeline__step--last' : 'yishi-timeline__step'
          }
          role="listitem"
        >
          <View className="yishi-timeline__dot" aria-hidden="true" />
          <View className="yishi-timeline__body">
            <View className="yishi-timeline__label">{entry.label}</View>
            <View className="yishi-timeline__actor">{actorText(entry)}</View>
            {entry.note ? <View className="yishi-timeline__note">{entry.note}</View> : null}
            {dataLines(entry).map((line) => (
              <View key={line} className="yishi-timeline__data">
                {line}
              </View>
            ))}
            <View className="yishi-timeline__time">{describeMoment(entry.createdAt)}</View>
          </View>
        </View>
      ))}
    </View>
  );
}
