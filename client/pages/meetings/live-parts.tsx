import { AGENDA_ITEM_STATUS_LABELS, ITEM_OUTCOME_LABELS } from '@shared/meetings/live.schema';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { pressableProps } from '@/components/pressable';
import { TopicPhotos } from '@/components/TopicPhotos';
import { TopicTimeline } from '@/components/TopicTimeline';
import type { LiveState, LiveStatus } from '@/services/live';
import type { LiveVote } from '@/services/meeting-session';
import { openPage } from '@/services/navigation';
import { topicDetailUrl } from '@/services/topics';
import { optionTallies, voteDetailUrl, voteRecordUrl } from '@/services/votes';
import { choiceVerdict, OptionTallyList } from '../votes/BallotParts';
import {
  connectionHint,
  connectionLabel,
  describeCountdown,
  formatCountdown,
  participationText,
  secondsLeft,
  tallyText,
  verdictText,
} from './live-model';
import './live.css';

/**
 * Pieces of the live meeting shown on the participants' view and on the
 * moderator's control page alike: the connection indicator, the item under
 * discussion, the list of speakers with the countdown, a vote's progress and
 * result, the agenda and the conclusions so far.
 */

/** 实时 / 重新连接中 / 轮询 / 已断开, in a pill that says what it means to a screen reader. */
export function ConnectionBadge({ status }: { status: LiveStatus }) {
  const { text, tone } = connectionLabel(status.mode);
  return (
    <View className={`live-connection live-connection--${tone}`} role="status" aria-label={connectionHint(status.mode)}>
      <View className="live-connection__dot" aria-hidden="true" />
      <View className="live-connection__text">{text}</View>
    </View>
  );
}

/** The item under discussion: its number, topic, description, place, photos and the topic's last steps. */
export function CurrentItemView({ item }: { item: NonNullable<LiveState['currentItem']> }) {
  const { topic } = item;
  const recent = topic.timeline.slice(-3);
  return (
    <View className="live-item">
      <View className="live-item__number">
        第 {item.position} 项 · 约 {item.minutes} 分钟
      </View>
      <View className="live-item__title">{topic.title}</View>
      {topic.category ? (
        <View className="live-muted">
          {topic.category}
          {topic.authorName ? ` · 提出人 ${topic.authorName}` : ''}
        </View>
      ) : null}
      {topic.description ? <View className="live-text">{topic.description}</View> : null}
      {topic.place ? <View className="live-muted">地点：{topic.place}</View> : null}
      {topic.photos.length > 0 ? <TopicPhotos photos={topic.photos} /> : null}
      {recent.length > 0 ? (
        <View className="live-item__timeline">
          <View className="live-subtitle">议题的最近进展</View>
          <TopicTimeline entries={recent} />
        </View>
      ) : null}
      <View
        className="live-link yishi-pressable"
        {...pressableProps(() => openPage(topicDetailUrl(topic.id)), { role: 'link' })}
      >
        查看议题详情和全部办理过程 ›
      </View>
    </View>
  );
}

interface SpeakersViewProps {
  speakers: LiveState['speakers'];
  /** The phone's clock, ticking. */
  now: number;
  /** Phone clock minus server clock. */
  skew: number;
  /** Buttons for one speaker (the moderator's grant / end / withdraw). */
  actionsFor?: (speaker: LiveState['speakers']['queue'][number], place: 'current' | 'queue') => ReactNode;
  /** The name to show (moderators see real names; everyone else the masked one the state carries). */
  nameOf?: (speaker: LiveState['speakers']['queue'][number]) => string;
}

/** Who speaks now (with the time left, counted on the server's clock) and who waits, in order. */
export function SpeakersView({ speakers, now, skew, actionsFor, nameOf = (s) => s.name }: SpeakersViewProps) {
  const { current, queue } = speakers;
  const left = current ? secondsLeft(current, now, skew) : null;
  return (
    <View className="live-speakers">
      {current ? (
        <View className="live-speaker-now" role="group" aria-label="正在发言">
          <View className="live-speaker-now__label">正在发言</View>
          <View className="live-speaker-now__name">
            {nameOf(current)}
            <View className="live-speaker-now__party">{current.label}</View>
          </View>
          {left !== null ? (
            <View
              className={left < 0 ? 'live-countdown live-countdown--over' : 'live-countdown'}
              role="timer"
              aria-label={describeCountdown(left)}
            >
              {formatCountdown(left)}
            </View>
          ) : null}
          {actionsFor?.(current, 'current')}
        </View>
      ) : (
        <View className="live-muted">现在没有人发言。</View>
      )}
      <View className="live-subtitle">等候发言（{queue.length} 人）</View>
      {queue.length === 0 ? (
        <View className="live-muted">暂时没有人申请发言。</View>
      ) : (
        <View className="live-queue" role="list" aria-label="等候发言">
          {queue.map((speaker, index) => (
            <View key={speaker.id} className="live-queue__row" role="listitem">
              <View className="live-queue__place">{index + 1}</View>
              <View className="live-queue__who">
                <View className="live-queue__name">{nameOf(speaker)}</View>
                <View className="live-muted">
                  {speaker.label}
                  {speaker.addedByModerator ? ' · 主持人安排' : ''}
                </View>
              </View>
              {actionsFor ? <View className="live-queue__actions">{actionsFor(speaker, 'queue')}</View> : null}
            </View>
          ))}
        </View>
      )}
      {speakers.done.length > 0 ? (
        <View className="live-muted">已发言：{speakers.done.map(nameOf).join('、')}</View>
      ) : null}
    </View>
  );
}

