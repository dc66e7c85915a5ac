import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { AppState } from './context';

type Layer = ReturnType<Router<AppState>['match']>['path'][number];

/** The group of a path: its first two segments when both are literal ("/api/votes"), lower-cased. */
function groupOf(path: string): string | undefined {
  const [, first, second] = path.toLowerCase().split('/', 3);
  if (!first || /[:*(]/.test(first) || (second !== undefined && /[:*(]/.test(second))) return undefined;
  return second === undefined || second === '' ? `/${first}` : `/${first}/${second}`;
}

/**
 * The app's routes in groups by their first two path segments, one
 * @koa/router per group: a request is matched only against the dozen routes
 * of its own group rather than tested against every route of the app (one
 * regular expression each). Routes whose first segments are parameters go to
 * a router of their own, tried after the group's.
 */
export class RouteTable {
  private readonly groups = new Map<string, Router<AppState>>();
  private readonly rest = new Router<AppState>();
  private readonly middlewares = new Map<Router<AppState>, Middleware<AppState>>();

  /** The router to declare a route of `path` on. */
  routerFor(path: string): Router<AppState> {
    const group = groupOf(path);
    if (group === undefined) return this.rest;
    let router = this.groups.get(group);
    if (!router) {
      router = new Router<AppState>();
      this.groups.set(group, router);
    }
    return router;
  }

  private routersFor(path: string): Router<AppState>[] {
    const group = groupOf(path);
    const router = group === undefined ? undefined : this.groups.get(group);
    return router ? [router, this.rest] : [this.rest];
  }

  private middlewareOf(router: Router<AppState>): Middleware<AppState> {
    let middleware = this.middlewares.get(router);
    if (!middleware) {
      middleware = router.routes() as unknown as Middleware<AppState>;
      this.middlewares.set(router, middleware);
    }
    return middleware;
  }

  /** Serves the request with its group's routes (then the parameter-led ones); next() when none matches. */
  routes(): Middleware<AppState> {
    return (ctx, next) => {
      const [first, second] = this.routersFor(ctx.path);
      const own = this.middlewareOf(first!);
      if (!second) return own(ctx, next);
      const rest = this.middlewareOf(second);
      return own(ctx, () => rest(ctx, next));
    };
  }

  /** The layers whose path matches (any method), for 404 / 405 answers. */
  matchingPaths(path: string, method: string): Layer[] {
    return this.routersFor(path).flatMap((router) => router.match(path, method).path);
  }
}
