import { z } from 'zod';
import { CLAIM_STATUSES, ROLES, UNIT_RELATIONS } from './roles';

/** Version of the privacy agreement the client shows; accepting records it. */
export const PRIVACY_AGREEMENT_VERSION = '1';

export const personaSchema = z.object({
  key: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  community: z.string(),
  description: z.string(),
});
export type Persona = z.infer<typeof personaSchema>;

export const devLoginBodySchema = z.object({ persona: z.string().trim().min(1).max(40) }).strict();

export const wechatLoginBodySchema = z
  .object({
    /** The code from wx.login / Taro.login: single use, valid five minutes. */
    code: z.string().trim().min(1).max(128),
  })
  .strict();

export const redeemInviteBodySchema = z.object({ code: z.string().trim().min(6).max(64) }).strict();

export const myCommunitySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  subDistrictName: z.string(),
  roles: z.array(z.enum(ROLES)),
  status: z.enum(['active', 'suspended']),
});

export const myUnitSchema = z.object({
  claimId: z.number().int(),
  unitId: z.number().int(),
  communityId: z.number().int(),
  estateName: z.string(),
  buildingName: z.string(),
  label: z.string(),
  relation: z.enum(UNIT_RELATIONS),
  status: z.enum(CLAIM_STATUSES),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
});
export type MyUnit = z.infer<typeof myUnitSchema>;

/** The signed-in user's own profile. Only they see their real name; the phone is shown masked. */
export const meSchema = z.object({
  id: z.number().int(),
  nickname: z.string(),
  realName: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  privacyAccepted: z.boolean(),
  largeText: z.boolean(),
  persona: z.string().nullable(),
  communities: z.array(myCommunitySchema),
  units: z.array(myUnitSchema),
  unreadNotifications: z.number().int(),
});
export type Me = z.infer<typeof meSchema>;

export const loginResponseSchema = z.object({
  token: z.string(),
  expiresAt: z.string(),
  user: meSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const updateMeBodySchema = z
  .object({
    nickname: z.string().trim().min(1).max(20).optional(),
    largeText: z.boolean().optional(),
  })
  .strict();

export const acceptPrivacyBodySchema = z.object({ version: z.literal(PRIVACY_AGREEMENT_VERSION) }).strict();

export const deleteMeBodySchema = z
  .object({
    /** The user types 注销 to confirm. */
    confirm: z.literal('注销'),
  })
  .strict();
