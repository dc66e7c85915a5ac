import {
  areaCentiM2Schema,
  areaSourceSchema,
  developerHeldSchema,
  formatAreaCentiM2,
  maskName,
  maskPhone,
  normalizeHeaderName,
  normalizePhone,
  ownerNamesSchema,
  ownerPhonesSchema,
  ownerRefsSchema,
  phoneLast4,
  ROSTER_MAX_AREA_CENTI_M2,
  ROSTER_TEMPLATE_HEADER,
  type RosterRecord,
  type RosterRowInput,
  readAreaCentiM2,
  rosterColumnForHeader,
  rosterOwnerKey,
  rosterRowSchema,
  rosterUnitKey,
  validateRosterTable,
} from './roster';

/** The first issue's message, or undefined when the value is accepted. */
function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.success ? undefined : result.error?.issues[0]?.message;
}

describe('roster columns', () => {
  test.each([
    ['小区', 'estate'],
    ['小区名称', 'estate'],
    [' 楼 栋 ', 'building'],
    ['房号', 'unit'],
    ['单元房号', 'unit'],
    ['户号', 'unit'],
    ['建筑面积(㎡)', 'area'],
    ['建筑面积（㎡）', 'area'],
    ['建筑面积(m²)', 'area'],
    ['建筑面积（M2）', 'area'],
    ['面积', 'area'],
    ['面积（平方米）', 'area'],
    ['面积来源', 'area_source'],
    ['开发商持有', 'developer_held'],
    ['业主姓名', 'owner_name'],
    ['*业主姓名', 'owner_name'],
    ['业主手机', 'owner_phone'],
    ['联系电话', 'owner_phone'],
    ['手机号', 'owner_phone'],
    ['业主编号', 'owner_ref'],
    ['estate', 'estate'],
    ['Owner_Phone', 'owner_phone'],
    ['AREA SOURCE', 'area_source'],
    ['developer-held', 'developer_held'],
  ])('header %j is the %s column', (header, key) => {
    expect(rosterColumnForHeader(header)).toBe(key);
  });

  test.each(['序号', '备注', '单元', '面积来源说明', ''])('header %j is not a roster column', (header) => {
    expect(rosterColumnForHeader(header)).toBeNull();
  });

  test('the template header lists every column once, Chinese names first', () => {
    expect(ROSTER_TEMPLATE_HEADER).toEqual([
      '小区',
      '楼栋',
      '房号',
      '建筑面积(㎡)',
      '面积来源',
      '开发商持有',
      '业主姓名',
      '业主手机',
      '业主编号',
    ]);
    expect(new Set(ROSTER_TEMPLATE_HEADER.map(rosterColumnForHeader)).size).toBe(9);
  });

  test('header names fold width, spaces and case', () => {
    expect(normalizeHeaderName(' 建筑面积 （ ㎡ ） ')).toBe('建筑面积(m2)');
    expect(normalizeHeaderName('Owner Name')).toBe('ownername');
  });
});

