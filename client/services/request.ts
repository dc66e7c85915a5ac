import { type LoginResponse, loginResponseSchema } from '@shared/auth/auth.schema';
import { ERRORS, type ErrorBody, type ErrorCode, errorMessage } from '@shared/errors';
import Taro from '@tarojs/taro';
import type { ZodType } from 'zod';
import { clearSession, getToken, startSession } from './session';

/**
 * The one module that talks to the server. It adds the base URL, the
 * resident's token and an `Idempotency-Key` for writes, turns every failure
 * into an `ApiError` and shows its Chinese message in a toast (unless the
 * caller opts out with `showErrorToast: false`). When the server says the
 * session is gone (401), it signs in again silently on the mini-program and
 * retries once, or sends the resident to the login page on the web.
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Client-side code for "the request never got an answer". */
export const NETWORK_ERROR = 'NETWORK_ERROR';
export const NETWORK_ERROR_MESSAGE = '网络连接失败，请检查网络后重试';

/** A server error code, `NETWORK_ERROR`, or a code this client does not know yet. */
export type ApiErrorCode = ErrorCode | typeof NETWORK_ERROR | (string & {});

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly code: ApiErrorCode,
    message: string,
    /** HTTP status; 0 when the server was not reached. */
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Whether an error gets a toast: always, never, or as the function decides. */
export type ToastPolicy = boolean | ((error: ApiError) => boolean);

export interface RequestOptions<T = unknown> {
  method?: HttpMethod;
  /** JSON body for writes; query parameters for GET. */
  data?: unknown;
  headers?: Record<string, string>;
  /** Reuse a key when retrying the same write; a fresh one is made otherwise. */
  idempotencyKey?: string;
  /**
   * Set to false when the caller shows the error itself, or pass a function
   * that says which errors to toast (the others the caller shows).
   */
  showErrorToast?: ToastPolicy;
  /** Milliseconds before the request counts as a network failure. */
  timeout?: number;
  /** Schema the success body must match (from `shared/`); a mismatch is an `INTERNAL` error. */
  schema?: ZodType<T>;
}

const WRITE_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Where the API lives: the web build is served by the API server itself, so it
 * uses its own origin; the mini-program uses the origin baked in at build time.
 */
export function apiBaseUrl(): string {
  if (process.env.TARO_ENV === 'h5') return '/api';
  const origin = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';
  return `${origin.replace(/\/+$/, '')}/api`;
}

/** RFC 4122 version 4 UUID; uses the platform's generator when there is one. */
export function newIdempotencyKey(): string {
  const webCrypto = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (typeof webCrypto?.randomUUID === 'function') return webCrypto.randomUUID();
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (char) => {
    const random = Math.floor(Math.random() * 16);
    return (char === 'x' ? random : (random & 0x3) | 0x8).toString(16);
  });
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

/** Code for an error answer without our error body (a proxy page, an old server). */
function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'ROUTE_NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'SERVICE_UNAVAILABLE';
  return 'INTERNAL';
}

/** Turns an error answer from the server into an `ApiError`. */
export function toApiError(status: number, body: unknown): ApiError {
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new ApiError(code, message || errorMessage(code), status, details);
  }
  const code = codeForStatus(status);
  return new ApiError(code, ERRORS[code].message, status);
}

/** The codes that mean "this token no longer signs anybody in". */
const SESSION_GONE_CODES: ReadonlySet<string> = new Set(['TOKEN_INVALID', 'UNAUTHENTICATED']);

/** The page residents sign in on. */
export const LOGIN_PAGE = '/pages/login/index';

/** Sends the request once, with the token stored at that moment; never toasts. */
type Attempt<T> = () => Promise<T>;

/**
 * Runs `attempt`; when the server says the session is gone, forgets it and
 * either signs in again silently and retries once (mini-program: a fresh
 * wx.login code) or sends the resident to the login page (web). Every error
 * that finally escapes is toasted here (unless the caller opts out).
 */
async function withSession<T>(attempt: Attempt<T>, showErrorToast: ToastPolicy = true): Promise<T> {
  try {
    return await attempt();
  } catch (caught) {
    const error = asApiError(caught);
    if (!SESSION_GONE_CODES.has(String(error.code))) throw fail(error, showErrorToast);
    clearSession();
    if (process.env.TARO_ENV === 'weapp' && (await renewWechatSession())) {
      try {
        return await attempt();
      } catch (retryCaught) {
        const retryError = asApiError(retryCaught);
        if (SESSION_GONE_CODES.has(String(retryError.code))) clearSession();
        throw fail(retryError, showErrorToast);
      }
    }
    openLoginPage();
    throw fail(error, showErrorToast);
  }
}

function asApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError('INTERNAL', ERRORS.INTERNAL.message, 0);
}

/**
 * Calls the API at `path` (e.g. `/health`) and resolves with the JSON body of a
 * 2xx answer; rejects with an `ApiError` otherwise.
 */
export function request<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  // One key for the write, kept when it is retried after signing in again.
  const idempotencyKey = WRITE_METHODS.has(method) ? (options.idempotencyKey ?? newIdempotencyKey()) : undefined;
  return withSession(() => sendOnce(path, { ...options, idempotencyKey }), options.showErrorToast);
}

