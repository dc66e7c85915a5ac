import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import {
  type AgendaCandidate,
  type MeetingInviteeView,
  type MeetingListQuery,
  type MeetingListWhen,
  type MeetingPage,
} from '../../../shared/src/meetings/meeting-lists.schema';
import { MEETING_STATUS_LABELS, type MeetingStatus } from '../../../shared/src/meetings/meetings.schema';
import { TOPIC_STATUS_LABELS } from '../../../shared/src/topics/topic-states';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Community } from '../communities/communities.entity';
import { Council } from '../councils/councils.entity';
import { AppError } from '../http/app-error';
import { assertModerator } from '../members/members.policy';
import { Topic } from '../topics/topics.entity';
import { AgendaItem, Attendance, Meeting, MeetingInvitee } from './meetings.entity';
import { AGENDA_STATUSES } from './meetings.service';

/**
 * The reads the meeting pages need besides the meeting itself: the
 * community's meetings by time, the roll-call list, the topics an agenda may take.
 */

/** The topic statuses scheduleMeeting accepts on an agenda. */

/** Loads a meeting or answers NOT_FOUND. */
export async function findMeeting(ds: DataSource, id: number): Promise<Meeting> {
  const meeting = await ds.getRepository(Meeting).findOne({ where: { id } });
  if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
  return meeting;
}
const UPCOMING_STATUSES: readonly MeetingStatus[] = ['announced', 'in_session'];
const PAST_STATUSES: readonly MeetingStatus[] = ['closed', 'minutes_published'];

interface MeetingCursor {
  startsAt: Date;
  id: number;
}

function badMeetingCursor(): AppError {
  const message = '翻页参数无效，请重新加载列表';
  return new AppError('VALIDATION_FAILED', {
    message,
    details: { in: 'query', fields: [{ path: 'cursor', message }] },
  });
}

function encodeMeetingCursor(when: MeetingListWhen, meeting: Meeting): string {
  return Buffer.from(JSON.stringify({ w: when, t: meeting.startsAt.getTime(), i: meeting.id })).toString('base64url');
}

/** Reads a cursor of the same list (`when`); anything else is VALIDATION_FAILED. */
function decodeMeetingCursor(when: MeetingListWhen, raw: string | undefined): MeetingCursor | undefined {
  if (raw === undefined) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badMeetingCursor();
  }
  const { w, t, i } = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (
    w !== when ||
    !Number.isSafeInteger(t) ||
    !Number.isInteger(i) ||
    (i as number) < 1 ||
    (i as number) > 2_147_483_647
  )
    throw badMeetingCursor();
  const startsAt = new Date(t as number);
  if (Number.isNaN(startsAt.getTime())) throw badMeetingCursor();
  return { startsAt, id: i as number };
}

/**
 * The community's meetings by time, paged by (startsAt, id): `upcoming` are
 * the ones not yet closed, soonest first (planned ones only for the
 * community's moderators); `past` the closed ones, latest first. Public
 * fields only. Errors: NOT_FOUND (community), VALIDATION_FAILED (cursor).
 */
