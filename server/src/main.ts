import { createApp } from './app';
import { startServices } from './bootstrap';
import { loadConfig } from './config';
import { listen } from './http/server';
import { createLogger } from './logger';
import { startMaintenance } from './maintenance';

/**
 * Starts Yishi: configuration → database (migrate + seed under a lock) → HTTP.
 * SIGTERM/SIGINT drain (see RunningServer.shutdown) and exit 0, or 1 when
 * draining overruns SHUTDOWN_TIMEOUT_MS.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = await startServices(config, logger);
  const app = createApp(services, logger);
  const running = await listen(app, services, logger, config.host, config.port);
  const stopMaintenance = startMaintenance(services, logger);

  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  logger.info({ port: running.port, db: services.dialect, version: config.version }, 'listening');
  process.stdout.write(
    `\n  议事 Yishi is running: http://${shownHost}:${running.port}/  (API: /api, database: ${services.dialect})\n\n`,
  );

  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    stopMaintenance();
    running.shutdown(config.shutdownTimeoutMs).then(
      () => {
        logger.info('stopped');
        logger.flush();
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'forced stop');
        logger.flush();
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Yishi failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
