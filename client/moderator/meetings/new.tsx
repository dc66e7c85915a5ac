import { Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { Section } from '@/components/Section';
import { TextField } from '@/components/TextField';
import { dayFromToday } from '@/components/when';
import {
  type AgendaCandidate,
  type Council,
  listAgendaCandidates,
  listCouncils,
  MEETING_MODE_LABELS,
  meetingManageUrl,
  scheduleMeeting,
} from '@/services/meetings';
import { listMembers, type Member, type ModeratedCommunity } from '@/services/moderation';
import { replacePage } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { ModeratorButton } from '../components/ModeratorButton';
import { ModeratorGate } from '../components/ModeratorGate';
import { StatusPanel } from '../components/StatusPanel';
import { submitOnEnter } from '../components/submit-on-enter';
import {
  AGENDA_MAX,
  addToAgenda,
  agendaMinutes,
  changeMinutes,
  MINUTES_MAX,
  MINUTES_MIN,
  MINUTES_STEP,
  moveInAgenda,
  removeFromAgenda,
} from './agenda';
import {
  emptyScheduleForm,
  type MeetingMode,
  NOTICE_DAY_CHOICES,
  type ScheduleErrors,
  type ScheduleForm,
  validateScheduleForm,
} from './schedule-form';
import './meetings.css';

const MODE_CHOICES = (Object.keys(MEETING_MODE_LABELS) as MeetingMode[]).map((value) => ({
  value,
  label: MEETING_MODE_LABELS[value],
}));

const NOTICE_CHOICES = NOTICE_DAY_CHOICES.map((days) => ({ value: days, label: `提前 ${days} 天` }));

/** The server's field paths, as the form's fields. */
const SERVER_FIELDS: Record<string, keyof ScheduleErrors | 'guests'> = {
  councilId: 'councilId',
  title: 'title',
  startsAt: 'date',
  place: 'place',
  agenda: 'agenda',
  guestUserIds: 'guests',
};

/** 安排会议: council, time and place, notice period, guests and the agenda of open topics. */
export default function ScheduleMeetingPage() {
  return (
    <ModeratorGate
      title="安排会议"
      intro="选择议事会，填写时间地点，从社区的待议议题中排好议程。安排后再发布会议通知。"
      showBackToWorkbench
    >
      {({ community }) => <ScheduleMeetingForm community={community} />}
    </ModeratorGate>
  );
}

type Loaded<T> = { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

function ScheduleMeetingForm({ community }: { community: ModeratedCommunity }) {
  const [form, setForm] = useState<ScheduleForm>(emptyScheduleForm);
  const [errors, setErrors] = useState<ScheduleErrors & { guests?: string }>({});
  const [councils, setCouncils] = useState<Loaded<Council[]>>({ kind: 'loading' });
  const [candidates, setCandidates] = useState<Loaded<AgendaCandidate[]>>({ kind: 'loading' });
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string>();

  const load = useCallback(async () => {
    setCouncils({ kind: 'loading' });
    setCandidates({ kind: 'loading' });
    const [c, t] = await Promise.allSettled([
      listCouncils(community.id, { showErrorToast: false }),
      listAgendaCandidates(community.id, { showErrorToast: false }),
    ]);
    const message = (reason: unknown) => (reason instanceof ApiError ? reason.message : '加载失败，请稍后重试');
    if (c.status === 'fulfilled') {
      setCouncils({ kind: 'ready', value: c.value });
      // One council (the usual case): chosen already.
      if (c.value.length === 1) setForm((f) => ({ ...f, councilId: f.councilId ?? c.value[0]!.id }));
    } else setCouncils({ kind: 'failed', message: message(c.reason) });
    setCandidates(
      t.status === 'fulfilled' ? { kind: 'ready', value: t.value } : { kind: 'failed', message: message(t.reason) },
    );
  }, [community.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const update = (patch: Partial<ScheduleForm>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async () => {
    setFailure(undefined);
    const checked = validateScheduleForm(form);
    setErrors(checked.errors);
    if (!checked.body) {
      void Taro.showToast({ title: '请先改正标红的内容', icon: 'none' });
      return;
    }
    setSaving(true);
    try {
      const meeting = await scheduleMeeting(checked.body, {
        showErrorToast: (error) => error.code !== 'VALIDATION_FAILED',
      });
      void Taro.showToast({ title: '会议已安排', icon: 'success' });
      replacePage(meetingManageUrl(meeting.id));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
        const fields = (error.details as { fields?: { path: string; message: string }[] } | undefined)?.fields ?? [];
        const mapped: ScheduleErrors & { guests?: string } = {};
        for (const field of fields) {
          const key = SERVER_FIELDS[field.path.split('.')[0] ?? ''];
          if (key) mapped[key] = field.message;
        }
        setErrors(mapped);
        setFailure(error.message);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="meeting-form">
      <Section title="议事会" description="议事会的在任成员都会收到会议邀请。">
        {councils.kind === 'loading' ? <StatusPanel kind="loading" title="正在读取议事会…" /> : null}
        {councils.kind === 'failed' ? (
          <StatusPanel kind="error" title="议事会没有读取成功" description={councils.message}>
            <ModeratorButton variant="secondary" onClick={() => void load()}>
              重试
            </ModeratorButton>
          </StatusPanel>
        ) : null}
        {councils.kind === 'ready' && councils.value.length === 0 ? (
          <StatusPanel kind="empty" title="本社区还没有议事会" description="请先设立议事会并任命成员。" />
        ) : null}
        {councils.kind === 'ready' && councils.value.length > 0 ? (
          <ChoiceList
            label="召开会议的议事会"
            choices={councils.value.map((c) => ({
              value: c.id,
              label: c.estateName ? `${c.name}（${c.estateName}）` : c.name,
              description: `在任成员 ${c.seats.filter((s) => s.current).length} 人`,
            }))}
            value={form.councilId}
            onChange={(councilId) => update({ councilId })}
          />
        ) : null}
        {errors.councilId ? <FieldError message={errors.councilId} /> : null}
      </Section>

      <Section title="会议信息">
        <TextField
          label="会议名称"
          value={form.title}
          onChange={(title) => update({ title })}
          maxLength={80}
          placeholder="例如：十二月协商议事会"
          error={errors.title}
        />
        <TextField
          label="日期"
          value={form.date}
          onChange={(date) => update({ date })}
          maxLength={10}
          placeholder={dayFromToday(7)}
          hint="北京时间，按“年-月-日”填写"
          error={errors.date}
        />
        <TextField
          label="开始时间"
          value={form.time}
          onChange={(time) => update({ time })}
          maxLength={5}
          placeholder="19:00"
          hint="24 小时制，例如 19:30"
          error={errors.time}
        />
        <TextField
          label="地点"
          value={form.place}
          onChange={(place) => update({ place })}
          maxLength={100}
          placeholder="例如：社区党群服务中心二楼会议室"
          error={errors.place}
        />
        <ChoiceList
          label="会议形式"
          showLabel
          choices={MODE_CHOICES}
          value={form.mode}
          onChange={(mode) => update({ mode })}
          columns={3}
        />
        <ChoiceList
          label="会议通知提前发布"
          showLabel
          choices={NOTICE_CHOICES}
          value={form.noticeDays}
          onChange={(noticeDays) => update({ noticeDays })}
          columns={2}
        />
      </Section>

      <AgendaBuilder
        agenda={form.agenda}
        candidates={candidates}
        error={errors.agenda}
        onChange={(agenda) => update({ agenda })}
        onRetry={() => void load()}
      />

      <GuestPicker
        community={community}
        guests={form.guests}
        error={errors.guests}
        onChange={(guests) => update({ guests })}
      />

      {failure ? (
        <Notice tone="danger" title="会议没有安排成功" live="alert">
          {failure}
        </Notice>
      ) : null}
      <ModeratorButton size="large" busy={saving} onClick={() => void submit()}>
        安排会议
      </ModeratorButton>
    </View>
  );
}

function FieldError({ message }: { message: string }) {
  return (
    <View className="meeting-form__error" role="alert">
      {message}
    </View>
  );
}

/** 议程: the chosen topics in order (up, down, remove, minutes) and the topics to choose from. */
function AgendaBuilder({
  agenda,
  candidates,
  error,
  onChange,
  onRetry,
}: {
  agenda: ScheduleForm['agenda'];
  candidates: Loaded<AgendaCandidate[]>;
  error?: string;
  onChange: (agenda: ScheduleForm['agenda']) => void;
  onRetry: () => void;
}) {
  return (
    <Section
      title="议程"
      description={
        agenda.length === 0
          ? '从下面的待议议题中选择，排好先后顺序，并为每个议题安排时间。'
          : `共 ${agenda.length} 个议题，约 ${agendaMinutes(agenda)} 分钟。`
      }
    >
      <View className="agenda-builder" role="list" aria-label="会议议程">
        {agenda.map((item, index) => (
          <View key={item.topicId} className="agenda-builder__item" role="listitem">
            <View className="agenda-builder__head">
              <View className="agenda-builder__number">{index + 1}</View>
              <View className="agenda-builder__title">{item.title}</View>
            </View>
            <View className="agenda-builder__controls">
              <ModeratorButton
                variant="secondary"
                aria-label={`减少“${item.title}”的时间`}
                disabled={item.minutes <= MINUTES_MIN}
                onClick={() => onChange(changeMinutes(agenda, item.topicId, -MINUTES_STEP))}
              >
                少 5 分钟
              </ModeratorButton>
              <View className="agenda-builder__minutes" aria-label={`“${item.title}”安排 ${item.minutes} 分钟`}>
                {item.minutes} 分钟
              </View>
              <ModeratorButton
                variant="secondary"
                aria-label={`增加“${item.title}”的时间`}
                disabled={item.minutes >= MINUTES_MAX}
                onClick={() => onChange(changeMinutes(agenda, item.topicId, MINUTES_STEP))}
              >
                多 5 分钟
              </ModeratorButton>
            </View>
            <View className="agenda-builder__controls">
              <ModeratorButton
                variant="secondary"
                aria-label={`上移“${item.title}”`}
                disabled={index === 0}
                onClick={() => onChange(moveInAgenda(agenda, index, -1))}
              >
                上移
              </ModeratorButton>
              <ModeratorButton
                variant="secondary"
                aria-label={`下移“${item.title}”`}
                disabled={index === agenda.length - 1}
                onClick={() => onChange(moveInAgenda(agenda, index, 1))}
              >
                下移
              </ModeratorButton>
              <ModeratorButton
                variant="danger"
                aria-label={`移出“${item.title}”`}
                onClick={() => onChange(removeFromAgenda(agenda, item.topicId))}
              >
                移出
              </ModeratorButton>
            </View>
          </View>
        ))}
      </View>
      {error ? <FieldError message={error} /> : null}

      <View className="agenda-builder__subtitle" role="heading" aria-level={3}>
        待议议题
      </View>
      {candidates.kind === 'loading' ? <StatusPanel kind="loading" title="正在读取待议议题…" /> : null}
      {candidates.kind === 'failed' ? (
        <StatusPanel kind="error" title="待议议题没有读取成功" description={candidates.message}>
          <ModeratorButton variant="secondary" onClick={onRetry}>
            重试
          </ModeratorButton>
        </StatusPanel>
      ) : null}
      {candidates.kind === 'ready' && candidates.value.length === 0 ? (
        <StatusPanel
          kind="empty"
          title="没有可以列入议程的议题"
          description="已受理、分派或办理中的议题可以列入议程。"
        />
      ) : null}
      {candidates.kind === 'ready' ? (
        <View className="agenda-candidates" role="list" aria-label="待议议题">
          {candidates.value.map((topic) => {
            const added = agenda.some((item) => item.topicId === topic.id);
            return (
              <View key={topic.id} className="agenda-candidate" role="listitem">
                <View className="agenda-candidate__title">{topic.title}</View>
                <View className="agenda-candidate__meta">
                  {topic.statusLabel} · {topic.category} · 附议 {topic.cosignCount}
                </View>
                <ModeratorButton
                  variant="secondary"
                  aria-label={added ? `“${topic.title}”已在议程中` : `把“${topic.title}”加入议程`}
                  disabled={added || agenda.length >= AGENDA_MAX}
                  onClick={() => onChange(addToAgenda(agenda, topic))}
                >
                  {added ? '已在议程中' : '加入议程'}
                </ModeratorButton>
              </View>
            );
          })}
        </View>
      ) : null}
    </Section>
  );
}

/** 列席人员: community members invited besides the council (found by name or phone). */
function GuestPicker({
  community,
  guests,
  error,
  onChange,
}: {
  community: ModeratedCommunity;
  guests: ScheduleForm['guests'];
  error?: string;
  onChange: (guests: ScheduleForm['guests']) => void;
}) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Loaded<Member[]> | undefined>(undefined);

  const search = async () => {
    setResults({ kind: 'loading' });
    try {
      const members = await listMembers(
        community.id,
        { status: 'active', q: query.trim() || undefined, limit: 20 },
        { showErrorToast: false },
      );
      setResults({ kind: 'ready', value: members });
    } catch (caught) {
      setResults({ kind: 'failed', message: caught instanceof ApiError ? caught.message : '查找失败，请稍后重试' });
    }
  };

  const nameOf = (member: Member) => member.realName ?? member.nickname;

  return (
    <Section title="列席人员（可选）" description="议事会成员以外需要参会的人，例如相关楼栋的居民、驻区单位代表。">
      {guests.length > 0 ? (
        <View className="guest-picker__chosen" role="list" aria-label="已邀请的列席人员">
          {guests.map((guest) => (
            <View key={guest.userId} className="guest-picker__row" role="listitem">
              <View className="guest-picker__name">{guest.name}</View>
              <ModeratorButton
                variant="secondary"
                aria-label={`不再邀请${guest.name}`}
                onClick={() => onChange(guests.filter((g) => g.userId !== guest.userId))}
              >
                移除
              </ModeratorButton>
            </View>
          ))}
        </View>
      ) : null}
      {error ? <FieldError message={error} /> : null}
      <View className="guest-picker__search">
        <Input
          className="guest-picker__input"
          aria-label="查找社区成员"
          value={query}
          placeholder="姓名、昵称或手机号"
          maxlength={50}
          onInput={(event) => setQuery(event.detail.value)}
          {...submitOnEnter(() => void search())}
        />
        <ModeratorButton variant="secondary" busy={results?.kind === 'loading'} onClick={() => void search()}>
          查找
        </ModeratorButton>
      </View>
      {results?.kind === 'failed' ? <FieldError message={results.message} /> : null}
      {results?.kind === 'ready' && results.value.length === 0 ? (
        <View className="meeting-form__muted">没有找到符合的成员。</View>
      ) : null}
      {results?.kind === 'ready' ? (
        <View className="guest-picker__results" role="list" aria-label="查找结果">
          {results.value.map((member) => {
            const chosen = guests.some((g) => g.userId === member.userId);
            return (
              <View key={member.userId} className="guest-picker__row" role="listitem">
                <View className="guest-picker__name">
                  {nameOf(member)}
                  {member.units.length > 0 ? (
                    <View className="guest-picker__unit">{member.units.join('、')}</View>
                  ) : null}
                </View>
                <ModeratorButton
                  variant="secondary"
                  disabled={chosen}
                  aria-label={chosen ? `${nameOf(member)}已邀请` : `邀请${nameOf(member)}列席`}
                  onClick={() => onChange([...guests, { userId: member.userId, name: nameOf(member) }])}
                >
                  {chosen ? '已邀请' : '邀请'}
                </ModeratorButton>
              </View>
            );
          })}
        </View>
      ) : null}
    </Section>
  );
}
