import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';

/**
 * The P2 baseline: a bare node:http + ws server. POST /ballots counts a
 * ballot and answers 201; the count goes to every socket as
 * `{"type":"votes","version":n,…"voters":n}` with the same policy as Yishi's
 * hub (at most one broadcast per 100 ms, always one after the last ballot),
 * but with no database, auth or state to build: the cost of the fan-out alone.
 * Prints `{"port":N}` when listening.
 */
const COALESCE_MS = 100;
let count = 0;
let scheduled = false;
let lastRun = 0;

function broadcast(): void {
  scheduled = false;
  lastRun = Date.now();
  const frame = JSON.stringify({ type: 'votes', version: count, votes: [{ participation: { voters: count } }] });
  for (const ws of wss.clients) ws.send(frame);
}

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    count += 1;
    res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    if (!scheduled) {
      scheduled = true;
      setTimeout(broadcast, Math.max(0, lastRun + COALESCE_MS - Date.now()));
    }
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
wss.on('connection', (ws) => {
  ws.send(JSON.stringify({ type: 'state', version: count, state: { votes: [{ participation: { voters: count } }] } }));
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.once('SIGTERM', () => {
  for (const ws of wss.clients) ws.terminate();
  server.close(() => process.exit(0));
});
