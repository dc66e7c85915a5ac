import { dayLabel } from '@shared/stats/period';
import type { MeetingPrint } from '@shared/stats/stats.schema';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { goBack } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { meetingPrint } from '@/services/stats';
import { canPrint, printPage } from '../print';
import { percentWords } from '../stats-words';
import '../print/print-view.css';

function meetingIdFromUrl(): number | null {
  const id = Number(Taro.getCurrentInstance()?.router?.params?.meetingId);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** 会议记录（打印版）: a meeting's record on A4 — facts, agenda, sign-in list, results, minutes, signatures. */
export default function MinutesPrintPage() {
  const [meetingId] = useState(meetingIdFromUrl);
  const [data, setData] = useState<MeetingPrint | undefined>(undefined);
  const [error, setError] = useState<string | null>(meetingId ? null : '链接不完整，请从台账页面打开');

  useEffect(() => {
    if (!meetingId) return;
    meetingPrint(meetingId, { showErrorToast: false })
      .then(setData)
      .catch((caught: unknown) => setError(caught instanceof ApiError ? caught.message : '加载失败，请稍后重试'));
  }, [meetingId]);

  const time = data
    ? new Date(data.startsAt).toLocaleTimeString('zh-CN', {
        timeZone: 'Asia/Shanghai',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '';
  return (
    <PageLayout title="会议记录（打印版）" intro="协商议事会的会议记录，可直接打印存档。">
      <View className="print-view">
        <View className="print-view__toolbar">
          {canPrint ? <ActionButton onClick={printPage}>打印</ActionButton> : null}
          <ActionButton variant="secondary" onClick={() => goBack()}>
            返回
          </ActionButton>
        </View>
        {error ? (
          <Notice tone="danger" title="没能加载会议记录" live="alert">
            {error}
          </Notice>
        ) : null}
        {!data && !error ? <Notice>正在加载会议记录…</Notice> : null}
        {data ? (
          <>
            <View className="print-view__title" role="heading" aria-level={2}>
              {data.communityName}协商议事会会议记录
            </View>
            <View className="print-view__facts">
              <View className="print-view__fact-label">会议名称</View>
              <View>{data.title}</View>
              <View className="print-view__fact-label">时间</View>
              <View>
                {dayLabel(data.date)} {time}
              </View>
              <View className="print-view__fact-label">地点</View>
              <View>
                {data.place}（{data.mode}）
              </View>
              <View className="print-view__fact-label">议事会</View>
              <View>{data.council}</View>
              <View className="print-view__fact-label">出席情况</View>
              <View>
                邀请 {data.attendance.invited} 人，到会 {data.attendance.present} 人；议事会成员应到{' '}
                {data.attendance.council.denominator} 人，实到 {data.attendance.council.numerator} 人，出席率{' '}
                {percentWords(data.attendance.council)}
              </View>
              <View className="print-view__fact-label">会议状态</View>
              <View>{data.statusLabel}</View>
            </View>

            <View className="print-view__section">
              <View className="print-view__section-title" role="heading" aria-level={3}>
                一、议程
              </View>
              {data.agenda.map((item) => (
                <View key={item.position} className="print-view__text">
                  {`${item.position}. ${item.title}（${item.minutes} 分钟）`}
                </View>
              ))}
            </View>

            <View className="print-view__section">
              <View className="print-view__section-title" role="heading" aria-level={3}>
                二、签到
              </View>
              <View className="print-view__names">
                {data.attendees.map((a) => (
                  <View key={a.no}>
                    {a.no}. {a.name}
                    {a.role === 'guest' ? '（列席）' : ''} {a.present ? '✓ 到会' : '未签到'}
                  </View>
                ))}
              </View>
            </View>

            <View className="print-view__section">
              <View className="print-view__section-title" role="heading" aria-level={3}>
                三、决议与表决结果
              </View>
              {data.decisions.map((d) => (
                <View key={`decision-${d.title}`} className="print-view__text">
                  {`${d.title}：${d.outcome}${d.resolution ? `——${d.resolution}` : ''}`}
                </View>
              ))}
              {data.votes.length ? (
                data.votes.map((v) => (
                  <View key={v.title} className="print-view__text">
                    {`${v.title}：${v.result}`}
                    {v.recordHead ? `\n投票记录校验值：${v.recordHead}` : ''}
                  </View>
                ))
              ) : data.decisions.length ? null : (
                <View className="print-view__empty">本次会议没有决议和表决。</View>
              )}
            </View>

            <View className="print-view__section">
              <View className="print-view__section-title" role="heading" aria-level={3}>
                四、会议纪要
              </View>
              <View className={data.minutes ? 'print-view__text' : 'print-view__empty'}>
                {data.minutes ?? '会议纪要尚未公布。'}
              </View>
            </View>

            <View className="print-view__signatures">
              <View>主持人：__________</View>
              <View>记录人：__________</View>
              <View>日期：__________</View>
            </View>
          </>
        ) : null}
      </View>
    </PageLayout>
  );
}
