import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import {
  daysToCompletion,
  daysToFirstResponse,
  type Rate,
  rate,
  type TimelineFact,
} from '../../../shared/src/stats/measures';
import { type Period, periodInstants } from '../../../shared/src/stats/period';
import type { TopicLevel } from '../../../shared/src/topics/topic-states';
import { Building, Community, Estate, SubDistrict } from '../communities/communities.entity';
import { Council } from '../councils/councils.entity';
import {
  AgendaDecision,
  AgendaItem,
  Attendance,
  Meeting,
  MeetingInvitee,
  MeetingMinutes,
} from '../meetings/meetings.entity';
import { Evaluation } from '../outcomes/outcomes.entity';
import { ProjectApplication, ProjectEvaluation, ProjectEvent, ServiceProject } from '../projects/projects.entity';
import { Cosign, Party, Topic, TopicEvent } from '../topics/topics.entity';
import { settingsOf } from '../topics/topics.settings';
import { Ballot, Vote } from '../votes/votes.entity';

/**
 * The facts behind a community's ledger and statistics for one period, read
 * in a handful of queries. The rules that turn them into numbers live in
 * shared/src/stats/measures.ts; this module only gathers.
 */

export interface TopicFacts {
  topic: Topic;
  estateName: string | null;
  buildingName: string | null;
  party: Party | null;
  daysToFirstResponse: number | null;
  daysToCompletion: number | null;
  level: TopicLevel | null;
  /** Every evaluation of the topic so far: 4s and 5s over all; null when nobody has evaluated it. */
  satisfaction: Rate | null;
}

export interface MeetingFacts {
  meeting: Meeting;
  councilName: string;
  invited: number;
  councilInvited: number;
  present: number;
  councilPresent: number;
  itemTitles: string[];
  votes: Vote[];
  /** Each agenda item's conclusion (live meetings), with the item's topic title. */
  decisions: { title: string; decision: AgendaDecision }[];
  /** The minutes, once published. */
  minutes: MeetingMinutes | null;
}

export interface ProjectFacts {
  project: ServiceProject;
  /** The selected social organisation. */
  organisation: string | null;
  /** When the organisation was selected and work began. */
  startedAt: Date | null;
  /** The first move to `completed`. */
  completedAt: Date | null;
  evaluation: ProjectEvaluation | null;
}

export interface CommunityFacts {
  community: Community;
  subDistrictName: string;
  period: Period;
  categories: string[];
  /** The cohort: topics submitted in the period. */
  topics: TopicFacts[];
  /** Meetings held in the period: start day in it, start time passed, notice published. */
  meetings: MeetingFacts[];
  /** Votes opened in the period. */
  votes: Vote[];
  /** Three-society projects active in the period: raised by its end, not finished or cancelled before its start. */
  projects: ProjectFacts[];
  verifiedResidents: Set<number>;
  /** Verified residents who submitted, co-signed, voted or evaluated in the period. */
  participants: Set<number>;
  /** Scores of the evaluations made in the period (1–5). */
  evaluationScores: number[];
}

/** IN lists stay below every database's parameter limit. */
const CHUNK = 500;

async function inChunks<T>(ids: number[], load: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) rows.push(...(await load(ids.slice(i, i + CHUNK))));
  return rows;
}

