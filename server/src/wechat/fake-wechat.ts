import { createHash, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { encryptWechatData, type WechatWatermark } from './wechat.crypto';

/**
 * A fake WeChat server for development, the demo and the tests. It answers the
 * five endpoints WechatClient uses with WeChat's documented request checks,
 * response shapes and errcodes, over plain HTTP on its own port:
 *
 *   GET  /sns/jscode2session             login (code2Session)
 *   POST /cgi-bin/stable_token           access token (normal and force_refresh modes)
 *   POST /wxa/msg_sec_check              text check (version 2; version 1 answers 87014 for risky text)
 *   POST /wxa/media_check_async          media check (version 2 only); the verdict is pushed later
 *   POST /cgi-bin/message/subscribe/send subscribe message
 *
 * Login codes (`js_code`), each accepted once (40163 when reused):
 * - `dev:<seed>:<nonce>` logs in as the user `seed`; seed and nonce are
 *   1–64 characters of [A-Za-z0-9_-]. Use a fresh nonce per login. These codes
 *   do not expire, so the demo and tests can log in as a chosen user.
 * - `state.issueCode(seed)` mints a random 32-character code like wx.login's,
 *   valid for 5 minutes (fake clock) — 40029 afterwards.
 * - anything else is unknown: 40029.
 * The openid of `seed` is `o` + the first 27 characters of
 * base64url(sha256("<appid>:<seed>")) — 28 characters like WeChat's, stable
 * for an AppID and seed, different across AppIDs. The unionid (answered unless
 * `withUnionid: false`) is `o` + 27 characters of base64url(sha256("unionid:<seed>")),
 * the same across AppIDs. Every login answers a new random session_key.
 *
 * Access tokens last `tokenExpiresIn` seconds (default 7200, fake clock). In
 * normal mode stable_token answers the current token until its last
 * `min(300, tokenExpiresIn / 2)` seconds, then issues a new one while the old
 * stays valid until it expires; force_refresh issues a new one and revokes
 * the others. Other endpoints answer 41001 (no token), 40001 (unknown or
 * revoked) and 42001 (expired).
 *
 * Test controls on `state`: failNext (answer an errcode), hangNext (never
 * answer), delayNext; revokeAccessTokens; grantSubscription (one-time grants
 * consumed by each send; 43101 when none is left); fireMediaCheck (pushes the
 * verdict event to `mediaCheckCallbackUrl`, signed when `pushToken` is set).
 * Openids are known to the fake once they logged in or were granted a
 * subscription; other openids answer 40003.
 *
 * Encrypted open data (what wx.getGroupEnterInfo and friends hand the
 * mini-program, which the server decrypts with the session_key): the fake
 * stands in for the WeChat client with `state.encryptForUser(openid, payload)`
 * and `state.encryptGroupEnterInfo(openid, groupSeed)`, encrypted under the
 * session_key of that openid's latest login, with a watermark naming the
 * fake's AppID (tests may replace or drop it). The openGId of the group chat
 * `groupSeed` is `tG` + 26 characters of base64url(sha256("group:<appid>:<seed>")).
 */

export const FAKE_WECHAT_APPID = 'wx-demo-appid';
export const FAKE_WECHAT_SECRET = 'demo-secret';

export type FakeWechatEndpoint =
  | 'jscode2session'
  | 'stable_token'
  | 'msg_sec_check'
  | 'media_check_async'
  | 'subscribe_send';

export interface FakeWechatOptions {
  appid?: string;
  secret?: string;
  /** Lifetime of issued access tokens, seconds. Default 7200. */
  tokenExpiresIn?: number;
  /** Text containing one of these (case-insensitive) is `risky` (label 20006). */
  riskyWords?: readonly string[];
  /** Text containing one of these is `review` (label 21000), unless it is risky. */
  reviewWords?: readonly string[];
  /** Answer a unionid on login. Default true. */
  withUnionid?: boolean;
  /** Where fireMediaCheck pushes verdict events; can be changed later on `state`. */
  mediaCheckCallbackUrl?: string;
  /** Message push Token: pushed events carry signature, timestamp and nonce query parameters. */
  pushToken?: string;
  /** The mini-program's original id, sent as ToUserName in pushed events. */
  originalId?: string;
  /** Clock for code and token lifetimes; default Date.now. */
  now?: () => number;
}

export const DEFAULT_RISKY_WORDS: readonly string[] = ['赌博', '代开发票', 'risky-test-word'];
export const DEFAULT_REVIEW_WORDS: readonly string[] = ['内幕消息', 'review-test-word'];

const optionsSchema = z.object({
  appid: z.string().min(1).default(FAKE_WECHAT_APPID),
  secret: z.string().min(1).default(FAKE_WECHAT_SECRET),
  tokenExpiresIn: z.number().int().positive().default(7200),
  riskyWords: z.array(z.string().min(1)).default([...DEFAULT_RISKY_WORDS]),
  reviewWords: z.array(z.string().min(1)).default([...DEFAULT_REVIEW_WORDS]),
  withUnionid: z.boolean().default(true),
  mediaCheckCallbackUrl: z.url({ protocol: /^https?$/ }).optional(),
  pushToken: z.string().min(1).optional(),
  originalId: z.string().min(1).default('gh_fa4e00000000'),
});

/** The errmsg WeChat sends with each errcode (a `, rid: …` suffix is added like WeChat does). */
const ERRMSG: Readonly<Record<number, string>> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40163: 'code been used',
  40226: 'code blocked, high risk user',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
  43001: 'require GET method',
  43002: 'require POST method',
  43101: 'user refuse to accept the msg',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit  mustslower  retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
  87014: 'risky content',
};

