import { z } from 'zod';
import { MAX_OPTIONS, VOTE_METHODS } from './choice';

export { MAX_OPTIONS, VOTE_METHOD_LABELS, VOTE_METHODS, type VoteMethod } from './choice';

/** Who may vote (DESIGN.md §4.1). */
export const ELECTORATES = ['residents', 'households', 'owners', 'council'] as const;
export type Electorate = (typeof ELECTORATES)[number];
export const ELECTORATE_LABELS: Record<Electorate, string> = {
  residents: '全体认证居民（一人一票）',
  households: '每户一票',
  owners: '业主共同决定（按专有面积和人数）',
  council: '议事会成员（每位在任成员一票）',
};

export const MAJORITIES = ['simple', 'two_thirds', 'three_quarters'] as const;
export const BASES = ['YNA', 'YN', 'cast', 'entitled'] as const;
export const VOTE_STATUSES = ['draft', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];
export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
/** A stored ballot's choice: yes / no / abstain, or a selection of option numbers ("1,3", see choice.ts). */
export type StoredChoice = string;
export const VOTE_CHOICE_LABELS: Record<VoteChoice, string> = { yes: '同意', no: '反对', abstain: '弃权' };

const id = z.number().int().positive().max(2_147_483_647);

export const createVoteBodySchema = z
  .object({
    communityId: id,
    /** Required for owners' decisions (the estate whose owners decide); optional scope otherwise. */
    estateId: id.optional(),
    topicId: id.optional(),
    title: z.string().trim().min(4, '标题至少 4 个字').max(80),
    description: z.string().trim().max(2000).default(''),
    electorate: z.enum(ELECTORATES),
    /** Owners' decisions: ordinary or major matter (Civil Code art. 278). */
    matter: z.enum(['ordinary', 'major']).optional(),
    /** Resident and household votes: the rule (DESIGN.md §4.2). */
    majority: z.enum(MAJORITIES).default('simple'),
    base: z.enum(BASES).default('YNA'),
    quorum: z
      .object({ num: z.number().int().min(0), den: z.number().int().min(1) })
      .strict()
      .refine((q) => q.num <= q.den, '法定人数比例不能大于 1')
      .optional(),
    secret: z.boolean().default(true),
    resultsLive: z.boolean().default(false),
    allowChange: z.boolean().default(false),
    /** When casting ends (ISO time); owners' decisions often run two weeks. */
    closesAt: z.iso.datetime(),
    /** How voters answer: yes/no/abstain, single choice, multiple choice (at most maxChoices), election. */
    method: z.enum(VOTE_METHODS).default('yes_no'),
    /** Options or candidates, in the order shown (numbered 1, 2, …); for every method but yes_no. */
    options: z
      .array(z.string().trim().min(1, '选项不能为空').max(40, '每个选项最多 40 个字'))
      .min(2, '至少需要两个选项')
      .max(MAX_OPTIONS, `最多 ${MAX_OPTIONS} 个选项`)
      .optional(),
    /** Multiple choice: the most options one ballot may select; elections: the seats to fill. */
    maxChoices: z.number().int().min(1).max(MAX_OPTIONS).optional(),
    /** Council votes: the council whose seat holders (in term when the vote opens) vote. */
    councilId: id.optional(),
    /** A vote taken in a meeting (in session) on one of its agenda items: only checked-in participants cast. */
    meetingId: id.optional(),
    agendaItemId: id.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.electorate === 'owners' && v.estateId === undefined) issue('estateId', '业主共同决定需要选择小区');
    if (v.electorate === 'owners' && v.method === 'yes_no' && v.matter === undefined) {
      issue('matter', '业主共同决定需要选择事项类别（一般事项或重大事项）');
    }
    if (v.electorate === 'owners' && (v.method === 'single' || v.method === 'multiple')) {
      issue('method', '业主共同决定只能用“同意/反对/弃权”或选举的方式表决');
    }
    if (v.electorate === 'council' && v.councilId === undefined && v.meetingId === undefined) {
      issue('councilId', '议事会表决需要选择议事会或会议');
    }
    if ((v.meetingId === undefined) !== (v.agendaItemId === undefined)) {
      issue('agendaItemId', '会上表决需要同时选择会议和议程');
    }
    if (v.method === 'yes_no') {
      if (v.options !== undefined) issue('options', '“同意/反对/弃权”表决不需要填写选项');
      return;
    }
    if (v.options === undefined) {
      issue('options', v.method === 'election' ? '请填写候选人（至少两位）' : '请填写选项（至少两个）');
      return;
    }
    if (new Set(v.options).size !== v.options.length) issue('options', '选项不能重复');
    if (v.method !== 'single') {
      if (v.maxChoices === undefined) {
        issue('maxChoices', v.method === 'election' ? '请填写应选人数' : '请填写每票最多可选几项');
      } else if (v.maxChoices > v.options.length) {
        issue('maxChoices', v.method === 'election' ? '应选人数不能多于候选人数' : '每票最多可选的项数不能多于选项数');
      }
    }
  });
