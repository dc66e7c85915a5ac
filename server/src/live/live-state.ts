import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { LiveSpeaker, LiveState, LiveVote } from '../../../shared/src/meetings/live.schema';
import { MEETING_STATUS_LABELS } from '../../../shared/src/meetings/meetings.schema';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { AppError } from '../http/app-error';
import { AgendaDecision, AgendaItem, Meeting, MeetingSpeaker } from '../meetings/meetings.entity';
import { inviteeLabels } from '../meetings/meetings.minutes';
import { attendanceOf } from '../meetings/meetings.service';
import { Topic } from '../topics/topics.entity';
import { topicDetail } from '../topics/topics.service';
import { publicName } from '../topics/topics.views';
import { Vote } from '../votes/votes.entity';
import { voteView } from '../votes/votes.service';

/**
 * Who may follow a meeting live: everyone once it is announced (deliberation
 * is public, names are masked); a planned meeting only its community's
 * moderators. Invitees and moderators (members) also see speakers' user ids.
 * Errors: NOT_FOUND.
 */
export function liveAudience(actor: Actor | undefined, meeting: Meeting, invited: boolean): 'member' | 'public' {
  const moderator = actor?.isModerator(meeting.communityId) ?? false;
  if (meeting.status === 'planned' && !moderator) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
  return moderator || invited ? 'member' : 'public';
}

/** The meeting row (for the live version) or NOT_FOUND. */
export async function loadLiveMeeting(ds: DataSource, meetingId: number): Promise<Meeting> {
  const meeting = await ds.getRepository(Meeting).findOne({ where: { id: meetingId } });
  if (!meeting) throw new AppError('NOT_FOUND', { message: '没有这次会议' });
  return meeting;
}

/**
 * Builds the live state. The meeting row (and so the version) is read first:
 * everything read after it is at least as new, so a state never claims a
 * version newer than its content. `actor` given: the votes carry the viewer's
 * standing (`me`); otherwise (pushed states) `me` is null. Speakers carry user
 * ids; `forAudience` strips them for the public.
 */
