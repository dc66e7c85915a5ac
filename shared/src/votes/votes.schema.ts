import { z } from 'zod';

/** Who may vote (DESIGN.md §4.1); council votes come with councils and meetings. */
export const ELECTORATES = ['residents', 'households', 'owners'] as const;
export type Electorate = (typeof ELECTORATES)[number];
export const ELECTORATE_LABELS: Record<Electorate, string> = {
  residents: '全体认证居民（一人一票）',
  households: '每户一票',
  owners: '业主共同决定（按专有面积和人数）',
};

export const MAJORITIES = ['simple', 'two_thirds', 'three_quarters'] as const;
export const BASES = ['YNA', 'YN', 'cast', 'entitled'] as const;
export const VOTE_STATUSES = ['draft', 'open', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];
export const VOTE_CHOICES = ['yes', 'no', 'abstain'] as const;
export type VoteChoice = (typeof VOTE_CHOICES)[number];
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
  })
  .strict()
  .refine((v) => v.electorate !== 'owners' || (v.matter !== undefined && v.estateId !== undefined), {
    message: '业主共同决定需要选择小区和事项类别（一般事项或重大事项）',
    path: ['matter'],
  });
export type CreateVoteBody = z.infer<typeof createVoteBodySchema>;

export const castBallotBodySchema = z
  .object({
    choice: z.enum(VOTE_CHOICES),
    /** Household votes: the unit the ballot is for (one ballot per unit). */
    unitId: id.optional(),
  })
  .strict();

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
  me: z.object({ eligible: z.boolean(), reason: z.string().nullable(), voted: z.boolean() }),
});
export type VoteView = z.infer<typeof voteViewSchema>;
