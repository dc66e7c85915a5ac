import { View } from '@tarojs/components';
import { pressableProps } from '@/components/pressable';
import { describeMoment } from '@/components/when';
import { type MeetingSummary, type MeetingView, meetingDetailUrl, modeLabel } from '@/services/meetings';
import { openPage } from '@/services/navigation';
import './meeting-parts.css';

/** The meeting's status as a tag: 筹备中, 已发布通知, 会议进行中, 已结束, 纪要已公布. */
export function MeetingStatusTag({ status, label }: { status: MeetingView['status']; label: string }) {
  return <View className={`meeting-status meeting-status--${status}`}>{label}</View>;
}

/** One line of facts: label on the left, value on the right. */
export function MeetingFact({ label, children }: { label: string; children: string }) {
  return (
    <View className="meeting-fact">
      <View className="meeting-fact__label">{label}</View>
      <View className="meeting-fact__value">{children}</View>
    </View>
  );
}

/** A meeting in a list: status, title, time, place and form; opens the meeting's page. */
export function MeetingCard({ meeting, url }: { meeting: MeetingSummary; url?: string }) {
  return (
    <View
      className="meeting-card yishi-pressable"
      {...pressableProps(() => openPage(url ?? meetingDetailUrl(meeting.id)), { role: 'link' })}
    >
      <MeetingStatusTag status={meeting.status} label={meeting.statusLabel} />
      <View className="meeting-card__title">{meeting.title}</View>
      <MeetingFact label="时间">{describeMoment(meeting.startsAt)}</MeetingFact>
      <MeetingFact label="地点">{meeting.place}</MeetingFact>
      <MeetingFact label="形式">{modeLabel(meeting.mode)}</MeetingFact>
      <MeetingFact label="议程">{`${meeting.agendaCount} 个议题 · ${meeting.councilName}`}</MeetingFact>
    </View>
  );
}
