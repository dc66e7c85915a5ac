import type { DataSource, EntityManager } from 'typeorm';
import { User } from '../../auth/auth.entity';
import { Building, Community, Estate, RosterOwner, SubDistrict, Unit } from '../../communities/communities.entity';
import { Council, Seat } from '../../councils/councils.entity';
import { Membership, RoleGrant, UnitClaim } from '../../members/members.entity';
import { Notification } from '../../notifications/notifications.entity';
import { Party } from '../../topics/topics.entity';
import { AppMeta } from '../app-meta.entity';
import { runInTransaction } from '../transaction';
import {
  DEMO_COMMUNITY,
  DEMO_ESTATES,
  DEMO_NEIGHBOUR_COMMUNITY,
  DEMO_PERSONAS,
  DEMO_ROSTER_FIXTURES,
  DEMO_SUB_DISTRICT,
  type DemoEstate,
  GIVEN_NAMES,
  SURNAMES,
  seededRandom,
} from './demo-data';
import { insertDemoTopics } from './demo-topics';

export const DEMO_SEED_KEY = 'demo_seed_version';
/** Bump when the demo data changes shape; an installation seeded with an older version is left alone. */
export const DEMO_SEED_VERSION = '4';

/**
 * Seeds the demo once per database: 长青街道 with 和平里社区 (three estates of
 * the kinds such communities have, a few hundred units with exact areas, a
 * roster of owners, one persona per role) and a small neighbouring community.
 * Returns false when the demo data was already there.
 */
export async function seedDemo(ds: DataSource): Promise<boolean> {
  return runInTransaction(ds, async (em) => {
    const marker = await em.findOne(AppMeta, { where: { key: DEMO_SEED_KEY } });
    if (marker) return false;
    await insertDemo(em);
    await em.insert(AppMeta, { key: DEMO_SEED_KEY, value: DEMO_SEED_VERSION });
    return true;
  });
}

type UnitKey = string;
const unitKey = (estate: string, building: number, label: string): UnitKey => `${estate}/${building}/${label}`;

