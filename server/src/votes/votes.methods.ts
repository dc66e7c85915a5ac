import { DataSource, type EntityManager } from 'typeorm';
import { formatAreaCentiM2 } from '../../../shared/src/communities/roster';
import {
  type ChoiceMethod,
  decodeSelection,
  encodeSelection,
  selectionProblem,
  tallyChoice,
  tallyOwnersElection,
} from '../../../shared/src/votes/choice';
import { VOTE_CHOICE_LABELS, type VoteChoice } from '../../../shared/src/votes/votes.schema';
import { perDataSource } from '../db/per-data-source';
import { fieldError } from '../http/app-error';
import { type Vote, VoteOption } from './votes.entity';

/**
 * Vote methods (DESIGN.md §4.2, §4.4): the options of choice votes, checking
 * a ballot's answer against its vote's method, and counting choice votes with
 * the shared rules (shared/src/votes/choice.ts).
 */

/** Options never change once a vote opens, so their labels are cached per database and vote id. */
const labelCaches = perDataSource(() => new Map<number, string[]>());
const LABEL_CACHE_LIMIT = 2000;

function labelCacheOf(em: EntityManager | DataSource): Map<number, string[]> {
  return labelCaches(em instanceof DataSource ? em : em.dataSource);
}

/** Stores the options of a new choice vote, numbered from 1 in the order given. */
export async function saveOptions(em: EntityManager, voteId: number, labels: readonly string[]): Promise<void> {
  if (labels.length === 0) return;
  await em.insert(
    VoteOption,
    labels.map((label, index) => ({ voteId, position: index + 1, label })),
  );
}

/** The option labels of a vote, by number (index 0 = option 1); empty for yes/no votes. */
export async function optionLabels(em: EntityManager | DataSource, vote: Pick<Vote, 'id' | 'method'>) {
  if (vote.method === 'yes_no') return [];
  const labelCache = labelCacheOf(em);
  const cached = labelCache.get(vote.id);
  if (cached) return cached;
  const rows = await em.getRepository(VoteOption).find({ where: { voteId: vote.id }, order: { position: 'ASC' } });
  const labels = rows.map((r) => r.label);
  if (labels.length > 0) {
    if (labelCache.size >= LABEL_CACHE_LIMIT) labelCache.clear();
    labelCache.set(vote.id, labels);
  }
  return labels;
}

/**
 * The choice to store for a ballot (online or paper), checked against the
 * vote's method: yes/no/abstain, or the selected option numbers ("1,3").
 * Errors: VALIDATION_FAILED naming what is wrong, in words for the voter.
 */
export async function ballotChoiceFor(
  em: EntityManager | DataSource,
  vote: Pick<Vote, 'id' | 'method' | 'maxChoices'>,
  body: { choice?: VoteChoice | undefined; options?: number[] | undefined },
): Promise<string> {
  if (vote.method === 'yes_no') {
    if (!body.choice) throw fieldError('choice', '请选择同意、反对或弃权');
    return body.choice;
  }
  if (!body.options) throw fieldError('options', '本次表决请从选项中选择');
  const labels = await optionLabels(em, vote);
  const problem = selectionProblem(vote.method, labels.length, vote.maxChoices ?? 1, body.options);
  if (problem) throw fieldError('options', problem);
  return encodeSelection(body.options);
}

/** A stored choice in words: 同意, or the selected options' labels. */
export function choiceText(labels: readonly string[], choice: string): string {
  if (choice in VOTE_CHOICE_LABELS) return VOTE_CHOICE_LABELS[choice as VoteChoice];
  const positions = decodeSelection(choice) ?? [];
  return positions.map((p) => labels[p - 1] ?? `第 ${p} 项`).join('、');
}

export interface ChoiceCountInput {
  vote: Vote;
  labels: readonly string[];
  electors: { voterKey: string; unitId: number | null; areaCentiM2: number | null }[];
  ballots: { voterKey: string; choice: string }[];
}

/** The result of a choice vote from its frozen electorate and counted ballots. */
export function tallyChoiceVote({ vote, labels, electors, ballots }: ChoiceCountInput): Record<string, unknown> {
  const counted = ballots.map((b) => ({ voter: b.voterKey, positions: decodeSelection(b.choice) ?? [] }));
  if (vote.electorate === 'owners') {
    return tallyOwnersElection({
      labels,
      seats: vote.maxChoices ?? 1,
      units: electors.map((e) => ({
        id: String(e.unitId),
        area: formatAreaCentiM2(e.areaCentiM2 ?? 0),
        owner: e.voterKey,
      })),
      ballots: counted,
    }) as unknown as Record<string, unknown>;
  }
  return tallyChoice({
    method: vote.method as ChoiceMethod,
    labels,
    maxChoices: vote.maxChoices ?? 1,
    majority: vote.majority,
    base: vote.base,
    entitled: vote.entitledCount,
    quorum:
      vote.quorumNum !== null && vote.quorumDen !== null ? { num: vote.quorumNum, den: vote.quorumDen } : undefined,
    ballots: counted,
  }) as unknown as Record<string, unknown>;
}

/** The vote header of a choice vote's published record (kinds `choice` and `owners_election`). */
export function choiceRecordHeader(vote: Vote, labels: readonly string[]): Record<string, unknown> {
  if (vote.electorate === 'owners') {
    return {
      id: String(vote.id),
      title: vote.title,
      kind: 'owners_election',
      seats: vote.maxChoices ?? 1,
      options: [...labels],
    };
  }
  return {
    id: String(vote.id),
    title: vote.title,
    kind: 'choice',
    method: vote.method,
    maxChoices: vote.method === 'single' ? 1 : (vote.maxChoices ?? 1),
    options: [...labels],
    majority: vote.majority,
    base: vote.base,
    ...(vote.quorumNum !== null ? { quorum: { num: vote.quorumNum, den: vote.quorumDen } } : {}),
  };
}
