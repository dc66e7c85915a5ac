import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from './context';

const ACCEPTED_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it looks sane,
 * a fresh UUID otherwise), echoes it in the response and binds a child logger
 * (created when the request first logs).
 */
export function requestId(): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = ACCEPTED_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    // The child logger is built on first use: most requests never log.
    const base = ctx.app.context.log;
    let child: typeof base | undefined;
    Object.defineProperty(ctx.state, 'log', {
      configurable: true,
      enumerable: true,
      get: () => {
        child ??= base.child({ reqId: id });
        return child;
      },
      set: (value: typeof base) => {
        child = value;
      },
    });
    ctx.set('X-Request-Id', id);
    await next();
  };
}
