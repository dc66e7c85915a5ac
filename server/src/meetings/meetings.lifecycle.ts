import type { EntityManager } from 'typeorm';
import { type MeetingAction, meetingActionRefusal } from '../../../shared/src/meetings/session';
import type { TopicStatus } from '../../../shared/src/topics/topic-states';
import type { Actor } from '../auth/actor';
import { dialectOf } from '../db/data-source';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { assertModerator } from '../members/members.policy';
import { Attendance, Meeting, MeetingInvitee } from './meetings.entity';

/** What a meeting use case needs: the database and the in-process event bus. */
export type MeetingDeps = Pick<AppServices, 'dataSource' | 'events'>;

/** A topic moved inside the transaction; `topic.changed` goes out after commit. */
export interface TopicMoveRecord {
  topicId: number;
  communityId: number;
  from: TopicStatus;
  to: TopicStatus;
  action: string;
}

export interface MeetingWork {
  em: EntityManager;
  meeting: Meeting;
  /** Record a topic move made with moveTopic, so its event is emitted after commit. */
  moved: (record: TopicMoveRecord) => void;
}

/** Who may take an action: the community's moderators, or a checked-in invitee (moderators too when `orModerator`). */
export type MeetingRole = 'moderator' | 'participant' | 'participant_or_moderator' | 'invitee_or_moderator' | 'anyone';

/**
 * Runs one meeting use case in one transaction: loads the meeting (row-locked
 * on MySQL, so a meeting's changes apply one at a time), checks the actor's
 * role and the lifecycle table, runs `work`, then bumps the live version in
 * the same transaction. After commit: `meeting.changed` and every recorded
 * `topic.changed`. Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION, and those of `work`.
 */
export async function inMeeting<T>(
  deps: MeetingDeps,
  actor: Actor | null,
  meetingId: number,
  action: MeetingAction,
  role: MeetingRole,
  work: (w: MeetingWork) => Promise<T>,
): Promise<T> {
  const moves: TopicMoveRecord[] = [];
  const { result, communityId } = await runInTransaction(deps.dataSource, async (em) => {
    const meeting = await em.findOne(Meeting, {
      where: { id: meetingId },
      ...(dialectOf(deps.dataSource) === 'mysql' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
    if (actor) await assertMeetingRole(em, actor, meeting, role);
    const refusal = meetingActionRefusal(action, meeting.status);
    if (refusal) throw new AppError('ILLEGAL_TRANSITION', { message: refusal, details: { status: meeting.status } });
    const result = await work({ em, meeting, moved: (m) => moves.push(m) });
    await bumpSessionVersion(em, meeting.id);
    return { result, communityId: meeting.communityId };
  });
  deps.events.emit('meeting.changed', { meetingId, communityId });
  for (const m of moves) deps.events.emit('topic.changed', m);
  return result;
}

/** +1 on the live version, and the session version follows it (two statements: MySQL and SQLite read SET lists differently). */
export async function bumpSessionVersion(em: EntityManager, meetingId: number): Promise<void> {
  await em
    .createQueryBuilder()
    .update(Meeting)
    .set({ liveVersion: () => 'live_version + 1' })
    .where('id = :id', { id: meetingId })
    .execute();
  await em
    .createQueryBuilder()
    .update(Meeting)
    .set({ sessionVersion: () => 'live_version' })
    .where('id = :id', { id: meetingId })
    .execute();
}

async function assertMeetingRole(em: EntityManager, actor: Actor, meeting: Meeting, role: MeetingRole): Promise<void> {
  if (role === 'anyone') return;
  const moderator = actor.isModerator(meeting.communityId);
  if (role === 'moderator') {
    assertModerator(actor, meeting.communityId);
    return;
  }
  if (moderator && role !== 'participant') return;
  if (actor.isSuspendedIn(meeting.communityId)) throw new AppError('MEMBER_SUSPENDED');
  const invited = await em.exists(MeetingInvitee, { where: { meetingId: meeting.id, userId: actor.userId } });
  if (!invited) throw new AppError('FORBIDDEN', { message: '您不在本次会议的参会名单中' });
  if (role === 'invitee_or_moderator') return;
  const present = await em.exists(Attendance, { where: { meetingId: meeting.id, userId: actor.userId } });
  if (!present) throw new AppError('FORBIDDEN', { message: '请先签到，签到后才能申请发言' });
}
