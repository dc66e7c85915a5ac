import { Image, View } from '@tarojs/components';
import Taro, { useShareAppMessage, useShareTimeline } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { PhotoSetPicker } from '@/components/PhotoSetPicker';
import { pressableProps } from '@/components/pressable';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { describeMoment } from '@/components/when';
import { openPage } from '@/services/navigation';
import {
  type BoardEntry,
  boardEntryUrl,
  EVALUATION_LABELS,
  evaluateTopic,
  fileObjection,
  getBoardEntry,
  implementationUrl,
  outcomePhotoUrl,
  satisfactionText,
} from '@/services/outcomes';
import { ApiError } from '@/services/request';
import { voteRecordUrl } from '@/services/votes';
import './index.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; entry: BoardEntry } | { kind: 'failed'; message: string };

function routeTopicId(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

function Photos({ photos }: { photos: { uploadId: number; url: string }[] }) {
  if (photos.length === 0) return null;
  const urls = photos.map((p) => outcomePhotoUrl(p.url));
  return (
    <View className="board-detail__photos">
      {urls.map((url, i) => (
        <Image
          key={photos[i]!.uploadId}
          className="board-detail__photo"
          src={url}
          mode="aspectFill"
          ariaLabel={`照片 ${i + 1}`}
          onClick={() => void Taro.previewImage({ urls, current: url })}
        />
      ))}
    </View>
  );
}

function voteLine(result: Record<string, unknown> | null): string | null {
  if (!result) return null;
  const n = (k: string) => (typeof result[k] === 'number' ? (result[k] as number) : null);
  if (n('yes') === null) return null;
  return `同意 ${n('yes')} 票，反对 ${n('no') ?? 0} 票，弃权 ${n('abstain') ?? 0} 票`;
}

/** 决议公示: one decision on the board — resolution and vote, publicity and objections, implementation, evaluation. */
export default function BoardEntryPage() {
  const [topicId] = useState(routeTopicId);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [objection, setObjection] = useState('');
  const [objectionPhotos, setObjectionPhotos] = useState<number[]>([]);
  const [uploading, setUploading] = useState(false);
  const [score, setScore] = useState<number>();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (topicId === undefined) {
      setLoaded({ kind: 'failed', message: '没有指定要查看的议题' });
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
  useShareAppMessage(() => ({
    title: entry ? `决议公示：${entry.topic.title}` : '社区决议公示',
    path: topicId ? boardEntryUrl(topicId) : '/pages/board/index',
  }));
  useShareTimeline(() => ({ title: entry ? `决议公示：${entry.topic.title}` : '社区决议公示' }));

  if (!entry) {
    return (
      <PageLayout title="决议公示" intro="议题的决议、落实进展和居民评价。">
        {loaded.kind === 'failed' ? (
          <Notice tone="danger" title="无法打开" live="alert">
            {loaded.message}
          </Notice>
        ) : (
          <View className="board-detail__muted" role="status">
            正在读取…
          </View>
        )}
      </PageLayout>
    );
  }

  const submitObjection = async () => {
    if (objection.trim().length < 4) {
      void Taro.showToast({ title: '请写明异议的理由（至少 4 个字）', icon: 'none' });
      return;
    }
    const ok = await Taro.showModal({
      title: '提交异议',
      content: '异议会公开显示（姓名只显示姓氏），社区工作者会答复您。确定提交吗？',
    });
    if (!ok.confirm) return;
    setBusy(true);
    try {
      setLoaded({ kind: 'ready', entry: await fileObjection(entry.topic.id, objection.trim(), objectionPhotos) });
      setObjection('');
      setObjectionPhotos([]);
      void Taro.showToast({ title: '异议已提交', icon: 'success' });
    } catch {
      // The request module showed the reason.
    } finally {
      setBusy(false);
    }
  };

  const submitEvaluation = async () => {
    if (!score) {
      void Taro.showToast({ title: '请先点选满意程度', icon: 'none' });
      return;
    }
    setBusy(true);
    try {
      setLoaded({ kind: 'ready', entry: await evaluateTopic(entry.topic.id, score, comment) });
      void Taro.showToast({ title: '感谢您的评价', icon: 'success' });
    } catch {
      // Shown by the request module.
    } finally {
      setBusy(false);
    }
  };

  const { resolution, publicity, implementation, evaluation, me } = entry;
  const votes = resolution?.vote ? voteLine(resolution.vote.result) : null;
  return (
    <PageLayout
      title={entry.topic.title}
      intro={`${entry.topic.statusLabel} · ${entry.topic.category}${entry.topic.estateName ? ` · ${entry.topic.estateName}` : ''}`}
    >
      {resolution ? (
        <Section title="决议内容">
          <View className="board-detail__text">{resolution.text}</View>
          <View className="board-detail__muted">形成于 {describeMoment(resolution.decidedAt)}</View>
          {resolution.vote ? (
            <View className="board-detail__item">
              <View className="board-detail__text">
                依据表决：{resolution.vote.title}
                {resolution.vote.passed === true ? (
                  <View className="board-detail__tag board-detail__tag--ok">通过</View>
                ) : resolution.vote.passed === false ? (
                  <View className="board-detail__tag board-detail__tag--warn">未通过</View>
                ) : null}
              </View>
              {votes ? <View className="board-detail__muted">{votes}</View> : null}
              <View
                className="board-detail__action yishi-pressable board-detail__muted"
                {...pressableProps(() => openPage(voteRecordUrl(resolution.vote!.id)), { role: 'link' })}
              >
                查看投票记录（任何人都可以核对） ›
              </View>
            </View>
          ) : null}
        </Section>
      ) : null}

      {publicity ? (
        <Section title="公示">
          <View className="board-detail__text">
            公示 {publicity.days} 天，至 {publicity.lastDay} 止
            {publicity.open ? `（还剩 ${publicity.daysLeft} 天）` : '（已结束）'}
          </View>
          {publicity.outcome === 'reopened' ? <Notice tone="warning">异议成立，议题已退回重新办理。</Notice> : null}
        </Section>
      ) : null}

      {entry.objections.length > 0 || me.canObject || publicity?.open ? (
        <Section title="异议" description="公示期内，本社区已认证的居民可以对决议提出异议。">
          {entry.objections.map((o) => (
            <View key={o.id} className="board-detail__item">
              <View className="board-detail__text">
                {o.objectorName}：{o.text}
                <View
                  className={`board-detail__tag${o.status === 'upheld' ? ' board-detail__tag--ok' : o.status === 'pending' ? ' board-detail__tag--warn' : ''}`}
                >
                  {o.statusLabel}
                </View>
              </View>
              {o.reply ? <View className="board-detail__muted">社区答复：{o.reply}</View> : null}
              <Photos photos={o.photos} />
            </View>
          ))}
          {me.canObject ? (
            <View className="board-detail__item">
              <TextArea
                label="我有异议"
                value={objection}
                onChange={setObjection}
                placeholder="请写明您不同意的地方和理由"
                maxLength={500}
                showCount
                rows={5}
              />
              <PhotoSetPicker
                uploadIds={objectionPhotos}
                onChange={setObjectionPhotos}
                max={9}
                onBusyChange={setUploading}
              />
              <View className="board-detail__action">
                <ActionButton loading={busy} disabled={uploading} onClick={() => void submitObjection()}>
                  提交异议
                </ActionButton>
              </View>
            </View>
          ) : me.objectReason && publicity?.open ? (
            <View className="board-detail__muted">{me.objectReason}</View>
          ) : null}
        </Section>
      ) : null}

      {implementation ? (
        <Section title="落实情况">
          <View className="board-detail__text">
            责任方：{implementation.partyName}（责任人 {implementation.personName}）
          </View>
          <View className="board-detail__text">
            办结期限：{implementation.dueDate}
            {implementation.overdue ? <View className="board-detail__tag board-detail__tag--warn">已逾期</View> : null}
            {implementation.completedAt ? (
              <View className="board-detail__tag board-detail__tag--ok">已办结</View>
            ) : null}
          </View>
          {implementation.milestones.map((m) => (
            <View key={m.id} className="board-detail__muted">
              {m.doneOn ? '✔' : '○'} {m.title}（{m.doneOn ? `${m.doneOn} 完成` : `期限 ${m.dueDate}`}）
              {m.overdue ? <View className="board-detail__tag board-detail__tag--warn">逾期</View> : null}
            </View>
          ))}
          {implementation.updates.map((u) => (
            <View key={u.id} className="board-detail__item">
              <View className="board-detail__muted">
                {describeMoment(u.createdAt)} · {u.authorRoleLabel} {u.authorName}
                {u.kind === 'completion' ? ' · 办结报告' : ''}
              </View>
              <View className="board-detail__text">{u.text}</View>
              <Photos photos={u.photos} />
            </View>
          ))}
          {me.canReport && !implementation.completedAt ? (
            <View className="board-detail__action">
              <ActionButton variant="secondary" onClick={() => openPage(implementationUrl(entry.topic.id))}>
                填写落实进展
              </ActionButton>
            </View>
          ) : null}
        </Section>
      ) : null}

      {implementation?.completedAt || evaluation.total > 0 ? (
        <Section title="居民满意度">
          <View className="board-detail__text">{satisfactionText(evaluation)}</View>
          {evaluation.lastDay ? (
            <View className="board-detail__muted">
              {evaluation.open ? `评价截止 ${evaluation.lastDay}` : `评价已于 ${evaluation.lastDay} 结束`}
            </View>
          ) : null}
          {me.canEvaluate ? (
            <View className="board-detail__item">
              <View className="board-detail__text">您对落实结果满意吗？</View>
              <View className="board-detail__stars" role="radiogroup" aria-label="满意程度">
                {[1, 2, 3, 4, 5].map((s) => (
                  <View
                    key={s}
                    className={`board-detail__star${score && s <= score ? ' board-detail__star--on' : ''}`}
                    {...pressableProps(() => setScore(s), { role: 'radio' })}
                    aria-label={`${s} 分，${EVALUATION_LABELS[s]}`}
                    aria-checked={score === s}
                  >
                    ★<View className="board-detail__star-label">{EVALUATION_LABELS[s]}</View>
                  </View>
                ))}
              </View>
              <TextArea label="想说的话（可不填）" value={comment} onChange={setComment} maxLength={300} rows={3} />
              <View className="board-detail__action">
                <ActionButton loading={busy} onClick={() => void submitEvaluation()}>
                  提交评价
                </ActionButton>
              </View>
            </View>
          ) : me.myScore ? (
            <View className="board-detail__muted">
              您的评价：{me.myScore} 分（{EVALUATION_LABELS[me.myScore]}）
            </View>
          ) : me.evaluateReason && evaluation.open ? (
            <View className="board-detail__muted">{me.evaluateReason}</View>
          ) : null}
          {evaluation.comments.map((c) => (
            <View key={`${c.name}-${c.createdAt}`} className="board-detail__item">
              <View className="board-detail__muted">
                {c.name} · {c.score} 分
              </View>
              <View className="board-detail__text">{c.comment}</View>
            </View>
          ))}
        </Section>
      ) : null}
    </PageLayout>
  );
}