/** Loads a community's facts for the period. The community must exist. */
export async function communityFacts(
  ds: DataSource,
  community: Community,
  period: Period,
  now: Date = new Date(),
): Promise<CommunityFacts> {
  const { start, end } = periodInstants(period);
  const subDistrict = await ds.getRepository(SubDistrict).findOne({ where: { id: community.subDistrictId } });
  const settings = await settingsOf(ds, community.id);
  const [topics, meetings, votes, projects] = await Promise.all([
    topicFacts(ds, community.id, start, end),
    meetingFacts(ds, community.id, start, end, now),
    ds
      .getRepository(Vote)
      .createQueryBuilder('v')
      .where('v.communityId = :c AND v.createdAt >= :start AND v.createdAt < :end', { c: community.id, start, end })
      .orderBy('v.createdAt', 'ASC')
      .addOrderBy('v.id', 'ASC')
      .getMany(),
    projectFacts(ds, community.id, start, end),
  ]);
  const verifiedResidents = await verifiedResidentsOf(ds, community.id);
  const participants = await participantsOf(ds, community.id, start, end, verifiedResidents);
  const evaluationScores = (
    await ds
      .getRepository(Evaluation)
      .createQueryBuilder('e')
      .select('e.score', 'score')
      .where('e.communityId = :c AND e.createdAt >= :start AND e.createdAt < :end', { c: community.id, start, end })
      .getRawMany<{ score: number | string }>()
  ).map((r) => Number(r.score));
  return {
    community,
    subDistrictName: subDistrict?.name ?? '',
    period,
    categories: settings.categories,
    topics,
    meetings,
    votes,
    projects,
    verifiedResidents,
    participants,
    evaluationScores,
  };
}

async function topicFacts(ds: DataSource, communityId: number, start: Date, end: Date): Promise<TopicFacts[]> {
  const topics = await ds
    .getRepository(Topic)
    .createQueryBuilder('t')
    .where('t.communityId = :c AND t.createdAt >= :start AND t.createdAt < :end', { c: communityId, start, end })
    .orderBy('t.createdAt', 'ASC')
    .addOrderBy('t.id', 'ASC')
    .getMany();
  const ids = topics.map((t) => t.id);
  const events = await inChunks(ids, (chunk) =>
    ds.getRepository(TopicEvent).find({
      where: { topicId: In(chunk) },
      select: { topicId: true, action: true, actorRole: true, toStatus: true, dataJson: true, createdAt: true },
    }),
  );
  const byTopic = new Map<number, TimelineFact[]>();
  for (const e of events) {
    const list = byTopic.get(e.topicId) ?? [];
    list.push({
      action: e.action,
      actorRole: e.actorRole,
      at: e.createdAt,
      toStatus: e.toStatus,
      mergedFromOther: e.action === 'merge' && !!e.dataJson && e.dataJson.includes('"fromTopicId"'),
    });
    byTopic.set(e.topicId, list);
  }
  const evaluations = await inChunks(ids, (chunk) =>
    ds.getRepository(Evaluation).find({ where: { topicId: In(chunk) }, select: { topicId: true, score: true } }),
  );
  const scores = new Map<number, number[]>();
  for (const e of evaluations) scores.set(e.topicId, [...(scores.get(e.topicId) ?? []), e.score]);
  const [estates, parties, buildings] = await Promise.all([
    ds.getRepository(Estate).find({ where: { communityId } }),
    ds.getRepository(Party).find({ where: { communityId } }),
    inChunks([...new Set(topics.flatMap((t) => (t.buildingId ? [t.buildingId] : [])))], (chunk) =>
      ds.getRepository(Building).find({ where: { id: In(chunk) } }),
    ),
  ]);
  const estateName = new Map(estates.map((e) => [e.id, e.name]));
  const buildingName = new Map(buildings.map((b) => [b.id, b.name]));
  const party = new Map(parties.map((p) => [p.id, p]));
  return topics.map((topic) => {
    const timeline = byTopic.get(topic.id) ?? [];
    return {
      topic,
      estateName: topic.estateId ? (estateName.get(topic.estateId) ?? null) : null,
      buildingName: topic.buildingId ? (buildingName.get(topic.buildingId) ?? null) : null,
      party: topic.responsiblePartyId ? (party.get(topic.responsiblePartyId) ?? null) : null,
      level: topic.level,
      daysToFirstResponse: daysToFirstResponse(topic.createdAt, timeline),
      daysToCompletion: daysToCompletion(topic.createdAt, timeline),
      satisfaction: satisfactionOf(scores.get(topic.id)),
    };
  });
}

