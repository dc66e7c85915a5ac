import { inspect } from 'node:util';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  ACCESS_TOKEN_REJECTED_ERRCODES,
  kindOfErrcode,
  LEGACY_RISKY_CONTENT_ERRCODE,
  type WechatEndpoint,
  WechatError,
} from './wechat.errors';

/**
 * The WeChat server API client: login (code2Session), the access token, the
 * content checks and subscribe messages. One instance per AppID, shared by the
 * whole process (it caches the access token).
 *
 * - Every call has a timeout (5 s by default) and is retried at most twice,
 *   with backoff, when WeChat answers errcode -1 (system busy). Network
 *   failures and timeouts are not retried: they fail fast as `unreachable`.
 * - The access token comes from the stable token endpoint
 *   (POST /cgi-bin/stable_token, normal mode): several server processes get
 *   the same token instead of invalidating each other's, as /cgi-bin/token
 *   would. It is cached and refreshed 5 minutes before it runs out (WeChat
 *   issues a new one in the last 5 minutes and keeps the old one valid);
 *   concurrent callers share one refresh; a call answered 40001/42001 drops
 *   the cached token and is retried once with a fresh one.
 * - The session_key is wrapped in `SessionKey`, whose string, JSON and
 *   inspect forms are "[redacted]"; only `reveal()` returns it, for storing
 *   server-side. Nothing here logs a URL (it holds the AppSecret or the
 *   token) or a response body.
 */

/** WeChat's production API. */
export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

const REDACTED = '[redacted]';

/** WeChat's session_key for one login: printable only through `reveal()`. */
export class SessionKey {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }

  /** The key itself, to store server-side (e.g. for decrypting wx data). Never send it to a client. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return `SessionKey(${REDACTED})`;
  }
}

/** The result of code2Session. */
export interface WechatLogin {
  readonly openid: string;
  /** Present when the mini-program is bound to a WeChat Open Platform account. */
  readonly unionid: string | undefined;
  /** Store server-side only (`sessionKey.reveal()`); it serialises as "[redacted]". */
  readonly sessionKey: SessionKey;
}

/** msg_sec_check / media_check_async scene: 1 profile, 2 comment, 3 forum, 4 social log. */
export type ContentScene = 1 | 2 | 3 | 4;
export const CONTENT_SCENE = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const satisfies Record<
  string,
  ContentScene
>;

/** media_check_async media type: 1 audio, 2 image. */
export type MediaType = 1 | 2;
export const MEDIA_TYPE = { audio: 1, image: 2 } as const satisfies Record<string, MediaType>;

export type ContentSuggest = 'pass' | 'review' | 'risky';

/** WeChat's label for content that is fine. */
export const LABEL_NORMAL = 100;
/** WeChat's label "other", used when only the v1 errcode 87014 said the text is risky. */
export const LABEL_OTHER = 21000;

export interface ContentCheckResult {
  /** `risky`: refuse; `review`: hold for a moderator; `pass`: publish. */
  suggest: ContentSuggest;
  /** WeChat's label: 100 normal, 10001 ads, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other. */
  label: number;
  /** WeChat's trace id of the (worst) check, for support requests. */
  traceId: string | undefined;
}

export interface MsgSecCheckInput {
  /** The author's openid; WeChat requires them to have used the mini-program in the last 2 hours. */
  openid: string;
  content: string;
  scene: ContentScene;
  title?: string;
  nickname?: string;
}

export interface MediaCheckInput {
  openid: string;
  /** A public http(s) URL WeChat can download the media from. */
  mediaUrl: string;
  mediaType: MediaType;
  scene: ContentScene;
}

export type MiniprogramState = 'developer' | 'trial' | 'formal';

