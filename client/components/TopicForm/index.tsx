import { TOPIC_SCOPE_LABELS, TOPIC_SCOPES, type TopicScope } from '@shared/topics/topic-states';
import {
  resubmitTopicBodySchema,
  submitTopicBodySchema,
  TOPIC_DESCRIPTION_MAX,
  TOPIC_PHOTOS_MAX,
  TOPIC_TITLE_MAX,
} from '@shared/topics/topics.schema';
import { zodIssuesToFields } from '@shared/validation/zod-locale';
import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { PhotoSetPicker } from '@/components/PhotoSetPicker';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { ToggleRow } from '@/components/ToggleRow';
import { SimilarTopics } from '@/components/TopicForm/SimilarTopics';
import { type Building, type CommunitySummary, listBuildings, listCommunities } from '@/services/communities';
import { startUnitClaim } from '@/services/navigation';
import { ApiError, newIdempotencyKey } from '@/services/request';
import {
  askForTopicUpdates,
  clearTopicDraft,
  draftSlot,
  fieldErrorsOf,
  getCommunitySettings,
  loadTopicDraft,
  resubmitTopic,
  saveTopicDraft,
  submitTopic,
  type TopicDetail,
  type TopicFormDraft,
} from '@/services/topics';
import './index.css';

export type TopicFormMode = { kind: 'new' } | { kind: 'resubmit'; topic: TopicDetail };

interface TopicFormProps {
  mode: TopicFormMode;
  communityId: number;
  /** A verified resident of the community may submit for themselves. */
  canSubmitForSelf: boolean;
  /** Grid workers and moderators may enter a topic for a resident (代居民提交). */
  canEnterForOthers: boolean;
  /** The estate of the resident's own unit, to preselect. */
  homeEstateName?: string;
  onSubmitted: (topic: TopicDetail) => void;
}

type FieldErrors = Record<string, string>;

/** A problem that is not one field's: the page-level notice. */
type FormProblem = { kind: 'not-verified'; message: string } | { kind: 'failed'; title: string; message: string };

function emptyDraft(communityId: number): TopicFormDraft {
  return {
    communityId,
    title: '',
    description: '',
    place: '',
    photoUploadIds: [],
    hideAuthor: false,
    onBehalf: false,
    onBehalfName: '',
    onBehalfUnit: '',
    note: '',
    idempotencyKey: newIdempotencyKey(),
  };
}

function draftFromTopic(topic: TopicDetail): TopicFormDraft {
  return {
    ...emptyDraft(topic.communityId),
    title: topic.title,
    description: topic.description,
    category: topic.category,
    scope: topic.scope,
    place: topic.place ?? '',
    photoUploadIds: topic.photos.map((photo) => photo.uploadId),
  };
}

/** The server's and the schema's field paths, as the form's fields. */
function fieldOf(path: string): string {
  if (path.startsWith('photoUploadIds')) return 'photos';
  if (path.startsWith('onBehalfOf.')) return path;
  if (path === 'onBehalfOf') return 'onBehalfOf.name';
  return path.split('.')[0] ?? path;
}

function byField(fields: { path: string; message: string }[] | Record<string, string>): FieldErrors {
  const list = Array.isArray(fields) ? fields : Object.entries(fields).map(([path, message]) => ({ path, message }));
  const errors: FieldErrors = {};
  for (const { path, message } of list) {
    const field = fieldOf(path);
    if (!(field in errors)) errors[field] = message;
  }
  return errors;
}

/**
 * 提议题 (and 修改并重新提交 for a returned topic): title with a live count
 * and similar open topics to co-sign instead; description; category; scope
 * with estate and building; place; up to nine photos; 不公开我的姓名; for
 * grid workers, 代居民提交 with the resident's name and address. Every change
 * is kept as a draft on the device, and the draft stays when submitting
 * fails; a retry reuses the draft's Idempotency-Key.
 */
