import { z } from 'zod';
import type { FieldIssue } from '../errors';

/**
 * Counting a vote (DESIGN.md §4.2, §4.3): one module that the server decides
 * with, the client shows progress with, and `npm run tally` exposes.
 *
 * - Owners' decisions (Civil Code art. 278): participation of at least 2/3
 *   of the exclusive area and of the owner count; a major matter passes with
 *   at least 3/4, any other matter with more than half, of the participating
 *   area and of the participating owners. Units with the same `owner` key are
 *   one owner with their total area (a buyer with several units; all units
 *   the developer still holds share one key).
 * - General rules (council, residents, households): a majority (simple =
 *   more than half; two-thirds, three-quarters = at least) of a base (YNA,
 *   YN, cast, entitled), after an optional quorum.
 *
 * Arithmetic is exact: areas are integer hundredths of m² held as bigint (no
 * overflow however large), fractions are compared by cross-multiplication.
 * No floating point anywhere. Input is validated by the zod schemas below;
 * the tally functions validate first and throw VoteInputError when invalid.
 */

// ---------------------------------------------------------------------------
// Exact numbers

/**
 * A non-negative integer as it leaves the tally: a number, or a bigint only
 * beyond Number.MAX_SAFE_INTEGER (JSON input read with parseExactJson may
 * hold such integers; real electorates never do).
 */
export type WholeNumber = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint as a WholeNumber: a number when it is safe. */
export function toWholeNumber(value: bigint): WholeNumber {
  return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
}

/** Rounds a non-negative quotient up: ⌈a / b⌉ for a ≥ 0, b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

/** The accepted area text: whole m² with at most two decimals, e.g. "89", "89.5", "89.50". */
export const EXACT_AREA_PATTERN = /^[0-9]+(\.[0-9]{1,2})?$/;

export type ExactAreaReading = { ok: true; centiM2: bigint } | { ok: false; reason: string };

/**
 * Reads an area in m² as the tally input writes it — a string matching
 * EXACT_AREA_PATTERN or a (JSON) integer — into integer hundredths of m²,
 * exactly: "89.5" → 8950n, 120 → 12000n. It must be greater than zero.
 * A non-integer number (89.5) is refused: a double cannot hold hundredths
 * exactly. Stricter than the roster's readAreaCentiM2 (no thousands
 * separators, units or third decimals) and unbounded.
 */
export function readExactAreaCentiM2(value: unknown): ExactAreaReading {
  let centiM2: bigint;
  if (typeof value === 'string') {
    if (!EXACT_AREA_PATTERN.test(value)) {
      return { ok: false, reason: `面积“${value.slice(0, 30)}”格式不对，应为数字，最多两位小数，如 "89.50"` };
    }
    const dot = value.indexOf('.');
    const whole = dot < 0 ? value : value.slice(0, dot);
    const cents = dot < 0 ? '00' : value.slice(dot + 1).padEnd(2, '0');
    centiM2 = BigInt(whole) * 100n + BigInt(cents);
  } else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      return { ok: false, reason: `面积 ${value} 不是整数；带小数的面积请写成字符串，如 "89.50"` };
    }
    centiM2 = BigInt(value) * 100n;
  } else if (typeof value === 'bigint') {
    centiM2 = value * 100n;
  } else {
    return { ok: false, reason: '面积应为字符串（如 "89.50"）或整数' };
  }
  if (centiM2 <= 0n) return { ok: false, reason: '面积必须大于 0' };
  return { ok: true, centiM2 };
}

/** Hundredths of m² as the m² a person reads, always with two decimals: 8950n → "89.50". */
export function formatExactAreaCentiM2(centiM2: bigint): string {
  const sign = centiM2 < 0n ? '-' : '';
  const magnitude = centiM2 < 0n ? -centiM2 : centiM2;
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------
// Errors

/** Thrown by the tally functions when their input breaks a rule of the schemas. */
export class VoteInputError extends Error {
  readonly code = 'VALIDATION_FAILED' as const;
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('；'));
    this.name = 'VoteInputError';
  }
}

/** Zod issues as `{ path, message }` pairs, the path dotted (`units.3.area`). */
export function voteInputIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new VoteInputError(voteInputIssues(parsed.error));
  return parsed.data;
}

// ---------------------------------------------------------------------------
// Shared schema pieces

export function identifierSchema(what: string) {
  return z.string({ error: `${what} 应为字符串` }).min(1, { error: `${what} 不能为空` });
}

