import type { AreaSource, GrantedRole, ScopeType, UnitRelation } from '../../../../shared/src/auth/roles';
import type { EstateKind } from '../../communities/communities.entity';

/**
 * The demo community's invented people and places. Everything here is made
 * up; names are shown masked wherever the public sees them.
 */

export const DEMO_SUB_DISTRICT = { name: '长青街道', code: 'DEMO-SD-01' };
export const DEMO_COMMUNITY = { name: '和平里社区', code: 'DEMO-C-01' };
/** A second community of the same sub-district, so cross-community rules can be seen and tested. */
export const DEMO_NEIGHBOUR_COMMUNITY = { name: '青石桥社区', code: 'DEMO-C-02' };

export interface DemoEstate {
  name: string;
  kind: EstateKind;
  buildings: number;
  entrances: number;
  floors: number;
  unitsPerFloor: number;
  /** Range of unit areas in hundredths of m². */
  area: [number, number];
  areaSource: AreaSource;
  /** Units at these (building, label) positions are still held by the developer. */
  developerHeld?: number;
}

export const DEMO_ESTATES: DemoEstate[] = [
  {
    name: '槐荫里',
    kind: 'old_compound',
    buildings: 4,
    entrances: 2,
    floors: 6,
    unitsPerFloor: 2,
    area: [4210, 7480],
    areaSource: 'surveyed',
  },
  {
    name: '锦绣华庭',
    kind: 'commercial',
    buildings: 4,
    entrances: 2,
    floors: 18,
    unitsPerFloor: 2,
    area: [8950, 14305],
    areaSource: 'registered',
    developerHeld: 8,
  },
  {
    name: '安居苑',
    kind: 'resettlement',
    buildings: 3,
    entrances: 2,
    floors: 6,
    unitsPerFloor: 2,
    area: [6020, 9010],
    areaSource: 'contract',
  },
];

export const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '胡',
  '朱',
  '高',
  '林',
  '何',
  '郭',
  '马',
  '罗',
  '梁',
  '宋',
  '郑',
  '谢',
  '韩',
  '唐',
  '冯',
  '于',
  '董',
  '萧',
  '程',
  '曹',
  '袁',
  '邓',
  '许',
  '傅',
  '沈',
  '曾',
  '彭',
  '吕',
];
export const GIVEN_NAMES = [
  '秀英',
  '建国',
  '桂兰',
  '志强',
  '玉梅',
  '国华',
  '淑珍',
  '海燕',
  '春生',
  '凤英',
  '永刚',
  '丽娟',
  '德明',
  '晓东',
  '红梅',
  '宏伟',
  '金花',
  '子涵',
  '思远',
  '雨桐',
  '文博',
  '家豪',
  '静怡',
  '佳琪',
  '振华',
  '立新',
  '美玲',
  '卫东',
  '秋菊',
  '国庆',
];

export interface DemoPersona {
  key: string;
  nickname: string;
  realName: string;
  phone: string;
  /** What this persona is for, shown on the persona card. */
  description: string;
  grants: { role: GrantedRole; scope: ScopeType; estate?: string; organisation?: string }[];
  /** Verified units: estate name, building number (1-based), unit label. */
  units: { estate: string; building: number; label: string; relation: UnitRelation }[];
}