/** 4s and 5s over all scores; null for none. */
function satisfactionOf(scores: number[] | undefined): Rate | null {
  if (!scores?.length) return null;
  return rate(scores.filter((s) => s >= 4).length, scores.length);
}

async function meetingFacts(
  ds: DataSource,
  communityId: number,
  start: Date,
  end: Date,
  now: Date,
): Promise<MeetingFacts[]> {
  const meetings = await ds
    .getRepository(Meeting)
    .createQueryBuilder('m')
    .where('m.communityId = :c AND m.startsAt >= :start AND m.startsAt < :end AND m.startsAt <= :now', {
      c: communityId,
      start,
      end,
      now,
    })
    .andWhere("m.status <> 'planned'")
    .orderBy('m.startsAt', 'ASC')
    .addOrderBy('m.id', 'ASC')
    .getMany();
  const ids = meetings.map((m) => m.id);
  const [invitees, attendance, items, votes, councils, decisions, minutes] = await Promise.all([
    inChunks(ids, (chunk) => ds.getRepository(MeetingInvitee).find({ where: { meetingId: In(chunk) } })),
    inChunks(ids, (chunk) => ds.getRepository(Attendance).find({ where: { meetingId: In(chunk) } })),
    inChunks(ids, (chunk) =>
      ds.getRepository(AgendaItem).find({ where: { meetingId: In(chunk) }, order: { position: 'ASC' } }),
    ),
    inChunks(ids, (chunk) => ds.getRepository(Vote).find({ where: { meetingId: In(chunk) }, order: { id: 'ASC' } })),
    ds.getRepository(Council).find({ where: { communityId } }),
    inChunks(ids, (chunk) =>
      ds.getRepository(AgendaDecision).find({ where: { meetingId: In(chunk) }, order: { id: 'ASC' } }),
    ),
    inChunks(ids, (chunk) => ds.getRepository(MeetingMinutes).find({ where: { meetingId: In(chunk) } })),
  ]);
  const titles = new Map(
    (
      await inChunks([...new Set(items.map((i) => i.topicId))], (chunk) =>
        ds.getRepository(Topic).find({ where: { id: In(chunk) }, select: { id: true, title: true } }),
      )
    ).map((t) => [t.id, t.title]),
  );
  const councilName = new Map(councils.map((c) => [c.id, c.name]));
  return meetings.map((meeting) => {
    const invited = invitees.filter((i) => i.meetingId === meeting.id);
    const present = new Set(attendance.filter((a) => a.meetingId === meeting.id).map((a) => a.userId));
    const council = invited.filter((i) => i.role === 'council');
    return {
      meeting,
      councilName: councilName.get(meeting.councilId) ?? '',
      invited: invited.length,
      councilInvited: council.length,
      present: invited.filter((i) => present.has(i.userId)).length,
      councilPresent: council.filter((i) => present.has(i.userId)).length,
      itemTitles: items
        .filter((i) => i.meetingId === meeting.id)
        .map((i) => titles.get(i.topicId) ?? `议题 #${i.topicId}`),
      votes: votes.filter((v) => v.meetingId === meeting.id),
      decisions: decisions
        .filter((d) => d.meetingId === meeting.id)
        .map((decision) => {
          const item = items.find((i) => i.id === decision.agendaItemId);
          return { title: item ? (titles.get(item.topicId) ?? `议题 #${item.topicId}`) : '', decision };
        }),
      minutes: minutes.find((m) => m.meetingId === meeting.id && m.publishedAt !== null) ?? null,
    };
  });
}

