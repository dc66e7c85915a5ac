import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import {
  createFakeWechat,
  FAKE_WECHAT_SECRET,
  type FakeWechat,
  type FakeWechatOptions,
  type FakeWechatServer,
  type FakeWechatState,
} from './fake-wechat';
import { WechatClient, type WechatClientOptions } from './wechat.client';

/** Test setup for the WeChat tests: a fake WeChat server on 127.0.0.1, port 0, and clients pointed at it. */
export interface FakeWechatEnv {
  fake: FakeWechat;
  state: FakeWechatState;
  server: FakeWechatServer;
  /** A client for the fake, with short retry delays; options override the defaults. */
  client(options?: Partial<WechatClientOptions>): WechatClient;
}

export async function startFakeWechat(options: FakeWechatOptions = {}): Promise<FakeWechatEnv> {
  const fake = createFakeWechat(options);
  const server = await fake.listen();
  return {
    fake,
    state: fake.state,
    server,
    client: (overrides = {}) =>
      new WechatClient({
        baseUrl: server.url,
        appid: fake.state.appid,
        secret: options.secret ?? FAKE_WECHAT_SECRET,
        timeoutMs: 2000,
        retryDelaysMs: [10, 20],
        ...overrides,
      }),
  };
}

/** A pino logger at `trace` whose JSON lines are kept in `lines`. */
export function memoryLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'trace' }, { write: (line: string) => lines.push(line) });
  return { logger, lines };
}

/** A base URL where nothing listens (a port that was just released). */
export async function unusedBaseUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Runs `action` and resolves with what it threw (fails the test if it did not throw). */
export async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
