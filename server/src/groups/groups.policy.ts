import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AppError } from '../http/app-error';
import { assertModerator, assertNotSuspended } from '../members/members.policy';
import { GroupChat } from '../topics/topics.entity';

type Db = DataSource | EntityManager;

/**
 * Who may record arriving from a group chat in a community: anyone who belongs
 * to it (a member, or holds a role there), and anyone who opened a shared
 * topic of that community (`viaTopic`: the card itself is the link, so a
 * newcomer who has not joined yet is counted too). A suspended member may not.
 * Errors: MEMBER_SUSPENDED, FORBIDDEN.
 */
export function assertCanEnterGroup(actor: Actor, communityId: number, viaTopic: boolean): void {
  assertNotSuspended(actor, communityId);
  const belongs = actor.membershipOf(communityId) !== undefined || actor.rolesIn(communityId).length > 0;
  if (!belongs && !viaTopic) {
    throw new AppError('FORBIDDEN', { message: '请先加入本社区，或从群里分享的议题进入' });
  }
}

/** Only the moderators of the group's community name and bind it. Errors: FORBIDDEN. */
export function assertCanManageGroup(actor: Actor, group: GroupChat): void {
  assertModerator(actor, group.communityId);
}

/**
 * A co-sign (or any later attribution) may name only a group chat of the
 * same community; a missing group and another community's group are refused
 * alike, so ids of other communities reveal nothing. Call it inside the
 * write's transaction (pass its EntityManager).
 * Errors: VALIDATION_FAILED (details.fields[0].path = 'groupChatId').
 */
export async function assertGroupUsable(db: Db, groupChatId: number, communityId: number): Promise<void> {
  const group = await db
    .getRepository(GroupChat)
    .findOne({ where: { id: groupChatId }, select: { id: true, communityId: true } });
  if (!group || group.communityId !== communityId) {
    const message = '这个微信群不属于本社区，不能记为附议来源';
    throw new AppError('VALIDATION_FAILED', {
      message,
      details: { in: 'body', fields: [{ path: 'groupChatId', message }] },
    });
  }
}
