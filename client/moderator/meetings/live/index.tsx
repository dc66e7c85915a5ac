import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ChoiceList } from '@/components/ChoiceList';
import { Notice } from '@/components/Notice';
import { Section } from '@/components/Section';
import {
  addSpeaker,
  closeMeeting,
  type DecideItemBody,
  decideAgendaItem,
  endSpeech,
  grantFloor,
  type LiveState,
  openAgendaItem,
  SPEECH_SECONDS,
  startMeeting,
  withdrawSpeaker,
} from '@/services/meeting-session';
import { listMeetingInvitees, type MeetingInviteeView, meetingLiveUrl, meetingManageUrl } from '@/services/meetings';
import { openPage } from '@/services/navigation';
import { attendanceText, clockSkew, moderatorStep, nextPendingItem } from '../../../pages/meetings/live-model';
import {
  AgendaView,
  ConnectionBadge,
  CurrentItemView,
  DecisionsView,
  SpeakersView,
} from '../../../pages/meetings/live-parts';
import { MeetingStatusTag } from '../../../pages/meetings/meeting-parts';
import { useLiveMeeting, useTicker } from '../../../pages/meetings/use-live-meeting';
import { ModeratorButton } from '../../components/ModeratorButton';
import { ModeratorGate } from '../../components/ModeratorGate';
import { StatusPanel } from '../../components/StatusPanel';
import { AddSpeaker, DecisionForm, MinutesEditor, SPEECH_CHOICES, VoteControl } from './controls';
import './live.css';

function meetingIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

async function confirm(title: string, content: string, confirmText: string): Promise<boolean> {
  const answer = await Taro.showModal({ title, content, confirmText, cancelText: '取消' });
  return Boolean(answer.confirm);
}

/** 会议现场控制: the moderator runs the meeting; every participant's screen follows. */
export default function MeetingLiveControlPage() {
  const [meetingId] = useState(meetingIdFromRoute);
  return (
    <ModeratorGate
      title="会议现场控制"
      intro="开始会议，逐项讨论议题，安排发言，发起表决，记录结论；会后核对并公布会议纪要。"
      showBackToWorkbench
    >
      {() =>
        meetingId === undefined ? (
          <StatusPanel kind="error" title="没有指定要主持的会议" description="请从“协商会议”列表进入。" />
        ) : (
          <LiveControl meetingId={meetingId} />
        )
      }
    </ModeratorGate>
  );
}

