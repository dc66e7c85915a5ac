import { MINUTES_MAX_CHARS } from '@shared/meetings/minutes';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { ToggleRow } from '@/components/ToggleRow';
import {
  aMeetingVoteDraft,
  type DecideItemBody,
  editMinutes,
  getMinutes,
  type LiveState,
  type LiveVote,
  MEETING_VOTE_MINUTES,
  type MeetingVoteDraft,
  type MinutesView,
  meetingVoteBody,
  openMeetingVote,
  publishMinutes,
} from '@/services/meeting-session';
import type { MeetingInviteeView } from '@/services/meetings';
import { openPage } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { closeVote, paperEntryUrl, ruleText } from '@/services/votes';
import { VoteProgressView } from '../../../pages/meetings/live-parts';
import { ModeratorButton } from '../../components/ModeratorButton';

/**
 * The moderator's controls on the live meeting: speaking time and adding a
 * speaker, putting the item to the vote and closing it, recording the item's
 * conclusion, and the minutes (draft, edit, publish).
 */

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return Boolean(answer.confirm);
}

export const SPEECH_CHOICES = [
  { value: 60, label: '1 分钟' },
  { value: 120, label: '2 分钟' },
  { value: 180, label: '3 分钟' },
  { value: 300, label: '5 分钟' },
] as const;

/** Checked-in participants not on the list of speakers yet, each with 安排发言. */
export function AddSpeaker({
  invitees,
  speakers,
  busy,
  onAdd,
}: {
  invitees: MeetingInviteeView[];
  speakers: LiveState['speakers'];
  busy: boolean;
  onAdd: (userId: number) => void;
}) {
  const listed = new Set([speakers.current, ...speakers.queue].filter((s) => s !== null).map((s) => s?.userId));
  const available = invitees.filter((i) => i.present && !listed.has(i.userId));
  if (available.length === 0) return <View className="live-muted">已签到的人员都在发言名单中，或还没有人签到。</View>;
  return (
    <View className="live-queue" role="list" aria-label="可安排发言的人员">
      {available.map((invitee) => (
        <View key={invitee.userId} className="live-queue__row" role="listitem">
          <View className="live-queue__who">
            <View className="live-queue__name">{invitee.name}</View>
            <View className="live-muted">{invitee.role === 'council' ? '议事会成员' : '列席'}</View>
          </View>
          <ModeratorButton
            variant="secondary"
            disabled={busy}
            aria-label={`安排${invitee.name}发言`}
            onClick={() => onAdd(invitee.userId)}
          >
            安排发言
          </ModeratorButton>
        </View>
      ))}
    </View>
  );
}

const MAJORITY_CHOICES = [
  { value: 'simple', label: '过半数' },
  { value: 'two_thirds', label: '三分之二' },
  { value: 'three_quarters', label: '四分之三' },
] as const;

const BASE_CHOICES = [
  { value: 'YNA', label: '按同意、反对、弃权合计' },
  { value: 'YN', label: '只按同意和反对（弃权不计）' },
  { value: 'entitled', label: '按全体议事会成员' },
] as const;

/**
 * The vote on the item under discussion: the open vote's participation and
 * tally as ballots arrive, paper-ballot entry and 结束表决; with none open,
 * the form to open one (a council vote: yes/no/abstain, single or multiple choice, or an election).
 */