describe('area', () => {
  test.each([
    ['89.5', 8950],
    ['89.50', 8950],
    ['120.05', 12005],
    ['56.78', 5678],
    ['1,234.5', 123450],
    ['12,345', 1234500],
    ['0.01', 1],
    ['1.15', 115],
    ['4.35', 435],
    ['0.29', 29],
    ['89', 8900],
    ['089.5', 8950],
    ['89.500', 8950],
    [' 89.5 ', 8950],
    ['８９．５', 8950],
    ['89.5㎡', 8950],
    ['89.5 平方米', 8950],
    ['100000', 10_000_000],
    ['100,000.00', 10_000_000],
  ])('%j is %i hundredths of m²', (text, centiM2) => {
    expect(readAreaCentiM2(text)).toEqual({ ok: true, centiM2 });
    expect(areaCentiM2Schema.parse(text)).toBe(centiM2);
  });

  test.each([
    ['89.555', '最多保留两位小数'],
    ['89.501', '最多保留两位小数'],
    ['-3', '必须大于 0'],
    ['-0.5', '必须大于 0'],
    ['0', '必须大于 0'],
    ['0.00', '必须大于 0'],
    ['abc', '不是有效的数字'],
    ['12,34', '不是有效的数字'],
    ['1,2345', '不是有效的数字'],
    ['1.2.3', '不是有效的数字'],
    ['.5', '不是有效的数字'],
    ['1e3', '不是有效的数字'],
    ['89.5m', '不是有效的数字'],
    ['100000.01', '不能超过 100000'],
    ['1000000', '不能超过 100000'],
    ['', '不能为空'],
    ['  ', '不能为空'],
  ])('%j is refused: %s', (text, reason) => {
    const reading = readAreaCentiM2(text);
    expect(reading.ok).toBe(false);
    expect(reading.ok ? '' : reading.reason).toContain(reason);
    expect(firstMessage(areaCentiM2Schema.safeParse(text))).toContain(reason);
  });

  test('the message quotes the value so the moderator can find it', () => {
    expect(firstMessage(areaCentiM2Schema.safeParse('89.555'))).toBe('建筑面积最多保留两位小数，现在是“89.555”');
  });

  test('every value written with two decimals reads back exactly (no floating point)', () => {
    const wrong: string[] = [];
    for (let centiM2 = 1; centiM2 <= 200_000; centiM2 += 1) {
      const text = formatAreaCentiM2(centiM2);
      const reading = readAreaCentiM2(text);
      if (!reading.ok || reading.centiM2 !== centiM2) wrong.push(text);
    }
    expect(wrong).toEqual([]);
    expect(readAreaCentiM2(formatAreaCentiM2(ROSTER_MAX_AREA_CENTI_M2))).toEqual({ ok: true, centiM2: 10_000_000 });
  });

  test('formats hundredths with two decimals', () => {
    expect(formatAreaCentiM2(8950)).toBe('89.50');
    expect(formatAreaCentiM2(1)).toBe('0.01');
    expect(formatAreaCentiM2(12005)).toBe('120.05');
    expect(formatAreaCentiM2(10_000_000)).toBe('100000.00');
  });
});

