import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { ToggleRow } from '@/components/ToggleRow';
import { listCommunities } from '@/services/communities';
import { replacePage } from '@/services/navigation';
import { currentCommunity, useSession } from '@/services/session';
import {
  type CouncilOption,
  createVote,
  ELECTORATE_LABELS,
  listCouncilOptions,
  methodsFor,
  VOTE_METHOD_LABELS,
  type VoteDraft,
  voteBodyFromDraft,
  voteDetailUrl,
} from '@/services/votes';
import './new.css';

const MAJORITY_CHOICES: { value: VoteDraft['majority']; label: string }[] = [
  { value: 'simple', label: '过半数同意' },
  { value: 'two_thirds', label: '三分之二以上同意' },
  { value: 'three_quarters', label: '四分之三以上同意' },
];

const DAY_CHOICES = [
  { value: 1, label: '1 天' },
  { value: 3, label: '3 天' },
  { value: 7, label: '7 天' },
  { value: 14, label: '14 天' },
];

const ELECTORATE_CHOICES: { value: VoteDraft['electorate']; label: string }[] = [
  { value: 'residents', label: ELECTORATE_LABELS.residents },
  { value: 'households', label: ELECTORATE_LABELS.households },
  { value: 'owners', label: ELECTORATE_LABELS.owners },
  { value: 'council', label: ELECTORATE_LABELS.council },
];

const MATTER_CHOICES: { value: 'ordinary' | 'major'; label: string; description: string }[] = [
  {
    value: 'ordinary',
    label: '一般事项（双过半）',
    description: '如制定议事规则、选聘物业、使用维修资金',
  },
  {
    value: 'major',
    label: '重大事项（双四分之三）',
    description: '如筹集维修资金、改建重建、改变共有部分用途',
  },
];

/**
 * 发起表决 (moderators): residents, households, owners (estate and matter) or a
 * council; yes/no/abstain, single or multiple choice, or an election with its
 * candidates; the rule, the duration and how results are shown.
 */
