import type { TopicSummary } from '@shared/topics/topics.schema';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { replacePage } from '@/services/navigation';
import { type FieldErrors, projectUrl, raiseProblems, raiseProject } from '@/services/projects';
import { getTopic, listCommunityTopics } from '@/services/topics';
import { ModeratorGate } from '../components/ModeratorGate';
import '@/pages/projects/components/project.css';

const DECIDED = ['decided', 'publicity', 'implementation'] as const;

function topicFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.topicId);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** The latest resolution on a topic's timeline (the note of its last 决议). */
async function resolutionOf(topicId: number): Promise<string> {
  const topic = await getTopic(topicId, { showErrorToast: false });
  const decided = topic.timeline.filter((e) => e.action === 'decide' && e.note);
  return decided[decided.length - 1]?.note ?? '';
}

function RaiseForm({ communityId }: { communityId: number }) {
  const [topics, setTopics] = useState<TopicSummary[]>([]);
  const [topicId, setTopicId] = useState<number | 0>(topicFromRoute() ?? 0);
  const [title, setTitle] = useState('');
  const [demand, setDemand] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    Promise.all(DECIDED.map((status) => listCommunityTopics(communityId, { status }, { showErrorToast: false })))
      .then((pages) => setTopics(pages.flatMap((p) => p.items)))
      .catch(() => setTopics([]));
  }, [communityId]);

  useEffect(() => {
    if (!topicId) return;
    resolutionOf(topicId)
      .then((resolution) => {
        if (resolution) setDemand(resolution);
      })
      .catch(() => undefined);
    const topic = topics.find((t) => t.id === topicId);
    if (topic) setTitle((current) => current || topic.title.slice(0, 60));
  }, [topicId, topics]);

  const submit = async () => {
    const form = {
      communityId,
      title: title.trim(),
      ...(topicId ? { topicId } : {}),
      ...(demand.trim() ? { demand: demand.trim() } : {}),
    };
    const found = raiseProblems(form);
    if (!topicId && !demand.trim()) found.demand = '请写明服务需求';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const project = await raiseProject(form);
      void Taro.showToast({ title: '需求已提出', icon: 'success' });
      replacePage(projectUrl('manage', project.id));
    } catch {
      // The request module showed why.
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Section title="来源议题" description="由议事会决议产生的需求，选择对应议题；社区直接提出的需求选“不关联议题”。">
        <ChoiceList
          label="关联议题"
          choices={[
            { value: 0, label: '不关联议题' },
            ...topics.map((t) => ({ value: t.id, label: t.title, description: t.statusLabel })),
          ]}
          value={topicId}
          onChange={setTopicId}
          columns={1}
        />
      </Section>
      <Section title="项目需求">
        <TextField
          label="项目名称"
          value={title}
          onChange={setTitle}
          placeholder="例如：槐荫里长者助餐服务"
          maxLength={60}
          error={errors.title}
        />
        <TextArea
          label="服务需求"
          value={demand}
          onChange={setDemand}
          placeholder={topicId ? '默认使用议题的决议内容，可修改' : '居民需要什么服务、为什么需要'}
          maxLength={2000}
          rows={5}
          error={errors.demand}
        />
      </Section>
      <View className="project__actions">
        <ActionButton loading={saving} onClick={() => void submit()}>
          提出需求
        </ActionButton>
      </View>
    </>
  );
}

/** 提出项目需求 (moderators): from a decided topic's resolution, or directly. */
export default function NewProjectPage() {
  return (
    <ModeratorGate
      title="提出项目需求"
      intro="三社联动项目从一项居民需求开始，随后编制方案、报街道备案。"
      showBackToWorkbench
    >
      {({ community }) => <RaiseForm communityId={community.id} />}
    </ModeratorGate>
  );
}
