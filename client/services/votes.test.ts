import { choiceHint, selectionIssue, toggleOption, type VoteDraft, voteBodyFromDraft } from './votes';

const multiple = {
  method: 'multiple' as const,
  maxChoices: 2,
  options: ['甲', '乙', '丙'].map((label, i) => ({ position: i + 1, label })),
};

describe('choice ballots', () => {
  test('single choice replaces; multiple toggles and refuses beyond the maximum', () => {
    expect(toggleOption({ method: 'single', maxChoices: 1 }, [2], 3)).toEqual({ selected: [3] });
    expect(toggleOption(multiple, [1], 3)).toEqual({ selected: [1, 3] });
    expect(toggleOption(multiple, [1, 3], 1)).toEqual({ selected: [3] });
    expect(toggleOption(multiple, [1, 3], 2)).toEqual({ selected: [1, 3], refused: '最多选 2 项，请先取消一项' });
    expect(toggleOption({ method: 'election', maxChoices: 1 }, [1], 2).refused).toBe('最多选 1 人，请先取消一位');
  });

  test('a selection is ready only when it keeps the rules', () => {
    expect(selectionIssue(multiple, [])).toBe('请至少选择一项');
    expect(selectionIssue(multiple, [1, 2])).toBeUndefined();
    expect(choiceHint(multiple)).toBe('可以多选，最多选 2 项');
    expect(choiceHint({ method: 'election', maxChoices: 3 })).toBe('请选择候选人，最多选 3 人');
  });
});

describe('the create-vote form', () => {
  const draft = (over: Partial<VoteDraft>): VoteDraft => ({
    title: '选举业主委员会委员',
    description: '',
    electorate: 'residents',
    method: 'yes_no',
    options: ['', ''],
    majority: 'simple',
    days: 14,
    secret: true,
    resultsLive: false,
    allowChange: false,
    ...over,
  });

  test('an owners’ decision needs its estate and carries its matter', () => {
    expect(voteBodyFromDraft(draft({ electorate: 'owners' }), 1)).toEqual({
      problem: '请选择由哪个小区的业主表决',
      field: 'estateId',
    });
    const built = voteBodyFromDraft(draft({ electorate: 'owners', estateId: 3, matter: 'major' }), 1, 0);
    expect(built).toEqual({
      body: expect.objectContaining({ electorate: 'owners', estateId: 3, matter: 'major', method: 'yes_no' }),
    });
  });

  test('an election sends trimmed candidates and the seats; too few candidates is refused', () => {
    expect(voteBodyFromDraft(draft({ method: 'election', options: ['张三', ' '], maxChoices: 1 }), 1)).toEqual({
      problem: '请至少填写两位候选人',
      field: 'options',
    });
    const built = voteBodyFromDraft(
      draft({
        electorate: 'owners',
        estateId: 3,
        method: 'election',
        options: [' 张三 ', '李四', '王五'],
        maxChoices: 2,
      }),
      1,
    );
    expect('body' in built && built.body).toMatchObject({
      method: 'election',
      options: ['张三', '李四', '王五'],
      maxChoices: 2,
    });
    expect('body' in built && built.body.matter).toBeUndefined();
  });

  test('a council vote needs its council', () => {
    expect(voteBodyFromDraft(draft({ electorate: 'council' }), 1)).toMatchObject({ field: 'councilId' });
    expect(voteBodyFromDraft(draft({ electorate: 'council', councilId: 5 }), 1)).toMatchObject({
      body: { electorate: 'council', councilId: 5 },
    });
  });
});