export default function NewVotePage() {
  const session = useSession();
  const community = currentCommunity(session);
  const [draft, setDraft] = useState<VoteDraft>({
    title: '',
    description: '',
    electorate: 'residents',
    method: 'yes_no',
    options: ['', ''],
    majority: 'simple',
    days: 7,
    secret: true,
    resultsLive: false,
    allowChange: false,
  });
  const [estates, setEstates] = useState<{ id: number; name: string }[]>([]);
  const [councils, setCouncils] = useState<CouncilOption[]>([]);
  const [problem, setProblem] = useState<{ field: string; text: string }>();
  const [saving, setSaving] = useState(false);
  const communityId = community?.id;

  useEffect(() => {
    if (communityId === undefined) return;
    listCommunities()
      .then((list) => setEstates(list.find((c) => c.id === communityId)?.estates ?? []))
      .catch(() => undefined);
    listCouncilOptions(communityId)
      .then(setCouncils)
      .catch(() => undefined);
  }, [communityId]);

  if (!community?.roles.includes('moderator')) {
    return (
      <PageLayout title="发起表决" intro="社区工作者在这里发起表决。">
        <Notice tone="warning" title="只有社区工作者可以发起表决" />
      </PageLayout>
    );
  }

  const update = (changes: Partial<VoteDraft>) => {
    setDraft((current) => {
      const next = { ...current, ...changes };
      if (!methodsFor(next.electorate).includes(next.method)) next.method = 'yes_no';
      return next;
    });
    setProblem(undefined);
  };
  const setOption = (index: number, value: string) =>
    update({ options: draft.options.map((o, i) => (i === index ? value : o)) });
  const filledOptions = draft.options.filter((o) => o.trim()).length;
  const errorFor = (field: string) => (problem?.field === field ? problem.text : undefined);

  const submit = async () => {
    const built = voteBodyFromDraft(draft, community.id);
    if ('problem' in built) {
      setProblem({ field: built.field, text: built.problem });
      void Taro.showToast({ title: built.problem, icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const vote = await createVote(built.body);
      void Taro.showToast({ title: '表决已发起', icon: 'success' });
      replacePage(voteDetailUrl(vote.id));
    } catch {
      // Shown by the request module.
    } finally {
      setSaving(false);
    }
  };

  const choiceMethod = draft.method !== 'yes_no';
  const limitChoices = Array.from({ length: Math.max(filledOptions, 1) }, (_, i) => ({
    value: i + 1,
    label: draft.method === 'election' ? `${i + 1} 人` : `${i + 1} 项`,
  }));

  return (
    <PageLayout title="发起表决" intro={`在${community.name}发起一项表决，发起后即可投票。`}>
      <Section title="表决内容">
        <TextField
          label="标题"
          value={draft.title}
          onChange={(title) => update({ title })}
          maxLength={80}
          error={errorFor('title')}
        />
        <TextArea
          label="说明"
          value={draft.description}
          onChange={(description) => update({ description })}
          maxLength={2000}
          rows={5}
        />
      </Section>
      <Section title="谁可以投">
        <ChoiceList
          label="谁可以投"
          choices={ELECTORATE_CHOICES}
          value={draft.electorate}
          onChange={(electorate) => update({ electorate })}
          columns={1}
        />
        {draft.electorate === 'owners' || draft.electorate === 'households' ? (
          <ChoiceList
            label={draft.electorate === 'owners' ? '哪个小区的业主（必选）' : '限定小区（可不选）'}
            showLabel
            choices={estates.map((e) => ({ value: e.id, label: e.name }))}
            value={draft.estateId}
            onChange={(estateId) => update({ estateId })}
          />
        ) : null}
        {errorFor('estateId') ? <Notice tone="danger" title={errorFor('estateId')} /> : null}
        {draft.electorate === 'council' ? (
          councils.length === 0 ? (
            <Notice tone="warning" title="本社区还没有议事会" />
          ) : (
            <ChoiceList
              label="议事会"
              showLabel
              choices={councils.map((c) => ({ value: c.id, label: c.name, description: c.estateName ?? undefined }))}
              value={draft.councilId}
              onChange={(councilId) => update({ councilId })}
            />
          )
        ) : null}
        {errorFor('councilId') ? <Notice tone="danger" title={errorFor('councilId')} /> : null}
      </Section>
      <Section title="表决方式">
        <ChoiceList
          label="表决方式"
          choices={methodsFor(draft.electorate).map((m) => ({ value: m, label: VOTE_METHOD_LABELS[m] }))}
          value={draft.method}
          onChange={(method) => update({ method })}
          columns={1}
        />
        {choiceMethod ? (
          <View className="new-vote__options">
            {draft.options.map((option, index) => (
              <TextField
                // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions the moderator fills in.
                key={index}
                label={draft.method === 'election' ? `候选人 ${index + 1}` : `选项 ${index + 1}`}
                value={option}
                onChange={(value) => setOption(index, value)}
                maxLength={40}
              />
            ))}
            {errorFor('options') ? <Notice tone="danger" title={errorFor('options')} /> : null}
            <View className="new-vote__row">
              {draft.options.length < 30 ? (
                <ActionButton variant="secondary" onClick={() => update({ options: [...draft.options, ''] })}>
                  {draft.method === 'election' ? '添加候选人' : '添加选项'}
                </ActionButton>
              ) : null}
              {draft.options.length > 2 ? (
                <ActionButton variant="secondary" onClick={() => update({ options: draft.options.slice(0, -1) })}>
                  删除最后一项
                </ActionButton>
              ) : null}
            </View>
            {draft.method !== 'single' ? (
              <ChoiceList
                label={draft.method === 'election' ? '应选人数（每票最多选几人）' : '每票最多可选几项'}
                showLabel
                columns={3}
                choices={limitChoices}
                value={draft.maxChoices}
                onChange={(maxChoices) => update({ maxChoices })}
              />
            ) : null}
            {errorFor('maxChoices') ? <Notice tone="danger" title={errorFor('maxChoices')} /> : null}
          </View>
        ) : null}
      </Section>
      <Section title="规则">
        {draft.electorate === 'owners' ? (
          draft.method === 'yes_no' ? (
            <ChoiceList
              label="事项类别"
              showLabel
              choices={MATTER_CHOICES}
              value={draft.matter ?? 'ordinary'}
              onChange={(matter) => update({ matter })}
            />
          ) : (
            <View className="new-vote__hint">
              业主选举：每位候选人须获得参与表决的专有面积和人数均过半数同意才能当选。
            </View>
          )
        ) : (
          <ChoiceList
            label="通过条件"
            showLabel
            choices={MAJORITY_CHOICES}
            value={draft.majority}
            onChange={(majority) => update({ majority })}
            columns={1}
          />
        )}
        <ChoiceList
          label="投票时长"
          showLabel
          choices={DAY_CHOICES}
          value={draft.days}
          onChange={(days) => update({ days })}
          columns={2}
        />
        <ToggleRow
          label="无记名投票"
          description="别人看不到每个人投了什么"
          checked={draft.secret}
          onChange={(secret) => update({ secret })}
        />
        <ToggleRow
          label="投票期间公开票数"
          description="关闭时，票数在结束后公布"
          checked={draft.resultsLive}
          onChange={(resultsLive) => update({ resultsLive })}
        />
        <ToggleRow
          label="截止前允许改投"
          description="以最后一次投票为准"
          checked={draft.allowChange}
          onChange={(allowChange) => update({ allowChange })}
        />
      </Section>
      <View>
        <ActionButton loading={saving} onClick={() => void submit()}>
          发起表决
        </ActionButton>
      </View>
    </PageLayout>
  );
}
