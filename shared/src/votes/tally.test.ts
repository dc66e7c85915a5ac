import {
  decideGeneral,
  formatExactAreaCentiM2,
  type GeneralTallyInput,
  type OwnersTallyInput,
  readExactAreaCentiM2,
  tallyGeneral,
  tallyOwners,
  tallyVote,
  VoteInputError,
} from './tally';

type UnitRow = [id: string, area: string | number | bigint, owner: string];
type OwnerBallotRow = [owner: string, choice: 'yes' | 'no' | 'abstain'];

function ownersVote(matter: 'ordinary' | 'major', units: UnitRow[], ballots: OwnerBallotRow[]): OwnersTallyInput {
  return {
    kind: 'owners',
    matter,
    units: units.map(([id, area, owner]) => ({ id, area, owner })),
    ballots: ballots.map(([owner, choice]) => ({ owner, choice })),
  };
}

/** Six owners of 100 ㎡ each; the first `voters` of them vote as given. */
function sixEqualOwners(matter: 'ordinary' | 'major', choices: OwnerBallotRow[1][]): OwnersTallyInput {
  const units: UnitRow[] = ['a', 'b', 'c', 'd', 'e', 'f'].map((owner) => [`1-${owner}`, '100.00', owner]);
  return ownersVote(
    matter,
    units,
    choices.map((choice, index) => [units[index]?.[2] ?? '', choice]),
  );
}

