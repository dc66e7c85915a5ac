import pino from 'pino';
import { WebSocket } from 'ws';
import { applyLiveMessage, type LiveMessage, type LiveState } from '../../../shared/src/meetings/live.schema';
import { createApp } from '../../src/app';
import { startServices } from '../../src/bootstrap';
import type { AppServices } from '../../src/http/context';
import { listen, type RunningServer } from '../../src/http/server';
import type { TestServer } from './test-db';

export interface ListeningServer {
  services: AppServices;
  running: RunningServer;
  /** ws://127.0.0.1:port */
  wsBase: string;
  httpBase: string;
  close: () => Promise<void>;
}

/**
 * A real listening server (HTTP + the live WebSockets) around a test server's
 * services; or, with `secondProcess`, around new services on the same
 * database — a second server process as far as the live fan-out can tell.
 */
export async function listenTestServer(
  server: TestServer,
  options: { secondProcess?: boolean; heartbeatMs?: number } = {},
): Promise<ListeningServer> {
  const logger = pino({ level: 'silent' });
  const services = options.secondProcess ? await startServices(server.config, logger) : server.services;
  const app = options.secondProcess ? createApp(services, logger) : server.app;
  const running = await listen(app, services, logger, '127.0.0.1', 0, { live: { heartbeatMs: options.heartbeatMs } });
  return {
    services,
    running,
    wsBase: `ws://127.0.0.1:${running.port}`,
    httpBase: `http://127.0.0.1:${running.port}`,
    close: async () => {
      await running.live.close();
      await new Promise<void>((resolve) => {
        running.server.close(() => resolve());
        running.server.closeAllConnections();
      });
      if (options.secondProcess) await services.close();
    },
  };
}

/** A live subscriber as a phone would be: it applies every message to the state it holds. */
export class LiveClient {
  readonly messages: LiveMessage[] = [];
  state: LiveState | null = null;
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly opened: Promise<void>;
  private readonly ws: WebSocket;
  private waiters: { test: (c: LiveClient) => boolean; resolve: () => void }[] = [];

  constructor(url: string, options: { autoPong?: boolean } = {}) {
    this.ws = new WebSocket(url, { autoPong: options.autoPong ?? true });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      this.ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    });
    this.ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as LiveMessage;
      this.messages.push(message);
      const next = applyLiveMessage(this.state, message);
      if (next === null) throw new Error(`a votes frame arrived for another session version: ${data.toString()}`);
      if (next !== 'ignore') this.state = next;
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(this)) return true;
        w.resolve();
        return false;
      });
    });
  }

  /** Resolves once the client holds a state for which `test` is true (now or later). */
  until(test: (state: LiveState) => boolean): Promise<LiveState> {
    return new Promise((resolve) => {
      const check = (c: LiveClient) => c.state !== null && test(c.state);
      if (check(this)) resolve(this.state!);
      else this.waiters.push({ test: check, resolve: () => resolve(this.state!) });
    });
  }

  send(text: string): void {
    this.ws.send(text);
  }

  close(): void {
    this.ws.close();
  }
}
