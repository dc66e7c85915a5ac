import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from './app-error';

/** A per-user budget for one kind of write, e.g. 10 topic submissions an hour. */
export interface RateLimit {
  /** Requests allowed per window. */
  points: number;
  /** Window length in seconds. */
  duration: number;
}

/**
 * Per-user rate limits for write operations (QUALITY.md S15), kept in
 * memory per process: limits are about floods from one user, which reach one
 * process at a time closely enough. Answers RATE_LIMITED with Retry-After.
 */
export class RateLimits {
  private readonly limiters = new Map<string, RateLimiterMemory>();

  async consume(operationId: string, limit: RateLimit, userKey: string): Promise<void> {
    let limiter = this.limiters.get(operationId);
    if (!limiter) {
      limiter = new RateLimiterMemory({ keyPrefix: operationId, points: limit.points, duration: limit.duration });
      this.limiters.set(operationId, limiter);
    }
    try {
      await limiter.consume(userKey);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', {
        message: `操作太频繁，请 ${seconds >= 60 ? `${Math.ceil(seconds / 60)} 分钟` : `${seconds} 秒`}后再试`,
        headers: { 'Retry-After': String(seconds) },
        details: { retryAfterSeconds: seconds, limit: limit.points, windowSeconds: limit.duration },
      });
    }
  }
}