export async function buildLiveState(ds: DataSource, meetingId: number, actor?: Actor): Promise<LiveState> {
  const meeting = await loadLiveMeeting(ds, meetingId);
  const [items, decisions, attendance] = await Promise.all([
    ds.getRepository(AgendaItem).find({ where: { meetingId }, order: { position: 'ASC' } }),
    ds.getRepository(AgendaDecision).find({ where: { meetingId }, order: { id: 'ASC' } }),
    attendanceOf(ds, meetingId),
  ]);
  const topics = items.length
    ? await ds.getRepository(Topic).find({ where: { id: In(items.map((i) => i.topicId)) } })
    : [];
  const titleOf = (topicId: number) => topics.find((t) => t.id === topicId)?.title ?? `议题 #${topicId}`;
  const current = items.find((i) => i.id === meeting.currentItemId) ?? null;

  let speakers: LiveState['speakers'] = { current: null, queue: [], done: [] };
  let votes: LiveVote[] = [];
  let currentItem: LiveState['currentItem'] = null;
  if (current) {
    const [rows, voteRows, topic] = await Promise.all([
      ds.getRepository(MeetingSpeaker).find({ where: { agendaItemId: current.id }, order: { id: 'ASC' } }),
      ds.getRepository(Vote).find({ where: { meetingId, agendaItemId: current.id }, order: { id: 'ASC' } }),
      topicDetail(ds, undefined, current.topicId).catch(() => null),
    ]);
    const users = rows.length
      ? await ds.getRepository(User).find({ where: { id: In([...new Set(rows.map((r) => r.userId))]) } })
      : [];
    const labels = await inviteeLabels(ds, meeting.councilId, attendance.invitees);
    const view = (r: MeetingSpeaker): LiveSpeaker => ({
      id: r.id,
      userId: r.userId,
      name: publicName(users.find((u) => u.id === r.userId)),
      label: labels.get(r.userId) ?? '列席',
      status: r.status,
      requestedAt: r.createdAt.toISOString(),
      addedByModerator: r.addedBy !== null,
      startedAt: r.startedAt?.toISOString() ?? null,
      endedAt: r.endedAt?.toISOString() ?? null,
      seconds: r.seconds,
    });
    const speaking = rows.find((r) => r.status === 'speaking');
    speakers = {
      current: speaking ? view(speaking) : null,
      queue: rows.filter((r) => r.status === 'waiting').map(view),
      done: rows.filter((r) => r.status === 'done').map(view),
    };
    votes = await votesOf(ds, voteRows, actor);
    const t = topics.find((x) => x.id === current.topicId);
    currentItem = {
      id: current.id,
      position: current.position,
      minutes: current.minutes,
      openedAt: (current.openedAt ?? new Date()).toISOString(),
      topic: topic
        ? {
            id: topic.id,
            title: topic.title,
            description: topic.description,
            category: topic.category,
            status: topic.status,
            statusLabel: topic.statusLabel,
            authorName: topic.authorName,
            place: topic.place,
            photos: topic.photos,
            timeline: topic.timeline,
          }
        : {
            id: current.topicId,
            title: titleOf(current.topicId),
            description: t?.description ?? '',
            category: t?.category ?? '',
            status: t?.status ?? 'scheduled',
            statusLabel: '',
            authorName: '',
            place: null,
            photos: [],
            timeline: [],
          },
    };
  }
  return {
    meetingId,
    communityId: meeting.communityId,
    version: meeting.liveVersion,
    sessionVersion: meeting.sessionVersion,
    title: meeting.title,
    status: meeting.status,
    statusLabel: MEETING_STATUS_LABELS[meeting.status],
    startsAt: meeting.startsAt.toISOString(),
    startedAt: meeting.startedAt?.toISOString() ?? null,
    closedAt: meeting.closedAt?.toISOString() ?? null,
    agenda: items.map((i) => ({
      id: i.id,
      position: i.position,
      topicId: i.topicId,
      title: titleOf(i.topicId),
      minutes: i.minutes,
      status: i.status,
      outcome: decisions.find((d) => d.agendaItemId === i.id)?.outcome ?? null,
    })),
    currentItem,
    speakers,
    votes,
    attendance: attendance.summary,
    decisions: decisions.map((d) => {
      const item = items.find((i) => i.id === d.agendaItemId);
      return {
        agendaItemId: d.agendaItemId,
        topicId: item?.topicId ?? 0,
        title: item ? titleOf(item.topicId) : '',
        outcome: d.outcome,
        resolution: d.resolution,
        voteIds: d.voteIds ? d.voteIds.split(',').map(Number) : [],
        decidedAt: d.createdAt.toISOString(),
      };
    }),
    serverTime: new Date().toISOString(),
  };
}

async function votesOf(ds: DataSource, rows: Vote[], actor?: Actor): Promise<LiveVote[]> {
  return Promise.all(
    rows.map(async (v) => {
      const seen = await voteView(ds, actor, v.id);
      return { ...seen, me: actor ? seen.me : null };
    }),
  );
}

/**
 * After ballots only: the previous state with fresh votes, when the meeting's
 * session version is still the one that state was built at (three queries
 * instead of a whole build). Otherwise a whole build.
 */
export async function refreshLiveVotes(ds: DataSource, previous: LiveState): Promise<LiveState> {
  const meeting = await loadLiveMeeting(ds, previous.meetingId);
  if (meeting.sessionVersion !== previous.sessionVersion) return buildLiveState(ds, previous.meetingId);
  const rows = meeting.currentItemId
    ? await ds.getRepository(Vote).find({
        where: { meetingId: meeting.id, agendaItemId: meeting.currentItemId },
        order: { id: 'ASC' },
      })
    : [];
  return {
    ...previous,
    version: meeting.liveVersion,
    votes: await votesOf(ds, rows),
    serverTime: new Date().toISOString(),
  };
}

/** The state as the public sees it: no user ids. */
export function forAudience(state: LiveState, audience: 'member' | 'public'): LiveState {
  if (audience === 'member') return state;
  const strip = (s: LiveSpeaker): LiveSpeaker => ({ ...s, userId: null });
  return {
    ...state,
    speakers: {
      current: state.speakers.current ? strip(state.speakers.current) : null,
      queue: state.speakers.queue.map(strip),
      done: state.speakers.done.map(strip),
    },
  };
}
