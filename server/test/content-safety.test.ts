import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import request from 'supertest';
import { ERRORS } from '../../shared/src/errors';
import { User } from '../src/auth/auth.entity';
import { Unit } from '../src/communities/communities.entity';
import { Membership, UnitClaim } from '../src/members/members.entity';
import { Topic, TopicComment, TopicPhoto } from '../src/topics/topics.entity';
import { Upload } from '../src/uploads/uploads.entity';
import type { FakeWechatState } from '../src/wechat/fake-wechat';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { communityIdOf, PNG } from './support/fixtures';
import { eachDatabase, personaToken, startTestServer, type TestServer } from './support/test-db';

const PUSH_TOKEN = 'yishiPushToken2026';

/** Waits until `probe` answers something truthy (background work after a commit), at most `ms`. */
async function eventually<T>(probe: () => Promise<T>, ms = 10_000): Promise<NonNullable<T>> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

/** A 1200×800 JPEG: large enough that its thumbnail must be scaled down. */
async function bigJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
}

/**
 * S14 with WeChat's checks on (CONTENT_CHECK=wechat against the built-in fake
 * WeChat server): risky text refused, review and unreachable held for a
 * moderator; photos hidden until the media check's verdict arrives on the
 * (signed) push endpoint; moderators release held topics, comments and photos.
 */
