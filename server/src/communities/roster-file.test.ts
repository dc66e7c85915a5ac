import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Workbook } from 'exceljs';
import { AppError } from '../http/app-error';
import { parseDelimitedText, parseRosterFile } from './roster-file';

const docs = path.join(__dirname, '../../../docs');
const HEADER = '小区,楼栋,房号,建筑面积(㎡),面积来源,开发商持有,业主姓名,业主手机,业主编号';

const csv = (...lines: string[]) => Buffer.from(lines.join('\r\n'), 'utf8');

async function xlsx(build: (workbook: Workbook) => void): Promise<Buffer> {
  const workbook = new Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The AppError a promise rejects with. */
async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Encodes text as GBK, from a table built by decoding every two-byte GBK
 * sequence with Node's own GB18030 decoder (no encoder ships with Node).
 */
function encodeGbk(text: string): Buffer {
  const pairs: number[] = [];
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) if (trail !== 0x7f) pairs.push(lead, trail);
  }
  const decoded = new TextDecoder('gb18030').decode(Uint8Array.from(pairs));
  expect(decoded.length).toBe(pairs.length / 2);
  const table = new Map<string, [number, number]>();
  for (let index = decoded.length - 1; index >= 0; index--) {
    table.set(decoded.charAt(index), [pairs[index * 2] ?? 0, pairs[index * 2 + 1] ?? 0]);
  }
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x80) {
      bytes.push(code);
      continue;
    }
    const pair = table.get(char);
    if (!pair) throw new Error(`${char} is not in GBK`);
    bytes.push(...pair);
  }
  return Buffer.from(bytes);
}

describe('the sample rosters in docs/', () => {
  test('the CSV and the XLSX sample give the same 20 valid rows', async () => {
    const fromCsv = await parseRosterFile(readFileSync(path.join(docs, 'roster-sample.csv')), 'roster-sample.csv');
    const fromXlsx = await parseRosterFile(readFileSync(path.join(docs, 'roster-sample.xlsx')), 'roster-sample.xlsx');
    expect(fromCsv.errors).toEqual([]);
    expect(fromXlsx.errors).toEqual([]);
    expect(fromCsv.format).toBe('csv');
    expect(fromCsv.encoding).toBe('utf-8');
    expect(fromXlsx.format).toBe('xlsx');
    expect(fromCsv.totalRows).toBe(20);
    expect(fromCsv.rows).toHaveLength(20);
    expect(fromXlsx.rows).toEqual(fromCsv.rows);

    const rows = fromCsv.rows;
    expect(rows.map((row) => row.line)).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));
    expect(new Set(rows.map((row) => row.estate))).toEqual(new Set(['槐荫里', '锦绣华庭', '安居苑']));
    expect(rows[0]).toEqual({
      line: 2,
      estate: '槐荫里',
      building: '1号楼',
      unit: '1单元101',
      areaCentiM2: 5678,
      areaSource: 'registered',
      developerHeld: false,
      owners: [{ name: '刘桂兰', phone: '13901012345', ownerRef: 'HY-001' }],
    });
    const byUnit = (unit: string) => rows.find((row) => row.unit === unit);
    expect(byUnit('1单元1201')?.areaCentiM2).toBe(8950);
    expect(byUnit('1单元1202')).toMatchObject({
      areaCentiM2: 12005,
      owners: [
        { name: '王建国', phone: '13822223333', ownerRef: 'JX-002' },
        { name: '李秀英', phone: '13933334444', ownerRef: 'JX-003' },
      ],
    });
    expect(byUnit('S01')?.areaCentiM2).toBe(123450);
    expect(byUnit('2单元201')?.owners[0]?.phone).toBe('010-62781234');
    expect(rows.filter((row) => row.developerHeld).map((row) => [row.unit, row.owners.length])).toEqual([
      ['1单元0601', 1],
      ['1单元0602', 0],
    ]);
    const unitsOf = (ref: string) => rows.filter((row) => row.owners.some((owner) => owner.ownerRef === ref)).length;
    expect([unitsOf('HY-001'), unitsOf('JX-001'), unitsOf('AJ-007')]).toEqual([2, 2, 3]);
    expect(byUnit('502')?.owners).toEqual([
      { name: '马俊', phone: '18811112222', ownerRef: 'AJ-009' },
      { name: '何文静', phone: null, ownerRef: 'AJ-010' },
    ]);
  });
});

