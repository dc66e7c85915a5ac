import type { DataSource, EntityManager } from 'typeorm';
import type { TopicActor } from '../../../shared/src/topics/topic-states';
import type { Actor } from '../auth/actor';
import { AppError } from '../http/app-error';
import type { Topic } from './topics.entity';

type Db = DataSource | EntityManager;

/** The community's sub-district (for sub-district admins' rights). */
export async function subDistrictOf(db: Db, communityId: number): Promise<number | undefined> {
  const rows = (await db.query('SELECT sub_district_id FROM community WHERE id = ?', [communityId])) as {
    sub_district_id: number;
  }[];
  return rows[0] ? Number(rows[0].sub_district_id) : undefined;
}

/** Parties the user acts for. */
export async function partyIdsOf(db: Db, userId: number): Promise<number[]> {
  const rows = (await db.query('SELECT party_id FROM party_member WHERE user_id = ?', [userId])) as {
    party_id: number;
  }[];
  return rows.map((r) => Number(r.party_id));
}

/**
 * In which capacities the actor stands to a topic: its author, a moderator
 * of its community, a member of its responsible party (sub-district admins
 * act for topics escalated to the sub-district or a department).
 */
export async function capacitiesFor(db: Db, actor: Actor | undefined, topic: Topic): Promise<TopicActor[]> {
  if (!actor) return [];
  const capacities: TopicActor[] = [];
  if (topic.authorId === actor.userId) capacities.push('author');
  if (actor.isModerator(topic.communityId)) capacities.push('moderator');
  if (topic.responsiblePartyId !== null && !actor.isSuspendedIn(topic.communityId)) {
    const parties = await partyIdsOf(db, actor.userId);
    let isParty = parties.includes(topic.responsiblePartyId);
    if (!isParty && (topic.level === 'sub_district' || topic.level === 'department')) {
      const sd = await subDistrictOf(db, topic.communityId);
      isParty = sd !== undefined && actor.isSubDistrictAdmin(sd);
    }
    if (isParty) capacities.push('party');
  }
  return capacities;
}

/**
 * Who may see a topic: everyone, unless it is held for content review — then
 * only its author, the grid worker who entered it and the community's moderators.
 * Errors: NOT_FOUND (so held topics do not reveal themselves).
 */
export function assertCanSee(actor: Actor | undefined, topic: Topic): void {
  if (!topic.held) return;
  if (
    actor &&
    (topic.authorId === actor.userId || topic.enteredById === actor.userId || actor.isModerator(topic.communityId))
  ) {
    return;
  }
  throw new AppError('NOT_FOUND');
}
