import request from 'supertest';
import { ERRORS } from '../../shared/src/errors';
import { HIDDEN_COMMENT_PLACEHOLDER } from '../../shared/src/topics/comments.schema';
import { User } from '../src/auth/auth.entity';
import { Notification } from '../src/notifications/notifications.entity';
import { CommentReport, Topic, TopicComment } from '../src/topics/topics.entity';
import { communityIdOf } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer } from './support/test-db';

/**
 * Comments on topics (local content check: the word list only): who may
 * write, reading with keyset pages, reports, moderators hiding with the
 * reason kept, placeholders, idempotency and the per-user limit (S15).
 */
describe.each(eachDatabase)('topic comments on %s', (_dialect, db) => {
  let server: TestServer;
  let own: number;
  let other: number;
  const tokens: Record<string, string> = {};
  const as = (persona: string | undefined) => {
    const auth = (req: request.Test) => (persona ? req.set('Authorization', `Bearer ${tokens[persona]}`) : req);
    return {
      get: (url: string) => auth(request(server.callback).get(url)),
      post: (url: string, body: object = {}, key?: string) => {
        const req = auth(request(server.callback).post(url));
        return (key ? req.set('Idempotency-Key', key) : req).send(body);
      },
    };
  };
  const commentCount = async () => server.dataSource.getRepository(TopicComment).count();
  const userIdOf = async (persona: string) =>
    (await server.dataSource.getRepository(User).findOneByOrFail({ personaKey: persona })).id;

  let counter = 0;
  async function newTopic(communityId: number, authorPersona = 'owner'): Promise<number> {
    const topic = await server.dataSource.getRepository(Topic).save({
      communityId,
      scope: 'community',
      title: `测试议题${counter++}`,
      description: '小区南门的路灯坏了很久，晚上出入很不方便，希望尽快修好。',
      category: '安全隐患',
      status: 'submitted',
      authorId: await userIdOf(authorPersona),
      statusChangedAt: new Date(),
    });
    return topic.id;
  }

  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always', CONTENT_BLOCKED_WORDS: '违禁测试词' } });
    own = await communityIdOf(server, '和平里社区');
    other = await communityIdOf(server, '青石桥社区');
    for (const p of [
      'resident',
      'owner',
      'representative',
      'newcomer',
      'grid_worker',
      'property_manager',
      'moderator',
      'owners_committee',
    ]) {
      tokens[p] = await personaToken(server, p);
    }
  });
  afterAll(async () => server.close());

  test('verified residents, party members and moderators comment; everyone else is refused and nothing is written', async () => {
    const topicId = await newTopic(own);
    const url = `/api/topics/${topicId}/comments`;
    const before = await commentCount();
    expect((await as(undefined).post(url, { body: '支持尽快维修' })).status).toBe(401);
    const unverified = await as('grid_worker').post(url, { body: '支持尽快维修' });
    expect(unverified.status).toBe(403);
    expect(unverified.body.error.code).toBe('NOT_VERIFIED');
    const noConsent = await as('newcomer').post(url, { body: '支持尽快维修' });
    expect(noConsent.status).toBe(403);
    expect(noConsent.body.error.code).toBe('PRIVACY_CONSENT_REQUIRED');
    // A resident of 和平里 is not a resident of 青石桥.
    const elsewhere = await as('resident').post(`/api/topics/${await newTopic(other)}/comments`, { body: '支持' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('NOT_VERIFIED');
    expect((await as('resident').post(url, { body: '' })).status).toBe(400);
    expect((await as('resident').post(url, { body: '长'.repeat(501) })).status).toBe(400);
    expect((await as('resident').post(url, { body: '好', authorId: 1 })).status).toBe(400);
    expect((await as('resident').post('/api/topics/999999/comments', { body: '支持' })).status).toBe(404);
    expect(await commentCount()).toBe(before);

    const resident = await as('resident').post(url, { body: '  晚上确实很黑，支持尽快维修  ' });
    expect(resident.status).toBe(201);
    expect(resident.body).toMatchObject({
      topicId,
      state: 'published',
      body: '晚上确实很黑，支持尽快维修',
      placeholder: null,
      mine: true,
    });
    const realName = (await server.dataSource.getRepository(User).findOneByOrFail({ personaKey: 'resident' }))
      .realName!;
    expect(resident.body.authorName).not.toContain(realName);
    expect(resident.body.authorName).toBe(`${Array.from(realName)[0]}${'*'.repeat(Array.from(realName).length - 1)}`);
    expect((await as('property_manager').post(url, { body: '物业已安排电工本周检修' })).status).toBe(201);
    expect((await as('moderator').post(url, { body: '居委会会跟进' })).status).toBe(201);
    expect(await commentCount()).toBe(before + 3);
  });

  test('the local word list (default and CONTENT_BLOCKED_WORDS) refuses a comment with a clear message', async () => {
    const topicId = await newTopic(own);
    const before = await commentCount();
    for (const body of ['有人在楼下组织赌博', '这里有违禁测试词']) {
      const res = await as('owner').post(`/api/topics/${topicId}/comments`, { body });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('CONTENT_RISKY');
      expect(res.body.error.message).toBe(ERRORS.CONTENT_RISKY.message);
      expect(res.body.error.details.fields[0].path).toBe('body');
    }
    expect(await commentCount()).toBe(before);
  });

  test('anyone reads comments oldest first in keyset pages', async () => {
    const topicId = await newTopic(own);
    const url = `/api/topics/${topicId}/comments`;
    const ids: number[] = [];
    for (const body of ['第一条评论', '第二条评论', '第三条评论']) {
      ids.push((await as('owner').post(url, { body })).body.id);
    }
    const first = await as(undefined).get(`${url}?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { id: number }) => c.id)).toEqual(ids.slice(0, 2));
    expect(first.body.items[0]).toMatchObject({ body: '第一条评论', mine: false, state: 'published' });
    expect(first.body.nextCursor).toBe(String(ids[1]));
    const second = await as(undefined).get(`${url}?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((c: { id: number }) => c.id)).toEqual([ids[2]]);
    expect(second.body.nextCursor).toBeNull();
    expect((await as(undefined).get(`${url}?limit=0`)).status).toBe(400);
    expect((await as(undefined).get(`${url}?cursor=abc`)).status).toBe(400);
    expect((await as(undefined).get('/api/topics/999999/comments')).status).toBe(404);
  });

  test('a report is taken once per user; a moderator hides the comment with the reason kept and a placeholder shows', async () => {
    const topicId = await newTopic(own);
    const posted = await as('owner').post(`/api/topics/${topicId}/comments`, {
      body: '某某物业经理收黑钱，大家别信他',
    });
    const commentId = posted.body.id as number;

    expect((await as(undefined).post(`/api/comments/${commentId}/report`, { reason: '人身攻击' })).status).toBe(401);
    const ownReport = await as('owner').post(`/api/comments/${commentId}/report`, { reason: '人身攻击' });
    expect(ownReport.status).toBe(409);
    const report = await as('resident').post(`/api/comments/${commentId}/report`, { reason: '人身攻击，未经证实' });
    expect(report.status).toBe(200);
    expect(report.body).toEqual({ reported: true });
    const again = await as('resident').post(`/api/comments/${commentId}/report`, { reason: '人身攻击' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('已经举报过');
    expect((await as('representative').post(`/api/comments/${commentId}/report`, { reason: '造谣' })).status).toBe(200);
    expect((await server.dataSource.getRepository(TopicComment).findOneByOrFail({ id: commentId })).reportCount).toBe(
      2,
    );
    expect(await server.dataSource.getRepository(CommentReport).countBy({ commentId })).toBe(2);

    // The moderator's queue lists it with the reasons and the author's real name.
    const queue = await as('moderator').get(`/api/communities/${own}/comments/moderation`);
    expect(queue.status).toBe(200);
    const entry = queue.body.items.find((c: { id: number }) => c.id === commentId);
    expect(entry).toMatchObject({ reportCount: 2, state: 'published', hidden: false, topicId });
    expect(entry.reports.map((r: { reason: string }) => r.reason).sort()).toEqual(
      ['人身攻击，未经证实', '造谣'].sort(),
    );
    expect(entry.author.realName).toBe(
      (await server.dataSource.getRepository(User).findOneByOrFail({ personaKey: 'owner' })).realName,
    );

    // Only moderators hide; the others are refused and nothing changes.
    for (const persona of ['resident', 'owner', 'property_manager', 'grid_worker']) {
      const refused = await as(persona).post(`/api/comments/${commentId}/hide`, { reason: '人身攻击' });
      expect(refused.status).toBe(403);
    }
    expect((await as('moderator').post(`/api/comments/${commentId}/hide`, { reason: '' })).status).toBe(400);
    const moderatorId = await userIdOf('moderator');
    const hidden = await as('moderator').post(`/api/comments/${commentId}/hide`, { reason: '涉及未经证实的指控' });
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ state: 'hidden', hiddenReason: '涉及未经证实的指控' });
    const row = await server.dataSource.getRepository(TopicComment).findOneByOrFail({ id: commentId });
    expect(row).toMatchObject({ hidden: true, hiddenReason: '涉及未经证实的指控', hiddenBy: moderatorId });
    expect((await as('moderator').post(`/api/comments/${commentId}/hide`, { reason: '再次隐藏' })).status).toBe(409);

    // The public sees a placeholder without the text; the author and moderators see the text and the reason.
    const publicList = await as(undefined).get(`/api/topics/${topicId}/comments`);
    const placeholder = publicList.body.items.find((c: { id: number }) => c.id === commentId);
    expect(placeholder).toMatchObject({
      state: 'hidden',
      body: null,
      placeholder: HIDDEN_COMMENT_PLACEHOLDER,
      hiddenReason: null,
    });
    expect(JSON.stringify(publicList.body)).not.toContain('黑钱');
    const authorView = (await as('owner').get(`/api/topics/${topicId}/comments`)).body.items.find(
      (c: { id: number }) => c.id === commentId,
    );
    expect(authorView).toMatchObject({ body: '某某物业经理收黑钱，大家别信他', hiddenReason: '涉及未经证实的指控' });

    // When and by whom: on the timeline; the author is told why.
    const detail = await as(undefined).get(`/api/topics/${topicId}`);
    const entryOnTimeline = detail.body.timeline.find((e: { action: string }) => e.action === 'comment_hidden');
    expect(entryOnTimeline).toMatchObject({
      label: '隐藏了一条评论',
      note: '涉及未经证实的指控',
      data: { commentId },
      actor: { role: 'moderator' },
    });
    expect(Date.parse(entryOnTimeline.createdAt)).not.toBeNaN();
    const notice = await server.dataSource
      .getRepository(Notification)
      .findOneByOrFail({ userId: await userIdOf('owner'), kind: 'comment_hidden' });
    expect(notice.body).toContain('涉及未经证实的指控');

    // Hidden comments leave the waiting queue and show under `hidden`; a hidden one cannot be reported.
    const waiting = await as('moderator').get(`/api/communities/${own}/comments/moderation?status=waiting`);
    expect(waiting.body.items.map((c: { id: number }) => c.id)).not.toContain(commentId);
    const hiddenQueue = await as('moderator').get(`/api/communities/${own}/comments/moderation?status=hidden`);
    expect(hiddenQueue.body.items.find((c: { id: number }) => c.id === commentId)).toMatchObject({
      hiddenReason: '涉及未经证实的指控',
      body: '某某物业经理收黑钱，大家别信他',
    });
    expect((await as('owners_committee').post(`/api/comments/${commentId}/report`, { reason: '造谣' })).status).toBe(
      409,
    );
  });

  test('only moderators of the community read its moderation list and release comments', async () => {
    for (const persona of ['resident', 'property_manager', 'grid_worker']) {
      expect((await as(persona).get(`/api/communities/${own}/comments/moderation`)).status).toBe(403);
    }
    expect((await as(undefined).get(`/api/communities/${own}/comments/moderation`)).status).toBe(401);
    expect((await as('moderator').get(`/api/communities/${other}/comments/moderation`)).status).toBe(403);
    const topicId = await newTopic(own);
    const posted = await as('owner').post(`/api/topics/${topicId}/comments`, { body: '支持' });
    expect((await as('resident').post(`/api/comments/${posted.body.id}/release`)).status).toBe(403);
    // Not held: nothing to release.
    const notHeld = await as('moderator').post(`/api/comments/${posted.body.id}/release`);
    expect(notHeld.status).toBe(409);
    expect(notHeld.body.error.code).toBe('ILLEGAL_TRANSITION');
  });

  test('an Idempotency-Key posts a comment once; the 21st comment in 10 minutes answers 429 with Retry-After (S15)', async () => {
    const topicId = await newTopic(own);
    const url = `/api/topics/${topicId}/comments`;
    const first = await as('owners_committee').post(url, { body: '同意' }, 'comment-key-0001');
    const replay = await as('owners_committee').post(url, { body: '同意' }, 'comment-key-0001');
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(await server.dataSource.getRepository(TopicComment).countBy({ topicId })).toBe(1);

    for (let i = 1; i < 20; i++) {
      expect((await as('owners_committee').post(url, { body: `第${i}条` })).status).toBe(201);
    }
    const before = await commentCount();
    const limited = await as('owners_committee').post(url, { body: '第21条' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(await commentCount()).toBe(before);
  });
});
