import { uploadResultSchema } from '@shared/uploads/uploads.schema';
import { type ChoiceMethod, selectionLimit, selectionProblem } from '@shared/votes/choice';
import {
  type AuthorizeProxyBody,
  castResultSchema,
  type createVoteBodySchema,
  ELECTORATE_LABELS,
  type Electorate,
  type ElectorView,
  electorViewSchema,
  type PaperBallotStatus,
  type PaperBallotView,
  type ProxyView,
  paperBallotViewSchema,
  proxyViewSchema,
  recordPaperBallotResultSchema,
  VOTE_CHOICE_LABELS,
  VOTE_METHOD_LABELS,
  type VoteChoice,
  type VoteMethod,
  type VoteView,
  voteViewSchema,
} from '@shared/votes/votes.schema';
import { z } from 'zod';
import { type RequestOptions, request, upload } from './request';
import type { ChosenPhoto } from './uploads';

/**
 * Votes (表决): the community's list, one vote with the viewer's standing,
 * casting a ballot (the receipt code comes back once), closing (moderators),
 * the published record and finding one's own entry in it by receipt code.
 */

export type { ElectorView, PaperBallotView, ProxyView, VoteChoice, VoteMethod, VoteView };
export { ELECTORATE_LABELS, VOTE_CHOICE_LABELS, VOTE_METHOD_LABELS };

export type NewVote = z.input<typeof createVoteBodySchema>;

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

export const VOTE_PAGES = {
  list: '/pages/councils/index',
  detail: '/pages/votes/detail',
  record: '/pages/votes/record',
  create: '/moderator/votes/new',
  paper: '/moderator/votes/paper',
  paperConfirm: '/moderator/votes/paper-confirm',
} as const;

export const paperEntryUrl = (voteId: number): string => `${VOTE_PAGES.paper}?id=${voteId}`;
export const paperConfirmUrl = (communityId: number): string => `${VOTE_PAGES.paperConfirm}?community=${communityId}`;

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
  vote: z
    .object({ options: z.array(z.string()).optional() })
    .partial()
    .optional(),
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

/** A ballot's answer: yes/no/abstain, or option numbers for choice votes. */
export type BallotAnswer = { choice: VoteChoice } | { options: number[] };

/** For whom a ballot is cast: the unit (household and owners' votes) or, as a proxy, the authorization. */
export interface CastFor {
  unitId?: number;
  proxyId?: number;
}