const SEED = /^[A-Za-z0-9_-]{1,64}$/;
const DEV_CODE = /^dev:([A-Za-z0-9_-]{1,64}):([A-Za-z0-9_-]{1,64})$/;
const ISSUED_CODE_LIFETIME_MS = 5 * 60_000;
const FORCE_REFRESH_DAILY_LIMIT = 20;
const MAX_BODY_BYTES = 1024 * 1024;

/** openid the fake gives `seed` under `appid` (see the file header). */
export function fakeOpenid(appid: string, seed: string): string {
  return `o${createHash('sha256').update(`${appid}:${seed}`).digest('base64url').slice(0, 27)}`;
}

/** openGId the fake gives the group chat `groupSeed` under `appid` (see the file header). */
export function fakeOpenGid(appid: string, groupSeed: string): string {
  return `tG${createHash('sha256').update(`group:${appid}:${groupSeed}`).digest('base64url').slice(0, 26)}`;
}

/** unionid the fake gives `seed` (the same for every AppID). */
export function fakeUnionid(seed: string): string {
  return `o${createHash('sha256').update(`unionid:${seed}`).digest('base64url').slice(0, 27)}`;
}

/** A single-use login code for `seed` in the `dev:<seed>:<nonce>` scheme, with a random nonce. */
export function devLoginCode(seed: string, nonce = randomBytes(6).toString('hex')): string {
  if (!SEED.test(seed) || !SEED.test(nonce)) throw new Error(`Invalid dev login seed or nonce: ${seed}:${nonce}`);
  return `dev:${seed}:${nonce}`;
}

type Override = { type: 'errcode'; errcode: number } | { type: 'hang' } | { type: 'delay'; ms: number };

export interface SentSubscribeMessage {
  touser: string;
  templateId: string;
  page: string | undefined;
  data: Record<string, string>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  lang: string;
  msgid: number;
}

export interface RecordedContentCheck {
  openid: string;
  content: string;
  scene: number;
  version: 1 | 2;
  suggest: 'pass' | 'review' | 'risky';
  traceId: string;
}

export interface RecordedMediaCheck {
  traceId: string;
  openid: string;
  mediaUrl: string;
  mediaType: 1 | 2;
  scene: number;
  /** Set once fireMediaCheck pushed a verdict. */
  verdict: 'pass' | 'review' | 'risky' | undefined;
}

