import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createApp } from './app';
import { startServices } from './bootstrap';
import { loadConfig } from './config';
import { createLogger } from './logger';

/**
 * Starts Yishi: configuration → database (migrate + seed under a lock) → HTTP.
 * On SIGTERM/SIGINT: readiness turns 503 at once, the listener stops taking
 * connections, requests in flight finish, then the database closes and the
 * process exits 0 (or 1 if draining overruns SHUTDOWN_TIMEOUT_MS).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = await startServices(config, logger);
  const app = createApp(services, logger);
  const server = createServer(app.callback());
  server.keepAliveTimeout = 5_000;

  const idle = new Set<Socket>();
  server.on('connection', (socket) => {
    idle.add(socket);
    socket.on('close', () => idle.delete(socket));
  });
  server.on('request', (req, res) => {
    idle.delete(req.socket);
    res.on('finish', () => {
      idle.add(req.socket);
      if (services.lifecycle.draining) req.socket.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ port, db: services.dialect, version: config.version }, 'listening');
  process.stdout.write(`\n  议事 Yishi is running: http://${shownHost}:${port}/  (API: /api, database: ${services.dialect})\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    services.lifecycle.draining = true;
    logger.info({ signal }, 'draining');
    const timer = setTimeout(() => {
      logger.error('drain timed out; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    timer.unref();
    server.close(async () => {
      try {
        await services.dataSource.destroy();
        logger.info('stopped');
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'error while closing the database');
        process.exit(1);
      }
    });
    // Keep-alive connections with no request in flight would hold close() open.
    for (const socket of idle) socket.end();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Yishi failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
