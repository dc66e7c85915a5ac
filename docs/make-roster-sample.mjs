// Writes docs/roster-sample.csv and docs/roster-sample.xlsx from the rows
// below, so both samples always hold the same roster.
// Run from the repository root: node docs/make-roster-sample.mjs
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

const header = ['小区', '楼栋', '房号', '建筑面积(㎡)', '面积来源', '开发商持有', '业主姓名', '业主手机', '业主编号'];

// Names, phones and references are invented.
const rows = [
  // 槐荫里: an old compound, no property company; 刘桂兰 owns two units.
  ['槐荫里', '1号楼', '1单元101', '56.78', '登记', '否', '刘桂兰', '13901012345', 'HY-001'],
  ['槐荫里', '1号楼', '1单元102', '48.30', '登记', '否', '张建华', '13901012346', 'HY-002'],
  ['槐荫里', '1号楼', '2单元201', '62.15', '测绘', '否', '周志强', '010-62781234', 'HY-003'],
  ['槐荫里', '2号楼', '1单元301', '56.78', '登记', '否', '刘桂兰', '13901012345', 'HY-001'],
  ['槐荫里', '2号楼', '1单元302', '45.00', '登记', '否', '黄淑珍', '', 'HY-004'],
  ['槐荫里', '3号楼', '1单元101', '71.06', '登记', '否', '欧阳晓峰', '13621003456', ''],
  // 锦绣华庭: a commercial estate; 赵明 owns two units, one unit is co-owned,
  // two units are still held by the developer, and a shop on the ground floor.
  ['锦绣华庭', '1栋', '1单元1201', '89.50', '登记', '否', '赵明', '13811112222', 'JX-001'],
  [
    '锦绣华庭',
    '1栋',
    '1单元1202',
    '120.05',
    '登记',
    '否',
    '王建国、李秀英',
    '13822223333、13933334444',
    'JX-002、JX-003',
  ],
  ['锦绣华庭', '1栋', '2单元0801', '143.20', '登记', '否', '孙丽娟', '13755556666', 'JX-004'],
  ['锦绣华庭', '2栋', '1单元0502', '89.50', '合同', '否', '赵明', '13811112222', 'JX-001'],
  ['锦绣华庭', '2栋', '1单元0601', '102.36', '合同', '是', '锦绣置业有限公司', '', ''],
  ['锦绣华庭', '2栋', '1单元0602', '102.36', '合同', '是', '', '', ''],
  ['锦绣华庭', '2栋', '2单元1101', '135.88', '登记', '否', '吴海燕', '15066667777', 'JX-005'],
  ['锦绣华庭', '底商', 'S01', '1,234.50', '测绘', '否', '何志勇', '13699990000', 'JX-006'],
  // 安居苑: a resettlement estate; 陈桂芳 was resettled into three units.
  ['安居苑', 'A座', '301', '75.60', '测绘', '否', '陈桂芳', '18612345678', 'AJ-007'],
  ['安居苑', 'A座', '302', '75.60', '测绘', '否', '陈桂芳', '18612345678', 'AJ-007'],
  ['安居苑', 'A座', '401', '60.25', '测绘', '否', '杨光', '13512348765', 'AJ-008'],
  ['安居苑', 'B座', '501', '90.00', '测绘', '否', '陈桂芳', '18612345678', 'AJ-007'],
  ['安居苑', 'B座', '502', '90.00', '登记', '否', '马俊、何文静', '18811112222、', 'AJ-009、AJ-010'],
  ['安居苑', 'B座', '601', '52.40', '测绘', '否', '郑晓东', '13366668888', 'AJ-011'],
];

const csvField = (value) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
// UTF-8 with a BOM, so that Excel on Windows opens it with the Chinese intact.
const csv = `\uFEFF${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n')}\r\n`;
writeFileSync('docs/roster-sample.csv', csv);

const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('业主名册', { views: [{ state: 'frozen', ySplit: 1 }] });
sheet.addRow(header).font = { bold: true };
for (const row of rows) {
  // Areas as numbers shown with two decimals, everything else as text.
  const area = Number(row[3].replaceAll(',', ''));
  sheet.addRow([...row.slice(0, 3), area, ...row.slice(4)]).getCell(4).numFmt = '#,##0.00';
}
const widths = [12, 8, 12, 14, 10, 12, 18, 28, 18];
widths.forEach((width, index) => {
  sheet.getColumn(index + 1).width = width;
});
// Fixed document dates rather than the time the script ran.
workbook.created = workbook.modified = new Date('2026-01-01T00:00:00Z');
await workbook.xlsx.writeFile('docs/roster-sample.xlsx');
console.log(`wrote ${rows.length} rows to docs/roster-sample.csv and docs/roster-sample.xlsx`);