async function sendOnce<T>(path: string, options: RequestOptions<T>, authenticate = true): Promise<T> {
  const method = options.method ?? 'GET';
  const header: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = authenticate ? getToken() : undefined;
  if (token && !hasHeader(header, 'Authorization')) header.Authorization = `Bearer ${token}`;
  if (WRITE_METHODS.has(method) && !hasHeader(header, 'Idempotency-Key')) {
    header['Idempotency-Key'] = options.idempotencyKey ?? newIdempotencyKey();
  }
  if (options.data !== undefined && method !== 'GET' && !hasHeader(header, 'Content-Type')) {
    header['Content-Type'] = 'application/json';
  }

  let response: { statusCode: number; data: unknown };
  try {
    response = await Taro.request({
      url: `${apiBaseUrl()}${path}`,
      method,
      data: options.data as Taro.request.Option['data'],
      header,
      dataType: 'json',
      timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0);
  }
  return readAnswer(response.statusCode, response.data, options.schema);
}

function readAnswer<T>(statusCode: number, data: unknown, schema: ZodType<T> | undefined): T {
  if (statusCode < 200 || statusCode >= 300) throw toApiError(statusCode, data);
  if (!schema) return data as T;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new ApiError('INTERNAL', ERRORS.INTERNAL.message, statusCode, parsed.error.issues);
  return parsed.data;
}

export interface UploadOptions<T = unknown> {
  /** Local path of the file (a mini-program temp path, or a blob: URL on the web). */
  filePath: string;
  /** Name of the multipart file part. */
  name?: string;
  /** Other multipart fields. */
  formData?: Record<string, string>;
  /** File name sent with the part (the web build; the mini-program uses the temp path's). */
  fileName?: string;
  showErrorToast?: ToastPolicy;
  timeout?: number;
  schema?: ZodType<T>;
}

const UPLOAD_TIMEOUT_MS = 60_000;

/**
 * Uploads a local file as multipart (`Taro.uploadFile`, which works on the
 * mini-program and the web), with the same token, session handling and error
 * mapping as `request`. The answer body arrives as a string and is parsed here.
 */
export function upload<T>(path: string, options: UploadOptions<T>): Promise<T> {
  const idempotencyKey = newIdempotencyKey();
  return withSession(async () => {
    const header: Record<string, string> = { Accept: 'application/json', 'Idempotency-Key': idempotencyKey };
    const token = getToken();
    if (token) header.Authorization = `Bearer ${token}`;
    let response: { statusCode: number; data: unknown };
    try {
      response = await Taro.uploadFile({
        url: `${apiBaseUrl()}${path}`,
        filePath: options.filePath,
        name: options.name ?? 'file',
        formData: options.formData,
        header,
        timeout: options.timeout ?? UPLOAD_TIMEOUT_MS,
        ...(options.fileName ? { fileName: options.fileName } : {}),
      } as Taro.uploadFile.Option);
    } catch {
      throw new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0);
    }
    return readAnswer(response.statusCode, parseBody(response.data), options.schema);
  }, options.showErrorToast);
}

/** uploadFile answers the body as text; a body that is not JSON is kept as is. */
function parseBody(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  if (data === '') return null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

/**
 * Mini-program sign-in: a code from `Taro.login()` exchanged at
 * `POST /api/auth/wechat`. A code WeChat no longer accepts
 * (WECHAT_CODE_INVALID) is replaced by a fresh one once. The session is
 * stored on success. Never called on the web, which has no wx.login.
 */
export async function signInWithWechat(options: { showErrorToast?: boolean } = {}): Promise<LoginResponse> {
  try {
    const login = await exchangeWechatCode();
    startSession(login);
    return login;
  } catch (caught) {
    throw fail(asApiError(caught), options.showErrorToast);
  }
}

async function exchangeWechatCode(): Promise<LoginResponse> {
  for (let round = 1; ; round += 1) {
    let code: string;
    try {
      ({ code } = await Taro.login());
    } catch {
      throw new ApiError('WECHAT_UNAVAILABLE', ERRORS.WECHAT_UNAVAILABLE.message, 0);
    }
    try {
      return await sendOnce('/auth/wechat', { method: 'POST', data: { code }, schema: loginResponseSchema }, false);
    } catch (caught) {
      if (round === 1 && caught instanceof ApiError && caught.code === 'WECHAT_CODE_INVALID') continue;
      throw caught;
    }
  }
}

let renewal: Promise<boolean> | undefined;

/** Signs in again with WeChat after the session expired; concurrent callers share one attempt. */
function renewWechatSession(): Promise<boolean> {
  if (!renewal) {
    renewal = exchangeWechatCode()
      .then((login) => {
        startSession(login);
        return true;
      })
      .catch(() => false)
      .finally(() => {
        renewal = undefined;
      });
  }
  return renewal;
}

/** Opens the login page unless the resident is already on it. */
/** The navigation to the login page under way, if any (a page's requests refused together open it once). */
let openingLogin: Promise<unknown> | undefined;

function openLoginPage(): void {
  if (openingLogin) return;
  const pages = () => Taro.getCurrentPages() as { route?: string; path?: string }[];
  const navigate = () => {
    const current = pages().at(-1);
    const here = current?.route ?? current?.path ?? '';
    if (here.includes(LOGIN_PAGE.slice(1))) return undefined;
    return Promise.resolve(Taro.navigateTo({ url: LOGIN_PAGE })).catch(() => undefined);
  };
  // A request refused while the app starts can come before the router shows its first page; opening the
  // login page then would put it under that page. Wait for the first page (at most a few seconds).
  const opening =
    pages().length > 0
      ? navigate()
      : (async () => {
          for (let i = 0; i < 50 && pages().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
          await navigate();
        })();
  if (!opening) return;
  openingLogin = opening.finally(() => {
    openingLogin = undefined;
  });
}

/** The single place where errors reach the resident's screen. */
function fail(error: ApiError, showErrorToast: ToastPolicy = true): ApiError {
  if (typeof showErrorToast === 'function' ? showErrorToast(error) : showErrorToast) {
    Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
  }
  return error;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}
