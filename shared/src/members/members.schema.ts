import { z } from 'zod';
import { CLAIM_STATUSES, GRANTED_ROLES, ROLES, UNIT_RELATIONS } from '../auth/roles';

export const idParam = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

export const communitySummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  subDistrictName: z.string(),
  estates: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() })),
});
export type CommunitySummary = z.infer<typeof communitySummarySchema>;

export const buildingSchema = z.object({ id: z.number().int(), name: z.string(), unitCount: z.number().int() });
export const unitOptionSchema = z.object({ id: z.number().int(), label: z.string() });

/** The last four digits of the phone the owner registered with the property/roster. */
export const phoneLast4Schema = z.string().regex(/^\d{4}$/, '请输入登记手机号的后四位数字');

export const claimBodySchema = z
  .object({
    unitId: z.number().int().positive().max(2_147_483_647),
    relation: z.enum(UNIT_RELATIONS),
    /** The claimant's real name, as on the certificate / roster. */
    name: z.string().trim().min(1, '请填写真实姓名').max(50),
    phoneLast4: phoneLast4Schema.optional(),
    evidenceUploadId: z.number().int().positive().max(2_147_483_647).optional(),
  })
  .strict();
export type ClaimBody = z.infer<typeof claimBodySchema>;

export const claimViewSchema = z.object({
  id: z.number().int(),
  unitId: z.number().int(),
  relation: z.enum(UNIT_RELATIONS),
  status: z.enum(CLAIM_STATUSES),
  rosterMatched: z.boolean(),
  rejectReason: z.string().nullable(),
  /** What happens next, in words for the resident. */
  message: z.string(),
});
export type ClaimView = z.infer<typeof claimViewSchema>;

/** A claim as the community's moderators see it: real names and the roster entry for the unit. */
export const moderationClaimSchema = z.object({
  id: z.number().int(),
  status: z.enum(CLAIM_STATUSES),
  relation: z.enum(UNIT_RELATIONS),
  claimedName: z.string(),
  userId: z.number().int(),
  userNickname: z.string(),
  userPhone: z.string().nullable(),
  unit: z.object({
    id: z.number().int(),
    estateName: z.string(),
    buildingName: z.string(),
    label: z.string(),
    areaM2: z.string(),
    developerHeld: z.boolean(),
  }),
  rosterOwners: z.array(z.object({ name: z.string(), phone: z.string().nullable() })),
  rosterMatched: z.boolean(),
  evidenceUploadId: z.number().int().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
});
export type ModerationClaim = z.infer<typeof moderationClaimSchema>;

export const claimListQuerySchema = z.object({ status: z.enum(CLAIM_STATUSES).default('pending') }).strict();

export const rejectClaimBodySchema = z
  .object({ reason: z.string().trim().min(2, '请写明不通过的原因').max(200) })
  .strict();

export const memberSchema = z.object({
  userId: z.number().int(),
  nickname: z.string(),
  realName: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'suspended']),
  suspendedReason: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  /** The member's granted roles in this community, with ids for revoking. */
  grants: z.array(
    z.object({
      id: z.number().int(),
      role: z.enum(GRANTED_ROLES),
      scopeType: z.enum(['estate', 'community', 'sub_district']),
      scopeId: z.number().int(),
      scopeName: z.string(),
      organisation: z.string().nullable(),
    }),
  ),
  units: z.array(z.string()),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberListQuerySchema = z
  .object({
    status: z.enum(['active', 'suspended', 'all']).default('all'),
    q: z.string().trim().max(50).optional(),
    /** Keyset cursor: the last userId of the previous page. */
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export const memberPathSchema = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  userId: z.coerce.number().int().positive().max(2_147_483_647),
});

export const suspendBodySchema = z.object({ reason: z.string().trim().min(2, '请写明暂停的原因').max(200) }).strict();

export const grantRoleBodySchema = z
  .object({
    userId: z.number().int().positive().max(2_147_483_647),
    role: z.enum(GRANTED_ROLES).exclude(['subdistrict_admin']),
    estateId: z.number().int().positive().max(2_147_483_647).optional(),
    organisation: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

export const roleGrantSchema = z.object({
  id: z.number().int(),
  userId: z.number().int(),
  role: z.enum(GRANTED_ROLES),
  scopeType: z.enum(['estate', 'community', 'sub_district']),
  scopeId: z.number().int(),
  organisation: z.string().nullable(),
});

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  read: z.boolean(),
  createdAt: z.string(),
});
export const notificationListQuerySchema = z
  .object({
    before: z.coerce.number().int().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

export const ROSTER_IMPORT_MODES = ['validate', 'all', 'valid_rows'] as const;

export const rosterImportReportSchema = z.object({
  mode: z.enum(ROSTER_IMPORT_MODES),
  format: z.enum(['csv', 'xlsx']),
  totalRows: z.number().int(),
  validRows: z.number().int(),
  errors: z.array(z.object({ line: z.number().int(), column: z.string(), reason: z.string() })),
  ignoredColumns: z.array(z.string()),
  /** True when rows were written. */
  applied: z.boolean(),
  created: z.object({
    estates: z.number().int(),
    buildings: z.number().int(),
    units: z.number().int(),
    owners: z.number().int(),
  }),
  updatedUnits: z.number().int(),
  unchangedUnits: z.number().int(),
});
export type RosterImportReport = z.infer<typeof rosterImportReportSchema>;
