import { View } from '@tarojs/components';
import { useState } from 'react';
import type { RosterImportReport } from '@/services/moderation';
import { ModeratorButton } from '../ModeratorButton';
import './index.css';

/** Problems listed per page of the error table. */
export const ROSTER_ERRORS_PER_PAGE = 20;

interface RosterReportProps {
  report: RosterImportReport;
  fileName: string;
}

/** Rows with at least one problem (a row may have several). */
export function rowsWithProblems(report: RosterImportReport): number {
  return new Set(report.errors.map((error) => error.line)).size;
}

const FORMAT_NAMES: Record<RosterImportReport['format'], string> = { csv: 'CSV 文件', xlsx: 'Excel 文件' };

/**
 * What the server found in a roster file: the totals, every problem as
 * line / column / reason (paged), and after an import what was written.
 */
export function RosterReport({ report, fileName }: RosterReportProps) {
  const problems = report.errors.length;
  return (
    <View className="roster-report" role="region" aria-label={report.applied ? '导入结果' : '检查结果'}>
      <View className="roster-report__title" role="heading" aria-level={2}>
        {report.applied ? '导入完成' : '检查结果'}
      </View>
      <View className="roster-report__file">
        {fileName}（{FORMAT_NAMES[report.format]}）
      </View>
      <View className="roster-report__stats">
        <Stat label="数据行" value={report.totalRows} />
        <Stat label="无误的行" value={report.validRows} tone={report.validRows > 0 ? 'success' : undefined} />
        <Stat label="有问题的行" value={rowsWithProblems(report)} tone={problems > 0 ? 'danger' : undefined} />
      </View>
      {report.ignoredColumns.length > 0 && (
        <View className="roster-report__note">以下列不属于名册，已忽略：{report.ignoredColumns.join('、')}</View>
      )}
      {report.applied && <ImportOutcome report={report} />}
      {!report.applied && problems === 0 && report.validRows > 0 && (
        <View className="roster-report__verdict roster-report__verdict--success">
          ✓ 全部 {report.validRows} 行检查无误，可以导入。
        </View>
      )}
      {!report.applied && report.totalRows === 0 && problems === 0 && (
        <View className="roster-report__verdict">文件中没有数据行，请检查是否选错了文件。</View>
      )}
      {problems > 0 && <ErrorTable report={report} />}
    </View>
  );
}

function Stat({ label, value, tone }: { label: string; value: number; tone?: 'success' | 'danger' }) {
  return (
    <View className={`roster-report__stat${tone ? ` roster-report__stat--${tone}` : ''}`}>
      <View className="roster-report__stat-value">{value}</View>
      <View className="roster-report__stat-label">{label}</View>
    </View>
  );
}

function ImportOutcome({ report }: { report: RosterImportReport }) {
  const { created } = report;
  return (
    <View className="roster-report__outcome" role="status">
      <View className="roster-report__verdict roster-report__verdict--success">
        ✓ 已导入 {report.validRows} 行
        {report.errors.length > 0 ? `，有问题的 ${rowsWithProblems(report)} 行未导入` : ''}。
      </View>
      <View className="roster-report__outcome-grid">
        <Outcome label="新建小区" value={created.estates} />
        <Outcome label="新建楼栋" value={created.buildings} />
        <Outcome label="新建房屋" value={created.units} />
        <Outcome label="新建业主" value={created.owners} />
        <Outcome label="更新房屋" value={report.updatedUnits} />
        <Outcome label="无变化房屋" value={report.unchangedUnits} />
      </View>
    </View>
  );
}

function Outcome({ label, value }: { label: string; value: number }) {
  return (
    <View className="roster-report__outcome-item">
      <View className="roster-report__outcome-label">{label}</View>
      <View className="roster-report__outcome-value">{value}</View>
    </View>
  );
}

function ErrorTable({ report }: { report: RosterImportReport }) {
  // The page belongs to the report it was chosen in: a new report starts on its first page.
  const [paging, setPaging] = useState({ report, page: 0 });
  const page = paging.report === report ? paging.page : 0;
  const setPage = (next: number) => setPaging({ report, page: next });
  const pages = Math.max(1, Math.ceil(report.errors.length / ROSTER_ERRORS_PER_PAGE));
  const shown = report.errors.slice(page * ROSTER_ERRORS_PER_PAGE, (page + 1) * ROSTER_ERRORS_PER_PAGE);

  return (
    <View className="roster-report__errors">
      <View className="roster-report__errors-title" role="heading" aria-level={3}>
        发现 {report.errors.length} 处问题
      </View>
      <View className="roster-report__hint">行号是在 Excel 或 WPS 中看到的行号。请在原表格中修改后重新选择文件。</View>
      <View className="roster-report__table" role="table" aria-label="名册问题列表">
        <View className="roster-report__row roster-report__row--head" role="row">
          <View className="roster-report__cell roster-report__cell--line" role="columnheader">
            行号
          </View>
          <View className="roster-report__cell roster-report__cell--column" role="columnheader">
            列
          </View>
          <View className="roster-report__cell roster-report__cell--reason" role="columnheader">
            问题
          </View>
        </View>
        {shown.map((error) => (
          <View key={`${error.line}-${error.column}-${error.reason}`} className="roster-report__row" role="row">
            <View className="roster-report__cell roster-report__cell--line" role="cell">
              第 {error.line} 行
            </View>
            <View className="roster-report__cell roster-report__cell--column" role="cell">
              {error.column}
            </View>
            <View className="roster-report__cell roster-report__cell--reason" role="cell">
              {error.reason}
            </View>
          </View>
        ))}
      </View>
      {pages > 1 && (
        <View className="roster-report__pager" role="navigation" aria-label="问题列表翻页">
          <ModeratorButton variant="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            上一页
          </ModeratorButton>
          <View className="roster-report__page" aria-live="polite">
            第 {page + 1} / {pages} 页
          </View>
          <ModeratorButton variant="secondary" disabled={page >= pages - 1} onClick={() => setPage(page + 1)}>
            下一页
          </ModeratorButton>
        </View>
      )}
    </View>
  );
}
