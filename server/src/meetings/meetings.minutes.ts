import type { DataSource, EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { SEAT_PARTY_LABELS } from '../../../shared/src/councils/councils.schema';
import { hasQuorum } from '../../../shared/src/meetings/attendance';
import { draftMinutes, type MinutesInput, type MinutesView } from '../../../shared/src/meetings/minutes';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Seat } from '../councils/councils.entity';
import { AppError } from '../http/app-error';
import { notify } from '../notifications/notifications.service';
import { Topic } from '../topics/topics.entity';
import { publicName } from '../topics/topics.views';
import { Vote, VoteParticipation } from '../votes/votes.entity';
import {
  AgendaDecision,
  AgendaItem,
  Attendance,
  Meeting,
  MeetingInvitee,
  MeetingMinutes,
  MeetingSpeaker,
} from './meetings.entity';
import { inMeeting, type MeetingDeps } from './meetings.lifecycle';

/** What each invitee is called in the minutes and the live view: the seat's party, or 列席 for guests. */
export async function inviteeLabels(
  em: EntityManager | DataSource,
  councilId: number,
  invitees: MeetingInvitee[],
): Promise<Map<number, string>> {
  const seats = invitees.length
    ? await em.getRepository(Seat).find({ where: { councilId, userId: In(invitees.map((i) => i.userId)) } })
    : [];
  return new Map(
    invitees.map((i) => {
      const seat =
        seats.find((s) => s.userId === i.userId && s.endedAt === null) ?? seats.find((s) => s.userId === i.userId);
      return [i.userId, i.role === 'guest' || !seat ? '列席' : SEAT_PARTY_LABELS[seat.party]];
    }),
  );
}

/** Everything the draft is made of, read inside the closing transaction. */
async function minutesInput(em: EntityManager, meeting: Meeting, moderatorId: number): Promise<MinutesInput> {
  const [invitees, attendance, items, decisions, speakers, votes] = await Promise.all([
    em.find(MeetingInvitee, { where: { meetingId: meeting.id }, order: { id: 'ASC' } }),
    em.find(Attendance, { where: { meetingId: meeting.id } }),
    em.find(AgendaItem, { where: { meetingId: meeting.id }, order: { position: 'ASC' } }),
    em.find(AgendaDecision, { where: { meetingId: meeting.id } }),
    em.find(MeetingSpeaker, {
      where: { meetingId: meeting.id, status: 'done' },
      order: { startedAt: 'ASC', id: 'ASC' },
    }),
    em.find(Vote, { where: { meetingId: meeting.id }, order: { id: 'ASC' } }),
  ]);
  const userIds = [...new Set([...invitees.map((i) => i.userId), ...speakers.map((s) => s.userId), moderatorId])];
  const users = await em.find(User, { where: { id: In(userIds) } });
  const nameOf = (id: number) => publicName(users.find((u) => u.id === id));
  const topics = items.length ? await em.find(Topic, { where: { id: In(items.map((i) => i.topicId)) } }) : [];
  const labels = await inviteeLabels(em, meeting.councilId, invitees);
  const present = new Set(attendance.map((a) => a.userId));
  const council = invitees.filter((i) => i.role === 'council');
  const openVoters = new Map<number, number>();
  for (const v of votes.filter((x) => x.status !== 'closed')) {
    openVoters.set(v.id, await em.count(VoteParticipation, { where: { voteId: v.id } }));
  }
  return {
    title: meeting.title,
    startsAt: meeting.startsAt,
    startedAt: meeting.startedAt,
    closedAt: meeting.closedAt,
    place: meeting.place,
    mode: meeting.mode,
    moderator: `${nameOf(moderatorId)}（社区工作者）`,
    council: council.map((i) => ({
      name: nameOf(i.userId),
      label: labels.get(i.userId) ?? '议事会成员',
      present: present.has(i.userId),
    })),
    guests: invitees
      .filter((i) => i.role === 'guest')
      .map((i) => ({ name: nameOf(i.userId), present: present.has(i.userId) })),
    quorumMet: hasQuorum(council.filter((i) => present.has(i.userId)).length, council.length),
    items: items.map((item) => {
      const decision = decisions.find((d) => d.agendaItemId === item.id);
      return {
        position: item.position,
        title: topics.find((t) => t.id === item.topicId)?.title ?? `议题 #${item.topicId}`,
        minutes: item.minutes,
        status: item.status,
        speakers: speakers
          .filter((s) => s.agendaItemId === item.id)
          .map((s) => ({
            name: nameOf(s.userId),
            label: labels.get(s.userId) ?? '列席',
            seconds:
              s.startedAt && s.endedAt
                ? Math.max(0, Math.round((s.endedAt.getTime() - s.startedAt.getTime()) / 1000))
                : null,
          })),
        votes: votes
          .filter((v) => v.agendaItemId === item.id)
          .map((v) => ({
            title: v.title,
            status: v.status,
            voters: v.status === 'closed' ? v.ballotCount : (openVoters.get(v.id) ?? 0),
            entitled: v.entitledCount,
            result: v.resultJson ? (JSON.parse(v.resultJson) as Record<string, unknown>) : null,
          })),
        outcome: decision?.outcome ?? null,
        resolution: decision?.resolution ?? '',
      };
    }),
  };
}