/** A unit's area (see readExactAreaCentiM2) → bigint hundredths of m². */
export const exactAreaSchema = z
  // One type check rather than a three-way union: 20,000 units are validated per tally (P5).
  .custom<string | number | bigint>(
    (value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint',
    { error: '面积应为字符串（如 "89.50"）或整数' },
  )
  .transform((value, ctx) => {
    const reading = readExactAreaCentiM2(value);
    if (reading.ok) return reading.centiM2;
    ctx.addIssue({ code: 'custom', message: reading.reason });
    return z.NEVER;
  });

/** A non-negative integer (number or bigint) → bigint. */
export const wholeNumberSchema = z
  .union([z.number(), z.bigint()], { error: '应为非负整数' })
  .transform((value, ctx) => {
    if (typeof value === 'number' && !Number.isSafeInteger(value)) {
      ctx.addIssue({ code: 'custom', message: `${value} 不是整数` });
      return z.NEVER;
    }
    const whole = BigInt(value);
    if (whole < 0n) {
      ctx.addIssue({ code: 'custom', message: `${value} 不能为负数` });
      return z.NEVER;
    }
    return whole;
  });

/** Report each repeated key of a list once, at the repeat, naming the first occurrence. */
function reportRepeats<T>(
  ctx: z.RefinementCtx,
  items: readonly T[],
  key: (item: T) => string,
  path: (index: number) => (string | number)[],
  message: (key: string, firstIndex: number) => string,
): void {
  const first = new Map<string, number>();
  items.forEach((item, index) => {
    const value = key(item);
    const seen = first.get(value);
    if (seen === undefined) first.set(value, index);
    else ctx.addIssue({ code: 'custom', path: path(index), message: message(value, seen) });
  });
}

// ---------------------------------------------------------------------------
// Owners' decisions (Civil Code art. 278)

export const OWNERS_MATTERS = ['ordinary', 'major'] as const;
export type OwnersMatter = (typeof OWNERS_MATTERS)[number];

export const OWNER_CHOICES = ['yes', 'no', 'abstain'] as const;
export type OwnerChoice = (typeof OWNER_CHOICES)[number];

export const ownersMatterSchema = z.enum(OWNERS_MATTERS, { error: 'matter 应为 ordinary 或 major' });

export const ownerUnitSchema = z.object({
  id: identifierSchema('户 id'),
  area: exactAreaSchema,
  owner: identifierSchema('owner'),
});

export const ownerBallotSchema = z.object({
  owner: identifierSchema('owner'),
  choice: z.enum(OWNER_CHOICES, { error: 'choice 应为 yes、no 或 abstain' }),
});

/**
 * An owners' vote to count: the units of the electorate (id, area, owner
 * key) and at most one ballot per owner who holds a unit. Unit areas come
 * out as bigint hundredths of m².
 */
export const ownersTallyInputSchema = z
  .object({
    kind: z.literal('owners', { error: 'kind 应为 owners' }),
    matter: ownersMatterSchema,
    units: z.array(ownerUnitSchema, { error: 'units 应为数组' }).min(1, { error: 'units 不能为空' }),
    ballots: z.array(ownerBallotSchema, { error: 'ballots 应为数组' }),
  })
  .superRefine((input, ctx) => {
    reportRepeats(
      ctx,
      input.units,
      (unit) => unit.id,
      (index) => ['units', index, 'id'],
      (id, first) => `户 id“${id}”与 units.${first} 重复`,
    );
    reportRepeats(
      ctx,
      input.ballots,
      (ballot) => ballot.owner,
      (index) => ['ballots', index, 'owner'],
      (owner, first) => `业主“${owner}”已在 ballots.${first} 投票，每位业主只能投一票`,
    );
    const owners = new Set(input.units.map((unit) => unit.owner));
    input.ballots.forEach((ballot, index) => {
      if (!owners.has(ballot.owner)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ballots', index, 'owner'],
          message: `“${ballot.owner}”名下没有任何一户，不能投票`,
        });
      }
    });
  });

export type OwnersTallyInput = z.input<typeof ownersTallyInputSchema>;
export type ParsedOwnersTallyInput = z.output<typeof ownersTallyInputSchema>;

/** Owner count and area (hundredths of m²), exactly. */
export interface OwnerTotals {
  owners: bigint;
  areaCentiM2: bigint;
}

/** What an owners' decision is decided from. */
export interface OwnersCounts {
  entitled: OwnerTotals;
  participating: OwnerTotals;
  yes: OwnerTotals;
}