/** `POST /api/votes/:id/ballots`: the receipt code is shown to the voter once. */
export function castBallot(
  voteId: number,
  answer: VoteChoice | BallotAnswer,
  castFor: CastFor = {},
  options: Quiet = {},
) {
  const body = typeof answer === 'string' ? { choice: answer } : answer;
  return request(`/votes/${voteId}/ballots`, {
    ...options,
    method: 'POST',
    data: { ...body, ...castFor },
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

/** A published choice in words: 同意, or the option labels of a selection ("1,3") when the record lists them. */
export function choiceLabel(choice: string, options?: readonly string[]): string {
  const label = VOTE_CHOICE_LABELS[choice as VoteChoice];
  if (label) return label;
  if (!options || !/^\d+(,\d+)*$/.test(choice)) return choice;
  return choice
    .split(',')
    .map((p) => options[Number(p) - 1] ?? `第 ${p} 项`)
    .join('、');
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

// ---------------------------------------------------------------------------
// Choice votes

/** Whether the vote is answered with options (single, multiple, election) rather than yes/no/abstain. */
export function isChoiceVote(
  vote: Pick<VoteView, 'method'>,
): vote is Pick<VoteView, 'method'> & { method: ChoiceMethod } {
  return vote.method !== 'yes_no';
}

/** How many options one ballot may select in the vote. */
export function choiceLimit(vote: Pick<VoteView, 'method' | 'maxChoices'>): number {
  return vote.method === 'yes_no' ? 1 : selectionLimit(vote.method, vote.maxChoices ?? 1);
}

/**
 * Tapping an option: single choice replaces the selection; otherwise the
 * option toggles, and a tap beyond the limit is refused (returns the same
 * selection and a sentence to show).
 */
export function toggleOption(
  vote: Pick<VoteView, 'method' | 'maxChoices'>,
  selected: readonly number[],
  position: number,
): { selected: number[]; refused?: string } {
  if (vote.method === 'single') return { selected: [position] };
  if (selected.includes(position)) return { selected: selected.filter((p) => p !== position) };
  const limit = choiceLimit(vote);
  if (selected.length >= limit) {
    return {
      selected: [...selected],
      refused: vote.method === 'election' ? `最多选 ${limit} 人，请先取消一位` : `最多选 ${limit} 项，请先取消一项`,
    };
  }
  return { selected: [...selected, position].sort((a, b) => a - b) };
}

/** Why the selection cannot be cast yet (in words for the voter), or undefined. */
export function selectionIssue(
  vote: Pick<VoteView, 'method' | 'maxChoices' | 'options'>,
  selected: readonly number[],
): string | undefined {
  if (vote.method === 'yes_no') return undefined;
  return selectionProblem(vote.method, vote.options.length, vote.maxChoices ?? 1, selected) ?? undefined;
}

/** The chosen options' labels, for the confirmation ("您选择了：中心花园、北门空地"). */
export function selectionText(vote: Pick<VoteView, 'options'>, selected: readonly number[]): string {
  return selected.map((p) => vote.options.find((o) => o.position === p)?.label ?? `第 ${p} 项`).join('、');
}

/** How to choose, in a sentence: 请选择一项 / 最多选 2 项 / 最多选 3 人. */
export function choiceHint(vote: Pick<VoteView, 'method' | 'maxChoices'>): string {
  if (vote.method === 'single') return '请选择一项';
  if (vote.method === 'election') return `请选择候选人，最多选 ${choiceLimit(vote)} 人`;
  return `可以多选，最多选 ${choiceLimit(vote)} 项`;
}

/** One option's count in a choice vote's result (when visible). */
export interface OptionTally {
  position: number;
  label: string;
  votes: number;
  area?: string;
  chosen: boolean;
  tied: boolean;
}

/** The option counts of a choice vote's result, or undefined when it carries none. */
export function optionTallies(result: Record<string, unknown> | null): OptionTally[] | undefined {
  const options = result?.options;
  if (!Array.isArray(options)) return undefined;
  return options as OptionTally[];
}

// ---------------------------------------------------------------------------
// Paper ballots (grid workers and moderators)

/** `GET /api/votes/:id/electors?q=`: voters of the frozen electorate by name or unit. */
export function searchElectors(voteId: number, q: string): Promise<ElectorView[]> {
  return request(`/votes/${voteId}/electors`, { data: { q: q.trim() }, schema: z.array(electorViewSchema) });
}

/** `POST /api/votes/:id/paper-ballots`: pending until a second person confirms; the receipt code comes back once. */
export function recordPaperBallot(voteId: number, voterKey: string, answer: BallotAnswer, note = '') {
  return request(`/votes/${voteId}/paper-ballots`, {
    method: 'POST',
    data: { voterKey, ...answer, note },
    schema: recordPaperBallotResultSchema,
  });
}

/** `GET /api/communities/:id/paper-ballots?status=`. */
export function listPaperBallots(
  communityId: number,
  status: PaperBallotStatus = 'pending',
): Promise<PaperBallotView[]> {
  return request(`/communities/${communityId}/paper-ballots`, {
    data: { status },
    schema: z.array(paperBallotViewSchema),
  });
}

/** `POST /api/paper-ballots/:id/confirm` (someone other than who entered it). */
export function confirmPaperBallot(id: number): Promise<PaperBallotView> {
  return request(`/paper-ballots/${id}/confirm`, { method: 'POST', data: {}, schema: paperBallotViewSchema });
}

/** `POST /api/paper-ballots/:id/reject`. */
export function rejectPaperBallot(id: number, reason: string): Promise<PaperBallotView> {
  return request(`/paper-ballots/${id}/reject`, { method: 'POST', data: { reason }, schema: paperBallotViewSchema });
}

// ---------------------------------------------------------------------------
// Proxies

/** Uploads the photo of the signed authorization form; resolves with its upload id. */
export async function uploadProxyForm(photo: ChosenPhoto): Promise<number> {
  const uploaded = await upload('/uploads', {
    filePath: photo.path,
    name: 'file',
    formData: { purpose: 'proxy_authorization' },
    fileName: photo.fileName,
    schema: uploadResultSchema,
  });
  return uploaded.id;
}

/** `POST /api/votes/:id/proxies`. */
export function authorizeProxy(voteId: number, body: AuthorizeProxyBody): Promise<ProxyView> {
  return request(`/votes/${voteId}/proxies`, { method: 'POST', data: body, schema: proxyViewSchema });
}

/** `POST /api/vote-proxies/:id/revoke`. */
export function revokeProxy(proxyId: number): Promise<ProxyView> {
  return request(`/vote-proxies/${proxyId}/revoke`, { method: 'POST', data: {}, schema: proxyViewSchema });
}

/** `GET /api/votes/:id/proxies` (moderators). */
export function listVoteProxies(voteId: number): Promise<ProxyView[]> {
  return request(`/votes/${voteId}/proxies`, { schema: z.array(proxyViewSchema) });
}

// ---------------------------------------------------------------------------
// Creating votes (moderators)

const councilOptionSchema = z.object({ id: z.number().int(), name: z.string(), estateName: z.string().nullable() });
export type CouncilOption = z.infer<typeof councilOptionSchema>;

/** `GET /api/communities/:id/councils`: the councils a vote can be put to. */
export function listCouncilOptions(communityId: number): Promise<CouncilOption[]> {
  return request(`/communities/${communityId}/councils`, { schema: z.array(councilOptionSchema) });
}

/** What the create-vote form holds. */
export interface VoteDraft {
  title: string;
  description: string;
  electorate: Electorate;
  estateId?: number;
  matter?: 'ordinary' | 'major';
  councilId?: number;
  method: VoteMethod;
  options: string[];
  maxChoices?: number;
  majority: NonNullable<NewVote['majority']>;
  days: number;
  secret: boolean;
  resultsLive: boolean;
  allowChange: boolean;
}

/** Methods open to an electorate: owners decide yes/no (Civil Code art. 278) or elect. */
export function methodsFor(electorate: Electorate): VoteMethod[] {
  return electorate === 'owners' ? ['yes_no', 'election'] : ['yes_no', 'single', 'multiple', 'election'];
}

/**
 * The create-vote body from the form, or the first problem in words for the
 * moderator (the server checks everything again).
 */
export function voteBodyFromDraft(
  draft: VoteDraft,
  communityId: number,
  now = Date.now(),
): { body: NewVote } | { problem: string; field: string } {
  const title = draft.title.trim();
  if (title.length < 4) return { problem: '标题至少 4 个字', field: 'title' };
  if (draft.electorate === 'owners' && draft.estateId === undefined) {
    return { problem: '请选择由哪个小区的业主表决', field: 'estateId' };
  }
  if (draft.electorate === 'council' && draft.councilId === undefined) {
    return { problem: '请选择议事会', field: 'councilId' };
  }
  const options = draft.options.map((o) => o.trim()).filter(Boolean);
  if (draft.method !== 'yes_no') {
    if (options.length < 2) {
      return { problem: draft.method === 'election' ? '请至少填写两位候选人' : '请至少填写两个选项', field: 'options' };
    }
    if (new Set(options).size !== options.length) return { problem: '选项不能重复', field: 'options' };
    if (draft.method !== 'single' && (draft.maxChoices === undefined || draft.maxChoices > options.length)) {
      return {
        problem: draft.method === 'election' ? '应选人数不能多于候选人数' : '最多可选的项数不能多于选项数',
        field: 'maxChoices',
      };
    }
  }
  const owners = draft.electorate === 'owners';
  return {
    body: {
      communityId,
      title,
      description: draft.description.trim(),
      electorate: draft.electorate,
      ...(owners || (draft.electorate !== 'council' && draft.estateId !== undefined)
        ? { estateId: draft.estateId }
        : {}),
      ...(owners && draft.method === 'yes_no' ? { matter: draft.matter ?? 'ordinary' } : {}),
      ...(draft.electorate === 'council' ? { councilId: draft.councilId } : {}),
      method: draft.method,
      ...(draft.method !== 'yes_no' ? { options } : {}),
      ...(draft.method === 'multiple' || draft.method === 'election' ? { maxChoices: draft.maxChoices } : {}),
      majority: owners ? 'simple' : draft.majority,
      base: 'YNA',
      secret: draft.secret,
      resultsLive: draft.resultsLive,
      allowChange: draft.allowChange,
      closesAt: new Date(now + draft.days * 24 * 3600_000).toISOString(),
    },
  };
}