export type CreateVoteBody = z.infer<typeof createVoteBodySchema>;

export const castBallotBodySchema = z
  .object({
    /** Yes/no/abstain votes: the answer. */
    choice: z.enum(VOTE_CHOICES).optional(),
    /** Choice votes: the selected option numbers (1-based). */
    options: z.array(z.number().int().min(1).max(MAX_OPTIONS)).max(MAX_OPTIONS).optional(),
    /** Household and owners' votes: the unit the ballot is for (when the voter holds several). */
    unitId: id.optional(),
    /** Casting as an authorized proxy: the authorization's id (the ballot counts for the voter who gave it). */
    proxyId: id.optional(),
  })
  .strict()
  .refine((b) => (b.choice === undefined) !== (b.options === undefined), {
    message: '请选择“同意/反对/弃权”，或选择选项',
    path: ['choice'],
  });
export type CastBallotBody = z.infer<typeof castBallotBodySchema>;

export const castResultSchema = z.object({
  /** Shown once: the voter finds their entry in the published record with it. */
  receiptCode: z.string(),
  replaced: z.boolean(),
});

export const voteViewSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  estateId: z.number().int().nullable(),
  topicId: z.number().int().nullable(),
  title: z.string(),
  description: z.string(),
  electorate: z.enum(ELECTORATES),
  matter: z.enum(['ordinary', 'major']).nullable(),
  majority: z.enum(MAJORITIES),
  base: z.enum(BASES),
  quorum: z.object({ num: z.number().int(), den: z.number().int() }).nullable(),
  secret: z.boolean(),
  resultsLive: z.boolean(),
  allowChange: z.boolean(),
  status: z.enum(VOTE_STATUSES),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  participation: z.object({ voters: z.number().int(), entitled: z.number().int(), area: z.string().nullable() }),
  /** The tally, when results are live or the vote is closed. */
  result: z.record(z.string(), z.unknown()).nullable(),
  method: z.enum(VOTE_METHODS),
  /** Options or candidates by number (empty for yes/no votes). */
  options: z.array(z.object({ position: z.number().int(), label: z.string() })),
  /** Multiple choice: most options per ballot; elections: seats; otherwise null. */
  maxChoices: z.number().int().nullable(),
  councilId: z.number().int().nullable(),
  meetingId: z.number().int().nullable(),
  agendaItemId: z.number().int().nullable(),
  me: z.object({
    eligible: z.boolean(),
    reason: z.string().nullable(),
    voted: z.boolean(),
    /** Household and owners' votes: the viewer's units in scope (choose one when there are several). */
    units: z.array(z.object({ unitId: z.number().int(), label: z.string(), voted: z.boolean() })).default([]),
    /** Authorizations naming the viewer as proxy: cast for these voters. */
    proxyFor: z.array(z.object({ proxyId: z.number().int(), voterName: z.string(), voted: z.boolean() })).default([]),
    /** The viewer's own authorization of a proxy in this vote, if any. */
    myProxy: z
      .object({ id: z.number().int(), proxyName: z.string(), status: z.string(), used: z.boolean() })
      .nullable()
      .default(null),
  }),
});
export type VoteView = z.infer<typeof voteViewSchema>;

/** An option of a choice vote, as listed to voters. */
export interface VoteOptionView {
  position: number;
  label: string;
}

// ---------------------------------------------------------------------------
// Paper ballots (entered by a grid worker or moderator, confirmed by a second person)

