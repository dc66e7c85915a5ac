import type { Context, Middleware } from 'koa';
import { ERRORS, type ErrorBody, type ErrorCode } from '../../../shared/src/errors';
import { AppError } from './app-error';
import type { AppState } from './context';

/** Driver error codes meaning "the database is not reachable right now". */
const DATABASE_DOWN = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'POOL_CLOSED',
  'SQLITE_BUSY',
]);
const UNIQUE_VIOLATION = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** Koa/http-errors statuses that clients can cause, mapped to our codes. */
const CLIENT_STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'RATE_LIMITED',
};

/**
 * The one error middleware: every error leaves as
 * `{ error: { code, message, details } }`. Domain errors and client mistakes
 * carry their code; anything unexpected is logged with the request id and
 * answered with a bare INTERNAL 500.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (raw) {
      const error = classify(raw);
      if (error.status >= 500 && error.code === 'INTERNAL') {
        ctx.state.log?.error({ err: raw, method: ctx.method, path: ctx.path }, 'unhandled error');
      } else if (error.status >= 500) {
        ctx.state.log?.warn({ err: raw, code: error.code }, 'request failed: service unavailable');
      }
      respondWithError(ctx, error);
    }
  };
}

export function respondWithError(ctx: Context, error: AppError): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  ctx.status = error.status;
  for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
  ctx.body = body;
}

function classify(raw: unknown): AppError {
  if (raw instanceof AppError) return raw;
  const err = raw as {
    status?: number;
    statusCode?: number;
    expose?: boolean;
    type?: string;
    code?: string;
    driverError?: { code?: string };
  };
  const driverCode = err?.driverError?.code ?? err?.code;
  if (typeof driverCode === 'string' && UNIQUE_VIOLATION.has(driverCode)) {
    return new AppError('CONFLICT', { cause: raw });
  }
  if (typeof driverCode === 'string' && DATABASE_DOWN.has(driverCode)) {
    return new AppError('SERVICE_UNAVAILABLE', { cause: raw, headers: { 'Retry-After': '2' } });
  }
  const status = err?.status ?? err?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (err.type === 'entity.parse.failed' || raw instanceof SyntaxError)
      return new AppError('INVALID_JSON', { cause: raw });
    if (err.type === 'entity.too.large') return new AppError('PAYLOAD_TOO_LARGE', { cause: raw });
    if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
      return new AppError('UNSUPPORTED_MEDIA_TYPE', { cause: raw });
    }
    const code = CLIENT_STATUS_CODES[status] ?? 'VALIDATION_FAILED';
    return new AppError(code, { cause: raw, message: ERRORS[code].message });
  }
  return new AppError('INTERNAL', { cause: raw });
}
