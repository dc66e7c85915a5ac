import http from 'node:http';
import request from 'supertest';
import { z } from 'zod';
import type { Api } from '../src/http/operations';
import { listen } from '../src/http/server';
import { startTestServer } from './support/test-db';

/** How many slow requests the server has begun to answer. */
let slowStarted = 0;

/** A deliberately slow operation, to have requests in flight while draining. */
function slowProbe(api: Api): void {
  api.add({
    method: 'get',
    auth: 'public',
    path: '/api/probe/slow',
    operationId: 'probeSlow',
    summary: 'answers after 300 ms',
    tag: 'probe',
    response: { schema: z.object({ done: z.literal(true) }), description: 'done' },
    handler: async () => {
      slowStarted += 1;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { done: true as const };
    },
  });
}

function get(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent: new http.Agent({ keepAlive: true }) }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

test('S6: draining finishes 50 slow requests in flight, turns readiness to 503 at once and closes', async () => {
  const server = await startTestServer({ dialect: 'sqlite' }, { extraFeatures: [slowProbe] });
  const running = await listen(server.app, server.services, server.logger, '127.0.0.1', 0);
  try {
    const inFlight = Array.from({ length: 50 }, () => get(running.port, '/api/probe/slow'));
    // Drain only once all 50 are being answered (a connection whose request has not arrived yet is idle and may be closed).
    while (slowStarted < 50) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    const drained = running.shutdown(10_000);

    const readiness = await request(server.callback).get('/api/ready');
    expect(readiness.status).toBe(503);
    expect(readiness.body.status).toBe('draining');

    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect(answers.every((a) => JSON.parse(a.body).done === true)).toBe(true);
    await drained;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.dataSource.isInitialized).toBe(false);
    await expect(get(running.port, '/api/health')).rejects.toThrow();
  } finally {
    await server.close();
  }
});
