import { type CandidateResult, type ElectionResult, tallyElection } from './election';
import type { Base, Majority, WholeNumber } from './tally';

/**
 * Choice votes (DESIGN.md §4.2, §4.4): single choice, multiple choice with a
 * maximum k, and elections (approve up to k candidates for k seats).
 *
 * Options are numbered 1, 2, … in the order the vote lists them. A ballot's
 * selection is written, stored and published as its option numbers in
 * ascending order joined by commas ("1,3") — one text per selection, so the
 * stored ballot, the published record and the verifier agree byte for byte.
 *
 * Counting: every option is decided on its own under the vote's rule — the
 * ballots selecting it are its "yes", every other counted ballot its "no"
 * (as in elections, §4.4). Single choice: the option meeting the rule wins
 * (one seat); multiple choice: every option meeting the rule is adopted;
 * elections: the qualifying candidates with the most approvals take the k
 * seats, and a tie for the last seat is reported, never broken silently.
 * Owners' elections use the art. 278 ordinary-matter majority (election.ts).
 */

export const VOTE_METHODS = ['yes_no', 'single', 'multiple', 'election'] as const;
export type VoteMethod = (typeof VOTE_METHODS)[number];
export type ChoiceMethod = Exclude<VoteMethod, 'yes_no'>;

export const VOTE_METHOD_LABELS: Record<VoteMethod, string> = {
  yes_no: '同意 / 反对 / 弃权',
  single: '单选',
  multiple: '多选（限选若干项）',
  election: '选举（选出若干人）',
};

/** Most options (or candidates) one vote may list. */
export const MAX_OPTIONS = 30;

/** A selection as stored and published: ascending option numbers joined by commas, e.g. "1,3". */
export function encodeSelection(positions: readonly number[]): string {
  return [...positions].sort((a, b) => a - b).join(',');
}

const SELECTION_PATTERN = /^[1-9][0-9]{0,2}(,[1-9][0-9]{0,2})*$/;

/** The option numbers of a stored or published selection; null when it is not one. */
export function decodeSelection(text: string): number[] | null {
  if (!SELECTION_PATTERN.test(text)) return null;
  return text.split(',').map(Number);
}

/** How many options a ballot may select: one for single choice, else the vote's maximum. */
export function selectionLimit(method: ChoiceMethod, maxChoices: number): number {
  return method === 'single' ? 1 : maxChoices;
}

/**
 * Why a selection is not valid for the vote, in words for the voter; null
 * when it is. Positions are 1-based; each once; between 1 and the limit of them.
 */
export function selectionProblem(
  method: ChoiceMethod,
  optionCount: number,
  maxChoices: number,
  positions: readonly number[],
): string | null {
  const limit = selectionLimit(method, maxChoices);
  if (positions.length === 0) return method === 'election' ? '请至少选择一位候选人' : '请至少选择一项';
  if (new Set(positions).size !== positions.length) return '同一项不能选两次';
  if (positions.some((p) => !Number.isInteger(p) || p < 1 || p > optionCount)) return '所选的项不在本次表决的选项中';
  if (positions.length > limit) {
    return method === 'single'
      ? '本次表决只能选一项'
      : method === 'election'
        ? `最多选 ${limit} 人，您选了 ${positions.length} 人`
        : `最多选 ${limit} 项，您选了 ${positions.length} 项`;
  }
  return null;
}

/** Seats a choice vote fills: one for single choice, every option for multiple choice, k for elections. */
export function seatsOf(method: ChoiceMethod, optionCount: number, maxChoices: number): number {
  return method === 'single' ? 1 : method === 'multiple' ? optionCount : maxChoices;
}

/** One option's count in a published result. */
export interface OptionResult {
  position: number;
  label: string;
  /** Ballots (owners' elections: owners) selecting it. */
  votes: number;
  /** Owners' elections: the selecting owners' area, two decimals. */
  area?: string;
  meetsRule: boolean;
  /** Won (single), adopted (multiple) or elected (election). */
  chosen: boolean;
  tied: boolean;
}

