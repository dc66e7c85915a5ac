import { z } from 'zod';
import type { FieldIssue } from '../errors';
import {
  type ChoiceMethod,
  type ChoiceResult,
  choiceResultOf,
  decodeSelection,
  encodeSelection,
  MAX_OPTIONS,
  selectionProblem,
  tallyChoice,
} from './choice';
import { allocateSeats, type CandidateResult } from './election';
import { type Sha256Hex, sha256Hex } from './sha256';
import {
  type Base,
  baseSchema,
  countGeneral,
  decideGeneral,
  decideOwnersMatter,
  exactAreaSchema,
  formatExactAreaCentiM2,
  GENERAL_CHOICES,
  type GeneralTally,
  type GeneralTallyInput,
  generalTallyInputSchema,
  identifierSchema,
  type Majority,
  majoritySchema,
  OWNER_CHOICES,
  type OwnersMatter,
  type OwnersTally,
  type OwnersTallyInput,
  ownersElectorate,
  ownersMatterSchema,
  ownersQuorumMet,
  ownersTallyInputSchema,
  quorumSchema,
  toWholeNumber,
  VoteInputError,
  voteInputIssues,
  type WholeNumber,
  wholeNumberSchema,
} from './tally';

/**
 * The published record of a closed vote (DESIGN.md §4.5): the counted
 * ballots as a hash chain, so that anyone can re-count the vote and every
 * voter can find their receipt — without learning who voted what (S8: no
 * voter id, no time; entries are ordered by receipt hash, never by time).
 *
 *   { "vote": { id, title, kind, matter? | majority?, base?, quorum? },
 *     "electorate": { owners, area } | { entitled },
 *     "entries": [{ seq, choice, weight, receiptHash, prevHash, entryHash }],
 *     "head": entryHash of the last entry, or 64 zeros }
 *
 * - receiptHash = sha256hex(receipt code), entries sorted by it ascending,
 *   seq = 1, 2, … in that order;
 * - weight = the owner's total area with two decimals ("89.50") in owners'
 *   votes, "1" otherwise;
 * - prevHash = 64 zeros for entry 1, else the previous entry's entryHash;
 * - entryHash = sha256hex(`${prevHash}|${seq}|${choice}|${weight}|${receiptHash}`).
 *
 * Hashing: every function takes the hash as its last parameter and defaults
 * to the pure-TypeScript sha256Hex (./sha256), so the mini-program and the
 * browser verify with no platform API; the server and the CLIs pass
 * node:crypto's (identical output, faster on long logs).
 */

/** prevHash of the first entry, and head of an empty log. */
export const ZERO_HASH = '0'.repeat(64);
/** The weight of every ballot in a vote that is not an owners' vote. */
export const GENERAL_WEIGHT = '1';

const HASH_PATTERN = /^[0-9a-f]{64}$/;
/** An owner's area as the log writes it: two decimals (and greater than zero, checked apart). */
const OWNER_WEIGHT_PATTERN = /^[0-9]+\.[0-9]{2}$/;

export interface BallotLogEntry {
  seq: number;
  choice: string;
  weight: string;
  receiptHash: string;
  prevHash: string;
  entryHash: string;
}

export interface OwnersLogVote {
  id: string;
  title: string;
  kind: 'owners';
  matter: OwnersMatter;
}

export interface GeneralLogVote {
  id: string;
  title: string;
  kind: 'general';
  majority: Majority;
  base: Base;
  quorum?: { num: WholeNumber; den: WholeNumber };
}

/**
 * A single-choice, multiple-choice or election vote of a council, residents
 * or households: `options` are the labels of options 1, 2, …; an entry's
 * choice is its selection ("1,3", see choice.ts), weight "1".
 */
export interface ChoiceLogVote {
  id: string;
  title: string;
  kind: 'choice';
  method: ChoiceMethod;
  maxChoices: number;
  options: string[];
  majority: Majority;
  base: Base;
  quorum?: { num: WholeNumber; den: WholeNumber };
}

/** An owners' election (§4.4): `seats` candidates to elect; weight = the owner's area. */
export interface OwnersElectionLogVote {
  id: string;
  title: string;
  kind: 'owners_election';
  seats: number;
  options: string[];
}