/** Owner count and area as published: area with exactly two decimals. */
export interface OwnersTallyTotals {
  owners: WholeNumber;
  area: string;
}

/** The result of an owners' vote (the `tally` command's output for kind "owners"). */
export interface OwnersTally {
  entitled: OwnersTallyTotals;
  participating: OwnersTallyTotals;
  yes: OwnersTallyTotals;
  quorumMet: boolean;
  passed: boolean;
}

/** Participation of at least 2/3 of the entitled area and at least 2/3 of the entitled owners. */
export function ownersQuorumMet(counts: Pick<OwnersCounts, 'entitled' | 'participating'>): boolean {
  const { entitled, participating } = counts;
  return (
    participating.areaCentiM2 * 3n >= entitled.areaCentiM2 * 2n && participating.owners * 3n >= entitled.owners * 2n
  );
}

/**
 * Whether the yes side carries the participants: major matters at least 3/4
 * of the participating area and owners, other matters more than half of
 * both. Nobody participating never carries.
 */
export function ownersMajorityMet(matter: OwnersMatter, counts: Pick<OwnersCounts, 'participating' | 'yes'>): boolean {
  const { participating, yes } = counts;
  if (participating.owners === 0n) return false;
  if (matter === 'major') {
    return yes.areaCentiM2 * 4n >= participating.areaCentiM2 * 3n && yes.owners * 4n >= participating.owners * 3n;
  }
  return yes.areaCentiM2 * 2n > participating.areaCentiM2 && yes.owners * 2n > participating.owners;
}

function publishTotals(totals: OwnerTotals): OwnersTallyTotals {
  return { owners: toWholeNumber(totals.owners), area: formatExactAreaCentiM2(totals.areaCentiM2) };
}

/** Decides an owners' matter from its counts (used by tallyOwners and by the ballot-log verifier). */
export function decideOwnersMatter(matter: OwnersMatter, counts: OwnersCounts): OwnersTally {
  const quorumMet = ownersQuorumMet(counts);
  return {
    entitled: publishTotals(counts.entitled),
    participating: publishTotals(counts.participating),
    yes: publishTotals(counts.yes),
    quorumMet,
    passed: quorumMet && ownersMajorityMet(matter, counts),
  };
}

/** Each owner key's total area, and the electorate's totals. */
export function ownersElectorate(units: readonly { owner: string; area: bigint }[]): {
  areaByOwner: Map<string, bigint>;
  entitled: OwnerTotals;
} {
  const areaByOwner = new Map<string, bigint>();
  let area = 0n;
  for (const unit of units) {
    areaByOwner.set(unit.owner, (areaByOwner.get(unit.owner) ?? 0n) + unit.area);
    area += unit.area;
  }
  return { areaByOwner, entitled: { owners: BigInt(areaByOwner.size), areaCentiM2: area } };
}

/**
 * The counts with plain numbers, when every unit's area is small enough that
 * no sum of them can leave the safe integers (exact, and no bigint allocated
 * per addition); null otherwise.
 */
function countOwnersSafely(input: Pick<ParsedOwnersTallyInput, 'units' | 'ballots'>): OwnersCounts | null {
  const limit = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / Math.max(input.units.length, 1)));
  const areaByOwner = new Map<string, number>();
  let entitledArea = 0;
  for (const unit of input.units) {
    if (unit.area > limit) return null;
    const area = Number(unit.area);
    areaByOwner.set(unit.owner, (areaByOwner.get(unit.owner) ?? 0) + area);
    entitledArea += area;
  }
  let participatingArea = 0;
  let yesOwners = 0;
  let yesArea = 0;
  for (const ballot of input.ballots) {
    const area = areaByOwner.get(ballot.owner) ?? 0;
    participatingArea += area;
    if (ballot.choice === 'yes') {
      yesOwners++;
      yesArea += area;
    }
  }
  return {
    entitled: { owners: BigInt(areaByOwner.size), areaCentiM2: BigInt(entitledArea) },
    participating: { owners: BigInt(input.ballots.length), areaCentiM2: BigInt(participatingArea) },
    yes: { owners: BigInt(yesOwners), areaCentiM2: BigInt(yesArea) },
  };
}

