import { type DataSource, In } from 'typeorm';
import { MEETING_STATUS_LABELS } from '../../../shared/src/meetings/meetings.schema';
import { formatYuan } from '../../../shared/src/projects/money';
import { PROJECT_STATUS_LABELS } from '../../../shared/src/projects/project-states';
import { electorateWords, methodWords, passedOf, resultWords, ruleWords } from '../../../shared/src/stats/ledger-words';
import { rate } from '../../../shared/src/stats/measures';
import type { Period } from '../../../shared/src/stats/period';
import type {
  Ledger,
  LedgerMeeting,
  LedgerProject,
  LedgerTopic,
  LedgerVote,
} from '../../../shared/src/stats/stats.schema';
import { shanghaiDay } from '../../../shared/src/time';
import { TOPIC_LEVEL_LABELS, TOPIC_STATUS_LABELS } from '../../../shared/src/topics/topic-states';
import type { Actor } from '../auth/actor';
import { type CommunityFacts, communityFacts, parseResult } from '../stats/stats.data';
import { reportableCommunity, reportableSubDistrict } from '../stats/stats.policy';
import { Vote, VoteParticipation } from '../votes/votes.entity';

/**
 * 台账: the committee's record of a period — topics, meetings, votes (and
 * three-society projects once they are recorded) — for one community or for
 * every community of a sub-district. The same rows feed the JSON answer, the
 * spreadsheet and the print view.
 */

const VOTE_STATUS_WORDS: Record<string, string> = { draft: '未开始', open: '表决中', closed: '已结束' };

function topicRows(f: CommunityFacts): LedgerTopic[] {
  return f.topics.map((t) => ({
    communityName: f.community.name,
    id: t.topic.id,
    title: t.topic.title,
    status: t.topic.status,
    statusLabel: TOPIC_STATUS_LABELS[t.topic.status] ?? t.topic.status,
    category: t.topic.category,
    estate: t.estateName ? `${t.estateName}${t.buildingName ?? ''}` : '全社区',
    routedTo: t.party ? `${t.party.name}${t.level ? `（${TOPIC_LEVEL_LABELS[t.level]}）` : ''}` : '',
    submittedOn: shanghaiDay(t.topic.createdAt),
    daysToFirstResponse: t.daysToFirstResponse,
    daysToCompletion: t.daysToCompletion,
    satisfaction: t.satisfaction,
  }));
}

function meetingRows(f: CommunityFacts): LedgerMeeting[] {
  return f.meetings.map((m) => ({
    communityName: f.community.name,
    id: m.meeting.id,
    date: shanghaiDay(m.meeting.startsAt),
    startsAt: m.meeting.startsAt.toISOString(),
    title: m.meeting.title,
    statusLabel: MEETING_STATUS_LABELS[m.meeting.status] ?? m.meeting.status,
    council: m.councilName,
    invited: m.invited,
    present: m.present,
    attendance: rate(m.councilPresent, m.councilInvited),
    items: m.itemTitles.length,
    itemTitles: m.itemTitles,
    results: [
      ...m.decisions.map(({ title, decision }) =>
        decision.outcome === 'decided' ? `${title}：决议——${decision.resolution}` : `${title}：未形成决议`,
      ),
      ...m.votes.map((v) => `${v.title}：${resultWords(v.electorate, v.status, parseResult(v.resultJson))}`),
    ].join('；'),
  }));
}

async function voteRows(ds: DataSource, f: CommunityFacts): Promise<LedgerVote[]> {
  const open = f.votes.filter((v) => v.status !== 'closed').map((v) => v.id);
  const counts = new Map<number, number>();
  if (open.length) {
    const rows = await ds
      .getRepository(VoteParticipation)
      .createQueryBuilder('p')
      .select('p.voteId', 'voteId')
      .addSelect('COUNT(*)', 'n')
      .where({ voteId: In(open) })
      .groupBy('p.voteId')
      .getRawMany<{ voteId: number | string; n: number | string }>();
    for (const r of rows) counts.set(Number(r.voteId), Number(r.n));
  }
  return f.votes.map((v: Vote) => {
    const result = parseResult(v.resultJson);
    return {
      communityName: f.community.name,
      id: v.id,
      title: v.title,
      openedOn: shanghaiDay(v.createdAt),
      electorate: electorateWords(v.electorate),
      method: methodWords(v.method),
      rule: ruleWords(v),
      entitled: v.entitledCount,
      participated: v.status === 'closed' ? v.ballotCount : (counts.get(v.id) ?? 0),
      status: VOTE_STATUS_WORDS[v.status] ?? v.status,
      passed: passedOf(v.status, result),
      result: resultWords(v.electorate, v.status, result),
      recordHead: v.recordHead,
    };
  });
}

function projectRows(f: CommunityFacts): LedgerProject[] {
  return f.projects.map(({ project, organisation, startedAt, completedAt, evaluation }) => ({
    communityName: f.community.name,
    id: project.id,
    title: project.title,
    status: PROJECT_STATUS_LABELS[project.status] ?? project.status,
    organisation: organisation ?? '',
    budget: project.budgetFen !== null ? formatYuan(project.budgetFen) : '',
    startedOn: startedAt ? shanghaiDay(startedAt) : '',
    completedOn: completedAt ? shanghaiDay(completedAt) : '',
    evaluation: evaluation ? `${evaluation.score} 分（${evaluation.evaluator}）` : '',
  }));
}

async function ledgerOf(ds: DataSource, all: CommunityFacts[]): Promise<Omit<Ledger, 'scope' | 'period'>> {
  const votes: LedgerVote[] = [];
  for (const f of all) votes.push(...(await voteRows(ds, f)));
  return {
    generatedAt: new Date().toISOString(),
    topics: all.flatMap(topicRows),
    meetings: all.flatMap(meetingRows),
    votes,
    projects: all.flatMap(projectRows),
  };
}

/**
 * A community's ledger for a period. Preconditions: the actor moderates the
 * community or administers its sub-district. Effects: none.
 * Errors: NOT_FOUND, FORBIDDEN.
 */
export async function communityLedger(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  period: Period,
): Promise<{ ledger: Ledger; facts: CommunityFacts[] }> {
  const community = await reportableCommunity(ds, actor, communityId);
  const facts = await communityFacts(ds, community, period);
  const ledger: Ledger = {
    scope: { kind: 'community', id: community.id, name: community.name, subDistrictName: facts.subDistrictName },
    period,
    ...(await ledgerOf(ds, [facts])),
  };
  return { ledger, facts: [facts] };
}

/**
 * Every community of a sub-district in one ledger (each row names its
 * community). Preconditions: the actor administers the sub-district.
 * Errors: NOT_FOUND, FORBIDDEN.
 */
export async function subDistrictLedger(
  ds: DataSource,
  actor: Actor,
  subDistrictId: number,
  period: Period,
): Promise<{ ledger: Ledger; facts: CommunityFacts[] }> {
  const { subDistrict, communities } = await reportableSubDistrict(ds, actor, subDistrictId);
  const facts: CommunityFacts[] = [];
  for (const community of communities) facts.push(await communityFacts(ds, community, period));
  const ledger: Ledger = {
    scope: { kind: 'sub_district', id: subDistrict.id, name: subDistrict.name, subDistrictName: subDistrict.name },
    period,
    ...(await ledgerOf(ds, facts)),
  };
  return { ledger, facts };
}
