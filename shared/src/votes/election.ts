import { z } from 'zod';
import {
  baseSchema,
  decideGeneral,
  decideOwnersMatter,
  formatExactAreaCentiM2,
  identifierSchema,
  majoritySchema,
  type OwnerTotals,
  ownersElectorate,
  ownersQuorumMet,
  ownerUnitSchema,
  quorumSchema,
  VoteInputError,
  voteInputIssues,
  wholeNumberSchema,
} from './tally';

/**
 * Elections (DESIGN.md §4.4): electing the owners' committee or
 * representatives by approval voting. Each voter approves up to `seats`
 * candidates. A candidate is elected only if its approvals meet the vote's
 * rule on their own — for owners, the art. 278 ordinary-matter majority
 * (more than half of the participating area and of the participating owners,
 * after the 2/3 participation quorum); for other electorates, the vote's
 * majority of its base, a valid ballot that does not approve a candidate
 * counting as "no" for it. Seats go to the qualifying candidates with the
 * most approvals (approving voters; for owners, approving owners — the area
 * is reported beside it but breaks no tie). A tie for the last seat is
 * reported in `tie` and those seats stay open: never broken silently.
 * Internal API (not part of the `tally` command).
 */

const seatsSchema = z
  .number({ error: 'seats 应为正整数' })
  .int({ error: 'seats 应为正整数' })
  .min(1, { error: 'seats 至少为 1' });

const candidatesSchema = z
  .array(identifierSchema('候选人'), { error: 'candidates 应为数组' })
  .min(1, { error: 'candidates 不能为空' });

const approvalsSchema = z.array(identifierSchema('候选人'), { error: 'approvals 应为数组' });

/** Approvals name known candidates, each once, at most `seats` of them. */
function checkApprovals(
  ctx: z.RefinementCtx,
  seats: number,
  candidates: readonly string[],
  ballots: readonly { approvals: readonly string[] }[],
): void {
  const known = new Set<string>();
  candidates.forEach((candidate, index) => {
    if (known.has(candidate)) {
      ctx.addIssue({ code: 'custom', path: ['candidates', index], message: `候选人“${candidate}”重复` });
    }
    known.add(candidate);
  });
  ballots.forEach((ballot, index) => {
    if (ballot.approvals.length > seats) {
      ctx.addIssue({
        code: 'custom',
        path: ['ballots', index, 'approvals'],
        message: `最多选 ${seats} 人，这张票选了 ${ballot.approvals.length} 人`,
      });
    }
    const chosen = new Set<string>();
    for (const approval of ballot.approvals) {
      if (!known.has(approval)) {
        ctx.addIssue({ code: 'custom', path: ['ballots', index, 'approvals'], message: `“${approval}”不是候选人` });
      } else if (chosen.has(approval)) {
        ctx.addIssue({ code: 'custom', path: ['ballots', index, 'approvals'], message: `“${approval}”被选了两次` });
      }
      chosen.add(approval);
    }
  });
}

function checkOncePerVoter(ctx: z.RefinementCtx, voters: readonly string[], field: string): void {
  const seen = new Set<string>();
  voters.forEach((voter, index) => {
    if (seen.has(voter)) {
      ctx.addIssue({ code: 'custom', path: ['ballots', index, field], message: `“${voter}”投了不止一票` });
    }
    seen.add(voter);
  });
}

export const ownersElectionInputSchema = z
  .object({
    kind: z.literal('owners', { error: 'kind 应为 owners' }),
    seats: seatsSchema,
    candidates: candidatesSchema,
    units: z.array(ownerUnitSchema, { error: 'units 应为数组' }).min(1, { error: 'units 不能为空' }),
    ballots: z.array(z.object({ owner: identifierSchema('owner'), approvals: approvalsSchema }), {
      error: 'ballots 应为数组',
    }),
  })
  .superRefine((input, ctx) => {
    checkApprovals(ctx, input.seats, input.candidates, input.ballots);
    checkOncePerVoter(
      ctx,
      input.ballots.map((ballot) => ballot.owner),
      'owner',
    );
    const unitIds = new Set<string>();
    input.units.forEach((unit, index) => {
      if (unitIds.has(unit.id)) {
        ctx.addIssue({ code: 'custom', path: ['units', index, 'id'], message: `户 id“${unit.id}”重复` });
      }
      unitIds.add(unit.id);
    });
    const owners = new Set(input.units.map((unit) => unit.owner));
    input.ballots.forEach((ballot, index) => {
      if (!owners.has(ballot.owner)) {
        ctx.addIssue({
          code: 'custom',
          path: ['ballots', index, 'owner'],
          message: `“${ballot.owner}”名下没有任何一户`,
        });
      }
    });
  });

export const generalElectionInputSchema = z
  .object({
    kind: z.literal('general', { error: 'kind 应为 general' }),
    seats: seatsSchema,
    candidates: candidatesSchema,
    majority: majoritySchema,
    base: baseSchema,
    entitled: wholeNumberSchema,
    quorum: quorumSchema.optional(),
    ballots: z.array(
      z.object({
        voter: identifierSchema('voter'),
        approvals: approvalsSchema,
        /** A spoilt ballot: counts as cast (quorum, base "cast"), approves nobody. */
        invalid: z.boolean({ error: 'invalid 应为 true 或 false' }).optional(),
      }),
      { error: 'ballots 应为数组' },
    ),
  })
  .superRefine((input, ctx) => {
    checkApprovals(ctx, input.seats, input.candidates, input.ballots);
    checkOncePerVoter(
      ctx,
      input.ballots.map((ballot) => ballot.voter),
      'voter',
    );
    input.ballots.forEach((ballot, index) => {
      if (ballot.invalid && ballot.approvals.length > 0) {
        ctx.addIssue({ code: 'custom', path: ['ballots', index, 'approvals'], message: '无效票不能选任何候选人' });
      }
    });
    if (input.entitled < BigInt(input.ballots.length)) {
      ctx.addIssue({ code: 'custom', path: ['entitled'], message: `有表决权的人数少于选票数 ${input.ballots.length}` });
    }
  });

