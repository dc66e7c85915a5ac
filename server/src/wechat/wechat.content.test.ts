import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { devLoginCode, FAKE_WECHAT_APPID } from './fake-wechat';
import { CONTENT_SCENE, MEDIA_TYPE, MSG_SEC_CHECK_MAX_CHARS, type WechatClient } from './wechat.client';
import { parseMediaCheckEvent, verifyPushSignature } from './wechat.events';
import { type FakeWechatEnv, startFakeWechat } from './wechat.test-support';

describe('WechatClient.msgSecCheck (S14) against the fake WeChat server', () => {
  let env: FakeWechatEnv;
  let client: WechatClient;
  let openid: string;
  beforeEach(async () => {
    env = await startFakeWechat();
    client = env.client();
    openid = (await client.code2Session(devLoginCode('alice'))).openid;
  });
  afterEach(() => env.server.close());

  test.each([
    ['今晚七点在3号楼下开会，讨论加装电梯', 'pass', 100],
    ['听说物业有内幕消息', 'review', 21000],
    ['有人在地下车库组织赌博', 'risky', 20006],
    ['Contains RISKY-TEST-WORD in capitals', 'risky', 20006],
  ] as const)('%s → %s', async (content, suggest, label) => {
    const result = await client.msgSecCheck({ openid, content, scene: CONTENT_SCENE.forum });
    expect(result).toMatchObject({ suggest, label });
    const recorded = env.state.contentChecks.at(-1);
    expect(recorded).toMatchObject({ openid, content, scene: 3, version: 2 });
    expect(result.traceId).toBe(recorded?.traceId);
  });

  test('the word lists are configurable', async () => {
    const custom = await startFakeWechat({ riskyWords: ['违禁样例'], reviewWords: ['待定样例'] });
    try {
      const c = custom.client();
      const user = (await c.code2Session(devLoginCode('bob'))).openid;
      await expect(c.msgSecCheck({ openid: user, content: '有人组织赌博', scene: 2 })).resolves.toMatchObject({
        suggest: 'pass',
      });
      await expect(c.msgSecCheck({ openid: user, content: '一个违禁样例', scene: 2 })).resolves.toMatchObject({
        suggest: 'risky',
      });
      await expect(c.msgSecCheck({ openid: user, content: '一个待定样例', scene: 2 })).resolves.toMatchObject({
        suggest: 'review',
      });
    } finally {
      await custom.server.close();
    }
  });

  test('the old v1 errcode 87014 counts as risky', async () => {
    env.state.failNext('msg_sec_check', 87014);
    await expect(client.msgSecCheck({ openid, content: '普通内容', scene: 2 })).resolves.toMatchObject({
      suggest: 'risky',
    });
  });

  test('text over 2,500 characters is checked in pieces, split between characters, and the worst verdict wins', async () => {
    const content = `${'😀'.repeat(MSG_SEC_CHECK_MAX_CHARS + 1)}楼下有人组织赌博`;
    const result = await client.msgSecCheck({ openid, content, scene: 2 });
    expect(result.suggest).toBe('risky');
    const pieces = env.state.contentChecks.map((c) => c.content);
    expect(pieces).toHaveLength(2);
    expect(pieces.join('')).toBe(content);
    expect(Array.from(pieces[0] ?? '')).toHaveLength(MSG_SEC_CHECK_MAX_CHARS);
    expect(env.state.contentChecks.map((c) => c.suggest)).toEqual(['pass', 'risky']);
  });

  test('a review in an early piece is not overridden by a later pass', async () => {
    const content = `听说有内幕消息${'。'.repeat(MSG_SEC_CHECK_MAX_CHARS)}`;
    await expect(client.msgSecCheck({ openid, content, scene: 2 })).resolves.toMatchObject({ suggest: 'review' });
    expect(env.state.contentChecks.map((c) => c.suggest)).toEqual(['review', 'pass']);
  });

  test('empty text passes without a request', async () => {
    await expect(client.msgSecCheck({ openid, content: '  \n', scene: 2 })).resolves.toMatchObject({ suggest: 'pass' });
    expect(env.state.requestCounts.msg_sec_check).toBe(0);
  });

  test('an openid WeChat does not know → invalid_openid (40003)', async () => {
    await expect(
      client.msgSecCheck({ openid: 'oUnknownUser00000000000000000', content: '你好', scene: 2 }),
    ).rejects.toMatchObject({ kind: 'invalid_openid', errcode: 40003 });
  });

  test('an unreachable content check is an error the caller must hold the text for, never a pass', async () => {
    env.state.hangNext('msg_sec_check');
    await expect(
      env.client({ timeoutMs: 200 }).msgSecCheck({ openid, content: '你好', scene: 2 }),
    ).rejects.toMatchObject({ kind: 'unreachable' });
    env.state.failNext('msg_sec_check', -1, 3);
    await expect(client.msgSecCheck({ openid, content: '你好', scene: 2 })).rejects.toMatchObject({ kind: 'busy' });
  });
});