describe('CSV', () => {
  const row = '槐荫里,1号楼,1单元101,56.78,登记,否,刘桂兰,13901012345,HY-001';

  test('a UTF-8 BOM is not part of the first header', async () => {
    const withBom = await parseRosterFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv(HEADER, row)]), 'a.csv');
    const without = await parseRosterFile(csv(HEADER, row), 'a.csv');
    expect(withBom.errors).toEqual([]);
    expect(withBom.rows).toEqual(without.rows);
    expect(withBom.rows[0]?.estate).toBe('槐荫里');
  });

  test('a GBK file, as Excel on Chinese Windows saves it, is decoded', async () => {
    const bytes = encodeGbk(`${HEADER}\r\n${row}\r\n锦绣华庭,1栋,1单元1202,120.05,测绘,否,王建国、李秀英,,\r\n`);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const result = await parseRosterFile(bytes, 'roster.csv');
    expect(result.encoding).toBe('gb18030');
    expect(result.errors).toEqual([]);
    expect(
      result.rows.map((r) => [r.estate, r.unit, r.areaCentiM2, r.areaSource, r.owners.map((o) => o.name)]),
    ).toEqual([
      ['槐荫里', '1单元101', 5678, 'registered', ['刘桂兰']],
      ['锦绣华庭', '1单元1202', 12005, 'surveyed', ['王建国', '李秀英']],
    ]);
  });

  test('a UTF-16 tab-separated file (Excel "Unicode text") is read', async () => {
    const text = `${HEADER.replaceAll(',', '\t')}\r\n${row.replaceAll(',', '\t')}\r\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = await parseRosterFile(bytes, 'roster.txt');
    expect(result.encoding).toBe('utf-16le');
    expect(result.errors).toEqual([]);
    expect(result.rows[0]?.owners[0]?.name).toBe('刘桂兰');
  });

  test('quoted fields keep commas, line breaks and doubled quotes; line numbers follow spreadsheet rows', async () => {
    const result = await parseRosterFile(
      csv(
        `${HEADER},备注`,
        '锦绣华庭,底商,S01,"1,234.50",测绘,否,何志勇,13699990000,JX-006,"商铺，""临街"""',
        '锦绣华庭,1栋,1单元1202,120.05,,,"王建国\r\n李秀英","13822223333\n13933334444",',
        '锦绣华庭,1栋,1单元1203,abc,,,孙丽娟,,',
      ),
      'roster.csv',
    );
    expect(result.rows.map((r) => [r.line, r.unit, r.areaCentiM2, r.owners.map((o) => o.phone)])).toEqual([
      [2, 'S01', 123450, ['13699990000']],
      [3, '1单元1202', 12005, ['13822223333', '13933334444']],
    ]);
    expect(result.errors).toEqual([
      { line: 4, column: '建筑面积(㎡)', reason: '建筑面积“abc”不是有效的数字，应填写如 89.50' },
    ]);
    expect(result.ignoredColumns).toEqual(['备注']);
  });

  test('the parser itself: quotes, separators and line endings', () => {
    const { records, errors } = parseDelimitedText('a,"b ""c"", d",e\r\n"x\ny",\rlast');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b "c", d', 'e'] },
      { line: 2, cells: ['x\ny', ''] },
      { line: 3, cells: ['last'] },
    ]);
    expect(parseDelimitedText('a,b\n\n').records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: [''] },
    ]);
    expect(parseDelimitedText('5"5,"x"y').records).toEqual([{ line: 1, cells: ['5"5', 'xy'] }]);
    expect(parseDelimitedText('名册\na\tb;c\td').records).toEqual([
      { line: 1, cells: ['名册'] },
      { line: 2, cells: ['a', 'b;c', 'd'] },
    ]);
  });

  test('blank lines, lines of empty cells and a missing final newline are fine', async () => {
    const result = await parseRosterFile(
      Buffer.from(`\n${HEADER}\n\n${row}\n,,,,,,,,\n\n锦绣华庭,1栋,1单元1201,89.5,,,赵明,,`, 'utf8'),
      'roster.csv',
    );
    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(2);
    expect(result.rows.map((r) => r.line)).toEqual([4, 7]);
  });

  test('an unclosed quote is reported at the row where it starts', async () => {
    const result = await parseRosterFile(csv(HEADER, row, '锦绣华庭,1栋,"1单元1201,89.5,,,赵明,,', row), 'roster.csv');
    expect(result.errors).toEqual([
      { line: 3, column: '', reason: '第 3 行有一个引号没有配对，从这一行到文件末尾都无法读取，请检查这一行的引号' },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([2]);
  });

  test('each kind of bad value is reported on its line, under the header as written', async () => {
    const result = await parseRosterFile(
      csv(
        '小区, 楼栋 ,户号,面积（平方米）,面积来源,开发商持有,业主姓名,联系电话,业主编号',
        '槐荫里,1号楼,101,89.555,,,刘桂兰,,',
        '槐荫里,1号楼,102,-3,,,张建华,,',
        '槐荫里,1号楼,103,56.78,估算,,周志强,,',
        '槐荫里,1号楼,104,56.78,,也许,黄淑珍,,',
        '槐荫里,1号楼,105,56.78,,,,,',
        '槐荫里,1号楼,106,56.78,,,欧阳晓峰,1380013800,',
        ',1号楼,107,56.78,,,杨光,,',
        `槐荫里,1号楼,${'8'.repeat(41)},56.78,,,马俊,,`,
        '槐荫里,1号楼,109,56.78,,,马俊、何文静,18811112222,',
        '槐荫里,1号楼,110,56.78,,,"何志勇,郑晓东",,',
        '槐荫里,1号楼,111,56.78,,,赵明,,HY-001',
        '槐荫里,1号楼,112,56.78,,,孙丽娟,,HY-001',
      ),
      'roster.csv',
    );
    expect(result.errors).toEqual([
      { line: 2, column: '面积（平方米）', reason: '建筑面积最多保留两位小数，现在是“89.555”' },
      { line: 3, column: '面积（平方米）', reason: '建筑面积必须大于 0，现在是“-3”' },
      { line: 4, column: '面积来源', reason: '面积来源“估算”无法识别，请填写“登记”“测绘”或“合同”' },
      { line: 5, column: '开发商持有', reason: '开发商持有“也许”无法识别，请填写“是”或“否”' },
      { line: 6, column: '业主姓名', reason: '业主姓名不能为空（只有开发商持有的户可以不填）' },
      { line: 7, column: '联系电话', reason: expect.stringMatching(/^电话“1380013800”不是有效的手机号或固定电话/) },
      { line: 8, column: '小区', reason: '小区不能为空' },
      { line: 9, column: '户号', reason: '房号最多 40 个字，现在有 41 个字' },
      { line: 10, column: '联系电话', reason: expect.stringMatching(/^业主姓名有 2 位，电话却有 1 个/) },
      { line: 11, column: '业主姓名', reason: '业主姓名“何志勇,郑晓东”含有逗号；多位共有人请用“、”分隔' },
      {
        line: 13,
        column: '业主编号',
        reason: '业主编号“HY-001”在第 12 行是“赵明”，这里却是“孙丽娟”；同一编号应为同一人',
      },
    ]);
    expect(result.totalRows).toBe(12);
    expect(result.rows.map((r) => r.unit)).toEqual(['111']);
  });

  test('a unit listed twice is an error on the second row pointing at the first', async () => {
    const result = await parseRosterFile(
      csv(HEADER, row, '槐荫里,1号楼,1单元102,48.30,,,张建华,,', '槐荫里,1号楼,1单元101,56.78,,,李秀英,,'),
      'roster.csv',
    );
    expect(result.errors).toEqual([
      {
        line: 4,
        column: '房号',
        reason: '与第 2 行是同一户（槐荫里 1号楼 1单元101），每户只能占一行；共有人请写在同一格内，用“、”分隔',
      },
    ]);
    expect(result.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  test('a missing required header is one error naming it', async () => {
    const result = await parseRosterFile(csv('小区,楼栋,房号,业主姓名', '槐荫里,1号楼,101,刘桂兰'), 'roster.csv');
    expect(result.errors).toEqual([
      {
        line: 1,
        column: '建筑面积(㎡)',
        reason: '缺少“建筑面积(㎡)”列（也可写作“建筑面积”“面积”“面积(㎡)”“面积(平方米)”“建筑面积(平方米)”）',
      },
    ]);
    expect(result.rows).toEqual([]);
  });

  test('an empty file is explained', async () => {
    const result = await parseRosterFile(Buffer.alloc(0), 'roster.csv');
    expect(result.rows).toEqual([]);
    expect(result.errors).toEqual([{ line: 1, column: '', reason: expect.stringContaining('文件中没有内容') }]);
  });
});

describe('XLSX', () => {
  test('reads numbers, rich text, formulas, hyperlinks, booleans and merged cells as the moderator sees them', async () => {
    const bytes = await xlsx((workbook) => {
      const hidden = workbook.addWorksheet('说明');
      hidden.state = 'hidden';
      hidden.addRow(['这一页不是名册']);
      const sheet = workbook.addWorksheet('名册');
      sheet.addRow(['锦绣华庭业主名册']);
      sheet.mergeCells('A1:I1');
      sheet.addRow(['小区', '楼栋', '房号', '建筑面积', '面积来源', '开发商持有', '业主姓名', '业主手机', '业主编号']);
      sheet.addRow(['锦绣华庭', 1, 1201, 89.5, '登记', false, '赵明', 13811112222, 'JX-001']);
      sheet.addRow([
        null,
        { richText: [{ text: '1' }, { text: '栋', font: { bold: true } }] },
        '1202',
        { formula: 'D3+30.55', result: 120.05 },
        '测绘',
        '否',
        { text: '孙丽娟', hyperlink: 'mailto:someone@example.com' },
        '137 5555 6666',
        null,
      ]);
      sheet.addRow([null, '2栋', '0601', { formula: '0.1+0.2', result: 0.1 + 0.2 }, '合同', true, '', '', '']);
      sheet.addRow([null, '2栋', '0602', 1.15, '', 1, null, null, null]);
      sheet.mergeCells('A3:A6');
    });
    const result = await parseRosterFile(bytes, 'roster.xlsx');
    expect(result.errors).toEqual([]);
    expect(result.rows.map((r) => [r.line, r.estate, r.building, r.unit, r.areaCentiM2, r.developerHeld])).toEqual([
      [3, '锦绣华庭', '1', '1201', 8950, false],
      [4, '锦绣华庭', '1栋', '1202', 12005, false],
      [5, '锦绣华庭', '2栋', '0601', 30, true],
      [6, '锦绣华庭', '2栋', '0602', 115, true],
    ]);
    expect(result.rows[0]?.owners).toEqual([{ name: '赵明', phone: '13811112222', ownerRef: 'JX-001' }]);
    expect(result.rows[1]?.owners).toEqual([{ name: '孙丽娟', phone: '13755556666', ownerRef: null }]);
  });

  test('dates, error values and formulas without a result are reported on their Excel row', async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('名册');
      sheet.addRow(['小区', '楼栋', '房号', '建筑面积(㎡)', '业主姓名']);
      sheet.addRow(['安居苑', 'A座', new Date(Date.UTC(2026, 0, 2)), 75.6, '陈桂芳']);
      sheet.addRow(['安居苑', 'A座', '302', { formula: '1/0', result: { error: '#DIV/0!' } }, '陈桂芳']);
      sheet.addRow(['安居苑', 'A座', '401', { formula: 'Z9*2' }, '杨光']);
      sheet.addRow(['安居苑', 'A座', '402', 60.255, '杨光']);
    });
    const result = await parseRosterFile(bytes, 'roster.xlsx');
    expect(result.errors).toEqual([
      { line: 2, column: '房号', reason: expect.stringContaining('被 Excel 当成了日期（2026年1月2日）') },
      { line: 3, column: '建筑面积(㎡)', reason: '单元格是错误值 #DIV/0!，请修正公式或直接填写内容' },
      { line: 4, column: '建筑面积(㎡)', reason: expect.stringContaining('公式没有保存计算结果') },
      { line: 5, column: '建筑面积(㎡)', reason: '建筑面积最多保留两位小数，现在是“60.255”' },
    ]);
    expect(result.rows).toEqual([]);
  });

  test('a damaged XLSX is refused with a clear message', async () => {
    const sample = readFileSync(path.join(docs, 'roster-sample.xlsx'));
    const truncated = sample.subarray(0, Math.floor(sample.length / 2));
    const error = await rejection(parseRosterFile(truncated, 'roster.xlsx'));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toContain('无法读取这个 Excel 文件');
  });

  test('a ZIP with no worksheet in it (a Word file, say) is not a table', async () => {
    const bytes = await xlsx(() => {});
    expect(bytes.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    const error = await rejection(parseRosterFile(bytes, '通知.docx'));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toBe('文件“通知.docx”不是 CSV 或 Excel（.xlsx）表格，请上传 .csv 或 .xlsx 文件');
  });

  test('a ZIP declaring a huge unpacked size is refused before it is opened', async () => {
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(0xf0000000, 24);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46, 12);
    end.writeUInt32LE(30, 16);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const error = await rejection(parseRosterFile(Buffer.concat([local, entry, end]), 'bomb.xlsx'));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('这个 Excel 文件解压后过大，无法作为名册读取');
  });
});

describe('files that are not rosters', () => {
  test('an image is refused by its content, whatever its name', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const error = await rejection(parseRosterFile(png, '名册.csv'));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.status).toBe(415);
    expect(error.message).toBe('文件“名册.csv”不是 CSV 或 Excel（.xlsx）表格，请上传 .csv 或 .xlsx 文件');
    const byMime = await rejection(parseRosterFile(png, 'image/png'));
    expect(byMime.message).toMatch(/^这个文件不是 CSV/);
  });

  test('an old .xls (or a password-protected workbook) is refused with what to do instead', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    const error = await rejection(parseRosterFile(ole, 'roster.xls'));
    expect(error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toContain('另存为 .xlsx 或 CSV');
  });

  test('a file over 10 MB is refused', async () => {
    const error = await rejection(parseRosterFile(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41), 'big.csv'));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('名册文件不能超过 10 MB');
  });

  test('20,000 rows (below a title row) are accepted, 20,001 are refused', async () => {
    const lines = (count: number) =>
      Buffer.from([HEADER, ...Array.from({ length: count }, (_, i) => `安居苑,A座,${i + 1},60,,,杨光,,`)].join('\n'));
    const withTitle = Buffer.concat([Buffer.from('安居苑业主名册\n'), lines(20_000)]);
    const atLimit = await parseRosterFile(withTitle, 'roster.csv');
    expect(atLimit.errors).toEqual([]);
    expect(atLimit.rows).toHaveLength(20_000);
    const error = await rejection(parseRosterFile(lines(20_001), 'roster.csv'));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toBe('名册最多 20000 行，这个文件有 20001 行，请分成几个文件导入');
  });
});

describe('a community-sized roster', () => {
  const estates = ['槐荫里', '锦绣华庭', '安居苑'];
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳'];
  const given = ['建国', '秀英', '桂兰', '志强', '海燕', '晓东', '明', '丽娟', '俊', '文静'];
  const cellsOf = (i: number) => {
    const estate = estates[i % 3] ?? '';
    const building = `${Math.floor(i / 120) + 1}号楼`;
    const unit = `${Math.floor((i % 120) / 4) + 1}${String((i % 4) + 1).padStart(2, '0')}`;
    const area = `${40 + (i % 100)}.${String(i % 100).padStart(2, '0')}`;
    const name = `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}`;
    const developerHeld = i % 97 === 0;
    if (developerHeld) return [estate, building, unit, area, '合同', '是', '', '', ''];
    if (i % 10 === 0) {
      return [estate, building, unit, area, '测绘', '否', `${name}、何文静`, `139${String(i).padStart(8, '0')}、`, ''];
    }
    return [estate, building, unit, area, '登记', '否', name, `138${String(i).padStart(8, '0')}`, `R${i % 2000}`];
  };

  test('5,000 rows parse and validate with no errors (time logged)', async () => {
    // Owner references repeat every 2000 rows with the same name: one owner, several units.
    const rows = Array.from({ length: 5000 }, (_, i) => cellsOf(i));
    for (const cells of rows) {
      const i = Number(cells[8]?.slice(1));
      if (cells[8]) cells[6] = `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}`;
    }
    const csvBytes = Buffer.from(`\uFEFF${[HEADER, ...rows.map((cells) => cells.join(','))].join('\r\n')}\r\n`);
    const xlsxBytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet('名册');
      sheet.addRow(HEADER.split(','));
      for (const cells of rows) sheet.addRow([...cells.slice(0, 3), Number(cells[3]), ...cells.slice(4)]);
    });

    const timed = async (bytes: Buffer, name: string) => {
      const started = performance.now();
      const result = await parseRosterFile(bytes, name);
      return { result, ms: (performance.now() - started).toFixed(0) };
    };
    const csvFirst = await timed(csvBytes, 'roster.csv');
    const csvAgain = await timed(csvBytes, 'roster.csv');
    const xlsxOnce = await timed(xlsxBytes, 'roster.xlsx');
    const fromCsv = csvFirst.result;
    const fromXlsx = xlsxOnce.result;
    console.log(
      `5,000-row roster: CSV (${(csvBytes.length / 1024).toFixed(0)} KB) ${csvFirst.ms} ms first, ${csvAgain.ms} ms again; ` +
        `XLSX (${(xlsxBytes.length / 1024).toFixed(0)} KB) ${xlsxOnce.ms} ms`,
    );
    expect(csvAgain.result.rows).toEqual(fromCsv.rows);

    expect(fromCsv.errors).toEqual([]);
    expect(fromCsv.totalRows).toBe(5000);
    expect(fromCsv.rows).toHaveLength(5000);
    expect(fromCsv.rows.filter((row) => row.developerHeld)).toHaveLength(52);
    expect(fromCsv.rows[4999]).toMatchObject({ line: 5001, areaCentiM2: 13999 });
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx.rows).toEqual(fromCsv.rows);
  });
});
