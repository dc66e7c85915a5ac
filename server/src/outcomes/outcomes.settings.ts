import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_EVALUATION_DAYS } from '../../../shared/src/outcomes/outcomes.rules';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { runInTransaction } from '../db/transaction';
import { saveSettings, settingsOf } from '../topics/topics.settings';
import { OutcomeSettings } from './outcomes.entity';

export interface OutcomeSettingsView {
  /** Publicity period in days (kept in community_settings with the other topic settings). */
  publicityDays: number;
  evaluationDays: number;
}

/** The community's outcome settings, or the defaults (publicity 5 days, evaluation 14 days). */
export async function outcomeSettingsOf(
  db: DataSource | EntityManager,
  communityId: number,
): Promise<OutcomeSettingsView> {
  const [topicSettings, row] = await Promise.all([
    settingsOf(db, communityId),
    db.getRepository(OutcomeSettings).findOne({ where: { communityId } }),
  ]);
  return { publicityDays: topicSettings.publicityDays, evaluationDays: row?.evaluationDays ?? DEFAULT_EVALUATION_DAYS };
}

/** Moderators change the publicity and evaluation periods; the change is audited. The caller checks the role. */
export async function updateOutcomeSettings(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  patch: Partial<OutcomeSettingsView>,
): Promise<OutcomeSettingsView> {
  return runInTransaction(ds, async (em) => {
    const current = await outcomeSettingsOf(em, communityId);
    const next = { ...current, ...patch };
    if (next.publicityDays !== current.publicityDays) {
      await saveSettings(em, communityId, {
        ...(await settingsOf(em, communityId)),
        publicityDays: next.publicityDays,
      });
    }
    if (next.evaluationDays !== current.evaluationDays) {
      await em.upsert(OutcomeSettings, { communityId, evaluationDays: next.evaluationDays }, ['communityId']);
    }
    await audit(em, {
      communityId,
      actor,
      action: 'settings.outcomes',
      objectType: 'community',
      objectId: communityId,
      summary: `公示期 ${next.publicityDays} 天，评价期 ${next.evaluationDays} 天`,
      data: { ...patch },
    });
    return next;
  });
}