describe('WechatClient.mediaCheckAsync and the wxa_media_check event', () => {
  const pushToken = 'push-token-for-tests';
  let env: FakeWechatEnv;
  let client: WechatClient;
  let openid: string;
  let receiver: http.Server;
  const received: Array<{ url: string; body: string }> = [];

  beforeEach(async () => {
    received.length = 0;
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.end('success');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    env = await startFakeWechat({ pushToken });
    env.state.mediaCheckCallbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wechat/push`;
    client = env.client();
    openid = (await client.code2Session(devLoginCode('alice'))).openid;
  });
  afterEach(async () => {
    await env.server.close();
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  });

  test('submits the media, then the pushed verdict parses and its signature verifies', async () => {
    const mediaUrl = 'https://files.example.com/topics/12/photo-1.jpg';
    const { traceId } = await client.mediaCheckAsync({ openid, mediaUrl, mediaType: MEDIA_TYPE.image, scene: 3 });
    expect(env.state.mediaChecks).toEqual([{ traceId, openid, mediaUrl, mediaType: 2, scene: 3, verdict: undefined }]);

    const push = await env.state.fireMediaCheck(traceId, { suggest: 'risky' });
    expect(push).toEqual({ status: 200, body: 'success' });
    expect(received).toHaveLength(1);
    const request = received[0]!;
    const event = parseMediaCheckEvent(JSON.parse(request.body), FAKE_WECHAT_APPID);
    expect(event).toMatchObject({ traceId, openid, appid: FAKE_WECHAT_APPID, suggest: 'risky', label: 20002 });
    expect(parseMediaCheckEvent(request.body)?.traceId).toBe(traceId); // raw text works too

    const query = new URL(request.url, 'http://receiver').searchParams;
    const signed = {
      signature: query.get('signature') ?? '',
      timestamp: query.get('timestamp') ?? '',
      nonce: query.get('nonce') ?? '',
    };
    expect(verifyPushSignature({ token: pushToken, ...signed })).toBe(true);
    expect(verifyPushSignature({ token: 'another-token', ...signed })).toBe(false);
    expect(verifyPushSignature({ token: pushToken, ...signed, nonce: `${signed.nonce}1` })).toBe(false);
  });

  test('a failed check arrives without result and reads as review', async () => {
    const { traceId } = await client.mediaCheckAsync({
      openid,
      mediaUrl: 'https://files.example.com/a.mp3',
      mediaType: MEDIA_TYPE.audio,
      scene: 2,
    });
    await env.state.fireMediaCheck(traceId, { suggest: 'pass', errcode: -1008 });
    const event = parseMediaCheckEvent(JSON.parse(received[0]?.body ?? '{}'));
    expect(event).toMatchObject({ traceId, errcode: -1008, suggest: 'review', label: undefined });
  });

  test('other events, other AppIDs and malformed bodies are not media check verdicts', async () => {
    const { traceId } = await client.mediaCheckAsync({
      openid,
      mediaUrl: 'https://files.example.com/b.png',
      mediaType: 2,
      scene: 2,
    });
    await env.state.fireMediaCheck(traceId, { suggest: 'pass' });
    const body = JSON.parse(received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(parseMediaCheckEvent(body)).toMatchObject({ suggest: 'pass', label: 100 });
    expect(parseMediaCheckEvent(body, 'wx-another-app')).toBeUndefined();
    expect(parseMediaCheckEvent({ ...body, Event: 'user_enter_tempsession' })).toBeUndefined();
    expect(parseMediaCheckEvent({ ...body, version: 1 })).toBeUndefined();
    expect(parseMediaCheckEvent('{not json')).toBeUndefined();
    expect(parseMediaCheckEvent(undefined)).toBeUndefined();
  });

  test('an invalid media URL is refused before calling WeChat', async () => {
    await expect(
      client.mediaCheckAsync({ openid, mediaUrl: 'file:///etc/passwd', mediaType: 2, scene: 2 }),
    ).rejects.toMatchObject({ kind: 'invalid_argument' });
    expect(env.state.requestCounts.media_check_async).toBe(0);
  });
});