export interface SubscribeMessageInput {
  /** The recipient's openid. */
  touser: string;
  templateId: string;
  /** Mini-program page opened from the message, e.g. `pages/topics/detail?id=12`. */
  page?: string;
  /** Template fields, e.g. `{ thing1: '3号楼电梯维修', time2: '2024-05-01 19:00' }`. */
  data: Record<string, string>;
  /** Which version the message opens; WeChat's default is `formal`. */
  miniprogramState?: MiniprogramState;
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface WechatClientOptions {
  /** WeChat API base URL; the local fake WeChat server in development, tests and the demo. */
  baseUrl?: string;
  appid: string;
  secret: string;
  /** Per-attempt timeout, including reading the body. Default 5000 ms. */
  timeoutMs?: number;
  /** Backoff before each retry on errcode -1; at most two entries. Default [200, 600] ms. */
  retryDelaysMs?: readonly number[];
  /** Refresh the access token this long before it runs out (at most half its lifetime). Default 300000 ms. */
  tokenRefreshMarginMs?: number;
  logger?: Logger;
  /** Clock for the token lifetime; default Date.now. */
  now?: () => number;
}

/** msg_sec_check accepts at most 2,500 characters; longer text is checked in pieces. */
export const MSG_SEC_CHECK_MAX_CHARS = 2500;

const optionsSchema = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).default(WECHAT_API_BASE),
  appid: z.string().min(1),
  secret: z.string().min(1),
  timeoutMs: z.number().int().positive().default(5000),
  retryDelaysMs: z.array(z.number().int().nonnegative()).max(2).default([200, 600]),
  tokenRefreshMarginMs: z.number().int().nonnegative().default(300_000),
});

const openidSchema = z.string().min(1).max(128);
const sceneSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const jsCodeSchema = z.string().min(1).max(256);

const msgSecCheckInputSchema = z.object({
  openid: openidSchema,
  content: z.string(),
  scene: sceneSchema,
  title: z.string().optional(),
  nickname: z.string().optional(),
});

const mediaCheckInputSchema = z.object({
  openid: openidSchema,
  mediaUrl: z.url({ protocol: /^https?$/ }),
  mediaType: z.union([z.literal(1), z.literal(2)]),
  scene: sceneSchema,
});

const subscribeInputSchema = z.object({
  touser: openidSchema,
  templateId: z.string().min(1),
  page: z.string().optional(),
  data: z.record(z.string().min(1), z.string()),
  miniprogramState: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).optional(),
});

// Response shapes, as documented by WeChat. errcode/errmsg are checked first (envelope).
const envelopeSchema = z.looseObject({
  errcode: z.number().int().optional(),
  errmsg: z.string().optional(),
});
const code2SessionResponse = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().min(1).optional(),
});
const tokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});
const suggestSchema = z.enum(['pass', 'review', 'risky']);
const msgSecCheckResponse = z.object({
  result: z.object({ suggest: suggestSchema, label: z.number().int() }),
  trace_id: z.string().optional(),
});
const mediaCheckResponse = z.object({ trace_id: z.string().min(1) });
const subscribeSendResponse = z.object({});

type JsonObject = Record<string, unknown>;

interface WechatRequest {
  endpoint: WechatEndpoint;
  method: 'GET' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

interface CachedToken {
  value: string;
  refreshAt: number;
}

const SUGGEST_RANK: Record<ContentSuggest, number> = { pass: 0, review: 1, risky: 2 };

export class WechatClient {
  readonly #baseUrl: string;
  readonly #appid: string;
  readonly #secret: string;
  readonly #timeoutMs: number;
  readonly #retryDelaysMs: readonly number[];
  readonly #refreshMarginMs: number;
  readonly #log: Logger | undefined;
  readonly #now: () => number;
  #token: CachedToken | undefined;
  #tokenFetch: Promise<string> | undefined;

