import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { listMembers, type ModeratedCommunity } from '@/services/moderation';
import { openPage } from '@/services/navigation';
import {
  answerObjection,
  assignImplementation,
  boardEntryUrl,
  listObjections,
  type ModerationObjection,
  publishResolution,
} from '@/services/outcomes';
import { listCommunityTopics, listParties } from '@/services/topics';
import { ModeratorGate } from '../components/ModeratorGate';
import '../../pages/board/index.css';

interface TopicRow {
  id: number;
  title: string;
  statusLabel: string;
}

function ObjectionCard({ objection, onDone }: { objection: ModerationObjection; onDone: () => void }) {
  const [reply, setReply] = useState('');
  const [busy, setBusy] = useState(false);
  const answer = async (decision: 'upheld' | 'dismissed') => {
    if (reply.trim().length < 4) {
      void Taro.showToast({ title: '请写明答复内容（至少 4 个字）', icon: 'none' });
      return;
    }
    if (decision === 'upheld') {
      const ok = await Taro.showModal({
        title: '采纳异议',
        content: '采纳后议题退回“待分派”，公示结束。可以重新分派办理，或就它发起新的表决。确定吗？',
      });
      if (!ok.confirm) return;
    }
    setBusy(true);
    try {
      const result = await answerObjection(objection.id, decision, reply.trim());
      void Taro.showToast({ title: result.reopened ? '已采纳，议题退回待分派' : '已答复', icon: 'none' });
      onDone();
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="board-detail__item">
      <View className="board-detail__muted">议题：{objection.topicTitle}</View>
      <View className="board-detail__text">
        {objection.objectorRealName ?? objection.objectorName}：{objection.text}
      </View>
      <TextArea label="答复" value={reply} onChange={setReply} maxLength={500} rows={3} />
      <View className="board-detail__action">
        <ActionButton loading={busy} variant="secondary" onClick={() => void answer('dismissed')}>
          不予采纳
        </ActionButton>
      </View>
      <View className="board-detail__action">
        <ActionButton loading={busy} onClick={() => void answer('upheld')}>
          采纳，退回重新办理
        </ActionButton>
      </View>
    </View>
  );
}

function AssignForm({ communityId, topic, onDone }: { communityId: number; topic: TopicRow; onDone: () => void }) {
  const [parties, setParties] = useState<{ id: number; name: string }[]>([]);
  const [people, setPeople] = useState<{ id: number; name: string }[]>([]);
  const [partyId, setPartyId] = useState<number>();
  const [personId, setPersonId] = useState<number>();
  const [dueDate, setDueDate] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    listParties(communityId)
      .then((list) => setParties(list.map((p) => ({ id: p.id, name: p.name }))))
      .catch(() => undefined);
    listMembers(communityId, { status: 'active', limit: 100 }, { showErrorToast: false })
      .then((list) =>
        setPeople(
          list.filter((m) => m.grants.length > 0).map((m) => ({ id: m.userId, name: m.realName ?? m.nickname })),
        ),
      )
      .catch(() => undefined);
  }, [communityId]);
  const submit = async () => {
    if (!partyId || !personId || !/^\d{4}-\d{2}-\d{2}$/.test(dueDate)) {
      void Taro.showToast({ title: '请选择责任方、责任人并填写期限', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      await assignImplementation(topic.id, { partyId, personUserId: personId, dueDate, milestones: [] });
      void Taro.showToast({ title: '已安排落实', icon: 'success' });
      onDone();
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="board-detail__item">
      <View className="board-detail__text">
        {topic.title}（{topic.statusLabel}）
      </View>
      <ChoiceList
        label="责任方"
        choices={parties.map((p) => ({ value: p.id, label: p.name }))}
        value={partyId}
        onChange={setPartyId}
      />
      <ChoiceList
        label="责任人"
        columns={2}
        choices={people.map((p) => ({ value: p.id, label: p.name }))}
        value={personId}
        onChange={setPersonId}
      />
      <TextField label="办结期限" value={dueDate} onChange={setDueDate} placeholder="例如 2026-12-31" maxLength={10} />
      <View className="board-detail__action">
        <ActionButton loading={busy} onClick={() => void submit()}>
          安排落实
        </ActionButton>
      </View>
    </View>
  );
}

function OutcomeTools({ community }: { community: ModeratedCommunity }) {
  const [objections, setObjections] = useState<ModerationObjection[]>([]);
  const [decided, setDecided] = useState<TopicRow[]>([]);
  const [toAssign, setToAssign] = useState<TopicRow[]>([]);
  const [assigning, setAssigning] = useState<number>();
  const [failed, setFailed] = useState(false);

  const load = useCallback(async () => {
    try {
      const quiet = { showErrorToast: false };
      const [pending, decidedPage, publicity, implementation] = await Promise.all([
        listObjections(community.id, 'pending', quiet),
        listCommunityTopics(community.id, { status: 'decided' }, quiet),
        listCommunityTopics(community.id, { status: 'publicity' }, quiet),
        listCommunityTopics(community.id, { status: 'implementation' }, quiet),
      ]);
      setObjections(pending);
      setDecided(decidedPage.items);
      setToAssign([...publicity.items, ...implementation.items]);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, [community.id]);
  useEffect(() => {
    void load();
  }, [load]);

  const publish = async (topic: TopicRow) => {
    const ok = await Taro.showModal({
      title: '公示决议',
      content: `把「${topic.title}」的决议在公示栏公示？公示期内居民可以提出异议。`,
    });
    if (!ok.confirm) return;
    try {
      await publishResolution(topic.id);
      void Taro.showToast({ title: '已公示', icon: 'success' });
      void load();
    } catch {
      // Shown by the request module.
    }
  };

  return (
    <>
      {failed ? (
        <Notice tone="danger" live="alert">
          读取失败，请稍后重试。
        </Notice>
      ) : null}
      <Section title={`待答复的异议（${objections.length}）`} description="异议未答复前，议题不会进入落实。">
        {objections.length === 0 ? <View className="board-detail__muted">没有待答复的异议。</View> : null}
        {objections.map((o) => (
          <ObjectionCard key={o.id} objection={o} onDone={() => void load()} />
        ))}
      </Section>
      <Section title={`待公示的决议（${decided.length}）`}>
        {decided.length === 0 ? <View className="board-detail__muted">没有待公示的决议。</View> : null}
        {decided.map((t) => (
          <View key={t.id} className="board-detail__item">
            <View className="board-detail__text">{t.title}</View>
            <View className="board-detail__action">
              <ActionButton onClick={() => void publish(t)}>公示决议</ActionButton>
            </View>
          </View>
        ))}
      </Section>
      <Section title="安排落实" description="公示中或落实中的议题：指定责任方、责任人和期限。">
        {toAssign.length === 0 ? <View className="board-detail__muted">没有需要安排的议题。</View> : null}
        {toAssign.map((t) =>
          assigning === t.id ? (
            <AssignForm key={t.id} communityId={community.id} topic={t} onDone={() => setAssigning(undefined)} />
          ) : (
            <View key={t.id} className="board-detail__item">
              <View className="board-detail__text">
                {t.title}（{t.statusLabel}）
              </View>
              <View className="board-detail__action">
                <ActionButton variant="secondary" onClick={() => setAssigning(t.id)}>
                  安排落实
                </ActionButton>
              </View>
              <View className="board-detail__action">
                <ActionButton variant="secondary" onClick={() => openPage(boardEntryUrl(t.id))}>
                  查看公示
                </ActionButton>
              </View>
            </View>
          ),
        )}
      </Section>
    </>
  );
}

/** 决议公示与落实 (committee): answer objections, publish resolutions, assign implementation. */
export default function ModeratorOutcomesPage() {
  return (
    <ModeratorGate title="决议公示与落实" intro="答复居民异议，公示决议，安排落实责任方。" showBackToWorkbench>
      {({ community }) => <OutcomeTools community={community} />}
    </ModeratorGate>
  );
}