export interface MediaCheckVerdict {
  suggest: 'pass' | 'review' | 'risky';
  /** Default: 100 for pass, 20002 for risky, 21000 for review. */
  label?: number;
  /** Non-zero: the check itself failed (no result is sent). */
  errcode?: number;
}

/** Counters, recorded requests and test controls of one fake WeChat server. */
export class FakeWechatState {
  readonly appid: string;
  /** Requests received per endpoint, including those answered by a test control. */
  readonly requestCounts: Record<FakeWechatEndpoint, number> = {
    jscode2session: 0,
    stable_token: 0,
    msg_sec_check: 0,
    media_check_async: 0,
    subscribe_send: 0,
  };
  readonly sentMessages: SentSubscribeMessage[] = [];
  readonly contentChecks: RecordedContentCheck[] = [];
  readonly mediaChecks: RecordedMediaCheck[] = [];
  /** Every session_key handed out, in order (for leak scans). */
  readonly issuedSessionKeys: string[] = [];
  /** Every access token handed out, in order. */
  readonly issuedAccessTokens: string[] = [];
  mediaCheckCallbackUrl: string | undefined;

  /** @internal */ readonly config: z.infer<typeof optionsSchema>;
  /** @internal */ readonly now: () => number;
  readonly #overrides = new Map<FakeWechatEndpoint, Override[]>();
  readonly #issuedCodes = new Map<string, { seed: string; expiresAt: number }>();
  readonly #usedCodes = new Set<string>();
  readonly #knownOpenids = new Set<string>();
  readonly #sessionKeys = new Map<string, string>();
  readonly #grants = new Map<string, number>();
  /** token → expiry (ms); revoked tokens are removed. */
  readonly #tokens = new Map<string, number>();
  #currentToken: string | undefined;
  #forceRefreshes = 0;
  #msgid = 1_000_000;

  constructor(config: z.infer<typeof optionsSchema>, now: () => number) {
    this.config = config;
    this.now = now;
    this.appid = config.appid;
    this.mediaCheckCallbackUrl = config.mediaCheckCallbackUrl;
  }

  openidFor(seed: string): string {
    return fakeOpenid(this.appid, seed);
  }

  unionidFor(seed: string): string {
    return fakeUnionid(seed);
  }

  /** Mints a wx.login-like code for `seed`: single use, valid 5 minutes. */
  issueCode(seed: string): string {
    if (!SEED.test(seed)) throw new Error(`Invalid seed: ${seed}`);
    const code = randomBytes(24).toString('base64url').slice(0, 32);
    this.#issuedCodes.set(code, { seed, expiresAt: this.now() + ISSUED_CODE_LIFETIME_MS });
    return code;
  }

  /** The session_key of the openid's latest login. */
  sessionKeyOf(openid: string): string | undefined {
    return this.#sessionKeys.get(openid);
  }

  /** The openGId of the group chat `groupSeed` in this mini-program. */
  openGidFor(groupSeed: string): string {
    return fakeOpenGid(this.appid, groupSeed);
  }

  /**
   * Encrypts `payload` as WeChat hands open data to the mini-program:
   * AES-128-CBC under the session_key of the openid's latest login, a random
   * iv, and `watermark: { appid, timestamp }` added (fake AppID, fake clock).
   * `watermark` overrides fields of it, or drops it when null. Throws when the
   * openid never logged in.
   */
  encryptForUser(
    openid: string,
    payload: Record<string, unknown>,
    options: { watermark?: Partial<WechatWatermark> | null } = {},
  ): { encryptedData: string; iv: string } {
    const sessionKey = this.#sessionKeys.get(openid);
    if (sessionKey === undefined) throw new Error('This openid has no session: log it in first');
    const watermark =
      options.watermark === null
        ? undefined
        : { timestamp: Math.floor(this.now() / 1000), appid: this.appid, ...options.watermark };
    return encryptWechatData(sessionKey, watermark ? { ...payload, watermark } : payload);
  }