export function TopicForm({
  mode,
  communityId,
  canSubmitForSelf,
  canEnterForOthers,
  homeEstateName,
  onSubmitted,
}: TopicFormProps) {
  const resubmitting = mode.kind === 'resubmit';
  const slot = draftSlot(resubmitting ? mode.topic.id : undefined);
  const [draft, setDraft] = useState<TopicFormDraft>(() => {
    const stored = loadTopicDraft(slot);
    if (stored && (resubmitting || stored.communityId === communityId)) return stored;
    const fresh = resubmitting ? draftFromTopic(mode.topic) : emptyDraft(communityId);
    // Someone who may only enter topics for residents starts with 代居民提交 on.
    return { ...fresh, onBehalf: !resubmitting && !canSubmitForSelf && canEnterForOthers };
  });
  const [restored] = useState(() => loadTopicDraft(slot) !== undefined);
  const [categories, setCategories] = useState<string[]>();
  const [community, setCommunity] = useState<CommunitySummary>();
  const [buildings, setBuildings] = useState<Building[]>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<FormProblem>();
  const [submitting, setSubmitting] = useState(false);
  const [uploading, setUploading] = useState(false);
  const changed = useRef(false);

  const update = (changes: Partial<TopicFormDraft>) => {
    changed.current = true;
    setDraft((current) => ({ ...current, ...changes }));
    setErrors((current) => {
      const next = { ...current };
      for (const key of Object.keys(changes)) delete next[key === 'photoUploadIds' ? 'photos' : key];
      if ('onBehalfName' in changes) delete next['onBehalfOf.name'];
      if ('onBehalfUnit' in changes) delete next['onBehalfOf.unit'];
      return next;
    });
  };

  // The draft follows every change.
  useEffect(() => {
    if (changed.current) saveTopicDraft(slot, draft);
  }, [draft, slot]);

  // What to preselect: the estate and building of the topic being edited, or the estate of the resident's home.
  const estateToPreselect = resubmitting ? mode.topic.estateName : homeEstateName;
  const buildingToPreselect = resubmitting ? mode.topic.buildingName : null;

  useEffect(() => {
    let alive = true;
    getCommunitySettings(communityId)
      .then((settings) => {
        if (alive) setCategories(settings.categories);
      })
      .catch(() => undefined);
    listCommunities()
      .then((list) => {
        if (!alive) return;
        const mine = list.find((c) => c.id === communityId);
        setCommunity(mine);
        setDraft((current) => {
          if (!mine || current.estateId !== undefined) return current;
          const estate = mine.estates.find((candidate) => candidate.name === estateToPreselect);
          if (estate) return { ...current, estateId: estate.id, scope: current.scope ?? 'estate' };
          return current.scope ? current : { ...current, scope: 'community' };
        });
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [communityId, estateToPreselect]);

  const needsEstate = draft.scope === 'estate' || draft.scope === 'building';
  useEffect(() => {
    setBuildings(undefined);
    if (draft.scope !== 'building' || draft.estateId === undefined) return;
    let alive = true;
    listBuildings(draft.estateId)
      .then((list) => {
        if (!alive) return;
        setBuildings(list);
        // The topic being edited names its building; the form needs its id.
        const named = list.find((building) => building.name === buildingToPreselect);
        if (named)
          setDraft((current) => (current.buildingId === undefined ? { ...current, buildingId: named.id } : current));
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [draft.scope, draft.estateId, buildingToPreselect]);

  const body = () => {
    const estateId = needsEstate ? draft.estateId : undefined;
    const buildingId = draft.scope === 'building' ? draft.buildingId : undefined;
    const place = draft.place.trim() || undefined;
    const common = {
      title: draft.title,
      description: draft.description,
      category: draft.category ?? '',
      scope: draft.scope ?? 'community',
      ...(estateId !== undefined ? { estateId } : {}),
      ...(buildingId !== undefined ? { buildingId } : {}),
      ...(place ? { place } : {}),
      photoUploadIds: draft.photoUploadIds,
    };
    if (resubmitting) return { ...common, ...(draft.note.trim() ? { note: draft.note } : {}) };
    return {
      ...common,
      communityId,
      hideAuthor: draft.hideAuthor,
      ...(draft.onBehalf ? { onBehalfOf: { name: draft.onBehalfName, unit: draft.onBehalfUnit } } : {}),
    };
  };

  /** Checks with the same schema the server uses, plus the choices the schema cannot name well. */
  const check = (): FieldErrors => {
    const found: FieldErrors = {};
    if (!draft.category) found.category = '请选择分类';
    if (!draft.scope) found.scope = '请选择涉及范围';
    if (needsEstate && draft.estateId === undefined) found.estateId = '请选择小区';
    if (draft.scope === 'building' && draft.buildingId === undefined) found.buildingId = '请选择楼栋';
    const schema = resubmitting ? resubmitTopicBodySchema : submitTopicBodySchema;
    const parsed = schema.safeParse(body());
    if (!parsed.success) return { ...byField(zodIssuesToFields(parsed.error)), ...found };
    return found;
  };

  const submit = async () => {
    // WeChat shows the subscribe dialog only straight from the tap.
    void askForTopicUpdates();
    setProblem(undefined);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem({
        kind: 'failed',
        title: '请检查标红的内容',
        message: `有 ${Object.keys(found).length} 处需要修改，请看上面红字的提示。`,
      });
      return;
    }
    // Keep the draft (with its key) before sending: a lost answer is retried with the same key.
    saveTopicDraft(slot, draft);
    setSubmitting(true);
    try {
      const topic = resubmitting
        ? await resubmitTopic(mode.topic.id, body() as Parameters<typeof resubmitTopic>[1], draft.idempotencyKey)
        : await submitTopic(body() as Parameters<typeof submitTopic>[0], draft.idempotencyKey);
      clearTopicDraft(slot);
      onSubmitted(topic);
    } catch (error) {
      explain(error);
    } finally {
      setSubmitting(false);
    }
  };

  const explain = (error: unknown) => {
    const kept = '您填写的内容已保存在本机，修改后可以再次提交。';
    if (!(error instanceof ApiError)) {
      setProblem({ kind: 'failed', title: '提交失败', message: kept });
      return;
    }
    if (error.code === 'NOT_VERIFIED') {
      setProblem({ kind: 'not-verified', message: error.message });
      return;
    }
    if (error.code === 'IDEMPOTENCY_KEY_REUSED') {
      // The earlier attempt may have gone through: a fresh key, and a hint to look first.
      update({ idempotencyKey: newIdempotencyKey() });
      setProblem({
        kind: 'failed',
        title: '提交失败',
        message: '上一次提交可能已经成功，请先到“我的议题”查看；如果没有，请再点一次提交。',
      });
      return;
    }
    const fields = byField(fieldErrorsOf(error));
    if (error.code === 'CONTENT_RISKY' && Object.keys(fields).length === 0) fields.description = error.message;
    setErrors(fields);
    setProblem({ kind: 'failed', title: '提交失败', message: `${error.message} ${kept}` });
  };

  const estates = community?.estates ?? [];
  const busy = submitting || uploading;

  return (
    <View className="yishi-topic-form">
      {restored ? (
        <Notice tone="info" live="status">
          已恢复您上次没有提交的内容。
        </Notice>
      ) : null}

      <Section title="说说是什么问题">
        <TextField
          label="标题"
          value={draft.title}
          onChange={(title) => update({ title })}
          placeholder="例如：3号楼电梯经常停运"
          maxLength={TOPIC_TITLE_MAX}
          hint={`一句话说清楚问题，4 到 ${TOPIC_TITLE_MAX} 个字（已输入 ${draft.title.length} 字）`}
          error={errors.title}
        />
        {resubmitting ? null : <SimilarTopics communityId={communityId} title={draft.title} />}
        <TextArea
          label="详细描述"
          value={draft.description}
          onChange={(description) => update({ description })}
          placeholder="发生了什么、持续多久、影响了哪些人、希望怎样解决"
          maxLength={TOPIC_DESCRIPTION_MAX}
          hint="至少 10 个字"
          error={errors.description}
        />
      </Section>

      <Section title="分类">
        {categories ? (
          <ChoiceList
            label="分类"
            columns={2}
            choices={categories.map((category) => ({ value: category, label: category }))}
            value={draft.category}
            onChange={(category) => update({ category })}
          />
        ) : (
          <View className="yishi-topic-form__loading">正在读取分类…</View>
        )}
        {errors.category ? (
          <View className="yishi-topic-form__error" role="alert">
            {errors.category}
          </View>
        ) : null}
      </Section>

      <Section title="涉及范围和地点">
        <ChoiceList<TopicScope>
          label="涉及范围"
          columns={3}
          choices={TOPIC_SCOPES.map((scope) => ({ value: scope, label: TOPIC_SCOPE_LABELS[scope] }))}
          value={draft.scope}
          onChange={(scope) => update({ scope })}
        />
        {errors.scope ? (
          <View className="yishi-topic-form__error" role="alert">
            {errors.scope}
          </View>
        ) : null}
        {needsEstate ? (
          <ChoiceList
            label="小区"
            showLabel
            columns={estates.length > 2 ? 3 : 2}
            choices={estates.map((estate) => ({ value: estate.id, label: estate.name }))}
            value={draft.estateId}
            onChange={(estateId) => update({ estateId, buildingId: undefined })}
          />
        ) : null}
        {errors.estateId ? (
          <View className="yishi-topic-form__error" role="alert">
            {errors.estateId}
          </View>
        ) : null}
        {draft.scope === 'building' && draft.estateId !== undefined ? (
          buildings ? (
            <ChoiceList
              label="楼栋"
              showLabel
              columns={3}
              choices={buildings.map((building) => ({ value: building.id, label: building.name }))}
              value={draft.buildingId}
              onChange={(buildingId) => update({ buildingId })}
            />
          ) : (
            <View className="yishi-topic-form__loading">正在读取楼栋…</View>
          )
        ) : null}
        {errors.buildingId ? (
          <View className="yishi-topic-form__error" role="alert">
            {errors.buildingId}
          </View>
        ) : null}
        <TextField
          label="具体地点（选填）"
          value={draft.place}
          onChange={(place) => update({ place })}
          placeholder="例如：南门东侧、3号楼一单元门口"
          maxLength={100}
          error={errors.place}
        />
      </Section>

      <Section title="照片（选填）" description={`拍下现场情况，最多 ${TOPIC_PHOTOS_MAX} 张。`}>
        <PhotoSetPicker
          uploadIds={draft.photoUploadIds}
          onChange={(photoUploadIds) => update({ photoUploadIds })}
          max={TOPIC_PHOTOS_MAX}
          disabled={submitting}
          onBusyChange={setUploading}
        />
        {errors.photos ? (
          <View className="yishi-topic-form__error" role="alert">
            {errors.photos}
          </View>
        ) : null}
      </Section>

      {resubmitting ? (
        <Section title="补充说明（选填）" description="告诉社区工作者您补充或修改了什么。">
          <TextArea
            label="补充说明"
            value={draft.note}
            onChange={(note) => update({ note })}
            maxLength={500}
            rows={3}
            error={errors.note}
          />
        </Section>
      ) : (
        <Section title="提交方式">
          {canEnterForOthers && canSubmitForSelf ? (
            <ToggleRow
              label="代居民提交"
              description="走访时替没有手机的居民登记议题。"
              checked={draft.onBehalf}
              onChange={(onBehalf) => update({ onBehalf })}
            />
          ) : null}
          {draft.onBehalf ? (
            <View className="yishi-topic-form__behalf">
              <Notice tone="info">代居民提交：议题以这位居民的名义提出，您作为登记人记录在办理过程中。</Notice>
              <TextField
                label="居民姓名"
                value={draft.onBehalfName}
                onChange={(onBehalfName) => update({ onBehalfName })}
                maxLength={50}
                error={errors['onBehalfOf.name']}
              />
              <TextField
                label="居民住址"
                value={draft.onBehalfUnit}
                onChange={(onBehalfUnit) => update({ onBehalfUnit })}
                placeholder="例如：槐荫里2号楼1单元301"
                maxLength={80}
                error={errors['onBehalfOf.unit']}
              />
            </View>
          ) : null}
          <ToggleRow
            label="不公开我的姓名"
            description="打开后，其他居民看到的是“匿名居民”；社区工作者仍能看到是谁提出的。"
            checked={draft.hideAuthor}
            onChange={(hideAuthor) => update({ hideAuthor })}
          />
        </Section>
      )}

      {problem?.kind === 'not-verified' ? (
        <Notice tone="warning" title="请先认证房屋" live="alert">
          {problem.message}
          <View className="yishi-topic-form__notice-action">
            <ActionButton onClick={startUnitClaim}>去认证房屋</ActionButton>
          </View>
        </Notice>
      ) : null}
      {problem?.kind === 'failed' ? (
        <Notice tone="danger" title={problem.title} live="alert">
          {problem.message}
        </Notice>
      ) : null}

      <ActionButton loading={submitting} disabled={uploading} onClick={() => void submit()}>
        {resubmitting ? '重新提交' : '提交议题'}
      </ActionButton>
      <View className="yishi-topic-form__saved">{busy ? '正在处理…' : '填写的内容会自动保存在本机'}</View>
    </View>
  );
}