export type OwnersElectionInput = z.input<typeof ownersElectionInputSchema>;
export type GeneralElectionInput = z.input<typeof generalElectionInputSchema>;
export type ElectionInput = OwnersElectionInput | GeneralElectionInput;

export interface CandidateResult {
  candidate: string;
  /** Voters (for owners: owners) who approved the candidate. */
  approvals: number;
  /** Owners' elections: the approving owners' total area, two decimals. */
  approvalArea?: string;
  /** Whether the approvals meet the vote's rule on their own. */
  meetsRule: boolean;
  elected: boolean;
  /** Among the candidates tied for the last open seats (see ElectionResult.tie). */
  tied: boolean;
}

export interface ElectionResult {
  seats: number;
  quorumMet: boolean;
  /** Every candidate, by approvals (most first; equal approvals in the order of `candidates`). */
  candidates: CandidateResult[];
  /** The elected, by approvals. */
  elected: string[];
  /** Candidates meeting the rule with equal approvals for the last `seats` open seats, or null. */
  tie: { candidates: string[]; seats: number } | null;
}

/** Gives the seats to the qualifying candidates with the most approvals; a tie for the last seats is reported. */
export function allocateSeats(
  seats: number,
  results: CandidateResult[],
): Pick<ElectionResult, 'candidates' | 'elected' | 'tie'> {
  const ranked = results
    .map((result, order) => ({ result, order }))
    .sort((a, b) => b.result.approvals - a.result.approvals || a.order - b.order)
    .map(({ result }) => result);
  const qualified = ranked.filter((result) => result.meetsRule);
  let tie: ElectionResult['tie'] = null;
  let winners = qualified;
  if (qualified.length > seats) {
    const cutoff = qualified[seats - 1]?.approvals ?? 0;
    const above = qualified.filter((result) => result.approvals > cutoff);
    const atCutoff = qualified.filter((result) => result.approvals === cutoff);
    if (above.length + atCutoff.length <= seats) {
      winners = [...above, ...atCutoff];
    } else {
      winners = above;
      tie = { candidates: atCutoff.map((result) => result.candidate), seats: seats - above.length };
      for (const result of atCutoff) result.tied = true;
    }
  }
  for (const result of winners) result.elected = true;
  return { candidates: ranked, elected: winners.map((result) => result.candidate), tie };
}

/**
 * Counts an approval-voting election (owners or another electorate).
 * Pre: input as the election schemas describe. Effect: none (pure).
 * Throws VoteInputError (code VALIDATION_FAILED) naming every broken rule.
 */
export function tallyElection(input: ElectionInput): ElectionResult {
  if (input.kind === 'owners') {
    const parsed = ownersElectionInputSchema.safeParse(input);
    if (!parsed.success) throw new VoteInputError(voteInputIssues(parsed.error));
    const { seats, candidates, units, ballots } = parsed.data;
    const { areaByOwner, entitled } = ownersElectorate(units);
    const participating: OwnerTotals = { owners: BigInt(ballots.length), areaCentiM2: 0n };
    const approving = new Map<string, OwnerTotals>(candidates.map((c) => [c, { owners: 0n, areaCentiM2: 0n }]));
    for (const ballot of ballots) {
      const area = areaByOwner.get(ballot.owner) ?? 0n;
      participating.areaCentiM2 += area;
      for (const candidate of ballot.approvals) {
        const totals = approving.get(candidate);
        if (!totals) continue;
        totals.owners++;
        totals.areaCentiM2 += area;
      }
    }
    const results = candidates.map((candidate): CandidateResult => {
      const yes = approving.get(candidate) ?? { owners: 0n, areaCentiM2: 0n };
      return {
        candidate,
        approvals: Number(yes.owners),
        approvalArea: formatExactAreaCentiM2(yes.areaCentiM2),
        meetsRule: decideOwnersMatter('ordinary', { entitled, participating, yes }).passed,
        elected: false,
        tied: false,
      };
    });
    return { seats, quorumMet: ownersQuorumMet({ entitled, participating }), ...allocateSeats(seats, results) };
  }
  const parsed = generalElectionInputSchema.safeParse(input);
  if (!parsed.success) throw new VoteInputError(voteInputIssues(parsed.error));
  const { seats, candidates, ballots, entitled } = parsed.data;
  const invalid = ballots.filter((ballot) => ballot.invalid).length;
  const valid = ballots.length - invalid;
  const approvals = new Map<string, number>(candidates.map((c) => [c, 0]));
  for (const ballot of ballots) {
    if (ballot.invalid) continue;
    for (const candidate of ballot.approvals) approvals.set(candidate, (approvals.get(candidate) ?? 0) + 1);
  }
  let quorumMet = true;
  const results = candidates.map((candidate): CandidateResult => {
    const yes = approvals.get(candidate) ?? 0;
    const decision = decideGeneral(parsed.data, { yes, no: valid - yes, abstain: 0, invalid, entitled });
    quorumMet = decision.quorumMet;
    return { candidate, approvals: yes, meetsRule: decision.passed, elected: false, tied: false };
  });
  return { seats, quorumMet, ...allocateSeats(seats, results) };
}
