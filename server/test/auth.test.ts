import { SignJWT } from 'jose';
import request from 'supertest';
import { ROLES } from '../../shared/src/auth/roles';
import { ERRORS } from '../../shared/src/errors';
import { User } from '../src/auth/auth.entity';
import { devLoginCode } from '../src/wechat/fake-wechat';
import { eachDatabase, personaToken, startTestServer, type TestServer } from './support/test-db';

describe.each(eachDatabase)('sign-in and tokens on %s', (_dialect, db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
  });
  afterAll(async () => server.close());

  test('demo personas cover every role and sign in', async () => {
    const res = await request(server.callback).get('/api/auth/dev-personas');
    expect(res.status).toBe(200);
    const roles = new Set(res.body.flatMap((p: { roles: string[] }) => p.roles));
    for (const role of ROLES) expect(roles).toContain(role);
    const login = await request(server.callback).post('/api/auth/dev-login').send({ persona: 'moderator' });
    expect(login.status).toBe(200);
    expect(login.body.user.communities[0].roles).toContain('moderator');
    const me = await request(server.callback).get('/api/me').set('Authorization', `Bearer ${login.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body.nickname).toBe('刘敏');
    expect(me.body.phoneMasked).toBe('138****1009');
  });

  test('an unknown persona is a clear 404 and no token', async () => {
    const res = await request(server.callback).post('/api/auth/dev-login').send({ persona: 'mayor' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    expect(res.body.token).toBeUndefined();
  });

  test('user operations without a token answer UNAUTHENTICATED', async () => {
    const res = await request(server.callback).get('/api/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'UNAUTHENTICATED', message: ERRORS.UNAUTHENTICATED.message });
  });

  describe('S12: token attacks answer 401 TOKEN_INVALID and leak nothing', () => {
    const key = (secret: string) => new TextEncoder().encode(secret);
    const sign = (claims: Record<string, unknown>, secret: string, exp = '1h') =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('1')
        .setIssuer('yishi')
        .setAudience('yishi-client')
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(key(secret));
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    const attacks: [string, () => Promise<string>][] = [
      [
        'alg none',
        async () =>
          `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: '1', ver: 0, iss: 'yishi', aud: 'yishi-client', exp: 4e9, iat: 1 })}.`,
      ],
      ['wrong key', () => sign({ ver: 0 }, 'another-key-that-is-long-enough-0123456789')],
      ['expired', () => sign({ ver: 0 }, server.config.jwtSecret, '-1m')],
      [
        'tampered payload',
        async () => {
          const real = await personaToken(server, 'resident');
          const [h, , s] = real.split('.');
          return `${h}.${b64({ sub: '10', ver: 0, iss: 'yishi', aud: 'yishi-client', exp: 4e9, iat: 1 })}.${s}`;
        },
      ],
      [
        'HS512 with the right key',
        async () =>
          new SignJWT({ ver: 0 })
            .setProtectedHeader({ alg: 'HS512' })
            .setSubject('1')
            .setIssuer('yishi')
            .setAudience('yishi-client')
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(key(server.config.jwtSecret)),
      ],
      ['garbage', async () => 'not.a.jwt'],
    ];
    test.each(attacks)('%s', async (_name, make) => {
      const res = await request(server.callback)
        .get('/api/me')
        .set('Authorization', `Bearer ${await make()}`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('TOKEN_INVALID');
      expect(JSON.stringify(res.body)).not.toMatch(/nickname|realName|secret|stack/i);
    });

    test('a revoked (version bumped), suspended or deleted account loses its tokens at once', async () => {
      for (const change of [{ tokenVersion: 5 }, { status: 'suspended' as const }, { status: 'deleted' as const }]) {
        const token = await personaToken(server, 'social_org');
        expect((await request(server.callback).get('/api/me').set('Authorization', `Bearer ${token}`)).status).toBe(
          200,
        );
        const user = await server.dataSource.getRepository(User).findOneByOrFail({ personaKey: 'social_org' });
        await server.dataSource.getRepository(User).update({ id: user.id }, change);
        const res = await request(server.callback).get('/api/me').set('Authorization', `Bearer ${token}`);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('TOKEN_INVALID');
        await server.dataSource.getRepository(User).update({ id: user.id }, { tokenVersion: 0, status: 'active' });
      }
    });
  });

  describe('S13: WeChat login', () => {
    test('a code signs in, the same WeChat user again is the same account, session_key never leaves', async () => {
      const fake = server.services.fakeWechat!;
      const first = await request(server.callback)
        .post('/api/auth/wechat')
        .send({ code: devLoginCode('alice') });
      const second = await request(server.callback)
        .post('/api/auth/wechat')
        .send({ code: devLoginCode('alice') });
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body.user.id).toBe(first.body.user.id);
      expect(first.body.user.privacyAccepted).toBe(false);
      const keys = fake.state.issuedSessionKeys;
      expect(keys.length).toBeGreaterThanOrEqual(2);
      const me = await request(server.callback).get('/api/me').set('Authorization', `Bearer ${first.body.token}`);
      const exported = await request(server.callback)
        .get('/api/me/export')
        .set('Authorization', `Bearer ${first.body.token}`);
      for (const res of [first, second, me, exported]) {
        const text = JSON.stringify(res.body) + JSON.stringify(res.headers);
        for (const k of keys) expect(text).not.toContain(k);
        expect(text).not.toMatch(/session_?key/i);
      }
      // The server did keep it, server-side.
      const stored = (await server.dataSource.query('SELECT session_key FROM wechat_session WHERE user_id = ?', [
        first.body.user.id,
      ])) as { session_key: string }[];
      expect(keys).toContain(stored[0]!.session_key);
    });

    test('a reused code is refused clearly', async () => {
      const code = devLoginCode('bob');
      expect((await request(server.callback).post('/api/auth/wechat').send({ code })).status).toBe(200);
      const again = await request(server.callback).post('/api/auth/wechat').send({ code });
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('WECHAT_CODE_INVALID');
      expect(again.body.token).toBeUndefined();
    });

    test.each([
      [-1, 503, 'WECHAT_BUSY'],
      [40029, 401, 'WECHAT_CODE_INVALID'],
      [45011, 429, 'WECHAT_RATE_LIMITED'],
      [40226, 403, 'WECHAT_USER_BLOCKED'],
    ])('upstream errcode %i answers %i %s', async (errcode, status, code) => {
      const fake = server.services.fakeWechat!;
      // -1 is retried twice by the client: fail all three attempts.
      fake.state.failNext('jscode2session', errcode, errcode === -1 ? 3 : 1);
      const before = await server.dataSource.getRepository(User).count();
      const res = await request(server.callback)
        .post('/api/auth/wechat')
        .send({ code: devLoginCode('carol') });
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toBe(ERRORS[code as keyof typeof ERRORS].message);
      expect(await server.dataSource.getRepository(User).count()).toBe(before);
    });
  });
});

describe('outside demo mode', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite' }, { env: { YISHI_DEMO: 'off', YISHI_SEED_DEMO: 'always' } });
  });
  afterAll(async () => server.close());

  test('the persona endpoints do not exist', async () => {
    expect((await request(server.callback).get('/api/auth/dev-personas')).status).toBe(404);
    const login = await request(server.callback).post('/api/auth/dev-login').send({ persona: 'moderator' });
    expect(login.status).toBe(404);
    expect(login.body.error.code).toBe('ROUTE_NOT_FOUND');
    const doc = await request(server.callback).get('/api/openapi.json');
    expect(Object.keys(doc.body.paths)).not.toContain('/api/auth/dev-login');
  });
});
