import {
  nextLevel,
  TOPIC_LEVEL_LABELS,
  TOPIC_LEVELS,
  TOPIC_TRANSITIONS,
  type TopicAction,
  type TopicLevel,
} from '@shared/topics/topic-states';
import { topicActionBodySchemas } from '@shared/topics/topics.schema';
import { zodIssuesToFields } from '@shared/validation/zod-locale';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { ChoiceList } from '@/components/ChoiceList';
import { Section } from '@/components/Section';
import { TextArea } from '@/components/TextArea';
import { TextField } from '@/components/TextField';
import { dayFromToday, describeDay } from '@/components/when';
import { ApiError } from '@/services/request';
import {
  actOnTopic,
  type CommunitySettings,
  findSimilarTopics,
  getCommunitySettings,
  listParties,
  type Party,
  type SimilarTopic,
  type TopicActionBodies,
  type TopicActionName,
  type TopicDetail,
} from '@/services/topics';
import './index.css';

/** The buttons' words (the timeline uses TOPIC_TRANSITIONS' labels). */
const ACTION_BUTTONS: Record<TopicActionName, string> = {
  accept: '受理',
  return: '退回补充',
  reject: '不予受理',
  merge: '合并到其他议题',
  route: '分类分派',
  takeOn: '直接办理',
  answer: '答复',
  sendBack: '退回重新分派',
  escalate: '上报上级',
};

/** Order on screen: the usual next step first, what cannot be undone last. */
const ORDER: readonly TopicActionName[] = [
  'accept',
  'route',
  'takeOn',
  'answer',
  'return',
  'merge',
  'sendBack',
  'escalate',
  'reject',
];

const DANGER: ReadonlySet<TopicActionName> = new Set(['reject']);

/** Which kinds of responsible party usually work at each level. */
const PARTY_KINDS_BY_LEVEL: Record<TopicLevel, readonly string[]> = {
  estate: ['property_company', 'owners_committee'],
  community: ['committee', 'social_org'],
  sub_district: ['sub_district'],
  department: ['department'],
};

/** Due dates offered as one tap each (days from today). */
const DUE_CHOICES = [
  { days: 3, label: '3天内' },
  { days: 7, label: '一周内' },
  { days: 14, label: '两周内' },
  { days: 30, label: '一个月内' },
] as const;

/** The actions of `me.actions` that this panel offers (resubmitting has its own page; timers are the system's). */
export function panelActions(actions: readonly TopicAction[]): TopicActionName[] {
  return ORDER.filter((action) => actions.includes(action));
}

interface TopicActionsProps {
  topic: TopicDetail;
  /** A moderator of the topic's community is looking (else a responsible party). */
  viewerIsModerator: boolean;
  onDone: (topic: TopicDetail, message: string) => void;
}

/** Screening and routing belong to the committee; the rest also to the responsible party. */
const COMMITTEE_ACTIONS: ReadonlySet<TopicActionName> = new Set(['accept', 'return', 'reject', 'merge', 'route']);

/**
 * What the viewer may do to the topic now (`me.actions`, from the server's
 * table): moderators accept, return, reject, merge and route; the responsible
 * party answers, takes it on with a due date, sends it back or escalates it.
 * Each opens its own small form; the answer replaces the topic on screen.
 */
export function TopicActions({ topic, viewerIsModerator, onDone }: TopicActionsProps) {
  const actions = panelActions(topic.me.actions);
  const [open, setOpen] = useState<TopicActionName>();
  if (actions.length === 0) return null;
  const committee = viewerIsModerator || actions.some((action) => COMMITTEE_ACTIONS.has(action));
  const role = committee ? '社区工作者处理' : '责任方办理';
  return (
    <Section title={role} description="您可以对这个议题进行以下操作，每一步都会记录在办理过程中。">
      <View className="yishi-topic-actions__buttons">
        {actions.map((action) => (
          <ActionButton
            key={action}
            variant={open === action ? 'primary' : DANGER.has(action) ? 'danger' : 'secondary'}
            aria-expanded={open === action}
            onClick={() => setOpen(open === action ? undefined : action)}
          >
            {ACTION_BUTTONS[action]}
          </ActionButton>
        ))}
      </View>
      {open ? (
        <ActionForm
          key={open}
          action={open}
          topic={topic}
          onCancel={() => setOpen(undefined)}
          onDone={(next) => {
            setOpen(undefined);
            onDone(next, `已${TOPIC_TRANSITIONS[open].label}`);
          }}
        />
      ) : null}
    </Section>
  );
}

