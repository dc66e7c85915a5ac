import { z } from 'zod';
import { TOPIC_STATUSES } from '../topics/topic-states';
import { timelineEntrySchema } from '../topics/topics.schema';
import { voteViewSchema } from '../votes/votes.schema';
import { MEETING_STATUSES } from './meetings.schema';
import { SPEECH_SECONDS } from './session';

const id = z.number().int().positive().max(2_147_483_647);

export const AGENDA_ITEM_STATUSES = ['pending', 'open', 'done', 'skipped'] as const;
export type AgendaItemStatus = (typeof AGENDA_ITEM_STATUSES)[number];
export const AGENDA_ITEM_STATUS_LABELS: Record<AgendaItemStatus, string> = {
  pending: '待讨论',
  open: '正在讨论',
  done: '已讨论',
  skipped: '未讨论',
};

export const ITEM_OUTCOMES = ['decided', 'no_decision'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];
export const ITEM_OUTCOME_LABELS: Record<ItemOutcome, string> = {
  decided: '形成决议',
  no_decision: '未形成决议',
};

export const SPEAKER_STATUSES = ['waiting', 'speaking', 'done', 'withdrawn'] as const;
export type SpeakerStatus = (typeof SPEAKER_STATUSES)[number];

// ---------------------------------------------------------------------------
// Request bodies

const idText = z.coerce.number().int().positive().max(2_147_483_647);
export const itemParams = z.object({ id: idText, itemId: idText });
export const speakerParams = z.object({ id: idText, speakerId: idText });

export const cancelMeetingBodySchema = z.object({ reason: z.string().trim().min(2).max(200) }).strict();

export const addSpeakerBodySchema = z.object({ userId: id }).strict();

export const grantFloorBodySchema = z
  .object({
    /** Speaking time in seconds; clients count down from `startedAt`. */
    seconds: z.number().int().min(SPEECH_SECONDS.min).max(SPEECH_SECONDS.max).default(SPEECH_SECONDS.default),
  })
  .strict();

export const decideItemBodySchema = z
  .discriminatedUnion('outcome', [
    z
      .object({
        outcome: z.literal('decided'),
        /** The resolution (决议) in words; shown on the topic's timeline and in the minutes. */
        resolution: z.string().trim().min(4, '决议内容至少 4 个字').max(2000),
        /** The item's closed votes the resolution rests on; default: all of them. */
        voteIds: z.array(id).max(10).optional(),
      })
      .strict(),
    z
      .object({
        outcome: z.literal('no_decision'),
        /** Why not, or what happens next (e.g. 意见分歧较大，下次会议再议). */
        resolution: z.string().trim().max(2000).default(''),
        voteIds: z.array(id).max(10).optional(),
      })
      .strict(),
  ])
  .describe('The item’s conclusion');
export type DecideItemBody = z.infer<typeof decideItemBodySchema>;

export const liveQuerySchema = z
  .object({
    /** Long-poll: answer as soon as the state's version is greater than this (else after `wait` seconds). */
    since: z.coerce.number().int().min(0).max(2_147_483_647).optional(),
    /** Longest wait in seconds for a long-poll (default and maximum 25). */
    wait: z.coerce.number().int().min(0).max(25).optional(),
  })
  .strip();

// ---------------------------------------------------------------------------
// The live state every participant's screen follows

