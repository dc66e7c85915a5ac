import { createHash } from 'node:crypto';
import { type BallotLog, chainBallots, verifyLog } from './ballot-log';
import { decodeSelection, encodeSelection, selectionProblem, tallyChoice, tallyOwnersElection } from './choice';
import { VoteInputError } from './tally';

const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('choice selections', () => {
  test('encode ascending, decode only canonical digits', () => {
    expect(encodeSelection([3, 1])).toBe('1,3');
    expect(decodeSelection('1,3')).toEqual([1, 3]);
    for (const bad of ['', '0', '01', '1,,2', '1, 2', 'yes', '-1', '1,']) expect(decodeSelection(bad)).toBeNull();
  });

  test('problems name the rule broken', () => {
    expect(selectionProblem('single', 3, 1, [1])).toBeNull();
    expect(selectionProblem('single', 3, 1, [1, 2])).toBe('本次表决只能选一项');
    expect(selectionProblem('multiple', 4, 2, [1, 2, 3])).toBe('最多选 2 项，您选了 3 项');
    expect(selectionProblem('election', 4, 2, [])).toBe('请至少选择一位候选人');
    expect(selectionProblem('multiple', 4, 2, [5])).toBe('所选的项不在本次表决的选项中');
    expect(selectionProblem('multiple', 4, 2, [2, 2])).toBe('同一项不能选两次');
  });
});

describe('tallyChoice', () => {
  test('single choice: the option with more than half of the ballots wins', () => {
    const result = tallyChoice({
      method: 'single',
      labels: ['A', 'B', 'C'],
      maxChoices: 1,
      majority: 'simple',
      base: 'YNA',
      entitled: 10,
      ballots: [[1], [1], [2], [1], [3]].map((positions, i) => ({ voter: `v${i}`, positions })),
    });
    expect(result.options.map((o) => [o.label, o.votes, o.chosen])).toEqual([
      ['A', 3, true],
      ['B', 1, false],
      ['C', 1, false],
    ]);
    expect(result).toMatchObject({ chosen: [1], passed: true, ballots: 5, tie: null });
  });

  test('single choice without a majority chooses nothing', () => {
    const result = tallyChoice({
      method: 'single',
      labels: ['A', 'B'],
      maxChoices: 1,
      majority: 'simple',
      base: 'YNA',
      entitled: 4,
      ballots: [[1], [2]].map((positions, i) => ({ voter: `v${i}`, positions })),
    });
    expect(result).toMatchObject({ chosen: [], passed: false });
  });

  test('multiple choice: every option meeting the rule is adopted; elections fill k seats and report a tie', () => {
    const ballots = [[1, 2], [1, 2], [1, 3], [2, 3], [1]].map((positions, i) => ({ voter: `v${i}`, positions }));
    const multiple = tallyChoice({
      method: 'multiple',
      labels: ['A', 'B', 'C'],
      maxChoices: 2,
      majority: 'simple',
      base: 'cast',
      entitled: 5,
      ballots,
    });
    expect(multiple.options.map((o) => o.votes)).toEqual([4, 3, 2]);
    expect(multiple.chosen).toEqual([1, 2]);
    const election = tallyChoice({
      method: 'election',
      labels: ['A', 'B', 'C'],
      maxChoices: 1,
      majority: 'simple',
      base: 'cast',
      entitled: 6,
      ballots: [[1], [2], [1], [2]].map((positions, i) => ({ voter: `v${i}`, positions })),
    });
    // Neither reaches more than half of four on its own.
    expect(election.chosen).toEqual([]);
    const tie = tallyChoice({
      method: 'election',
      labels: ['A', 'B', 'C'],
      maxChoices: 1,
      majority: 'simple',
      base: 'cast',
      entitled: 6,
      ballots: [[1], [2], [1], [2]]
        .map((positions, i) => ({ voter: `v${i}`, positions }))
        .map((b) => ({
          ...b,
          positions: [1],
        })),
    });
    expect(tie.chosen).toEqual([1]);
  });

  test('owners’ election: each candidate needs more than half of the participating owners and area', () => {
    const result = tallyOwnersElection({
      labels: ['X', 'Y'],
      seats: 1,
      units: ['a', 'b', 'c'].map((owner, i) => ({ id: owner, area: String(100 * (i + 1)), owner })),
      ballots: [
        { voter: 'a', positions: [1] },
        { voter: 'b', positions: [1] },
        { voter: 'c', positions: [2] },
      ],
    });
    // X: 2 owners of 3 but 300 of 600 ㎡ — exactly half, not more: not elected.
    expect(result.options.map((o) => [o.votes, o.area, o.meetsRule])).toEqual([
      [2, '300.00', false],
      [1, '300.00', false],
    ]);
    expect(result.passed).toBe(false);
  });
});

describe('published records of choice votes', () => {
  const choiceLog = (): BallotLog => ({
    vote: {
      id: '7',
      title: '选出健身器材的位置',
      kind: 'choice',
      method: 'multiple',
      maxChoices: 2,
      options: ['中心花园', '北门', '3号楼旁'],
      majority: 'simple',
      base: 'cast',
    },
    electorate: { entitled: 10 },
    ...chainBallots(
      ['1,2', '1', '2,3', '1,3'].map((choice, i) => ({ receiptCode: `R${i}`, choice, weight: '1' })),
      sha,
    ),
  });

  test('a sound record verifies and recounts the options', () => {
    const verified = verifyLog(choiceLog(), sha);
    expect(verified.valid).toBe(true);
    if (!verified.valid) return;
    expect(verified.tally).toMatchObject({ method: 'multiple', ballots: 4, chosen: [1] });
    expect((verified.tally as { options: { votes: number }[] }).options.map((o) => o.votes)).toEqual([3, 2, 2]);
  });

  test('a non-canonical or over-limit selection is named, even with a correct hash', () => {
    for (const bad of ['2,1', '1,2,3', '4', 'yes']) {
      const log = choiceLog();
      const rechained = chainBallots(
        [bad, '1'].map((choice, i) => ({ receiptCode: `X${i}`, choice, weight: '1' })),
        sha,
      );
      const verified = verifyLog({ ...log, ...rechained }, sha);
      expect(verified.valid).toBe(false);
    }
  });

  test('an altered entry is found', () => {
    const log = choiceLog();
    log.entries[2] = { ...log.entries[2]!, choice: log.entries[2]!.choice === '1' ? '2' : '1' };
    expect(verifyLog(log, sha)).toMatchObject({ valid: false, firstBadSeq: 3 });
  });

  test('owners’ elections weigh by area and check the electorate', () => {
    const log = {
      vote: { id: '8', title: '选举业主委员会委员', kind: 'owners_election', seats: 1, options: ['甲', '乙'] },
      electorate: { owners: 3, area: '600.00' },
      ...chainBallots(
        [
          { receiptCode: 'a', choice: '1', weight: '100.00' },
          { receiptCode: 'b', choice: '1', weight: '300.00' },
          { receiptCode: 'c', choice: '2', weight: '200.00' },
        ],
        sha,
      ),
    };
    const verified = verifyLog(log, sha);
    expect(verified).toMatchObject({ valid: true, tally: { chosen: [1], passed: true } });
    expect(() => verifyLog({ ...log, electorate: { owners: 2, area: '600.00' } }, sha)).toThrow(VoteInputError);
  });
});
