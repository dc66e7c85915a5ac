import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import type { LiveVote } from '@/services/meeting-session';
import { openPage, PAGES } from '@/services/navigation';
import { ApiError } from '@/services/request';
import {
  castBallot,
  choiceHint,
  getVote,
  isChoiceVote,
  ruleText,
  selectionIssue,
  selectionText,
  toggleOption,
  VOTE_CHOICE_LABELS,
  type VoteChoice,
  type VoteView,
} from '@/services/votes';
import { ReceiptNotice } from '../votes/BallotParts';
import { OptionPicker } from '../votes/OptionPicker';
import { VoteProgressView } from './live-parts';

const CHOICES: readonly VoteChoice[] = ['yes', 'no', 'abstain'];

export interface Receipt {
  code: string;
  text: string;
}

interface LiveVotePanelProps {
  /** The vote as the live state carries it (participation and tally are the newest). */
  vote: LiveVote;
  signedIn: boolean;
  /** The viewer checked in to the meeting (only they may cast in a meeting). */
  present: boolean;
  /** The receipt of the viewer's ballot in this vote, kept by the page while it is open. */
  receipt?: Receipt;
  onReceipt: (receipt: Receipt) => void;
}

/**
 * 会上表决: the question and its rule, participation and (when live) the
 * tally; large buttons with a confirmation for a participant who may vote;
 * the receipt code shown once; after close the result and how to check it.
 * The viewer's standing (may vote, has voted) is read from GET /api/votes/:id.
 */
export function LiveVotePanel({ vote, signedIn, present, receipt, onReceipt }: LiveVotePanelProps) {
  const [me, setMe] = useState<VoteView['me']>();
  const [casting, setCasting] = useState<VoteChoice | 'options'>();
  const [selected, setSelected] = useState<number[]>([]);
  const open = vote.status === 'open';

  const readStanding = useCallback(async () => {
    if (!signedIn) return;
    try {
      setMe((await getVote(vote.id, { showErrorToast: false })).me);
    } catch {
      // The buttons stay hidden; the next change of the vote reads again.
    }
  }, [vote.id, signedIn]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: read again when the vote opens or closes, or the viewer checks in.
  useEffect(() => {
    void readStanding();
  }, [readStanding, vote.status, present]);

  const cast = async (answer: { choice: VoteChoice } | { options: number[] }) => {
    const text = 'choice' in answer ? VOTE_CHOICE_LABELS[answer.choice] : selectionText(vote, answer.options);
    const sure = await Taro.showModal({
      title: 'choice' in answer ? `确认投“${text}”` : '确认投出选票',
      content: `您将投“${text}”。投出后不能更改。`,
      confirmText: 'choice' in answer ? `投${text}` : '投出选票',
      cancelText: '取消',
    });
    if (!sure.confirm) return;
    setCasting('choice' in answer ? answer.choice : 'options');
    try {
      const result = await castBallot(vote.id, answer);
      onReceipt({ code: result.receiptCode, text });
      setSelected([]);
      setMe((current) => (current ? { ...current, voted: true } : current));
    } catch (error) {
      // Toasted by the request module; 已投过票 or 表决已结束: read the standing again.
      if (error instanceof ApiError && ['CONFLICT', 'ILLEGAL_TRANSITION', 'FORBIDDEN'].includes(String(error.code))) {
        void readStanding();
      }
    } finally {
      setCasting(undefined);
    }
  };

  const voted = receipt !== undefined || me?.voted === true;
  const choiceVote = isChoiceVote(vote);

  return (
    <View className="live-ballot">
      <View className="live-vote-title">{vote.title}</View>
      <View className="live-muted">
        {ruleText(vote)}。{vote.secret ? '无记名投票。' : '记名投票。'}只有已签到的议事会成员可以投票。
      </View>
      {receipt ? <ReceiptNotice code={receipt.code} text={receipt.text} /> : null}
      <VoteProgressView vote={vote} />
      {open && voted ? (
        <View className="live-done" role="status">
          ✓ 您已投票
        </View>
      ) : null}
      {open && !voted && !signedIn ? (
        <ActionButton variant="secondary" onClick={() => openPage(PAGES.login)}>
          登录后投票
        </ActionButton>
      ) : null}
      {open && !voted && signedIn && me && !me.eligible ? (
        <Notice tone="warning" title="您不能参加这项表决">
          {me.reason ?? (present ? '您不在这项表决的投票范围内。' : '请先签到，签到后才能投票。')}
        </Notice>
      ) : null}
      {open && !voted && me?.eligible ? (
        <View className="live-ballot__choices" role="group" aria-label="投票">
          {choiceVote ? (
            <>
              <View className="live-muted">{choiceHint(vote)}</View>
              <OptionPicker
                vote={vote}
                selected={selected}
                disabled={casting !== undefined}
                onToggle={(position) => {
                  const next = toggleOption(vote, selected, position);
                  if (next.refused) void Taro.showToast({ title: next.refused, icon: 'none' });
                  setSelected(next.selected);
                }}
              />
              <ActionButton
                loading={casting === 'options'}
                disabled={selectionIssue(vote, selected) !== undefined}
                onClick={() => void cast({ options: selected })}
              >
                投出选票
              </ActionButton>
            </>
          ) : (
            CHOICES.map((choice) => (
              <ActionButton
                key={choice}
                variant={choice === 'yes' ? 'primary' : 'secondary'}
                loading={casting === choice}
                disabled={casting !== undefined && casting !== choice}
                onClick={() => void cast({ choice })}
              >
                {VOTE_CHOICE_LABELS[choice]}
              </ActionButton>
            ))
          )}
        </View>
      ) : null}
      {!open && voted ? <View className="live-muted">✓ 您参加了这项表决</View> : null}
    </View>
  );
}
