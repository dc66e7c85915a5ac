import { type GeneralElectionInput, type OwnersElectionInput, tallyElection } from './election';
import { VoteInputError } from './tally';

/** Owners a–f with 100 ㎡ each (f holds two units, 200 ㎡); ballots as given. */
function ownersElection(seats: number, candidates: string[], ballots: [string, string[]][]): OwnersElectionInput {
  return {
    kind: 'owners',
    seats,
    candidates,
    units: [
      ...['a', 'b', 'c', 'd', 'e', 'f'].map((owner) => ({ id: owner, area: '100', owner })),
      { id: 'f2', area: '100', owner: 'f' },
    ],
    ballots: ballots.map(([owner, approvals]) => ({ owner, approvals })),
  };
}

function councilElection(seats: number, candidates: string[], ballots: (string[] | 'invalid')[]): GeneralElectionInput {
  return {
    kind: 'general',
    seats,
    candidates,
    majority: 'simple',
    base: 'cast',
    entitled: 9,
    ballots: ballots.map((approvals, index) =>
      approvals === 'invalid'
        ? { voter: `r${index}`, approvals: [], invalid: true }
        : { voter: `r${index}`, approvals },
    ),
  };
}

describe('elections (§4.4)', () => {
  test('owners: a candidate needs more than half of the participating owners and area on its own', () => {
    // Participants a, b, c, d, f: 5 owners, 600 ㎡. X: a, b, c (3 owners, 300 ㎡ — exactly half the area: not elected).
    // Y: a, b, f (3 owners, 400 ㎡): elected. Z: f only.
    const result = tallyElection(
      ownersElection(
        2,
        ['X', 'Y', 'Z'],
        [
          ['a', ['X', 'Y']],
          ['b', ['X', 'Y']],
          ['c', ['X']],
          ['d', []],
          ['f', ['Y', 'Z']],
        ],
      ),
    );
    expect(result.quorumMet).toBe(true);
    expect(result.elected).toEqual(['Y']);
    expect(result.tie).toBeNull();
    expect(result.candidates.map((c) => [c.candidate, c.approvals, c.approvalArea, c.meetsRule, c.elected])).toEqual([
      ['X', 3, '300.00', false, false],
      ['Y', 3, '400.00', true, true],
      ['Z', 1, '200.00', false, false],
    ]);
  });

  test('owners: without the 2/3 quorum nobody is elected', () => {
    const result = tallyElection(
      ownersElection(
        1,
        ['X'],
        [
          ['a', ['X']],
          ['b', ['X']],
        ],
      ),
    );
    expect(result.quorumMet).toBe(false);
    expect(result.elected).toEqual([]);
  });

  test('seats go to the qualifying candidates with most approvals', () => {
    const result = tallyElection(
      councilElection(
        2,
        ['P', 'Q', 'R'],
        [['P', 'Q'], ['P', 'Q'], ['P', 'R'], ['P', 'R'], ['P', 'Q'], ['R'], 'invalid'],
      ),
    );
    // 7 cast: more than half is 4. P 5, Q 3, R 3: only P qualifies.
    expect(result.elected).toEqual(['P']);
    const wider = tallyElection(
      councilElection(
        2,
        ['P', 'Q', 'R'],
        [
          ['P', 'Q'],
          ['P', 'Q'],
          ['P', 'Q'],
          ['P', 'R'],
          ['Q', 'R'],
        ],
      ),
    );
    expect(wider.elected).toEqual(['P', 'Q']);
    expect(wider.candidates.find((c) => c.candidate === 'R')?.elected).toBe(false);
  });

  test('a tie for the last seat is reported, never broken', () => {
    const result = tallyElection(
      councilElection(
        2,
        ['P', 'Q', 'R'],
        [
          ['P', 'Q'],
          ['P', 'R'],
          ['P', 'Q'],
          ['P', 'R'],
          ['Q', 'R'],
        ],
      ),
    );
    // P 4, Q 3, R 3 of 5 cast: all qualify; Q and R tie for the second seat.
    expect(result.elected).toEqual(['P']);
    expect(result.tie).toEqual({ candidates: ['Q', 'R'], seats: 1 });
    expect(result.candidates.filter((c) => c.tied).map((c) => c.candidate)).toEqual(['Q', 'R']);
  });

  test('equal approvals that all fit in the seats are all elected', () => {
    const result = tallyElection(councilElection(2, ['P', 'Q', 'R'], [['P', 'Q'], ['P', 'Q'], ['P', 'Q'], ['R']]));
    expect(result.elected).toEqual(['P', 'Q']);
    expect(result.tie).toBeNull();
  });

  test.each<[string, GeneralElectionInput | OwnersElectionInput]>([
    ['more approvals than seats', councilElection(1, ['P', 'Q'], [['P', 'Q']])],
    ['an unknown candidate', councilElection(1, ['P'], [['Z']])],
    ['a candidate approved twice', councilElection(2, ['P', 'Q'], [['P', 'P']])],
    ['a repeated candidate', councilElection(1, ['P', 'P'], [])],
    ['no candidates', councilElection(1, [], [])],
    ['zero seats', councilElection(0, ['P'], [])],
    [
      'two ballots from one voter',
      {
        ...councilElection(1, ['P'], [['P'], ['P']]),
        ballots: [
          { voter: 'x', approvals: ['P'] },
          { voter: 'x', approvals: [] },
        ],
      },
    ],
    [
      'an invalid ballot that approves',
      { ...councilElection(1, ['P'], []), ballots: [{ voter: 'x', approvals: ['P'], invalid: true }] },
    ],
    ['more ballots than entitled', { ...councilElection(1, ['P'], [['P'], ['P']]), entitled: 1 }],
    ['an owner without a unit', ownersElection(1, ['X'], [['zz', ['X']]])],
  ])('%s is refused', (_label, input) => {
    expect(() => tallyElection(input)).toThrow(VoteInputError);
  });
});