interface ActionFormProps {
  action: TopicActionName;
  topic: TopicDetail;
  onCancel: () => void;
  onDone: (topic: TopicDetail) => void;
}

function ActionForm({ action, topic, onCancel, onDone }: ActionFormProps) {
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [category, setCategory] = useState(topic.category);
  const [level, setLevel] = useState<TopicLevel>(topic.level ?? (topic.estateName ? 'estate' : 'community'));
  const [partyId, setPartyId] = useState<number>();
  const [dueDays, setDueDays] = useState<number | undefined>(7);
  const [dueDate, setDueDate] = useState('');
  const [intoTopicId, setIntoTopicId] = useState<number>();
  const [intoTyped, setIntoTyped] = useState('');
  const [settings, setSettings] = useState<CommunitySettings>();
  const [parties, setParties] = useState<Party[]>();
  const [candidates, setCandidates] = useState<SimilarTopic[]>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);

  useEffect(() => {
    let alive = true;
    if (action === 'route' || action === 'accept') {
      getCommunitySettings(topic.communityId)
        .then((loaded) => alive && setSettings(loaded))
        .catch(() => undefined);
    }
    if (action === 'route') {
      listParties(topic.communityId)
        .then((loaded) => alive && setParties(loaded))
        .catch(() => undefined);
    }
    if (action === 'merge') {
      findSimilarTopics(topic.communityId, topic.title)
        .then((found) => alive && setCandidates(found.filter((candidate) => candidate.id !== topic.id)))
        .catch(() => undefined);
    }
    return () => {
      alive = false;
    };
  }, [action, topic.communityId, topic.id, topic.title]);

  const body = (): TopicActionBodies[TopicActionName] => {
    const withNote = note.trim() ? { note: note.trim() } : {};
    switch (action) {
      case 'accept':
        return withNote;
      case 'return':
        return { question: text };
      case 'reject':
      case 'sendBack':
      case 'escalate':
        return { reason: text };
      case 'answer':
        return { text };
      case 'merge':
        return { intoTopicId: intoTopicId ?? (Number(intoTyped) || 0), ...withNote };
      case 'route':
        return { category, level, partyId: partyId ?? 0, ...withNote };
      case 'takeOn':
        return { dueDate: dueDays === undefined ? dueDate.trim() : dayFromToday(dueDays), ...withNote };
    }
  };

  const send = async () => {
    const found: Record<string, string> = {};
    if (action === 'route' && partyId === undefined) found.partyId = '请选择责任方';
    if (action === 'merge' && intoTopicId === undefined && !Number(intoTyped))
      found.intoTopicId = '请选择或填写要合并到的议题';
    const parsed = topicActionBodySchemas[action].safeParse(body());
    if (!parsed.success) {
      for (const { path, message } of zodIssuesToFields(parsed.error)) if (!(path in found)) found[path] = message;
    }
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      const next = await actOnTopic(topic.id, action, body() as never, {
        showErrorToast: (error) => error.code !== 'VALIDATION_FAILED',
      });
      onDone(next);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const fields = (error.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
        setErrors(Object.fromEntries(fields.map((field) => [field.path, field.message])));
        if (fields.length === 0) void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
      }
    } finally {
      setSending(false);
    }
  };

  const reasonField = (label: string, placeholder: string, field: string) => (
    <TextArea
      label={label}
      value={text}
      onChange={setText}
      placeholder={placeholder}
      maxLength={500}
      rows={3}
      error={errors[field]}
    />
  );
  const noteField = (
    <TextArea label="备注（选填）" value={note} onChange={setNote} maxLength={500} rows={3} error={errors.note} />
  );

  const fields = () => {
    switch (action) {
      case 'accept':
        return (
          <>
            {settings && settings.cosignThreshold > 0 ? (
              <View className="yishi-topic-actions__hint">
                受理后进入附议：需要 {settings.cosignThreshold} 位居民在 {settings.cosignDays} 天内附议。
              </View>
            ) : (
              <View className="yishi-topic-actions__hint">受理后，请为议题分类并分派给责任方。</View>
            )}
            {noteField}
          </>
        );
      case 'return':
        return reasonField('需要补充的信息', '例如：请补充具体位置和发生的时间', 'question');
      case 'reject':
        return reasonField('不予受理的原因', '提出人会看到这个原因', 'reason');
      case 'sendBack':
        return reasonField('退回的原因', '例如：不属于本单位职责，建议分派给…', 'reason');
      case 'escalate': {
        const up = nextLevel(topic.level ?? 'community');
        return (
          <>
            <View className="yishi-topic-actions__hint">
              {up ? `将上报到${TOPIC_LEVEL_LABELS[up]}一级。` : '议题已在最高一级。'}
            </View>
            {reasonField('上报的原因', '例如：涉及管网改造，需要街道协调资金', 'reason')}
          </>
        );
      }
      case 'answer':
        return reasonField('答复内容', '居民会在办理过程中看到这条答复', 'text');
      case 'merge':
        return (
          <>
            {candidates && candidates.length > 0 ? (
              <ChoiceList
                label="相似的议题"
                showLabel
                choices={candidates.map((candidate) => ({
                  value: candidate.id,
                  label: candidate.title,
                  description: `#${candidate.id} · ${candidate.statusLabel} · 附议 ${candidate.cosignCount} 人`,
                }))}
                value={intoTopicId}
                onChange={(id) => {
                  setIntoTopicId(id);
                  setIntoTyped('');
                }}
              />
            ) : (
              <View className="yishi-topic-actions__hint">没有找到标题相似的议题，可以直接填写议题编号。</View>
            )}
            <TextField
              label="或填写议题编号"
              type="number"
              value={intoTyped}
              onChange={(value) => {
                setIntoTyped(value);
                setIntoTopicId(undefined);
              }}
              maxLength={10}
              hint="议题编号在议题页面标题下方"
              error={errors.intoTopicId}
            />
            {noteField}
          </>
        );
      case 'route': {
        const kinds = PARTY_KINDS_BY_LEVEL[level];
        const fitting = (parties ?? []).filter((party) => kinds.includes(party.kind));
        const shown = fitting.length > 0 ? fitting : (parties ?? []);
        return (
          <>
            <ChoiceList
              label="分类"
              showLabel
              columns={2}
              choices={(settings?.categories ?? [topic.category]).map((value) => ({ value, label: value }))}
              value={category}
              onChange={setCategory}
            />
            <ChoiceList<TopicLevel>
              label="办理层级"
              showLabel
              columns={2}
              choices={TOPIC_LEVELS.map((value) => ({ value, label: TOPIC_LEVEL_LABELS[value] }))}
              value={level}
              onChange={(value) => {
                setLevel(value);
                setPartyId(undefined);
              }}
            />
            {parties ? (
              <ChoiceList
                label="责任方"
                showLabel
                choices={shown.map((party) => ({ value: party.id, label: party.name, description: party.kindLabel }))}
                value={partyId}
                onChange={setPartyId}
              />
            ) : (
              <View className="yishi-topic-actions__hint">正在读取责任方…</View>
            )}
            {errors.partyId ? (
              <View className="yishi-topic-actions__error" role="alert">
                {errors.partyId}
              </View>
            ) : null}
            {noteField}
          </>
        );
      }
      case 'takeOn':
        return (
          <>
            <ChoiceList
              label="计划办结日期"
              showLabel
              columns={2}
              choices={[
                ...DUE_CHOICES.map((choice) => ({
                  value: choice.days,
                  label: choice.label,
                  description: describeDay(dayFromToday(choice.days)),
                })),
                { value: -1, label: '其他日期', description: '自己填写' },
              ]}
              value={dueDays ?? -1}
              onChange={(days) => setDueDays(days === -1 ? undefined : days)}
            />
            {dueDays === undefined ? (
              <TextField
                label="办结日期"
                value={dueDate}
                onChange={setDueDate}
                placeholder={`例如 ${dayFromToday(10)}`}
                maxLength={10}
                hint="按 年-月-日 填写"
                error={errors.dueDate}
              />
            ) : null}
            {dueDays !== undefined && errors.dueDate ? (
              <View className="yishi-topic-actions__error" role="alert">
                {errors.dueDate}
              </View>
            ) : null}
            <TextArea
              label="办理说明（选填）"
              value={note}
              onChange={setNote}
              placeholder="例如：已联系施工单位，预计两周内完成"
              maxLength={500}
              rows={3}
              error={errors.note}
            />
          </>
        );
    }
  };

  return (
    <View className="yishi-topic-actions__form" role="group" aria-label={ACTION_BUTTONS[action]}>
      <View className="yishi-topic-actions__form-title">{ACTION_BUTTONS[action]}</View>
      {fields()}
      <View className="yishi-topic-actions__form-buttons">
        <ActionButton variant={DANGER.has(action) ? 'danger' : 'primary'} loading={sending} onClick={() => void send()}>
          {`确认${ACTION_BUTTONS[action]}`}
        </ActionButton>
        <ActionButton variant="secondary" onClick={onCancel}>
          取消
        </ActionButton>
      </View>
    </View>
  );
}
