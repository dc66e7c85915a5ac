import {
  castResultSchema,
  type createVoteBodySchema,
  ELECTORATE_LABELS,
  type Electorate,
  VOTE_CHOICE_LABELS,
  type VoteChoice,
  type VoteView,
  voteViewSchema,
} from '@shared/votes/votes.schema';
import { z } from 'zod';
import { type RequestOptions, request } from './request';

/**
 * Votes (表决): the community's list, one vote with the viewer's standing,
 * casting a ballot (the receipt code comes back once), closing (moderators),
 * the published record and finding one's own entry in it by receipt code.
 */

export type { VoteChoice, VoteView };
export { ELECTORATE_LABELS, VOTE_CHOICE_LABELS };

export type NewVote = z.input<typeof createVoteBodySchema>;

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

export const VOTE_PAGES = {
  list: '/pages/councils/index',
  detail: '/pages/votes/detail',
  record: '/pages/votes/record',
  create: '/moderator/votes/new',
} as const;

export const voteDetailUrl = (voteId: number): string => `${VOTE_PAGES.detail}?id=${voteId}`;
export const voteRecordUrl = (voteId: number, check = false): string =>
  `${VOTE_PAGES.record}?id=${voteId}${check ? '&check=1' : ''}`;

const voteSummarySchema = z.object({
  id: z.number().int(),
  title: z.string(),
  electorate: z.string(),
  status: z.string(),
  closesAt: z.string(),
});
export type VoteSummary = z.infer<typeof voteSummarySchema>;

export const recordEntrySchema = z.object({
  seq: z.number().int(),
  choice: z.string(),
  weight: z.unknown().optional(),
  receiptHash: z.string(),
  entryHash: z.string().optional(),
});
export type RecordEntry = z.infer<typeof recordEntrySchema>;

const voteRecordSchema = z.object({
  entries: z.array(recordEntrySchema),
  head: z.unknown().optional(),
});
export type VoteRecord = z.infer<typeof voteRecordSchema>;

/** `GET /api/communities/:id/votes`: newest first. */
export function listCommunityVotes(communityId: number, options: Quiet = {}): Promise<VoteSummary[]> {
  return request(`/communities/${communityId}/votes`, { ...options, schema: z.array(voteSummarySchema) });
}

/** `GET /api/votes/:id`. */
export function getVote(voteId: number, options: Quiet = {}): Promise<VoteView> {
  return request(`/votes/${voteId}`, { ...options, schema: voteViewSchema });
}

/** `POST /api/votes/:id/ballots`: the receipt code is shown to the voter once. */
export function castBallot(voteId: number, choice: VoteChoice, options: Quiet = {}) {
  return request(`/votes/${voteId}/ballots`, {
    ...options,
    method: 'POST',
    data: { choice },
    schema: castResultSchema,
  });
}

/** `POST /api/votes/:id/close` (moderators): the final tally. */
export function closeVote(voteId: number): Promise<Record<string, unknown>> {
  return request(`/votes/${voteId}/close`, { method: 'POST', data: {} });
}

/** `POST /api/votes` (moderators). */
export function createVote(body: NewVote): Promise<{ id: number }> {
  return request('/votes', { method: 'POST', data: body, schema: z.object({ id: z.number().int() }) });
}

/** `GET /api/votes/:id/record` (after closing). */
export function getVoteRecord(voteId: number, options: Quiet = {}): Promise<VoteRecord> {
  return request(`/votes/${voteId}/record`, { ...options, schema: voteRecordSchema });
}

/** `GET /api/votes/:id/receipt?code=`: the voter's entry, or null. */
export async function findReceipt(voteId: number, code: string, options: Quiet = {}): Promise<RecordEntry | null> {
  const answer = await request(`/votes/${voteId}/receipt`, {
    ...options,
    data: { code: code.trim().toUpperCase() },
    schema: z.object({ entry: recordEntrySchema.nullable() }),
  });
  return answer.entry;
}

export function electorateLabel(electorate: string): string {
  return ELECTORATE_LABELS[electorate as Electorate] ?? electorate;
}

export function choiceLabel(choice: string): string {
  return VOTE_CHOICE_LABELS[choice as VoteChoice] ?? choice;
}

const MAJORITY_WORDS: Record<VoteView['majority'], string> = {
  simple: '过半数同意',
  two_thirds: '三分之二以上同意',
  three_quarters: '四分之三以上同意',
};

const BASE_WORDS: Record<VoteView['base'], string> = {
  YNA: '按同意、反对、弃权票合计',
  YN: '按同意和反对票计算，弃权不计',
  cast: '按全部投出的票计算',
  entitled: '按全部有投票资格的人数计算',
};

/** The rule in a resident's words: 过半数同意（…）, 业主双过半, 业主双四分之三. */
export function ruleText(vote: Pick<VoteView, 'electorate' | 'matter' | 'majority' | 'base' | 'quorum'>): string {
  if (vote.electorate === 'owners') {
    const quorum = '专有面积和人数均三分之二以上的业主参与表决';
    return vote.matter === 'major'
      ? `重大事项，业主双四分之三：${quorum}，且参与表决的专有面积和人数均四分之三以上同意`
      : `一般事项，业主双过半：${quorum}，且参与表决的专有面积和人数均过半数同意`;
  }
  const quorum =
    vote.quorum && vote.quorum.num > 0 ? `；至少 ${vote.quorum.num}/${vote.quorum.den} 的有资格者参与` : '';
  return `${MAJORITY_WORDS[vote.majority]}（${BASE_WORDS[vote.base]}）${quorum}`;
}

export function voteUnit(electorate: string): string {
  return electorate === 'households' ? '户' : '人';
}