/** The counts of an already validated owners' vote. */
export function countOwners(input: Pick<ParsedOwnersTallyInput, 'units' | 'ballots'>): OwnersCounts {
  const safely = countOwnersSafely(input);
  if (safely) return safely;
  const { areaByOwner, entitled } = ownersElectorate(input.units);
  const participating: OwnerTotals = { owners: 0n, areaCentiM2: 0n };
  const yes: OwnerTotals = { owners: 0n, areaCentiM2: 0n };
  for (const ballot of input.ballots) {
    const area = areaByOwner.get(ballot.owner) ?? 0n;
    participating.owners++;
    participating.areaCentiM2 += area;
    if (ballot.choice === 'yes') {
      yes.owners++;
      yes.areaCentiM2 += area;
    }
  }
  return { entitled, participating, yes };
}

/**
 * Counts an owners' vote under Civil Code art. 278.
 * Pre: input as ownersTallyInputSchema describes. Effect: none (pure).
 * Throws VoteInputError (code VALIDATION_FAILED) naming every broken rule.
 */
export function tallyOwners(input: OwnersTallyInput): OwnersTally {
  const parsed = parseOrThrow(ownersTallyInputSchema, input);
  return decideOwnersMatter(parsed.matter, countOwners(parsed));
}

// ---------------------------------------------------------------------------
// General rules (council, residents, households)

export const MAJORITIES = ['simple', 'two_thirds', 'three_quarters'] as const;
export type Majority = (typeof MAJORITIES)[number];

export const BASES = ['YNA', 'YN', 'cast', 'entitled'] as const;
export type Base = (typeof BASES)[number];

export const GENERAL_CHOICES = ['yes', 'no', 'abstain', 'invalid'] as const;
export type GeneralChoice = (typeof GENERAL_CHOICES)[number];

export const majoritySchema = z.enum(MAJORITIES, { error: 'majority 应为 simple、two_thirds 或 three_quarters' });
export const baseSchema = z.enum(BASES, { error: 'base 应为 YNA、YN、cast 或 entitled' });

/** A quorum as a fraction num/den of the entitled, 0 ≤ num ≤ den, den > 0. */
export const quorumSchema = z
  .object({ num: wholeNumberSchema, den: wholeNumberSchema }, { error: 'quorum 应为 {"num": 整数, "den": 整数}' })
  .superRefine((quorum, ctx) => {
    if (quorum.den === 0n) ctx.addIssue({ code: 'custom', path: ['den'], message: 'quorum 的分母 den 必须大于 0' });
    else if (quorum.num > quorum.den) {
      ctx.addIssue({ code: 'custom', path: ['num'], message: 'quorum 的分子 num 不能大于分母 den' });
    }
  });

export type Quorum = z.output<typeof quorumSchema>;

export const generalBallotSchema = z.object({
  voter: identifierSchema('voter'),
  choice: z.enum(GENERAL_CHOICES, { error: 'choice 应为 yes、no、abstain 或 invalid' }),
});

/** A council or resident vote to count: its rule, the number entitled and at most one ballot per voter. */
export const generalTallyInputSchema = z
  .object({
    kind: z.literal('general', { error: 'kind 应为 general' }),
    majority: majoritySchema,
    base: baseSchema,
    entitled: wholeNumberSchema,
    quorum: quorumSchema.optional(),
    ballots: z.array(generalBallotSchema, { error: 'ballots 应为数组' }),
  })
  .superRefine((input, ctx) => {
    reportRepeats(
      ctx,
      input.ballots,
      (ballot) => ballot.voter,
      (index) => ['ballots', index, 'voter'],
      (voter, first) => `“${voter}”已在 ballots.${first} 投票，每人只能投一票`,
    );
    if (input.entitled < BigInt(input.ballots.length)) {
      ctx.addIssue({
        code: 'custom',
        path: ['entitled'],
        message: `有表决权的人数 ${input.entitled} 少于选票数 ${input.ballots.length}`,
      });
    }
  });

export type GeneralTallyInput = z.input<typeof generalTallyInputSchema>;
export type ParsedGeneralTallyInput = z.output<typeof generalTallyInputSchema>;

/** The rule of a general vote. */
export interface GeneralRule {
  majority: Majority;
  base: Base;
  quorum?: Quorum | undefined;
}

/** What a general vote is decided from: ballots per choice and the number entitled. */
export interface GeneralCounts {
  yes: number;
  no: number;
  abstain: number;
  invalid: number;
  entitled: bigint;
}

/** The result of a general vote (the `tally` command's output for kind "general"). */
export interface GeneralTally {
  yes: number;
  no: number;
  abstain: number;
  invalid: number;
  /** The base's count: YNA = yes+no+abstain, YN = yes+no, cast = all ballots, entitled = the number entitled. */
  base: WholeNumber;
  quorumMet: boolean;
  passed: boolean;
}

