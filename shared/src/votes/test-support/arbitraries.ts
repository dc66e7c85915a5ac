import fc from 'fast-check';
import { formatExactAreaCentiM2, type GeneralChoice, type GeneralTallyInput, type OwnersTallyInput } from '../tally';

/**
 * Random votes for the property tests (S7, S10). Owner keys, voter ids and
 * receipt codes carry distinctive prefixes so a test can prove none of them
 * leaks into a published record.
 */

/** An area written as the input may write it: a two-decimal string, a one-decimal or whole string, or an integer. */
export function areaText(centiM2: bigint, form: number): string | number {
  const text = formatExactAreaCentiM2(centiM2);
  if (centiM2 % 100n === 0n) {
    if (form % 3 === 0 && centiM2 / 100n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(centiM2 / 100n);
    if (form % 3 === 1) return text.slice(0, -3);
  }
  if (centiM2 % 10n === 0n && form % 2 === 0) return text.slice(0, -1);
  return text;
}

/** Areas in hundredths of m²: mostly flat-sized, sometimes enormous (no overflow allowed). */
export const centiM2Arb = fc.oneof(
  { weight: 8, arbitrary: fc.bigInt({ min: 1n, max: 30_000n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 1n, max: 10n ** 30n }) },
);

const OWNER_KEYS = ['developer', ...Array.from({ length: 15 }, (_, index) => `owner-key-${index}`)];

/** An owners' vote: 1–40 units over up to 16 owner keys (one of them the developer), ballots from a subset. */
export const ownersVoteArb: fc.Arbitrary<OwnersTallyInput> = fc
  .record({
    matter: fc.constantFrom('ordinary' as const, 'major' as const),
    units: fc.array(fc.record({ owner: fc.constantFrom(...OWNER_KEYS), centiM2: centiM2Arb, form: fc.nat(5) }), {
      minLength: 1,
      maxLength: 40,
    }),
  })
  .chain(({ matter, units }) => {
    const owners = [...new Set(units.map((unit) => unit.owner))];
    return fc
      .array(fc.constantFrom(null, 'yes' as const, 'no' as const, 'abstain' as const), {
        minLength: owners.length,
        maxLength: owners.length,
      })
      .map(
        (choices): OwnersTallyInput => ({
          kind: 'owners',
          matter,
          units: units.map((unit, index) => ({
            id: `unit-id-${index}`,
            area: areaText(unit.centiM2, unit.form),
            owner: unit.owner,
          })),
          ballots: owners.flatMap((owner, index) => {
            const choice = choices[index];
            return choice ? [{ owner, choice }] : [];
          }),
        }),
      );
  });

/** A general vote: up to 40 ballots, entitled at least that, an optional quorum. */
export const generalVoteArb: fc.Arbitrary<GeneralTallyInput> = fc
  .record({
    majority: fc.constantFrom('simple' as const, 'two_thirds' as const, 'three_quarters' as const),
    base: fc.constantFrom('YNA' as const, 'YN' as const, 'cast' as const, 'entitled' as const),
    choices: fc.array(fc.constantFrom<GeneralChoice>('yes', 'no', 'abstain', 'invalid'), { maxLength: 40 }),
    extraEntitled: fc.nat(20),
    quorum: fc.option(
      fc.integer({ min: 1, max: 12 }).chain((den) => fc.integer({ min: 0, max: den }).map((num) => ({ num, den }))),
      { nil: undefined },
    ),
  })
  .map(
    ({ majority, base, choices, extraEntitled, quorum }): GeneralTallyInput => ({
      kind: 'general',
      majority,
      base,
      entitled: choices.length + extraEntitled,
      ...(quorum ? { quorum } : {}),
      ballots: choices.map((choice, index) => ({ voter: `voter-id-${index}`, choice })),
    }),
  );

/** Distinct receipt codes, one per key. */
export function receiptCodesArb(keys: readonly string[]): fc.Arbitrary<Map<string, string>> {
  return fc
    .uniqueArray(fc.string({ minLength: 1, maxLength: 24 }), { minLength: keys.length, maxLength: keys.length })
    .map((codes) => new Map(keys.map((key, index) => [key, `receipt-code-${codes[index]}`])));
}

/** A list in another order (a permutation chosen by fast-check). */
export function permutationArb<T>(items: readonly T[]): fc.Arbitrary<T[]> {
  return fc.shuffledSubarray([...items], { minLength: items.length, maxLength: items.length });
}