  /** What wx.getGroupEnterInfo gives `openid` on opening a card in the group chat `groupSeed`. */
  encryptGroupEnterInfo(
    openid: string,
    groupSeed: string,
    options: { watermark?: Partial<WechatWatermark> | null } = {},
  ): { encryptedData: string; iv: string } {
    return this.encryptForUser(openid, { opengid: this.openGidFor(groupSeed) }, options);
  }

  /** Makes the openid known without a login (e.g. to send it messages). */
  registerOpenid(openid: string): void {
    this.#knownOpenids.add(openid);
  }

  /** The next `times` requests to `endpoint` answer `errcode` (before any other check). */
  failNext(endpoint: FakeWechatEndpoint, errcode: number, times = 1): void {
    this.#enqueue(endpoint, { type: 'errcode', errcode }, times);
  }

  /** The next `times` requests to `endpoint` never get an answer (until the server closes). */
  hangNext(endpoint: FakeWechatEndpoint, times = 1): void {
    this.#enqueue(endpoint, { type: 'hang' }, times);
  }

  /** The next `times` requests to `endpoint` are answered normally after `ms`. */
  delayNext(endpoint: FakeWechatEndpoint, ms: number, times = 1): void {
    this.#enqueue(endpoint, { type: 'delay', ms }, times);
  }

  /** Revokes every access token issued so far (as if someone force-refreshed): they answer 40001. */
  revokeAccessTokens(): void {
    this.#tokens.clear();
    this.#currentToken = undefined;
  }

  /** Adds `n` one-time grants of `templateId` for `openid` (wx.requestSubscribeMessage "accept" taps). */
  grantSubscription(openid: string, templateId: string, n = 1): void {
    this.#knownOpenids.add(openid);
    const key = grantKey(openid, templateId);
    this.#grants.set(key, (this.#grants.get(key) ?? 0) + n);
  }

  grantsLeft(openid: string, templateId: string): number {
    return this.#grants.get(grantKey(openid, templateId)) ?? 0;
  }

