import { View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import { describeQuorum, getMeeting, type MeetingView, meetingDetailUrl } from '@/services/meetings';
import { openPage } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { MeetingFact, MeetingStatusTag } from './meeting-parts';
import './detail.css';

/** How often the meeting is read again while this page is on screen. */
export const LIVE_POLL_MS = 5_000;

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; meeting: MeetingView; at: number }
  | { kind: 'failed'; message: string };

function meetingIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/**
 * 会议现场: the meeting's status, attendance and agenda, read again every few
 * seconds (GET /api/meetings/:id). The live session view (current item,
 * speakers, votes over WebSocket) replaces this page.
 */
export default function MeetingLivePage() {
  const [meetingId] = useState(meetingIdFromRoute);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const visible = useRef(true);

  const load = useCallback(async () => {
    if (meetingId === undefined) {
      setLoaded({ kind: 'failed', message: '没有指定要进入的会议' });
      return;
    }
    try {
      const meeting = await getMeeting(meetingId, { showErrorToast: false });
      setLoaded({ kind: 'ready', meeting, at: Date.now() });
    } catch (error) {
      // A failed refresh keeps what is on screen; only the first read reports.
      setLoaded((previous) =>
        previous.kind === 'ready'
          ? previous
          : { kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' },
      );
    }
  }, [meetingId]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (visible.current) void load();
    }, LIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  useDidShow(() => {
    visible.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });

  if (loaded.kind !== 'ready') {
    return (
      <PageLayout title="会议现场" intro="会议的进行状态和议程。">
        {loaded.kind === 'failed' ? (
          <Notice tone="danger" title="无法进入会议" live="alert">
            {loaded.message}
            <View className="meeting-detail__action">
              <ActionButton variant="secondary" onClick={() => void load()}>
                重新加载
              </ActionButton>
            </View>
          </Notice>
        ) : (
          <View className="meeting-detail__muted" role="status">
            正在进入会议…
          </View>
        )}
      </PageLayout>
    );
  }

  const { meeting } = loaded;
  const waiting = meeting.status === 'announced' || meeting.status === 'planned';
  return (
    <PageLayout title={meeting.title} intro="会议现场 · 本页每 5 秒自动刷新。">
      <Section title="会议状态">
        <MeetingStatusTag status={meeting.status} label={meeting.statusLabel} />
        <View className="meeting-detail__quorum" role="status">
          {waiting ? `会议将于 ${describeMoment(meeting.startsAt)} 开始` : meeting.statusLabel}
        </View>
        <MeetingFact label="地点">{meeting.place}</MeetingFact>
        <MeetingFact label="出席">{describeQuorum(meeting.attendance)}</MeetingFact>
        {meeting.me.invited &&
        !meeting.me.present &&
        (meeting.status === 'announced' || meeting.status === 'in_session') ? (
          <View className="meeting-detail__action">
            <ActionButton onClick={() => openPage(meetingDetailUrl(meeting.id))}>去签到</ActionButton>
          </View>
        ) : null}
      </Section>
      <Section title="议程">
        <View className="meeting-agenda" role="list">
          {meeting.agenda.map((item) => (
            <View key={item.id} className="meeting-agenda__item" role="listitem">
              <View className="meeting-agenda__number">{item.position}</View>
              <View className="meeting-live__title">{item.title}</View>
              <View className="meeting-agenda__minutes">{item.minutes} 分钟</View>
            </View>
          ))}
        </View>
      </Section>
      <View className="meeting-detail__hint" role="status">
        最近刷新：{describeMoment(new Date(loaded.at).toISOString())}
      </View>
    </PageLayout>
  );
}
