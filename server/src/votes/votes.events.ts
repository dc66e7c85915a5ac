import type { AppServices } from '../http/context';
import type { Vote } from './votes.entity';

/** Tells the app (live meeting view, benchmarks) after commit that a vote opened, took a ballot or closed. */
export function emitVoteChanged(
  services: Pick<AppServices, 'events'>,
  vote: Pick<Vote, 'id' | 'communityId' | 'meetingId'>,
  kind: 'opened' | 'ballot' | 'closed',
): void {
  services.events.emit('vote.changed', {
    voteId: vote.id,
    communityId: vote.communityId,
    meetingId: vote.meetingId,
    kind,
  });
}
