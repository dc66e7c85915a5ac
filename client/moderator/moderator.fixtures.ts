import type { Me } from '@shared/auth/auth.schema';
import type { Member, ModerationClaim, RosterImportReport } from '@/services/moderation';
import { aMe } from '@/test-support/fixtures';

/** Test data for the committee pages' tests (not bundled: only *.test.tsx import it). */

export function aModerator(overrides: Partial<Me> = {}): Me {
  return aMe({
    id: 10,
    nickname: '刘敏',
    realName: '刘敏',
    persona: 'moderator',
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['moderator'], status: 'active' }],
    ...overrides,
  });
}

export function aClaim(overrides: Partial<ModerationClaim> = {}): ModerationClaim {
  return {
    id: 6,
    status: 'pending',
    relation: 'family',
    claimedName: '马桂兰',
    userId: 12,
    userNickname: '马桂兰',
    userPhone: '13986184339',
    unit: {
      id: 22,
      estateName: '槐荫里',
      buildingName: '1号楼',
      label: '2单元502',
      areaM2: '68.67',
      developerHeld: false,
    },
    rosterOwners: [{ name: '李国华', phone: '13904979194' }],
    rosterMatched: false,
    evidenceUploadId: null,
    rejectReason: null,
    createdAt: '2026-11-27T02:55:53.000Z',
    ...overrides,
  };
}

export function aMember(overrides: Partial<Member> = {}): Member {
  return {
    userId: 1,
    nickname: '王秀英',
    realName: '王秀英',
    phone: '13800001001',
    status: 'active',
    suspendedReason: null,
    roles: ['resident'],
    grants: [],
    units: ['槐荫里2号楼1单元301'],
    joinedAt: '2026-11-27T02:55:53.000Z',
    ...overrides,
  };
}

export function aRosterReport(overrides: Partial<RosterImportReport> = {}): RosterImportReport {
  return {
    mode: 'validate',
    format: 'csv',
    totalRows: 20,
    validRows: 20,
    errors: [],
    ignoredColumns: [],
    applied: false,
    created: { estates: 0, buildings: 0, units: 0, owners: 0 },
    updatedUnits: 0,
    unchangedUnits: 0,
    ...overrides,
  };
}

/** A claim decided by the server, as approve/reject answer. */
export function aClaimView(id: number, status: 'approved' | 'rejected', rejectReason: string | null = null) {
  return { id, unitId: 22, relation: 'family', status, rosterMatched: false, rejectReason, message: '' };
}
