/**
 * Who someone is in a community. `resident` and `owner` follow from verified
 * unit claims; every other role is granted by a moderator (or, for the first
 * moderator, by the admin bootstrap) for a scope: an estate, a community or a
 * sub-district.
 */
export const ROLES = [
  'resident',
  'owner',
  'representative',
  'property_manager',
  'owners_committee',
  'social_org',
  'grid_worker',
  'moderator',
  'subdistrict_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const GRANTED_ROLES = [
  'representative',
  'property_manager',
  'owners_committee',
  'social_org',
  'grid_worker',
  'moderator',
  'subdistrict_admin',
] as const satisfies readonly Role[];
export type GrantedRole = (typeof GRANTED_ROLES)[number];

export const SCOPE_TYPES = ['estate', 'community', 'sub_district'] as const;
export type ScopeType = (typeof SCOPE_TYPES)[number];

/** The scope each granted role is given for. */
export const ROLE_SCOPES: Record<GrantedRole, readonly ScopeType[]> = {
  representative: ['estate', 'community'],
  property_manager: ['estate'],
  owners_committee: ['estate'],
  social_org: ['community'],
  grid_worker: ['community'],
  moderator: ['community'],
  subdistrict_admin: ['sub_district'],
};

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  owner: '业主',
  representative: '议事代表',
  property_manager: '物业',
  owners_committee: '业委会',
  social_org: '社会组织',
  grid_worker: '网格员',
  moderator: '社区工作者',
  subdistrict_admin: '街道管理员',
};

export const UNIT_RELATIONS = ['owner', 'family', 'tenant'] as const;
export type UnitRelation = (typeof UNIT_RELATIONS)[number];
export const UNIT_RELATION_LABELS: Record<UnitRelation, string> = { owner: '业主', family: '家庭成员', tenant: '租户' };

export const CLAIM_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const AREA_SOURCES = ['registered', 'surveyed', 'contract'] as const;
export type AreaSource = (typeof AREA_SOURCES)[number];
