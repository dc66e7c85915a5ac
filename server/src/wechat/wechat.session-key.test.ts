import { inspect } from 'node:util';
import { devLoginCode } from './fake-wechat';
import { SessionKey, type WechatLogin } from './wechat.client';
import { caught, type FakeWechatEnv, memoryLogger, startFakeWechat } from './wechat.test-support';

/** Every way a value commonly ends up as text: string forms, JSON, inspect, and an error's message/stack/cause. */
function renderings(value: unknown): string[] {
  const texts = [
    String(value),
    `${value as string}`,
    JSON.stringify(value) ?? '',
    JSON.stringify({ ...(value as object) }),
    inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
  ];
  try {
    texts.push(JSON.stringify(structuredClone(value)) ?? '');
  } catch {
    // not cloneable: nothing more to render
  }
  if (value instanceof Error) {
    texts.push(value.message, value.stack ?? '', inspect(value.cause, { depth: Number.POSITIVE_INFINITY }));
  }
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) texts.push(String(inner), JSON.stringify(inner) ?? '');
  }
  return texts;
}

describe('S13: the session_key never leaves the WeChat client in text form', () => {
  let env: FakeWechatEnv;
  beforeEach(async () => {
    env = await startFakeWechat();
  });
  afterEach(() => env.server.close());

  test('no result, error or log line of login flows contains a session_key', async () => {
    const { logger, lines } = memoryLogger();
    const client = env.client({ logger });
    const outcomes: unknown[] = [];

    const alice = await client.code2Session(devLoginCode('alice'));
    outcomes.push(alice);
    env.state.failNext('jscode2session', -1);
    outcomes.push(await client.code2Session(devLoginCode('bob'))); // retried, then succeeds
    const reused = devLoginCode('carol');
    outcomes.push(await client.code2Session(reused));
    outcomes.push(await caught(() => client.code2Session(reused))); // 40163
    outcomes.push(await caught(() => client.code2Session('not-a-code'))); // 40029
    for (const errcode of [-1, 45011, 40226]) {
      env.state.failNext('jscode2session', errcode, 3);
      outcomes.push(await caught(() => client.code2Session(devLoginCode('dave'))));
    }
    env.state.hangNext('jscode2session');
    outcomes.push(await caught(() => env.client({ logger, timeoutMs: 200 }).code2Session(devLoginCode('erin'))));

    // Someone logs the results and errors carelessly, through the same logger.
    for (const outcome of outcomes) {
      logger.info({ outcome }, 'login outcome');
      logger.error({ err: outcome, login: outcome }, 'login outcome again');
    }

    const keys = env.state.issuedSessionKeys;
    expect(keys).toHaveLength(3);
    expect(lines.length).toBeGreaterThan(outcomes.length * 2);
    const texts = [...lines, ...outcomes.flatMap(renderings)];
    for (const key of keys) {
      for (const text of texts) expect(text).not.toContain(key);
    }
    // …while the key is there on purpose for server-side storage.
    expect(alice.sessionKey.reveal()).toBe(keys[0]);
    expect((outcomes[2] as WechatLogin).sessionKey.reveal()).toBe(keys[2]);
  });

  test('SessionKey hides its value from every generic accessor', () => {
    const key = new SessionKey('c2Vzc2lvbi1rZXktdmFsdWU=');
    expect(Object.keys(key)).toEqual([]);
    expect(JSON.stringify({ key })).toBe('{"key":"[redacted]"}');
    expect(`${key}`).toBe('[redacted]');
    expect(inspect({ key }, { showHidden: true })).not.toContain('c2Vzc2lvbi1rZXktdmFsdWU=');
    expect(JSON.stringify(structuredClone({ key }))).not.toContain('c2Vzc2lvbi1rZXktdmFsdWU=');
    expect(key.reveal()).toBe('c2Vzc2lvbi1rZXktdmFsdWU=');
  });

  test('the client itself does not print its AppSecret or access token', async () => {
    const client = env.client();
    await client.code2Session(devLoginCode('alice'));
    await client.msgSecCheck({ openid: env.state.openidFor('alice'), content: '你好', scene: 2 });
    const token = env.state.issuedAccessTokens[0];
    expect(token).toBeDefined();
    for (const text of [inspect(client, { showHidden: true }), JSON.stringify(client), String(client)]) {
      expect(text).not.toContain('demo-secret');
      expect(text).not.toContain(token);
    }
  });
});