/** A vote's participation and, when visible, its tally; after close the verdict and how to check the record. */
export function VoteProgressView({ vote, showLinks = true }: { vote: LiveVote; showLinks?: boolean }) {
  const open = vote.status === 'open';
  const tallies = optionTallies(vote.result);
  const tally = tallyText(vote);
  const verdict = verdictText(vote);
  return (
    <View className="live-vote-progress">
      <View className="live-vote-progress__count" role="status" aria-live="polite">
        {participationText(vote)}
      </View>
      {open && !vote.result ? <View className="live-muted">各选项的票数在表决结束后公布。</View> : null}
      {tally ? (
        <View className="live-vote-progress__tally">
          {open ? '目前：' : ''}
          {tally}
        </View>
      ) : null}
      {tallies ? <OptionTallyList tallies={tallies} method={vote.method} /> : null}
      {!open ? (
        <View
          className={
            verdict === '通过' || tallies?.some((t) => t.chosen) ? 'live-verdict live-verdict--passed' : 'live-verdict'
          }
          role="status"
        >
          表决结果：{tallies ? choiceVerdict(vote.method, tallies) : (verdict ?? '正在整理')}
        </View>
      ) : null}
      {!open && showLinks ? (
        <View className="live-vote-progress__record">
          <View className="live-muted">
            每一张计入的选票都公布在投票记录里，按凭证码的哈希排序、前后相连，任何人都可以下载后重新计票；投票人用自己的凭证码可以找到自己的那一票。
          </View>
          <ActionButton variant="secondary" onClick={() => openPage(voteRecordUrl(vote.id))}>
            查看投票记录
          </ActionButton>
          <ActionButton variant="secondary" onClick={() => openPage(voteRecordUrl(vote.id, true))}>
            用凭证码核对我的一票
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}

/** The agenda with each item's state; `actionFor` adds the moderator's button to an item. */
export function AgendaView({
  agenda,
  actionFor,
}: {
  agenda: LiveState['agenda'];
  actionFor?: (item: LiveState['agenda'][number]) => ReactNode;
}) {
  return (
    <View className="live-agenda" role="list" aria-label="会议议程">
      {agenda.map((item) => (
        <View
          key={item.id}
          className={item.status === 'open' ? 'live-agenda__item live-agenda__item--open' : 'live-agenda__item'}
          role="listitem"
        >
          <View className="live-agenda__head">
            <View className="live-agenda__number">{item.position}</View>
            <View className="live-agenda__title">{item.title}</View>
          </View>
          <View className="live-muted">
            {AGENDA_ITEM_STATUS_LABELS[item.status]}
            {item.outcome ? ` · ${ITEM_OUTCOME_LABELS[item.outcome]}` : ''} · 约 {item.minutes} 分钟
          </View>
          {actionFor?.(item)}
        </View>
      ))}
    </View>
  );
}

/** The conclusions recorded so far: the resolution in words, and the votes it rests on. */
export function DecisionsView({
  decisions,
  receipts = {},
}: {
  decisions: LiveState['decisions'];
  /** The viewer's receipt codes by vote, kept while the page is open. */
  receipts?: Record<number, { code: string }>;
}) {
  if (decisions.length === 0) return <View className="live-muted">还没有记录结论。</View>;
  return (
    <View className="live-decisions" role="list" aria-label="已记录的结论">
      {decisions.map((d) => (
        <View key={d.agendaItemId} className="live-decision" role="listitem">
          <View className="live-decision__title">{d.title}</View>
          <View
            className={
              d.outcome === 'decided'
                ? 'live-decision__outcome live-decision__outcome--decided'
                : 'live-decision__outcome'
            }
          >
            {ITEM_OUTCOME_LABELS[d.outcome]}
          </View>
          {d.resolution ? <View className="live-text">{d.resolution}</View> : null}
          {d.voteIds.map((voteId, index) => (
            <View
              key={voteId}
              className="live-link yishi-pressable"
              {...pressableProps(() => openPage(voteDetailUrl(voteId)), { role: 'link' })}
            >
              {d.voteIds.length > 1 ? `表决结果（${index + 1}）` : '表决结果'}和投票记录 ›
            </View>
          ))}
          {d.voteIds
            .filter((voteId) => receipts[voteId])
            .map((voteId) => (
              <View key={`receipt-${voteId}`} className="live-muted">
                您的凭证码：{receipts[voteId]?.code}（在投票记录里用它核对自己的一票）
              </View>
            ))}
        </View>
      ))}
    </View>
  );
}
