import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditEntry } from './audit.entity';

export interface AuditInput {
  communityId: number | null;
  /** The acting user, or null for the system. */
  actor: Actor | null;
  /** The role acted in; defaults to `moderator` for a user and `system` without one. */
  actorRole?: string;
  /** `object.verb`, e.g. `topic.route`. */
  action: string;
  objectType: string;
  objectId: number | null;
  /** One line in Chinese (cut to 200 characters). */
  summary: string;
  data?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log inside the caller's transaction, so the
 * entry exists exactly when the change it describes does. Call it for every
 * moderator action and every state change.
 */
export async function audit(em: EntityManager, input: AuditInput): Promise<void> {
  await em.insert(AuditEntry, {
    communityId: input.communityId,
    actorId: input.actor?.userId ?? null,
    actorRole: input.actorRole ?? (input.actor ? 'moderator' : 'system'),
    action: input.action.slice(0, 48),
    objectType: input.objectType.slice(0, 24),
    objectId: input.objectId,
    summary: input.summary.slice(0, 200),
    dataJson: input.data ? JSON.stringify(input.data) : null,
  });
}
