import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { AppState } from './context';

const ACCEPTED_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (the caller's `X-Request-Id` when it looks sane,
 * a fresh UUID otherwise), echoes it in the response and binds a child logger.
 */
export function requestId(): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    const id = ACCEPTED_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = id;
    ctx.state.log = ctx.app.context.log.child({ reqId: id });
    ctx.set('X-Request-Id', id);
    await next();
  };
}
