import {
  applyProblems,
  budgetFenOf,
  budgetText,
  dayText,
  deadlineProblem,
  designProblems,
  evaluationProblems,
  noteProblems,
  selectProblems,
} from './projects';

const design = {
  goals: '为槐荫里 80 岁以上老人提供助餐送餐服务',
  serviceContent: '每周一至周五中午送餐上门，每月一次健康讲座',
  beneficiaries: '槐荫里 80 岁以上老人',
  budgetYuan: '86000.50',
  startDate: '2027-01-01',
  endDate: '2027-12-31',
};

describe('project form checks', () => {
  it('accepts a complete design and reads the budget as exact fen', () => {
    expect(designProblems(design)).toEqual({});
    expect(budgetFenOf('86000.50')).toBe(8_600_050);
    expect(budgetFenOf('86,000')).toBe(8_600_000);
    expect(budgetFenOf('￥0.07')).toBe(7);
    expect(budgetFenOf('12.345')).toBe(0);
    expect(budgetText(8_600_050)).toBe('86,000.50 元');
    expect(budgetText(null)).toBe('待定');
  });

  it('names each design problem once, in Chinese', () => {
    const errors = designProblems({ ...design, goals: '太短', budgetYuan: '12.345', endDate: '2026-12-31' });
    expect(errors.goals).toContain('至少 10 个字');
    expect(errors.budgetYuan).toContain('最多两位小数');
    expect(designProblems({ ...design, startDate: '2027-02-30' }).startDate).toBe('请选择开始日期');
    expect(designProblems({ ...design, startDate: '2027-12-31', endDate: '2027-01-01' }).endDate).toBe(
      '结束日期不能早于开始日期',
    );
    expect(designProblems({ ...design, budgetYuan: '0' }).budgetYuan).toBeDefined();
    expect(designProblems({ ...design, budgetYuan: '10000000.01' }).budgetYuan).toBeDefined();
  });

  it('keeps an application within the project budget', () => {
    const form = {
      proposal: '依托社区食堂组建志愿者送餐队，每日十一点前送达',
      team: '社工 2 名、志愿者 12 名',
      budgetYuan: '80000',
    };
    expect(applyProblems(form, 8_600_000)).toEqual({});
    expect(applyProblems({ ...form, budgetYuan: '90000' }, 8_600_000).budgetYuan).toBe(
      '申报金额不能超过项目预算（86,000 元）',
    );
    expect(applyProblems({ ...form, proposal: '送饭' }, 8_600_000).proposal).toContain('至少 20 个字');
  });

  it('asks for a chosen application and a real reason before selecting', () => {
    expect(selectProblems({ reason: '方案具体、团队有助老经验' }).applicationId).toBe('请选择一家申报机构');
    expect(selectProblems({ applicationId: 3, reason: '好' }).reason).toContain('至少 10 个字');
    expect(selectProblems({ applicationId: 3, reason: '方案具体、团队有助老服务经验' })).toEqual({});
  });

  it('takes a whole score from 0 to 100 only', () => {
    const form = { evaluator: '明德评估中心', summary: '服务覆盖率高，老人满意', report: '走访 40 户老人，查阅台账' };
    expect(evaluationProblems({ ...form, score: '92' })).toEqual({});
    expect(evaluationProblems({ ...form, score: '0' })).toEqual({});
    expect(evaluationProblems({ ...form, score: '100' })).toEqual({});
    for (const score of ['101', '-1', '88.5', '', '九十']) {
      expect(evaluationProblems({ ...form, score }).score).toBe('评估得分是 0 到 100 的整数');
    }
  });

  it('checks the call deadline against today, and notes', () => {
    expect(deadlineProblem('2027-03-31', '2027-03-01')).toBeUndefined();
    expect(deadlineProblem('2027-03-01', '2027-03-01')).toBeUndefined();
    expect(deadlineProblem('2027-02-28', '2027-03-01')).toBe('截止日期不能早于今天');
    expect(deadlineProblem('3月31日', '2027-03-01')).toContain('格式');
    expect(noteProblems({ body: '好', photoUploadIds: [] }).body).toBe('请至少写 4 个字');
    expect(dayText('2027-01-05')).toBe('2027年1月5日');
  });
});
