/**
 * Errors of the WeChat server API, as the rest of Yishi sees them.
 *
 * `WechatError` is what `WechatClient` throws: it keeps WeChat's `errcode`
 * and sorts it into a `kind` that callers map to their own domain error.
 * `WECHAT_APP_ERRORS` holds the domain error codes the WeChat-facing use cases
 * answer with; they belong in shared/src/errors.ts and live here until they
 * are moved there (same shape as `ERRORS`).
 */

import { ERRORS, type ErrorCode } from '../../../shared/src/errors';

/** The WeChat endpoints the client calls (used in errors and logs). */
export type WechatEndpoint =
  | 'jscode2session'
  | 'stable_token'
  | 'msg_sec_check'
  | 'media_check_async'
  | 'subscribe_send';

/**
 * What went wrong, in the terms a caller acts on:
 * - `busy`: errcode -1 (system busy) still after the retries; try again shortly.
 * - `invalid_code`: the wx.login code is unknown, expired (40029) or already used (40163); the mini-program must call wx.login again.
 * - `rate_limited`: 45011 (minute quota) or 45009 (daily quota).
 * - `blocked`: 40226, WeChat refuses to log in a user it rates high-risk.
 * - `no_grant`: 43101, the user has no subscribe-message grant left for the template (or refused it).
 * - `invalid_openid`: 40003, the openid does not belong to this mini-program.
 * - `invalid_argument`: WeChat refused the request's fields (47001, 47003, 40037, 41030, 44002).
 * - `misconfigured`: AppID/AppSecret wrong or missing, server IP not allow-listed, API not authorised.
 * - `unreachable`: no usable answer: network failure, timeout, non-2xx status or a body that is not JSON.
 * - `other`: any other errcode, or a success body that does not have the documented shape.
 */
export type WechatErrorKind =
  | 'busy'
  | 'invalid_code'
  | 'rate_limited'
  | 'blocked'
  | 'no_grant'
  | 'invalid_openid'
  | 'invalid_argument'
  | 'misconfigured'
  | 'unreachable'
  | 'other';

/** WeChat errcodes that mean "the access_token you sent is no longer valid". */
export const ACCESS_TOKEN_REJECTED_ERRCODES: ReadonlySet<number> = new Set([40001, 42001]);

/** 87014: the old (version 1) msg_sec_check answer for risky text; version 2 answers errcode 0 instead. */
export const LEGACY_RISKY_CONTENT_ERRCODE = 87014;

const KIND_BY_ERRCODE: ReadonlyMap<number, WechatErrorKind> = new Map<number, WechatErrorKind>([
  [-1, 'busy'],
  [40029, 'invalid_code'],
  [40163, 'invalid_code'],
  [45011, 'rate_limited'],
  [45009, 'rate_limited'],
  [40226, 'blocked'],
  [43101, 'no_grant'],
  [40003, 'invalid_openid'],
  [47001, 'invalid_argument'],
  [47003, 'invalid_argument'],
  [40037, 'invalid_argument'],
  [41030, 'invalid_argument'],
  [44002, 'invalid_argument'],
  [40002, 'misconfigured'],
  [40013, 'misconfigured'],
  [40125, 'misconfigured'],
  [40164, 'misconfigured'],
  [41002, 'misconfigured'],
  [41004, 'misconfigured'],
  [48001, 'misconfigured'],
]);

/** The kind of a WeChat errcode answered by `endpoint`. */
export function kindOfErrcode(endpoint: WechatEndpoint, errcode: number): WechatErrorKind {
  // On the token endpoint 40001 means "AppSecret wrong", not "token expired".
  if (endpoint === 'stable_token' && errcode === 40001) return 'misconfigured';
  return KIND_BY_ERRCODE.get(errcode) ?? 'other';
}

export interface WechatErrorInit {
  kind: WechatErrorKind;
  endpoint: WechatEndpoint;
  /** WeChat's errcode, when WeChat answered with one. */
  errcode?: number;
  /** WeChat's errmsg (it carries a `rid` WeChat support can trace). */
  errmsg?: string;
  /** HTTP status, when the answer was not a 2xx. */
  httpStatus?: number;
  /** Short English explanation for logs; never contains request secrets or response bodies. */
  detail?: string;
  cause?: unknown;
}