/** The base's count for a rule. */
export function generalBaseCount(base: Base, counts: GeneralCounts): bigint {
  switch (base) {
    case 'YNA':
      return BigInt(counts.yes + counts.no + counts.abstain);
    case 'YN':
      return BigInt(counts.yes + counts.no);
    case 'cast':
      return BigInt(counts.yes + counts.no + counts.abstain + counts.invalid);
    case 'entitled':
      return counts.entitled;
  }
}

/** Whether `yes` is a majority of `base` (simple: more than half; others: at least); a base of 0 never is. */
export function majorityMet(majority: Majority, yes: bigint, base: bigint): boolean {
  if (base <= 0n) return false;
  switch (majority) {
    case 'simple':
      return yes * 2n > base;
    case 'two_thirds':
      return yes * 3n >= base * 2n;
    case 'three_quarters':
      return yes * 4n >= base * 3n;
  }
}

/** True without a quorum; else ballots cast × den ≥ entitled × num. */
export function generalQuorumMet(quorum: Quorum | undefined, cast: bigint, entitled: bigint): boolean {
  return quorum === undefined || cast * quorum.den >= entitled * quorum.num;
}

/** Decides a general vote from its counts (used by tallyGeneral, elections and the ballot-log verifier). */
export function decideGeneral(rule: GeneralRule, counts: GeneralCounts): GeneralTally {
  const cast = BigInt(counts.yes + counts.no + counts.abstain + counts.invalid);
  const base = generalBaseCount(rule.base, counts);
  const quorumMet = generalQuorumMet(rule.quorum, cast, counts.entitled);
  return {
    yes: counts.yes,
    no: counts.no,
    abstain: counts.abstain,
    invalid: counts.invalid,
    base: toWholeNumber(base),
    quorumMet,
    passed: quorumMet && majorityMet(rule.majority, BigInt(counts.yes), base),
  };
}

/** Ballots per choice. */
export function countGeneral(ballots: readonly { choice: GeneralChoice }[], entitled: bigint): GeneralCounts {
  const counts: GeneralCounts = { yes: 0, no: 0, abstain: 0, invalid: 0, entitled };
  for (const ballot of ballots) counts[ballot.choice]++;
  return counts;
}

/**
 * Counts a council, resident or household vote under its rule (§4.2).
 * Pre: input as generalTallyInputSchema describes. Effect: none (pure).
 * Throws VoteInputError (code VALIDATION_FAILED) naming every broken rule.
 */
export function tallyGeneral(input: GeneralTallyInput): GeneralTally {
  const parsed = parseOrThrow(generalTallyInputSchema, input);
  return decideGeneral(parsed, countGeneral(parsed.ballots, parsed.entitled));
}

// ---------------------------------------------------------------------------
// Either kind (the `tally` command)

export const VOTE_KINDS = ['owners', 'general'] as const;
export type VoteKind = (typeof VOTE_KINDS)[number];

export type TallyOutcome =
  | { ok: true; kind: 'owners'; tally: OwnersTally }
  | { ok: true; kind: 'general'; tally: GeneralTally }
  | { ok: false; issues: FieldIssue[] };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates and counts a vote of either kind, chosen by its `kind`; never
 * throws on bad input but answers the issues (what `npm run tally` prints).
 */
export function tallyVote(input: unknown): TallyOutcome {
  if (!isPlainObject(input)) return { ok: false, issues: [{ path: '', message: '输入应为一个 JSON 对象' }] };
  if (input.kind === 'owners') {
    const parsed = ownersTallyInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, issues: voteInputIssues(parsed.error) };
    return { ok: true, kind: 'owners', tally: decideOwnersMatter(parsed.data.matter, countOwners(parsed.data)) };
  }
  if (input.kind === 'general') {
    const parsed = generalTallyInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, issues: voteInputIssues(parsed.error) };
    return {
      ok: true,
      kind: 'general',
      tally: decideGeneral(parsed.data, countGeneral(parsed.data.ballots, parsed.data.entitled)),
    };
  }
  const kind = typeof input.kind === 'string' ? `“${input.kind.slice(0, 30)}”` : String(input.kind);
  return {
    ok: false,
    issues: [
      { path: 'kind', message: `未知的 kind ${input.kind === undefined ? '（缺少）' : kind}，应为 owners 或 general` },
    ],
  };
}
