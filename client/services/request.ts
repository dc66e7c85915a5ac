import { ERRORS, type ErrorBody, type ErrorCode, errorMessage } from '@shared/errors';
import Taro from '@tarojs/taro';
import type { ZodType } from 'zod';
import { getToken } from './session';

/**
 * The one module that talks to the server. It adds the base URL, the
 * resident's token and an `Idempotency-Key` for writes, turns every failure
 * into an `ApiError` and shows its Chinese message in a toast (unless the
 * caller opts out with `showErrorToast: false`).
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

export interface RequestOptions<T = unknown> {
  method?: HttpMethod;
  /** JSON body for writes; query parameters for GET. */
  data?: unknown;
  headers?: Record<string, string>;
  /** Reuse a key when retrying the same write; a fresh one is made otherwise. */
  idempotencyKey?: string;
  /** Set to false when the caller shows the error itself. */
  showErrorToast?: boolean;
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

/**
 * Calls the API at `path` (e.g. `/health`) and resolves with the JSON body of a
 * 2xx answer; rejects with an `ApiError` otherwise.
 */
export async function request<T>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const method = options.method ?? 'GET';
  const header: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const token = getToken();
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
    throw fail(new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0), options.showErrorToast);
  }

  const { statusCode, data } = response;
  if (statusCode < 200 || statusCode >= 300) throw fail(toApiError(statusCode, data), options.showErrorToast);
  if (!options.schema) return data as T;
  const parsed = options.schema.safeParse(data);
  if (!parsed.success) {
    throw fail(
      new ApiError('INTERNAL', ERRORS.INTERNAL.message, statusCode, parsed.error.issues),
      options.showErrorToast,
    );
  }
  return parsed.data;
}

/** The single place where errors reach the resident's screen. */
function fail(error: ApiError, showErrorToast = true): ApiError {
  if (showErrorToast) {
    Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
  }
  return error;
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}
