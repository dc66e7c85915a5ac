import { EVALUATION_LABELS } from '@shared/outcomes/outcomes.rules';
import {
  answerObjectionResultSchema,
  type BoardEntry,
  type BoardItem,
  type BoardStatus,
  boardEntrySchema,
  boardPageSchema,
  moderationObjectionSchema,
} from '@shared/outcomes/outcomes.schema';
import { z } from 'zod';
import { apiBaseUrl, type RequestOptions, request } from './request';

/**
 * Outcomes (成果运用): the public board (公示栏) and one entry, objections
 * (异议) and their answers, implementation (落实) with progress, the
 * completion report, residents' evaluation (满意度), and the moderators'
 * steps: recording a resolution, publishing it, assigning implementation.
 */

export type { BoardEntry, BoardItem, BoardStatus };
export { EVALUATION_LABELS };
export type ModerationObjection = z.infer<typeof moderationObjectionSchema>;

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

export const OUTCOME_PAGES = {
  board: '/pages/board/index',
  entry: '/pages/board/detail',
  implementation: '/pages/outcomes/implementation',
  moderator: '/moderator/outcomes/index',
} as const;

export const boardEntryUrl = (topicId: number): string => `${OUTCOME_PAGES.entry}?id=${topicId}`;
export const implementationUrl = (topicId: number): string => `${OUTCOME_PAGES.implementation}?id=${topicId}`;

/** The full URL of an outcome photo: progress photos need no login. */
export function outcomePhotoUrl(path: string): string {
  return `${apiBaseUrl()}${path.replace(/^\/api/, '')}`;
}

/** `GET /api/communities/:id/board`: topics in publicity, implementation and completed, newest first. */
export function listBoard(
  communityId: number,
  query: { status?: BoardStatus; cursor?: number } = {},
  options: Quiet = {},
): Promise<{ items: BoardItem[]; nextCursor: number | null }> {
  return request(`/communities/${communityId}/board`, { ...options, data: query, schema: boardPageSchema });
}

/** `GET /api/board/topics/:id` (no login needed). */
export function getBoardEntry(topicId: number, options: Quiet = {}): Promise<BoardEntry> {
  return request(`/board/topics/${topicId}`, { ...options, schema: boardEntrySchema });
}

/** `POST /api/topics/:id/objections`. */
export function fileObjection(topicId: number, text: string, photoUploadIds: number[]): Promise<BoardEntry> {
  return request(`/topics/${topicId}/objections`, {
    method: 'POST',
    data: { text, photoUploadIds },
    schema: boardEntrySchema,
  });
}

/** `POST /api/topics/:id/evaluations`: 1–5 and an optional comment, once. */
export function evaluateTopic(topicId: number, score: number, comment: string): Promise<BoardEntry> {
  return request(`/topics/${topicId}/evaluations`, {
    method: 'POST',
    data: comment.trim() ? { score, comment: comment.trim() } : { score },
    schema: boardEntrySchema,
  });
}

/** `POST /api/topics/:id/progress` (the responsible person, the party, moderators). */
export function postProgress(topicId: number, text: string, photoUploadIds: number[]): Promise<BoardEntry> {
  return request(`/topics/${topicId}/progress`, {
    method: 'POST',
    data: { text, photoUploadIds },
    schema: boardEntrySchema,
  });
}

/** `POST /api/topics/:id/completion`: the completion report; the topic is completed. */
export function reportCompletion(topicId: number, text: string, photoUploadIds: number[]): Promise<BoardEntry> {
  return request(`/topics/${topicId}/completion`, {
    method: 'POST',
    data: { text, photoUploadIds },
    schema: boardEntrySchema,
  });
}

/** `POST /api/milestones/:id/done`. */
export function completeMilestone(milestoneId: number): Promise<BoardEntry> {
  return request(`/milestones/${milestoneId}/done`, { method: 'POST', data: {}, schema: boardEntrySchema });
}

/** `POST /api/topics/:id/resolution` (moderators). */
export function recordResolution(topicId: number, text: string, voteId?: number): Promise<BoardEntry> {
  return request(`/topics/${topicId}/resolution`, {
    method: 'POST',
    data: voteId ? { text, voteId } : { text },
    schema: boardEntrySchema,
  });
}

/** `POST /api/topics/:id/publicity` (moderators). */
export function publishResolution(topicId: number): Promise<BoardEntry> {
  return request(`/topics/${topicId}/publicity`, { method: 'POST', data: {}, schema: boardEntrySchema });
}

export interface Assignment {
  partyId: number;
  personUserId: number;
  dueDate: string;
  milestones: { title: string; dueDate: string }[];
}

/** `POST /api/topics/:id/implementation` (moderators). */
export function assignImplementation(topicId: number, assignment: Assignment): Promise<BoardEntry> {
  return request(`/topics/${topicId}/implementation`, { method: 'POST', data: assignment, schema: boardEntrySchema });
}

/** `GET /api/communities/:id/objections` (moderators). */
export function listObjections(
  communityId: number,
  status: 'pending' | 'all' = 'pending',
  options: Quiet = {},
): Promise<ModerationObjection[]> {
  return request(`/communities/${communityId}/objections`, {
    ...options,
    data: { status },
    schema: z.array(moderationObjectionSchema),
  });
}

/** `POST /api/objections/:id/answer` (moderators). */
export function answerObjection(objectionId: number, decision: 'upheld' | 'dismissed', reply: string) {
  return request(`/objections/${objectionId}/answer`, {
    method: 'POST',
    data: { decision, reply },
    schema: answerObjectionResultSchema,
  });
}

/** The satisfaction line shown on the board: 满意率 80.0%（4/5 人满意）. */
export function satisfactionText(s: Pick<BoardEntry['evaluation'], 'total' | 'satisfied' | 'percent'>): string {
  if (s.total === 0) return '暂无评价';
  return `满意率 ${s.percent}（${s.total} 人评价，${s.satisfied} 人满意）`;
}
