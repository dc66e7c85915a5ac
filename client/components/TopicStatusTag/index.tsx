import { TOPIC_STATUS_LABELS, type TopicStatus } from '@shared/topics/topic-states';
import { View } from '@tarojs/components';
import './index.css';

type Tone = 'info' | 'warning' | 'success' | 'muted';

/** Colour families of the statuses: waiting on the community, waiting on the resident, done well, stopped. */
const TONES: Record<TopicStatus, Tone> = {
  submitted: 'info',
  returned: 'warning',
  rejected: 'muted',
  merged: 'muted',
  cosigning: 'warning',
  lapsed: 'muted',
  accepted: 'info',
  routed: 'info',
  handling: 'success',
  scheduled: 'info',
  deliberated: 'info',
  decided: 'success',
  publicity: 'success',
  implementation: 'success',
  completed: 'success',
  closed: 'muted',
};

/** A topic's status as a coloured label (the word is always there; the colour only helps). */
export function TopicStatusTag({ status }: { status: TopicStatus }) {
  return (
    <View className={`yishi-topic-status yishi-topic-status--${TONES[status]}`}>{TOPIC_STATUS_LABELS[status]}</View>
  );
}

/** A small extra label next to the status (等待超过3天, 待内容审核). */
export function TopicFlag({ tone, children }: { tone: 'warning' | 'danger'; children: string }) {
  return <View className={`yishi-topic-flag yishi-topic-flag--${tone}`}>{children}</View>;
}
