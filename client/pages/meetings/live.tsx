import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import {
  endSpeech,
  getMinutes,
  type LiveState,
  type MinutesView,
  requestFloor,
  withdrawSpeaker,
} from '@/services/meeting-session';
import { checkInOpen, getMeeting, type MeetingView, meetingDetailUrl } from '@/services/meetings';
import { openPage } from '@/services/navigation';
import { useSession } from '@/services/session';
import { LiveVotePanel, type Receipt } from './LiveVotePanel';
import { attendanceText, clockSkew, myFloor, participantStep, voteOnScreen } from './live-model';
import { AgendaView, ConnectionBadge, CurrentItemView, DecisionsView, SpeakersView } from './live-parts';
import { MeetingStatusTag } from './meeting-parts';
import { useLiveMeeting, useTicker } from './use-live-meeting';
import './live.css';

function meetingIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * 会议现场: follows the meeting live (services/live.ts) — its status, the
 * item under discussion, the speakers with the countdown, the vote on the
 * item with large buttons, the conclusions so far, attendance and quorum,
 * and the minutes once published. Checked-in participants ask for the floor
 * and vote here.
 */
export default function MeetingLivePage() {
  const session = useSession();
  const [meetingId] = useState(meetingIdFromRoute);
  const { received, status, apply } = useLiveMeeting(meetingId);
  const [meeting, setMeeting] = useState<MeetingView>();
  const [busy, setBusy] = useState(false);
  const [receipts, setReceipts] = useState<Record<number, Receipt>>({});
  const [minutes, setMinutes] = useState<MinutesView>();
  const state = received?.state;
  const speaking = Boolean(state?.speakers.current?.startedAt);
  const now = useTicker(speaking);

  // The viewer's invitation and check-in: read again whenever attendance changes.
  const present = state?.attendance.present;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `present` changes when someone checks in.
  useEffect(() => {
    if (meetingId === undefined) return;
    getMeeting(meetingId, { showErrorToast: false }).then(setMeeting, () => undefined);
  }, [meetingId, present, session.token]);

  const published = state?.status === 'minutes_published';
  useEffect(() => {
    if (!published || meetingId === undefined) return;
    getMinutes(meetingId, { showErrorToast: false }).then(setMinutes, () => undefined);
  }, [published, meetingId]);

  const act = useCallback(
    async (action: () => Promise<LiveState>) => {
      setBusy(true);
      try {
        apply(await action());
      } catch {
        // The request module shows the reason.
      } finally {
        setBusy(false);
      }
    },
    [apply],
  );

  if (meetingId === undefined || !state) {
    const failed =
      meetingId === undefined ? '没有指定要进入的会议' : status.mode === 'stopped' ? status.error : undefined;
    return (
      <PageLayout title="会议现场" intro="会议的进程、发言和表决。">
        {failed ? (
          <Notice tone="danger" title="无法进入会议" live="alert">
            {failed}
          </Notice>
        ) : (
          <View className="live-muted" role="status">
            正在进入会议…
          </View>
        )}
      </PageLayout>
    );
  }

  const signedIn = Boolean(session.token);
  const me = meeting?.me;
  const participant = Boolean(me?.present);
  const floor = myFloor(state, session.me?.id);
  const vote = voteOnScreen(state);
  const skew = clockSkew(state, received.receivedAt);
  const inSession = state.status === 'in_session';

  return (
    <PageLayout title={state.title} intro={participantStep(state)}>
      <View className="live-page">
        <View className="live-top">
          <MeetingStatusTag status={state.status} label={state.statusLabel} />
          <ConnectionBadge status={status} />
        </View>
        {status.mode === 'stopped' && status.error ? (
          <Notice tone="danger" title="已停止更新" live="alert">
            {status.error}
          </Notice>
        ) : null}

        <Section title="出席情况">
          <View className="live-big" role="status">
            {attendanceText(state)}
          </View>
          {me?.invited && !me.present && meeting && checkInOpen(meeting) ? (
            <ActionButton onClick={() => openPage(meetingDetailUrl(state.meetingId))}>去签到</ActionButton>
          ) : null}
          {me?.present ? <View className="live-done">✓ 您已签到</View> : null}
        </Section>

        {vote ? (
          <Section title={vote.status === 'open' ? '正在表决' : '表决结果'}>
            <LiveVotePanel
              vote={vote}
              signedIn={signedIn}
              present={participant}
              receipt={receipts[vote.id]}
              onReceipt={(receipt) => setReceipts((all) => ({ ...all, [vote.id]: receipt }))}
            />
          </Section>
        ) : null}

        {state.currentItem ? (
          <Section title="正在讨论">
            <CurrentItemView item={state.currentItem} />
          </Section>
        ) : null}

        {state.currentItem ? (
          <Section title="发言">
            <SpeakersView speakers={state.speakers} now={now} skew={skew} />
            {inSession && participant && floor.kind === 'none' ? (
              <ActionButton loading={busy} onClick={() => void act(() => requestFloor(state.meetingId))}>
                申请发言
              </ActionButton>
            ) : null}
            {floor.kind === 'waiting' ? (
              <>
                <View className="live-done" role="status">
                  已申请发言，排在第 {floor.place} 位，请等候主持人安排
                </View>
                <ActionButton
                  variant="secondary"
                  loading={busy}
                  onClick={() => void act(() => withdrawSpeaker(state.meetingId, floor.speakerId))}
                >
                  取消申请
                </ActionButton>
              </>
            ) : null}
            {floor.kind === 'speaking' ? (
              <>
                <View className="live-done" role="status">
                  请您发言
                </View>
                <ActionButton
                  variant="secondary"
                  loading={busy}
                  onClick={() => void act(() => endSpeech(state.meetingId, floor.speakerId))}
                >
                  我说完了
                </ActionButton>
              </>
            ) : null}
            {inSession && signedIn && me && !participant ? (
              <View className="live-muted">签到后可以申请发言和投票。</View>
            ) : null}
          </Section>
        ) : null}

        {minutes?.published ? (
          <Section
            title="会议纪要"
            description={minutes.publishedAt ? `${describeMoment(minutes.publishedAt)} 公布` : undefined}
          >
            <View className="live-minutes">{minutes.text}</View>
          </Section>
        ) : null}

        <Section title="议题结论">
          <DecisionsView decisions={state.decisions} receipts={receipts} />
        </Section>

        <Section title="议程">
          <AgendaView agenda={state.agenda} />
        </Section>
      </View>
    </PageLayout>
  );
}
