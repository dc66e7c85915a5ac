import { type DataSource, In } from 'typeorm';
import { ITEM_OUTCOME_LABELS } from '../../../shared/src/meetings/live.schema';
import { MEETING_MODE_LABELS, MEETING_STATUS_LABELS } from '../../../shared/src/meetings/meetings.schema';
import { resultWords } from '../../../shared/src/stats/ledger-words';
import { rate } from '../../../shared/src/stats/measures';
import type { MeetingPrint } from '../../../shared/src/stats/stats.schema';
import { shanghaiDay } from '../../../shared/src/time';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { SubDistrict } from '../communities/communities.entity';
import { Council } from '../councils/councils.entity';
import { AppError } from '../http/app-error';
import {
  AgendaDecision,
  AgendaItem,
  Attendance,
  Meeting,
  MeetingInvitee,
  MeetingMinutes,
} from '../meetings/meetings.entity';
import { parseResult } from '../stats/stats.data';
import { reportableCommunity } from '../stats/stats.policy';
import { Topic } from '../topics/topics.entity';
import { publicName } from '../topics/topics.views';
import { Vote } from '../votes/votes.entity';

/**
 * A meeting's record for printing and filing: the notice facts, the agenda,
 * the sign-in list (names masked, as on the public board), the votes' results
 * and the minutes once published. Preconditions: the actor moderates the
 * meeting's community or administers its sub-district. Errors: NOT_FOUND, FORBIDDEN.
 */
export async function meetingPrint(ds: DataSource, actor: Actor, meetingId: number): Promise<MeetingPrint> {
  const meeting = await ds.getRepository(Meeting).findOne({ where: { id: meetingId } });
  if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
  const community = await reportableCommunity(ds, actor, meeting.communityId);
  const [subDistrict, council, items, invitees, present, votes, decisions, minutes] = await Promise.all([
    ds.getRepository(SubDistrict).findOne({ where: { id: community.subDistrictId } }),
    ds.getRepository(Council).findOne({ where: { id: meeting.councilId } }),
    ds.getRepository(AgendaItem).find({ where: { meetingId }, order: { position: 'ASC' } }),
    ds.getRepository(MeetingInvitee).find({ where: { meetingId }, order: { id: 'ASC' } }),
    ds.getRepository(Attendance).find({ where: { meetingId } }),
    ds.getRepository(Vote).find({ where: { meetingId }, order: { id: 'ASC' } }),
    ds.getRepository(AgendaDecision).find({ where: { meetingId }, order: { id: 'ASC' } }),
    ds.getRepository(MeetingMinutes).findOne({ where: { meetingId } }),
  ]);
  const topics = items.length
    ? await ds
        .getRepository(Topic)
        .find({ where: { id: In(items.map((i) => i.topicId)) }, select: { id: true, title: true } })
    : [];
  const users = invitees.length
    ? await ds.getRepository(User).find({ where: { id: In(invitees.map((i) => i.userId)) } })
    : [];
  const presentIds = new Set(present.map((p) => p.userId));
  const council_ = invitees.filter((i) => i.role === 'council');
  return {
    communityName: community.name,
    subDistrictName: subDistrict?.name ?? '',
    id: meeting.id,
    title: meeting.title,
    startsAt: meeting.startsAt.toISOString(),
    date: shanghaiDay(meeting.startsAt),
    place: meeting.place,
    mode: MEETING_MODE_LABELS[meeting.mode] ?? meeting.mode,
    statusLabel: MEETING_STATUS_LABELS[meeting.status] ?? meeting.status,
    council: council?.name ?? '',
    agenda: items.map((i) => ({
      position: i.position,
      title: topics.find((t) => t.id === i.topicId)?.title ?? `议题 #${i.topicId}`,
      minutes: i.minutes,
    })),
    attendees: invitees.map((i, index) => ({
      no: index + 1,
      name: publicName(users.find((u) => u.id === i.userId)),
      role: i.role,
      present: presentIds.has(i.userId),
    })),
    attendance: {
      invited: invitees.length,
      present: invitees.filter((i) => presentIds.has(i.userId)).length,
      council: rate(council_.filter((i) => presentIds.has(i.userId)).length, council_.length),
    },
    votes: votes.map((v) => ({
      title: v.title,
      result: resultWords(v.electorate, v.status, parseResult(v.resultJson)),
      recordHead: v.recordHead,
    })),
    decisions: decisions.map((d) => {
      const item = items.find((i) => i.id === d.agendaItemId);
      return {
        title: item ? (topics.find((t) => t.id === item.topicId)?.title ?? `议题 #${item.topicId}`) : '',
        outcome: ITEM_OUTCOME_LABELS[d.outcome] ?? d.outcome,
        resolution: d.resolution,
      };
    }),
    minutes: minutes?.publishedAt ? minutes.text : null,
  };
}
