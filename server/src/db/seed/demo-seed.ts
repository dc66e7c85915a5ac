import type { DataSource, EntityManager } from 'typeorm';
import { Community, Estate, type EstateKind, SubDistrict } from '../../communities/communities.entity';
import { AppMeta } from '../app-meta.entity';
import { runInTransaction } from '../transaction';

export const DEMO_SEED_KEY = 'demo_seed_version';
/** Bump when the demo data changes shape; an installation seeded with an older version is left alone. */
export const DEMO_SEED_VERSION = '1';

export const DEMO_SUB_DISTRICT = { name: '长青街道', code: 'DEMO-SD-01' };
export const DEMO_COMMUNITY = { name: '和平里社区', code: 'DEMO-C-01' };
export const DEMO_ESTATES: { name: string; kind: EstateKind }[] = [
  { name: '槐荫里', kind: 'old_compound' },
  { name: '锦绣华庭', kind: 'commercial' },
  { name: '安居苑', kind: 'resettlement' },
];

/**
 * Seeds the demo community once per database: a sub-district, one community
 * and its three estates (an old compound, a commercial estate, a resettlement
 * estate). Returns false when the demo data was already there.
 */
export async function seedDemo(ds: DataSource): Promise<boolean> {
  return runInTransaction(ds, async (em) => {
    const marker = await em.findOne(AppMeta, { where: { key: DEMO_SEED_KEY } });
    if (marker) return false;
    await insertDemoCommunity(em);
    await em.insert(AppMeta, { key: DEMO_SEED_KEY, value: DEMO_SEED_VERSION });
    return true;
  });
}

async function insertDemoCommunity(em: EntityManager): Promise<void> {
  const subDistrict = await em.save(em.create(SubDistrict, DEMO_SUB_DISTRICT));
  const community = await em.save(em.create(Community, { ...DEMO_COMMUNITY, subDistrictId: subDistrict.id }));
  for (const estate of DEMO_ESTATES) {
    await em.save(em.create(Estate, { ...estate, communityId: community.id }));
  }
}
