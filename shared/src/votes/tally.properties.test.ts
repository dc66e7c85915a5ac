import fc from 'fast-check';
import {
  decideGeneral,
  decideOwnersMatter,
  formatExactAreaCentiM2,
  type GeneralTallyInput,
  type Majority,
  majorityMet,
  type OwnersMatter,
  type OwnersTallyInput,
  readExactAreaCentiM2,
  tallyGeneral,
  tallyOwners,
} from './tally';
import { centiM2Arb, generalVoteArb, ownersVoteArb, permutationArb } from './test-support/arbitraries';

/**
 * S10: tally properties. The model below decides by integer thresholds
 * (the least count that is "at least 2/3", "more than half", …), a different
 * derivation from the implementation's cross-multiplication.
 */

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
/** The least yes count out of `total` that passes. */
const leastPassing = {
  simple: (total: bigint) => total / 2n + 1n,
  two_thirds: (total: bigint) => ceilDiv(total * 2n, 3n),
  three_quarters: (total: bigint) => ceilDiv(total * 3n, 4n),
} satisfies Record<Majority, (total: bigint) => bigint>;
const ownersLeastPassing: Record<OwnersMatter, (total: bigint) => bigint> = {
  ordinary: leastPassing.simple,
  major: leastPassing.three_quarters,
};

function centi(area: string | number | bigint): bigint {
  if (area === '0.00') return 0n;
  const reading = readExactAreaCentiM2(area);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.centiM2;
}

/** An independent count of an owners' vote. */
function ownersModel(input: OwnersTallyInput) {
  const areaOf = new Map<string, bigint>();
  for (const unit of input.units) areaOf.set(unit.owner, (areaOf.get(unit.owner) ?? 0n) + centi(unit.area));
  const sum = (owners: string[]) => owners.reduce((total, owner) => total + (areaOf.get(owner) ?? 0n), 0n);
  const voters = input.ballots.map((ballot) => ballot.owner);
  const yesVoters = input.ballots.filter((ballot) => ballot.choice === 'yes').map((ballot) => ballot.owner);
  const E = { owners: BigInt(areaOf.size), area: sum([...areaOf.keys()]) };
  const P = { owners: BigInt(voters.length), area: sum(voters) };
  const Y = { owners: BigInt(yesVoters.length), area: sum(yesVoters) };
  const quorumMet = P.owners >= ceilDiv(E.owners * 2n, 3n) && P.area >= ceilDiv(E.area * 2n, 3n);
  const least = ownersLeastPassing[input.matter as OwnersMatter];
  const passes = P.owners > 0n && Y.owners >= least(P.owners) && Y.area >= least(P.area);
  return {
    entitled: { owners: Number(E.owners), area: formatExactAreaCentiM2(E.area) },
    participating: { owners: Number(P.owners), area: formatExactAreaCentiM2(P.area) },
    yes: { owners: Number(Y.owners), area: formatExactAreaCentiM2(Y.area) },
    quorumMet,
    passed: quorumMet && passes,
  };
}

/** An independent count of a general vote. */
function generalModel(input: GeneralTallyInput) {
  const count = (choice: string) => input.ballots.filter((ballot) => ballot.choice === choice).length;
  const [yes, no, abstain, invalid] = [count('yes'), count('no'), count('abstain'), count('invalid')];
  const entitled = BigInt(input.entitled);
  const base = { YNA: yes + no + abstain, YN: yes + no, cast: input.ballots.length, entitled: Number(entitled) }[
    input.base
  ];
  const quorum = input.quorum;
  const quorumMet =
    quorum === undefined || BigInt(input.ballots.length) >= ceilDiv(entitled * BigInt(quorum.num), BigInt(quorum.den));
  const passes = base > 0 && BigInt(yes) >= leastPassing[input.majority](BigInt(base));
  return { yes, no, abstain, invalid, base, quorumMet, passed: quorumMet && passes };
}

const RUNS = { numRuns: 300 };

