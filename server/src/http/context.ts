import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { Actor, Principal } from '../auth/actor';
import type { TokenService } from '../auth/tokens';
import type { Config } from '../config';
import type { ContentChecker } from '../content/content-check';
import type { Dialect } from '../db/data-source';
import type { AppEvents } from '../events/app-events';
import type { FileStorage } from '../storage/storage';
import type { FakeWechat } from '../wechat/fake-wechat';
import type { WechatClient } from '../wechat/wechat.client';

/** Per-request state every middleware and route can rely on. */
export interface AppState {
  requestId: string;
  log: Logger;
  /** The matched route's operationId, for metrics and logs. */
  operationId?: string;
  /** Who the bearer token names (signature checked). */
  principal?: Principal;
  /** The signed-in user, once read (before the handler, unless the operation defers it). */
  actor?: Actor;
}

/** Process-wide services, reachable from any request as `ctx.services`. */
export interface AppServices {
  config: Config;
  dataSource: DataSource;
  dialect: Dialect;
  storage: FileStorage;
  lifecycle: Lifecycle;
  tokens: TokenService;
  wechat: WechatClient;
  content: ContentChecker;
  /** In-process events between features, emitted after commit (votes, topics, meetings). */
  events: AppEvents;
  /** The built-in fake WeChat server, when no real WeChat API is configured (demo and tests). */
  fakeWechat?: FakeWechat;
  /** Closes the database and anything else the services hold open. */
  close(): Promise<void>;
}

/** Whether the process is still taking work; main.ts flips it on SIGTERM. */
export interface Lifecycle {
  draining: boolean;
}

declare module 'koa' {
  interface DefaultContext {
    services: AppServices;
    log: Logger;
  }
}
