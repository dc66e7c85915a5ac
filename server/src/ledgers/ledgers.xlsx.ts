import { type Column, Workbook, type Worksheet } from 'exceljs';
import type { Rate } from '../../../shared/src/stats/measures';
import { periodLabel } from '../../../shared/src/stats/period';
import type { Ledger, StatsCore } from '../../../shared/src/stats/stats.schema';

/**
 * The ledger as an XLSX workbook: a summary sheet, then one sheet per ledger
 * (议题台账, 会议台账, 表决台账, and 项目台账 once projects are recorded).
 * Each sheet opens with a title row (who and which period), a frozen header
 * row of Chinese column names with a filter, real dates and percentages.
 */

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const LEDGER_SHEETS = {
  summary: '统计汇总',
  topics: '议题台账',
  meetings: '会议台账',
  votes: '表决台账',
  projects: '项目台账',
} as const;

interface ColumnSpec<Row> {
  header: string;
  width: number;
  value: (row: Row) => string | number | Date | null;
  /** Excel number format, e.g. yyyy-mm-dd or 0.0%. */
  format?: string;
  wrap?: boolean;
}

/** A YYYY-MM-DD day as a date cell (midnight UTC: Excel dates have no time zone). */
export function dayCell(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

function percentCell(r: Rate): number | null {
  return r.denominator > 0 ? r.numerator / r.denominator : null;
}

const DATE = 'yyyy-mm-dd';
const PERCENT = '0.0%';

function addSheet<Row>(
  workbook: Workbook,
  name: string,
  title: string,
  columns: ColumnSpec<Row>[],
  rows: readonly Row[],
): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = columns.map((c) => ({ width: c.width }) as Partial<Column>);
  const titleRow = sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, columns.length);
  titleRow.height = 28;
  titleRow.getCell(1).font = { bold: true, size: 14 };
  titleRow.getCell(1).alignment = { vertical: 'middle', horizontal: 'left' };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8A9BB0' } } };
  });
  for (const row of rows) {
    const added = sheet.addRow(columns.map((c) => c.value(row) ?? null));
    columns.forEach((c, i) => {
      const cell = added.getCell(i + 1);
      if (c.format) cell.numFmt = c.format;
      cell.alignment = { vertical: 'top', wrapText: c.wrap ?? false };
    });
  }
  if (rows.length === 0) {
    sheet.addRow(['本期间没有记录']);
  }
  sheet.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: columns.length } };
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  return sheet;
}