describe('area source and developer held', () => {
  test.each([
    ['登记', 'registered'],
    ['登记面积', 'registered'],
    ['测绘', 'surveyed'],
    ['实测面积', 'surveyed'],
    ['合同', 'contract'],
    ['registered', 'registered'],
    ['Surveyed', 'surveyed'],
    [' CONTRACT ', 'contract'],
    ['', 'registered'],
    [undefined, 'registered'],
  ])('area source %j is %s', (text, source) => {
    expect(areaSourceSchema.parse(text)).toBe(source);
  });

  test('an unknown area source names the accepted words', () => {
    expect(firstMessage(areaSourceSchema.safeParse('估算'))).toBe('面积来源“估算”无法识别，请填写“登记”“测绘”或“合同”');
  });

  test.each([
    ['是', true],
    ['否', false],
    ['Y', true],
    ['n', false],
    ['TRUE', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['√', true],
    ['', false],
    ['-', false],
    [undefined, false],
  ])('developer held %j is %s', (text, held) => {
    expect(developerHeldSchema.parse(text)).toBe(held);
  });

  test('an unknown developer-held value is refused', () => {
    expect(firstMessage(developerHeldSchema.safeParse('可能'))).toBe('开发商持有“可能”无法识别，请填写“是”或“否”');
  });
});

describe('owner names', () => {
  test.each([
    ['张三', ['张三']],
    ['  张三  ', ['张三']],
    ['王建国、李秀英', ['王建国', '李秀英']],
    ['王建国;李秀英', ['王建国', '李秀英']],
    ['王建国；李秀英', ['王建国', '李秀英']],
    ['王建国 / 李秀英', ['王建国', '李秀英']],
    ['王建国／李秀英', ['王建国', '李秀英']],
    ['王建国\n李秀英', ['王建国', '李秀英']],
    ['John  Smith', ['John Smith']],
    ['阿卜杜拉·艾买提', ['阿卜杜拉·艾买提']],
    ['锦绣置业有限公司', ['锦绣置业有限公司']],
    ['无', []],
    ['', []],
    ['王'.repeat(50), ['王'.repeat(50)]],
  ])('%j gives %j', (text, names) => {
    expect(ownerNamesSchema.parse(text)).toEqual(names);
  });

  test.each([
    ['张三,李四', '含有逗号'],
    ['张三，李四', '含有逗号'],
    ['13812345678', '像是电话号码'],
    ['张三、', '有空的一项'],
    ['张三、、李四', '有空的一项'],
    ['123', '不是有效的姓名'],
    ['王'.repeat(51), '最多 50 个字'],
  ])('%j is refused: %s', (text, reason) => {
    expect(firstMessage(ownerNamesSchema.safeParse(text))).toContain(reason);
  });
});

describe('phones', () => {
  test.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'],
    ['19912345678', '19912345678'],
    ['010-62345678', '010-62345678'],
    ['01062345678', '010-62345678'],
    ['(010) 6234 5678', '010-62345678'],
    ['（0755）82345678', '0755-82345678'],
    ['0937 6234567', '0937-6234567'],
    ['021-6123 4567', '021-61234567'],
    ['+86 10 6234 5678', '010-62345678'],
    ['010-62345678转801', '010-62345678转801'],
    ['010-62345678 ext. 801', '010-62345678转801'],
    ['0571-87654321#12', '0571-87654321转12'],
  ])('%j is stored as %j', (text, stored) => {
    expect(normalizePhone(text)).toBe(stored);
    expect(normalizePhone(stored)).toBe(stored);
  });

  test.each([
    '1381234567',
    '138123456789',
    '12812345678',
    '10012345678',
    '12345678',
    '010-1234',
    '010-12345678',
    '010-01234567',
    '0012345678',
    '013812345678',
    '13812345678转1',
    '+1 415 555 2671',
    '138abc45678',
    'abc',
    '',
  ])('%j is not a phone', (text) => {
    expect(normalizePhone(text)).toBeNull();
  });

  test('co-owners’ phones are matched by position; an empty slot means no phone', () => {
    expect(ownerPhonesSchema.parse('13800001111、')).toEqual(['13800001111', null]);
    expect(ownerPhonesSchema.parse('、138 0000 2222')).toEqual([null, '13800002222']);
    expect(ownerPhonesSchema.parse('')).toEqual([]);
    expect(ownerPhonesSchema.parse('无')).toEqual([]);
  });

  test('a bad phone says which co-owner and what is expected', () => {
    expect(firstMessage(ownerPhonesSchema.safeParse('13800001111、12345'))).toBe(
      '第 2 位共有人的电话“12345”不是有效的手机号或固定电话（手机 11 位，以 1 开头；固定电话请带区号，如 010-62345678）',
    );
    expect(firstMessage(ownerPhonesSchema.safeParse('12345'))).toMatch(/^电话“12345”不是有效的/);
  });

  test('owner references are matched by position and limited to 40 characters', () => {
    expect(ownerRefsSchema.parse(' JX-002 、JX-003')).toEqual(['JX-002', 'JX-003']);
    expect(ownerRefsSchema.parse('、JX-003')).toEqual([null, 'JX-003']);
    expect(ownerRefsSchema.safeParse('A'.repeat(40)).success).toBe(true);
    expect(firstMessage(ownerRefsSchema.safeParse('A'.repeat(41)))).toContain('最多 40 个字符');
  });
});

