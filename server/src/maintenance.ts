import type { Logger } from 'pino';
import { LessThan } from 'typeorm';
import type { AppServices } from './http/context';
import { IdempotencyRecord } from './http/idempotency.entity';
import { runOutcomeSweeps } from './outcomes/outcomes.sweeps';
import { lapseOverdueCosigning } from './topics/topics.service';

const EVERY_MS = 60_000;
const IDEMPOTENCY_KEEP_MS = 24 * 3600 * 1000;

/**
 * Periodic housekeeping in each server process (every step is safe to run
 * in several processes at once): co-signing topics past their deadline lapse,
 * publicity periods and evaluation windows that ended move their topics on,
 * overdue implementation items are told to moderators and the sub-district
 * (once a day each), and Idempotency-Key records older than a day are dropped.
 */
export function startMaintenance(services: AppServices, logger: Logger): () => void {
  let running = false;
  const tick = async () => {
    if (running || services.lifecycle.draining) return;
    running = true;
    try {
      const lapsed = await lapseOverdueCosigning(services.dataSource);
      if (lapsed > 0) logger.info({ lapsed }, 'co-signing topics lapsed');
      await runOutcomeSweeps(services, logger);
      await services.dataSource
        .getRepository(IdempotencyRecord)
        .delete({ createdAt: LessThan(new Date(Date.now() - IDEMPOTENCY_KEEP_MS)) });
    } catch (error) {
      logger.warn({ err: error }, 'maintenance step failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), EVERY_MS);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