  constructor(options: WechatClientOptions) {
    const parsed = optionsSchema.safeParse(options);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || '(options)').join(', ');
      throw new Error(`Invalid WechatClient options: ${fields}`);
    }
    const o = parsed.data;
    this.#baseUrl = o.baseUrl.replace(/\/+$/, '');
    this.#appid = o.appid;
    this.#secret = o.secret;
    this.#timeoutMs = o.timeoutMs;
    this.#retryDelaysMs = o.retryDelaysMs;
    this.#refreshMarginMs = o.tokenRefreshMarginMs;
    this.#now = options.now ?? Date.now;
    this.#log = options.logger?.child(
      { component: 'wechat' },
      {
        redact: {
          paths: ['sessionKey', 'session_key', '*.sessionKey', '*.session_key', 'secret', 'access_token'],
          censor: REDACTED,
        },
      },
    );
  }

  /** The AppID this client speaks for (public; the secret and token are not readable). */
  get appid(): string {
    return this.#appid;
  }

  [inspect.custom](): string {
    return `WechatClient(${this.#appid} @ ${this.#baseUrl})`;
  }

  toJSON(): JsonObject {
    return { appid: this.#appid, baseUrl: this.#baseUrl };
  }

  /**
   * Exchanges a wx.login code for the user's openid (and unionid) and session_key.
   * Fails with kind `invalid_code` (40029 unknown/expired, 40163 already used),
   * `busy` (-1), `rate_limited` (45011), `blocked` (40226), `unreachable`, `misconfigured`.
   */
  async code2Session(code: string): Promise<WechatLogin> {
    if (!jsCodeSchema.safeParse(code).success) {
      throw new WechatError({ kind: 'invalid_code', endpoint: 'jscode2session', detail: 'empty or oversized code' });
    }
    const json = await this.#send({
      endpoint: 'jscode2session',
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: this.#appid, secret: this.#secret, js_code: code, grant_type: 'authorization_code' },
    });
    const body = parseResponse(code2SessionResponse, json, 'jscode2session');
    this.#log?.debug({ endpoint: 'jscode2session', openid: body.openid }, 'wechat login');
    return Object.freeze({
      openid: body.openid,
      unionid: body.unionid,
      sessionKey: new SessionKey(body.session_key),
    });
  }

  /**
   * Checks user text (msg_sec_check version 2). Text over 2,500 characters is
   * checked in pieces and the worst verdict wins; empty text passes unchecked.
   * A v1-style 87014 answer counts as `risky`. Throws WechatError (e.g.
   * `unreachable`): the caller must then hold the text for a moderator.
   */
  async msgSecCheck(input: MsgSecCheckInput): Promise<ContentCheckResult> {
    const parsed = parseInput(msgSecCheckInputSchema, input, 'msg_sec_check');
    if (parsed.content.trim() === '') return { suggest: 'pass', label: LABEL_NORMAL, traceId: undefined };
    let worst: ContentCheckResult | undefined;
    for (const piece of splitByCodePoints(parsed.content, MSG_SEC_CHECK_MAX_CHARS)) {
      const result = await this.#checkText({ ...parsed, content: piece });
      if (!worst || SUGGEST_RANK[result.suggest] > SUGGEST_RANK[worst.suggest]) worst = result;
      if (worst.suggest === 'risky') break;
    }
    return worst ?? { suggest: 'pass', label: LABEL_NORMAL, traceId: undefined };
  }

  /**
   * Submits an image or audio for the asynchronous check (media_check_async
   * version 2). The verdict arrives later as a `wxa_media_check` event on the
   * message push URL (see parseMediaCheckEvent), matched by `traceId`.
   */
  async mediaCheckAsync(input: MediaCheckInput): Promise<{ traceId: string }> {
    const parsed = parseInput(mediaCheckInputSchema, input, 'media_check_async');
    const body = await this.#callWithToken(
      {
        endpoint: 'media_check_async',
        method: 'POST',
        path: '/wxa/media_check_async',
        body: {
          media_url: parsed.mediaUrl,
          media_type: parsed.mediaType,
          version: 2,
          scene: parsed.scene,
          openid: parsed.openid,
        },
      },
      mediaCheckResponse,
    );
    return { traceId: body.trace_id };
  }

  /**
   * Sends a subscribe message; each send uses up one of the user's one-time
   * grants from wx.requestSubscribeMessage. Fails with kind `no_grant` (43101),
   * `invalid_openid` (40003), `invalid_argument` (47003 bad template data).
   */
  async sendSubscribeMessage(input: SubscribeMessageInput): Promise<void> {
    const parsed = parseInput(subscribeInputSchema, input, 'subscribe_send');
    const data: Record<string, { value: string }> = {};
    for (const [key, value] of Object.entries(parsed.data)) data[key] = { value };
    await this.#callWithToken(
      {
        endpoint: 'subscribe_send',
        method: 'POST',
        path: '/cgi-bin/message/subscribe/send',
        body: {
          touser: parsed.touser,
          template_id: parsed.templateId,
          page: parsed.page,
          data,
          miniprogram_state: parsed.miniprogramState ?? 'formal',
          lang: parsed.lang ?? 'zh_CN',
        },
      },
      subscribeSendResponse,
    );
  }

  async #checkText(input: z.infer<typeof msgSecCheckInputSchema>): Promise<ContentCheckResult> {
    try {
      const body = await this.#callWithToken(
        {
          endpoint: 'msg_sec_check',
          method: 'POST',
          path: '/wxa/msg_sec_check',
          body: {
            content: input.content,
            version: 2,
            scene: input.scene,
            openid: input.openid,
            title: input.title,
            nickname: input.nickname,
          },
        },
        msgSecCheckResponse,
      );
      return { suggest: body.result.suggest, label: body.result.label, traceId: body.trace_id };
    } catch (error) {
      if (error instanceof WechatError && error.errcode === LEGACY_RISKY_CONTENT_ERRCODE) {
        return { suggest: 'risky', label: LABEL_OTHER, traceId: undefined };
      }
      throw error;
    }
  }

  /** Calls an endpoint that needs the access token; a rejected token (40001/42001) is replaced once. */
  async #callWithToken<T>(request: WechatRequest, schema: z.ZodType<T>): Promise<T> {
    const token = await this.#accessToken();
    try {
      return parseResponse(schema, await this.#send(request, token), request.endpoint);
    } catch (error) {
      if (!(error instanceof WechatError) || !ACCESS_TOKEN_REJECTED_ERRCODES.has(error.errcode ?? 0)) throw error;
      this.#log?.info(
        { endpoint: request.endpoint, errcode: error.errcode },
        'wechat access token rejected, refreshing',
      );
      this.#dropToken(token);
      const fresh = await this.#accessToken();
      return parseResponse(schema, await this.#send(request, fresh), request.endpoint);
    }
  }

  #accessToken(): Promise<string> {
    const cached = this.#token;
    if (cached && this.#now() < cached.refreshAt) return Promise.resolve(cached.value);
    this.#tokenFetch ??= this.#fetchToken().finally(() => {
      this.#tokenFetch = undefined;
    });
    return this.#tokenFetch;
  }

  /** Forgets `rejected` if it is still the cached token (a concurrent caller may have replaced it already). */
  #dropToken(rejected: string): void {
    if (this.#token?.value === rejected) this.#token = undefined;
  }

  async #fetchToken(): Promise<string> {
    const json = await this.#send({
      endpoint: 'stable_token',
      method: 'POST',
      path: '/cgi-bin/stable_token',
      body: { grant_type: 'client_credential', appid: this.#appid, secret: this.#secret, force_refresh: false },
    });
    const body = parseResponse(tokenResponse, json, 'stable_token');
    const lifetimeMs = body.expires_in * 1000;
    const marginMs = Math.min(this.#refreshMarginMs, lifetimeMs / 2);
    this.#token = { value: body.access_token, refreshAt: this.#now() + lifetimeMs - marginMs };
    this.#log?.debug({ endpoint: 'stable_token', expiresIn: body.expires_in }, 'wechat access token refreshed');
    return body.access_token;
  }

  /** One call with its -1 retries; resolves with a JSON object whose errcode is 0 or absent. */
  async #send(request: WechatRequest, accessToken?: string): Promise<JsonObject> {
    for (let attempt = 0; ; attempt++) {
      const json = await this.#attempt(request, accessToken);
      const envelope = envelopeSchema.safeParse(json);
      if (!envelope.success) {
        throw new WechatError({ kind: 'other', endpoint: request.endpoint, detail: 'answer is not a JSON object' });
      }
      const errcode = envelope.data.errcode ?? 0;
      if (errcode === 0) return envelope.data;
      const delay = this.#retryDelaysMs[attempt];
      if (errcode === -1 && delay !== undefined) {
        this.#log?.warn({ endpoint: request.endpoint, errcode, attempt: attempt + 1 }, 'wechat busy, retrying');
        await sleep(delay);
        continue;
      }
      const error = new WechatError({
        kind: kindOfErrcode(request.endpoint, errcode),
        endpoint: request.endpoint,
        errcode,
        errmsg: envelope.data.errmsg,
      });
      this.#log?.info({ endpoint: request.endpoint, errcode, kind: error.kind }, 'wechat call refused');
      throw error;
    }
  }

  async #attempt(request: WechatRequest, accessToken: string | undefined): Promise<unknown> {
    const url = new URL(this.#baseUrl + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) url.searchParams.set(key, value);
    if (accessToken !== undefined) url.searchParams.set('access_token', accessToken);
    let status: number;
    let text: string;
    try {
      const response = await fetch(url, {
        method: request.method,
        headers: request.body === undefined ? undefined : { 'content-type': 'application/json' },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'error',
      });
      status = response.status;
      text = await response.text();
    } catch (cause) {
      const name = errorField(cause, 'name');
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      const detail = timedOut ? `no answer within ${this.#timeoutMs} ms` : 'network error';
      this.#log?.warn({ endpoint: request.endpoint, detail }, 'wechat unreachable');
      throw new WechatError({ kind: 'unreachable', endpoint: request.endpoint, detail, cause: describeCause(cause) });
    }
    if (status < 200 || status > 299) {
      this.#log?.warn({ endpoint: request.endpoint, httpStatus: status }, 'wechat unreachable');
      throw new WechatError({
        kind: 'unreachable',
        endpoint: request.endpoint,
        httpStatus: status,
        detail: `HTTP ${status}`,
      });
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new WechatError({ kind: 'unreachable', endpoint: request.endpoint, detail: 'answer is not JSON' });
    }
  }
}