function LiveControl({ meetingId }: { meetingId: number }) {
  const { received, status, apply } = useLiveMeeting(meetingId);
  const [busy, setBusy] = useState<string>();
  const [seconds, setSeconds] = useState<number>(SPEECH_SECONDS.default);
  const [invitees, setInvitees] = useState<MeetingInviteeView[]>([]);
  const state = received?.state;
  const now = useTicker(Boolean(state?.speakers.current?.startedAt));

  const present = state?.attendance.present;
  // biome-ignore lint/correctness/useExhaustiveDependencies: who can be put on the list changes with check-ins.
  useEffect(() => {
    listMeetingInvitees(meetingId, { showErrorToast: false }).then(setInvitees, () => undefined);
  }, [meetingId, present]);

  const act = useCallback(
    async (key: string, action: () => Promise<LiveState>) => {
      setBusy(key);
      try {
        apply(await action());
      } catch {
        // The request module shows the reason (e.g. 请先结束当前的发言).
      } finally {
        setBusy(undefined);
      }
    },
    [apply],
  );

  if (!state) {
    return status.mode === 'stopped' ? (
      <StatusPanel kind="error" title="无法连接会议" description={status.error} />
    ) : (
      <StatusPanel kind="loading" title="正在连接会议…" />
    );
  }

  const item = state.currentItem;
  const next = nextPendingItem(state);
  const skew = clockSkew(state, received.receivedAt);
  /** Moderators see the real names of the invitees (the live state carries masked ones for everyone). */
  const nameOf = (speaker: { userId: number | null; name: string }) =>
    invitees.find((i) => i.userId === speaker.userId)?.name ?? speaker.name;

  const start = async () => {
    const content = state.attendance.quorumMet
      ? '开始后，参会人员的屏幕会显示会议进程。'
      : `${attendanceText(state)}。未达法定人数时表决结果可能无效。仍要开始吗？`;
    if (await confirm('开始会议', content, '开始会议')) void act('start', () => startMeeting(meetingId));
  };

  const decide = async (body: DecideItemBody) => {
    if (!item) return;
    const content =
      body.outcome === 'decided'
        ? '记录后议题状态变为“已形成决议”，决议内容会显示在议题的办理过程中。'
        : '记录后议题状态变为“已协商”，可以在以后的会议上再议。';
    if (await confirm('记录结论', content, '记录')) {
      void act('decide', () => decideAgendaItem(meetingId, item.id, body));
    }
  };

  const close = async () => {
    const left = state.agenda.filter((i) => i.status === 'pending').length;
    const content = `${left > 0 ? `还有 ${left} 个议题没有讨论，结束后它们会移出本次议程。` : ''}结束后将生成会议纪要草稿。确定结束会议吗？`;
    if (await confirm('结束会议', content, '结束会议')) void act('close', () => closeMeeting(meetingId));
  };

  return (
    <View className="live-page">
      <View className="live-top">
        <MeetingStatusTag status={state.status} label={state.statusLabel} />
        <ConnectionBadge status={status} />
      </View>
      <Notice tone="info" title={state.title}>
        {moderatorStep(state)}
      </Notice>

      <Section title="出席情况">
        <View className="live-big" role="status">
          {attendanceText(state)}
        </View>
        <ModeratorButton variant="secondary" onClick={() => openPage(meetingManageUrl(meetingId))}>
          签到码与点名签到
        </ModeratorButton>
        <ModeratorButton variant="secondary" onClick={() => openPage(meetingLiveUrl(meetingId))}>
          查看参会人员看到的页面
        </ModeratorButton>
        {state.status === 'announced' ? (
          <ModeratorButton size="large" busy={busy === 'start'} onClick={() => void start()}>
            开始会议
          </ModeratorButton>
        ) : null}
      </Section>

      {item ? (
        <Section title="正在讨论">
          <CurrentItemView item={item} />
        </Section>
      ) : null}

      {item ? (
        <Section title="发言" description="发言人按申请顺序排列；给一位发言时间后开始倒计时，所有人都能看到。">
          <ChoiceList
            label="每人发言时间"
            showLabel
            columns={2}
            choices={SPEECH_CHOICES}
            value={seconds}
            onChange={setSeconds}
          />
          <SpeakersView
            speakers={state.speakers}
            now={now}
            skew={skew}
            nameOf={nameOf}
            actionsFor={(speaker, place) =>
              place === 'current' ? (
                <ModeratorButton
                  busy={busy === `end-${speaker.id}`}
                  onClick={() => void act(`end-${speaker.id}`, () => endSpeech(meetingId, speaker.id))}
                >
                  结束发言
                </ModeratorButton>
              ) : (
                <>
                  <ModeratorButton
                    disabled={state.speakers.current !== null}
                    busy={busy === `grant-${speaker.id}`}
                    aria-label={`请${nameOf(speaker)}发言`}
                    onClick={() => void act(`grant-${speaker.id}`, () => grantFloor(meetingId, speaker.id, seconds))}
                  >
                    请TA发言
                  </ModeratorButton>
                  <ModeratorButton
                    variant="secondary"
                    busy={busy === `withdraw-${speaker.id}`}
                    aria-label={`把${nameOf(speaker)}移出发言名单`}
                    onClick={() => void act(`withdraw-${speaker.id}`, () => withdrawSpeaker(meetingId, speaker.id))}
                  >
                    移出
                  </ModeratorButton>
                </>
              )
            }
          />
          <View className="live-subtitle">安排发言</View>
          <AddSpeaker
            invitees={invitees}
            speakers={state.speakers}
            busy={busy !== undefined}
            onAdd={(userId) => void act('add', () => addSpeaker(meetingId, userId))}
          />
        </Section>
      ) : null}

      {item ? (
        <Section title="表决">
          <VoteControl state={state} onOpened={() => undefined} />
        </Section>
      ) : null}

      {item ? (
        <Section title="记录结论" description="讨论和表决结束后，记录本议题的结论，再开始下一个议题。">
          <DecisionForm state={state} busy={busy === 'decide'} onDecide={(body) => void decide(body)} />
        </Section>
      ) : null}

      {state.status === 'in_session' && !item ? (
        <Section title="下一步">
          {next ? (
            <ModeratorButton
              size="large"
              busy={busy === `open-${next.id}`}
              onClick={() => void act(`open-${next.id}`, () => openAgendaItem(meetingId, next.id))}
            >
              开始讨论：{next.title}
            </ModeratorButton>
          ) : (
            <View className="live-muted">议程已全部讨论。</View>
          )}
          <ModeratorButton variant="danger" busy={busy === 'close'} onClick={() => void close()}>
            结束会议
          </ModeratorButton>
        </Section>
      ) : null}

      {state.status === 'closed' || state.status === 'minutes_published' ? (
        <Section title="会议纪要">
          <MinutesEditor meetingId={meetingId} />
        </Section>
      ) : null}

      <Section title="议题结论">
        <DecisionsView decisions={state.decisions} />
      </Section>

      <Section title="议程">
        <AgendaView
          agenda={state.agenda}
          actionFor={(agendaItem) =>
            state.status === 'in_session' && !item && agendaItem.status === 'pending' && agendaItem.id !== next?.id ? (
              <ModeratorButton
                variant="secondary"
                busy={busy === `open-${agendaItem.id}`}
                aria-label={`先讨论“${agendaItem.title}”`}
                onClick={() => void act(`open-${agendaItem.id}`, () => openAgendaItem(meetingId, agendaItem.id))}
              >
                先讨论这一项
              </ModeratorButton>
            ) : null
          }
        />
      </Section>
    </View>
  );
}