export async function browseMeetings(
  ds: DataSource,
  actor: Actor | undefined,
  communityId: number,
  query: MeetingListQuery,
): Promise<MeetingPage> {
  if (!(await ds.getRepository(Community).exists({ where: { id: communityId } })))
    throw new AppError('NOT_FOUND', { message: '没有这个社区' });
  const cursor = decodeMeetingCursor(query.when, query.cursor);
  const upcoming = query.when === 'upcoming';
  const statuses: MeetingStatus[] = upcoming
    ? [...(actor?.isModerator(communityId) ? (['planned'] as const) : []), ...UPCOMING_STATUSES]
    : [...PAST_STATUSES];
  const order = upcoming ? 'ASC' : 'DESC';
  const after = upcoming ? '>' : '<';
  const qb = ds
    .getRepository(Meeting)
    .createQueryBuilder('m')
    .where('m.communityId = :communityId', { communityId })
    .andWhere('m.status IN (:...statuses)', { statuses });
  if (cursor) {
    qb.andWhere(`(m.startsAt ${after} :t OR (m.startsAt = :t AND m.id ${after} :i))`, {
      t: cursor.startsAt,
      i: cursor.id,
    });
  }
  const rows = await qb
    .orderBy('m.startsAt', order)
    .addOrderBy('m.id', order)
    .take(query.limit + 1)
    .getMany();
  const page = rows.slice(0, query.limit);
  const [councils, counts] = page.length
    ? await Promise.all([
        ds.getRepository(Council).find({ where: { id: In([...new Set(page.map((m) => m.councilId))]) } }),
        ds
          .getRepository(AgendaItem)
          .createQueryBuilder('a')
          .select('a.meetingId', 'meetingId')
          .addSelect('COUNT(*)', 'count')
          .where('a.meetingId IN (:...ids)', { ids: page.map((m) => m.id) })
          .groupBy('a.meetingId')
          .getRawMany<{ meetingId: number | string; count: number | string }>(),
      ])
    : [[], []];
  const last = page.at(-1);
  return {
    items: page.map((m) => ({
      id: m.id,
      title: m.title,
      startsAt: m.startsAt.toISOString(),
      place: m.place,
      mode: m.mode,
      status: m.status,
      statusLabel: MEETING_STATUS_LABELS[m.status],
      councilName: councils.find((c) => c.id === m.councilId)?.name ?? '',
      agendaCount: Number(counts.find((c) => Number(c.meetingId) === m.id)?.count ?? 0),
    })),
    nextCursor: rows.length > query.limit && last ? encodeMeetingCursor(query.when, last) : null,
  };
}

/**
 * Moderators: the invitees with real names (nickname when none is on file)
 * and how and when each checked in, for the roll call. Errors: NOT_FOUND, FORBIDDEN.
 */
export async function listMeetingInvitees(ds: DataSource, actor: Actor, id: number): Promise<MeetingInviteeView[]> {
  const meeting = await findMeeting(ds, id);
  assertModerator(actor, meeting.communityId);
  const [invitees, present] = await Promise.all([
    ds.getRepository(MeetingInvitee).find({ where: { meetingId: id }, order: { id: 'ASC' } }),
    ds.getRepository(Attendance).find({ where: { meetingId: id } }),
  ]);
  const users = invitees.length
    ? await ds.getRepository(User).find({ where: { id: In(invitees.map((i) => i.userId)) } })
    : [];
  return invitees.map((invitee) => {
    const user = users.find((u) => u.id === invitee.userId);
    const attendance = present.find((p) => p.userId === invitee.userId);
    return {
      userId: invitee.userId,
      name: user?.realName || user?.nickname || '已注销用户',
      role: invitee.role,
      present: Boolean(attendance),
      method: attendance?.method ?? null,
      checkedInAt: attendance?.createdAt.toISOString() ?? null,
    };
  });
}

/**
 * Moderators: the community's topics an agenda may take (the statuses
 * scheduleMeeting accepts, not held for review), most co-signed first, at most 100.
 * Errors: FORBIDDEN.
 */
export async function listAgendaCandidates(
  ds: DataSource,
  actor: Actor,
  communityId: number,
): Promise<AgendaCandidate[]> {
  assertModerator(actor, communityId);
  const topics = await ds.getRepository(Topic).find({
    where: { communityId, status: In([...AGENDA_STATUSES]), held: false },
    order: { cosignCount: 'DESC', id: 'ASC' },
    take: 100,
  });
  return topics.map((t) => ({
    id: t.id,
    title: t.title,
    status: t.status,
    statusLabel: TOPIC_STATUS_LABELS[t.status],
    category: t.category,
    cosignCount: t.cosignCount,
  }));
}
