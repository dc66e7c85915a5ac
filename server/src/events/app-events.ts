import { EventEmitter } from 'node:events';
import type { TopicStatus } from '../../../shared/src/topics/topic-states';

/**
 * What features tell each other inside one server process, after their
 * transaction committed. Listeners must not throw; a listener's failure is
 * its own (see `emit`). Cross-process fan-out (Redis) is the live feature's job.
 */
export interface AppEventMap {
  /** A vote opened, took a ballot, or closed. */
  'vote.changed': {
    voteId: number;
    communityId: number;
    meetingId: number | null;
    kind: 'opened' | 'ballot' | 'closed';
  };
  /** A topic changed status (any feature that moves topics emits this). */
  'topic.changed': { topicId: number; communityId: number; from: TopicStatus; to: TopicStatus; action: string };
  /** A meeting's state changed (schedule, notice, check-in, live session, minutes). */
  'meeting.changed': { meetingId: number; communityId: number };
}

export type AppEventName = keyof AppEventMap;

/** A typed, per-application event bus (one per AppServices, so test servers never hear each other). */
export class AppEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(100);
  }

  on<K extends AppEventName>(name: K, listener: (event: AppEventMap[K]) => void): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Calls every listener; one listener throwing neither stops the others nor reaches the emitter. */
  emit<K extends AppEventName>(name: K, event: AppEventMap[K]): void {
    for (const listener of this.emitter.listeners(name)) {
      try {
        (listener as (e: AppEventMap[K]) => void)(event);
      } catch {
        // A listener's failure is its own concern; the committed change stands.
      }
    }
  }
}
