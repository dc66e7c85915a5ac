import { z } from 'zod';
import { STATUS_GROUPS } from './measures';

/** Response schemas of the ledgers and statistics operations (server validates, client parses). */

const int = z.number().int();
const periodSchema = z.object({ from: z.string(), to: z.string() });

export const rateSchema = z.object({
  numerator: int,
  denominator: int,
  percent: z.number().nullable(),
});

const countRowSchema = z.object({ key: z.string(), label: z.string(), count: int });

export const topicMeasuresSchema = z.object({
  submitted: int,
  byStatus: z.array(countRowSchema),
  byCategory: z.array(countRowSchema),
  byMonth: z.array(
    z.object({
      month: z.string(),
      submitted: int,
      byGroup: z.object(
        Object.fromEntries(STATUS_GROUPS.map((g) => [g, int])) as Record<(typeof STATUS_GROUPS)[number], typeof int>,
      ),
    }),
  ),
  medianDaysToFirstResponse: z.number().nullable(),
  respondedCount: int,
  medianDaysToCompletion: z.number().nullable(),
  completedCount: int,
  shareResolved: rateSchema,
});

/** The numbers of one community (or, pooled, of several) over a period. */
export const statsCoreSchema = z.object({
  topics: topicMeasuresSchema,
  meetings: z.object({ held: int, attendance: rateSchema }),
  votes: z.object({ opened: int, closed: int, passed: int }),
  participation: rateSchema,
  /** Share of 4s and 5s among the evaluations made in the period; null while evaluations are not recorded. */
  satisfaction: rateSchema.nullable(),
  /** Three-society service projects: active in the period, work begun in it, completed in it. */
  projects: z.object({ active: int, started: int, completed: int }).nullable(),
});
export type StatsCore = z.infer<typeof statsCoreSchema>;

export const communityRefSchema = z.object({ id: int, name: z.string() });

export const communityStatsSchema = z.object({
  community: communityRefSchema.extend({ subDistrictName: z.string() }),
  period: periodSchema,
  generatedAt: z.string(),
  stats: statsCoreSchema,
});
export type CommunityStats = z.infer<typeof communityStatsSchema>;

export const subDistrictStatsSchema = z.object({
  subDistrict: communityRefSchema,
  period: periodSchema,
  generatedAt: z.string(),
  communities: z.array(z.object({ community: communityRefSchema, stats: statsCoreSchema })),
  /** All communities pooled: counts summed, rates from summed parts, medians over every topic. */
  totals: statsCoreSchema,
});
export type SubDistrictStats = z.infer<typeof subDistrictStatsSchema>;

/** What the signed-in user may report on: communities they moderate, sub-districts they administer. */
export const statsScopesSchema = z.object({
  communities: z.array(communityRefSchema.extend({ subDistrictName: z.string() })),
  subDistricts: z.array(communityRefSchema.extend({ communities: z.array(communityRefSchema) })),
});
export type StatsScopes = z.infer<typeof statsScopesSchema>;

export const ledgerTopicSchema = z.object({
  communityName: z.string(),
  id: int,
  title: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  category: z.string(),
  /** The estate (小区), or 全社区 for a community-wide topic. */
  estate: z.string(),
  /** Responsible party and level, e.g. 恒安物业（小区）; empty before routing. */
  routedTo: z.string(),
  submittedOn: z.string(),
  daysToFirstResponse: int.nullable(),
  daysToCompletion: int.nullable(),
  /** Evaluations of the topic (when recorded): how many, and the share of 4s and 5s. */
  satisfaction: rateSchema.nullable(),
});

export const ledgerMeetingSchema = z.object({
  communityName: z.string(),
  id: int,
  /** Day of the meeting (Asia/Shanghai). */
  date: z.string(),
  startsAt: z.string(),
  title: z.string(),
  statusLabel: z.string(),
  council: z.string(),
  /** Everyone invited (council seat holders and guests). */
  invited: int,
  present: int,
  /** Council invitees present / council invitees. */
  attendance: rateSchema,
  items: int,
  itemTitles: z.array(z.string()),
  /** Decisions and vote results in words. */
  results: z.string(),
});

export const ledgerVoteSchema = z.object({
  communityName: z.string(),
  id: int,
  title: z.string(),
  openedOn: z.string(),
  electorate: z.string(),
  method: z.string(),
  rule: z.string(),
  entitled: int,
  participated: int,
  status: z.string(),
  /** null while the vote is open. */
  passed: z.boolean().nullable(),
  result: z.string(),
  /** Head hash of the published ballot log (closed votes). */
  recordHead: z.string().nullable(),
});

export const ledgerProjectSchema = z.object({
  communityName: z.string(),
  id: int,
  title: z.string(),
  status: z.string(),
  /** The selected social organisation; empty before selection. */
  organisation: z.string(),
  /** Budget in words (元), empty before the design. */
  budget: z.string(),
  /** Day work began (the organisation selected), empty before. */
  startedOn: z.string(),
  completedOn: z.string(),
  /** Third-party evaluation: score and evaluator, empty before. */
  evaluation: z.string(),
});

export const ledgerSchema = z.object({
  scope: z.object({
    kind: z.enum(['community', 'sub_district']),
    id: int,
    /** The community's name, or the sub-district's. */
    name: z.string(),
    subDistrictName: z.string(),
  }),
  period: periodSchema,
  generatedAt: z.string(),
  topics: z.array(ledgerTopicSchema),
  meetings: z.array(ledgerMeetingSchema),
  votes: z.array(ledgerVoteSchema),
  /** Three-society projects active in the period (null from a server that does not record them). */
  projects: z.array(ledgerProjectSchema).nullable(),
});
export type Ledger = z.infer<typeof ledgerSchema>;
export type LedgerTopic = z.infer<typeof ledgerTopicSchema>;
export type LedgerMeeting = z.infer<typeof ledgerMeetingSchema>;
export type LedgerVote = z.infer<typeof ledgerVoteSchema>;
export type LedgerProject = z.infer<typeof ledgerProjectSchema>;

/** A meeting's record for the print view (会议纪要): facts, attendance sign-in list (names masked) and results. */
export const meetingPrintSchema = z.object({
  communityName: z.string(),
  subDistrictName: z.string(),
  id: int,
  title: z.string(),
  startsAt: z.string(),
  date: z.string(),
  place: z.string(),
  mode: z.string(),
  statusLabel: z.string(),
  council: z.string(),
  agenda: z.array(z.object({ position: int, title: z.string(), minutes: int })),
  /** The sign-in list: number on the list, masked name, council member or guest, present. */
  attendees: z.array(z.object({ no: int, name: z.string(), role: z.enum(['council', 'guest']), present: z.boolean() })),
  attendance: z.object({ invited: int, present: int, council: rateSchema }),
  votes: z.array(z.object({ title: z.string(), result: z.string(), recordHead: z.string().nullable() })),
  /** Each agenda item's conclusion: the item's topic, 形成决议 or 未形成决议, the resolution. */
  decisions: z.array(z.object({ title: z.string(), outcome: z.string(), resolution: z.string() })),
  /** The published minutes text, once the meeting's minutes are published. */
  minutes: z.string().nullable(),
});
export type MeetingPrint = z.infer<typeof meetingPrintSchema>;
