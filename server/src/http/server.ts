import { createServer, type Server } from 'node:http';
import type Koa from 'koa';
import type { Logger } from 'pino';
import { attachLiveSockets, type LiveSocketOptions, type LiveSockets } from '../live/live-socket';
import type { AppServices, AppState } from './context';

export interface RunningServer {
  server: Server;
  port: number;
  /** The live meeting WebSockets served on this server. */
  live: LiveSockets;
  /**
   * Drains: readiness answers 503 at once, no new connections are accepted,
   * requests in flight finish, idle keep-alive connections close, then the
   * database closes. Rejects when draining overruns `timeoutMs`.
   */
  shutdown(timeoutMs: number): Promise<void>;
}

/** Listens with the app on host:port (port 0 picks a free one), with the live meeting WebSockets. */
export async function listen(
  app: Koa<AppState>,
  services: AppServices,
  logger: Logger,
  host: string,
  port: number,
  options: { live?: LiveSocketOptions } = {},
): Promise<RunningServer> {
  const server = createServer(app.callback());
  const live = attachLiveSockets(server, services, logger, options.live);
  server.keepAliveTimeout = 5_000;
  server.on('request', (_req, res) => {
    // Once draining, every answer tells the client not to reuse the connection,
    // and connections left idle by a finished answer are closed.
    if (services.lifecycle.draining) res.setHeader('Connection', 'close');
    res.once('finish', () => {
      if (services.lifecycle.draining) setImmediate(() => server.closeIdleConnections());
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;

  let draining: Promise<void> | undefined;
  const shutdown = (timeoutMs: number) => {
    draining ??= new Promise<void>((resolve, reject) => {
      services.lifecycle.draining = true;
      logger.info('draining');
      // Live sockets close first with 1012 so clients reconnect to another process; long-polls answer now.
      void live.close().catch((error: unknown) => logger.warn({ err: error }, 'error while closing live sockets'));
      const timer = setTimeout(() => {
        server.closeAllConnections();
        reject(new Error(`Draining took longer than ${timeoutMs} ms`));
      }, timeoutMs);
      server.close(async (error) => {
        clearTimeout(timer);
        try {
          await services.close();
        } catch (closeError) {
          logger.error({ err: closeError }, 'error while closing the database');
        }
        if (error) reject(error);
        else resolve();
      });
      server.closeIdleConnections();
    });
    return draining;
  };
  return { server, port: boundPort, live, shutdown };
}
