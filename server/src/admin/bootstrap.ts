import type { DataSource } from 'typeorm';
import { InviteCode } from '../auth/auth.entity';
import { hashInviteCode } from '../auth/auth.service';
import { Community, ESTATE_KINDS, Estate, type EstateKind, SubDistrict } from '../communities/communities.entity';
import { runInTransaction } from '../db/transaction';
import { randomCode } from '../http/codes';

/** A one-time invitation code, e.g. K7M2-Q9XP. */
export function newInviteCode(): string {
  return randomCode(8, 4);
}

export interface BootstrapInput {
  subDistrict: { name: string; code: string };
  community: { name: string; code: string };
  estates: { name: string; kind: EstateKind }[];
  validDays: number;
}

export interface BootstrapResult {
  subDistrictId: number;
  communityId: number;
  estateIds: number[];
  /** One-time code: the first person to redeem it after signing in with WeChat becomes the community's moderator. */
  moderatorInviteCode: string;
  expiresAt: Date;
}

/**
 * Creates (or finds, by code) a sub-district, a community and its estates, and
 * issues a one-time invitation for the community's first moderator — no demo
 * mode needed. Running it again for the same codes adds nothing but a new code.
 */
export async function bootstrapCommunity(ds: DataSource, input: BootstrapInput): Promise<BootstrapResult> {
  for (const e of input.estates) {
    if (!ESTATE_KINDS.includes(e.kind))
      throw new Error(`Unknown estate kind ${e.kind}: use ${ESTATE_KINDS.join(', ')}`);
  }
  return runInTransaction(ds, async (em) => {
    let subDistrict = await em.findOne(SubDistrict, { where: { code: input.subDistrict.code } });
    subDistrict ??= await em.save(em.create(SubDistrict, input.subDistrict));
    let community = await em.findOne(Community, { where: { code: input.community.code } });
    if (community && community.subDistrictId !== subDistrict.id) {
      throw new Error(`Community ${input.community.code} belongs to another sub-district`);
    }
    community ??= await em.save(em.create(Community, { ...input.community, subDistrictId: subDistrict.id }));
    const estateIds: number[] = [];
    for (const e of input.estates) {
      let estate = await em.findOne(Estate, { where: { communityId: community.id, name: e.name } });
      estate ??= await em.save(em.create(Estate, { ...e, communityId: community.id }));
      estateIds.push(estate.id);
    }
    const code = newInviteCode();
    const expiresAt = new Date(Date.now() + input.validDays * 24 * 3600 * 1000);
    await em.insert(InviteCode, {
      codeHash: hashInviteCode(code),
      role: 'moderator',
      scopeType: 'community',
      scopeId: community.id,
      expiresAt,
    });
    return {
      subDistrictId: subDistrict.id,
      communityId: community.id,
      estateIds,
      moderatorInviteCode: code,
      expiresAt,
    };
  });
}

/** Issues a one-time invitation for a sub-district admin. */
export async function inviteSubDistrictAdmin(ds: DataSource, subDistrictCode: string, validDays: number) {
  return runInTransaction(ds, async (em) => {
    const subDistrict = await em.findOne(SubDistrict, { where: { code: subDistrictCode } });
    if (!subDistrict) throw new Error(`No sub-district with code ${subDistrictCode}`);
    const code = newInviteCode();
    const expiresAt = new Date(Date.now() + validDays * 24 * 3600 * 1000);
    await em.insert(InviteCode, {
      codeHash: hashInviteCode(code),
      role: 'subdistrict_admin',
      scopeType: 'sub_district',
      scopeId: subDistrict.id,
      expiresAt,
    });
    return { code, expiresAt };
  });
}