/** The issues `tallyVote` answers for an input, as "path: message" lines. */
function issuesOf(input: unknown): string[] {
  const outcome = tallyVote(input);
  if (outcome.ok) throw new Error(`expected invalid input, got ${JSON.stringify(outcome.tally)}`);
  return outcome.issues.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('exact areas', () => {
  test.each([
    ['89.50', 8950n],
    ['89.5', 8950n],
    ['89', 8900n],
    ['0.01', 1n],
    ['007.05', 705n],
    [120, 12000n],
    [1n, 100n],
    ['123456789012345678901234567890.99', 12345678901234567890123456789099n],
    [100000000000000000000n, 10000000000000000000000n],
  ])('%p is %p hundredths of a m²', (value, centiM2) => {
    expect(readExactAreaCentiM2(value)).toEqual({ ok: true, centiM2 });
  });

  test.each([
    89.5,
    0.1,
    0,
    -5,
    '0',
    '0.00',
    '0.0',
    '-1',
    '89.505',
    '89.',
    '.5',
    ' 89',
    '89 ',
    '1e3',
    '1,234.50',
    '１２',
    '89㎡',
    '',
    true,
    null,
    undefined,
    {},
    Number.NaN,
    Number.POSITIVE_INFINITY,
    2 ** 60,
    0n,
  ])('%p is not an accepted area', (value) => {
    expect(readExactAreaCentiM2(value).ok).toBe(false);
  });

  test('formats hundredths with exactly two decimals', () => {
    expect(formatExactAreaCentiM2(8950n)).toBe('89.50');
    expect(formatExactAreaCentiM2(5n)).toBe('0.05');
    expect(formatExactAreaCentiM2(0n)).toBe('0.00');
    expect(formatExactAreaCentiM2(10n ** 30n + 7n)).toBe('10000000000000000000000000000.07');
  });
});

describe('owners: counting (Civil Code art. 278, SPC interpretation arts. 8–9)', () => {
  test('an example: areas summed per owner, areas printed with two decimals', () => {
    const result = tallyOwners(
      ownersVote(
        'ordinary',
        [
          ['1-101', '89.5', 'zhang'],
          ['1-102', 120, 'li'],
          ['1-103', '60.25', 'zhang'],
          ['1-104', '75', 'wang'],
        ],
        [
          ['zhang', 'yes'],
          ['li', 'no'],
        ],
      ),
    );
    expect(result).toEqual({
      entitled: { owners: 3, area: '344.75' },
      participating: { owners: 2, area: '269.75' },
      yes: { owners: 1, area: '149.75' },
      // 2 of 3 owners (exactly 2/3) and 269.75 of 344.75 ㎡ participate…
      quorumMet: true,
      // …but 1 of 2 participating owners is exactly half, not more.
      passed: false,
    });
    // Output keys in the contract's order.
    expect(Object.keys(result)).toEqual(['entitled', 'participating', 'yes', 'quorumMet', 'passed']);
  });

  test('all units still held by the developer count as one owner with their total area', () => {
    const result = tallyOwners(
      ownersVote(
        'ordinary',
        [
          ['2-101', '90.00', 'developer'],
          ['2-102', '90.00', 'developer'],
          ['2-103', '90.00', 'developer'],
          ['2-104', '90.00', 'buyer-1'],
          ['2-105', '90.00', 'buyer-2'],
        ],
        [
          ['developer', 'yes'],
          ['buyer-1', 'yes'],
        ],
      ),
    );
    expect(result.entitled).toEqual({ owners: 3, area: '450.00' });
    expect(result.participating).toEqual({ owners: 2, area: '360.00' });
    expect(result.yes).toEqual({ owners: 2, area: '360.00' });
    expect(result.quorumMet).toBe(true);
    expect(result.passed).toBe(true);
  });

  test('a buyer with several units is one owner: one ballot carries all their area', () => {
    const result = tallyOwners(
      ownersVote(
        'major',
        [
          ['3-101', '100.10', 'chen'],
          ['3-102', '50.20', 'chen'],
          ['3-201', '70.30', 'chen'],
          ['3-202', '80.00', 'zhou'],
        ],
        [['chen', 'yes']],
      ),
    );
    expect(result.entitled).toEqual({ owners: 2, area: '300.60' });
    expect(result.participating).toEqual({ owners: 1, area: '220.60' });
    expect(result.yes).toEqual({ owners: 1, area: '220.60' });
    // 1 of 2 owners is below 2/3 even though 220.60 of 300.60 ㎡ is above.
    expect(result.quorumMet).toBe(false);
    expect(result.passed).toBe(false);
  });

  test('abstaining counts as participating, not as yes', () => {
    const result = tallyOwners(sixEqualOwners('ordinary', ['yes', 'yes', 'yes', 'abstain']));
    expect(result.participating).toEqual({ owners: 4, area: '400.00' });
    expect(result.yes).toEqual({ owners: 3, area: '300.00' });
    expect(result.passed).toBe(true);
  });

  test('enormous areas are summed exactly', () => {
    const result = tallyOwners(
      ownersVote(
        'ordinary',
        [
          ['x', '99999999999999999999999.99', 'a'],
          ['y', 99999999999999999999999n, 'b'],
          ['z', '0.01', 'c'],
        ],
        [
          ['a', 'yes'],
          ['b', 'no'],
          ['c', 'yes'],
        ],
      ),
    );
    expect(result.entitled.area).toBe('199999999999999999999999.00');
    expect(result.yes.area).toBe('100000000000000000000000.00');
    // yes area 100000000000000000000000.00 > half of 199999999999999999999999.00; 2 of 3 owners.
    expect(result.passed).toBe(true);
  });
});

describe('owners: boundaries are exact', () => {
  test('exactly 2/3 of the owners and of the area participating is a quorum', () => {
    const result = tallyOwners(sixEqualOwners('ordinary', ['yes', 'yes', 'yes', 'no']));
    expect(result.participating).toEqual({ owners: 4, area: '400.00' });
    expect(result.quorumMet).toBe(true);
  });

  test('one owner short of 2/3 is no quorum', () => {
    const result = tallyOwners(sixEqualOwners('ordinary', ['yes', 'yes', 'yes']));
    expect(result.quorumMet).toBe(false);
    expect(result.passed).toBe(false);
  });

  test('one hundredth of a m² short of 2/3 of the area is no quorum', () => {
    // Entitled 300.00 ㎡: 2/3 is 200.00 ㎡ exactly; 199.99 participate.
    const units: UnitRow[] = [
      ['a', '100.00', 'a'],
      ['b', '99.99', 'b'],
      ['c', '100.01', 'c'],
    ];
    const short = tallyOwners(
      ownersVote('ordinary', units, [
        ['a', 'yes'],
        ['b', 'yes'],
      ]),
    );
    expect(short.participating.area).toBe('199.99');
    expect(short.quorumMet).toBe(false);
    const exact = tallyOwners(
      ownersVote(
        'ordinary',
        [
          ['a', '100.00', 'a'],
          ['b', '100.00', 'b'],
          ['c', '100.00', 'c'],
        ],
        [
          ['a', 'yes'],
          ['b', 'yes'],
        ],
      ),
    );
    expect(exact.participating.area).toBe('200.00');
    expect(exact.quorumMet).toBe(true);
  });

  test('ordinary matter: exactly half of the participating owners fails ("过半数" excludes the boundary)', () => {
    expect(tallyOwners(sixEqualOwners('ordinary', ['yes', 'yes', 'no', 'no'])).passed).toBe(false);
    expect(tallyOwners(sixEqualOwners('ordinary', ['yes', 'yes', 'yes', 'no'])).passed).toBe(true);
  });

  test('ordinary matter: exactly half of the participating area fails even with most owners', () => {
    // Participants a, b, c (100 each) vote yes, d (300) votes no: 3 of 4 owners, 300 of 600 ㎡.
    const units: UnitRow[] = [
      ['a', '100.00', 'a'],
      ['b', '100.00', 'b'],
      ['c', '100.00', 'c'],
      ['d', '300.00', 'd'],
      ['e', '1.00', 'e'],
      ['f', '1.00', 'f'],
    ];
    const ballots: OwnerBallotRow[] = [
      ['a', 'yes'],
      ['b', 'yes'],
      ['c', 'yes'],
      ['d', 'no'],
    ];
    const half = tallyOwners(ownersVote('ordinary', units, ballots));
    expect(half.quorumMet).toBe(true);
    expect(half.yes.area).toBe('300.00');
    expect(half.participating.area).toBe('600.00');
    expect(half.passed).toBe(false);
    const justOver = tallyOwners(
      ownersVote(
        'ordinary',
        units.map(([id, area, owner]) => [id, id === 'c' ? '100.01' : area, owner]),
        ballots,
      ),
    );
    expect(justOver.passed).toBe(true);
  });

  test('major matter: exactly 3/4 of the participating area and owners passes', () => {
    expect(tallyOwners(sixEqualOwners('major', ['yes', 'yes', 'yes', 'no'])).passed).toBe(true);
  });

  test('major matter: just under 3/4 of the area fails', () => {
    const units: UnitRow[] = [
      ['a', '100.00', 'a'],
      ['b', '100.00', 'b'],
      ['c', '99.99', 'c'],
      ['d', '100.01', 'd'],
    ];
    const result = tallyOwners(
      ownersVote('major', units, [
        ['a', 'yes'],
        ['b', 'yes'],
        ['c', 'yes'],
        ['d', 'no'],
      ]),
    );
    expect(result.yes).toEqual({ owners: 3, area: '299.99' });
    expect(result.passed).toBe(false);
  });

  test('major matter: just under 3/4 of the owners fails', () => {
    expect(tallyOwners(sixEqualOwners('major', ['yes', 'yes', 'no', 'no', 'yes'])).passed).toBe(false);
    expect(tallyOwners(sixEqualOwners('major', ['yes', 'yes', 'yes', 'yes', 'no', 'no'])).passed).toBe(false);
    expect(tallyOwners(sixEqualOwners('major', ['yes', 'yes', 'yes', 'yes', 'yes', 'no'])).passed).toBe(true);
  });

  test('no quorum, no pass — however unanimous', () => {
    const result = tallyOwners(sixEqualOwners('ordinary', ['yes', 'yes', 'yes']));
    expect(result.yes.owners).toBe(3);
    expect(result.passed).toBe(false);
  });
});

describe('owners: every validation rule', () => {
  const valid = () =>
    ownersVote(
      'ordinary',
      [
        ['1', '89.50', 'a'],
        ['2', 90, 'b'],
      ],
      [['a', 'yes']],
    );

  test('the valid base case is accepted, extra fields ignored', () => {
    expect(tallyVote({ ...valid(), note: 'x', units: valid().units.map((u) => ({ ...u, floor: 3 })) }).ok).toBe(true);
  });

  test.each<[string, (input: Record<string, unknown>) => unknown, RegExp]>([
    ['kind missing', ({ kind: _kind, ...rest }) => rest, /^kind: /],
    ['kind unknown', (input) => ({ ...input, kind: 'owner' }), /^kind: /],
    ['kind not a string', (input) => ({ ...input, kind: 1 }), /^kind: /],
    ['matter missing', ({ matter: _matter, ...rest }) => rest, /^matter: /],
    ['matter unknown', (input) => ({ ...input, matter: 'Major' }), /^matter: /],
    ['units missing', ({ units: _units, ...rest }) => rest, /^units: /],
    ['units not an array', (input) => ({ ...input, units: {} }), /^units: /],
    ['units empty', (input) => ({ ...input, units: [], ballots: [] }), /^units: /],
    ['a unit not an object', (input) => ({ ...input, units: ['1'] }), /^units\.0: /],
    ['unit id missing', (input) => ({ ...input, units: [{ area: '1', owner: 'a' }] }), /^units\.0\.id: /],
    ['unit id empty', (input) => ({ ...input, units: [{ id: '', area: '1', owner: 'a' }] }), /^units\.0\.id: /],
    ['unit id a number', (input) => ({ ...input, units: [{ id: 1, area: '1', owner: 'a' }] }), /^units\.0\.id: /],
    ['unit owner empty', (input) => ({ ...input, units: [{ id: '1', area: '1', owner: '' }] }), /^units\.0\.owner: /],
    ['unit owner missing', (input) => ({ ...input, units: [{ id: '1', area: '1' }] }), /^units\.0\.owner: /],
    ['area missing', (input) => ({ ...input, units: [{ id: '1', owner: 'a' }] }), /^units\.0\.area: /],
    [
      'area 89.5 as a number',
      (input) => ({ ...input, units: [{ id: '1', area: 89.5, owner: 'a' }] }),
      /^units\.0\.area: /,
    ],
    ['area with three decimals', (input) => ({ ...input, units: [{ id: '1', area: '1.005', owner: 'a' }] }), /area/],
    ['area "0"', (input) => ({ ...input, units: [{ id: '1', area: '0', owner: 'a' }] }), /^units\.0\.area: /],
    ['area 0', (input) => ({ ...input, units: [{ id: '1', area: 0, owner: 'a' }] }), /^units\.0\.area: /],
    ['area "0.00"', (input) => ({ ...input, units: [{ id: '1', area: '0.00', owner: 'a' }] }), /^units\.0\.area: /],
    ['area negative', (input) => ({ ...input, units: [{ id: '1', area: -3, owner: 'a' }] }), /^units\.0\.area: /],
    ['area a boolean', (input) => ({ ...input, units: [{ id: '1', area: true, owner: 'a' }] }), /^units\.0\.area: /],
    ['area null', (input) => ({ ...input, units: [{ id: '1', area: null, owner: 'a' }] }), /^units\.0\.area: /],
    [
      'duplicate unit id',
      (input) => ({
        ...input,
        units: [
          { id: '1', area: '1', owner: 'a' },
          { id: '1', area: '2', owner: 'b' },
        ],
      }),
      /^units\.1\.id: .*units\.0/,
    ],
    ['ballots missing', ({ ballots: _ballots, ...rest }) => rest, /^ballots: /],
    ['ballots not an array', (input) => ({ ...input, ballots: 'yes' }), /^ballots: /],
    ['choice upper-case', (input) => ({ ...input, ballots: [{ owner: 'a', choice: 'YES' }] }), /^ballots\.0\.choice: /],
    ['choice "invalid"', (input) => ({ ...input, ballots: [{ owner: 'a', choice: 'invalid' }] }), /choice/],
    ['choice missing', (input) => ({ ...input, ballots: [{ owner: 'a' }] }), /^ballots\.0\.choice: /],
    ['ballot owner empty', (input) => ({ ...input, ballots: [{ owner: '', choice: 'yes' }] }), /^ballots\.0\.owner: /],
    [
      'two ballots from one owner',
      (input) => ({
        ...input,
        ballots: [
          { owner: 'a', choice: 'yes' },
          { owner: 'a', choice: 'no' },
        ],
      }),
      /^ballots\.1\.owner: /,
    ],
    [
      'a ballot by an owner without a unit',
      (input) => ({ ...input, ballots: [{ owner: 'stranger', choice: 'yes' }] }),
      /^ballots\.0\.owner: .*stranger/,
    ],
  ])('%s is refused', (_label, change, expected) => {
    const issues = issuesOf(change(valid() as unknown as Record<string, unknown>));
    expect(issues.some((issue) => expected.test(issue))).toBe(true);
  });

  test('tallyOwners throws VoteInputError listing every problem', () => {
    const input = ownersVote(
      'ordinary',
      [
        ['1', 89.5, 'a'],
        ['1', '10', 'b'],
      ],
      [['c', 'yes']],
    );
    expect(() => tallyOwners(input)).toThrow(VoteInputError);
    try {
      tallyOwners(input);
    } catch (error) {
      expect((error as VoteInputError).code).toBe('VALIDATION_FAILED');
      expect((error as VoteInputError).issues.map((issue) => issue.path)).toEqual(['units.0.area']);
    }
    // Cross-row rules are checked once every field is well-formed.
    const crossRow = ownersVote(
      'ordinary',
      [
        ['1', '89.5', 'a'],
        ['1', '10', 'b'],
      ],
      [['c', 'yes']],
    );
    expect(() => tallyOwners(crossRow)).toThrow(VoteInputError);
    try {
      tallyOwners(crossRow);
    } catch (error) {
      expect((error as VoteInputError).issues.map((issue) => issue.path)).toEqual(['units.1.id', 'ballots.0.owner']);
    }
  });

  test.each([null, [], 'owners', 3])('a non-object input %p is refused', (input) => {
    expect(issuesOf(input)).toHaveLength(1);
  });
});

describe('general rules', () => {
  function generalVote(
    majority: GeneralTallyInput['majority'],
    base: GeneralTallyInput['base'],
    entitled: number | bigint,
    choices: GeneralTallyInput['ballots'][number]['choice'][],
    quorum?: { num: number; den: number },
  ): GeneralTallyInput {
    return {
      kind: 'general',
      majority,
      base,
      entitled,
      ...(quorum ? { quorum } : {}),
      ballots: choices.map((choice, index) => ({ voter: `v${index}`, choice })),
    };
  }
  const mixed = ['yes', 'yes', 'yes', 'no', 'abstain', 'invalid'] as const;

  test.each([
    ['YNA', 5],
    ['YN', 4],
    ['cast', 6],
    ['entitled', 10],
  ] as const)('base %s counts %i', (base, count) => {
    const result = tallyGeneral(generalVote('simple', base, 10, [...mixed]));
    expect(result).toEqual({ yes: 3, no: 1, abstain: 1, invalid: 1, base: count, quorumMet: true, passed: count < 6 });
    expect(Object.keys(result)).toEqual(['yes', 'no', 'abstain', 'invalid', 'base', 'quorumMet', 'passed']);
  });

  test.each([
    // [majority, yes, others, passes]
    ['simple', 2, 2, false],
    ['simple', 3, 2, true],
    ['simple', 1, 0, true],
    ['two_thirds', 2, 1, true],
    ['two_thirds', 4, 2, true],
    ['two_thirds', 3, 2, false],
    ['two_thirds', 66, 34, false],
    ['three_quarters', 3, 1, true],
    ['three_quarters', 2, 1, false],
    ['three_quarters', 74, 26, false],
    ['three_quarters', 75, 25, true],
  ] as const)('%s: %i yes of %i+%i', (majority, yes, no, passes) => {
    const choices = [...Array<'yes'>(yes).fill('yes'), ...Array<'no'>(no).fill('no')];
    expect(tallyGeneral(generalVote(majority, 'YN', yes + no, choices)).passed).toBe(passes);
  });

  test('a base of 0 never passes', () => {
    for (const majority of ['simple', 'two_thirds', 'three_quarters'] as const) {
      expect(tallyGeneral(generalVote(majority, 'YN', 3, ['abstain', 'invalid'])).passed).toBe(false);
      expect(tallyGeneral(generalVote(majority, 'entitled', 0, [])).passed).toBe(false);
      expect(tallyGeneral(generalVote(majority, 'cast', 5, [])).passed).toBe(false);
    }
  });

  test('quorum: ballots cast × den ≥ entitled × num, invalid ballots included', () => {
    const six = ['yes', 'yes', 'yes', 'yes', 'invalid', 'no'] as const;
    expect(tallyGeneral(generalVote('simple', 'YN', 9, [...six], { num: 2, den: 3 })).quorumMet).toBe(true);
    const five = tallyGeneral(generalVote('simple', 'YN', 9, [...six.slice(0, 5)], { num: 2, den: 3 }));
    expect(five.quorumMet).toBe(false);
    expect(five.passed).toBe(false);
    expect(tallyGeneral(generalVote('simple', 'YN', 9, ['yes'], { num: 0, den: 1 })).quorumMet).toBe(true);
    expect(tallyGeneral(generalVote('simple', 'YN', 2, ['yes'], { num: 1, den: 1 })).quorumMet).toBe(false);
    expect(tallyGeneral(generalVote('simple', 'YN', 9, [])).quorumMet).toBe(true);
  });

  test('an entitled count beyond 2^53 is exact', () => {
    const entitled = 10n ** 30n + 1n;
    const result = tallyGeneral(generalVote('simple', 'entitled', entitled, ['yes'], { num: 1, den: 3 }));
    expect(result.base).toBe(entitled);
    expect(result.quorumMet).toBe(false);
    expect(
      decideGeneral({ majority: 'simple', base: 'cast' }, { yes: 1, no: 0, abstain: 0, invalid: 0, entitled }),
    ).toMatchObject({ base: 1, passed: true });
  });

  const valid = () => generalVote('simple', 'YNA', 5, ['yes', 'no'], { num: 1, den: 2 });
  test.each<[string, (input: Record<string, unknown>) => unknown, RegExp]>([
    ['majority missing', ({ majority: _m, ...rest }) => rest, /^majority: /],
    ['majority unknown', (input) => ({ ...input, majority: 'absolute' }), /^majority: /],
    ['base unknown', (input) => ({ ...input, base: 'yna' }), /^base: /],
    ['base missing', ({ base: _b, ...rest }) => rest, /^base: /],
    ['entitled missing', ({ entitled: _e, ...rest }) => rest, /^entitled: /],
    ['entitled a string', (input) => ({ ...input, entitled: '5' }), /^entitled: /],
    ['entitled negative', (input) => ({ ...input, entitled: -1 }), /^entitled: /],
    ['entitled fractional', (input) => ({ ...input, entitled: 4.5 }), /^entitled: /],
    ['entitled below the ballots', (input) => ({ ...input, entitled: 1 }), /^entitled: /],
    ['quorum num > den', (input) => ({ ...input, quorum: { num: 3, den: 2 } }), /^quorum\.num: /],
    ['quorum den 0', (input) => ({ ...input, quorum: { num: 0, den: 0 } }), /^quorum\.den: /],
    ['quorum num negative', (input) => ({ ...input, quorum: { num: -1, den: 2 } }), /^quorum\.num: /],
    ['quorum num fractional', (input) => ({ ...input, quorum: { num: 0.5, den: 2 } }), /^quorum\.num: /],
    ['quorum den missing', (input) => ({ ...input, quorum: { num: 1 } }), /^quorum\.den: /],
    ['quorum null', (input) => ({ ...input, quorum: null }), /^quorum: /],
    ['quorum a string', (input) => ({ ...input, quorum: '1/2' }), /^quorum: /],
    ['ballots missing', ({ ballots: _b, ...rest }) => rest, /^ballots: /],
    ['choice unknown', (input) => ({ ...input, ballots: [{ voter: 'a', choice: 'maybe' }] }), /^ballots\.0\.choice: /],
    ['choice upper-case', (input) => ({ ...input, ballots: [{ voter: 'a', choice: 'No' }] }), /^ballots\.0\.choice: /],
    ['voter empty', (input) => ({ ...input, ballots: [{ voter: '', choice: 'yes' }] }), /^ballots\.0\.voter: /],
    ['voter a number', (input) => ({ ...input, ballots: [{ voter: 7, choice: 'yes' }] }), /^ballots\.0\.voter: /],
    [
      'two ballots from one voter',
      (input) => ({
        ...input,
        ballots: [
          { voter: 'a', choice: 'yes' },
          { voter: 'a', choice: 'yes' },
        ],
      }),
      /^ballots\.1\.voter: /,
    ],
  ])('%s is refused', (_label, change, expected) => {
    const issues = issuesOf(change(valid() as unknown as Record<string, unknown>));
    expect(issues.some((issue) => expected.test(issue))).toBe(true);
  });

  test('extra fields are ignored', () => {
    expect(tallyVote({ ...valid(), ballots: [{ voter: 'a', choice: 'yes', at: 1 }], x: [] }).ok).toBe(true);
  });

  test('tallyGeneral throws VoteInputError', () => {
    expect(() => tallyGeneral(generalVote('simple', 'YN', 0, ['yes']))).toThrow(VoteInputError);
  });
});
