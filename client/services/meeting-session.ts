import { type DecideItemBody, type LiveState, type LiveVote, liveStateSchema } from '@shared/meetings/live.schema';
import { type MinutesView, minutesViewSchema } from '@shared/meetings/minutes';
import { SPEECH_SECONDS } from '@shared/meetings/session';
import type { VoteMethod } from '@shared/votes/votes.schema';
import { z } from 'zod';
import { type RequestOptions, request } from './request';
import type { NewVote } from './votes';

/**
 * The live session of a meeting (议事会现场): the moderator's actions (start,
 * open an item, the list of speakers, conclusions, close), a participant's
 * request for the floor, the minutes, and opening a vote on the item under
 * discussion. Every session action answers the new live state, which the page
 * shows at once (the live subscription brings the same version a moment later
 * and is ignored as not newer).
 */

export type { DecideItemBody, LiveState, LiveVote, MinutesView };
export { SPEECH_SECONDS };

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

export const moderatorLiveUrl = (meetingId: number): string => `/moderator/meetings/live/index?id=${meetingId}`;

function act(path: string, data: object = {}, options: Quiet = {}): Promise<LiveState> {
  return request(path, { ...options, method: 'POST', data, schema: liveStateSchema });
}

/** `POST /api/meetings/:id/start` (moderators, on the meeting's day). */
export const startMeeting = (meetingId: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/start`, {}, options);

/** `POST /api/meetings/:id/items/:itemId/open`: one item at a time. */
export const openAgendaItem = (meetingId: number, itemId: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/items/${itemId}/open`, {}, options);

/** `POST /api/meetings/:id/items/:itemId/decide`: the resolution, or 未形成决议. */
export const decideAgendaItem = (meetingId: number, itemId: number, body: DecideItemBody, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/items/${itemId}/decide`, body, options);

/** `POST /api/meetings/:id/floor-requests`: a checked-in participant asks to speak. */
export const requestFloor = (meetingId: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/floor-requests`, {}, options);

/** `POST /api/meetings/:id/speakers`: the moderator puts a checked-in participant on the list. */
export const addSpeaker = (meetingId: number, userId: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/speakers`, { userId }, options);

/** `POST /api/meetings/:id/speakers/:speakerId/grant` for `seconds` of speaking time. */
export const grantFloor = (meetingId: number, speakerId: number, seconds: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/speakers/${speakerId}/grant`, { seconds }, options);

/** `POST /api/meetings/:id/speakers/:speakerId/end` (the moderator or the speaker). */
export const endSpeech = (meetingId: number, speakerId: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/speakers/${speakerId}/end`, {}, options);

/** `POST /api/meetings/:id/speakers/:speakerId/withdraw` (the moderator or who asked). */
export const withdrawSpeaker = (meetingId: number, speakerId: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/speakers/${speakerId}/withdraw`, {}, options);

/** `POST /api/meetings/:id/close`: every item must have its conclusion first. */
export const closeMeeting = (meetingId: number, options: Quiet = {}) =>
  act(`/meetings/${meetingId}/close`, {}, options);

/** `GET /api/meetings/:id/minutes`: the published minutes, or the draft for moderators. */
export function getMinutes(meetingId: number, options: Quiet = {}): Promise<MinutesView> {
  return request(`/meetings/${meetingId}/minutes`, { ...options, schema: minutesViewSchema });
}

/** `PATCH /api/meetings/:id/minutes` with the revision the edit started from (CONFLICT when someone else saved). */
export function editMinutes(meetingId: number, text: string, revision: number, options: Quiet = {}) {
  return request(`/meetings/${meetingId}/minutes`, {
    ...options,
    method: 'PATCH',
    data: { text, revision },
    schema: minutesViewSchema,
  });
}

/** `POST /api/meetings/:id/minutes/publish`: public and frozen from then on. */
export function publishMinutes(meetingId: number, options: Quiet = {}): Promise<MinutesView> {
  return request(`/meetings/${meetingId}/minutes/publish`, {
    ...options,
    method: 'POST',
    data: {},
    schema: minutesViewSchema,
  });
}

