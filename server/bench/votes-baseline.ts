import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPool } from 'mysql2/promise';

/**
 * The P1 baseline (QUALITY.md): a bare node:http + mysql2 endpoint doing one
 * single-row INSERT per request, no auth, no checks. Spawned as its own
 * process by votes-bench.ts; prints `{"port":N}` on stdout when listening.
 * Env: BASELINE_DATABASE_URL, BASELINE_POOL_SIZE.
 */
const url = process.env.BASELINE_DATABASE_URL;
if (!url) throw new Error('BASELINE_DATABASE_URL is required');
const pool = createPool({ uri: url, connectionLimit: Number(process.env.BASELINE_POOL_SIZE ?? 20) });

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let choice = 'yes';
    try {
      choice = String((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { choice?: string }).choice ?? 'yes');
    } catch {
      // keep the default
    }
    const voter = String(req.headers['idempotency-key'] ?? '');
    pool
      .execute('INSERT INTO bench_baseline_ballot (voter_key, choice, created_at) VALUES (?, ?, NOW(3))', [
        voter,
        choice,
      ])
      .then(
        ([result]) => {
          res.writeHead(201, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ id: (result as { insertId: number }).insertId }));
        },
        (error: unknown) => {
          res.writeHead(500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: String(error) }));
        },
      );
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
const stop = () => {
  server.close();
  pool.end().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
