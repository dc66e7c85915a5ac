import { AuditEntry } from '../src/audit/audit.entity';
import { runInTransaction } from '../src/db/transaction';
import { AppEvents } from '../src/events/app-events';
import { moveTopic } from '../src/topics/topic-lifecycle';
import { Topic, TopicEvent } from '../src/topics/topics.entity';
import { eachDatabase, startTestServer, type TestServer } from './support/test-db';

describe.each(eachDatabase)('the later topic lifecycle on %s', (_dialect, db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
  });
  afterAll(async () => server.close());

  const topicIn = async (status: Topic['status']) => {
    const topic = await server.dataSource.getRepository(Topic).findOne({ where: { status } });
    if (!topic) throw new Error(`the demo has no ${status} topic`);
    return topic;
  };

  test('decide then publicize: status, timeline entry with the resolution, audit entry', async () => {
    const topic = await topicIn('routed');
    await runInTransaction(server.dataSource, (em) =>
      moveTopic(em, topic.id, 'decide', { actor: null, note: '同意加装电梯', data: { voteId: 7 } }),
    );
    await runInTransaction(server.dataSource, (em) => moveTopic(em, topic.id, 'publicize', { actor: null }));
    const after = await server.dataSource.getRepository(Topic).findOneByOrFail({ id: topic.id });
    expect(after.status).toBe('publicity');
    const events = await server.dataSource
      .getRepository(TopicEvent)
      .find({ where: { topicId: topic.id }, order: { id: 'ASC' } });
    const decided = events.find((e) => e.action === 'decide');
    expect(decided).toMatchObject({
      fromStatus: 'routed',
      toStatus: 'decided',
      note: '同意加装电梯',
      actorRole: 'system',
    });
    expect(JSON.parse(decided?.dataJson ?? '{}')).toEqual({ voteId: 7 });
    const audits = await server.dataSource
      .getRepository(AuditEntry)
      .find({ where: { objectType: 'topic', objectId: topic.id }, order: { id: 'ASC' } });
    expect(audits.map((a) => a.action)).toEqual(['topic.decide', 'topic.publicize']);
    expect(audits[0]?.communityId).toBe(topic.communityId);
  });

  test('a move from the wrong state is refused and changes nothing', async () => {
    const topic = await topicIn('submitted');
    const before = await server.dataSource.getRepository(TopicEvent).count({ where: { topicId: topic.id } });
    await expect(
      runInTransaction(server.dataSource, (em) => moveTopic(em, topic.id, 'complete', { actor: null })),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await server.dataSource.getRepository(Topic).findOneByOrFail({ id: topic.id })).status).toBe('submitted');
    expect(await server.dataSource.getRepository(TopicEvent).count({ where: { topicId: topic.id } })).toBe(before);
    expect(
      await server.dataSource
        .getRepository(AuditEntry)
        .count({ where: { objectId: topic.id, action: 'topic.complete' } }),
    ).toBe(0);
  });
});

describe('app events', () => {
  test('every listener hears the event even when one throws; unsubscribing stops delivery', () => {
    const events = new AppEvents();
    const heard: number[] = [];
    events.on('vote.changed', () => {
      throw new Error('listener bug');
    });
    const off = events.on('vote.changed', (e) => heard.push(e.voteId));
    events.emit('vote.changed', { voteId: 1, communityId: 1, meetingId: null, kind: 'ballot' });
    off();
    events.emit('vote.changed', { voteId: 2, communityId: 1, meetingId: null, kind: 'ballot' });
    expect(heard).toEqual([1]);
  });
});
