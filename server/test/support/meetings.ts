import request from 'supertest';
import { Topic } from '../../src/topics/topics.entity';
import { Vote } from '../../src/votes/votes.entity';
import { communityIdOf } from './fixtures';
import { personaToken, type TestServer } from './test-db';

/** The demo council's seat holders who take part in the test meetings. */
export const PARTICIPANTS = ['representative', 'owners_committee', 'property_manager'] as const;

export interface MeetingWorld {
  communityId: number;
  councilId: number;
  tokens: Record<string, string>;
  userIds: Record<string, number>;
}

/** Signs the personas in, reads their user ids, finds the demo council (the server must have seeded the demo). */
export async function meetingWorld(server: TestServer): Promise<MeetingWorld> {
  const communityId = await communityIdOf(server, '和平里社区');
  const councilId = Number(
    (
      (await server.dataSource.query('SELECT id FROM council WHERE community_id = ? ORDER BY id', [communityId])) as {
        id: number;
      }[]
    )[0]!.id,
  );
  const tokens: Record<string, string> = {};
  const userIds: Record<string, number> = {};
  for (const p of ['moderator', 'resident', 'owner', 'social_org', ...PARTICIPANTS]) {
    tokens[p] = await personaToken(server, p);
    userIds[p] = (await request(server.callback).get('/api/me').set('Authorization', `Bearer ${tokens[p]}`)).body
      .id as number;
  }
  return { communityId, councilId, tokens, userIds };
}

let counter = 0;

/** A routed topic of the community, fresh for each meeting (so meetings never compete for one). */
export async function routedTopic(server: TestServer, communityId: number, authorId: number): Promise<number> {
  const topic = await server.dataSource.getRepository(Topic).save({
    communityId,
    scope: 'community',
    title: `测试议题：小区议事第${++counter}项`,
    description: '用于会议测试的议题说明，说明问题和诉求。',
    category: '其他',
    status: 'routed',
    authorId,
    statusChangedAt: new Date(),
    level: 'community',
  });
  return topic.id;
}

export function as(server: TestServer, world: MeetingWorld, persona: string | undefined) {
  const auth = (req: request.Test) => (persona ? req.set('Authorization', `Bearer ${world.tokens[persona]}`) : req);
  return {
    get: (url: string) => auth(request(server.callback).get(url)),
    post: (url: string, body: object = {}) => auth(request(server.callback).post(url)).send(body),
    patch: (url: string, body: object = {}) => auth(request(server.callback).patch(url)).send(body),
  };
}

/**
 * Schedules a meeting two minutes from now with `items` fresh topics (notice
 * period 0) and, by `until`, announces it, starts it and checks the
 * participants in. Returns its id and agenda item ids.
 */
export async function meetingIn(
  server: TestServer,
  world: MeetingWorld,
  until: 'planned' | 'announced' | 'in_session',
  items = 3,
): Promise<{ id: number; itemIds: number[]; topicIds: number[]; checkInCode: string }> {
  const mod = as(server, world, 'moderator');
  const topicIds: number[] = [];
  for (let i = 0; i < items; i++) topicIds.push(await routedTopic(server, world.communityId, world.userIds.resident!));
  const scheduled = await mod.post('/api/meetings', {
    title: `第${++counter}次协商议事会`,
    councilId: world.councilId,
    startsAt: new Date(Date.now() + 120_000).toISOString(),
    place: '社区党群服务中心二楼会议室',
    mode: 'offline',
    noticeDays: 0,
    agenda: topicIds.map((topicId) => ({ topicId, minutes: 20 })),
  });
  if (scheduled.status !== 201) throw new Error(`schedule: ${scheduled.status} ${JSON.stringify(scheduled.body)}`);
  const id = scheduled.body.id as number;
  const result = {
    id,
    itemIds: (scheduled.body.agenda as { id: number }[]).map((a) => a.id),
    topicIds,
    checkInCode: scheduled.body.checkInCode as string,
  };
  if (until === 'planned') return result;
  await mod.post(`/api/meetings/${id}/announce`).expect(200);
  for (const p of PARTICIPANTS) {
    await as(server, world, p).post(`/api/meetings/${id}/check-in`, { code: result.checkInCode }).expect(200);
  }
  if (until === 'announced') return result;
  await mod.post(`/api/meetings/${id}/start`).expect(200);
  return result;
}

/** A closed residents' vote on an agenda item, as the votes feature leaves it after closing. */
export async function meetingVote(
  server: TestServer,
  world: MeetingWorld,
  meetingId: number,
  agendaItemId: number,
  status: 'open' | 'closed',
): Promise<number> {
  const vote = await server.dataSource.getRepository(Vote).save({
    communityId: world.communityId,
    estateId: null,
    topicId: null,
    meetingId,
    agendaItemId,
    title: '是否同意更换小区门禁系统',
    description: '',
    electorate: 'residents',
    matter: null,
    majority: 'simple',
    base: 'YNA',
    quorumNum: null,
    quorumDen: null,
    secret: true,
    resultsLive: false,
    allowChange: false,
    status,
    closesAt: new Date(Date.now() + 3_600_000),
    closedAt: status === 'closed' ? new Date() : null,
    createdBy: world.userIds.moderator!,
    entitledCount: 5,
    ballotCount: status === 'closed' ? 4 : 0,
    resultJson:
      status === 'closed'
        ? JSON.stringify({ yes: 3, no: 1, abstain: 0, invalid: 0, base: 4, quorumMet: true, passed: true })
        : null,
  });
  return vote.id;
}