describe('S10: owners tally properties', () => {
  test('the tally equals the model: counts sum to the ballots, areas to the units', () => {
    fc.assert(
      fc.property(ownersVoteArb, (input) => {
        const result = tallyOwners(input);
        expect(result).toEqual(ownersModel(input));
        expect(result.participating.owners).toBe(input.ballots.length);
        expect(result.yes.owners).toBeLessThanOrEqual(Number(result.participating.owners));
        expect(Number(result.participating.owners)).toBeLessThanOrEqual(Number(result.entitled.owners));
        expect(centi(result.participating.area)).toBeLessThanOrEqual(centi(result.entitled.area));
      }),
      RUNS,
    );
  });

  test('the order of units and ballots does not matter', () => {
    fc.assert(
      fc.property(
        ownersVoteArb.chain((input) =>
          fc.tuple(fc.constant(input), permutationArb(input.units), permutationArb(input.ballots)),
        ),
        ([input, units, ballots]) => {
          expect(tallyOwners({ ...input, units, ballots })).toEqual(tallyOwners(input));
        },
      ),
      RUNS,
    );
  });

  test('one more yes — a new ballot or a changed one — never turns a pass into a fail', () => {
    fc.assert(
      fc.property(ownersVoteArb, fc.nat(), (input, pick) => {
        const before = tallyOwners(input);
        const voted = new Set(input.ballots.map((ballot) => ballot.owner));
        const nonVoters = [...new Set(input.units.map((unit) => unit.owner))].filter((owner) => !voted.has(owner));
        const changeable = input.ballots
          .map((ballot, index) => ({ ballot, index }))
          .filter((b) => b.ballot.choice !== 'yes');
        const variants: OwnersTallyInput[] = [];
        const newcomer = nonVoters[pick % Math.max(nonVoters.length, 1)];
        if (newcomer) variants.push({ ...input, ballots: [...input.ballots, { owner: newcomer, choice: 'yes' }] });
        const changed = changeable[pick % Math.max(changeable.length, 1)];
        if (changed) {
          const ballots = [...input.ballots];
          ballots[changed.index] = { owner: changed.ballot.owner, choice: 'yes' };
          variants.push({ ...input, ballots });
        }
        for (const variant of variants) {
          const after = tallyOwners(variant);
          if (before.passed) expect(after.passed).toBe(true);
          if (before.quorumMet) expect(after.quorumMet).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('boundaries are exact: exactly 2/3 participation suffices, one hundredth less does not', () => {
    // Owners a and b vote, c does not: 2 of 3 owners, so the area decides.
    // a + b = t = ⌈2E/3⌉ (or t − 1), c = E − t; areas up to 10^30 m².
    fc.assert(
      fc.property(fc.bigInt({ min: 12n, max: 10n ** 32n }), fc.boolean(), (entitled, short) => {
        const t = ceilDiv(entitled * 2n, 3n) - (short ? 1n : 0n);
        const a = t / 2n;
        const input: OwnersTallyInput = {
          kind: 'owners',
          matter: 'ordinary',
          units: [
            { id: '1', area: formatExactAreaCentiM2(a), owner: 'a' },
            { id: '2', area: formatExactAreaCentiM2(t - a), owner: 'b' },
            { id: '3', area: formatExactAreaCentiM2(entitled - t), owner: 'c' },
          ],
          ballots: [
            { owner: 'a', choice: 'yes' },
            { owner: 'b', choice: 'yes' },
          ],
        };
        const result = tallyOwners(input);
        expect(result.entitled.area).toBe(formatExactAreaCentiM2(entitled));
        expect(result.quorumMet).toBe(!short);
      }),
      RUNS,
    );
  });

  test('boundaries are exact: majorities of area and owners at and just below the least passing count', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OwnersMatter>('ordinary', 'major'),
        centiM2Arb,
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.integer({ min: -1, max: 0 }),
        fc.integer({ min: -1, max: 0 }),
        (matter, participatingArea, participatingOwners, areaOffset, ownersOffset) => {
          const yesArea = ownersLeastPassing[matter](participatingArea) + BigInt(areaOffset);
          const yesOwners = ownersLeastPassing[matter](participatingOwners) + BigInt(ownersOffset);
          fc.pre(yesArea >= 0n && yesOwners >= 0n);
          const counts = {
            entitled: { owners: participatingOwners, areaCentiM2: participatingArea },
            participating: { owners: participatingOwners, areaCentiM2: participatingArea },
            yes: { owners: yesOwners, areaCentiM2: yesArea },
          };
          expect(decideOwnersMatter(matter, counts).passed).toBe(areaOffset === 0 && ownersOffset === 0);
        },
      ),
      RUNS,
    );
  });
});

describe('S10: general tally properties', () => {
  test('the tally equals the model; counts sum to the ballots', () => {
    fc.assert(
      fc.property(generalVoteArb, (input) => {
        const result = tallyGeneral(input);
        expect(result).toEqual(generalModel(input));
        expect(result.yes + result.no + result.abstain + result.invalid).toBe(input.ballots.length);
      }),
      RUNS,
    );
  });

  test('the order of ballots does not matter', () => {
    fc.assert(
      fc.property(
        generalVoteArb.chain((input) => fc.tuple(fc.constant(input), permutationArb(input.ballots))),
        ([input, ballots]) => {
          expect(tallyGeneral({ ...input, ballots })).toEqual(tallyGeneral(input));
        },
      ),
      RUNS,
    );
  });

  test('one more yes — a new ballot (electorate fixed) or a changed one — never turns a pass into a fail', () => {
    fc.assert(
      fc.property(generalVoteArb, fc.nat(), (input, pick) => {
        const before = tallyGeneral(input);
        const variants: GeneralTallyInput[] = [];
        if (BigInt(input.entitled) > BigInt(input.ballots.length)) {
          variants.push({ ...input, ballots: [...input.ballots, { voter: 'newcomer', choice: 'yes' }] });
        }
        const changeable = input.ballots
          .map((ballot, index) => ({ ballot, index }))
          .filter((b) => b.ballot.choice !== 'yes');
        const changed = changeable[pick % Math.max(changeable.length, 1)];
        if (changed) {
          const ballots = [...input.ballots];
          ballots[changed.index] = { voter: changed.ballot.voter, choice: 'yes' };
          variants.push({ ...input, ballots });
        }
        for (const variant of variants) {
          if (before.passed) expect(tallyGeneral(variant).passed).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('boundaries are exact for every majority, far beyond 2^53', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Majority>('simple', 'two_thirds', 'three_quarters'),
        fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 10n ** 40n })),
        fc.integer({ min: -2, max: 1 }),
        (majority, base, offset) => {
          const yes = leastPassing[majority](base) + BigInt(offset);
          fc.pre(yes >= 0n);
          expect(majorityMet(majority, yes, base)).toBe(offset >= 0);
        },
      ),
      RUNS,
    );
  });

  test('boundaries are exact through tallyGeneral: the least passing yes count passes, one fewer fails', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<Majority>('simple', 'two_thirds', 'three_quarters'),
        fc.integer({ min: 1, max: 60 }),
        fc.boolean(),
        (majority, base, short) => {
          const yes = Number(leastPassing[majority](BigInt(base))) - (short ? 1 : 0);
          const ballots = Array.from({ length: base }, (_, index) => ({
            voter: `v${index}`,
            choice: index < yes ? ('yes' as const) : ('no' as const),
          }));
          const result = tallyGeneral({ kind: 'general', majority, base: 'YN', entitled: base, ballots });
          expect(result.passed).toBe(!short);
        },
      ),
      RUNS,
    );
  });

  test('quorum boundary: ⌈entitled × num / den⌉ ballots suffice, one fewer does not', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc
          .bigInt({ min: 1n, max: 10n ** 6n })
          .chain((den) => fc.tuple(fc.bigInt({ min: 0n, max: den }), fc.constant(den))),
        fc.boolean(),
        (entitled, [num, den], short) => {
          const least = ceilDiv(entitled * num, den);
          fc.pre(!short || least > 0n);
          const cast = Number(short ? least - 1n : least);
          fc.pre(Number.isSafeInteger(cast));
          const result = decideGeneral(
            { majority: 'simple', base: 'cast', quorum: { num, den } },
            { yes: cast, no: 0, abstain: 0, invalid: 0, entitled },
          );
          expect(result.quorumMet).toBe(!short);
        },
      ),
      RUNS,
    );
  });
});
