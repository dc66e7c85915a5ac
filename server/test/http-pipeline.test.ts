import request from 'supertest';
import { z } from 'zod';
import { ERRORS } from '../../shared/src/errors';
import { Community } from '../src/communities/communities.entity';
import { AppError } from '../src/http/app-error';
import type { Api } from '../src/http/operations';
import { eachDatabase, startTestServer, type TestServer } from './support/test-db';

/** Routes that exist only in this test, to drive the shared HTTP pipeline. */
function pipelineProbe(api: Api): void {
  api.add({
    method: 'post',
    auth: 'public',
    path: '/api/probe/echo/:id',
    operationId: 'probeEcho',
    summary: 'echo',
    tag: 'probe',
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ loud: z.enum(['yes', 'no']).default('no') }),
    body: z.object({ title: z.string().min(1).max(10), count: z.number().int().min(0) }).strict(),
    response: { status: 201, schema: z.object({ id: z.number(), title: z.string() }), description: 'echoed' },
    handler: async (_ctx, { body, params, query }) => ({
      id: params.id,
      title: query.loud === 'yes' ? body.title.toUpperCase() : body.title,
    }),
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/probe/crash',
    operationId: 'probeCrash',
    summary: 'crash',
    tag: 'probe',
    response: { description: 'never' },
    handler: async () => {
      throw new Error('secret internal detail');
    },
  });
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/probe/domain-error',
    operationId: 'probeDomainError',
    summary: 'domain error',
    tag: 'probe',
    response: { description: 'never' },
    errors: ['ILLEGAL_TRANSITION'],
    handler: async () => {
      throw new AppError('ILLEGAL_TRANSITION', { message: '议题已关闭，不能再附议', details: { state: 'closed' } });
    },
  });
  api.add({
    method: 'post',
    auth: 'public',
    path: '/api/probe/duplicate-community',
    operationId: 'probeDuplicate',
    summary: 'violates a unique key',
    tag: 'probe',
    body: z.object({}),
    response: { description: 'never' },
    handler: async (ctx) => {
      const repo = ctx.services.dataSource.getRepository(Community);
      await ctx.services.dataSource.query(
        "INSERT INTO sub_district (name, code, created_at) VALUES ('测试街道', 'SD-X', CURRENT_TIMESTAMP)",
      );
      const [row] = (await ctx.services.dataSource.query("SELECT id FROM sub_district WHERE code = 'SD-X'")) as {
        id: number;
      }[];
      await repo.insert({ name: '甲', code: 'DUP', subDistrictId: row!.id });
      await repo.insert({ name: '乙', code: 'DUP', subDistrictId: row!.id });
      return {};
    },
  });
}

describe.each(eachDatabase)('HTTP pipeline on %s', (_name, db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(db, { extraFeatures: [pipelineProbe] });
  });
  afterAll(async () => server.close());

  test('a valid request passes params, query and body through their schemas', async () => {
    const res = await request(server.callback).post('/api/probe/echo/7?loud=yes').send({ title: 'abc', count: 2 });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: 7, title: 'ABC' });
  });

  test('an invalid body answers VALIDATION_FAILED with Chinese field messages', async () => {
    const res = await request(server.callback).post('/api/probe/echo/7').send({ title: '', count: -1, extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe(ERRORS.VALIDATION_FAILED.message);
    expect(res.body.error.details.in).toBe('body');
    const paths = res.body.error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['title', 'count']));
    for (const field of res.body.error.details.fields) expect(field.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  test('invalid path params and query strings are refused before the handler runs', async () => {
    const badParam = await request(server.callback).post('/api/probe/echo/abc').send({ title: 'a', count: 1 });
    expect(badParam.status).toBe(400);
    expect(badParam.body.error.details.in).toBe('params');
    const badQuery = await request(server.callback).post('/api/probe/echo/1?loud=maybe').send({ title: 'a', count: 1 });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.details.in).toBe('query');
  });

  test('malformed JSON answers INVALID_JSON', async () => {
    const res = await request(server.callback)
      .post('/api/probe/echo/1')
      .set('Content-Type', 'application/json')
      .send('{"title": "a",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('INVALID_JSON');
  });

  test('a body that is not JSON answers UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await request(server.callback).post('/api/probe/echo/1').set('Content-Type', 'text/plain').send('hi');
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  test('a body over the limit answers PAYLOAD_TOO_LARGE', async () => {
    const res = await request(server.callback)
      .post('/api/probe/echo/1')
      .send({ title: 'a', count: 1, pad: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  test('a domain error keeps its code, status, specific message and details', async () => {
    const res = await request(server.callback).get('/api/probe/domain-error');
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      error: { code: 'ILLEGAL_TRANSITION', message: '议题已关闭，不能再附议', details: { state: 'closed' } },
    });
  });

  test('an unexpected error is a bare 500, logged with the request id, leaking nothing', async () => {
    const res = await request(server.callback).get('/api/probe/crash').set('X-Request-Id', 'trace-abc-123');
    expect(res.status).toBe(500);
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: ERRORS.INTERNAL.message } });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    const logged = server.logs.find((l) => l.msg === 'unhandled error');
    expect(logged).toBeDefined();
    expect(logged!.reqId).toBe('trace-abc-123');
    expect(JSON.stringify(logged!.err)).toContain('secret internal detail');
  });

  test('a unique-key violation from the database answers CONFLICT, not 500', async () => {
    const res = await request(server.callback).post('/api/probe/duplicate-community').send({});
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
  });

  test('every response carries an X-Request-Id; unsafe incoming ids are replaced', async () => {
    const fresh = await request(server.callback).get('/api/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await request(server.callback).get('/api/health').set('X-Request-Id', 'bad id\twith spaces');
    expect(unsafe.headers['x-request-id']).not.toContain(' ');
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('unknown API paths and wrong methods answer coded errors', async () => {
    const missing = await request(server.callback).get('/api/no/such/thing');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
    const wrongMethod = await request(server.callback).delete('/api/health');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(wrongMethod.headers.allow).toContain('GET');
  });

  test('metrics count requests by operation', async () => {
    await request(server.callback).get('/api/health');
    const res = await request(server.callback).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/yishi_http_requests_total\{method="GET",operation="getHealth",status="200"[^}]*\} \d+/);
    expect(res.text).toContain('yishi_http_request_duration_seconds_bucket');
  });
});