/** The result of a choice vote, as the server stores and shows it. */
export interface ChoiceResult {
  method: ChoiceMethod;
  /** Counted ballots (owners' elections: participating owners). */
  ballots: number;
  quorumMet: boolean;
  /** Options by their number. */
  options: OptionResult[];
  /** The chosen option numbers, most votes first. */
  chosen: number[];
  /** Options meeting the rule with equal votes for the last open seats, or null. */
  tie: { positions: number[]; seats: number } | null;
  /** At least one option chosen (and the quorum met). */
  passed: boolean;
}

/** A choice ballot to count: the voter (or owner key) and the selected option numbers. */
export interface ChoiceBallot {
  voter: string;
  positions: readonly number[];
}

export interface GeneralChoiceInput {
  method: ChoiceMethod;
  labels: readonly string[];
  maxChoices: number;
  majority: Majority;
  base: Base;
  entitled: WholeNumber;
  quorum?: { num: WholeNumber; den: WholeNumber } | undefined;
  ballots: readonly ChoiceBallot[];
}

export interface OwnersElectionChoiceInput {
  labels: readonly string[];
  seats: number;
  units: readonly { id: string; area: string; owner: string }[];
  ballots: readonly ChoiceBallot[];
}

/** An election result keyed by option number, as a ChoiceResult. */
export function choiceResultOf(
  method: ChoiceMethod,
  labels: readonly string[],
  ballots: number,
  election: Pick<ElectionResult, 'quorumMet' | 'candidates' | 'tie'>,
): ChoiceResult {
  const byKey = new Map<string, CandidateResult>(election.candidates.map((c) => [c.candidate, c]));
  const options = labels.map((label, index): OptionResult => {
    const c = byKey.get(String(index + 1));
    return {
      position: index + 1,
      label,
      votes: c?.approvals ?? 0,
      ...(c?.approvalArea !== undefined ? { area: c.approvalArea } : {}),
      meetsRule: c?.meetsRule ?? false,
      chosen: c?.elected ?? false,
      tied: c?.tied ?? false,
    };
  });
  const chosen = election.candidates.filter((c) => c.elected).map((c) => Number(c.candidate));
  return {
    method,
    ballots,
    quorumMet: election.quorumMet,
    options,
    chosen,
    tie: election.tie ? { positions: election.tie.candidates.map(Number), seats: election.tie.seats } : null,
    passed: election.quorumMet && chosen.length > 0,
  };
}

const keysOf = (labels: readonly string[]) => labels.map((_, index) => String(index + 1));

/**
 * Counts a council, resident or household choice vote (single, multiple,
 * election) under its rule. Pre: every selection valid (selectionProblem).
 * Throws VoteInputError on invalid input.
 */
export function tallyChoice(input: GeneralChoiceInput): ChoiceResult {
  const election = tallyElection({
    kind: 'general',
    seats: seatsOf(input.method, input.labels.length, input.maxChoices),
    candidates: keysOf(input.labels),
    majority: input.majority,
    base: input.base,
    entitled: input.entitled,
    ...(input.quorum ? { quorum: input.quorum } : {}),
    ballots: input.ballots.map((b) => ({ voter: b.voter, approvals: b.positions.map(String) })),
  });
  return choiceResultOf(input.method, input.labels, input.ballots.length, election);
}

/**
 * Counts an owners' election (§4.4): each candidate needs the art. 278
 * ordinary-matter majority by area and by headcount among participants.
 * Throws VoteInputError on invalid input.
 */
export function tallyOwnersElection(input: OwnersElectionChoiceInput): ChoiceResult {
  const election = tallyElection({
    kind: 'owners',
    seats: input.seats,
    candidates: keysOf(input.labels),
    units: input.units.map((u) => ({ ...u })),
    ballots: input.ballots.map((b) => ({ owner: b.voter, approvals: b.positions.map(String) })),
  });
  return choiceResultOf('election', input.labels, input.ballots.length, election);
}
