import type { DataSource } from 'typeorm';
import { In, IsNull } from 'typeorm';
import { hasQuorum } from '../../../shared/src/meetings/attendance';
import {
  MEETING_STATUS_LABELS,
  type MeetingView,
  type ScheduleMeetingBody,
} from '../../../shared/src/meetings/meetings.schema';
import { shanghaiDay } from '../../../shared/src/time';
import { LIFECYCLE_TRANSITIONS } from '../../../shared/src/topics/topic-states';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Council, Seat } from '../councils/councils.entity';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import { randomCode } from '../http/codes';
import { Membership } from '../members/members.entity';
import { assertModerator } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { moveTopic } from '../topics/topic-lifecycle';
import { Topic } from '../topics/topics.entity';
import { publicName } from '../topics/topics.views';
import { AgendaItem, Attendance, Meeting, MeetingInvitee } from './meetings.entity';
import { inMeeting, type MeetingDeps } from './meetings.lifecycle';

/** Topics an agenda may take: those the notice can schedule (LIFECYCLE_TRANSITIONS.schedule). */
/** Topics an agenda may take: exactly those the notice can move to 待协商. */
export const AGENDA_STATUSES: readonly Topic['status'][] = LIFECYCLE_TRANSITIONS.schedule.from;

/**
 * Moderators schedule a meeting of a council: time, place, mode, guests, and
 * an agenda of the community's open topics. The council's current seat
 * holders are invited. Errors: FORBIDDEN, NOT_FOUND, VALIDATION_FAILED.
 */
export async function scheduleMeeting(ds: DataSource, actor: Actor, body: ScheduleMeetingBody): Promise<Meeting> {
  return runInTransaction(ds, async (em) => {
    const council = await em.findOne(Council, { where: { id: body.councilId } });
    if (!council) throw new AppError('NOT_FOUND', { message: '没有这个议事会' });
    assertModerator(actor, council.communityId);
    if (new Date(body.startsAt).getTime() <= Date.now()) throw fieldError('startsAt', '会议时间应晚于现在');
    const topics = await em.find(Topic, { where: { id: In(body.agenda.map((a) => a.topicId)) } });
    for (const item of body.agenda) {
      const topic = topics.find((t) => t.id === item.topicId);
      if (!topic || topic.communityId !== council.communityId) throw fieldError('agenda', '议程中有不属于本社区的议题');
      if (!AGENDA_STATUSES.includes(topic.status) || topic.held)
        throw fieldError('agenda', `议题「${topic.title}」当前不能列入议程`);
    }
    if (new Set(body.agenda.map((a) => a.topicId)).size !== body.agenda.length)
      throw fieldError('agenda', '同一议题只能列入一次');
    const today = shanghaiDay();
    const seats = await em.find(Seat, { where: { councilId: council.id, endedAt: IsNull() } });
    const holders = [...new Set(seats.filter((s) => s.termStart <= today && today <= s.termEnd).map((s) => s.userId))];
    if (holders.length === 0) throw fieldError('councilId', '议事会还没有在任成员');
    for (const guest of body.guestUserIds) {
      if (!(await em.exists(Membership, { where: { userId: guest, communityId: council.communityId } }))) {
        throw fieldError('guestUserIds', '列席人员须是本社区成员');
      }
    }
    const meeting = await em.save(
      em.create(Meeting, {
        communityId: council.communityId,
        councilId: council.id,
        title: body.title,
        startsAt: new Date(body.startsAt),
        place: body.place,
        mode: body.mode,
        status: 'planned',
        noticeDays: body.noticeDays,
        announcedAt: null,
        checkInCode: randomCode(6),
        createdBy: actor.userId,
        liveVersion: 1,
        sessionVersion: 1,
        currentItemId: null,
        startedAt: null,
        closedAt: null,
      }),
    );
    await em.insert(
      MeetingInvitee,
      holders.map((userId) => ({ meetingId: meeting.id, userId, role: 'council' as const })),
    );
    const guests = body.guestUserIds.filter((g) => !holders.includes(g));
    if (guests.length > 0)
      await em.insert(
        MeetingInvitee,
        guests.map((userId) => ({ meetingId: meeting.id, userId, role: 'guest' as const })),
      );
    await em.insert(
      AgendaItem,
      body.agenda.map((a, position) => ({
        meetingId: meeting.id,
        topicId: a.topicId,
        position: position + 1,
        minutes: a.minutes,
        status: 'pending' as const,
      })),
    );
    await audit(em, {
      communityId: council.communityId,
      actor,
      action: 'meeting.schedule',
      objectType: 'meeting',
      objectId: meeting.id,
      summary: `安排会议「${meeting.title}」，议程 ${body.agenda.length} 项`,
    });
    return meeting;
  });
}

