import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_CATEGORIES } from '../../../shared/src/topics/topic-states';
import { CommunitySettings } from './topics.entity';

export interface Settings {
  categories: string[];
  cosignThreshold: number;
  cosignDays: number;
  publicityDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  categories: [...DEFAULT_CATEGORIES],
  cosignThreshold: 0,
  cosignDays: 7,
  publicityDays: 5,
};

/** The community's settings, or the defaults. */
export async function settingsOf(db: DataSource | EntityManager, communityId: number): Promise<Settings> {
  const row = await db.getRepository(CommunitySettings).findOne({ where: { communityId } });
  if (!row) return { ...DEFAULT_SETTINGS, categories: [...DEFAULT_SETTINGS.categories] };
  return {
    categories: JSON.parse(row.categoriesJson) as string[],
    cosignThreshold: row.cosignThreshold,
    cosignDays: row.cosignDays,
    publicityDays: row.publicityDays,
  };
}

/** Saves settings (all fields), creating the row on first change. */
export async function saveSettings(em: EntityManager, communityId: number, settings: Settings): Promise<void> {
  await em.upsert(
    CommunitySettings,
    {
      communityId,
      categoriesJson: JSON.stringify(settings.categories),
      cosignThreshold: settings.cosignThreshold,
      cosignDays: settings.cosignDays,
      publicityDays: settings.publicityDays,
    },
    ['communityId'],
  );
}
