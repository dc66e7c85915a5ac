import fc from 'fast-check';
import { describePassingProgress, describeQuorumProgress, ownersProgress } from './progress';
import {
  formatExactAreaCentiM2,
  type OwnersMatter,
  type OwnersTallyInput,
  readExactAreaCentiM2,
  tallyOwners,
} from './tally';
import { ownersVoteArb } from './test-support/arbitraries';

function centi(area: string): bigint {
  if (area === '0.00') return 0n;
  const reading = readExactAreaCentiM2(area);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.centiM2;
}

/** Ten owners; the first ones vote as given. Areas 100.00 ㎡ except owner j (123.10 ㎡). */
function tenOwners(matter: OwnersMatter, choices: ('yes' | 'no' | 'abstain')[]): OwnersTallyInput {
  const owners = 'abcdefghij'.split('');
  return {
    kind: 'owners',
    matter,
    units: owners.map((owner) => ({ id: owner, area: owner === 'j' ? '123.10' : '100.00', owner })),
    ballots: choices.map((choice, index) => ({ owner: owners[index] ?? '', choice })),
  };
}

describe('owners progress', () => {
  test('how many owners and how much area the quorum still needs, in a sentence', () => {
    // Entitled 10 owners, 1023.10 ㎡: 2/3 is 7 owners and 682.07 ㎡ (⌈68206.66…⌉ hundredths).
    const result = tallyOwners(tenOwners('ordinary', ['yes', 'yes', 'no', 'abstain']));
    const progress = ownersProgress(result, 'ordinary');
    expect(progress.quorum).toEqual({ met: false, owners: 3, area: '282.07' });
    expect(describeQuorumProgress(progress)).toBe('还需 3 户、282.07 ㎡ 参与方达法定人数');
  });

  test('only the missing part is named; a met quorum says so', () => {
    const areaOnly = ownersProgress(
      tallyOwners({
        kind: 'owners',
        matter: 'ordinary',
        units: [
          { id: '1', area: '10', owner: 'a' },
          { id: '2', area: '10', owner: 'b' },
          { id: '3', area: '100', owner: 'c' },
        ],
        ballots: [
          { owner: 'a', choice: 'yes' },
          { owner: 'b', choice: 'yes' },
        ],
      }),
      'ordinary',
    );
    expect(describeQuorumProgress(areaOnly)).toBe('还需 60.00 ㎡ 参与方达法定人数');
    const met = ownersProgress(tallyOwners(tenOwners('ordinary', Array(7).fill('yes'))), 'ordinary');
    expect(met.quorum).toEqual({ met: true, owners: 0, area: '0.00' });
    expect(describeQuorumProgress(met)).toBe('参与已达法定人数');
  });

  test('how many more yes the current participants need: more than half, or at least 3/4', () => {
    const ordinary = ownersProgress(tallyOwners(tenOwners('ordinary', ['yes', 'yes', 'no', 'no'])), 'ordinary');
    // 4 participants, 400.00 ㎡: more than half is 3 owners and 200.01 ㎡.
    expect(ordinary.passing).toEqual({ met: false, owners: 1, area: '0.01' });
    expect(describePassingProgress(ordinary)).toBe('还需 1 户、0.01 ㎡ 赞成方可通过');
    const major = ownersProgress(tallyOwners(tenOwners('major', ['yes', 'yes', 'no', 'no'])), 'major');
    expect(major.passing).toEqual({ met: false, owners: 1, area: '100.00' });
    const carried = ownersProgress(tallyOwners(tenOwners('major', ['yes', 'yes', 'yes', 'no'])), 'major');
    expect(carried.passing.met).toBe(true);
    expect(describePassingProgress(carried)).toBe('赞成已达通过所需');
  });

  test('property: adding exactly the shortfall meets the threshold, one less does not', () => {
    fc.assert(
      fc.property(ownersVoteArb, (input) => {
        const matter = input.matter as OwnersMatter;
        const result = tallyOwners(input);
        const { quorum, passing } = ownersProgress(result, matter);
        const E = { owners: BigInt(result.entitled.owners), area: centi(result.entitled.area) };
        const P = { owners: BigInt(result.participating.owners), area: centi(result.participating.area) };
        const Y = { owners: BigInt(result.yes.owners), area: centi(result.yes.area) };
        const quorumAt = (owners: bigint, area: bigint) => owners * 3n >= E.owners * 2n && area * 3n >= E.area * 2n;
        expect(quorum.met).toBe(result.quorumMet);
        expect(quorumAt(P.owners + BigInt(quorum.owners), P.area + centi(quorum.area))).toBe(true);
        if (BigInt(quorum.owners) > 0n) expect(quorumAt(P.owners + BigInt(quorum.owners) - 1n, E.area)).toBe(false);
        if (centi(quorum.area) > 0n) expect(quorumAt(E.owners, P.area + centi(quorum.area) - 1n)).toBe(false);
        const carries = (owners: bigint, area: bigint) =>
          matter === 'major'
            ? owners * 4n >= P.owners * 3n && area * 4n >= P.area * 3n
            : owners * 2n > P.owners && area * 2n > P.area;
        expect(carries(Y.owners + BigInt(passing.owners), Y.area + centi(passing.area))).toBe(true);
        if (BigInt(passing.owners) > 0n) expect(carries(Y.owners + BigInt(passing.owners) - 1n, P.area)).toBe(false);
        if (centi(passing.area) > 0n) expect(carries(P.owners, Y.area + centi(passing.area) - 1n)).toBe(false);
        if (result.quorumMet && P.owners > 0n) expect(passing.met).toBe(result.passed);
        expect(formatExactAreaCentiM2(centi(quorum.area))).toBe(quorum.area);
      }),
      { numRuns: 300 },
    );
  });
});