async function loadMeeting(ds: DataSource, id: number): Promise<Meeting> {
  const meeting = await ds.getRepository(Meeting).findOne({ where: { id } });
  if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
  return meeting;
}

/**
 * Publishes the notice: at least `noticeDays` before the meeting; the agenda's
 * topics move to 'scheduled' and every invitee is told.
 * Errors: FORBIDDEN, ILLEGAL_TRANSITION (not planned, too late, a topic no longer open).
 */
export async function announceMeeting(deps: MeetingDeps, actor: Actor, id: number): Promise<void> {
  await inMeeting(deps, actor, id, 'announce', 'moderator', async ({ em, meeting, moved }) => {
    const daysAhead = (meeting.startsAt.getTime() - Date.now()) / 86_400_000;
    if (daysAhead < meeting.noticeDays) {
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `会议通知须至少提前 ${meeting.noticeDays} 天发布，请调整会议时间`,
        details: { noticeDays: meeting.noticeDays },
      });
    }
    await em.update(Meeting, { id }, { status: 'announced', announcedAt: new Date() });
    const items = await em.find(AgendaItem, { where: { meetingId: id }, order: { position: 'ASC' } });
    for (const item of items) {
      const { topic, from, to } = await moveTopic(em, item.topicId, 'schedule', {
        actor,
        note: `列入「${meeting.title}」议程`,
        data: { meetingId: id, agendaItemId: item.id },
      });
      moved({ topicId: topic.id, communityId: topic.communityId, from, to, action: 'schedule' });
    }
    await audit(em, {
      communityId: meeting.communityId,
      actor,
      action: 'meeting.announce',
      objectType: 'meeting',
      objectId: id,
      summary: `发布会议通知「${meeting.title}」`,
    });
    const invitees = await em.find(MeetingInvitee, { where: { meetingId: id } });
    const when = meeting.startsAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    for (const invitee of invitees) {
      await notify(em, invitee.userId, {
        kind: 'meeting_announced',
        title: '协商议事会通知',
        body: `「${meeting.title}」将于 ${when} 在${meeting.place}召开，请准时参加。`,
        link: `/pages/meetings/detail?id=${id}`,
      });
    }
  });
}

/**
 * Cancels a meeting before it starts; an announced meeting's topics leave
 * the agenda ('unschedule') and its invitees are told why.
 * Errors: FORBIDDEN, ILLEGAL_TRANSITION (started, closed or cancelled).
 */
export async function cancelMeeting(deps: MeetingDeps, actor: Actor, id: number, reason: string): Promise<void> {
  await inMeeting(deps, actor, id, 'cancel', 'moderator', async ({ em, meeting, moved }) => {
    const wasAnnounced = meeting.status === 'announced';
    await em.update(Meeting, { id }, { status: 'cancelled' });
    if (wasAnnounced) {
      const items = await em.find(AgendaItem, { where: { meetingId: id }, order: { position: 'ASC' } });
      for (const item of items) {
        const { topic, from, to } = await moveTopic(em, item.topicId, 'unschedule', {
          actor,
          note: `「${meeting.title}」已取消：${reason}`,
          data: { meetingId: id, agendaItemId: item.id },
        });
        moved({ topicId: topic.id, communityId: topic.communityId, from, to, action: 'unschedule' });
      }
      for (const invitee of await em.find(MeetingInvitee, { where: { meetingId: id } })) {
        await notify(em, invitee.userId, {
          kind: 'meeting_cancelled',
          title: '会议取消通知',
          body: `「${meeting.title}」已取消：${reason}`,
          link: `/pages/meetings/detail?id=${id}`,
        });
      }
    }
    await audit(em, {
      communityId: meeting.communityId,
      actor,
      action: 'meeting.cancel',
      objectType: 'meeting',
      objectId: id,
      summary: `取消会议「${meeting.title}」：${reason}`,
    });
  });
}

