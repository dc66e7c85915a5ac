import { UNIT_RELATION_LABELS } from '@shared/auth/roles';
import type { ModerationClaim } from '@/services/moderation';

export type RosterComparisonKind = 'verified' | 'name-match' | 'name-mismatch' | 'not-owner' | 'no-roster';

export interface RosterComparison {
  kind: RosterComparisonKind;
  /** Good news (green), a warning (red) or something to look at (neutral). */
  tone: 'success' | 'danger' | 'neutral';
  text: string;
}

function sameName(a: string, b: string): boolean {
  const fold = (name: string) => name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return fold(a) === fold(b);
}

/** Whether the roster owner at `index` carries the name the resident claimed under. */
export function isClaimedOwner(claim: ModerationClaim, index: number): boolean {
  const owner = claim.rosterOwners[index];
  return owner !== undefined && sameName(owner.name, claim.claimedName);
}

/**
 * What the roster says about a claim: confirmed by the server (name and phone
 * match), the name matches an owner on file, it does not (a red flag for an
 * owner; expected for a family member or tenant), or the roster has nobody.
 */
export function compareWithRoster(claim: ModerationClaim): RosterComparison {
  if (claim.rosterMatched) {
    return { kind: 'verified', tone: 'success', text: '名册核验通过：姓名和手机号后四位与名册一致' };
  }
  if (claim.rosterOwners.length === 0) {
    return { kind: 'no-roster', tone: 'neutral', text: '名册中没有这户的业主信息，请核对证明材料' };
  }
  if (claim.rosterOwners.some((_, index) => isClaimedOwner(claim, index))) {
    return { kind: 'name-match', tone: 'success', text: '姓名与名册业主一致' };
  }
  if (claim.relation === 'owner') {
    return { kind: 'name-mismatch', tone: 'danger', text: '姓名与名册业主不符' };
  }
  return {
    kind: 'not-owner',
    tone: 'neutral',
    text: `申请人以${UNIT_RELATION_LABELS[claim.relation]}身份申请，不是名册上的业主，请核对证明材料`,
  };
}
