import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { LiveState } from '../../../shared/src/meetings/live.schema';
import { Meeting } from '../meetings/meetings.entity';
import { buildLiveState, forAudience, refreshLiveVotes } from './live-state';

/**
 * One version of a meeting's live state as every subscriber gets it, with
 * its JSON frames serialized once (per audience) and shared by every socket.
 */
export class LiveSnapshot {
  private readonly frames = new Map<string, string>();

  constructor(readonly state: LiveState) {}

  get meetingId(): number {
    return this.state.meetingId;
  }
  get version(): number {
    return this.state.version;
  }
  get sessionVersion(): number {
    return this.state.sessionVersion;
  }

  /** The whole state. */
  stateFrame(audience: 'member' | 'public'): string {
    const key = `state:${audience}`;
    let frame = this.frames.get(key);
    if (frame === undefined) {
      frame = JSON.stringify({ type: 'state', version: this.version, state: forAudience(this.state, audience) });
      this.frames.set(key, frame);
    }
    return frame;
  }

  /** Only the votes: for a subscriber that already holds this session version. */
  votesFrame(): string {
    let frame = this.frames.get('votes');
    if (frame === undefined) {
      frame = JSON.stringify({
        type: 'votes',
        version: this.version,
        sessionVersion: this.sessionVersion,
        votes: this.state.votes,
        serverTime: this.state.serverTime,
      });
      this.frames.set('votes', frame);
    }
    return frame;
  }
}

/** Something that wants a meeting's newer states: a WebSocket, a long-poll. */
export interface LiveSink {
  offer(snapshot: LiveSnapshot): void;
}

interface FlushPlan {
  timer: NodeJS.Timeout | undefined;
  running: boolean;
  /** Something changed since the last build started. */
  dirty: boolean;
  /** Ballots arrived: the version must be bumped before building. */
  ballots: boolean;
  /** Something besides ballots changed: a whole build. */
  session: boolean;
  lastRun: number;
}

export interface LiveHubOptions {
  dataSource: DataSource;
  logger: Logger;
  /** Redis for fan-out across processes; in memory only without it. */
  redisUrl?: string;
  /** Channel prefix (tests use a random one). */
  redisPrefix?: string;
  /** Builds at most this often per meeting (ms); the latest change always gets its build. */
  coalesceMs?: number;
  /** How often meetings with local subscribers are checked against the database (ms), in case a message was lost. */
  reconcileMs?: number;
}

/**
 * Live fan-out of meeting states. Changes are coalesced per meeting (at most
 * one build per `coalesceMs`, and a change during a build triggers one more,
 * so the newest state is never dropped). Ballots bump the meeting's version
 * here, once per build, rather than once per ballot: the meeting row sees a
 * few writes a second however many ballots arrive. Each build is delivered
 * to this process's sinks and published on Redis, where the other processes
 * deliver it to theirs; every sink keeps only versions newer than it holds.
 */
