import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { ToggleRow } from '@/components/ToggleRow';
import { replacePage } from '@/services/navigation';
import { currentCommunity, useSession } from '@/services/session';
import { createVote, ELECTORATE_LABELS, type NewVote, voteDetailUrl } from '@/services/votes';

type Electorate = 'residents' | 'households';
type Majority = NonNullable<NewVote['majority']>;

const MAJORITY_CHOICES: { value: Majority; label: string }[] = [
  { value: 'simple', label: '过半数同意' },
  { value: 'two_thirds', label: '三分之二以上同意' },
  { value: 'three_quarters', label: '四分之三以上同意' },
];

const DAY_CHOICES = [
  { value: 3, label: '3 天' },
  { value: 7, label: '7 天' },
  { value: 14, label: '14 天' },
];

/**
 * 发起表决 (moderators): a residents' or households' vote. Owners' decisions
 * (业主共同决定) need an estate and the matter type and are started from the
 * estate's page later.
 */
export default function NewVotePage() {
  const session = useSession();
  const community = currentCommunity(session);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [electorate, setElectorate] = useState<Electorate>('residents');
  const [majority, setMajority] = useState<Majority>('simple');
  const [days, setDays] = useState(7);
  const [secret, setSecret] = useState(true);
  const [resultsLive, setResultsLive] = useState(false);
  const [titleError, setTitleError] = useState<string>();
  const [saving, setSaving] = useState(false);

  if (!community?.roles.includes('moderator')) {
    return (
      <PageLayout title="发起表决" intro="社区工作者在这里发起表决。">
        <Notice tone="warning" title="只有社区工作者可以发起表决" />
      </PageLayout>
    );
  }

  const submit = async () => {
    if (title.trim().length < 4) {
      setTitleError('标题至少 4 个字');
      return;
    }
    setTitleError(undefined);
    setSaving(true);
    try {
      const vote = await createVote({
        communityId: community.id,
        title: title.trim(),
        description: description.trim(),
        electorate,
        majority,
        base: 'YNA',
        secret,
        resultsLive,
        allowChange: false,
        closesAt: new Date(Date.now() + days * 24 * 3600_000).toISOString(),
      });
      void Taro.showToast({ title: '表决已发起', icon: 'success' });
      replacePage(voteDetailUrl(vote.id));
    } catch {
      // Shown by the request module.
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageLayout title="发起表决" intro={`在${community.name}发起一项表决，发起后居民即可投票。`}>
      <Section title="表决内容">
        <TextField label="标题" value={title} onChange={setTitle} maxLength={80} error={titleError} />
        <TextArea label="说明" value={description} onChange={setDescription} maxLength={2000} rows={5} />
      </Section>
      <Section title="规则">
        <ChoiceList
          label="谁可以投"
          choices={[
            { value: 'residents', label: ELECTORATE_LABELS.residents },
            { value: 'households', label: ELECTORATE_LABELS.households },
          ]}
          value={electorate}
          onChange={setElectorate}
          columns={1}
        />
        <ChoiceList label="通过条件" choices={MAJORITY_CHOICES} value={majority} onChange={setMajority} columns={1} />
        <ChoiceList label="投票时长" choices={DAY_CHOICES} value={days} onChange={setDays} columns={3} />
        <ToggleRow label="无记名投票" description="别人看不到每个人投了什么" checked={secret} onChange={setSecret} />
        <ToggleRow
          label="投票期间公开票数"
          description="关闭时，票数在结束后公布"
          checked={resultsLive}
          onChange={setResultsLive}
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
