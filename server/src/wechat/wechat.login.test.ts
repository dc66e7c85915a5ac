import { createFakeWechat, devLoginCode, FAKE_WECHAT_APPID, fakeOpenid, fakeUnionid } from './fake-wechat';
import { WechatError } from './wechat.errors';
import { caught, type FakeWechatEnv, startFakeWechat, unusedBaseUrl } from './wechat.test-support';

describe('WechatClient.code2Session against the fake WeChat server', () => {
  let env: FakeWechatEnv;
  let now: number;
  beforeEach(async () => {
    now = Date.parse('2024-05-01T08:00:00Z');
    env = await startFakeWechat({ now: () => now });
  });
  afterEach(() => env.server.close());

  test('logs in as the seed: the openid is stable across codes and distinct per seed', async () => {
    const client = env.client();
    const first = await client.code2Session('dev:alice:1');
    const second = await client.code2Session(env.state.issueCode('alice'));
    const other = await client.code2Session('dev:bob:1');

    expect(first.openid).toMatch(/^o[A-Za-z0-9_-]{27}$/);
    expect(first.openid).toBe(fakeOpenid(FAKE_WECHAT_APPID, 'alice'));
    expect(second.openid).toBe(first.openid);
    expect(other.openid).not.toBe(first.openid);
    expect(first.unionid).toBe(fakeUnionid('alice'));
    expect(first.sessionKey.reveal()).toBe(env.state.issuedSessionKeys[0]);
    expect(second.sessionKey.reveal()).toBe(env.state.sessionKeyOf(first.openid));
    expect(second.sessionKey.reveal()).not.toBe(first.sessionKey.reveal());
  });

  test('the same seed has another openid under another AppID, and no unionid when the app has none', async () => {
    const fake = createFakeWechat({ appid: 'wx-other-app', withUnionid: false });
    const server = await fake.listen();
    try {
      const client = env.client({ baseUrl: server.url, appid: 'wx-other-app' });
      const login = await client.code2Session('dev:alice:1');
      expect(login.openid).toBe(fakeOpenid('wx-other-app', 'alice'));
      expect(login.openid).not.toBe(fakeOpenid(FAKE_WECHAT_APPID, 'alice'));
      expect(login.unionid).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  test('a reused code answers 40163 → invalid_code', async () => {
    const client = env.client();
    const code = env.state.issueCode('alice');
    await client.code2Session(code);
    const error = await caught(() => client.code2Session(code));
    expect(error).toBeInstanceOf(WechatError);
    expect(error).toMatchObject({ kind: 'invalid_code', errcode: 40163, endpoint: 'jscode2session' });

    await client.code2Session('dev:alice:7');
    await expect(client.code2Session('dev:alice:7')).rejects.toMatchObject({ kind: 'invalid_code', errcode: 40163 });
  });

  test('an unknown or expired code answers 40029 → invalid_code', async () => {
    const client = env.client();
    await expect(client.code2Session('081xYz000abcdefghijklmnopqrstuvw')).rejects.toMatchObject({
      kind: 'invalid_code',
      errcode: 40029,
    });
    const code = env.state.issueCode('alice');
    now += 5 * 60_000 + 1;
    await expect(client.code2Session(code)).rejects.toMatchObject({ kind: 'invalid_code', errcode: 40029 });
  });

  test('an empty code is refused without calling WeChat', async () => {
    await expect(env.client().code2Session('')).rejects.toMatchObject({ kind: 'invalid_code', errcode: undefined });
    expect(env.state.requestCounts.jscode2session).toBe(0);
  });

  test('errcode -1 once is retried and the login then succeeds', async () => {
    env.state.failNext('jscode2session', -1);
    const login = await env.client().code2Session('dev:alice:1');
    expect(login.openid).toBe(env.state.openidFor('alice'));
    expect(env.state.requestCounts.jscode2session).toBe(2);
  });

  test('errcode -1 three times exhausts the two retries → busy, and the code stays usable', async () => {
    env.state.failNext('jscode2session', -1, 3);
    const client = env.client({ retryDelaysMs: [40, 80] });
    const started = Date.now();
    await expect(client.code2Session('dev:alice:1')).rejects.toMatchObject({ kind: 'busy', errcode: -1 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(110); // waited the backoff before each retry
    expect(env.state.requestCounts.jscode2session).toBe(3);
    await expect(client.code2Session('dev:alice:1')).resolves.toMatchObject({ openid: env.state.openidFor('alice') });
  });

  test.each([
    [45011, 'rate_limited'],
    [40226, 'blocked'],
    [40029, 'invalid_code'],
  ] as const)('errcode %i → %s, not retried', async (errcode, kind) => {
    env.state.failNext('jscode2session', errcode);
    await expect(env.client().code2Session('dev:alice:1')).rejects.toMatchObject({ kind, errcode });
    expect(env.state.requestCounts.jscode2session).toBe(1);
  });

  test('a WeChat that does not answer → unreachable within the timeout, not retried', async () => {
    env.state.hangNext('jscode2session');
    const started = Date.now();
    const error = await caught(() => env.client({ timeoutMs: 300 }).code2Session('dev:alice:1'));
    const elapsed = Date.now() - started;
    expect(error).toMatchObject({ kind: 'unreachable', errcode: undefined });
    expect((error as Error).message).toContain('300 ms');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
    expect(env.state.requestCounts.jscode2session).toBe(1);
  });

  test('nothing listening at the base URL → unreachable', async () => {
    const client = env.client({ baseUrl: await unusedBaseUrl() });
    await expect(client.code2Session('dev:alice:1')).rejects.toMatchObject({ kind: 'unreachable' });
  });

  test('a non-2xx answer → unreachable with the HTTP status', async () => {
    const client = env.client({ baseUrl: `${env.server.url}/no-such-prefix` });
    await expect(client.code2Session('dev:alice:1')).rejects.toMatchObject({ kind: 'unreachable', httpStatus: 404 });
  });

  test('a wrong AppSecret (40125) or AppID (40013) → misconfigured', async () => {
    await expect(env.client({ secret: 'not-the-secret' }).code2Session('dev:alice:1')).rejects.toMatchObject({
      kind: 'misconfigured',
      errcode: 40125,
    });
    await expect(env.client({ appid: 'wx-someone-else' }).code2Session('dev:alice:2')).rejects.toMatchObject({
      kind: 'misconfigured',
      errcode: 40013,
    });
  });

  test('devLoginCode mints distinct single-use codes for a seed', async () => {
    const client = env.client();
    const a = devLoginCode('alice');
    const b = devLoginCode('alice');
    expect(a).not.toBe(b);
    expect((await client.code2Session(a)).openid).toBe((await client.code2Session(b)).openid);
    expect(() => devLoginCode('not a seed')).toThrow('Invalid dev login seed');
  });
});