export class LiveHub {
  private readonly sinks = new Map<number, Set<LiveSink>>();
  private readonly latest = new Map<number, LiveSnapshot>();
  private readonly plans = new Map<number, FlushPlan>();
  private readonly waiters = new Set<() => void>();
  private readonly refreshing = new Map<number, Promise<LiveSnapshot>>();
  /** The last state built or received per meeting being flushed here: ballots only refresh its votes. */
  private readonly built = new Map<number, LiveState>();
  private readonly origin = randomUUID();
  private readonly coalesceMs: number;
  private readonly prefix: string;
  private pub?: Redis;
  private sub?: Redis;
  private reconcileTimer?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly options: LiveHubOptions) {
    this.coalesceMs = options.coalesceMs ?? 100;
    this.prefix = options.redisPrefix ?? 'yishi:';
    if (options.redisUrl) {
      const settings = { maxRetriesPerRequest: 2, enableOfflineQueue: true };
      this.pub = new Redis(options.redisUrl, settings);
      this.sub = new Redis(options.redisUrl, settings);
      for (const client of [this.pub, this.sub]) {
        client.on('error', (err) => options.logger.warn({ err }, 'live: redis error'));
      }
      this.sub.on('messageBuffer', (_channel: Buffer, message: Buffer) => this.receive(message));
      // After a reconnection messages may have been missed: rebuild what local subscribers follow.
      let connectedBefore = false;
      this.sub.on('ready', () => {
        if (connectedBefore) for (const meetingId of this.sinks.keys()) this.changed(meetingId);
        connectedBefore = true;
      });
    }
  }

  /** Resolves once the Redis connections (if any) are ready: tests wait for it before publishing. */
  async ready(): Promise<void> {
    await Promise.all(
      [this.pub, this.sub].map(
        (client) =>
          client &&
          (client.status === 'ready'
            ? undefined
            : new Promise<void>((resolve) => client.once('ready', () => resolve()))),
      ),
    );
  }

  get distributed(): boolean {
    return this.pub !== undefined;
  }

  /** A committed change of the meeting (its version already bumped in that transaction). */
  changed(meetingId: number): void {
    this.plan(meetingId, false);
  }

  /** A committed ballot on one of the meeting's votes: coalesced, then the version bumped once. */
  ballot(meetingId: number): void {
    this.plan(meetingId, true);
  }

  /** Registers a sink; returns its unsubscribe function. */
  subscribe(meetingId: number, sink: LiveSink): () => void {
    let set = this.sinks.get(meetingId);
    if (!set) {
      set = new Set();
      this.sinks.set(meetingId, set);
      void this.sub?.subscribe(this.channel(meetingId)).catch((err: unknown) => {
        this.options.logger.warn({ err, meetingId }, 'live: redis subscribe failed');
      });
      this.ensureReconcile();
    }
    set.add(sink);
    return () => {
      const current = this.sinks.get(meetingId);
      if (!current) return;
      current.delete(sink);
      if (current.size === 0) {
        this.sinks.delete(meetingId);
        this.latest.delete(meetingId);
        void this.sub?.unsubscribe(this.channel(meetingId)).catch(() => undefined);
      }
    };
  }

  /**
   * Builds the state from the database and offers it to this process's sinks
   * (concurrent callers share one build: a burst of connections is one query set).
   * Subscribe before calling, and offer `latestOf` too, so nothing is missed.
   */
  refresh(meetingId: number): Promise<LiveSnapshot> {
    let running = this.refreshing.get(meetingId);
    if (!running) {
      running = buildLiveState(this.options.dataSource, meetingId)
        .then((state) => {
          const snapshot = new LiveSnapshot(state);
          this.deliver(snapshot);
          return snapshot;
        })
        .finally(() => this.refreshing.delete(meetingId));
      this.refreshing.set(meetingId, running);
    }
    return running;
  }

  /** The newest state this process delivered for the meeting, if it follows it. */
  latestOf(meetingId: number): LiveSnapshot | undefined {
    return this.latest.get(meetingId);
  }

  /**
   * Long-poll: resolves when a version newer than `since` reaches this process,
   * after `ms`, when `abort` fires, or when the hub closes — whichever is first.
   * Subscribes before re-reading the database's version, so no change slips between.
   */
  async waitForNewer(meetingId: number, since: number, ms: number, abort?: AbortSignal): Promise<void> {
    if (this.closed) return;
    let release!: () => void;
    const done = new Promise<void>((resolve) => {
      release = resolve;
    });
    const sink: LiveSink = { offer: (s) => s.version > since && release() };
    const unsubscribe = this.subscribe(meetingId, sink);
    const timer = setTimeout(release, ms);
    const onAbort = () => release();
    abort?.addEventListener('abort', onAbort);
    this.waiters.add(release);
    try {
      const row = await this.options.dataSource
        .getRepository(Meeting)
        .findOne({ where: { id: meetingId }, select: { id: true, liveVersion: true } });
      if (!row || row.liveVersion > since) release();
      await done;
    } finally {
      clearTimeout(timer);
      abort?.removeEventListener('abort', onAbort);
      this.waiters.delete(release);
      unsubscribe();
    }
  }

  /** Answers every long-poll now (shutdown: they answer with the state they have). */
  releaseWaiters(): void {
    for (const release of this.waiters) release();
  }

  /** Subscribers connected to this process, per meeting (for metrics and tests). */
  subscriberCount(meetingId: number): number {
    return this.sinks.get(meetingId)?.size ?? 0;
  }

  /** Stops timers and Redis; sinks are the sockets' business (see LiveSockets.close). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.releaseWaiters();
    for (const plan of this.plans.values()) if (plan.timer) clearTimeout(plan.timer);
    this.plans.clear();
    if (this.reconcileTimer) clearInterval(this.reconcileTimer);
    await Promise.all(
      [this.pub, this.sub].map(async (client) => {
        if (!client) return;
        try {
          await client.quit();
        } catch {
          client.disconnect();
        }
      }),
    );
  }

  private channel(meetingId: number): string {
    return `${this.prefix}live:${meetingId}`;
  }

  private plan(meetingId: number, ballots: boolean): void {
    if (this.closed) return;
    let plan = this.plans.get(meetingId);
    if (!plan) {
      plan = { timer: undefined, running: false, dirty: false, ballots: false, session: false, lastRun: 0 };
      this.plans.set(meetingId, plan);
    }
    plan.dirty = true;
    plan.ballots ||= ballots;
    plan.session ||= !ballots;
    this.arm(meetingId, plan);
  }

  private arm(meetingId: number, plan: FlushPlan): void {
    if (plan.running || plan.timer || !plan.dirty || this.closed) return;
    const wait = Math.max(0, plan.lastRun + this.coalesceMs - Date.now());
    plan.timer = setTimeout(() => {
      plan.timer = undefined;
      void this.flush(meetingId, plan);
    }, wait);
  }

  private async flush(meetingId: number, plan: FlushPlan): Promise<void> {
    plan.running = true;
    plan.dirty = false;
    const ballots = plan.ballots;
    const sessionChanged = plan.session;
    plan.ballots = false;
    plan.session = false;
    plan.lastRun = Date.now();
    try {
      if (ballots) {
        await this.options.dataSource
          .createQueryBuilder()
          .update(Meeting)
          .set({ liveVersion: () => 'live_version + 1' })
          .where('id = :id', { id: meetingId })
          .execute();
      }
      // Nobody follows the meeting here and no other process can: the version bump is all there is to do.
      if (!this.pub && !this.sinks.has(meetingId)) return;
      const previous = this.built.get(meetingId);
      const state =
        previous && !sessionChanged
          ? await refreshLiveVotes(this.options.dataSource, previous)
          : await buildLiveState(this.options.dataSource, meetingId);
      this.built.set(meetingId, state);
      const snapshot = new LiveSnapshot(state);
      this.deliver(snapshot);
      if (this.pub) {
        const message = JSON.stringify({ origin: this.origin, state: snapshot.state });
        this.pub.publish(this.channel(meetingId), message).catch((err: unknown) => {
          this.options.logger.warn({ err, meetingId }, 'live: redis publish failed');
        });
      }
    } catch (err) {
      this.options.logger.warn({ err, meetingId }, 'live: building the state failed');
      // Try again later (the database may be briefly away); ballots still need their bump.
      plan.dirty = true;
      plan.ballots ||= ballots;
      plan.session ||= sessionChanged;
      plan.lastRun = Date.now() + 1000;
    } finally {
      plan.running = false;
      if (plan.dirty) this.arm(meetingId, plan);
      else if (!this.sinks.has(meetingId)) {
        this.plans.delete(meetingId);
        this.built.delete(meetingId);
      }
    }
  }

  private receive(message: Buffer): void {
    try {
      const parsed = JSON.parse(message.toString('utf8')) as { origin: string; state: LiveState };
      if (parsed.origin === this.origin) return;
      this.deliver(new LiveSnapshot(parsed.state));
    } catch (err) {
      this.options.logger.warn({ err }, 'live: bad message on redis');
    }
  }

  private deliver(snapshot: LiveSnapshot): void {
    const known = this.latest.get(snapshot.meetingId);
    if (known && known.version >= snapshot.version) return;
    const sinks = this.sinks.get(snapshot.meetingId);
    if (!sinks) return;
    this.latest.set(snapshot.meetingId, snapshot);
    for (const sink of [...sinks]) {
      try {
        sink.offer(snapshot);
      } catch (err) {
        this.options.logger.warn({ err }, 'live: a subscriber failed');
      }
    }
  }

  /** Every few seconds, meetings followed here are compared with the database's version (a lost message heals). */
  private ensureReconcile(): void {
    if (this.reconcileTimer || this.closed) return;
    this.reconcileTimer = setInterval(() => void this.reconcile(), this.options.reconcileMs ?? 5000);
    this.reconcileTimer.unref();
  }

  private async reconcile(): Promise<void> {
    const ids = [...this.sinks.keys()];
    if (ids.length === 0) {
      if (this.reconcileTimer) clearInterval(this.reconcileTimer);
      this.reconcileTimer = undefined;
      return;
    }
    try {
      const rows = await this.options.dataSource
        .getRepository(Meeting)
        .createQueryBuilder('m')
        .select(['m.id', 'm.liveVersion'])
        .whereInIds(ids)
        .getMany();
      for (const row of rows) {
        const known = this.latest.get(row.id);
        if (!known || known.version < row.liveVersion) {
          const plan = this.plans.get(row.id);
          if (!plan?.running && !plan?.timer) await this.refresh(row.id);
        }
      }
    } catch (err) {
      this.options.logger.warn({ err }, 'live: reconcile failed');
    }
  }
}