// ---------------------------------------------------------------------------
// A vote on the item under discussion

/** What the moderator fills in to put the item to the vote. */
export interface MeetingVoteDraft {
  title: string;
  method: Extract<VoteMethod, 'yes_no' | 'single' | 'multiple' | 'election'>;
  /** Options of a choice vote (candidates of an election), one per line in the form. */
  options: string[];
  /** Multiple choice: how many options one ballot may select at most; an election: the seats to fill. */
  maxChoices: number;
  majority: NonNullable<NewVote['majority']>;
  base: NonNullable<NewVote['base']>;
  secret: boolean;
  resultsLive: boolean;
  /** How long the vote may stay open at most (the moderator closes it earlier). */
  minutes: number;
}

export const MEETING_VOTE_MINUTES = { min: 5, max: 180, default: 30 } as const;

export function aMeetingVoteDraft(topicTitle: string): MeetingVoteDraft {
  return {
    title: `关于“${topicTitle}”的表决`.slice(0, 80),
    method: 'yes_no',
    options: ['', ''],
    maxChoices: 2,
    majority: 'simple',
    base: 'YNA',
    secret: true,
    resultsLive: true,
    minutes: MEETING_VOTE_MINUTES.default,
  };
}

/**
 * The create-vote body for a council vote in the meeting on its current item,
 * or the first problem in the moderator's words (the server checks again).
 */
export function meetingVoteBody(
  draft: MeetingVoteDraft,
  state: Pick<LiveState, 'communityId' | 'meetingId' | 'currentItem'>,
  now = Date.now(),
): { body: NewVote } | { problem: string } {
  if (!state.currentItem) return { problem: '请先开始一个议题，再发起表决' };
  const title = draft.title.trim();
  if (title.length < 4) return { problem: '表决标题至少 4 个字' };
  if (title.length > 80) return { problem: '表决标题最多 80 个字' };
  const options = draft.options.map((o) => o.trim()).filter(Boolean);
  const election = draft.method === 'election';
  if (draft.method !== 'yes_no') {
    if (options.length < 2) return { problem: election ? '请至少填写两位候选人' : '请至少填写两个选项' };
    if (new Set(options).size !== options.length) return { problem: election ? '候选人不能重复' : '选项不能重复' };
    if (options.some((o) => o.length > 40))
      return { problem: election ? '候选人姓名最多 40 个字' : '每个选项最多 40 个字' };
  }
  if (draft.method === 'multiple' || election) {
    if (!Number.isInteger(draft.maxChoices) || draft.maxChoices < 1) {
      return { problem: election ? '请填写应选人数' : '请填写每票最多可选几项' };
    }
    if (draft.maxChoices > options.length) {
      return { problem: election ? '应选人数不能多于候选人数' : '每票最多可选的项数不能多于选项数' };
    }
  }
  const minutes = Math.min(MEETING_VOTE_MINUTES.max, Math.max(MEETING_VOTE_MINUTES.min, Math.round(draft.minutes)));
  return {
    body: {
      communityId: state.communityId,
      meetingId: state.meetingId,
      agendaItemId: state.currentItem.id,
      electorate: 'council',
      title,
      description: '',
      method: draft.method,
      ...(draft.method === 'yes_no' ? {} : { options }),
      ...(draft.method === 'multiple' || election ? { maxChoices: draft.maxChoices } : {}),
      majority: draft.majority,
      base: draft.base,
      secret: draft.secret,
      resultsLive: draft.resultsLive,
      allowChange: false,
      closesAt: new Date(now + minutes * 60_000).toISOString(),
    },
  };
}

/** `POST /api/votes` for the meeting's current item (council: only checked-in seat holders cast). */
export function openMeetingVote(body: NewVote, options: Quiet = {}): Promise<{ id: number }> {
  return request('/votes', { ...options, method: 'POST', data: body, schema: z.object({ id: z.number().int() }) });
}
