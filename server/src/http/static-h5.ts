import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Middleware } from 'koa';
import send from 'koa-send';
import type { AppState } from './context';

const NOT_BUILT_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>议事</title>
<body style="font:18px/1.6 sans-serif;max-width:40em;margin:3em auto;padding:0 1em">
<h1>议事</h1><p>网页端尚未构建。请在项目目录运行 <code>npm run build:h5</code>，然后刷新本页。</p>
<p>The H5 client has not been built: run <code>npm run build:h5</code>.</p></body></html>`;

/**
 * Serves the H5 build at `/`: hashed assets are cached for a year, the app
 * shell (index.html) is revalidated on every load. Paths that are not files
 * fall back to the shell (the app routes by hash). API paths never reach here.
 */
export function serveH5(h5Dir: string): Middleware<AppState> {
  const root = path.resolve(h5Dir);
  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/api') || ctx.path === '/metrics') {
      return next();
    }
    ctx.state.operationId = 'static';
    if (!existsSync(path.join(root, 'index.html'))) {
      ctx.status = 503;
      ctx.type = 'html';
      ctx.body = NOT_BUILT_PAGE;
      return;
    }
    const isShell = ctx.path === '/' || ctx.path === '/index.html';
    if (!isShell) {
      try {
        await send(ctx, ctx.path, {
          root,
          index: false,
          hidden: false,
          setHeaders: (res, filePath) => {
            const hashed =
              /\.[0-9a-f]{8,}\.(js|css|png|jpg|svg|woff2?)$/.test(filePath) || /\/(js|css|static)\//.test(filePath);
            res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
            res.setHeader('X-Content-Type-Options', 'nosniff');
          },
        });
        return;
      } catch (error) {
        const status = (error as { status?: number }).status;
        if (status !== 404 && status !== 400) throw error;
        if (path.extname(ctx.path)) {
          // A missing asset is a 404, not the app shell (which would confuse the browser).
          ctx.status = 404;
          ctx.type = 'text';
          ctx.body = 'Not Found';
          return;
        }
      }
    }
    ctx.set('Cache-Control', 'no-cache');
    ctx.set('X-Content-Type-Options', 'nosniff');
    await send(ctx, 'index.html', { root });
  };
}
