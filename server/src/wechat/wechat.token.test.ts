import { devLoginCode } from './fake-wechat';
import type { WechatClient } from './wechat.client';
import { caught, type FakeWechatEnv, startFakeWechat } from './wechat.test-support';

const START = Date.parse('2024-05-01T08:00:00Z');

describe('WechatClient access token (stable_token) against the fake WeChat server', () => {
  let env: FakeWechatEnv;
  let fakeNow: number;
  let clientNow: number;
  let client: WechatClient;
  let openid: string;

  /** One call that needs the access token. */
  const check = (content = '周六上午清理楼道杂物') => client.msgSecCheck({ openid, content, scene: 2 });

  beforeEach(async () => {
    fakeNow = START;
    clientNow = START;
    env = await startFakeWechat({ now: () => fakeNow });
    client = env.client({ now: () => clientNow });
    openid = (await client.code2Session(devLoginCode('alice'))).openid;
  });
  afterEach(() => env.server.close());

  test('one token request serves many calls', async () => {
    for (let i = 0; i < 5; i++) await expect(check()).resolves.toMatchObject({ suggest: 'pass' });
    expect(env.state.requestCounts.stable_token).toBe(1);
    expect(env.state.requestCounts.msg_sec_check).toBe(5);
  });

  test('the token is refreshed 5 minutes before it runs out, and again after it expired', async () => {
    const advance = (seconds: number) => {
      fakeNow += seconds * 1000;
      clientNow += seconds * 1000;
    };
    await check();
    advance(7200 - 310); // 310 s left: still fresh
    await check();
    expect(env.state.requestCounts.stable_token).toBe(1);

    advance(20); // 290 s left: inside the refresh margin; WeChat hands out a new token
    await check();
    expect(env.state.requestCounts.stable_token).toBe(2);
    expect(env.state.issuedAccessTokens).toHaveLength(2);

    advance(7200); // long past the second token's expiry
    await check();
    expect(env.state.requestCounts.stable_token).toBe(3);
    expect(env.state.requestCounts.msg_sec_check).toBe(4); // no call had to be repeated
  });

  test('concurrent first calls share one token request', async () => {
    env.state.delayNext('stable_token', 100);
    const results = await Promise.all(Array.from({ length: 8 }, () => check()));
    expect(results.every((r) => r.suggest === 'pass')).toBe(true);
    expect(env.state.requestCounts.stable_token).toBe(1);
  });

  test('a failed token request fails every waiting caller, and the next call asks again', async () => {
    env.state.failNext('stable_token', 40013);
    const outcomes = await Promise.allSettled([check(), check(), check()]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(outcomes[0]).toMatchObject({ reason: { kind: 'misconfigured', errcode: 40013, endpoint: 'stable_token' } });
    expect(env.state.requestCounts.stable_token).toBe(1);
    expect(env.state.requestCounts.msg_sec_check).toBe(0);

    await expect(check()).resolves.toMatchObject({ suggest: 'pass' });
    expect(env.state.requestCounts.stable_token).toBe(2);
  });

  test('errcode -1 on the token endpoint is retried', async () => {
    env.state.failNext('stable_token', -1);
    await expect(check()).resolves.toMatchObject({ suggest: 'pass' });
    expect(env.state.requestCounts.stable_token).toBe(2);
  });

  test('40001 (token revoked) drops the cached token and retries the call once with a new one', async () => {
    await check();
    env.state.revokeAccessTokens();
    await expect(check()).resolves.toMatchObject({ suggest: 'pass' });
    expect(env.state.requestCounts.stable_token).toBe(2);
    expect(env.state.requestCounts.msg_sec_check).toBe(3);
    expect(env.state.issuedAccessTokens).toHaveLength(2);
  });

  test('42001 (WeChat says expired while our clock disagrees) is handled the same way', async () => {
    await check();
    fakeNow += 7201 * 1000;
    await expect(check()).resolves.toMatchObject({ suggest: 'pass' });
    expect(env.state.requestCounts.stable_token).toBe(2);
    expect(env.state.requestCounts.msg_sec_check).toBe(3);
  });

  test('concurrent calls rejected with 40001 share one token refresh', async () => {
    await check();
    env.state.revokeAccessTokens();
    env.state.delayNext('stable_token', 50);
    const results = await Promise.all(Array.from({ length: 6 }, () => check()));
    expect(results).toHaveLength(6);
    expect(env.state.requestCounts.stable_token).toBe(2);
    expect(env.state.requestCounts.msg_sec_check).toBe(1 + 6 * 2);
  });

  test('a late 40001 for the old token does not throw away the new token', async () => {
    await check();
    env.state.revokeAccessTokens();
    env.state.delayNext('msg_sec_check', 150, 5);
    const slow = Array.from({ length: 5 }, () => check()); // rejected after the refresh below completed
    while (env.state.requestCounts.msg_sec_check < 6) await new Promise((resolve) => setTimeout(resolve, 5));
    await check(); // rejected at once: refreshes the token
    expect(env.state.requestCounts.stable_token).toBe(2);
    await Promise.all(slow);
    expect(env.state.requestCounts.stable_token).toBe(2);
    expect(env.state.requestCounts.msg_sec_check).toBe(1 + 6 * 2);
  });

  test('a call rejected with 40001 again after the refresh is not retried a second time', async () => {
    await check();
    env.state.failNext('msg_sec_check', 40001, 2);
    const error = await caught(() => check());
    expect(error).toMatchObject({ kind: 'other', errcode: 40001, endpoint: 'msg_sec_check' });
    expect(env.state.requestCounts.msg_sec_check).toBe(3);
    expect(env.state.requestCounts.stable_token).toBe(2);
  });
});