/**
 * A failed WeChat call. Carries only the endpoint, errcode, errmsg and kind:
 * never the request URL (it holds the AppSecret or the access token) and never
 * a response body (a login response holds the session_key).
 */
export class WechatError extends Error {
  readonly kind: WechatErrorKind;
  readonly endpoint: WechatEndpoint;
  readonly errcode: number | undefined;
  readonly errmsg: string | undefined;
  readonly httpStatus: number | undefined;

  constructor(init: WechatErrorInit) {
    const errmsg = init.errmsg?.slice(0, 200);
    const what =
      init.errcode === undefined
        ? (init.detail ?? init.kind)
        : `errcode ${init.errcode}${errmsg ? ` (${errmsg})` : ''}`;
    super(`WeChat ${init.endpoint} failed [${init.kind}]: ${what}`, { cause: init.cause });
    this.name = 'WechatError';
    this.kind = init.kind;
    this.endpoint = init.endpoint;
    this.errcode = init.errcode;
    this.errmsg = errmsg;
    this.httpStatus = init.httpStatus;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      endpoint: this.endpoint,
      errcode: this.errcode,
      httpStatus: this.httpStatus,
    };
  }
}

export function isWechatError(value: unknown): value is WechatError {
  return value instanceof WechatError;
}

/** The domain errors (from shared/src/errors.ts) the WeChat-facing use cases answer with. */
export const WECHAT_APP_ERRORS = {
  WECHAT_CODE_INVALID: ERRORS.WECHAT_CODE_INVALID,
  WECHAT_USER_BLOCKED: ERRORS.WECHAT_USER_BLOCKED,
  WECHAT_RATE_LIMITED: ERRORS.WECHAT_RATE_LIMITED,
  WECHAT_BUSY: ERRORS.WECHAT_BUSY,
  WECHAT_UNAVAILABLE: ERRORS.WECHAT_UNAVAILABLE,
  CONTENT_RISKY: ERRORS.CONTENT_RISKY,
} as const satisfies Partial<Record<ErrorCode, { status: number; message: string }>>;

export type WechatAppErrorCode = keyof typeof WECHAT_APP_ERRORS;

export interface WechatAppErrorSpec {
  code: WechatAppErrorCode;
  status: number;
  message: string;
  headers: Record<string, string>;
}

/** Retry-After seconds for the kinds worth retrying. */
const RETRY_AFTER_SECONDS: Partial<Record<WechatErrorKind, number>> = {
  busy: 2,
  rate_limited: 60,
  unreachable: 5,
};

const LOGIN_CODE_BY_KIND: Record<WechatErrorKind, WechatAppErrorCode> = {
  invalid_code: 'WECHAT_CODE_INVALID',
  blocked: 'WECHAT_USER_BLOCKED',
  rate_limited: 'WECHAT_RATE_LIMITED',
  busy: 'WECHAT_BUSY',
  unreachable: 'WECHAT_UNAVAILABLE',
  no_grant: 'WECHAT_UNAVAILABLE',
  invalid_openid: 'WECHAT_UNAVAILABLE',
  invalid_argument: 'WECHAT_UNAVAILABLE',
  misconfigured: 'WECHAT_UNAVAILABLE',
  other: 'WECHAT_UNAVAILABLE',
};

/**
 * The domain error a failed login (code2Session) answers with. `invalid_code`,
 * `blocked` and `rate_limited` reach the resident as such; everything else is
 * "WeChat unavailable" (503) and should be logged by the caller.
 */
export function loginErrorFor(error: WechatError): WechatAppErrorSpec {
  const code = LOGIN_CODE_BY_KIND[error.kind];
  const retryAfter = RETRY_AFTER_SECONDS[error.kind];
  return {
    code,
    ...WECHAT_APP_ERRORS[code],
    headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
  };
}