async function checkInAs(
  deps: MeetingDeps,
  actor: Actor,
  meetingId: number,
  userId: number,
  method: 'code' | 'roll_call',
  code?: string,
) {
  const role = method === 'roll_call' ? 'moderator' : 'anyone';
  await inMeeting(deps, actor, meetingId, 'checkIn', role, async ({ em, meeting }) => {
    if (method === 'code' && actor.isSuspendedIn(meeting.communityId)) throw new AppError('MEMBER_SUSPENDED');
    if (code !== undefined && code.toUpperCase() !== meeting.checkInCode) {
      throw fieldError('code', '签到码不对，请核对会场公布的签到码');
    }
    if (!(await em.exists(MeetingInvitee, { where: { meetingId, userId } }))) {
      throw new AppError('FORBIDDEN', { message: '您不在本次会议的参会名单中' });
    }
    if (await em.exists(Attendance, { where: { meetingId, userId } })) return;
    await em.insert(Attendance, { meetingId, userId, method, recordedBy: actor.userId });
    await audit(em, {
      communityId: meeting.communityId,
      actor,
      actorRole: method === 'roll_call' ? 'moderator' : 'participant',
      action: method === 'roll_call' ? 'meeting.rollCall' : 'meeting.checkIn',
      objectType: 'meeting',
      objectId: meetingId,
      summary: method === 'roll_call' ? `点名签到「${meeting.title}」` : `扫码签到「${meeting.title}」`,
      data: { userId },
    });
  });
}

/** An invitee checks in with the meeting's code (scanned or typed); twice is harmless. Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED. */
export async function checkIn(deps: MeetingDeps, actor: Actor, id: number, code: string): Promise<void> {
  await checkInAs(deps, actor, id, actor.userId, 'code', code);
}

/** The moderator's roll call marks an invitee present. Errors: FORBIDDEN, ILLEGAL_TRANSITION. */
export async function rollCall(deps: MeetingDeps, actor: Actor, id: number, userId: number): Promise<void> {
  await checkInAs(deps, actor, id, userId, 'roll_call');
}

export interface AttendanceSummary {
  present: number;
  councilPresent: number;
  councilSeats: number;
  /** More than half of the council's seat holders checked in. */
  quorumMet: boolean;
}

/** Who was invited, who is present, and the quorum (more than half of the council's invitees). */
export async function attendanceOf(
  ds: DataSource,
  meetingId: number,
): Promise<{ invitees: MeetingInvitee[]; presentIds: Set<number>; summary: AttendanceSummary }> {
  const [invitees, present] = await Promise.all([
    ds.getRepository(MeetingInvitee).find({ where: { meetingId }, order: { id: 'ASC' } }),
    ds.getRepository(Attendance).find({ where: { meetingId } }),
  ]);
  const presentIds = new Set(present.map((p) => p.userId));
  const council = invitees.filter((i) => i.role === 'council');
  const councilPresent = council.filter((i) => presentIds.has(i.userId)).length;
  return {
    invitees,
    presentIds,
    summary: {
      present: present.length,
      councilPresent,
      councilSeats: council.length,
      quorumMet: hasQuorum(councilPresent, council.length),
    },
  };
}

/** A meeting with agenda, invitees (named masked) and live attendance; the check-in code for moderators. */
export async function meetingView(ds: DataSource, actor: Actor | undefined, id: number): Promise<MeetingView> {
  const meeting = await loadMeeting(ds, id);
  const [items, { invitees, presentIds, summary }] = await Promise.all([
    ds.getRepository(AgendaItem).find({ where: { meetingId: id }, order: { position: 'ASC' } }),
    attendanceOf(ds, id),
  ]);
  const topics = items.length
    ? await ds.getRepository(Topic).find({ where: { id: In(items.map((i) => i.topicId)) } })
    : [];
  const users = invitees.length
    ? await ds.getRepository(User).find({ where: { id: In(invitees.map((i) => i.userId)) } })
    : [];
  const isModerator = actor?.isModerator(meeting.communityId) ?? false;
  return {
    id: meeting.id,
    communityId: meeting.communityId,
    councilId: meeting.councilId,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    place: meeting.place,
    mode: meeting.mode,
    status: meeting.status,
    statusLabel: MEETING_STATUS_LABELS[meeting.status],
    noticeDays: meeting.noticeDays,
    announcedAt: meeting.announcedAt?.toISOString() ?? null,
    agenda: items.map((i) => ({
      id: i.id,
      position: i.position,
      topicId: i.topicId,
      title: topics.find((t) => t.id === i.topicId)?.title ?? '',
      minutes: i.minutes,
    })),
    invitees: invitees.map((i) => ({
      name: publicName(users.find((u) => u.id === i.userId)),
      role: i.role,
      present: presentIds.has(i.userId),
    })),
    attendance: summary,
    checkInCode: isModerator ? meeting.checkInCode : null,
    me: {
      invited: !!actor && invitees.some((i) => i.userId === actor.userId),
      present: !!actor && presentIds.has(actor.userId),
    },
  };
}