/** Writes the first draft of the minutes (revision 1) inside the closing transaction. */
export async function draftMinutesOf(em: EntityManager, meeting: Meeting, moderatorId: number): Promise<void> {
  const text = draftMinutes(await minutesInput(em, meeting, moderatorId));
  await em.insert(MeetingMinutes, {
    meetingId: meeting.id,
    text,
    revision: 1,
    updatedBy: moderatorId,
    publishedAt: null,
  });
}

/**
 * The minutes: the draft for the community's moderators, the published text
 * for everyone. Errors: NOT_FOUND (no minutes yet, or a draft the viewer may not see).
 */
export async function minutesView(ds: DataSource, actor: Actor | undefined, meetingId: number): Promise<MinutesView> {
  const meeting = await ds.getRepository(Meeting).findOne({ where: { id: meetingId } });
  if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
  const minutes = await ds.getRepository(MeetingMinutes).findOne({ where: { meetingId } });
  const moderator = actor?.isModerator(meeting.communityId) ?? false;
  if (!minutes || (!minutes.publishedAt && !moderator)) {
    throw new AppError('NOT_FOUND', { message: '会议纪要还没有公布' });
  }
  return {
    meetingId,
    meetingTitle: meeting.title,
    meetingStatus: meeting.status,
    text: minutes.text,
    revision: minutes.revision,
    published: minutes.publishedAt !== null,
    draftedAt: minutes.createdAt.toISOString(),
    updatedAt: minutes.updatedAt.toISOString(),
    publishedAt: minutes.publishedAt?.toISOString() ?? null,
  };
}

/**
 * The moderator edits the draft; `revision` must be the one the edit started
 * from. Published minutes never change.
 * Errors: FORBIDDEN, ILLEGAL_TRANSITION (published), CONFLICT (edited meanwhile).
 */
export async function editMinutes(
  deps: MeetingDeps,
  actor: Actor,
  meetingId: number,
  body: { text: string; revision: number },
): Promise<void> {
  await inMeeting(deps, actor, meetingId, 'editMinutes', 'moderator', async ({ em, meeting }) => {
    const changed = await em
      .createQueryBuilder()
      .update(MeetingMinutes)
      .set({ text: body.text, revision: () => 'revision + 1', updatedBy: actor.userId })
      .where('meeting_id = :meetingId AND revision = :revision AND published_at IS NULL', {
        meetingId,
        revision: body.revision,
      })
      .execute();
    if (changed.affected !== 1) {
      throw new AppError('CONFLICT', { message: '纪要刚刚被其他人修改过，请刷新后在最新内容上修改' });
    }
    await audit(em, {
      communityId: meeting.communityId,
      actor,
      action: 'meeting.editMinutes',
      objectType: 'meeting',
      objectId: meetingId,
      summary: `修改会议纪要「${meeting.title}」（第 ${body.revision + 1} 版）`,
    });
  });
}

/**
 * Publishes the minutes: the meeting becomes 'minutes_published', the text
 * is public and frozen, and every invitee is told.
 * Errors: FORBIDDEN, ILLEGAL_TRANSITION (not closed, or already published).
 */
export async function publishMinutes(deps: MeetingDeps, actor: Actor, meetingId: number): Promise<void> {
  await inMeeting(deps, actor, meetingId, 'publishMinutes', 'moderator', async ({ em, meeting }) => {
    const changed = await em
      .createQueryBuilder()
      .update(MeetingMinutes)
      .set({ publishedAt: new Date() })
      .where('meeting_id = :meetingId AND published_at IS NULL', { meetingId })
      .execute();
    if (changed.affected !== 1) throw new AppError('ILLEGAL_TRANSITION', { message: '会议纪要已经公布过了' });
    await em.update(Meeting, { id: meetingId }, { status: 'minutes_published' });
    for (const invitee of await em.find(MeetingInvitee, { where: { meetingId } })) {
      await notify(em, invitee.userId, {
        kind: 'meeting_minutes',
        title: '会议纪要已公布',
        body: `「${meeting.title}」的会议纪要已公布，欢迎查看。`,
        link: `/pages/meetings/minutes?id=${meetingId}`,
      });
    }
    await audit(em, {
      communityId: meeting.communityId,
      actor,
      action: 'meeting.publishMinutes',
      objectType: 'meeting',
      objectId: meetingId,
      summary: `公布会议纪要「${meeting.title}」`,
    });
  });
}