async function projectFacts(ds: DataSource, communityId: number, start: Date, end: Date): Promise<ProjectFacts[]> {
  const raised = await ds
    .getRepository(ServiceProject)
    .createQueryBuilder('p')
    .where('p.communityId = :c AND p.createdAt < :end', { c: communityId, end })
    .orderBy('p.createdAt', 'ASC')
    .addOrderBy('p.id', 'ASC')
    .getMany();
  const ids = raised.map((p) => p.id);
  const [completions, evaluations, applications] = await Promise.all([
    inChunks(ids, (chunk) =>
      ds.getRepository(ProjectEvent).find({ where: { projectId: In(chunk), toStatus: 'completed' } }),
    ),
    inChunks(ids, (chunk) => ds.getRepository(ProjectEvaluation).find({ where: { projectId: In(chunk) } })),
    inChunks(
      raised.flatMap((p) => (p.selectedApplicationId ? [p.selectedApplicationId] : [])),
      (chunk) => ds.getRepository(ProjectApplication).find({ where: { id: In(chunk) } }),
    ),
  ]);
  const facts: ProjectFacts[] = [];
  for (const project of raised) {
    const done = completions
      .filter((e) => e.projectId === project.id)
      .reduce<Date | null>((first, e) => (!first || e.createdAt < first ? e.createdAt : first), null);
    const finishedAt = project.status === 'cancelled' ? project.statusChangedAt : done;
    if (finishedAt && finishedAt < start) continue;
    facts.push({
      project,
      organisation: applications.find((a) => a.id === project.selectedApplicationId)?.organisation ?? null,
      startedAt: project.selectedAt,
      completedAt: done,
      evaluation: evaluations.find((e) => e.projectId === project.id) ?? null,
    });
  }
  return facts;
}

/** Users with an approved unit claim in the community, an active membership there, and an active account. */
async function verifiedResidentsOf(ds: DataSource, communityId: number): Promise<Set<number>> {
  const rows = (await ds.query(
    `SELECT DISTINCT uc.user_id AS id
       FROM unit_claim uc
       JOIN membership m ON m.user_id = uc.user_id AND m.community_id = uc.community_id AND m.status = 'active'
       JOIN app_user u ON u.id = uc.user_id AND u.status = 'active'
      WHERE uc.community_id = ? AND uc.status = 'approved'`,
    [communityId],
  )) as { id: number | string }[];
  return new Set(rows.map((r) => Number(r.id)));
}

/** Verified residents who submitted a topic, co-signed, cast a ballot or evaluated in the community during the period. */
async function participantsOf(
  ds: DataSource,
  communityId: number,
  start: Date,
  end: Date,
  verified: Set<number>,
): Promise<Set<number>> {
  const window = { c: communityId, start, end };
  const [authors, cosigners, voters, evaluators] = await Promise.all([
    ds
      .getRepository(Topic)
      .createQueryBuilder('t')
      .select('DISTINCT t.authorId', 'id')
      .where('t.communityId = :c AND t.createdAt >= :start AND t.createdAt < :end AND t.authorId IS NOT NULL', window)
      .getRawMany<{ id: number | string }>(),
    ds
      .getRepository(Cosign)
      .createQueryBuilder('s')
      .select('DISTINCT s.userId', 'id')
      .innerJoin(Topic, 't', 't.id = s.topicId')
      .where('t.communityId = :c AND s.createdAt >= :start AND s.createdAt < :end', window)
      .getRawMany<{ id: number | string }>(),
    ds
      .getRepository(Ballot)
      .createQueryBuilder('b')
      .select('DISTINCT b.castByUserId', 'id')
      .innerJoin(Vote, 'v', 'v.id = b.voteId')
      .where('v.communityId = :c AND b.createdAt >= :start AND b.createdAt < :end', window)
      .getRawMany<{ id: number | string }>(),
    ds
      .getRepository(Evaluation)
      .createQueryBuilder('e')
      .select('DISTINCT e.userId', 'id')
      .where('e.communityId = :c AND e.createdAt >= :start AND e.createdAt < :end', window)
      .getRawMany<{ id: number | string }>(),
  ]);
  const participants = new Set<number>();
  for (const row of [...authors, ...cosigners, ...voters, ...evaluators]) {
    const id = Number(row.id);
    if (verified.has(id)) participants.add(id);
  }
  return participants;
}

/** A vote's stored tally (result_json), or null. */
export function parseResult(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
