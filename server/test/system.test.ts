import request from 'supertest';
import { healthSchema } from '../../shared/src/system/system.schema';
import { eachDatabase, startTestServer, type TestServer } from './support/test-db';

describe.each(eachDatabase)('health, readiness and OpenAPI on %s', (dialect, db) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer(db);
  });
  afterEach(async () => server.close());

  test('GET /api/health reports the database dialect and version', async () => {
    const res = await request(server.callback).get('/api/health');
    expect(res.status).toBe(200);
    expect(healthSchema.parse(res.body)).toEqual({ status: 'ok', db: dialect, version: server.config.version });
  });

  test('GET /api/ready is 200 normally, 503 while draining', async () => {
    expect((await request(server.callback).get('/api/ready')).status).toBe(200);
    server.services.lifecycle.draining = true;
    const res = await request(server.callback).get('/api/ready');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('draining');
    expect(res.headers['retry-after']).toBeDefined();
  });

  test('GET /api/ready is 503 when the database is unreachable', async () => {
    await server.dataSource.destroy();
    const res = await request(server.callback).get('/api/ready');
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('unavailable');
  });

  test('the OpenAPI document is 3.1 and every operation has an id and its error responses', async () => {
    const res = await request(server.callback).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const operations = Object.entries(
      res.body.paths as Record<string, Record<string, Record<string, unknown>>>,
    ).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method, op })));
    expect(operations.map((o) => o.op.operationId)).toEqual(
      expect.arrayContaining(['getHealth', 'getReadiness', 'getOpenApiDocument']),
    );
    for (const { op } of operations) {
      expect(typeof op.operationId).toBe('string');
      const responses = op.responses as Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
      expect(responses['500']?.content?.['application/json']?.schema.$ref).toBe('#/components/schemas/Error');
    }
    expect(res.body.paths['/api/ready'].get.responses['503']).toBeDefined();
  });
});
