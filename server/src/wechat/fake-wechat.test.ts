import {
  createFakeWechat,
  FAKE_WECHAT_APPID,
  FAKE_WECHAT_SECRET,
  type FakeWechat,
  type FakeWechatServer,
} from './fake-wechat';

/** The fake's wire format, checked with raw HTTP (the client tests cover the rest). */
describe('fake WeChat server wire format', () => {
  let fake: FakeWechat;
  let server: FakeWechatServer;
  let now: number;
  beforeEach(async () => {
    now = Date.parse('2024-05-01T08:00:00Z');
    fake = createFakeWechat({ now: () => now, tokenExpiresIn: 7200 });
    server = await fake.listen();
  });
  afterEach(() => server.close());

  const get = async (path: string, query: Record<string, string>) => {
    const response = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`);
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const post = async (path: string, body: unknown, query: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}${path}?${new URLSearchParams(query)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const login = (jsCode: string, overrides: Record<string, string> = {}) =>
    get('/sns/jscode2session', {
      appid: FAKE_WECHAT_APPID,
      secret: FAKE_WECHAT_SECRET,
      js_code: jsCode,
      grant_type: 'authorization_code',
      ...overrides,
    });
  const token = (forceRefresh?: boolean) =>
    post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid: FAKE_WECHAT_APPID,
      secret: FAKE_WECHAT_SECRET,
      ...(forceRefresh === undefined ? {} : { force_refresh: forceRefresh }),
    });

  test('code2Session answers openid, session_key and unionid only, with no errcode', async () => {
    const { status, json } = await login('dev:alice:1');
    expect(status).toBe(200);
    expect(Object.keys(json).sort()).toEqual(['openid', 'session_key', 'unionid']);
    expect(json.session_key).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 16 random bytes, base64
  });

  test('errors carry errcode and an errmsg with a rid, on HTTP 200', async () => {
    const { status, json } = await login('unknown');
    expect(status).toBe(200);
    expect(json.errcode).toBe(40029);
    expect(json.errmsg).toMatch(/^invalid code, rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
  });

  test.each([
    [{ js_code: '' }, 41008],
    [{ grant_type: 'client_credential' }, 40002],
    [{ appid: '' }, 41002],
    [{ appid: 'wx-not-this-app' }, 40013],
    [{ secret: 'wrong' }, 40125],
  ])('code2Session with %j answers %i', async (overrides, errcode) => {
    expect((await login('dev:alice:1', overrides)).json.errcode).toBe(errcode);
  });

  test('wrong HTTP methods answer 43001/43002; unknown paths 404', async () => {
    expect((await post('/sns/jscode2session', {})).json.errcode).toBe(43001);
    expect((await get('/cgi-bin/stable_token', {})).json.errcode).toBe(43002);
    expect((await get('/cgi-bin/nothing', {})).status).toBe(404);
  });

  test('stable_token normal mode repeats the current token; force_refresh replaces and revokes it', async () => {
    const first = (await token()).json;
    expect(first).toEqual({ access_token: expect.any(String), expires_in: 7200 });
    now += 1000_000;
    const again = (await token(false)).json;
    expect(again).toEqual({ access_token: first.access_token, expires_in: 6200 });

    const forced = (await token(true)).json;
    expect(forced.access_token).not.toBe(first.access_token);
    const check = (accessToken: string) =>
      post('/wxa/msg_sec_check', { content: 'hello' }, { access_token: accessToken });
    expect((await check(String(first.access_token))).json.errcode).toBe(40001);
    expect((await check(String(forced.access_token))).json.errcode).toBe(0);
  });

  test('token-protected endpoints answer 41001 without a token and 42001 once it expired', async () => {
    expect((await post('/wxa/msg_sec_check', { content: 'hello' })).json.errcode).toBe(41001);
    const accessToken = String((await token()).json.access_token);
    now += 7200 * 1000;
    expect((await post('/wxa/msg_sec_check', { content: 'hello' }, { access_token: accessToken })).json.errcode).toBe(
      42001,
    );
  });

  test('msg_sec_check v2 answers errcode 0 with result, detail and trace_id; v1 answers 87014 for risky text', async () => {
    const accessToken = String((await token()).json.access_token);
    const openid = String((await login('dev:alice:1')).json.openid);
    const v2 = await post(
      '/wxa/msg_sec_check',
      { content: '有人组织赌博', version: 2, scene: 2, openid },
      { access_token: accessToken },
    );
    expect(v2.json).toEqual({
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: 'risky', label: 20006 },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest: 'risky', label: 20006, prob: 90 },
        { strategy: 'keyword', errcode: 0, suggest: 'risky', label: 20006, level: 20, keyword: '赌博' },
      ],
      trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
    });
    const v1 = await post('/wxa/msg_sec_check', { content: '有人组织赌博' }, { access_token: accessToken });
    expect(v1.json.errcode).toBe(87014);
    const badScene = await post(
      '/wxa/msg_sec_check',
      { content: 'x', version: 2, scene: 9, openid },
      { access_token: accessToken },
    );
    expect(badScene.json.errcode).toBe(47001);
  });

  test('bodies that are empty or not JSON answer 44002 / 47001', async () => {
    const accessToken = String((await token()).json.access_token);
    expect((await post('/wxa/media_check_async', '', { access_token: accessToken })).json.errcode).toBe(44002);
    expect((await post('/wxa/media_check_async', '{oops', { access_token: accessToken })).json.errcode).toBe(47001);
  });

  test('closing the server ends hanging requests', async () => {
    fake.state.hangNext('jscode2session');
    const pending = login('dev:alice:1').then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.state.requestCounts.jscode2session).toBe(1);
    await server.close();
    await expect(pending).resolves.toBe('dropped');
  });
});
