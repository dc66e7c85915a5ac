import type { EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { MEETING_STATUS_LABELS } from '../../../shared/src/meetings/meetings.schema';
import { shanghaiDay } from '../../../shared/src/time';
import type { CreateVoteBody } from '../../../shared/src/votes/votes.schema';
import { Council, Seat } from '../councils/councils.entity';
import { AppError, fieldError } from '../http/app-error';
import { AgendaItem, Attendance, Meeting } from '../meetings/meetings.entity';
import type { Vote } from './votes.entity';

/**
 * Council votes and votes in meetings (DESIGN.md §4.1): a council's
 * electorate is its seat holders in term when the vote opens; a vote taken in
 * a meeting (in session, on one of its agenda items) is cast only by
 * participants checked in to that meeting, whatever its electorate.
 */

export interface VotePlace {
  councilId: number | null;
  meetingId: number | null;
  agendaItemId: number | null;
  /** The agenda item's topic when the body names none. */
  topicId: number | null;
  /** A council of one estate scopes its vote to that estate. */
  estateId: number | null;
}

/**
 * Where a new vote belongs: its council and meeting, checked against the
 * community. Errors: VALIDATION_FAILED (another community's council, meeting
 * or agenda item), ILLEGAL_TRANSITION (the meeting is not in session).
 */
export async function resolveVotePlace(em: EntityManager, body: CreateVoteBody): Promise<VotePlace> {
  let meeting: Meeting | null = null;
  let agendaItem: AgendaItem | null = null;
  if (body.meetingId !== undefined) {
    meeting = await em.findOne(Meeting, { where: { id: body.meetingId } });
    if (!meeting || meeting.communityId !== body.communityId) throw fieldError('meetingId', '本社区没有这次会议');
    if (meeting.status !== 'in_session') {
      throw new AppError('ILLEGAL_TRANSITION', {
        message: `会议当前为“${MEETING_STATUS_LABELS[meeting.status]}”，只有会议进行中才能发起会上表决`,
      });
    }
    agendaItem = await em.findOne(AgendaItem, { where: { id: body.agendaItemId ?? 0 } });
    if (!agendaItem || agendaItem.meetingId !== meeting.id) {
      throw fieldError('agendaItemId', '这个议程不属于本次会议');
    }
  }
  let councilId: number | null = null;
  let estateId: number | null = body.estateId ?? null;
  if (body.electorate === 'council') {
    councilId = body.councilId ?? meeting?.councilId ?? null;
    if (meeting && body.councilId !== undefined && body.councilId !== meeting.councilId) {
      throw fieldError('councilId', '会上表决的议事会须是召开本次会议的议事会');
    }
    const council = councilId === null ? null : await em.findOne(Council, { where: { id: councilId } });
    if (!council || council.communityId !== body.communityId) throw fieldError('councilId', '本社区没有这个议事会');
    estateId = council.estateId;
  }
  return {
    councilId,
    meetingId: meeting?.id ?? null,
    agendaItemId: agendaItem?.id ?? null,
    topicId: body.topicId ?? agendaItem?.topicId ?? null,
    estateId,
  };
}

/** The council's seat holders in term today (Asia/Shanghai), one voter key each. */
export async function councilElectorate(
  em: EntityManager,
  councilId: number,
): Promise<{ voterKey: string; unitId: null; areaCentiM2: null }[]> {
  const today = shanghaiDay();
  const seats = await em.find(Seat, { where: { councilId, endedAt: IsNull() } });
  const holders = new Set(seats.filter((s) => s.termStart <= today && today <= s.termEnd).map((s) => s.userId));
  return [...holders].map((userId) => ({ voterKey: `u:${userId}`, unitId: null, areaCentiM2: null }));
}

/** Casting in a meeting needs a check-in. Errors: FORBIDDEN. */
export async function assertCheckedIn(em: EntityManager, vote: Pick<Vote, 'meetingId'>, userId: number) {
  if (vote.meetingId === null) return;
  if (!(await em.exists(Attendance, { where: { meetingId: vote.meetingId, userId } }))) {
    throw new AppError('FORBIDDEN', { message: '这是会上表决，请先在会场签到后再投票' });
  }
}

/**
 * Whether the voter a paper ballot names is present at the vote's meeting:
 * the person (council, residents), a verified member of the unit
 * (households), or a verified owner of one of the owner's units (owners).
 */
export async function voterPresent(em: EntityManager, vote: Vote, voterKey: string): Promise<boolean> {
  if (vote.meetingId === null) return true;
  if (voterKey.startsWith('u:')) {
    return em.exists(Attendance, { where: { meetingId: vote.meetingId, userId: Number(voterKey.slice(2)) } });
  }
  const rows = (await em.query(
    `SELECT 1 AS present FROM attendance a
       JOIN unit_claim uc ON uc.user_id = a.user_id AND uc.status = 'approved'
       JOIN vote_elector ve ON ve.vote_id = ? AND ve.voter_key = ? AND ve.unit_id = uc.unit_id
      WHERE a.meeting_id = ? ${vote.electorate === 'owners' ? "AND uc.relation = 'owner'" : ''} LIMIT 1`,
    [vote.id, voterKey, vote.meetingId],
  )) as unknown[];
  return rows.length > 0;
}
