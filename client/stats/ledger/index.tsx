import { periodLabel } from '@shared/stats/period';
import type { Ledger } from '@shared/stats/stats.schema';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ActionButton } from '@/components/ActionButton';
import { Notice } from '@/components/Notice';
import { PageLayout } from '@/components/PageLayout';
import { goBack } from '@/services/navigation';
import { ApiError } from '@/services/request';
import { ledger as loadLedger } from '@/services/stats';
import { canPrint, printPage } from '../print';
import { type PrintColumn, PrintTable } from '../print/PrintTable';
import { ledgerRequest } from '../report-scope';
import { percentWords } from '../stats-words';
import '../print/print-view.css';

type Row<K extends 'topics' | 'meetings' | 'votes'> = Ledger[K][number];

/** 台账（打印版）: the ledger as tables on A4 paper, with a link to each meeting's record. */
export default function LedgerPrintPage() {
  const [wanted] = useState(() => ledgerRequest(Taro.getCurrentInstance()?.router?.params ?? {}));
  const [data, setData] = useState<Ledger | undefined>(undefined);
  const [error, setError] = useState<string | null>(wanted ? null : '链接不完整，请从“统计与台账”页面打开');

  useEffect(() => {
    if (!wanted) return;
    loadLedger(wanted.scope, wanted.period, { showErrorToast: false })
      .then(setData)
      .catch((caught: unknown) => setError(caught instanceof ApiError ? caught.message : '加载失败，请稍后重试'));
  }, [wanted]);

  const many = data?.scope.kind === 'sub_district';
  const community = <R extends { communityName: string }>(): PrintColumn<R>[] =>
    many ? [{ header: '社区', width: '8%', cell: (r) => r.communityName }] : [];

  return (
    <PageLayout title="台账（打印版）" intro="按 A4 纸排版的台账，可直接打印存档或报送街道。">
      <View className="print-view print-view--ledger">
        <View className="print-view__toolbar">
          {canPrint ? <ActionButton onClick={printPage}>打印</ActionButton> : null}
          <ActionButton variant="secondary" onClick={() => goBack()}>
            返回
          </ActionButton>
        </View>
        {error ? (
          <Notice tone="danger" title="没能加载台账" live="alert">
            {error}
          </Notice>
        ) : null}
        {!data && !error ? <Notice>正在加载台账…</Notice> : null}
        {data ? (
          <>
            <View className="print-view__title" role="heading" aria-level={2}>
              {data.scope.kind === 'community' ? `${data.scope.subDistrictName}${data.scope.name}` : data.scope.name}
              协商议事台账
            </View>
            <View className="print-view__subtitle">
              {periodLabel(data.period)} · 制表时间{' '}
              {new Date(data.generatedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}
            </View>

            <View className="print-view__section">
              <View className="print-view__section-title" role="heading" aria-level={3}>
                一、议题台账（{data.topics.length} 件）
              </View>
              {data.topics.length ? (
                <PrintTable<Row<'topics'>>
                  label="议题台账"
                  rows={data.topics}
                  rowKey={(r) => r.id}
                  columns={[
                    ...community<Row<'topics'>>(),
                    { header: '编号', width: '6%', cell: (r) => r.id },
                    { header: '议题', width: '24%', cell: (r) => r.title },
                    { header: '状态', cell: (r) => r.statusLabel },
                    { header: '分类', cell: (r) => r.category },
                    { header: '小区', cell: (r) => r.estate },
                    { header: '分派给', width: '14%', cell: (r) => r.routedTo || '—' },
                    { header: '提交日期', cell: (r) => r.submittedOn },
                    { header: '首次回应（天）', cell: (r) => r.daysToFirstResponse ?? '—' },
                    { header: '办结（天）', cell: (r) => r.daysToCompletion ?? '—' },
                    { header: '满意率', cell: (r) => percentWords(r.satisfaction) },
                  ]}
                />
              ) : (
                <View className="print-view__empty">本期间没有议题。</View>
              )}
            </View>

            <View className="print-view__section">
              <View className="print-view__section-title" role="heading" aria-level={3}>
                二、议事会台账（{data.meetings.length} 次）
              </View>
              {data.meetings.length ? (
                <PrintTable<Row<'meetings'>>
                  label="议事会台账"
                  rows={data.meetings}
                  rowKey={(r) => r.id}
                  columns={[
                    ...community<Row<'meetings'>>(),
                    { header: '日期', cell: (r) => r.date },
                    {
                      header: '会议',
                      width: '20%',
                      cell: (r) => (
                        <View
                          className="print-table__link"
                          role="link"
                          onClick={() => void Taro.navigateTo({ url: `/stats/minutes/index?meetingId=${r.id}` })}
                        >
                          {r.title}
                        </View>
                      ),
                    },
                    { header: '议事会', cell: (r) => r.council },
                    { header: '应到/实到', cell: (r) => `${r.attendance.denominator}/${r.attendance.numerator}` },
                    { header: '出席率', cell: (r) => percentWords(r.attendance) },
                    { header: '议程', width: '20%', cell: (r) => r.itemTitles.join('；') },
                    { header: '决议与表决结果', width: '26%', cell: (r) => r.results || '—' },
                  ]}
                />
              ) : (
                <View className="print-view__empty">本期间没有召开议事会。</View>
              )}
            </View>

            <View className="print-view__section">
              <View className="print-view__section-title" role="heading" aria-level={3}>
                三、表决台账（{data.votes.length} 项）
              </View>
              {data.votes.length ? (
                <PrintTable<Row<'votes'>>
                  label="表决台账"
                  rows={data.votes}
                  rowKey={(r) => r.id}
                  columns={[
                    ...community<Row<'votes'>>(),
                    { header: '表决事项', width: '18%', cell: (r) => r.title },
                    { header: '发起日期', cell: (r) => r.openedOn },
                    { header: '表决范围', cell: (r) => r.electorate },
                    { header: '通过规则', width: '20%', cell: (r) => r.rule },
                    { header: '有权/参与', cell: (r) => `${r.entitled}/${r.participated}` },
                    { header: '结果', width: '20%', cell: (r) => r.result },
                    { header: '记录校验值', cell: (r) => (r.recordHead ? `${r.recordHead.slice(0, 16)}…` : '—') },
                  ]}
                />
              ) : (
                <View className="print-view__empty">本期间没有发起表决。</View>
              )}
            </View>
            {data.projects ? (
              <View className="print-view__section">
                <View className="print-view__section-title" role="heading" aria-level={3}>
                  四、三社联动项目台账（{data.projects.length} 个）
                </View>
                {data.projects.length ? (
                  <PrintTable<NonNullable<Ledger['projects']>[number]>
                    label="三社联动项目台账"
                    rows={data.projects}
                    rowKey={(r) => r.id}
                    columns={[
                      ...community<NonNullable<Ledger['projects']>[number]>(),
                      { header: '项目', width: '22%', cell: (r) => r.title },
                      { header: '状态', cell: (r) => r.status },
                      { header: '承接社会组织', width: '16%', cell: (r) => r.organisation || '—' },
                      { header: '预算', cell: (r) => r.budget || '—' },
                      { header: '开始实施', cell: (r) => r.startedOn || '—' },
                      { header: '结项', cell: (r) => r.completedOn || '—' },
                      { header: '第三方评估', width: '16%', cell: (r) => r.evaluation || '—' },
                    ]}
                  />
                ) : (
                  <View className="print-view__empty">本期间没有在办的项目。</View>
                )}
              </View>
            ) : null}
            <View className="print-view__signatures">
              <View>制表人：__________</View>
              <View>审核人：__________</View>
              <View>（盖章）</View>
            </View>
          </>
        ) : null}
      </View>
    </PageLayout>
  );
}