export type BallotLog =
  | { vote: OwnersLogVote; electorate: { owners: WholeNumber; area: string }; entries: BallotLogEntry[]; head: string }
  | { vote: GeneralLogVote; electorate: { entitled: WholeNumber }; entries: BallotLogEntry[]; head: string }
  | { vote: ChoiceLogVote; electorate: { entitled: WholeNumber }; entries: BallotLogEntry[]; head: string }
  | {
      vote: OwnersElectionLogVote;
      electorate: { owners: WholeNumber; area: string };
      entries: BallotLogEntry[];
      head: string;
    };

/** The kinds of published record: owners' and general yes/no votes, choice votes, owners' elections. */
export const LOG_KINDS = ['owners', 'general', 'choice', 'owners_election'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** The text an entry's hash is taken of. */
export function entryHashText(entry: Pick<BallotLogEntry, 'prevHash' | 'seq' | 'choice' | 'weight' | 'receiptHash'>) {
  return `${entry.prevHash}|${entry.seq}|${entry.choice}|${entry.weight}|${entry.receiptHash}`;
}

// ---------------------------------------------------------------------------
// Building

/** One counted ballot as the log needs it; the receipt code is hashed, never published. */
export interface LoggedBallot {
  receiptCode: string;
  choice: string;
  /** The owner's area with two decimals in owners' votes; GENERAL_WEIGHT otherwise. */
  weight: string;
}

/**
 * Chains counted ballots: hashes the receipt codes, sorts by receipt hash,
 * numbers from 1 and links each entry to the previous one.
 * Throws when two ballots share a receipt code (every receipt appears once).
 */
export function chainBallots(
  ballots: readonly LoggedBallot[],
  hash: Sha256Hex = sha256Hex,
): { entries: BallotLogEntry[]; head: string } {
  const hashed = ballots.map((ballot) => ({ ...ballot, receiptHash: hash(ballot.receiptCode) }));
  hashed.sort((a, b) => (a.receiptHash < b.receiptHash ? -1 : a.receiptHash > b.receiptHash ? 1 : 0));
  const entries: BallotLogEntry[] = [];
  let prevHash = ZERO_HASH;
  for (const [index, ballot] of hashed.entries()) {
    if (index > 0 && hashed[index - 1]?.receiptHash === ballot.receiptHash) {
      throw new Error('two counted ballots share one receipt code');
    }
    const entry = { seq: index + 1, choice: ballot.choice, weight: ballot.weight, receiptHash: ballot.receiptHash };
    const entryHash = hash(entryHashText({ ...entry, prevHash }));
    entries.push({ ...entry, prevHash, entryHash });
    prevHash = entryHash;
  }
  return { entries, head: prevHash };
}

function receiptOf(receiptCodes: ReadonlyMap<string, string>, who: string): string {
  const code = receiptCodes.get(who);
  if (code === undefined) throw new Error(`no receipt code for the ballot of “${who}”`);
  return code;
}

/**
 * The published record of an owners' vote, from the input `tallyOwners`
 * counts and each owner's receipt code (keyed by owner).
 * Throws VoteInputError on invalid input, Error on a missing or shared receipt code.
 */
export function buildOwnersBallotLog(
  vote: { id: string; title: string },
  input: OwnersTallyInput,
  receiptCodes: ReadonlyMap<string, string>,
  hash: Sha256Hex = sha256Hex,
): BallotLog {
  const parsed = ownersTallyInputSchema.safeParse(input);
  if (!parsed.success) throw new VoteInputError(voteInputIssues(parsed.error));
  const { areaByOwner, entitled } = ownersElectorate(parsed.data.units);
  const ballots = parsed.data.ballots.map((ballot) => ({
    receiptCode: receiptOf(receiptCodes, ballot.owner),
    choice: ballot.choice,
    weight: formatExactAreaCentiM2(areaByOwner.get(ballot.owner) ?? 0n),
  }));
  return {
    vote: { id: vote.id, title: vote.title, kind: 'owners', matter: parsed.data.matter },
    electorate: { owners: toWholeNumber(entitled.owners), area: formatExactAreaCentiM2(entitled.areaCentiM2) },
    ...chainBallots(ballots, hash),
  };
}

/**
 * The published record of a council, resident or household vote, from the
 * input `tallyGeneral` counts and each voter's receipt code (keyed by voter).
 * Throws VoteInputError on invalid input, Error on a missing or shared receipt code.
 */
export function buildGeneralBallotLog(
  vote: { id: string; title: string },
  input: GeneralTallyInput,
  receiptCodes: ReadonlyMap<string, string>,
  hash: Sha256Hex = sha256Hex,
): BallotLog {
  const parsed = generalTallyInputSchema.safeParse(input);
  if (!parsed.success) throw new VoteInputError(voteInputIssues(parsed.error));
  const { majority, base, quorum, entitled } = parsed.data;
  const ballots = parsed.data.ballots.map((ballot) => ({
    receiptCode: receiptOf(receiptCodes, ballot.voter),
    choice: ballot.choice,
    weight: GENERAL_WEIGHT,
  }));
  return {
    vote: {
      id: vote.id,
      title: vote.title,
      kind: 'general',
      majority,
      base,
      ...(quorum ? { quorum: { num: toWholeNumber(quorum.num), den: toWholeNumber(quorum.den) } } : {}),
    },
    electorate: { entitled: toWholeNumber(entitled) },
    ...chainBallots(ballots, hash),
  };
}

// ---------------------------------------------------------------------------
// Reading

const entrySchema = z.object(
  {
    seq: z.union([z.number(), z.bigint()], { error: 'seq 应为整数' }),
    choice: z.string({ error: 'choice 应为字符串' }),
    weight: z.string({ error: 'weight 应为字符串' }),
    receiptHash: z.string({ error: 'receiptHash 应为字符串' }),
    prevHash: z.string({ error: 'prevHash 应为字符串' }),
    entryHash: z.string({ error: 'entryHash 应为字符串' }),
  },
  { error: '每条记录应为对象' },
);

const entriesSchema = z.array(entrySchema, { error: 'entries 应为数组' });
const headSchema = z.string({ error: 'head 应为字符串' });

const ownersLogSchema = z.object({
  vote: z.object({
    id: identifierSchema('vote.id'),
    title: z.string({ error: 'vote.title 应为字符串' }),
    kind: z.literal('owners'),
    matter: ownersMatterSchema,
  }),
  electorate: z.object(
    {
      owners: wholeNumberSchema.refine((owners) => owners >= 1n, { error: 'electorate.owners 应为正整数' }),
      area: exactAreaSchema,
    },
    { error: '业主表决的 electorate 应为 {"owners", "area"}' },
  ),
  entries: entriesSchema,
  head: headSchema,
});

const generalLogSchema = z.object({
  vote: z.object({
    id: identifierSchema('vote.id'),
    title: z.string({ error: 'vote.title 应为字符串' }),
    kind: z.literal('general'),
    majority: majoritySchema,
    base: baseSchema,
    quorum: quorumSchema.optional(),
  }),
  electorate: z.object({ entitled: wholeNumberSchema }, { error: '表决的 electorate 应为 {"entitled"}' }),
  entries: entriesSchema,
  head: headSchema,
});

const optionsSchema = z
  .array(z.string({ error: 'options 中每一项应为字符串' }), { error: 'vote.options 应为数组' })
  .min(1, { error: 'vote.options 不能为空' })
  .max(MAX_OPTIONS, { error: `vote.options 最多 ${MAX_OPTIONS} 项` });
const countSchema = (what: string) =>
  z
    .number({ error: `${what} 应为正整数` })
    .int({ error: `${what} 应为正整数` })
    .min(1, { error: `${what} 至少为 1` });

const choiceLogSchema = z.object({
  vote: z
    .object({
      id: identifierSchema('vote.id'),
      title: z.string({ error: 'vote.title 应为字符串' }),
      kind: z.literal('choice'),
      method: z.enum(['single', 'multiple', 'election'], { error: 'vote.method 应为 single、multiple 或 election' }),
      maxChoices: countSchema('vote.maxChoices'),
      options: optionsSchema,
      majority: majoritySchema,
      base: baseSchema,
      quorum: quorumSchema.optional(),
    })
    .refine((vote) => vote.maxChoices <= vote.options.length, {
      error: 'vote.maxChoices 不能多于选项数',
      path: ['maxChoices'],
    }),
  electorate: z.object({ entitled: wholeNumberSchema }, { error: '表决的 electorate 应为 {"entitled"}' }),
  entries: entriesSchema,
  head: headSchema,
});

const ownersElectionLogSchema = z.object({
  vote: z
    .object({
      id: identifierSchema('vote.id'),
      title: z.string({ error: 'vote.title 应为字符串' }),
      kind: z.literal('owners_election'),
      seats: countSchema('vote.seats'),
      options: optionsSchema,
    })
    .refine((vote) => vote.seats <= vote.options.length, { error: 'vote.seats 不能多于候选人数', path: ['seats'] }),
  electorate: ownersLogSchema.shape.electorate,
  entries: entriesSchema,
  head: headSchema,
});

type ParsedBallotLog =
  | z.output<typeof ownersLogSchema>
  | z.output<typeof generalLogSchema>
  | z.output<typeof choiceLogSchema>
  | z.output<typeof ownersElectionLogSchema>;

const LOG_SCHEMAS = {
  owners: ownersLogSchema,
  general: generalLogSchema,
  choice: choiceLogSchema,
  owners_election: ownersElectionLogSchema,
} as const;

/** Reads a published record's structure (not yet its chain); malformed input answers issues. */
export function parseBallotLog(
  input: unknown,
): { success: true; data: ParsedBallotLog } | { success: false; issues: FieldIssue[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { success: false, issues: [{ path: '', message: '输入应为一个 JSON 对象' }] };
  }
  const vote = (input as { vote?: unknown }).vote;
  const kind = typeof vote === 'object' && vote !== null ? (vote as { kind?: unknown }).kind : undefined;
  const schema =
    typeof kind === 'string' && (LOG_KINDS as readonly string[]).includes(kind) ? LOG_SCHEMAS[kind as LogKind] : null;
  if (!schema) {
    const message =
      typeof vote !== 'object' || vote === null || Array.isArray(vote)
        ? 'vote 应为对象'
        : `未知的 vote.kind ${typeof kind === 'string' ? `“${kind.slice(0, 30)}”` : String(kind)}，应为 owners、general、choice 或 owners_election`;
    return { success: false, issues: [{ path: typeof vote === 'object' && vote ? 'vote.kind' : 'vote', message }] };
  }
  const parsed = schema.safeParse(input);
  return parsed.success
    ? { success: true, data: parsed.data }
    : { success: false, issues: voteInputIssues(parsed.error) };
}

// ---------------------------------------------------------------------------
// Verifying

export type LogVerification =
  | { valid: true; head: string; tally: OwnersTally | GeneralTally | ChoiceResult }
  | { valid: false; firstBadSeq: number; reason: string };

/** Why an entry is wrong, or null. `position` is its 1-based place in the list, the seq it must have. */
function entryProblem(
  entry: z.output<typeof entrySchema>,
  position: number,
  prevHash: string,
  prevReceiptHash: string | null,
  vote: ParsedBallotLog['vote'],
  hash: Sha256Hex,
): string | null {
  const kind = vote.kind;
  if (typeof entry.seq === 'bigint' || entry.seq !== position) {
    return `第 ${position} 条的 seq 应为 ${position}，记录中是 ${entry.seq}（条目缺失、多出或顺序被改动）`;
  }
  for (const field of ['receiptHash', 'prevHash', 'entryHash'] as const) {
    if (!HASH_PATTERN.test(entry[field])) return `第 ${position} 条的 ${field} 不是 64 位小写十六进制的 SHA-256 值`;
  }
  if (entry.prevHash !== prevHash) {
    return position === 1
      ? '第 1 条的 prevHash 应为 64 个 0'
      : `第 ${position} 条的 prevHash 与第 ${position - 1} 条的 entryHash 不一致`;
  }
  if (prevReceiptHash !== null && entry.receiptHash <= prevReceiptHash) {
    return entry.receiptHash === prevReceiptHash
      ? `第 ${position} 条的 receiptHash 与第 ${position - 1} 条相同，每张回执只能出现一次`
      : `第 ${position} 条没有按 receiptHash 升序排列`;
  }
  if (vote.kind === 'choice' || vote.kind === 'owners_election') {
    const problem = selectionEntryProblem(vote, entry.choice);
    if (problem) return `第 ${position} 条的 choice“${entry.choice.slice(0, 20)}”${problem}`;
  } else {
    const choices: readonly string[] = kind === 'owners' ? OWNER_CHOICES : GENERAL_CHOICES;
    if (!choices.includes(entry.choice)) return `第 ${position} 条的 choice“${entry.choice.slice(0, 20)}”不是有效选项`;
  }
  const areaWeighted = kind === 'owners' || kind === 'owners_election';
  const weightOk = areaWeighted
    ? OWNER_WEIGHT_PATTERN.test(entry.weight) && /[1-9]/.test(entry.weight)
    : entry.weight === GENERAL_WEIGHT;
  if (!weightOk) {
    return areaWeighted
      ? `第 ${position} 条的 weight 应为大于 0、两位小数的面积，如 "89.50"`
      : `第 ${position} 条的 weight 应为 "1"`;
  }
  if (hash(entryHashText({ ...entry, seq: position, prevHash })) !== entry.entryHash) {
    return `第 ${position} 条的 entryHash 与本条内容不符（本条被改动过）`;
  }
  return null;
}

/** Why a choice entry's selection is wrong for its vote, or null (canonical text, known options, within the limit). */
function selectionEntryProblem(
  vote: z.output<typeof choiceLogSchema>['vote'] | z.output<typeof ownersElectionLogSchema>['vote'],
  choice: string,
): string | null {
  const positions = decodeSelection(choice);
  if (!positions || encodeSelection(positions) !== choice) return '不是按升序、用逗号分隔的选项编号';
  const problem =
    vote.kind === 'choice'
      ? selectionProblem(vote.method, vote.options.length, vote.maxChoices, positions)
      : selectionProblem('election', vote.options.length, vote.seats, positions);
  return problem ? `无效：${problem}` : null;
}

function recountChoice(log: ParsedBallotLog): ChoiceResult | null {
  const entries = log.entries;
  if (log.vote.kind === 'choice' && 'entitled' in log.electorate) {
    const vote = log.vote;
    return tallyChoice({
      method: vote.method,
      labels: vote.options,
      maxChoices: vote.maxChoices,
      majority: vote.majority,
      base: vote.base,
      entitled: log.electorate.entitled,
      quorum: vote.quorum,
      ballots: entries.map((entry) => ({ voter: `#${entry.seq}`, positions: decodeSelection(entry.choice) ?? [] })),
    });
  }
  if (log.vote.kind === 'owners_election' && 'owners' in log.electorate) {
    const vote = log.vote;
    const entitled = { owners: log.electorate.owners, areaCentiM2: log.electorate.area };
    const participating = { owners: BigInt(entries.length), areaCentiM2: 0n };
    const yes = vote.options.map(() => ({ owners: 0n, areaCentiM2: 0n }));
    for (const entry of entries) {
      const area = weightCentiM2(entry.weight);
      participating.areaCentiM2 += area;
      for (const position of decodeSelection(entry.choice) ?? []) {
        const totals = yes[position - 1];
        if (!totals) continue;
        totals.owners++;
        totals.areaCentiM2 += area;
      }
    }
    if (participating.owners > entitled.owners || participating.areaCentiM2 > entitled.areaCentiM2) {
      throw new VoteInputError([
        {
          path: 'electorate',
          message: `参与的 ${participating.owners} 位业主、${formatExactAreaCentiM2(participating.areaCentiM2)} ㎡ 超过了 electorate 的总数`,
        },
      ]);
    }
    const results = vote.options.map(
      (_, index): CandidateResult => ({
        candidate: String(index + 1),
        approvals: Number(yes[index]!.owners),
        approvalArea: formatExactAreaCentiM2(yes[index]!.areaCentiM2),
        meetsRule: decideOwnersMatter('ordinary', { entitled, participating, yes: yes[index]! }).passed,
        elected: false,
        tied: false,
      }),
    );
    const seats = allocateSeats(vote.seats, results);
    return choiceResultOf('election', vote.options, entries.length, {
      quorumMet: ownersQuorumMet({ entitled, participating }),
      ...seats,
    });
  }
  return null;
}

function recount(log: ParsedBallotLog): OwnersTally | GeneralTally | ChoiceResult {
  const entries = log.entries;
  const choice = recountChoice(log);
  if (choice) return choice;
  if ('owners' in log.electorate && log.vote.kind === 'owners') {
    // One entry per participating owner; the weight is that owner's total area.
    const participating = { owners: BigInt(entries.length), areaCentiM2: 0n };
    const yes = { owners: 0n, areaCentiM2: 0n };
    for (const entry of entries) {
      const area = weightCentiM2(entry.weight);
      participating.areaCentiM2 += area;
      if (entry.choice === 'yes') {
        yes.owners++;
        yes.areaCentiM2 += area;
      }
    }
    const counts = { participating, yes };
    const entitled = { owners: log.electorate.owners, areaCentiM2: log.electorate.area };
    if (counts.participating.owners > entitled.owners || counts.participating.areaCentiM2 > entitled.areaCentiM2) {
      throw new VoteInputError([
        {
          path: 'electorate',
          message: `参与的 ${counts.participating.owners} 位业主、${formatExactAreaCentiM2(counts.participating.areaCentiM2)} ㎡ 超过了 electorate 的总数`,
        },
      ]);
    }
    return decideOwnersMatter(log.vote.matter, { ...counts, entitled });
  }
  if ('entitled' in log.electorate && log.vote.kind === 'general') {
    if (BigInt(entries.length) > log.electorate.entitled) {
      throw new VoteInputError([
        {
          path: 'electorate.entitled',
          message: `有表决权的人数 ${log.electorate.entitled} 少于记录条数 ${entries.length}`,
        },
      ]);
    }
    const counts = countGeneral(
      entries.map((entry) => ({ choice: entry.choice as 'yes' })),
      log.electorate.entitled,
    );
    return decideGeneral(log.vote, counts);
  }
  throw new Error('unreachable: electorate does not match the vote kind');
}

function weightCentiM2(weight: string): bigint {
  const [whole = '0', cents = '00'] = weight.split('.');
  return BigInt(whole) * 100n + BigInt(cents);
}

/**
 * Verifies a published record: every entry in place (seq = its position),
 * well-formed hashes, each prevHash the previous entryHash, receipt hashes
 * strictly ascending, choices and weights valid for the kind, each entryHash
 * right, and the head equal to the last entryHash. Answers the re-counted
 * tally, or the first bad entry (its position; the number after the last
 * entry when only the head is wrong) and why.
 * Throws VoteInputError when the record is malformed (see parseBallotLog)
 * or its chain is sound but its electorate cannot hold its ballots.
 */
export function verifyLog(record: unknown, hash: Sha256Hex = sha256Hex): LogVerification {
  const parsed = parseBallotLog(record);
  if (!parsed.success) throw new VoteInputError(parsed.issues);
  const log = parsed.data;
  let prevHash = ZERO_HASH;
  let prevReceiptHash: string | null = null;
  for (const [index, entry] of log.entries.entries()) {
    const reason = entryProblem(entry, index + 1, prevHash, prevReceiptHash, log.vote, hash);
    if (reason) return { valid: false, firstBadSeq: index + 1, reason };
    prevHash = entry.entryHash;
    prevReceiptHash = entry.receiptHash;
  }
  if (log.head !== prevHash) {
    const reason = !HASH_PATTERN.test(log.head)
      ? 'head 不是 64 位小写十六进制的 SHA-256 值'
      : log.entries.length === 0
        ? '没有任何条目时 head 应为 64 个 0'
        : `head 与最后一条（第 ${log.entries.length} 条）的 entryHash 不一致（末尾的条目缺失或多出）`;
    return { valid: false, firstBadSeq: log.entries.length + 1, reason };
  }
  return { valid: true, head: log.head, tally: recount(log) };
}