export const liveSpeakerSchema = z.object({
  id: z.number().int(),
  /** Null for viewers who are not invitees or moderators of the meeting. */
  userId: z.number().int().nullable(),
  /** Masked (张**). */
  name: z.string(),
  /** The seat's party (居民代表, 物业公司 …) or 列席. */
  label: z.string(),
  status: z.enum(SPEAKER_STATUSES),
  requestedAt: z.string(),
  /** Put on the list by the moderator rather than asked for. */
  addedByModerator: z.boolean(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** Granted speaking time; clients count down from `startedAt` (correct for `serverTime`). */
  seconds: z.number().int().nullable(),
});
export type LiveSpeaker = z.infer<typeof liveSpeakerSchema>;

export const liveVoteSchema = voteViewSchema.extend({
  /** The viewer's standing; null in pushed states (shared by every subscriber): ask GET /api/votes/:id. */
  me: voteViewSchema.shape.me.nullable(),
});
export type LiveVote = z.infer<typeof liveVoteSchema>;

export const liveDecisionSchema = z.object({
  agendaItemId: z.number().int(),
  topicId: z.number().int(),
  title: z.string(),
  outcome: z.enum(ITEM_OUTCOMES),
  resolution: z.string(),
  voteIds: z.array(z.number().int()),
  decidedAt: z.string(),
});

export const liveAgendaItemSchema = z.object({
  id: z.number().int(),
  position: z.number().int(),
  topicId: z.number().int(),
  title: z.string(),
  minutes: z.number().int(),
  status: z.enum(AGENDA_ITEM_STATUSES),
  outcome: z.enum(ITEM_OUTCOMES).nullable(),
});

export const liveStateSchema = z.object({
  meetingId: z.number().int(),
  communityId: z.number().int(),
  /** Grows with every change of the meeting (global per meeting, across server processes). */
  version: z.number().int(),
  /** The version of the last change other than ballots (agenda, speakers, attendance, decisions). */
  sessionVersion: z.number().int(),
  title: z.string(),
  status: z.enum(MEETING_STATUSES),
  statusLabel: z.string(),
  startsAt: z.string(),
  startedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  agenda: z.array(liveAgendaItemSchema),
  currentItem: z
    .object({
      id: z.number().int(),
      position: z.number().int(),
      minutes: z.number().int(),
      openedAt: z.string(),
      topic: z.object({
        id: z.number().int(),
        title: z.string(),
        description: z.string(),
        category: z.string(),
        status: z.enum(TOPIC_STATUSES),
        statusLabel: z.string(),
        authorName: z.string(),
        place: z.string().nullable(),
        photos: z.array(z.object({ uploadId: z.number().int(), thumbnailUploadId: z.number().int().nullable() })),
        timeline: z.array(timelineEntrySchema),
      }),
    })
    .nullable(),
  speakers: z.object({
    current: liveSpeakerSchema.nullable(),
    queue: z.array(liveSpeakerSchema),
    done: z.array(liveSpeakerSchema),
  }),
  /** The current item's votes (tally when its results are live or it closed). */
  votes: z.array(liveVoteSchema),
  attendance: z.object({
    present: z.number().int(),
    councilPresent: z.number().int(),
    councilSeats: z.number().int(),
    quorumMet: z.boolean(),
  }),
  decisions: z.array(liveDecisionSchema),
  /** The server's clock when the state was built, for countdowns on phones with a wrong clock. */
  serverTime: z.string(),
});
export type LiveState = z.infer<typeof liveStateSchema>;

/**
 * What the live WebSocket sends (JSON text frames):
 * - `state`: the whole state (on connect when newer than `since`, and after any change but ballots);
 * - `votes`: only the votes and version, after ballots; it applies to a state whose
 *   `sessionVersion` equals the message's (the server sends a full state first otherwise);
 * - `pong`: the answer to a client's `{"type":"ping"}`.
 */
export type LiveMessage =
  | { type: 'state'; version: number; state: LiveState }
  | { type: 'votes'; version: number; sessionVersion: number; votes: LiveVote[]; serverTime: string }
  | { type: 'pong' };

/** Close codes of the live WebSocket (4xxx: do not retry as is). */
export const LIVE_CLOSE_CODES = {
  /** The server is shutting down or restarting: reconnect (to another process). */
  serviceRestart: 1012,
  /** No answer to heartbeats. */
  idle: 4000,
  badRequest: 4400,
  unauthenticated: 4401,
  forbidden: 4403,
  notFound: 4404,
} as const;

/** Applies a pushed message to the state a client holds; returns the new state, or null when it cannot apply (resync). */
export function applyLiveMessage(current: LiveState | null, message: LiveMessage): LiveState | null | 'ignore' {
  if (message.type === 'pong') return 'ignore';
  if (current && message.version <= current.version) return 'ignore';
  if (message.type === 'state') return message.state;
  if (!current || current.sessionVersion !== message.sessionVersion) return null;
  return { ...current, version: message.version, votes: message.votes, serverTime: message.serverTime };
}
