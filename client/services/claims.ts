import type { UnitRelation } from '@shared/auth/roles';
import { type ClaimBody, type ClaimView, claimViewSchema } from '@shared/members/members.schema';
import Taro from '@tarojs/taro';
import { refreshMe } from './auth';
import { ApiError, request } from './request';
import { CLAIM_DRAFT_STORAGE_KEY } from './session';

/** Unit claims (房屋认证): filing one, withdrawing it, and the draft kept when filing fails. */

export type { ClaimBody, ClaimView, UnitRelation };

/**
 * What filing a claim led to: filed (approved at once or waiting for the
 * community), or "not on the roster — add a certificate or contract photo".
 */
export type ClaimOutcome = { kind: 'filed'; claim: ClaimView } | { kind: 'needs-evidence'; message: string };

function needsEvidence(error: unknown): error is ApiError {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return false;
  const details = error.details as { rosterMatched?: unknown } | undefined;
  return details?.rosterMatched === false;
}

/**
 * `POST /api/claims`. An owner claim that does not match the roster and has no
 * photo comes back as `needs-evidence` with the server's message (no toast:
 * the form shows it); every other failure rejects with an `ApiError` (toasted).
 */
export async function submitClaim(body: ClaimBody): Promise<ClaimOutcome> {
  try {
    const claim = await request('/claims', {
      method: 'POST',
      data: body,
      schema: claimViewSchema,
      // The roster mismatch is shown in the form; every other error is toasted.
      showErrorToast: (error) => !needsEvidence(error),
    });
    await refreshMe({ showErrorToast: false }).catch(() => undefined);
    return { kind: 'filed', claim };
  } catch (error) {
    if (needsEvidence(error)) return { kind: 'needs-evidence', message: error.message };
    throw error;
  }
}

/** Withdraws one of my pending claims. */
export async function withdrawClaim(claimId: number): Promise<ClaimView> {
  const claim = await request(`/claims/${claimId}/withdraw`, { method: 'POST', data: {}, schema: claimViewSchema });
  await refreshMe({ showErrorToast: false }).catch(() => undefined);
  return claim;
}

export { CLAIM_DRAFT_STORAGE_KEY };

/** The claim form as the resident left it. */
export interface ClaimDraft {
  estateId?: number;
  buildingId?: number;
  unitId?: number;
  relation?: UnitRelation;
  name?: string;
  phoneLast4?: string;
}

export function loadClaimDraft(): ClaimDraft | undefined {
  const stored: unknown = Taro.getStorageSync(CLAIM_DRAFT_STORAGE_KEY);
  return stored && typeof stored === 'object' ? (stored as ClaimDraft) : undefined;
}

export function saveClaimDraft(draft: ClaimDraft): void {
  Taro.setStorageSync(CLAIM_DRAFT_STORAGE_KEY, draft);
}

export function clearClaimDraft(): void {
  Taro.removeStorageSync(CLAIM_DRAFT_STORAGE_KEY);
}