export function VoteControl({ state, onOpened }: { state: LiveState; onOpened: () => void }) {
  const item = state.currentItem;
  const [draft, setDraft] = useState<MeetingVoteDraft>(() => aMeetingVoteDraft(item?.topic.title ?? ''));
  const [problem, setProblem] = useState<string>();
  const [opening, setOpening] = useState(false);
  const [closing, setClosing] = useState(false);
  const open = state.votes.find((v) => v.status === 'open');
  const closed = state.votes.filter((v) => v.status === 'closed');

  // A new item: a new default title.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the item changes.
  useEffect(() => {
    setDraft(aMeetingVoteDraft(item?.topic.title ?? ''));
    setProblem(undefined);
  }, [item?.id]);

  const set = (patch: Partial<MeetingVoteDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async () => {
    const built = meetingVoteBody(draft, state);
    if ('problem' in built) {
      setProblem(built.problem);
      return;
    }
    setProblem(undefined);
    setOpening(true);
    try {
      await openMeetingVote(built.body, { showErrorToast: (e) => e.code !== 'VALIDATION_FAILED' });
      void Taro.showToast({ title: '表决已开始', icon: 'success' });
      onOpened();
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') setProblem(error.message);
    } finally {
      setOpening(false);
    }
  };

  const close = async (vote: LiveVote) => {
    const missing = vote.participation.entitled - vote.participation.voters;
    const content = `${missing > 0 ? `还有 ${missing} 人没有投票。` : '大家都已投票。'}结束后不能再投票，结果和投票记录将公布。`;
    if (!(await confirm('结束表决', content, '结束表决'))) return;
    setClosing(true);
    try {
      await closeVote(vote.id);
      void Taro.showToast({ title: '表决已结束', icon: 'success' });
    } catch {
      // Shown by the request module.
    } finally {
      setClosing(false);
    }
  };

  return (
    <View className="live-vote-control">
      {closed.map((vote) => (
        <View key={vote.id} className="live-vote-control__closed">
          <View className="live-vote-title">{vote.title}</View>
          <VoteProgressView vote={vote} />
        </View>
      ))}
      {open ? (
        <View className="live-vote-control__open">
          <View className="live-vote-title">{open.title}</View>
          <View className="live-muted">{ruleText(open)}</View>
          <VoteProgressView vote={open} showLinks={false} />
          <ModeratorButton variant="secondary" onClick={() => openPage(paperEntryUrl(open.id))}>
            录入纸质选票
          </ModeratorButton>
          <ModeratorButton variant="danger" size="large" busy={closing} onClick={() => void close(open)}>
            结束表决
          </ModeratorButton>
        </View>
      ) : (
        <View className="live-vote-control__form">
          <View className="live-muted">
            由已签到的议事会成员投票（共 {state.attendance.councilSeats} 个席位，已到 {state.attendance.councilPresent}{' '}
            人）。
          </View>
          <TextField label="表决事项" value={draft.title} maxLength={80} onChange={(title) => set({ title })} />
          <ChoiceList
            label="表决方式"
            showLabel
            choices={[
              { value: 'yes_no', label: '同意/反对/弃权' },
              { value: 'single', label: '几个方案选一个' },
              { value: 'multiple', label: '几个方案选多个' },
              { value: 'election', label: '选举（从候选人中选出几人）' },
            ]}
            value={draft.method}
            onChange={(method) => set({ method })}
          />
          {draft.method !== 'yes_no' ? (
            <TextArea
              label={draft.method === 'election' ? '候选人（每行一位）' : '方案（每行一个）'}
              value={draft.options.join('\n')}
              maxLength={400}
              rows={5}
              onChange={(text) => set({ options: text.split('\n') })}
            />
          ) : null}
          {draft.method === 'multiple' || draft.method === 'election' ? (
            <TextField
              label={draft.method === 'election' ? '应选人数（每票最多选几人）' : '每票最多可选几项'}
              type="number"
              value={String(draft.maxChoices)}
              onChange={(text) => set({ maxChoices: Number(text) })}
            />
          ) : null}
          <ChoiceList
            label="同意票须达到"
            showLabel
            columns={3}
            choices={MAJORITY_CHOICES}
            value={draft.majority}
            onChange={(majority) => set({ majority })}
          />
          <ChoiceList
            label="计算基数"
            showLabel
            choices={BASE_CHOICES}
            value={draft.base as (typeof BASE_CHOICES)[number]['value']}
            onChange={(base) => set({ base })}
          />
          <ToggleRow
            label="投票过程中公开票数"
            description="打开后，每位参会人员的屏幕上实时显示同意、反对、弃权的票数。"
            checked={draft.resultsLive}
            onChange={(resultsLive) => set({ resultsLive })}
          />
          <ToggleRow
            label="无记名投票"
            description="关闭则为记名投票：表决结束后公布每个人投了什么。"
            checked={draft.secret}
            onChange={(secret) => set({ secret })}
          />
          <TextField
            label="最长投票时间（分钟）"
            type="number"
            value={String(draft.minutes)}
            hint={`${MEETING_VOTE_MINUTES.min}–${MEETING_VOTE_MINUTES.max} 分钟；到时自动截止，也可以提前结束。`}
            onChange={(text) => set({ minutes: Number(text) || MEETING_VOTE_MINUTES.default })}
          />
          {problem ? (
            <Notice tone="danger" title="表决没有发起" live="alert">
              {problem}
            </Notice>
          ) : null}
          <ModeratorButton size="large" busy={opening} onClick={() => void submit()}>
            发起表决
          </ModeratorButton>
        </View>
      )}
    </View>
  );
}

/** The item's conclusion: a resolution (the topic becomes 已形成决议) or 未形成决议 with what happens next. */
export function DecisionForm({
  state,
  busy,
  onDecide,
}: {
  state: LiveState;
  busy: boolean;
  onDecide: (body: DecideItemBody) => void;
}) {
  const [outcome, setOutcome] = useState<DecideItemBody['outcome']>('decided');
  const [resolution, setResolution] = useState('');
  const [problem, setProblem] = useState<string>();
  const openVote = state.votes.find((v) => v.status === 'open');
  const itemId = state.currentItem?.id;

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new item starts an empty form.
  useEffect(() => {
    setOutcome('decided');
    setResolution('');
    setProblem(undefined);
  }, [itemId]);

  const submit = () => {
    const text = resolution.trim();
    if (outcome === 'decided' && text.length < 4) {
      setProblem('请填写决议内容（至少 4 个字）');
      return;
    }
    setProblem(undefined);
    onDecide({ outcome, resolution: text });
  };

  return (
    <View className="live-decision-form">
      <ChoiceList
        label="议题结论"
        columns={2}
        choices={[
          { value: 'decided', label: '形成决议' },
          { value: 'no_decision', label: '未形成决议' },
        ]}
        value={outcome}
        onChange={setOutcome}
      />
      <TextArea
        label={outcome === 'decided' ? '决议内容' : '原因或下一步（可不填）'}
        value={resolution}
        maxLength={2000}
        rows={5}
        placeholder={
          outcome === 'decided'
            ? '例如：同意在3号楼北侧加装充电桩，由物业在一个月内完成。'
            : '例如：意见分歧较大，下次会议再议。'
        }
        error={problem}
        onChange={setResolution}
      />
      {openVote ? <View className="live-muted">请先结束表决「{openVote.title}」，再记录结论。</View> : null}
      <ModeratorButton size="large" busy={busy} disabled={openVote !== undefined} onClick={submit}>
        记录结论
      </ModeratorButton>
    </View>
  );
}

/** The minutes after the meeting: the draft to check and edit, then 公布纪要 (public and frozen). */
export function MinutesEditor({ meetingId }: { meetingId: number }) {
  const [minutes, setMinutes] = useState<MinutesView>();
  const [text, setText] = useState('');
  const [failed, setFailed] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [problem, setProblem] = useState<string>();

  const load = useCallback(async () => {
    try {
      const loaded = await getMinutes(meetingId, { showErrorToast: false });
      setMinutes(loaded);
      setText(loaded.text);
      setFailed(undefined);
    } catch (error) {
      setFailed(error instanceof ApiError ? error.message : '会议纪要没有读取成功');
    }
  }, [meetingId]);

  useEffect(() => {
    void load();
  }, [load]);

  if (failed) {
    return (
      <Notice tone="danger" title="会议纪要没有读取成功" live="alert">
        {failed}
        <ModeratorButton variant="secondary" onClick={() => void load()}>
          重试
        </ModeratorButton>
      </Notice>
    );
  }
  if (!minutes) return <View className="live-muted">正在读取会议纪要…</View>;
  if (minutes.published) {
    return (
      <View className="live-minutes-view">
        <View className="live-done" role="status">
          ✓ 会议纪要已公布
        </View>
        <View className="live-minutes">{minutes.text}</View>
      </View>
    );
  }

  const changed = text.trim() !== minutes.text.trim();

  const save = async (): Promise<MinutesView | undefined> => {
    setSaving(true);
    setProblem(undefined);
    try {
      const saved = await editMinutes(meetingId, text, minutes.revision, {
        showErrorToast: (e) => e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT',
      });
      setMinutes(saved);
      setText(saved.text);
      void Taro.showToast({ title: '纪要已保存', icon: 'success' });
      return saved;
    } catch (error) {
      if (error instanceof ApiError && (error.code === 'VALIDATION_FAILED' || error.code === 'CONFLICT')) {
        setProblem(error.code === 'CONFLICT' ? `${error.message}。请复制您的修改，重新读取后再改。` : error.message);
      }
      return undefined;
    } finally {
      setSaving(false);
    }
  };

  const publish = async () => {
    const content = changed
      ? '您的修改会先保存。公布后纪要对所有居民公开，不能再修改。确定公布吗？'
      : '公布后纪要对所有居民公开，不能再修改。确定公布吗？';
    if (!(await confirm('公布会议纪要', content, '公布'))) return;
    if (changed && !(await save())) return;
    setPublishing(true);
    try {
      setMinutes(await publishMinutes(meetingId));
      void Taro.showToast({ title: '纪要已公布', icon: 'success' });
    } catch {
      // Shown by the request module.
    } finally {
      setPublishing(false);
    }
  };

  return (
    <View className="live-minutes-edit">
      <View className="live-muted">
        会议结束时已根据议程、出席、发言和表决结果生成草稿，请核对、修改后公布。现在是第 {minutes.revision} 稿。
      </View>
      <TextArea
        label="会议纪要"
        value={text}
        maxLength={MINUTES_MAX_CHARS}
        rows={8}
        onChange={setText}
        error={problem}
      />
      <ModeratorButton variant="secondary" busy={saving} disabled={!changed} onClick={() => void save()}>
        保存修改
      </ModeratorButton>
      <ModeratorButton size="large" busy={publishing} onClick={() => void publish()}>
        公布纪要
      </ModeratorButton>
    </View>
  );
}
