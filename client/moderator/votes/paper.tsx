import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { TextField } from '@/components/TextField';
import { openPage } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import {
  type BallotAnswer,
  choiceHint,
  type ElectorView,
  getVote,
  paperConfirmUrl,
  recordPaperBallot,
  searchElectors,
  selectionIssue,
  selectionText,
  toggleOption,
  VOTE_CHOICE_LABELS,
  type VoteChoice,
  type VoteView,
} from '@/services/votes';
import { OptionPicker } from '../../pages/votes/OptionPicker';
import '../../pages/votes/detail.css';
import './new.css';

const CHOICES: readonly VoteChoice[] = ['yes', 'no', 'abstain'];

function voteIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * 录入纸质选票 (grid workers and moderators): find the voter in the frozen
 * electorate by name or unit, enter what the paper says, and give the voter
 * the receipt code. The ballot counts once another staff member confirms it.
 */
export default function PaperBallotPage() {
  const session = useSession();
  const [voteId] = useState(voteIdFromRoute);
  const [vote, setVote] = useState<VoteView>();
  const [failed, setFailed] = useState<string>();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<ElectorView[]>();
  const [voter, setVoter] = useState<ElectorView>();
  const [choice, setChoice] = useState<VoteChoice>();
  const [selected, setSelected] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [entered, setEntered] = useState<{ code: string; voter: string; text: string }>();

  useEffect(() => {
    if (voteId === undefined) {
      setFailed('没有指定表决');
      return;
    }
    getVote(voteId, { showErrorToast: false })
      .then(setVote)
      .catch((error) => setFailed(error instanceof ApiError ? error.message : '加载失败'));
  }, [voteId]);

  const search = useCallback(async () => {
    if (voteId === undefined) return;
    try {
      setFound(await searchElectors(voteId, query));
    } catch {
      // Shown by the request module.
    }
  }, [voteId, query]);

  const roles: readonly string[] =
    session.me?.communities.find((c) => c.id === vote?.communityId)?.roles ?? ([] as string[]);
  if (failed || !vote) {
    return (
      <PageLayout title="录入纸质选票" intro="为没有智能手机的居民录入纸质选票。">
        {failed ? <Notice tone="danger" title={failed} /> : <View className="paper__muted">正在读取表决…</View>}
      </PageLayout>
    );
  }
  if (!roles.includes('moderator') && !roles.includes('grid_worker')) {
    return (
      <PageLayout title="录入纸质选票" intro={vote.title}>
        <Notice tone="warning" title="只有本社区的网格员和社区工作者可以录入纸质选票" />
      </PageLayout>
    );
  }

  const answer: BallotAnswer | undefined =
    vote.method === 'yes_no'
      ? choice
        ? { choice }
        : undefined
      : selectionIssue(vote, selected) === undefined
        ? { options: selected }
        : undefined;
  const answerText = answer
    ? 'choice' in answer
      ? VOTE_CHOICE_LABELS[answer.choice]
      : selectionText(vote, selected)
    : '';

  const submit = async () => {
    if (!voter || !answer) return;
    const sure = await Taro.showModal({
      title: '确认录入',
      content: `为 ${voter.name} 录入纸质选票：“${answerText}”。录入后须由另一位工作人员确认才计票。`,
      confirmText: '确认录入',
      cancelText: '取消',
    });
    if (!sure.confirm) return;
    setSaving(true);
    try {
      const result = await recordPaperBallot(vote.id, voter.voterKey, answer, note.trim());
      setEntered({ code: result.receiptCode, voter: voter.name, text: answerText });
      setVoter(undefined);
      setChoice(undefined);
      setSelected([]);
      setNote('');
      setFound(undefined);
    } catch {
      // Shown by the request module.
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageLayout title="录入纸质选票" intro={vote.title}>
      {entered ? (
        <Notice tone="success" title="已录入，等待另一位工作人员确认" live="status">
          <View className="paper__line">
            {entered.voter}：“{entered.text}”。请把凭证码写在纸质选票回执上交给投票人：
          </View>
          <View className="paper__code" aria-label={`凭证码 ${entered.code.split('').join(' ')}`}>
            {entered.code}
          </View>
          <View className="paper__muted">凭证码只显示这一次。</View>
        </Notice>
      ) : null}
      {vote.status !== 'open' ? <Notice tone="warning" title="表决已经结束，不能再录入" /> : null}
      <Section title="1. 找到投票人" description="输入姓名或房号（如 1单元301）查找。">
        <TextField label="姓名或房号" value={query} onChange={setQuery} maxLength={40} />
        <ActionButton variant="secondary" onClick={() => void search()}>
          查找
        </ActionButton>
        {found && found.length === 0 ? <View className="paper__muted">没有找到，请换个写法再试。</View> : null}
        {found && found.length > 0 ? (
          <ChoiceList
            label="投票人"
            choices={found.map((f) => ({
              value: f.voterKey,
              label: f.name,
              description: [
                f.units.join('；'),
                f.area ? `${f.area} ㎡` : '',
                f.voted ? '已投票' : '',
                f.pendingPaper ? '已有待确认的纸质票' : '',
              ]
                .filter(Boolean)
                .join(' · '),
            }))}
            value={voter?.voterKey}
            onChange={(key) => setVoter(found.find((f) => f.voterKey === key))}
          />
        ) : null}
      </Section>
      {voter ? (
        <Section title="2. 选票上的选择" description={vote.method === 'yes_no' ? undefined : choiceHint(vote)}>
          {vote.method === 'yes_no' ? (
            <ChoiceList
              label="选票上的选择"
              columns={3}
              choices={CHOICES.map((c) => ({ value: c, label: VOTE_CHOICE_LABELS[c] }))}
              value={choice}
              onChange={setChoice}
            />
          ) : (
            <OptionPicker
              vote={vote}
              selected={selected}
              onToggle={(position) => {
                const next = toggleOption(vote, selected, position);
                if (next.refused) void Taro.showToast({ title: next.refused, icon: 'none' });
                setSelected(next.selected);
              }}
            />
          )}
          <TextField label="备注（可不填）" value={note} onChange={setNote} maxLength={200} />
          <View className="paper__actions">
            <ActionButton disabled={!answer || vote.status !== 'open'} loading={saving} onClick={() => void submit()}>
              录入这张纸质选票
            </ActionButton>
          </View>
        </Section>
      ) : null}
      <View className="paper__actions">
        <ActionButton variant="secondary" onClick={() => openPage(paperConfirmUrl(vote.communityId))}>
          查看待确认的纸质选票
        </ActionButton>
      </View>
    </PageLayout>
  );
}
