import type { Logger } from 'pino';
import pino from 'pino';
import type { AppServices } from '../http/context';
import { LiveHub } from './live-hub';

const hubs = new WeakMap<AppServices, LiveHub>();

/**
 * The live hub of one application (one per AppServices, so test servers in
 * one process never hear each other). Created on first use: it listens to
 * `meeting.changed` and `vote.changed`, and closes with the services.
 */
export function liveHubOf(services: AppServices, logger?: Logger): LiveHub {
  let hub = hubs.get(services);
  if (hub) return hub;
  const created = new LiveHub({
    dataSource: services.dataSource,
    logger: logger ?? pino({ level: 'silent' }),
    redisUrl: services.config.redis.url,
    redisPrefix: services.config.redis.prefix,
  });
  hub = created;
  hubs.set(services, created);
  services.events.on('meeting.changed', (e) => created.changed(e.meetingId));
  // A vote opened, took a ballot or closed: its transaction did not touch the meeting, so the hub bumps the version.
  services.events.on('vote.changed', (e) => {
    if (e.meetingId !== null) created.ballot(e.meetingId);
  });
  const closeServices = services.close.bind(services);
  services.close = async () => {
    await created.close();
    await closeServices();
  };
  return created;
}
