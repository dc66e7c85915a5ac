import { type DataSource, In } from 'typeorm';
import { passedOf } from '../../../shared/src/stats/ledger-words';
import { rate, sumRates, type TopicFact, topicMeasures } from '../../../shared/src/stats/measures';
import { inPeriod, type Period } from '../../../shared/src/stats/period';
import type { CommunityStats, StatsCore, StatsScopes, SubDistrictStats } from '../../../shared/src/stats/stats.schema';
import type { Actor } from '../auth/actor';
import { Community, SubDistrict } from '../communities/communities.entity';
import { type CommunityFacts, communityFacts, parseResult } from './stats.data';
import { reportableCommunity, reportableSubDistrict } from './stats.policy';

/** Evaluations of 4 or 5 over all evaluations. */
function satisfactionRate(scores: readonly number[]) {
  return rate(scores.filter((s) => s >= 4).length, scores.length);
}

/** The dashboard numbers of several communities' facts taken together (one community: just its own). */
export function statsOf(all: readonly CommunityFacts[], period: Period): StatsCore {
  const topics: TopicFact[] = all.flatMap((f) =>
    f.topics.map((t) => ({
      status: t.topic.status,
      category: t.topic.category,
      submittedAt: t.topic.createdAt,
      daysToFirstResponse: t.daysToFirstResponse,
      daysToCompletion: t.daysToCompletion,
    })),
  );
  const meetings = all.flatMap((f) => f.meetings);
  const votes = all.flatMap((f) => f.votes);
  return {
    topics: topicMeasures(topics, period, all.length === 1 ? all[0]!.categories : []),
    meetings: {
      held: meetings.length,
      attendance: sumRates(meetings.map((m) => rate(m.councilPresent, m.councilInvited))),
    },
    votes: {
      opened: votes.length,
      closed: votes.filter((v) => v.status === 'closed').length,
      passed: votes.filter((v) => passedOf(v.status, parseResult(v.resultJson)) === true).length,
    },
    participation: sumRates(all.map((f) => rate(f.participants.size, f.verifiedResidents.size))),
    satisfaction: satisfactionRate(all.flatMap((f) => f.evaluationScores)),
    projects: {
      active: all.reduce((n, f) => n + f.projects.length, 0),
      started: all.reduce(
        (n, f) => n + f.projects.filter((p) => p.startedAt && inPeriod(p.startedAt, period)).length,
        0,
      ),
      completed: all.reduce(
        (n, f) => n + f.projects.filter((p) => p.completedAt && inPeriod(p.completedAt, period)).length,
        0,
      ),
    },
  };
}

/**
 * A community's dashboard for a period. Preconditions: the actor moderates
 * the community or administers its sub-district. Effects: none.
 * Errors: NOT_FOUND, FORBIDDEN.
 */
export async function communityStats(
  ds: DataSource,
  actor: Actor,
  communityId: number,
  period: Period,
): Promise<CommunityStats> {
  const community = await reportableCommunity(ds, actor, communityId);
  const facts = await communityFacts(ds, community, period);
  return {
    community: { id: community.id, name: community.name, subDistrictName: facts.subDistrictName },
    period,
    generatedAt: new Date().toISOString(),
    stats: statsOf([facts], period),
  };
}

/**
 * The sub-district's dashboard: one row per community and the pooled totals
 * (counts summed, rates from summed parts, medians over all topics).
 * Preconditions: the actor administers the sub-district. Errors: NOT_FOUND, FORBIDDEN.
 */
export async function subDistrictStats(
  ds: DataSource,
  actor: Actor,
  subDistrictId: number,
  period: Period,
): Promise<SubDistrictStats> {
  const { subDistrict, communities } = await reportableSubDistrict(ds, actor, subDistrictId);
  const all: CommunityFacts[] = [];
  for (const community of communities) all.push(await communityFacts(ds, community, period));
  return {
    subDistrict: { id: subDistrict.id, name: subDistrict.name },
    period,
    generatedAt: new Date().toISOString(),
    communities: all.map((f) => ({
      community: { id: f.community.id, name: f.community.name },
      stats: statsOf([f], period),
    })),
    totals: statsOf(all, period),
  };
}

/** The communities and sub-districts the actor may report on (for the dashboard's pickers). */
export async function statsScopes(ds: DataSource, actor: Actor): Promise<StatsScopes> {
  const moderated = [
    ...new Set(actor.roles.filter((r) => r.role === 'moderator' && r.communityId).map((r) => r.communityId!)),
  ].filter((id) => actor.isModerator(id));
  const adminOf = [
    ...new Set(
      actor.roles.filter((r) => r.role === 'subdistrict_admin' && r.subDistrictId).map((r) => r.subDistrictId!),
    ),
  ];
  if (moderated.length === 0 && adminOf.length === 0) return { communities: [], subDistricts: [] };
  const subDistricts = adminOf.length
    ? await ds.getRepository(SubDistrict).find({ where: { id: In(adminOf) }, order: { id: 'ASC' } })
    : [];
  const communities = await ds.getRepository(Community).find({
    where: [
      ...(moderated.length ? [{ id: In(moderated) }] : []),
      ...(subDistricts.length ? [{ subDistrictId: In(subDistricts.map((s) => s.id)) }] : []),
    ],
    order: { id: 'ASC' },
  });
  if (communities.length === 0) return { communities: [], subDistricts: [] };
  const subDistrictName = new Map(
    (
      await ds
        .getRepository(SubDistrict)
        .find({ where: { id: In([...new Set(communities.map((c) => c.subDistrictId))]) } })
    ).map((s) => [s.id, s.name]),
  );
  return {
    communities: communities.map((c) => ({
      id: c.id,
      name: c.name,
      subDistrictName: subDistrictName.get(c.subDistrictId) ?? '',
    })),
    subDistricts: subDistricts.map((s) => ({
      id: s.id,
      name: s.name,
      communities: communities.filter((c) => c.subDistrictId === s.id).map((c) => ({ id: c.id, name: c.name })),
    })),
  };
}