/** One persona per role, all in 和平里社区 (the sub-district admin oversees 长青街道). */
export const DEMO_PERSONAS: DemoPersona[] = [
  {
    key: 'resident',
    nickname: '王秀英',
    realName: '王秀英',
    phone: '13800001001',
    description: '槐荫里的居民（家庭成员），已认证',
    grants: [],
    units: [{ estate: '槐荫里', building: 2, label: '1单元301', relation: 'family' }],
  },
  {
    key: 'owner',
    nickname: '李建国',
    realName: '李建国',
    phone: '13800001002',
    description: '锦绣华庭业主，名下两套房，已认证',
    grants: [],
    units: [
      { estate: '锦绣华庭', building: 1, label: '1单元1201', relation: 'owner' },
      { estate: '锦绣华庭', building: 3, label: '2单元502', relation: 'owner' },
    ],
  },
  {
    key: 'newcomer',
    nickname: '新居民小周',
    realName: '周子涵',
    phone: '13800001003',
    description: '刚搬来的居民，尚未认证房屋',
    grants: [],
    units: [],
  },
  {
    key: 'new_owner',
    nickname: '何德明',
    realName: '何德明',
    phone: '13800001011',
    description: '锦绣华庭业主，花名册上有登记，尚未认证',
    grants: [],
    units: [],
  },
  {
    key: 'representative',
    nickname: '陈志强',
    realName: '陈志强',
    phone: '13800001004',
    description: '安居苑业主、社区议事代表',
    grants: [{ role: 'representative', scope: 'community' }],
    units: [{ estate: '安居苑', building: 1, label: '2单元401', relation: 'owner' }],
  },
  {
    key: 'property_manager',
    nickname: '赵经理',
    realName: '赵国华',
    phone: '13800001005',
    description: '恒安物业锦绣华庭项目经理',
    grants: [{ role: 'property_manager', scope: 'estate', estate: '锦绣华庭', organisation: '恒安物业服务有限公司' }],
    units: [],
  },
  {
    key: 'owners_committee',
    nickname: '孙主任',
    realName: '孙玉梅',
    phone: '13800001006',
    description: '锦绣华庭业主委员会主任、业主',
    grants: [{ role: 'owners_committee', scope: 'estate', estate: '锦绣华庭', organisation: '锦绣华庭业主委员会' }],
    units: [{ estate: '锦绣华庭', building: 2, label: '1单元801', relation: 'owner' }],
  },
  {
    key: 'social_org',
    nickname: '周社工',
    realName: '周海燕',
    phone: '13800001007',
    description: '益邻社会工作服务中心社工',
    grants: [{ role: 'social_org', scope: 'community', organisation: '益邻社会工作服务中心' }],
    units: [],
  },
  {
    key: 'grid_worker',
    nickname: '吴网格',
    realName: '吴永刚',
    phone: '13800001008',
    description: '和平里社区第三网格网格员',
    grants: [{ role: 'grid_worker', scope: 'community' }],
    units: [],
  },
  {
    key: 'moderator',
    nickname: '刘敏',
    realName: '刘敏',
    phone: '13800001009',
    description: '和平里社区居委会工作人员，负责议事协商',
    grants: [{ role: 'moderator', scope: 'community' }],
    units: [],
  },
  {
    key: 'subdistrict_admin',
    nickname: '郑科长',
    realName: '郑立新',
    phone: '13800001010',
    description: '长青街道社区建设科',
    grants: [{ role: 'subdistrict_admin', scope: 'sub_district' }],
    units: [],
  },
];

/** Roster entries the demo needs to be exact: owners whose claims match the roster. */
export const DEMO_ROSTER_FIXTURES: {
  estate: string;
  building: number;
  label: string;
  owners: { name: string; phone: string; ownerRef?: string }[];
}[] = [
  {
    estate: '锦绣华庭',
    building: 1,
    label: '1单元1201',
    owners: [{ name: '李建国', phone: '13800001002', ownerRef: 'JX-0001' }],
  },
  {
    estate: '锦绣华庭',
    building: 3,
    label: '2单元502',
    owners: [{ name: '李建国', phone: '13800001002', ownerRef: 'JX-0001' }],
  },
  { estate: '锦绣华庭', building: 2, label: '1单元801', owners: [{ name: '孙玉梅', phone: '13800001006' }] },
  { estate: '锦绣华庭', building: 4, label: '1单元601', owners: [{ name: '何德明', phone: '13800001011' }] },
  {
    estate: '安居苑',
    building: 1,
    label: '2单元401',
    owners: [
      { name: '陈志强', phone: '13800001004' },
      { name: '林淑珍', phone: '13912345678' },
    ],
  },
  { estate: '槐荫里', building: 2, label: '1单元301', owners: [{ name: '王德明', phone: '13700002301' }] },
];

/** Deterministic pseudo-random numbers (mulberry32), so every demo install is the same. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
