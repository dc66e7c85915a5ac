import 'reflect-metadata';
import type { Context, Next } from 'koa';
import { createApp } from '../src/app';
import { startServices } from '../src/bootstrap';
import { loadConfig } from '../src/config';
import type { AppServices } from '../src/http/context';
import { listen } from '../src/http/server';
import { createLogger } from '../src/logger';
import { Vote } from '../src/votes/votes.entity';

/**
 * One Yishi server process for the live benchmark (live-bench.ts): the real
 * app and live WebSockets, as main.ts runs them. With
 * LIVE_BENCH_EMIT_VOTE_EVENTS=1 it also emits `vote.changed` after each
 * accepted ballot, for a votes feature that does not emit it yet (a second
 * emit from the votes feature is harmless: ballots are coalesced).
 * Prints `is running {"port":N}` when listening; SIGTERM drains.
 */
function voteEventHook(services: AppServices) {
  const meetings = new Map<number, { meetingId: number | null; communityId: number }>();
  return async (ctx: Context, next: Next) => {
    await next();
    const match = /^\/api\/votes\/(\d+)\/ballots$/.exec(ctx.path);
    if (!match || ctx.method !== 'POST' || ctx.status !== 201) return;
    const voteId = Number(match[1]);
    let known = meetings.get(voteId);
    if (!known) {
      const vote = await services.dataSource.getRepository(Vote).findOneBy({ id: voteId });
      if (!vote) return;
      known = { meetingId: vote.meetingId, communityId: vote.communityId };
      meetings.set(voteId, known);
    }
    services.events.emit('vote.changed', { voteId, ...known, kind: 'ballot' });
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const services = await startServices(config, logger);
  const app = createApp(services, logger);
  if (process.env.LIVE_BENCH_EMIT_VOTE_EVENTS === '1') app.middleware.unshift(voteEventHook(services));
  const running = await listen(app, services, logger, config.host, config.port);
  process.stdout.write(`is running ${JSON.stringify({ port: running.port })}\n`);
  process.once('SIGTERM', () => {
    running.shutdown(config.shutdownTimeoutMs).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
