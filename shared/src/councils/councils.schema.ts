import { z } from 'zod';

/** The parties a deliberation council seats (DESIGN.md §1, mechanism 4). */
export const SEAT_PARTIES = [
  'resident_representative',
  'owners_committee',
  'property_company',
  'social_org',
  'party_branch',
  'resident_unit',
] as const;
export type SeatParty = (typeof SEAT_PARTIES)[number];
export const SEAT_PARTY_LABELS: Record<SeatParty, string> = {
  resident_representative: '居民代表',
  owners_committee: '业主委员会',
  property_company: '物业公司',
  social_org: '社会组织',
  party_branch: '党组织',
  resident_unit: '驻区单位',
};

const id = z.number().int().positive().max(2_147_483_647);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

export const createCouncilBodySchema = z
  .object({
    name: z.string().trim().min(2).max(60),
    /** An estate's council; omit for the community's. */
    estateId: id.optional(),
  })
  .strict();

export const appointSeatBodySchema = z
  .object({
    userId: id,
    party: z.enum(SEAT_PARTIES),
    /** The organisation the seat holder represents, e.g. 恒安物业. */
    organisation: z.string().trim().min(1).max(100).optional(),
    termStart: day,
    termEnd: day,
  })
  .strict()
  .refine((s) => s.termStart <= s.termEnd, { message: '任期结束日期不能早于开始日期', path: ['termEnd'] });

export const seatSchema = z.object({
  id: z.number().int(),
  party: z.enum(SEAT_PARTIES),
  partyLabel: z.string(),
  /** Masked for the public (张**). */
  holderName: z.string(),
  organisation: z.string().nullable(),
  termStart: z.string(),
  termEnd: z.string(),
  /** Within its term today (Asia/Shanghai). */
  current: z.boolean(),
});

export const councilSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int(),
  estateId: z.number().int().nullable(),
  estateName: z.string().nullable(),
  name: z.string(),
  seats: z.array(seatSchema),
});
export type Council = z.infer<typeof councilSchema>;