function parseInput<T>(schema: z.ZodType<T>, input: unknown, endpoint: WechatEndpoint): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new WechatError({ kind: 'invalid_argument', endpoint, detail: `invalid ${issuePaths(parsed.error)}` });
}

/** Validates a success answer; the error names the fields only, never their values. */
function parseResponse<T>(schema: z.ZodType<T>, json: unknown, endpoint: WechatEndpoint): T {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new WechatError({ kind: 'other', endpoint, detail: `unexpected answer shape at ${issuePaths(parsed.error)}` });
}

function issuePaths(error: z.ZodError): string {
  return error.issues.map((issue) => issue.path.join('.') || '(root)').join(', ');
}

/** Reads a string field of an error-like value (DOMException and errors from other realms included). */
function errorField(value: unknown, field: 'name' | 'message'): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const content = (value as Record<string, unknown>)[field];
  return typeof content === 'string' ? content : undefined;
}

/** Keeps the name and message of a network error (they hold no secrets) but not the error object itself. */
function describeCause(cause: unknown): Error {
  const inner = typeof cause === 'object' && cause !== null ? (cause as { cause?: unknown }).cause : undefined;
  const innerMessage = errorField(inner, 'message');
  const described = new Error(
    `${errorField(cause, 'message') ?? 'unknown failure'}${innerMessage ? `: ${innerMessage}` : ''}`,
  );
  described.name = errorField(cause, 'name') ?? 'Error';
  return described;
}

/** Splits text into pieces of at most `max` code points (never inside a surrogate pair). */
export function splitByCodePoints(text: string, max: number): string[] {
  const points = Array.from(text);
  const pieces: string[] = [];
  for (let i = 0; i < points.length; i += max) pieces.push(points.slice(i, i + max).join(''));
  return pieces;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
