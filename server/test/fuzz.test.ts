import fc from 'fast-check';
import request from 'supertest';
import { isErrorCode } from '../../shared/src/errors';
import { eachDatabase, personaToken, startTestServer, type TestServer, tableCounts } from './support/test-db';

interface OperationDoc {
  operationId: string;
  requestBody?: unknown;
}

/** Values that break naive parsers: wrong types, extremes, injection-looking text, prototype keys. */
const nasty = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    'null',
    'true',
    '%00',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    '𠀀𠀁',
    '\u0000',
    'x'.repeat(5000),
    '9007199254740993',
    '2147483648',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer({ min: -3, max: 2_147_483_650 }).map(String),
);
const jsonValue = fc.oneof(
  fc.anything({ maxDepth: 3, withObjectString: true, withNullPrototype: true }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'status', 'role', 'userId', 'id', 'unitId', 'code', 'persona'),
    fc.anything({ maxDepth: 2 }),
  ),
  nasty,
  fc.integer(),
  fc.double(),
);

/**
 * S16: fuzzed bodies, query strings, path parameters and headers on every
 * operation of the OpenAPI document: only coded 4xx (or a normal answer),
 * never a 5xx, and a refused request changes no row.
 */
describe.each(eachDatabase)('S16 fuzzing on %s', (_dialect, db) => {
  let server: TestServer;
  let moderator: string;
  beforeAll(async () => {
    server = await startTestServer(db, { env: { YISHI_SEED_DEMO: 'always' } });
    moderator = await personaToken(server, 'moderator');
  });
  afterAll(async () => server.close());

  test('every operation survives fuzzed input', async () => {
    const doc = (await request(server.callback).get('/api/openapi.json')).body as {
      paths: Record<string, Record<string, OperationDoc>>;
    };
    const problems: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        if (op.operationId === 'deleteMyAccount') continue; // a valid fuzz could delete the fuzzing user; covered elsewhere
        const samples = fc.sample(
          fc.record({
            pathValue: nasty,
            query: fc.dictionary(fc.constantFrom('status', 'q', 'after', 'limit', 'before', 'mode', 'x'), nasty, {
              maxKeys: 3,
            }),
            body: jsonValue,
            contentType: fc.constantFrom(
              'application/json',
              'application/json',
              'text/plain',
              'multipart/form-data',
              'application/x-www-form-urlencoded',
              'image/png',
            ),
            auth: fc.constantFrom('moderator', 'none', 'garbage'),
            idempotencyKey: fc.option(nasty, { nil: undefined }),
          }),
          { numRuns: 30, seed: 20261127 + op.operationId.length },
        );
        for (const s of samples) {
          const url = path.replace(/\{[^}]+\}/g, () => encodeURIComponent(s.pathValue));
          let req = request(server.callback)[method as 'get' | 'post' | 'patch'](url).query(s.query);
          if (s.auth === 'moderator') req = req.set('Authorization', `Bearer ${moderator}`);
          if (s.auth === 'garbage') req = req.set('Authorization', headerSafe(`Bearer ${s.pathValue || 'x'}`));
          if (s.idempotencyKey !== undefined) req = req.set('Idempotency-Key', headerSafe(s.idempotencyKey));
          const before = await tableCounts(server.dataSource);
          let res: request.Response;
          if (method === 'get') {
            res = await req;
          } else {
            const raw =
              s.contentType === 'application/json' || typeof s.body === 'object' ? safeJson(s.body) : String(s.body);
            res = await req.set('Content-Type', s.contentType).send(raw);
          }
          const label = `${method.toUpperCase()} ${url.slice(0, 80)} [${s.contentType}, ${s.auth}]`;
          if (res.status >= 500) problems.push(`${label}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          if (res.status >= 400 && res.status < 500) {
            if (!isErrorCode(res.body?.error?.code)) problems.push(`${label}: ${res.status} without an error code`);
            const after = await tableCounts(server.dataSource);
            if (JSON.stringify(after) !== JSON.stringify(before))
              problems.push(`${label}: refused (${res.status}) but rows changed`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  }, 900_000);
});

/** Header values must be printable ASCII; anything else is replaced, as a client library would refuse it. */
function headerSafe(value: string): string {
  return value.slice(0, 300).replace(/[^\x20-\x7e]/g, '?');
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return '{';
  }
}
