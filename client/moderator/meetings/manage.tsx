import { Image, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Notice } from '@/components/Notice';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import {
  announceMeeting,
  checkInOpen,
  describeQuorum,
  getMeeting,
  listMeetingInvitees,
  loadCheckInQr,
  type MeetingInviteeView,
  type MeetingView,
  meetingDetailUrl,
  modeLabel,
  releaseCheckInQr,
  rollCall,
} from '@/services/meetings';
import { openPage } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { MeetingFact, MeetingStatusTag } from '../../pages/meetings/meeting-parts';
import { ModeratorButton } from '../components/ModeratorButton';
import { ModeratorGate } from '../components/ModeratorGate';
import { StatusPanel } from '../components/StatusPanel';
import './meetings.css';

const DAY = 86_400_000;

function meetingIdFromRoute(): number | undefined {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

/** 会议管理: publish the notice, show the check-in code and QR code, take the roll call. */
export default function ManageMeetingPage() {
  const [meetingId] = useState(meetingIdFromRoute);
  return (
    <ModeratorGate
      title="会议管理"
      intro="发布会议通知，在会场显示签到码，为没有手机的参会人员点名签到。"
      showBackToWorkbench
    >
      {() =>
        meetingId === undefined ? (
          <StatusPanel kind="error" title="没有指定要管理的会议" description="请从“协商会议”列表进入。" />
        ) : (
          <MeetingManager meetingId={meetingId} />
        )
      }
    </ModeratorGate>
  );
}

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ready'; meeting: MeetingView; invitees: MeetingInviteeView[] }
  | { kind: 'failed'; message: string };

function methodLabel(invitee: MeetingInviteeView): string {
  const how = invitee.method === 'roll_call' ? '点名' : '签到码';
  return invitee.checkedInAt ? `${how}签到 · ${describeMoment(invitee.checkedInAt)}` : `${how}签到`;
}

function MeetingManager({ meetingId }: { meetingId: number }) {
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [announcing, setAnnouncing] = useState(false);
  const [announceError, setAnnounceError] = useState<string>();
  const [marking, setMarking] = useState<number>();
  const [qr, setQr] = useState<
    { kind: 'loading' } | { kind: 'ready'; path: string } | { kind: 'failed'; message: string }
  >({
    kind: 'loading',
  });
  const shown = useRef(false);

  const load = useCallback(
    async (quiet = false) => {
      if (!quiet) setLoaded({ kind: 'loading' });
      try {
        const [meeting, invitees] = await Promise.all([
          getMeeting(meetingId, { showErrorToast: false }),
          listMeetingInvitees(meetingId, { showErrorToast: false }),
        ]);
        setLoaded({ kind: 'ready', meeting, invitees });
      } catch (error) {
        if (!quiet) setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
      }
    },
    [meetingId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  useDidShow(() => {
    if (shown.current) void load(true);
    shown.current = true;
  });

  useEffect(() => {
    let path: string | undefined;
    let cancelled = false;
    loadCheckInQr(meetingId).then(
      (loadedPath) => {
        path = loadedPath;
        if (cancelled) releaseCheckInQr(loadedPath);
        else setQr({ kind: 'ready', path: loadedPath });
      },
      (error: unknown) => {
        if (!cancelled)
          setQr({ kind: 'failed', message: error instanceof ApiError ? error.message : '二维码加载失败' });
      },
    );
    return () => {
      cancelled = true;
      releaseCheckInQr(path);
    };
  }, [meetingId]);

  if (loaded.kind === 'loading') return <StatusPanel kind="loading" title="正在读取会议…" />;
  if (loaded.kind === 'failed') {
    return (
      <StatusPanel kind="error" title="会议没有读取成功" description={loaded.message}>
        <ModeratorButton variant="secondary" onClick={() => void load()}>
          重试
        </ModeratorButton>
      </StatusPanel>
    );
  }

  const { meeting, invitees } = loaded;
  const open = checkInOpen(meeting);
  const latestNotice = new Date(Date.parse(meeting.startsAt) - meeting.noticeDays * DAY).toISOString();

  const announce = async () => {
    const answer = await Taro.showModal({
      title: '发布会议通知',
      content: '发布后，通知将公开，议事会成员和列席人员会收到消息。确定发布吗？',
      confirmText: '发布',
      cancelText: '取消',
    });
    if (!answer.confirm) return;
    setAnnouncing(true);
    setAnnounceError(undefined);
    try {
      const updated = await announceMeeting(meeting.id, {
        showErrorToast: (error) => error.code !== 'ILLEGAL_TRANSITION',
      });
      setLoaded({ kind: 'ready', meeting: updated, invitees });
      void Taro.showToast({ title: '通知已发布', icon: 'success' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'ILLEGAL_TRANSITION') {
        setAnnounceError(error.message);
        void load(true);
      }
    } finally {
      setAnnouncing(false);
    }
  };

  const markPresent = async (invitee: MeetingInviteeView) => {
    setMarking(invitee.userId);
    try {
      await rollCall(meeting.id, invitee.userId);
      await load(true);
    } catch {
      // Shown by the request module.
    } finally {
      setMarking(undefined);
    }
  };

  const showQrFullScreen = () => {
    if (qr.kind !== 'ready') return;
    void Promise.resolve(Taro.previewImage({ urls: [qr.path], current: qr.path })).catch(() => undefined);
  };

  return (
    <View className="meeting-manage">
      <Section title={meeting.title}>
        <MeetingStatusTag status={meeting.status} label={meeting.statusLabel} />
        <MeetingFact label="时间">{describeMoment(meeting.startsAt)}</MeetingFact>
        <MeetingFact label="地点">{meeting.place}</MeetingFact>
        <MeetingFact label="形式">{modeLabel(meeting.mode)}</MeetingFact>
        <MeetingFact label="议程">
          {meeting.agenda.map((item) => `${item.position}. ${item.title}（${item.minutes} 分钟）`).join('\n')}
        </MeetingFact>
        <ModeratorButton variant="secondary" onClick={() => openPage(meetingDetailUrl(meeting.id))}>
          查看居民看到的会议页
        </ModeratorButton>
      </Section>

      <Section title="会议通知">
        {meeting.status === 'planned' ? (
          <>
            <View className="meeting-form__muted">
              {Date.parse(latestNotice) < Date.now()
                ? `通知尚未发布，且已过了发布期限：须在会前 ${meeting.noticeDays} 天、即 ${describeMoment(latestNotice)} 前发布。请重新安排会议时间。`
                : `通知尚未发布。须在会前 ${meeting.noticeDays} 天发布，最晚 ${describeMoment(latestNotice)}。发布后居民可以在“议事会”页看到，参会人员会收到消息。`}
            </View>
            {announceError ? (
              <Notice tone="danger" title="通知没有发布" live="alert">
                {announceError}
              </Notice>
            ) : null}
            <ModeratorButton size="large" busy={announcing} onClick={() => void announce()}>
              发布通知
            </ModeratorButton>
          </>
        ) : (
          <View className="meeting-form__line">
            {meeting.announcedAt ? `通知已于 ${describeMoment(meeting.announcedAt)} 发布。` : '通知已发布。'}
          </View>
        )}
      </Section>

      <Section title="签到码" description="在会场屏幕上显示签到码或二维码。参会人员扫码，或在会议页输入签到码。">
        <View className="meeting-manage__code" aria-label={`签到码 ${(meeting.checkInCode ?? '').split('').join(' ')}`}>
          {meeting.checkInCode ?? '——'}
        </View>
        {!open ? (
          <View className="meeting-form__muted">
            {meeting.status === 'planned' ? '发布通知后才能签到。' : '会议已结束，不能再签到。'}
          </View>
        ) : null}
        {qr.kind === 'loading' ? <View className="meeting-form__muted">正在生成二维码…</View> : null}
        {qr.kind === 'failed' ? <View className="meeting-form__error">{qr.message}</View> : null}
        {qr.kind === 'ready' ? (
          <>
            <Image
              className="meeting-manage__qr"
              src={qr.path}
              mode="aspectFit"
              imgProps={{ alt: `会议签到二维码，签到码 ${meeting.checkInCode ?? ''}` }}
              onClick={showQrFullScreen}
            />
            <ModeratorButton variant="secondary" onClick={showQrFullScreen}>
              全屏显示二维码
            </ModeratorButton>
          </>
        ) : null}
      </Section>

      <Section title="出席与点名" description="没有手机或不会扫码的参会人员，由主持人点名签到。">
        <View className="meeting-manage__quorum" role="status">
          {describeQuorum(meeting.attendance)}
        </View>
        <View className="roll-call" role="list" aria-label="参会人员">
          {invitees.map((invitee) => (
            <View key={invitee.userId} className="roll-call__row" role="listitem">
              <View className="roll-call__who">
                <View className="roll-call__name">{invitee.name}</View>
                <View className="roll-call__role">
                  {invitee.role === 'council' ? '议事会成员' : '列席'}
                  {invitee.present ? ` · ${methodLabel(invitee)}` : ''}
                </View>
              </View>
              {invitee.present ? (
                <View className="roll-call__present">✓ 已签到</View>
              ) : (
                <ModeratorButton
                  variant="secondary"
                  disabled={!open}
                  busy={marking === invitee.userId}
                  aria-label={`${invitee.name}到场，点名签到`}
                  onClick={() => void markPresent(invitee)}
                >
                  点名签到
                </ModeratorButton>
              )}
            </View>
          ))}
        </View>
        <ModeratorButton variant="secondary" onClick={() => void load(true)}>
          刷新出席情况
        </ModeratorButton>
      </Section>
    </View>
  );
}
