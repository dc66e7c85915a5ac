import { isCalendarDay, type Period } from '@shared/stats/period';
import type { ReportScope, StatsScopes } from '@/services/stats';

/** One thing the dashboard can show: a community, or a whole sub-district. */
export interface ReportChoice {
  /** Stable key for the chips: c:12 or s:3. */
  key: string;
  /** Chip label. */
  label: string;
  /** Name for headings and file names. */
  name: string;
  scope: ReportScope;
}

/** Sub-districts first (the admin's usual view), then each community. */
export function reportChoices(scopes: StatsScopes): ReportChoice[] {
  return [
    ...scopes.subDistricts.map((s) => ({
      key: `s:${s.id}`,
      label: `${s.name}（全部社区）`,
      name: s.name,
      scope: { kind: 'sub_district', id: s.id } as const,
    })),
    ...scopes.communities.map((c) => ({
      key: `c:${c.id}`,
      label: c.name,
      name: c.name,
      scope: { kind: 'community', id: c.id } as const,
    })),
  ];
}

/** The choice a page's URL asks for (`?communityId=` or `?subDistrictId=`), if the user has it. */
export function scopeFromParams(
  params: Partial<Record<string, string>>,
  choices: readonly ReportChoice[],
): ReportChoice | undefined {
  const key = params.communityId ? `c:${params.communityId}` : params.subDistrictId ? `s:${params.subDistrictId}` : '';
  return choices.find((c) => c.key === key);
}

/** What the page's URL asks for: whose ledger, which period. */
export function ledgerRequest(params: Partial<Record<string, string>>): { scope: ReportScope; period: Period } | null {
  const { communityId, subDistrictId, from, to } = params;
  const id = Number(communityId ?? subDistrictId);
  if (!Number.isInteger(id) || id <= 0 || !from || !to || !isCalendarDay(from) || !isCalendarDay(to)) return null;
  return { scope: { kind: communityId ? 'community' : 'sub_district', id }, period: { from, to } };
}