describe('rosterRowSchema', () => {
  const base: RosterRowInput = {
    estate: ' 锦绣华庭 ',
    building: '１栋',
    unit: '1单元  1202',
    area: '120.05',
    area_source: '合同',
    developer_held: '否',
    owner_name: '王建国、李秀英',
    owner_phone: '13822223333、+86 139 3333 4444',
    owner_ref: 'JX-002、JX-003',
  };

  test('turns the cells of a valid row into a unit with its owners', () => {
    expect(rosterRowSchema.parse(base)).toEqual({
      estate: '锦绣华庭',
      building: '1栋',
      unit: '1单元 1202',
      areaCentiM2: 12005,
      areaSource: 'contract',
      developerHeld: false,
      owners: [
        { name: '王建国', phone: '13822223333', ownerRef: 'JX-002' },
        { name: '李秀英', phone: '13933334444', ownerRef: 'JX-003' },
      ],
    });
  });

  test('optional columns may be absent', () => {
    expect(
      rosterRowSchema.parse({ estate: '安居苑', building: 'A座', unit: '301', area: '75.6', owner_name: '陈桂芳' }),
    ).toEqual({
      estate: '安居苑',
      building: 'A座',
      unit: '301',
      areaCentiM2: 7560,
      areaSource: 'registered',
      developerHeld: false,
      owners: [{ name: '陈桂芳', phone: null, ownerRef: null }],
    });
  });

  test('a developer-held unit needs no owner', () => {
    const row = rosterRowSchema.parse({
      ...base,
      developer_held: '是',
      owner_name: '',
      owner_phone: '',
      owner_ref: '',
    });
    expect(row.developerHeld).toBe(true);
    expect(row.owners).toEqual([]);
  });

  test('any other unit needs an owner name', () => {
    const result = rosterRowSchema.safeParse({ ...base, owner_name: '', owner_phone: '', owner_ref: '' });
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['owner_name'], '业主姓名不能为空（只有开发商持有的户可以不填）'],
    ]);
  });

  test('phones and references must match the co-owners one to one', () => {
    const result = rosterRowSchema.safeParse({
      ...base,
      owner_phone: '13822223333',
      owner_ref: 'JX-002、JX-003、JX-009',
    });
    expect(result.error?.issues.map((issue) => [issue.path, issue.message])).toEqual([
      [['owner_phone'], '业主姓名有 2 位，电话却有 1 个；多位共有人的电话请按姓名顺序用“、”分隔，没有的留空'],
      [['owner_ref'], '业主姓名有 2 位，业主编号却有 3 个；多位共有人的业主编号请按姓名顺序用“、”分隔，没有的留空'],
    ]);
  });

  test('a phone without any owner name is refused', () => {
    const result = rosterRowSchema.safeParse({ ...base, developer_held: '是', owner_name: '', owner_ref: '' });
    expect(result.error?.issues.map((issue) => issue.path[0])).toEqual(['owner_phone']);
    expect(firstMessage(result)).toBe('填写了电话，但没有业主姓名');
  });

  test('the same co-owner twice in one unit is refused', () => {
    const result = rosterRowSchema.safeParse({ ...base, owner_name: 'Jane Li、jane li' });
    expect(firstMessage(result)).toBe('共有人“jane li”重复填写了');
  });

  test('reports every problem of a row at once, each on its column', () => {
    const result = rosterRowSchema.safeParse({
      estate: '',
      building: '楼'.repeat(41),
      unit: '101',
      area: '89.555',
      developer_held: '否',
      owner_name: '',
      owner_phone: '123',
    });
    expect(result.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
      ['estate', '小区不能为空'],
      ['building', '楼栋最多 40 个字，现在有 41 个字'],
      ['area', '建筑面积最多保留两位小数，现在是“89.555”'],
      ['owner_phone', expect.stringContaining('电话“123”不是有效的')],
      ['owner_name', '业主姓名不能为空（只有开发商持有的户可以不填）'],
    ]);
  });

  test('labels of exactly 40 characters are accepted', () => {
    expect(rosterRowSchema.safeParse({ ...base, unit: '房'.repeat(40) }).success).toBe(true);
  });
});

