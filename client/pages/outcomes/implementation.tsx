import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { PhotoSetPicker } from '@/components/PhotoSetPicker';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { describeMoment } from '@/components/when';
import { replacePage } from '@/services/navigation';
import {
  type BoardEntry,
  boardEntryUrl,
  completeMilestone,
  getBoardEntry,
  postProgress,
  reportCompletion,
} from '@/services/outcomes';
import { ApiError } from '@/services/request';
import '../board/index.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; entry: BoardEntry } | { kind: 'failed'; message: string };
type Kind = 'progress' | 'completion';

/** 落实进展: the responsible person, the party or a moderator posts progress, marks milestones and files the completion report. */
export default function ImplementationPage() {
  const [topicId] = useState(() => {
    const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
    return Number.isInteger(id) && id > 0 ? id : undefined;
  });
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [kind, setKind] = useState<Kind>('progress');
  const [text, setText] = useState('');
  const [photos, setPhotos] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (topicId === undefined) {
      setLoaded({ kind: 'failed', message: '没有指定议题' });
      return;
    }
    try {
      setLoaded({ kind: 'ready', entry: await getBoardEntry(topicId, { showErrorToast: false }) });
    } catch (error) {
      setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
    }
  }, [topicId]);
  useEffect(() => {
    void load();
  }, [load]);

  const entry = loaded.kind === 'ready' ? loaded.entry : undefined;
  const implementation = entry?.implementation;
  if (!entry || !implementation) {
    return (
      <PageLayout title="落实进展" intro="填写决议的落实情况。">
        {loaded.kind === 'failed' ? (
          <Notice tone="danger" live="alert">
            {loaded.message}
          </Notice>
        ) : loaded.kind === 'ready' ? (
          <Notice>这个议题还没有安排落实责任方。</Notice>
        ) : (
          <View className="board-detail__muted" role="status">
            正在读取…
          </View>
        )}
      </PageLayout>
    );
  }

  const submit = async () => {
    if (text.trim().length < (kind === 'completion' ? 4 : 2)) {
      void Taro.showToast({ title: kind === 'completion' ? '请填写办结报告' : '请填写进展情况', icon: 'none' });
      return;
    }
    if (kind === 'completion') {
      const ok = await Taro.showModal({
        title: '提交办结报告',
        content: '提交后议题即为“已办结”，居民可以开始评价。确定吗？',
      });
      if (!ok.confirm) return;
    }
    setBusy(true);
    try {
      const next =
        kind === 'completion'
          ? await reportCompletion(entry.topic.id, text.trim(), photos)
          : await postProgress(entry.topic.id, text.trim(), photos);
      setText('');
      setPhotos([]);
      void Taro.showToast({ title: '已提交', icon: 'success' });
      if (kind === 'completion') replacePage(boardEntryUrl(entry.topic.id));
      else setLoaded({ kind: 'ready', entry: next });
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };

  const markDone = async (milestoneId: number) => {
    try {
      setLoaded({ kind: 'ready', entry: await completeMilestone(milestoneId) });
    } catch {
      // Shown by the request module.
    }
  };

  const canWrite = entry.me.canReport && entry.topic.status === 'implementation';
  return (
    <PageLayout
      title={entry.topic.title}
      intro={`责任方：${implementation.partyName} · 办结期限 ${implementation.dueDate}`}
    >
      {implementation.overdue ? (
        <Notice tone="danger" title="已超过办结期限">
          请尽快办理，并在这里说明进展。
        </Notice>
      ) : null}
      <Section title="落实节点">
        {implementation.milestones.length === 0 ? <View className="board-detail__muted">没有设置节点。</View> : null}
        {implementation.milestones.map((m) => (
          <View key={m.id} className="board-detail__item">
            <View className="board-detail__text">
              {m.title}
              {m.overdue ? <View className="board-detail__tag board-detail__tag--warn">逾期</View> : null}
            </View>
            <View className="board-detail__muted">{m.doneOn ? `${m.doneOn} 已完成` : `期限 ${m.dueDate}`}</View>
            {canWrite && !m.doneOn ? (
              <View className="board-detail__action">
                <ActionButton variant="secondary" onClick={() => void markDone(m.id)}>
                  标记完成
                </ActionButton>
              </View>
            ) : null}
          </View>
        ))}
      </Section>
      {canWrite ? (
        <Section title="填写进展">
          <ChoiceList
            label="类型"
            columns={2}
            choices={[
              { value: 'progress', label: '进展更新' },
              { value: 'completion', label: '办结报告' },
            ]}
            value={kind}
            onChange={setKind}
          />
          <TextArea
            label={kind === 'completion' ? '办结报告' : '进展情况'}
            value={text}
            onChange={setText}
            placeholder={kind === 'completion' ? '说明完成了什么、效果如何' : '说明做了什么、下一步安排'}
            maxLength={kind === 'completion' ? 2000 : 1000}
            showCount
            rows={5}
          />
          <PhotoSetPicker uploadIds={photos} onChange={setPhotos} max={9} onBusyChange={setUploading} />
          <View className="board-detail__action">
            <ActionButton loading={busy} disabled={uploading} onClick={() => void submit()}>
              {kind === 'completion' ? '提交办结报告' : '提交进展'}
            </ActionButton>
          </View>
        </Section>
      ) : null}
      <Section title="进展记录">
        {implementation.updates.length === 0 ? <View className="board-detail__muted">还没有进展记录。</View> : null}
        {[...implementation.updates].reverse().map((u) => (
          <View key={u.id} className="board-detail__item">
            <View className="board-detail__muted">
              {describeMoment(u.createdAt)} · {u.authorRoleLabel} {u.authorName}
            </View>
            <View className="board-detail__text">{u.text}</View>
          </View>
        ))}
      </Section>
    </PageLayout>
  );
}