async function insertDemo(em: EntityManager): Promise<void> {
  const random = seededRandom(20261127);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const randomName = () => `${pick(SURNAMES)}${pick(GIVEN_NAMES)}`;
  const randomPhone = () => `139${String(Math.floor(random() * 1e8)).padStart(8, '0')}`;

  const subDistrict = await em.save(em.create(SubDistrict, DEMO_SUB_DISTRICT));
  const community = await em.save(em.create(Community, { ...DEMO_COMMUNITY, subDistrictId: subDistrict.id }));
  const neighbour = await em.save(em.create(Community, { ...DEMO_NEIGHBOUR_COMMUNITY, subDistrictId: subDistrict.id }));

  const units = new Map<UnitKey, Unit>();
  const estates = new Map<string, Estate>();
  for (const spec of DEMO_ESTATES) {
    const estate = await em.save(em.create(Estate, { name: spec.name, kind: spec.kind, communityId: community.id }));
    estates.set(spec.name, estate);
    for (const unit of await insertUnits(em, estate, spec, random)) {
      units.set(unitKey(spec.name, unit.buildingNo, unit.row.label), unit.row);
    }
  }
  const neighbourEstate = await em.save(
    em.create(Estate, { name: '青石苑', kind: 'commercial', communityId: neighbour.id }),
  );
  await insertUnits(
    em,
    neighbourEstate,
    {
      name: '青石苑',
      kind: 'commercial',
      buildings: 1,
      entrances: 1,
      floors: 6,
      unitsPerFloor: 2,
      area: [8800, 12000],
      areaSource: 'registered',
    },
    random,
  );

  // The roster: fixtures first (exact names/phones the personas claim with), then invented owners.
  const fixtures = new Map(DEMO_ROSTER_FIXTURES.map((f) => [unitKey(f.estate, f.building, f.label), f.owners]));
  const roster: Partial<RosterOwner>[] = [];
  const multiUnitOwners: { name: string; phone: string; ownerRef: string }[] = [];
  let refCounter = 100;
  for (const [key, unit] of units) {
    if (unit.developerHeld) continue;
    const fixed = fixtures.get(key);
    if (fixed) {
      for (const o of fixed)
        roster.push({
          unitId: unit.id,
          communityId: community.id,
          name: o.name,
          phone: o.phone,
          ownerRef: o.ownerRef ?? null,
        });
      continue;
    }
    const roll = random();
    if (roll < 0.06 && multiUnitOwners.length > 0) {
      // A buyer with several units: same owner reference.
      const owner = pick(multiUnitOwners);
      roster.push({ unitId: unit.id, communityId: community.id, ...owner });
    } else if (roll < 0.12) {
      const owner = { name: randomName(), phone: randomPhone(), ownerRef: `HPL-${refCounter++}` };
      multiUnitOwners.push(owner);
      roster.push({ unitId: unit.id, communityId: community.id, ...owner });
    } else {
      roster.push({
        unitId: unit.id,
        communityId: community.id,
        name: randomName(),
        phone: randomPhone(),
        ownerRef: null,
      });
      if (roll > 0.93) {
        // Co-owned by a couple.
        let second = randomName();
        while (second === roster[roster.length - 1]!.name) second = randomName();
        roster.push({ unitId: unit.id, communityId: community.id, name: second, phone: randomPhone(), ownerRef: null });
      }
    }
  }
  for (let i = 0; i < roster.length; i += 200) await em.insert(RosterOwner, roster.slice(i, i + 200));

  // Personas: one per role.
  const moderatorPersona = DEMO_PERSONAS.find((p) => p.key === 'moderator')!;
  const users = new Map<string, User>();
  for (const persona of DEMO_PERSONAS) {
    const user = await em.save(
      em.create(User, {
        personaKey: persona.key,
        nickname: persona.nickname,
        realName: persona.realName,
        phone: persona.phone,
        status: 'active',
        tokenVersion: 0,
        largeText: false,
        // Newcomers have not yet seen the privacy agreement: the demo shows that step.
        privacyAcceptedAt: persona.units.length === 0 && persona.grants.length === 0 ? null : new Date(),
        privacyVersion: persona.units.length === 0 && persona.grants.length === 0 ? null : '1',
      }),
    );
    users.set(persona.key, user);
    if (persona.key !== 'subdistrict_admin') {
      await em.insert(Membership, { userId: user.id, communityId: community.id, status: 'active' });
    }
  }
  const moderator = users.get(moderatorPersona.key)!;
  for (const persona of DEMO_PERSONAS) {
    const user = users.get(persona.key)!;
    for (const grant of persona.grants) {
      const scopeId =
        grant.scope === 'sub_district'
          ? subDistrict.id
          : grant.scope === 'community'
            ? community.id
            : estates.get(grant.estate!)!.id;
      await em.insert(RoleGrant, {
        userId: user.id,
        role: grant.role,
        scopeType: grant.scope,
        scopeId,
        organisation: grant.organisation ?? null,
        grantedBy: grant.role === 'moderator' || grant.role === 'subdistrict_admin' ? null : moderator.id,
      });
    }
    for (const claim of persona.units) {
      const unit = units.get(unitKey(claim.estate, claim.building, claim.label))!;
      await em.insert(UnitClaim, {
        userId: user.id,
        unitId: unit.id,
        communityId: community.id,
        estateId: unit.estateId,
        relation: claim.relation,
        status: 'approved',
        claimedName: persona.realName,
        rosterMatched: claim.relation === 'owner',
        decidedBy: claim.relation === 'owner' ? null : moderator.id,
        decidedAt: new Date(),
      });
    }
  }

  // A few residents waiting for the moderator, so the approvals page has work in it.
  const waiting: { name: string; relation: 'family' | 'tenant'; estate: string; building: number; label: string }[] = [
    { name: '马桂兰', relation: 'family', estate: '槐荫里', building: 1, label: '2单元502' },
    { name: '罗思远', relation: 'tenant', estate: '安居苑', building: 3, label: '1单元202' },
    { name: '曾美玲', relation: 'tenant', estate: '锦绣华庭', building: 2, label: '2单元1002' },
  ];
  for (const w of waiting) {
    const user = await em.save(
      em.create(User, {
        nickname: w.name,
        realName: w.name,
        phone: randomPhone(),
        status: 'active',
        tokenVersion: 0,
        largeText: false,
        privacyAcceptedAt: new Date(),
        privacyVersion: '1',
      }),
    );
    await em.insert(Membership, { userId: user.id, communityId: community.id, status: 'active' });
    const unit = units.get(unitKey(w.estate, w.building, w.label))!;
    await em.insert(UnitClaim, {
      userId: user.id,
      unitId: unit.id,
      communityId: community.id,
      estateId: unit.estateId,
      relation: w.relation,
      status: 'pending',
      claimedName: w.name,
      rosterMatched: false,
    });
  }

  await insertDemoTopics(em, community.id, estates, users);
  const council = await em.save(
    em.create(Council, { communityId: community.id, estateId: null, name: '和平里社区协商议事会' }),
  );
  const seats: [string, Seat['party'], string | null][] = [
    ['representative', 'resident_representative', null],
    ['resident', 'resident_representative', null],
    ['owners_committee', 'owners_committee', '锦绣华庭业主委员会'],
    ['property_manager', 'property_company', '恒安物业服务有限公司'],
    ['social_org', 'social_org', '益邻社会工作服务中心'],
  ];
  for (const [persona, party, organisation] of seats) {
    await em.insert(Seat, {
      councilId: council.id,
      userId: users.get(persona)!.id,
      party,
      organisation,
      termStart: '2025-01-01',
      termEnd: '2027-12-31',
      appointedBy: moderator.id,
      endedAt: null,
    });
  }
  await em.insert(Party, {
    communityId: neighbour.id,
    kind: 'committee',
    name: '青石桥社区居民委员会',
    estateId: null,
  });

  await em.insert(Notification, {
    userId: users.get('resident')!.id,
    kind: 'claim_approved',
    title: '房屋认证已通过',
    body: '您对槐荫里2号楼1单元301的认证已通过，现在可以提出议题、参与附议和表决。',
    link: '/pages/me/index',
  });
}

