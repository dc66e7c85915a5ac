import type { DataSource } from 'typeorm';
import { In, IsNull } from 'typeorm';
import {
  MEETING_STATUS_LABELS,
  type MeetingView,
  type ScheduleMeetingBody,
} from '../../../shared/src/meetings/meetings.schema';
import { shanghaiDay } from '../../../shared/src/time';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Council, Seat } from '../councils/councils.entity';
import { runInTransaction } from '../db/transaction';
import { AppError, fieldError } from '../http/app-error';
import { randomCode } from '../http/codes';
import { Membership } from '../members/members.entity';
import { assertModerator } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { Topic } from '../topics/topics.entity';
import { publicName } from '../topics/topics.views';
import { AgendaItem, Attendance, Meeting, MeetingInvitee } from './meetings.entity';

const AGENDA_STATUSES: readonly Topic['status'][] = ['accepted', 'routed', 'handling', 'cosigning'];

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
      })),
    );
    return meeting;
  });
}

async function loadMeeting(ds: DataSource, id: number): Promise<Meeting> {
  const meeting = await ds.getRepository(Meeting).findOne({ where: { id } });
  if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
  return meeting;
}

/**
 * Publishes the notice: at least `noticeDays` before the meeting; every
 * invitee is told. Errors: FORBIDDEN, ILLEGAL_TRANSITION (not planned, or too late).
 */
export async function announceMeeting(ds: DataSource, actor: Actor, id: number): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const meeting = await em.findOne(Meeting, { where: { id } });
    if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
    assertModerator(actor, meeting.communityId);
    if (meeting.status !== 'planned') {
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `会议当前为“${MEETING_STATUS_LABELS[meeting.status]}”，不能再发布通知`,
      });
    }
    const daysAhead = (meeting.startsAt.getTime() - Date.now()) / 86_400_000;
    if (daysAhead < meeting.noticeDays) {
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `会议通知须至少提前 ${meeting.noticeDays} 天发布，请调整会议时间`,
        details: { noticeDays: meeting.noticeDays },
      });
    }
    const changed = await em
      .createQueryBuilder()
      .update(Meeting)
      .set({ status: 'announced', announcedAt: new Date() })
      .where("id = :id AND status = 'planned'", { id })
      .execute();
    if (changed.affected !== 1)
      throw new AppError('ILLEGAL_TRANSITION', { message: '会议刚刚被其他人处理过，请刷新后再试' });
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

async function checkInAs(
  ds: DataSource,
  meeting: Meeting,
  userId: number,
  method: 'code' | 'roll_call',
  recordedBy: number,
) {
  if (meeting.status !== 'announced' && meeting.status !== 'in_session') {
    throw new AppError('ILLEGAL_TRANSITION', {
      message: `会议当前为“${MEETING_STATUS_LABELS[meeting.status]}”，不能签到`,
    });
  }
  await runInTransaction(ds, async (em) => {
    if (!(await em.exists(MeetingInvitee, { where: { meetingId: meeting.id, userId } }))) {
      throw new AppError('FORBIDDEN', { message: '您不在本次会议的参会名单中' });
    }
    if (await em.exists(Attendance, { where: { meetingId: meeting.id, userId } })) return;
    await em.insert(Attendance, { meetingId: meeting.id, userId, method, recordedBy });
  });
}

/** An invitee checks in with the meeting's code (scanned or typed); twice is harmless. Errors: FORBIDDEN, ILLEGAL_TRANSITION, VALIDATION_FAILED. */
export async function checkIn(ds: DataSource, actor: Actor, id: number, code: string): Promise<void> {
  const meeting = await loadMeeting(ds, id);
  if (code.toUpperCase() !== meeting.checkInCode) throw fieldError('code', '签到码不对，请核对会场公布的签到码');
  await checkInAs(ds, meeting, actor.userId, 'code', actor.userId);
}

/** The moderator's roll call marks an invitee present. Errors: FORBIDDEN, ILLEGAL_TRANSITION. */
export async function rollCall(ds: DataSource, actor: Actor, id: number, userId: number): Promise<void> {
  const meeting = await loadMeeting(ds, id);
  assertModerator(actor, meeting.communityId);
  await checkInAs(ds, meeting, userId, 'roll_call', actor.userId);
}

/** A meeting with agenda, invitees (named masked) and live attendance; the check-in code for moderators. */
export async function meetingView(ds: DataSource, actor: Actor | undefined, id: number): Promise<MeetingView> {
  const meeting = await loadMeeting(ds, id);
  const [items, invitees, present] = await Promise.all([
    ds.getRepository(AgendaItem).find({ where: { meetingId: id }, order: { position: 'ASC' } }),
    ds.getRepository(MeetingInvitee).find({ where: { meetingId: id }, order: { id: 'ASC' } }),
    ds.getRepository(Attendance).find({ where: { meetingId: id } }),
  ]);
  const topics = items.length
    ? await ds.getRepository(Topic).find({ where: { id: In(items.map((i) => i.topicId)) } })
    : [];
  const users = invitees.length
    ? await ds.getRepository(User).find({ where: { id: In(invitees.map((i) => i.userId)) } })
    : [];
  const presentIds = new Set(present.map((p) => p.userId));
  const council = invitees.filter((i) => i.role === 'council');
  const councilPresent = council.filter((i) => presentIds.has(i.userId)).length;
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
    attendance: {
      present: present.length,
      councilPresent,
      councilSeats: council.length,
      quorumMet: councilPresent * 2 > council.length,
    },
    checkInCode: isModerator ? meeting.checkInCode : null,
    me: {
      invited: !!actor && invitees.some((i) => i.userId === actor.userId),
      present: !!actor && presentIds.has(actor.userId),
    },
  };
}