describe('validateRosterTable', () => {
  const header = ['小区', '楼栋', '房号', '建筑面积（㎡）', '业主姓名', '业主手机', '业主编号', '备注'];
  const table = (...rows: string[][]): RosterRecord[] => rows.map((cells, index) => ({ line: index + 1, cells }));

  test('validates rows, keeps their line numbers and ignores unknown columns and blank rows', () => {
    const result = validateRosterTable(
      table(
        header,
        ['槐荫里', '1号楼', '101', '56.78', '刘桂兰', '13901012345', 'HY-001', '独居老人'],
        ['', '', '', '', '', '', '', ''],
        ['槐荫里', '1号楼', '102', '48.3', '张建华', '', '', ''],
      ),
    );
    expect(result.errors).toEqual([]);
    expect(result.totalRows).toBe(2);
    expect(result.headerLine).toBe(1);
    expect(result.ignoredColumns).toEqual(['备注']);
    expect(result.rows.map((row) => [row.line, row.unit, row.areaCentiM2])).toEqual([
      [2, '101', 5678],
      [4, '102', 4830],
    ]);
  });

  test('title rows above the header are skipped', () => {
    const result = validateRosterTable([
      { line: 1, cells: ['槐荫里小区业主名册'] },
      { line: 2, cells: ['制表：居委会'] },
      { line: 4, cells: header },
      { line: 5, cells: ['槐荫里', '1号楼', '101', '56.78', '刘桂兰'] },
    ]);
    expect(result.headerLine).toBe(4);
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => row.line)).toEqual([5]);
  });

  test('a missing required column is one error naming it, and rows are not checked', () => {
    const result = validateRosterTable(table(['小区', '楼栋', '建筑面积', '业主姓名'], ['槐荫里', '1号楼', 'abc', '']));
    expect(result.errors).toEqual([
      { line: 1, column: '房号', reason: '缺少“房号”列（也可写作“单元房号”“户号”“门牌号”）' },
    ]);
    expect(result.rows).toEqual([]);
    expect(result.totalRows).toBe(1);
  });

  test('the same column twice is an error on the second', () => {
    const result = validateRosterTable(
      table([...header.slice(0, 6), '联系电话'], ['槐荫里', '1号楼', '101', '56.78', '刘桂兰', '13901012345', '']),
    );
    expect(result.errors).toEqual([{ line: 1, column: '联系电话', reason: '与“业主手机”列是同一列，请只保留一列' }]);
  });

  test('errors name the column as written in the file and come in line, then column order', () => {
    const result = validateRosterTable(
      table(
        header,
        ['槐荫里', '1号楼', '101', '-3', '', '13901012345', '', ''],
        ['槐荫里', '', '102', '48.3', '张建华', '123', '', ''],
      ),
    );
    expect(result.errors).toEqual([
      { line: 2, column: '建筑面积（㎡）', reason: '建筑面积必须大于 0，现在是“-3”' },
      { line: 2, column: '业主姓名', reason: '业主姓名不能为空（只有开发商持有的户可以不填）' },
      { line: 3, column: '楼栋', reason: '楼栋不能为空' },
      { line: 3, column: '业主手机', reason: expect.stringContaining('电话“123”不是有效的') },
    ]);
    expect(result.rows).toEqual([]);
    expect(result.totalRows).toBe(2);
  });

  test('a unit listed twice is an error on the later row pointing at the first, even in another letter case', () => {
    const result = validateRosterTable(
      table(
        header,
        ['锦绣华庭', 'A座', '1201', '89.5', '赵明', '', '', ''],
        ['锦绣华庭', 'A座', '1202', '89.5', '孙丽娟', '', '', ''],
        ['锦绣华庭', 'a座', '1201', '89.5', '王建国', '', '', ''],
        ['锦绣华庭', 'A座', ' 1201 ', 'abc', '李秀英', '', '', ''],
      ),
    );
    expect(result.errors).toEqual([
      {
        line: 4,
        column: '房号',
        reason: '与第 2 行是同一户（锦绣华庭 a座 1201），每户只能占一行；共有人请写在同一格内，用“、”分隔',
      },
      { line: 5, column: '房号', reason: expect.stringContaining('与第 2 行是同一户') },
      { line: 5, column: '建筑面积（㎡）', reason: expect.stringContaining('不是有效的数字') },
    ]);
    expect(result.rows.map((row) => row.line)).toEqual([2, 3]);
  });

  test('one owner reference must name one person', () => {
    const result = validateRosterTable(
      table(
        header,
        ['安居苑', 'A座', '301', '75.6', '陈桂芳', '', 'AJ-007', ''],
        ['安居苑', 'A座', '302', '75.6', '陈桂芳', '', 'aj-007', ''],
        ['安居苑', 'B座', '501', '90', '杨光', '', 'AJ-007', ''],
      ),
    );
    expect(result.errors).toEqual([
      {
        line: 4,
        column: '业主编号',
        reason: '业主编号“AJ-007”在第 2 行是“陈桂芳”，这里却是“杨光”；同一编号应为同一人',
      },
    ]);
    expect(result.rows.map((row) => row.line)).toEqual([2, 3]);
  });

  test('without an owner-name column, one error stands for all rows that need a name', () => {
    const result = validateRosterTable(
      table(
        ['小区', '楼栋', '房号', '面积', '开发商持有'],
        ['锦绣华庭', '2栋', '0601', '102.36', '是'],
        ['锦绣华庭', '2栋', '0602', '102.36', '否'],
        ['锦绣华庭', '2栋', '0603', '102.36', ''],
      ),
    );
    expect(result.errors).toEqual([
      {
        line: 1,
        column: '业主姓名',
        reason: '缺少“业主姓名”列：除开发商持有的户以外，每户都要填写业主姓名（有 2 行没有）',
      },
    ]);
    expect(result.rows.map((row) => row.unit)).toEqual(['0601']);
  });

  test('a table of developer-held units needs no owner-name column', () => {
    const result = validateRosterTable(
      table(['小区', '楼栋', '房号', '面积', '开发商持有'], ['锦绣华庭', '2栋', '0601', '1', '是']),
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toHaveLength(1);
  });

  test('cells that could not be read are reported instead of being validated', () => {
    const result = validateRosterTable([
      { line: 1, cells: header },
      { line: 2, cells: ['槐荫里', '1号楼', { problem: '这个单元格被 Excel 当成了日期' }, '56.78', '刘桂兰'] },
    ]);
    expect(result.errors).toEqual([{ line: 2, column: '房号', reason: '这个单元格被 Excel 当成了日期' }]);
    expect(result.rows).toEqual([]);
  });

  test('an empty table and a header without rows are explained', () => {
    expect(validateRosterTable([]).errors).toEqual([
      { line: 1, column: '', reason: expect.stringContaining('没有内容') },
    ]);
    expect(validateRosterTable(table(['', ''], header)).errors).toEqual([
      { line: 3, column: '', reason: '表头下面没有数据行' },
    ]);
  });
});

