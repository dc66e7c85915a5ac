import { ERRORS, type ErrorCode } from '../../../shared/src/errors';

export interface AppErrorOptions {
  /** Overrides the code's standard Chinese message with a more specific one. */
  message?: string;
  details?: unknown;
  cause?: unknown;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
}

/**
 * A domain error: carries a code from shared/src/errors.ts, the HTTP status
 * that code maps to, and a Chinese message the error middleware may show.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  readonly expose = true;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.message ?? ERRORS[code].message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.details = options.details;
    this.headers = options.headers ?? {};
  }
}

/** VALIDATION_FAILED for one field, with the same sentence as the message and the field's detail. */
export function fieldError(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { message, details: { in: 'body', fields: [{ path, message }] } });
}