export const PAPER_BALLOT_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type PaperBallotStatus = (typeof PAPER_BALLOT_STATUSES)[number];
export const PAPER_BALLOT_STATUS_LABELS: Record<PaperBallotStatus, string> = {
  pending: '待确认',
  confirmed: '已确认计票',
  rejected: '已退回',
};

export const electorSearchQuerySchema = z
  .object({ q: z.string().trim().max(40).default(''), limit: z.coerce.number().int().min(1).max(50).default(20) })
  .strict();

/** One voter of the frozen electorate, as a grid worker or moderator picks them for a paper ballot. */
export const electorViewSchema = z.object({
  voterKey: z.string(),
  /** Real name for moderators; masked (张**) for grid workers. */
  name: z.string(),
  /** The voter's units, e.g. 锦绣华庭 1号楼 1单元1201. */
  units: z.array(z.string()),
  area: z.string().nullable(),
  voted: z.boolean(),
  pendingPaper: z.boolean(),
});
export type ElectorView = z.infer<typeof electorViewSchema>;

export const recordPaperBallotBodySchema = z
  .object({
    voterKey: z.string().trim().min(3).max(80),
    choice: z.enum(VOTE_CHOICES).optional(),
    options: z.array(z.number().int().min(1).max(MAX_OPTIONS)).max(MAX_OPTIONS).optional(),
    /** Where the paper is kept or any remark (e.g. 第三网格走访 3号楼). */
    note: z.string().trim().max(200).default(''),
  })
  .strict()
  .refine((b) => (b.choice === undefined) !== (b.options === undefined), {
    message: '请填写纸质选票上的选择',
    path: ['choice'],
  });
export type RecordPaperBallotBody = z.infer<typeof recordPaperBallotBodySchema>;

export const paperBallotViewSchema = z.object({
  id: z.number().int(),
  voteId: z.number().int(),
  voteTitle: z.string(),
  voterName: z.string(),
  voterUnits: z.array(z.string()),
  /** The choice in words (同意 / 选项名称). */
  choiceText: z.string(),
  note: z.string(),
  status: z.enum(PAPER_BALLOT_STATUSES),
  enteredBy: z.string(),
  enteredByMe: z.boolean(),
  enteredAt: z.string(),
  decidedBy: z.string().nullable(),
  reason: z.string().nullable(),
});
export type PaperBallotView = z.infer<typeof paperBallotViewSchema>;

export const recordPaperBallotResultSchema = z.object({
  paperBallot: paperBallotViewSchema,
  /** Shown once: written on the voter's paper slip so they can find their entry in the record. */
  receiptCode: z.string(),
});

export const paperBallotListQuerySchema = z
  .object({ status: z.enum(PAPER_BALLOT_STATUSES).default('pending') })
  .strict();

export const rejectPaperBallotBodySchema = z
  .object({ reason: z.string().trim().min(2, '请写明退回原因').max(200) })
  .strict();

// ---------------------------------------------------------------------------
// Proxies (an eligible voter authorizes a verified member of the community for one vote)

export const authorizeProxyBodySchema = z
  .object({
    /** The proxy: a verified member of this unit with this name. */
    proxyUnitId: id,
    proxyName: z.string().trim().min(1, '请填写代理人姓名').max(50),
    /** The photo of the signed authorization (an upload of purpose proxy_authorization). */
    uploadId: id,
    /** Household and owners' votes: the unit the authorization is for. */
    unitId: id.optional(),
  })
  .strict();
export type AuthorizeProxyBody = z.infer<typeof authorizeProxyBodySchema>;

export const PROXY_STATUSES = ['active', 'revoked'] as const;

export const proxyViewSchema = z.object({
  id: z.number().int(),
  voteId: z.number().int(),
  /** Real names for moderators; masked otherwise. */
  voterName: z.string(),
  proxyName: z.string(),
  status: z.enum(PROXY_STATUSES),
  /** The proxy has cast the ballot. */
  used: z.boolean(),
  createdAt: z.string(),
  /** Moderators: where to fetch the authorization photo. */
  photoUrl: z.string().nullable(),
});
export type ProxyView = z.infer<typeof proxyViewSchema>;
