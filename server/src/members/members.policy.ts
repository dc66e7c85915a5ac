import type { Actor } from '../auth/actor';
import { AppError } from '../http/app-error';

/** Only the community's moderators manage its members, claims and roles. Errors: FORBIDDEN. */
export function assertModerator(actor: Actor, communityId: number): void {
  if (!actor.isModerator(communityId)) {
    throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者可以进行此操作' });
  }
}

/** A member suspended in the community cannot act there. Errors: MEMBER_SUSPENDED. */
export function assertNotSuspended(actor: Actor, communityId: number): void {
  if (actor.isSuspendedIn(communityId)) throw new AppError('MEMBER_SUSPENDED');
}

/** Personal data is collected only after the privacy agreement. Errors: PRIVACY_CONSENT_REQUIRED. */
export function assertPrivacyAccepted(actor: Actor): void {
  if (!actor.user.privacyAcceptedAt) throw new AppError('PRIVACY_CONSENT_REQUIRED');
}