  /**
   * Pushes the verdict of a recorded media check to `mediaCheckCallbackUrl` as
   * WeChat does (POST JSON, signed when a push token is configured). Resolves
   * with the receiver's status and body (WeChat expects `success`).
   */
  async fireMediaCheck(traceId: string, verdict: MediaCheckVerdict): Promise<{ status: number; body: string }> {
    const check = this.mediaChecks.find((c) => c.traceId === traceId);
    if (!check) throw new Error(`No media check with trace_id ${traceId}`);
    const target = this.mediaCheckCallbackUrl;
    if (!target) throw new Error('No mediaCheckCallbackUrl configured');
    const failed = verdict.errcode !== undefined && verdict.errcode !== 0;
    const label = verdict.label ?? DEFAULT_LABEL[verdict.suggest];
    const event = {
      ToUserName: this.config.originalId,
      FromUserName: check.openid,
      CreateTime: Math.floor(this.now() / 1000),
      MsgType: 'event',
      Event: 'wxa_media_check',
      appid: this.appid,
      trace_id: traceId,
      version: 2,
      detail: [
        failed
          ? { strategy: 'content_model', errcode: verdict.errcode }
          : { strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label, prob: 90 },
      ],
      errcode: failed ? verdict.errcode : 0,
      errmsg: failed ? 'system error' : 'ok',
      ...(failed ? {} : { result: { suggest: verdict.suggest, label } }),
    };
    const url = new URL(target);
    if (this.config.pushToken) {
      const timestamp = String(Math.floor(this.now() / 1000));
      const nonce = String(randomBytes(4).readUInt32BE());
      const signature = createHash('sha1')
        .update([this.config.pushToken, timestamp, nonce].sort().join(''))
        .digest('hex');
      url.searchParams.set('signature', signature);
      url.searchParams.set('timestamp', timestamp);
      url.searchParams.set('nonce', nonce);
    }
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
      signal: AbortSignal.timeout(5000),
    });
    check.verdict = verdict.suggest;
    return { status: response.status, body: await response.text() };
  }

  /** @internal */ takeOverride(endpoint: FakeWechatEndpoint): Override | undefined {
    return this.#overrides.get(endpoint)?.shift();
  }

  /** @internal */ login(code: string): { seed: string } | { errcode: number } {
    if (this.#usedCodes.has(code)) return { errcode: 40163 };
    const dev = DEV_CODE.exec(code);
    const issued = this.#issuedCodes.get(code);
    let seed: string;
    if (dev?.[1] !== undefined) {
      seed = dev[1];
    } else if (issued && issued.expiresAt > this.now()) {
      seed = issued.seed;
    } else {
      return { errcode: 40029 };
    }
    this.#usedCodes.add(code);
    this.#issuedCodes.delete(code);
    return { seed };
  }

  /** @internal */ startSession(seed: string): { openid: string; sessionKey: string } {
    const openid = this.openidFor(seed);
    const sessionKey = randomBytes(16).toString('base64');
    this.#knownOpenids.add(openid);
    this.#sessionKeys.set(openid, sessionKey);
    this.issuedSessionKeys.push(sessionKey);
    return { openid, sessionKey };
  }

  /** @internal */ isKnownOpenid(openid: string): boolean {
    return this.#knownOpenids.has(openid);
  }

  /** @internal */ stableToken(forceRefresh: boolean): { token: string; expiresIn: number } | { errcode: number } {
    const now = this.now();
    const lifetimeMs = this.config.tokenExpiresIn * 1000;
    const rotateAheadMs = Math.min(300_000, lifetimeMs / 2);
    if (forceRefresh) {
      if (this.#forceRefreshes >= FORCE_REFRESH_DAILY_LIMIT) return { errcode: 45009 };
      this.#forceRefreshes++;
      this.#tokens.clear();
    } else if (this.#currentToken !== undefined) {
      const expiresAt = this.#tokens.get(this.#currentToken);
      if (expiresAt !== undefined && expiresAt - now > rotateAheadMs) {
        return { token: this.#currentToken, expiresIn: Math.floor((expiresAt - now) / 1000) };
      }
    }
    const token = `FAKE_${randomBytes(48).toString('base64url')}`;
    this.#tokens.set(token, now + lifetimeMs);
    this.#currentToken = token;
    this.issuedAccessTokens.push(token);
    return { token, expiresIn: this.config.tokenExpiresIn };
  }

  /** @internal */ checkAccessToken(token: string | null): number {
    if (!token) return 41001;
    const expiresAt = this.#tokens.get(token);
    if (expiresAt === undefined) return 40001;
    return expiresAt > this.now() ? 0 : 42001;
  }

  /** @internal */ consumeGrant(openid: string, templateId: string): boolean {
    const key = grantKey(openid, templateId);
    const left = this.#grants.get(key) ?? 0;
    if (left <= 0) return false;
    this.#grants.set(key, left - 1);
    return true;
  }

  /** @internal */ nextMsgid(): number {
    return this.#msgid++;
  }

  #enqueue(endpoint: FakeWechatEndpoint, override: Override, times: number): void {
    const queue = this.#overrides.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) queue.push(override);
    this.#overrides.set(endpoint, queue);
  }
}

const DEFAULT_LABEL: Record<'pass' | 'review' | 'risky', number> = { pass: 100, review: 21000, risky: 20002 };

function grantKey(openid: string, templateId: string): string {
  return `${openid}\u0000${templateId}`;
}

// ---------------------------------------------------------------------------
// Request schemas (what WeChat accepts). An issue on a field maps to the
// errcode WeChat answers for that field.

type Reply = Record<string, unknown>;

const code2SessionQuery = z.object({
  appid: z.string().min(1),
  secret: z.string().min(1),
  js_code: z.string().min(1),
  grant_type: z.literal('authorization_code'),
});
const code2SessionErrcodes = { appid: 41002, secret: 41004, js_code: 41008, grant_type: 40002 };

const stableTokenBody = z.object({
  grant_type: z.literal('client_credential'),
  appid: z.string().min(1),
  secret: z.string().min(1),
  force_refresh: z.boolean().optional(),
});
const stableTokenErrcodes = { grant_type: 40002, appid: 41002, secret: 41004 };

const scene = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
const checkedText = z.string().refine((s) => Array.from(s).length <= 2500, 'content over 2500 characters');

const msgSecCheckV2Body = z.object({
  content: checkedText,
  version: z.literal(2),
  scene,
  openid: z.string().min(1),
  title: z.string().optional(),
  nickname: z.string().optional(),
  signature: z.string().optional(),
});
const msgSecCheckV1Body = z.object({ content: checkedText });

const mediaCheckBody = z.object({
  media_url: z.url({ protocol: /^https?$/ }),
  media_type: z.union([z.literal(1), z.literal(2)]),
  version: z.literal(2),
  scene,
  openid: z.string().min(1),
});

const subscribeBody = z.object({
  touser: z.string().min(1),
  template_id: z.string().min(1),
  page: z.string().optional(),
  miniprogram_state: z.enum(['developer', 'trial', 'formal']).optional(),
  lang: z.enum(['zh_CN', 'en_US', 'zh_HK', 'zh_TW']).optional(),
  data: z.record(z.string(), z.object({ value: z.string() })),
});
const subscribeErrcodes = { touser: 40003, template_id: 40037, data: 47003 };

/** Limits of subscribe message field types (characters); see WeChat's template field rules. */
const FIELD_RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => charCount(v) >= 1 && charCount(v) <= 20,
  number: (v) => /^[0-9]+(\.[0-9]+)?$/.test(v) && v.length <= 32,
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => charCount(v) >= 1 && charCount(v) <= 5,
  character_string: (v) => /^[\x21-\x7e]{1,32}$/.test(v),
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
  name: (v) => charCount(v) >= 1 && charCount(v) <= (/^[\x20-\x7e]*$/.test(v) ? 20 : 10),
  phone_number: (v) => /^[0-9+\-() ]{1,17}$/.test(v),
  car_number: (v) => charCount(v) >= 1 && charCount(v) <= 8,
};

