import { electorateWords, methodWords, passedOf, resultWords, ruleWords } from './ledger-words';

describe('votes in ledger words', () => {
  test('electorate, method and rule', () => {
    expect(electorateWords('council')).toBe('议事会成员（每位在任成员一票）');
    expect(methodWords(null)).toBe('同意 / 反对 / 弃权');
    expect(methodWords('election')).toBe('选举（选出若干人）');
    const rule = {
      electorate: 'residents',
      matter: null,
      majority: 'two_thirds',
      base: 'YN',
      quorumNum: 1,
      quorumDen: 2,
    };
    expect(ruleWords(rule)).toBe('三分之二以上同意（以同意、反对票合计为基数）；参与不少于有表决权人数的 1/2');
    expect(ruleWords({ ...rule, electorate: 'owners', matter: 'major' })).toContain('四分之三以上同意');
  });

  test('results with their numbers', () => {
    expect(resultWords('residents', 'open', null)).toBe('表决中');
    expect(
      resultWords('residents', 'closed', { yes: 3, no: 3, abstain: 1, invalid: 0, quorumMet: true, passed: false }),
    ).toBe('未通过（同意 3，反对 3，弃权 1）');
    expect(
      resultWords('owners', 'closed', {
        participating: { owners: 30, area: '2500.00' },
        yes: { owners: 20, area: '1800.00' },
        quorumMet: true,
        passed: true,
      }),
    ).toBe('通过（参与业主 30 人、面积 2500.00㎡；同意 20 人、面积 1800.00㎡）');
    const election = {
      method: 'election',
      quorumMet: true,
      passed: true,
      options: [
        { position: 1, label: '张**', votes: 9, chosen: true },
        { position: 2, label: '李**', votes: 7, chosen: false },
        { position: 3, label: '王**', votes: 7, chosen: false },
      ],
      chosen: [1],
      tie: { positions: [2, 3], seats: 1 },
    };
    expect(resultWords('residents', 'closed', election)).toBe(
      '通过（当选：张** 9 票；李**、王** 票数相同，争 1 个席位，需另行决定）',
    );
    expect(passedOf('closed', election)).toBe(true);
    expect(passedOf('open', null)).toBeNull();
  });
});