describe.each(eachDatabase)('S14 content safety with WeChat checks on %s', (_dialect, db) => {
  let server: TestServer;
  let listener: http.Server;
  let fake: FakeWechatState;
  let communityId: number;
  let estateId: number;
  let buildingId: number;
  const tokens: Record<string, string> = {};
  let seedCounter = 0;

  const as = (token: string | undefined) => {
    const auth = (req: request.Test) => (token ? req.set('Authorization', `Bearer ${token}`) : req);
    return {
      get: (url: string) => auth(request(server.callback).get(url)),
      post: (url: string, body: object = {}) => auth(request(server.callback).post(url)).send(body),
      upload: (file: Buffer, name: string) =>
        auth(request(server.callback).post('/api/uploads')).field('purpose', 'topic_photo').attach('file', file, name),
    };
  };
  const draft = (over: Record<string, unknown> = {}) => ({
    communityId,
    title: '槐荫里北门路灯不亮',
    description: '北门外两盏路灯坏了一个多月，晚上出入很黑，老人孩子容易摔倒，希望尽快修好。',
    category: '安全隐患',
    scope: 'community',
    ...over,
  });
  const topicCount = () => server.dataSource.getRepository(Topic).count();
  const photoOf = (uploadId: number) => server.dataSource.getRepository(TopicPhoto).findOneByOrFail({ uploadId });

  /** Signs in through WeChat (so the user has an openid) and makes them a verified resident of 和平里. */
  async function wechatResident(): Promise<{ token: string; userId: number; openid: string }> {
    const seed = `cs-${process.pid}-${seedCounter++}`;
    const login = await request(server.callback)
      .post('/api/auth/wechat')
      .send({ code: devLoginCode(seed) });
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    expect((await as(token).post('/api/me/privacy', { version: '1' })).status).toBe(200);
    const user = await server.dataSource.getRepository(User).findOneByOrFail({ id: login.body.user.id });
    const unit = await server.dataSource.getRepository(Unit).save({
      buildingId,
      estateId,
      communityId,
      label: `测试${seed}`,
      areaCentiM2: 8000,
      areaSource: 'registered',
      developerHeld: false,
    });
    await server.dataSource.getRepository(Membership).insert({ userId: user.id, communityId, status: 'active' });
    await server.dataSource.getRepository(UnitClaim).insert({
      userId: user.id,
      unitId: unit.id,
      communityId,
      estateId,
      relation: 'tenant',
      status: 'approved',
      claimedName: '测试',
      rosterMatched: false,
      openKey: `${user.id}:${unit.id}`,
    });
    return { token, userId: user.id, openid: user.wechatOpenid! };
  }

  beforeAll(async () => {
    server = await startTestServer(db, {
      env: {
        CONTENT_CHECK: 'wechat',
        YISHI_SEED_DEMO: 'always',
        WECHAT_PUSH_TOKEN: PUSH_TOKEN,
        RATE_LIMIT_TOPICS_PER_HOUR: '1000',
      },
    });
    listener = http.createServer(server.callback);
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    fake = server.services.fakeWechat!.state;
    fake.mediaCheckCallbackUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/api/wechat/events`;
    communityId = await communityIdOf(server, '和平里社区');
    const estate = (await server.dataSource.query('SELECT id FROM estate WHERE community_id = ? ORDER BY id LIMIT 1', [
      communityId,
    ])) as { id: number }[];
    estateId = Number(estate[0]!.id);
    const building = (await server.dataSource.query('SELECT id FROM building WHERE estate_id = ? ORDER BY id LIMIT 1', [
      estateId,
    ])) as { id: number }[];
    buildingId = Number(building[0]!.id);
    for (const persona of ['moderator', 'owner', 'resident']) tokens[persona] = await personaToken(server, persona);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => {
      listener.close(() => resolve());
      listener.closeAllConnections();
    });
    await server.close();
  });

  test('risky text is refused with a clear message and nothing is written', async () => {
    const author = await wechatResident();
    const before = await topicCount();
    const checksBefore = fake.contentChecks.length;
    const res = await as(author.token).post(
      '/api/topics',
      draft({ description: '北门外有人发小广告 risky-test-word，希望物业管一管，晚上还很吵。' }),
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'CONTENT_RISKY', message: ERRORS.CONTENT_RISKY.message });
    expect(await topicCount()).toBe(before);
    // WeChat was asked (version 2, forum scene, the author's openid) and said risky.
    expect(fake.contentChecks.slice(checksBefore)).toEqual([
      expect.objectContaining({ openid: author.openid, version: 2, scene: 3, suggest: 'risky' }),
    ]);
  });

  test('review text is held: only its author and moderators see it until a moderator releases it', async () => {
    const author = await wechatResident();
    const res = await as(author.token).post(
      '/api/topics',
      draft({ description: '听说有 review-test-word 要在北门建快递站，大家怎么看，希望社区说明一下。' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.held).toBe(true);
    const id = res.body.id as number;
    expect((await as(undefined).get(`/api/topics/${id}`)).status).toBe(404);
    expect((await as(tokens.owner).get(`/api/topics/${id}`)).status).toBe(404);
    expect((await as(tokens.owner).get(`/api/topics/${id}/comments`)).status).toBe(404);
    expect((await as(author.token).get(`/api/topics/${id}`)).status).toBe(200);
    expect((await as(tokens.moderator).get(`/api/topics/${id}`)).body.held).toBe(true);

    // Residents cannot release it (they cannot even see it); the moderator can, once.
    expect((await as(tokens.owner).post(`/api/topics/${id}/release-content`)).status).toBe(404);
    expect((await as(author.token).post(`/api/topics/${id}/release-content`)).status).toBe(403);
    expect((await server.dataSource.getRepository(Topic).findOneByOrFail({ id })).held).toBe(true);
    const released = await as(tokens.moderator).post(`/api/topics/${id}/release-content`);
    expect(released.status).toBe(200);
    expect(released.body.held).toBe(false);
    expect(released.body.timeline.map((e: { action: string }) => e.action)).toContain('content_released');
    expect((await as(tokens.owner).get(`/api/topics/${id}`)).status).toBe(200);
    const twice = await as(tokens.moderator).post(`/api/topics/${id}/release-content`);
    expect(twice.status).toBe(409);
  });

  test('a held topic can be rejected instead; it stays out of public view', async () => {
    const author = await wechatResident();
    const res = await as(author.token).post('/api/topics', draft({ title: '北门 review-test-word 传闻' }));
    expect(res.body.held).toBe(true);
    const rejected = await as(tokens.moderator).post(`/api/topics/${res.body.id}/reject`, {
      reason: '内容无法核实，请补充依据',
    });
    expect(rejected.status).toBe(200);
    expect(rejected.body.status).toBe('rejected');
    expect((await as(tokens.owner).get(`/api/topics/${res.body.id}`)).status).toBe(404);
  });

  test('WeChat unreachable or an author without openid holds the text instead of publishing it unchecked', async () => {
    const author = await wechatResident();
    fake.hangNext('msg_sec_check');
    const unreachable = await as(author.token).post('/api/topics', draft());
    expect(unreachable.status).toBe(201);
    expect(unreachable.body.held).toBe(true);
    expect((await as(tokens.owner).get(`/api/topics/${unreachable.body.id}`)).status).toBe(404);
    const row = await server.dataSource.getRepository(Topic).findOneByOrFail({ id: unreachable.body.id });
    expect(row.heldReason).toContain('暂时不可用');

    // The demo personas signed in without WeChat: no openid, so WeChat cannot check their text.
    const noOpenid = await as(tokens.owner).post('/api/topics', draft());
    expect(noOpenid.status).toBe(201);
    expect(noOpenid.body.held).toBe(true);
  }, 20_000);

  test('comments: risky refused, review and unreachable held for the moderator, who releases them', async () => {
    const author = await wechatResident();
    const topic = await server.dataSource.getRepository(Topic).save({
      communityId,
      scope: 'community',
      title: '北门路灯维修进度',
      description: '北门路灯维修的进度请大家在这里交流。',
      category: '安全隐患',
      status: 'submitted',
      authorId: author.userId,
      statusChangedAt: new Date(),
    });
    const url = `/api/topics/${topic.id}/comments`;
    const count = () => server.dataSource.getRepository(TopicComment).countBy({ topicId: topic.id });

    const risky = await as(author.token).post(url, { body: '加我微信 risky-test-word' });
    expect(risky.status).toBe(422);
    expect(risky.body.error.code).toBe('CONTENT_RISKY');
    expect(await count()).toBe(0);
    expect(fake.contentChecks[fake.contentChecks.length - 1]).toMatchObject({ scene: 2, openid: author.openid });

    const review = await as(author.token).post(url, { body: '我有 review-test-word 要说' });
    expect(review.status).toBe(201);
    expect(review.body.state).toBe('held');
    fake.failNext('msg_sec_check', -1, 3);
    const busy = await as(author.token).post(url, { body: '路灯什么时候修好' });
    expect(busy.status).toBe(201);
    expect(busy.body.state).toBe('held');
    const passed = await as(author.token).post(url, { body: '谢谢物业' });
    expect(passed.body.state).toBe('published');

    const ids = (res: request.Response) => res.body.items.map((c: { id: number }) => c.id);
    expect(ids(await as(undefined).get(url))).toEqual([passed.body.id]);
    expect(ids(await as(tokens.owner).get(url))).toEqual([passed.body.id]);
    expect(ids(await as(author.token).get(url))).toEqual([review.body.id, busy.body.id, passed.body.id]);
    expect(ids(await as(tokens.moderator).get(url))).toEqual([review.body.id, busy.body.id, passed.body.id]);
    // Others cannot report or release what they cannot see.
    expect((await as(tokens.owner).post(`/api/comments/${review.body.id}/report`, { reason: '广告' })).status).toBe(
      404,
    );
    expect((await as(tokens.owner).post(`/api/comments/${review.body.id}/release`)).status).toBe(404);

    const queue = await as(tokens.moderator).get(`/api/communities/${communityId}/comments/moderation`);
    expect(queue.body.items.filter((c: { topicId: number }) => c.topicId === topic.id)).toEqual([
      expect.objectContaining({ id: review.body.id, state: 'held', held: true }),
      expect.objectContaining({ id: busy.body.id, state: 'held', held: true }),
    ]);
    const released = await as(tokens.moderator).post(`/api/comments/${review.body.id}/release`);
    expect(released.status).toBe(200);
    expect(released.body.state).toBe('published');
    expect(ids(await as(undefined).get(url))).toEqual([review.body.id, passed.body.id]);
  });

  test('photos stay hidden until the media check passes; a risky verdict keeps them hidden', async () => {
    const author = await wechatResident();
    const up1 = await as(author.token).upload(await bigJpeg(), 'street.jpg');
    const up2 = await as(author.token).upload(PNG, 'lamp.png');
    expect(up1.status).toBe(201);
    const submitted = await as(author.token).post('/api/topics', draft({ photoUploadIds: [up1.body.id, up2.body.id] }));
    expect(submitted.status).toBe(201);
    const id = submitted.body.id as number;
    // The author sees both photos, each with its thumbnail; nobody else sees any yet.
    expect(submitted.body.photos).toEqual([
      { uploadId: up1.body.id, thumbnailUploadId: expect.any(Number) },
      { uploadId: up2.body.id, thumbnailUploadId: expect.any(Number) },
    ]);
    const thumbId = submitted.body.photos[0].thumbnailUploadId as number;
    const thumb = await server.dataSource.getRepository(Upload).findOneByOrFail({ id: thumbId });
    expect(thumb).toMatchObject({ purpose: 'topic_photo', contentType: 'image/jpeg', ownerUserId: author.userId });
    const thumbBytes = await request(server.callback)
      .get(`/api/uploads/${thumbId}`)
      .set('Authorization', `Bearer ${author.token}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    const meta = await sharp(thumbBytes.body as Buffer).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 400, height: 267 });

    expect((await as(undefined).get(`/api/topics/${id}`)).body.photos).toEqual([]);
    expect((await as(tokens.owner).get(`/api/topics/${id}`)).body.photos).toEqual([]);
    expect((await as(tokens.moderator).get(`/api/topics/${id}`)).body.photos).toHaveLength(2);
    for (const upload of [up1.body.id, thumbId]) {
      expect((await as(tokens.owner).get(`/api/uploads/${upload}`)).status).toBe(404);
    }

    // Each photo went to WeChat under the author's openid, with a signed URL WeChat can fetch.
    const [p1, p2] = await eventually(async () => {
      const photos = await Promise.all([photoOf(up1.body.id), photoOf(up2.body.id)]);
      return photos.every((p) => p.checkTraceId) ? photos : undefined;
    });
    expect(p1!.checkStatus).toBe('pending');
    const check1 = fake.mediaChecks.find((c) => c.traceId === p1!.checkTraceId)!;
    expect(check1).toMatchObject({ openid: author.openid, mediaType: 2, scene: 3 });
    const mediaPath = new URL(check1.mediaUrl).pathname;
    expect(mediaPath).toMatch(/^\/api\/media\//);
    const media = await request(server.callback).get(mediaPath);
    expect(media.status).toBe(200);
    expect(media.headers['content-type']).toBe('image/jpeg');
    expect(media.headers['x-content-type-options']).toBe('nosniff');
    const [uploadPart, expires, signature] = mediaPath.slice('/api/media/'.length).split('.');
    const forgedSignature = `${signature!.startsWith('A') ? 'B' : 'A'}${signature!.slice(1)}`;
    for (const forged of [
      `${uploadPart}.${expires}.${forgedSignature}`,
      `${up2.body.id}.${expires}.${signature}`,
      `${uploadPart}.${Number(expires) + 1}.${signature}`,
      'not-a-token',
    ]) {
      expect((await request(server.callback).get(`/api/media/${forged}`)).status).toBe(404);
    }

    // pass → public (photo and thumbnail); risky → stays hidden from everyone but the author and moderators.
    expect(await fake.fireMediaCheck(p1!.checkTraceId!, { suggest: 'pass' })).toEqual({ status: 200, body: 'success' });
    expect(await fake.fireMediaCheck(p2!.checkTraceId!, { suggest: 'risky' })).toEqual({
      status: 200,
      body: 'success',
    });
    expect((await photoOf(up1.body.id)).checkStatus).toBe('pass');
    expect((await photoOf(up2.body.id)).checkStatus).toBe('risky');
    expect((await as(tokens.owner).get(`/api/topics/${id}`)).body.photos).toEqual([
      { uploadId: up1.body.id, thumbnailUploadId: thumbId },
    ]);
    expect((await as(undefined).get(`/api/topics/${id}/photos`)).body).toEqual([
      expect.objectContaining({ uploadId: up1.body.id, checkStatus: 'pass' }),
    ]);
    expect((await as(tokens.owner).get(`/api/uploads/${thumbId}`)).status).toBe(200);
    expect((await as(tokens.owner).get(`/api/uploads/${up2.body.id}`)).status).toBe(404);
    expect((await as(author.token).get(`/api/topics/${id}`)).body.photos).toHaveLength(2);
    // A repeated push changes nothing.
    await fake.fireMediaCheck(p2!.checkTraceId!, { suggest: 'pass' });
    expect((await photoOf(up2.body.id)).checkStatus).toBe('risky');
  });

  test('a forged or unsigned push is refused and changes nothing; the URL check answers echostr only when signed', async () => {
    const author = await wechatResident();
    const up = await as(author.token).upload(PNG, 'lamp.png');
    await as(author.token).post('/api/topics', draft({ photoUploadIds: [up.body.id] }));
    const photo = await eventually(async () => {
      const p = await photoOf(up.body.id);
      return p.checkTraceId ? p : undefined;
    });
    const event = {
      ToUserName: 'gh_fa4e00000000',
      FromUserName: author.openid,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: fake.appid,
      trace_id: photo.checkTraceId,
      version: 2,
      detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100, prob: 90 }],
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'pass', label: 100 },
    };
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = '123456';
    const forged = await request(server.callback)
      .post(`/api/wechat/events?signature=${'0'.repeat(40)}&timestamp=${timestamp}&nonce=${nonce}`)
      .send(event);
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('FORBIDDEN');
    const wrongToken = pushSignature('another-token', timestamp, nonce);
    expect(
      (
        await request(server.callback)
          .post(`/api/wechat/events?signature=${wrongToken}&timestamp=${timestamp}&nonce=${nonce}`)
          .send(event)
      ).status,
    ).toBe(403);
    expect((await request(server.callback).post('/api/wechat/events').send(event)).status).toBe(403);
    expect((await photoOf(up.body.id)).checkStatus).toBe('pending');

    // Signed, but for another mini-program: acknowledged and ignored.
    const signed = `signature=${pushSignature(PUSH_TOKEN, timestamp, nonce)}&timestamp=${timestamp}&nonce=${nonce}`;
    const otherApp = await request(server.callback)
      .post(`/api/wechat/events?${signed}`)
      .send({ ...event, appid: 'wx-someone-else' });
    expect(otherApp.status).toBe(200);
    expect(otherApp.text).toBe('success');
    expect((await photoOf(up.body.id)).checkStatus).toBe('pending');
    // Signed and ours: applied.
    const genuine = await request(server.callback).post(`/api/wechat/events?${signed}`).send(event);
    expect(genuine.text).toBe('success');
    expect((await photoOf(up.body.id)).checkStatus).toBe('pass');

    const handshake = await request(server.callback).get(`/api/wechat/events?${signed}&echostr=8412395`);
    expect(handshake.status).toBe(200);
    expect(handshake.text).toBe('8412395');
    const badHandshake = await request(server.callback).get(
      `/api/wechat/events?signature=${wrongToken}&timestamp=${timestamp}&nonce=${nonce}&echostr=8412395`,
    );
    expect(badHandshake.status).toBe(403);
  });

  test('a photo WeChat could not be asked about stays hidden until a moderator releases or hides it', async () => {
    const author = await wechatResident();
    const up = await as(author.token).upload(PNG, 'lamp.png');
    const requests = fake.requestCounts.media_check_async;
    fake.failNext('media_check_async', 45009);
    const submitted = await as(author.token).post('/api/topics', draft({ photoUploadIds: [up.body.id] }));
    const id = submitted.body.id as number;
    await eventually(async () => fake.requestCounts.media_check_async > requests);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await photoOf(up.body.id)).toMatchObject({ checkStatus: 'pending', checkTraceId: null });
    expect((await as(tokens.owner).get(`/api/topics/${id}`)).body.photos).toEqual([]);

    const path = `/api/topics/${id}/photos/${up.body.id}`;
    expect((await as(tokens.owner).post(`${path}/release`)).status).toBe(403);
    expect((await as(author.token).post(`${path}/release`)).status).toBe(403);
    expect((await as(undefined).post(`${path}/release`)).status).toBe(401);
    expect((await as(tokens.moderator).post(`/api/topics/${id}/photos/999999/release`)).status).toBe(404);
    expect((await photoOf(up.body.id)).checkStatus).toBe('pending');
    const released = await as(tokens.moderator).post(`${path}/release`);
    expect(released.status).toBe(200);
    expect(released.body).toEqual([expect.objectContaining({ uploadId: up.body.id, checkStatus: 'pass' })]);
    expect((await as(tokens.owner).get(`/api/topics/${id}`)).body.photos).toHaveLength(1);
    const hidden = await as(tokens.moderator).post(`${path}/hide`);
    expect(hidden.body[0].checkStatus).toBe('risky');
    expect((await as(tokens.owner).get(`/api/topics/${id}`)).body.photos).toEqual([]);
  });

  test('a photo whose uploader has no openid cannot go to WeChat: it waits for a moderator (review)', async () => {
    const up = await as(tokens.owner).upload(PNG, 'lamp.png');
    const requests = fake.requestCounts.media_check_async;
    const submitted = await as(tokens.owner).post('/api/topics', draft({ photoUploadIds: [up.body.id] }));
    expect(submitted.status).toBe(201);
    const photo = await eventually(async () => {
      const p = await photoOf(up.body.id);
      return p.checkStatus === 'review' ? p : undefined;
    });
    expect(photo.checkTraceId).toBeNull();
    expect(fake.requestCounts.media_check_async).toBe(requests);
    const listed = await as(tokens.moderator).get(`/api/topics/${submitted.body.id}/photos`);
    expect(listed.body).toEqual([expect.objectContaining({ uploadId: up.body.id, checkStatus: 'review' })]);
  });
});