function charCount(value: string): number {
  return Array.from(value).length;
}

function firstFieldErrcode(error: z.ZodError, byField: Record<string, number>, fallback: number): number {
  for (const issue of error.issues) {
    const field = issue.path[0];
    const errcode = typeof field === 'string' ? byField[field] : undefined;
    if (errcode !== undefined) return errcode;
  }
  return fallback;
}

function wxError(errcode: number, detail?: string): Reply {
  const rid = [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-');
  const message = ERRMSG[errcode] ?? 'error';
  return { errcode, errmsg: `${message}${detail ? ` ${detail}` : ''}, rid: ${rid}` };
}

function traceId(): string {
  return [4, 4, 4].map((n) => randomBytes(n).toString('hex')).join('-');
}

function verdictOf(
  content: string,
  config: z.infer<typeof optionsSchema>,
): {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  keyword: string | undefined;
} {
  const text = content.toLowerCase();
  const risky = config.riskyWords.find((w) => text.includes(w.toLowerCase()));
  if (risky) return { suggest: 'risky', label: 20006, keyword: risky };
  const review = config.reviewWords.find((w) => text.includes(w.toLowerCase()));
  if (review) return { suggest: 'review', label: 21000, keyword: review };
  return { suggest: 'pass', label: 100, keyword: undefined };
}

// ---------------------------------------------------------------------------
// Endpoint handlers.

interface Route {
  endpoint: FakeWechatEndpoint;
  method: 'GET' | 'POST';
  needsToken: boolean;
  handle(state: FakeWechatState, query: URLSearchParams, body: unknown): Reply;
}

const ROUTES: Record<string, Route> = {
  '/sns/jscode2session': {
    endpoint: 'jscode2session',
    method: 'GET',
    needsToken: false,
    handle(state, query) {
      const parsed = code2SessionQuery.safeParse(Object.fromEntries(query));
      if (!parsed.success) return wxError(firstFieldErrcode(parsed.error, code2SessionErrcodes, 47001));
      const q = parsed.data;
      if (q.appid !== state.appid) return wxError(40013);
      if (q.secret !== state.config.secret) return wxError(40125);
      const login = state.login(q.js_code);
      if ('errcode' in login) return wxError(login.errcode);
      const { openid, sessionKey } = state.startSession(login.seed);
      return {
        openid,
        session_key: sessionKey,
        ...(state.config.withUnionid ? { unionid: state.unionidFor(login.seed) } : {}),
      };
    },
  },
  '/cgi-bin/stable_token': {
    endpoint: 'stable_token',
    method: 'POST',
    needsToken: false,
    handle(state, _query, body) {
      const parsed = stableTokenBody.safeParse(body);
      if (!parsed.success) return wxError(firstFieldErrcode(parsed.error, stableTokenErrcodes, 47001));
      if (parsed.data.appid !== state.appid) return wxError(40013);
      if (parsed.data.secret !== state.config.secret) return wxError(40125);
      const issued = state.stableToken(parsed.data.force_refresh ?? false);
      if ('errcode' in issued) return wxError(issued.errcode);
      return { access_token: issued.token, expires_in: issued.expiresIn };
    },
  },
  '/wxa/msg_sec_check': {
    endpoint: 'msg_sec_check',
    method: 'POST',
    needsToken: true,
    handle(state, _query, body) {
      const isV2 = typeof body === 'object' && body !== null && 'version' in body;
      if (!isV2) {
        const v1 = msgSecCheckV1Body.safeParse(body);
        if (!v1.success) return wxError(47001);
        const verdict = verdictOf(v1.data.content, state.config);
        const id = traceId();
        state.contentChecks.push({
          openid: '',
          content: v1.data.content,
          scene: 0,
          version: 1,
          ...verdict,
          traceId: id,
        });
        return verdict.suggest === 'risky' ? wxError(87014) : { errcode: 0, errmsg: 'ok' };
      }
      const parsed = msgSecCheckV2Body.safeParse(body);
      if (!parsed.success) return wxError(firstFieldErrcode(parsed.error, { openid: 40003 }, 47001));
      const { content, openid } = parsed.data;
      if (!state.isKnownOpenid(openid)) return wxError(40003);
      const verdict = verdictOf(content, state.config);
      const id = traceId();
      state.contentChecks.push({ openid, content, scene: parsed.data.scene, version: 2, ...verdict, traceId: id });
      const detail: Reply[] = [
        {
          strategy: 'content_model',
          errcode: 0,
          suggest: verdict.suggest,
          label: verdict.label,
          prob: verdict.suggest === 'pass' ? 10 : 90,
        },
      ];
      if (verdict.keyword !== undefined) {
        detail.push({
          strategy: 'keyword',
          errcode: 0,
          suggest: verdict.suggest,
          label: verdict.label,
          level: 20,
          keyword: verdict.keyword,
        });
      }
      return {
        errcode: 0,
        errmsg: 'ok',
        result: { suggest: verdict.suggest, label: verdict.label },
        detail,
        trace_id: id,
      };
    },
  },
  '/wxa/media_check_async': {
    endpoint: 'media_check_async',
    method: 'POST',
    needsToken: true,
    handle(state, _query, body) {
      const parsed = mediaCheckBody.safeParse(body);
      if (!parsed.success) return wxError(firstFieldErrcode(parsed.error, { openid: 40003 }, 47001));
      const b = parsed.data;
      if (!state.isKnownOpenid(b.openid)) return wxError(40003);
      const id = traceId();
      state.mediaChecks.push({
        traceId: id,
        openid: b.openid,
        mediaUrl: b.media_url,
        mediaType: b.media_type,
        scene: b.scene,
        verdict: undefined,
      });
      return { errcode: 0, errmsg: 'ok', trace_id: id };
    },
  },
  '/cgi-bin/message/subscribe/send': {
    endpoint: 'subscribe_send',
    method: 'POST',
    needsToken: true,
    handle(state, _query, body) {
      const parsed = subscribeBody.safeParse(body);
      if (!parsed.success) return wxError(firstFieldErrcode(parsed.error, subscribeErrcodes, 47001));
      const b = parsed.data;
      if (!state.isKnownOpenid(b.touser)) return wxError(40003);
      const data: Record<string, string> = {};
      for (const [key, { value }] of Object.entries(b.data)) {
        const type = /^([a-z_]+?)\d+$/.exec(key)?.[1];
        const rule = type === undefined ? undefined : FIELD_RULES[type];
        if (type === undefined || (rule && !rule(value))) return wxError(47003, `data.${key}.value invalid`);
        data[key] = value;
      }
      if (!state.consumeGrant(b.touser, b.template_id)) return wxError(43101);
      const msgid = state.nextMsgid();
      state.sentMessages.push({
        touser: b.touser,
        templateId: b.template_id,
        page: b.page,
        data,
        miniprogramState: b.miniprogram_state ?? 'formal',
        lang: b.lang ?? 'zh_CN',
        msgid,
      });
      return { errcode: 0, errmsg: 'ok', msgid };
    },
  },
};

// ---------------------------------------------------------------------------
// The HTTP side.

export interface FakeWechatServer {
  /** Base URL for WechatClient, e.g. http://127.0.0.1:54321 */
  url: string;
  port: number;
  /** Stops listening and drops open (including hanging) connections. */
  close(): Promise<void>;
}

export interface FakeWechat {
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  state: FakeWechatState;
  /** Listens on `port` (default 0: any free port) of `host` (default 127.0.0.1). */
  listen(port?: number, host?: string): Promise<FakeWechatServer>;
}

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, reply: Reply): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(reply);
  res.writeHead(status, {
    'content-type': 'application/json; encoding=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function createFakeWechat(options: FakeWechatOptions = {}): FakeWechat {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) {
    throw new Error(`Invalid fake WeChat options: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  }
  const state = new FakeWechatState(parsed.data, options.now ?? Date.now);
  const hanging = new Set<ServerResponse>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-wechat.invalid');
    const route = ROUTES[url.pathname];
    if (!route) return sendJson(res, 404, { errcode: 404, errmsg: 'Not Found' });
    state.requestCounts[route.endpoint]++;

    const override = state.takeOverride(route.endpoint);
    if (override?.type === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (override?.type === 'delay') await new Promise((resolve) => setTimeout(resolve, override.ms));
    if (override?.type === 'errcode') return sendJson(res, 200, wxError(override.errcode));

    if (req.method !== route.method) return sendJson(res, 200, wxError(route.method === 'GET' ? 43001 : 43002));

    let body: unknown;
    if (route.method === 'POST') {
      let text: string;
      try {
        text = await readBody(req);
      } catch (error) {
        if (error instanceof BodyTooLarge) return sendJson(res, 413, wxError(47001));
        throw error;
      }
      if (text.trim() === '') return sendJson(res, 200, wxError(44002));
      try {
        body = JSON.parse(text) as unknown;
      } catch {
        return sendJson(res, 200, wxError(47001));
      }
    }

    if (route.needsToken) {
      const errcode = state.checkAccessToken(url.searchParams.get('access_token'));
      if (errcode !== 0) return sendJson(res, 200, wxError(errcode));
    }
    sendJson(res, 200, route.handle(state, url.searchParams, body));
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    handle(req, res).catch(() => sendJson(res, 500, wxError(-1)));
  };

  async function listen(port = 0, host = '127.0.0.1'): Promise<FakeWechatServer> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return {
      url: `http://${hostPart}:${address.port}`,
      port: address.port,
      close: () =>
        new Promise<void>((resolve) => {
          for (const res of hanging) res.socket?.destroy();
          hanging.clear();
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    };
  }

  return { handler, state, listen };
}