describe('owner and unit keys', () => {
  test('an owner is grouped by reference, else by name and phone', () => {
    expect(rosterOwnerKey({ name: '赵明', phone: '13811112222', ownerRef: 'JX-001' })).toBe(
      rosterOwnerKey({ name: '赵 明', phone: null, ownerRef: 'jx-001' }),
    );
    expect(rosterOwnerKey({ name: '赵明', phone: '13811112222', ownerRef: null })).toBe('name:赵明|13811112222');
    expect(rosterOwnerKey({ name: '赵明', phone: null, ownerRef: null })).not.toBe(
      rosterOwnerKey({ name: '赵明', phone: '13811112222', ownerRef: null }),
    );
  });

  test('a unit key ignores letter case but keeps the three levels apart', () => {
    expect(rosterUnitKey({ estate: '锦绣华庭', building: 'A座', unit: '1201' })).toBe(
      rosterUnitKey({ estate: '锦绣华庭', building: 'a座', unit: '1201' }),
    );
    expect(rosterUnitKey({ estate: 'A', building: 'B1', unit: '2' })).not.toBe(
      rosterUnitKey({ estate: 'A', building: 'B', unit: '12' }),
    );
  });
});

describe('masking', () => {
  test.each([
    ['张三', '张*'],
    ['张三丰', '张**'],
    ['欧阳娜娜', '欧***'],
    ['阿卜杜拉·艾买提', '阿*******'],
    ['  李四 ', '李*'],
    ['张', '张*'],
    ['𠮷野家', '𠮷**'],
    ['John Smith', 'J***'],
    ['Li', 'L***'],
    ['', ''],
    ['   ', ''],
  ])('name %j is shown as %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });

  test.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['010-62345678', '010-****5678'],
    ['0937-6234567转801', '0937-****4567'],
    ['12345', '****'],
    ['abc', '****'],
    ['', ''],
  ])('phone %j is shown as %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });

  test.each([
    ['13812345678', '5678'],
    ['138 1234 0000', '0000'],
    ['010-62345678转801', '5678'],
    ['0937 6234567', '4567'],
    ['12345', null],
    ['', null],
  ])('the last four digits of %j are %j', (phone, last4) => {
    expect(phoneLast4(phone)).toBe(last4);
  });
});