async function insertUnits(
  em: EntityManager,
  estate: Estate,
  spec: DemoEstate,
  random: () => number,
): Promise<{ buildingNo: number; row: Unit }[]> {
  const created: { buildingNo: number; row: Unit }[] = [];
  for (let b = 1; b <= spec.buildings; b++) {
    const building = await em.save(em.create(Building, { estateId: estate.id, name: `${b}号楼` }));
    // Each position on a floor has one layout, so one area, on every floor.
    const areaByPosition = Array.from({ length: spec.entrances * spec.unitsPerFloor }, () =>
      Math.round(spec.area[0] + random() * (spec.area[1] - spec.area[0])),
    );
    const rows: Partial<Unit>[] = [];
    for (let e = 1; e <= spec.entrances; e++) {
      for (let f = 1; f <= spec.floors; f++) {
        for (let p = 1; p <= spec.unitsPerFloor; p++) {
          rows.push({
            buildingId: building.id,
            estateId: estate.id,
            communityId: estate.communityId,
            label: `${e}单元${f}${String(p).padStart(2, '0')}`,
            areaCentiM2: areaByPosition[(e - 1) * spec.unitsPerFloor + (p - 1)]!,
            areaSource: spec.areaSource,
            developerHeld: false,
          });
        }
      }
    }
    // The developer still holds the top floors of the last building.
    if (spec.developerHeld && b === spec.buildings) {
      for (const row of rows.slice(-spec.developerHeld)) row.developerHeld = true;
    }
    await em.insert(Unit, rows);
    const saved = await em.find(Unit, { where: { buildingId: building.id }, order: { id: 'ASC' } });
    for (const row of saved) created.push({ buildingNo: b, row });
  }
  return created;
}
