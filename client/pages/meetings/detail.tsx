import { Input, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { pressableProps } from '@/components/pressable';
import { Section } from '@/components/Section';
import { describeMoment } from '@/components/when';
import {
  checkIn,
  checkInCodeProblem,
  checkInOpen,
  describeQuorum,
  getMeeting,
  type MeetingView,
  meetingLiveUrl,
  meetingManageUrl,
  modeLabel,
  normalizeCheckInCode,
  readCheckInQr,
} from '@/services/meetings';
import { openPage, PAGES } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { useSession } from '@/services/session';
import { topicDetailUrl } from '@/services/topics';
import { MeetingFact, MeetingStatusTag } from './meeting-parts';
import './detail.css';

type Loaded = { kind: 'loading' } | { kind: 'ready'; meeting: MeetingView } | { kind: 'failed'; message: string };

/** Attendance is read again this often while the page is on screen and check-in is open. */
const REFRESH_MS = 15_000;

interface RouteTarget {
  meetingId?: number;
  /** A code handed over by the QR code's link (`code=`, or WeChat's `q` with the whole link). */
  code?: string;
}

function routeTarget(): RouteTarget {
  const params = Taro.getCurrentInstance()?.router?.params ?? {};
  const scanned = params.q ? readCheckInQr(params.q) : undefined;
  const id = Number(params.id ?? scanned?.meetingId);
  const typed = params.code ? normalizeCheckInCode(decodeURIComponent(params.code)) : undefined;
  return {
    meetingId: Number.isInteger(id) && id > 0 ? id : undefined,
    code: typed && !checkInCodeProblem(typed) ? typed : scanned?.code,
  };
}

/** 会议详情: the notice, my check-in, the agenda and who is here (quorum). */
export default function MeetingDetailPage() {
  const session = useSession();
  const [target] = useState(routeTarget);
  const meetingId = target.meetingId;
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [code, setCode] = useState(target.code ?? '');
  const [codeError, setCodeError] = useState<string>();
  const [checkingIn, setCheckingIn] = useState(false);
  const [justCheckedIn, setJustCheckedIn] = useState(false);
  const [typing, setTyping] = useState(process.env.TARO_ENV !== 'weapp');
  const shown = useRef(false);
  const visible = useRef(true);

  const load = useCallback(
    async (quiet = false) => {
      if (meetingId === undefined) {
        setLoaded({ kind: 'failed', message: '没有指定要查看的会议' });
        return;
      }
      if (!quiet) setLoaded({ kind: 'loading' });
      try {
        setLoaded({ kind: 'ready', meeting: await getMeeting(meetingId, { showErrorToast: false }) });
      } catch (error) {
        if (!quiet) setLoaded({ kind: 'failed', message: error instanceof ApiError ? error.message : '加载失败' });
      }
    },
    [meetingId],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: signing in changes `me`: read again then.
  useEffect(() => {
    void load();
  }, [load, session.token]);

  useDidShow(() => {
    visible.current = true;
    if (shown.current) void load(true);
    shown.current = true;
  });
  useDidHide(() => {
    visible.current = false;
  });

  const meeting = loaded.kind === 'ready' ? loaded.meeting : undefined;
  const live = meeting ? checkInOpen(meeting) : false;
  useEffect(() => {
    if (!live) return undefined;
    const timer = setInterval(() => {
      if (visible.current) void load(true);
    }, REFRESH_MS);
    return () => clearInterval(timer);
  }, [live, load]);

  if (!meeting) {
    return (
      <PageLayout title="会议详情" intro="会议通知、议程和签到。">
        {loaded.kind === 'failed' ? (
          <Notice tone="danger" title="无法打开这次会议" live="alert">
            {loaded.message}
            <View className="meeting-detail__action">
              <ActionButton variant="secondary" onClick={() => void load()}>
                重新加载
              </ActionButton>
            </View>
          </Notice>
        ) : (
          <View className="meeting-detail__muted" role="status">
            正在读取会议…
          </View>
        )}
      </PageLayout>
    );
  }

  const signedIn = Boolean(session.token);
  const roles: readonly string[] = session.me?.communities.find((c) => c.id === meeting.communityId)?.roles ?? [];
  const isModerator = roles.includes('moderator');
  const totalMinutes = meeting.agenda.reduce((sum, item) => sum + item.minutes, 0);
  const guests = meeting.invitees.filter((i) => i.role === 'guest');
  const guestsPresent = guests.filter((i) => i.present).length;

  const submitCode = async (raw: string) => {
    const problem = checkInCodeProblem(raw);
    if (problem) {
      setCodeError(problem);
      return;
    }
    setCodeError(undefined);
    setCheckingIn(true);
    try {
      const updated = await checkIn(meeting.id, raw, {
        // A wrong code is shown under the field; everything else as a toast.
        showErrorToast: (error) => error.code !== 'VALIDATION_FAILED',
      });
      setLoaded({ kind: 'ready', meeting: updated });
      setJustCheckedIn(true);
      void Taro.showToast({ title: '签到成功', icon: 'success' });
    } catch (error) {
      if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') setCodeError(error.message);
      if (error instanceof ApiError && ['ILLEGAL_TRANSITION', 'FORBIDDEN'].includes(String(error.code))) {
        void load(true);
      }
    } finally {
      setCheckingIn(false);
    }
  };

  const scan = async () => {
    let scanned: string;
    try {
      scanned = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })).result;
    } catch {
      return; // Cancelled.
    }
    const read = readCheckInQr(scanned);
    if (!read) {
      setCodeError('这不是会议的签到二维码，请扫描会场屏幕上的二维码');
      return;
    }
    if (read.meetingId !== undefined && read.meetingId !== meeting.id) {
      setCodeError('这是另一场会议的签到二维码');
      return;
    }
    setCode(read.code);
    await submitCode(read.code);
  };

  const checkInPanel = () => {
    if (!signedIn) {
      return (
        <ActionButton variant="secondary" onClick={() => openPage(PAGES.login)}>
          登录后签到
        </ActionButton>
      );
    }
    if (!meeting.me.invited) {
      return <View className="meeting-detail__muted">您不在本次会议的参会名单中，可以在这里查看会议通知和议程。</View>;
    }
    if (meeting.me.present) {
      return (
        <View className="meeting-detail__done" role="status">
          ✓ 您已签到
        </View>
      );
    }
    if (meeting.status === 'planned') {
      return <View className="meeting-detail__muted">您在参会名单中。会议通知发布后即可签到。</View>;
    }
    if (!live) return <View className="meeting-detail__muted">会议已结束，不能再签到。</View>;
    return (
      <View className="meeting-checkin">
        <View className="meeting-detail__line">您在参会名单中，到达会场后请签到。</View>
        {process.env.TARO_ENV === 'weapp' ? (
          <ActionButton loading={checkingIn && !typing} onClick={() => void scan()}>
            扫码签到
          </ActionButton>
        ) : null}
        {typing ? (
          <View className="meeting-checkin__form">
            <View className="meeting-checkin__label" aria-hidden="true">
              签到码
            </View>
            <Input
              className={
                codeError ? 'meeting-checkin__input meeting-checkin__input--invalid' : 'meeting-checkin__input'
              }
              aria-label="签到码"
              aria-invalid={codeError ? true : undefined}
              value={code}
              maxlength={8}
              placeholder="6 位签到码"
              {...(process.env.TARO_ENV === 'weapp' ? { placeholderClass: 'meeting-checkin__placeholder' } : {})}
              onInput={(event) => {
                setCode(event.detail.value);
                setCodeError(undefined);
              }}
              {...(process.env.TARO_ENV === 'h5'
                ? {
                    onKeyDown: (event: { key?: string }) => {
                      if (event.key === 'Enter') void submitCode(code);
                    },
                  }
                : { onConfirm: () => void submitCode(code) })}
            />
            <View className="meeting-detail__hint">签到码在会场屏幕上，由字母和数字组成，不区分大小写。</View>
            {codeError ? (
              <View className="meeting-checkin__error" role="alert">
                {codeError}
              </View>
            ) : null}
            <ActionButton loading={checkingIn} onClick={() => void submitCode(code)}>
              签到
            </ActionButton>
          </View>
        ) : (
          <>
            {codeError ? (
              <View className="meeting-checkin__error" role="alert">
                {codeError}
              </View>
            ) : null}
            <ActionButton variant="secondary" onClick={() => setTyping(true)}>
              输入签到码
            </ActionButton>
          </>
        )}
      </View>
    );
  };

  return (
    <PageLayout title={meeting.title} intro={`协商议事会 · ${meeting.statusLabel}`}>
      {justCheckedIn ? (
        <Notice tone="success" title="签到成功" live="status">
          {describeQuorum(meeting.attendance)}
        </Notice>
      ) : null}

      <Section title="会议通知">
        <MeetingStatusTag status={meeting.status} label={meeting.statusLabel} />
        <MeetingFact label="时间">{describeMoment(meeting.startsAt)}</MeetingFact>
        <MeetingFact label="地点">{meeting.place}</MeetingFact>
        <MeetingFact label="形式">{modeLabel(meeting.mode)}</MeetingFact>
        <MeetingFact label="通知">
          {meeting.announcedAt ? `${describeMoment(meeting.announcedAt)} 发布` : '尚未发布'}
        </MeetingFact>
        {live ? (
          <View className="meeting-detail__action">
            <ActionButton
              variant={meeting.status === 'in_session' ? 'primary' : 'secondary'}
              onClick={() => openPage(meetingLiveUrl(meeting.id))}
            >
              进入会议
            </ActionButton>
          </View>
        ) : null}
      </Section>

      <Section title="我的签到">{checkInPanel()}</Section>

      <Section
        title="议程"
        description={`共 ${meeting.agenda.length} 个议题，约 ${totalMinutes} 分钟。点议题可查看详情。`}
      >
        <View className="meeting-agenda" role="list">
          {meeting.agenda.map((item) => (
            <View key={item.id} role="listitem">
              <View
                className="meeting-agenda__item yishi-pressable"
                {...pressableProps(() => openPage(topicDetailUrl(item.topicId)), { role: 'link' })}
              >
                <View className="meeting-agenda__number">{item.position}</View>
                <View className="meeting-agenda__title">{item.title}</View>
                <View className="meeting-agenda__minutes">{item.minutes} 分钟</View>
              </View>
            </View>
          ))}
        </View>
      </Section>

      <Section title="出席情况">
        <View className="meeting-detail__quorum" role="status">
          {describeQuorum(meeting.attendance)}
        </View>
        <View className="meeting-detail__muted">
          法定人数：过半数议事会成员签到。
          {guests.length > 0 ? `列席 ${guests.length} 人，已到 ${guestsPresent} 人。` : ''}
        </View>
        <View className="meeting-invitees" role="list" aria-label="参会人员">
          {meeting.invitees.map((invitee, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the public view has no ids; the server keeps the order.
            <View key={index} className="meeting-invitee" role="listitem">
              <View className="meeting-invitee__name">{invitee.name}</View>
              <View className="meeting-invitee__role">{invitee.role === 'council' ? '议事会成员' : '列席'}</View>
              <View
                className={
                  invitee.present ? 'meeting-invitee__state meeting-invitee__state--present' : 'meeting-invitee__state'
                }
              >
                {invitee.present ? '已签到' : '未签到'}
              </View>
            </View>
          ))}
        </View>
      </Section>

      {isModerator ? (
        <Section title="会议管理" description="发布通知、点名签到、显示签到码和二维码。">
          <ActionButton variant="secondary" onClick={() => openPage(meetingManageUrl(meeting.id))}>
            打开会议管理
          </ActionButton>
        </Section>
      ) : null}
    </PageLayout>
  );
}