/** Builds the workbook; `stats` adds the summary sheet. */
export async function ledgerWorkbook(ledger: Ledger, stats: StatsCore): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = '议事';
  workbook.created = new Date(ledger.generatedAt);
  const who =
    ledger.scope.kind === 'community' ? `${ledger.scope.subDistrictName} ${ledger.scope.name}` : ledger.scope.name;
  const when = `（${periodLabel(ledger.period)}）`;
  const many = ledger.scope.kind === 'sub_district';
  const community = <Row extends { communityName: string }>(): ColumnSpec<Row>[] =>
    many ? [{ header: '社区', width: 14, value: (r) => r.communityName }] : [];

  const summary: [string, string | number | null, string?][] = [
    ['提交议题数', stats.topics.submitted],
    ['首次响应天数（中位数）', stats.topics.medianDaysToFirstResponse, `${stats.topics.respondedCount} 个议题`],
    ['办结天数（中位数）', stats.topics.medianDaysToCompletion, `${stats.topics.completedCount} 个议题`],
    ['办结率', percentCell(stats.topics.shareResolved), rateParts(stats.topics.shareResolved, '已办结', '已受理')],
    ['召开议事会', stats.meetings.held],
    ['议事会出席率', percentCell(stats.meetings.attendance), rateParts(stats.meetings.attendance, '出席', '应出席')],
    ['发起表决', stats.votes.opened, `已结束 ${stats.votes.closed}，通过 ${stats.votes.passed}`],
    ['居民参与率', percentCell(stats.participation), rateParts(stats.participation, '参与', '认证居民')],
    [
      '满意率',
      stats.satisfaction ? percentCell(stats.satisfaction) : null,
      stats.satisfaction ? rateParts(stats.satisfaction, '满意（4–5 分）', '评价') : '暂无评价数据',
    ],
    [
      '三社联动项目（期间内在办）',
      stats.projects?.active ?? null,
      stats.projects
        ? `期间内开始实施 ${stats.projects.started} 个，结项 ${stats.projects.completed} 个`
        : '暂无项目数据',
    ],
  ];
  const summarySheet = addSheet(
    workbook,
    LEDGER_SHEETS.summary,
    `${who} 统计汇总${when}`,
    [
      { header: '指标', width: 26, value: (r) => r[0] },
      { header: '数值', width: 14, value: (r) => r[1] },
      { header: '说明', width: 40, value: (r) => r[2] ?? null },
    ],
    summary,
  );
  for (const rowNumber of [6, 8, 10, 11]) summarySheet.getRow(rowNumber).getCell(2).numFmt = PERCENT;

  addSheet(
    workbook,
    LEDGER_SHEETS.topics,
    `${who} 议题台账${when}`,
    [
      ...community<Ledger['topics'][number]>(),
      { header: '编号', width: 8, value: (r) => r.id },
      { header: '议题', width: 36, value: (r) => r.title, wrap: true },
      { header: '状态', width: 12, value: (r) => r.statusLabel },
      { header: '分类', width: 14, value: (r) => r.category },
      { header: '小区', width: 16, value: (r) => r.estate },
      { header: '分派给（层级）', width: 26, value: (r) => r.routedTo, wrap: true },
      { header: '提交日期', width: 12, value: (r) => dayCell(r.submittedOn), format: DATE },
      { header: '首次响应（天）', width: 14, value: (r) => r.daysToFirstResponse },
      { header: '办结用时（天）', width: 14, value: (r) => r.daysToCompletion },
      { header: '评价人数', width: 10, value: (r) => r.satisfaction?.denominator ?? null },
      {
        header: '满意率',
        width: 10,
        value: (r) => (r.satisfaction ? percentCell(r.satisfaction) : null),
        format: PERCENT,
      },
    ],
    ledger.topics,
  );
  addSheet(
    workbook,
    LEDGER_SHEETS.meetings,
    `${who} 会议台账${when}`,
    [
      ...community<Ledger['meetings'][number]>(),
      { header: '日期', width: 12, value: (r) => dayCell(r.date), format: DATE },
      { header: '会议', width: 30, value: (r) => r.title, wrap: true },
      { header: '议事会', width: 18, value: (r) => r.council },
      { header: '状态', width: 12, value: (r) => r.statusLabel },
      { header: '邀请人数', width: 10, value: (r) => r.invited },
      { header: '到会人数', width: 10, value: (r) => r.present },
      { header: '议事会成员应到', width: 14, value: (r) => r.attendance.denominator },
      { header: '议事会成员实到', width: 14, value: (r) => r.attendance.numerator },
      { header: '出席率', width: 10, value: (r) => percentCell(r.attendance), format: PERCENT },
      { header: '议题数', width: 8, value: (r) => r.items },
      { header: '议程', width: 36, value: (r) => r.itemTitles.join('；'), wrap: true },
      { header: '决议与表决结果', width: 48, value: (r) => r.results, wrap: true },
    ],
    ledger.meetings,
  );
  addSheet(
    workbook,
    LEDGER_SHEETS.votes,
    `${who} 表决台账${when}`,
    [
      ...community<Ledger['votes'][number]>(),
      { header: '编号', width: 8, value: (r) => r.id },
      { header: '表决事项', width: 32, value: (r) => r.title, wrap: true },
      { header: '发起日期', width: 12, value: (r) => dayCell(r.openedOn), format: DATE },
      { header: '表决范围', width: 22, value: (r) => r.electorate, wrap: true },
      { header: '表决方式', width: 16, value: (r) => r.method },
      { header: '通过规则', width: 40, value: (r) => r.rule, wrap: true },
      { header: '有表决权', width: 10, value: (r) => r.entitled },
      { header: '参与表决', width: 10, value: (r) => r.participated },
      { header: '状态', width: 10, value: (r) => r.status },
      { header: '结果', width: 44, value: (r) => r.result, wrap: true },
      { header: '投票记录校验值', width: 30, value: (r) => r.recordHead, wrap: true },
    ],
    ledger.votes,
  );
  if (ledger.projects) {
    addSheet(
      workbook,
      LEDGER_SHEETS.projects,
      `${who} 三社联动项目台账${when}`,
      [
        ...community<NonNullable<Ledger['projects']>[number]>(),
        { header: '编号', width: 8, value: (r) => r.id },
        { header: '项目', width: 32, value: (r) => r.title, wrap: true },
        { header: '状态', width: 12, value: (r) => r.status },
        { header: '承接社会组织', width: 24, value: (r) => r.organisation, wrap: true },
        { header: '预算（元）', width: 14, value: (r) => r.budget },
        { header: '开始日期', width: 12, value: (r) => (r.startedOn ? dayCell(r.startedOn) : null), format: DATE },
        { header: '完成日期', width: 12, value: (r) => (r.completedOn ? dayCell(r.completedOn) : null), format: DATE },
        { header: '第三方评估', width: 30, value: (r) => r.evaluation, wrap: true },
      ],
      ledger.projects,
    );
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

function rateParts(r: Rate, what: string, of: string): string {
  return r.denominator > 0 ? `${what} ${r.numerator} / ${of} ${r.denominator}` : `无${of}`;
}

/** RFC 5987 attachment header: an ASCII fallback name and the UTF-8 name. */
export function attachmentHeader(utf8Name: string, asciiName: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}