/** S14 without WeChat (CONTENT_CHECK=local, the default without real credentials): the word list still refuses. */
describe.each(eachDatabase)('S14 local word list on %s', (_dialect, db) => {
  let server: TestServer;
  let communityId: number;
  let owner: string;
  beforeAll(async () => {
    server = await startTestServer(db, {
      env: {
        YISHI_SEED_DEMO: 'always',
        CONTENT_BLOCKED_WORDS: '违禁测试词，另一个禁词',
        RATE_LIMIT_TOPICS_PER_HOUR: '1000',
      },
    });
    communityId = await communityIdOf(server, '和平里社区');
    owner = await personaToken(server, 'owner');
  });
  afterAll(async () => server.close());

  const submit = (over: Record<string, unknown>) =>
    request(server.callback)
      .post('/api/topics')
      .set('Authorization', `Bearer ${owner}`)
      .send({
        communityId,
        title: '槐荫里北门路灯不亮',
        description: '北门外两盏路灯坏了一个多月，晚上出入很黑，希望尽快修好。',
        category: '安全隐患',
        scope: 'community',
        ...over,
      });

  test('a word from CONTENT_BLOCKED_WORDS or the default list refuses the topic; WeChat is not asked', async () => {
    expect(server.config.contentCheck).toBe('local');
    const before = await server.dataSource.getRepository(Topic).count();
    for (const over of [
      { title: '北门有人卖违禁测试词' },
      { description: '北门外有人摆摊，还有另 一个禁词，希望城管来看一看，谢谢大家。' },
      { description: '北门外晚上有人聚众赌博，声音很大，希望派出所来管一管，谢谢。' },
    ]) {
      const res = await submit(over);
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('CONTENT_RISKY');
    }
    expect(await server.dataSource.getRepository(Topic).count()).toBe(before);
    expect(server.services.fakeWechat!.state.requestCounts.msg_sec_check).toBe(0);
  });

  test('text passing the list is public at once, and photos pass at once with a thumbnail', async () => {
    const up = await request(server.callback)
      .post('/api/uploads')
      .set('Authorization', `Bearer ${owner}`)
      .field('purpose', 'topic_photo')
      .attach('file', PNG, 'lamp.png');
    const res = await submit({ photoUploadIds: [up.body.id] });
    expect(res.status).toBe(201);
    expect(res.body.held).toBe(false);
    expect(res.body.photos).toEqual([{ uploadId: up.body.id, thumbnailUploadId: expect.any(Number) }]);
    const resident = await personaToken(server, 'resident');
    const seen = await request(server.callback)
      .get(`/api/topics/${res.body.id}`)
      .set('Authorization', `Bearer ${resident}`);
    expect(seen.body.photos).toHaveLength(1);
    const thumb = await request(server.callback)
      .get(`/api/uploads/${res.body.photos[0].thumbnailUploadId}`)
      .set('Authorization', `Bearer ${resident}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(server.services.fakeWechat!.state.requestCounts.media_check_async).toBe(0);
  });
});
