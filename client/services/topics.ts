import { ERRORS } from '@shared/errors';
import { type TopicGroup, topicGroupListSchema } from '@shared/groups/groups.schema';
import {
  type CommentView,
  commentPageSchema,
  commentViewSchema,
  reportCommentResultSchema,
} from '@shared/topics/comments.schema';
import {
  type InboxFilter,
  type MY_TOPIC_RELATIONS,
  type QUEUE_STATUSES,
  type SimilarTopic,
  similarTopicsSchema,
  type TopicFeedSort,
  type TopicStatusGroup,
} from '@shared/topics/topic-lists.schema';
import { TOPIC_STATUSES, type TopicStatus } from '@shared/topics/topic-states';
import {
  communitySettingsSchema,
  partySchema,
  type resubmitTopicBodySchema,
  type SubmitTopicBody,
  type TopicDetail,
  type TopicSummary,
  type topicActionBodySchemas,
  topicDetailSchema,
  topicPageSchema,
} from '@shared/topics/topics.schema';
import type { UploadResult } from '@shared/uploads/uploads.schema';
import Taro from '@tarojs/taro';
import { z } from 'zod';
import {
  ApiError,
  apiBaseUrl,
  NETWORK_ERROR,
  NETWORK_ERROR_MESSAGE,
  type RequestOptions,
  request,
  toApiError,
} from './request';
import { getToken, TOPIC_DRAFTS_STORAGE_KEY } from './session';
import { groupChatIdFor, TOPIC_DETAIL_PAGE } from './share';
import { type ChosenPhoto, uploadPhoto } from './uploads';

/**
 * Topics (议题): the community feed and search, my topics, a responsible
 * party's queue, the moderator inbox; submitting and resubmitting (with the
 * draft kept on the device), the lifecycle actions, co-signing, following,
 * comments, photos and the WeChat subscribe-message grant.
 */

export type { CommentView, SimilarTopic, SubmitTopicBody, TopicDetail, TopicGroup, TopicSummary };
export type TopicPage = z.infer<typeof topicPageSchema>;
export type Party = z.infer<typeof partySchema>;
export type CommunitySettings = z.infer<typeof communitySettingsSchema>;
export type MyTopicRelation = (typeof MY_TOPIC_RELATIONS)[number];
export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export type ResubmitTopicBody = z.input<typeof resubmitTopicBodySchema>;

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

/** Where the topic pages live. */
export const TOPIC_PAGES = {
  feed: '/pages/topics/index',
  detail: TOPIC_DETAIL_PAGE,
  submit: '/pages/topics/new',
  mine: '/pages/topics/mine',
  queue: '/pages/queue/index',
  inbox: '/moderator/topics/inbox',
} as const;

export function topicDetailUrl(topicId: number): string {
  return `${TOPIC_PAGES.detail}?id=${topicId}`;
}

/** The form, opened to edit a returned topic and submit it again. */
export function resubmitUrl(topicId: number): string {
  return `${TOPIC_PAGES.submit}?resubmit=${topicId}`;
}

/** Roles whose holders usually act for a responsible party (物业, 业委会, 社会组织, 街道). */
export const PARTY_ROLES = ['property_manager', 'owners_committee', 'social_org', 'subdistrict_admin'] as const;

/** Query values without the empty ones (the server refuses `q=`). */
function query(values: Record<string, string | number | undefined>): Record<string, string | number> {
  const kept: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') kept[key] = value;
  }
  return kept;
}

// ---------------------------------------------------------------------------
// Lists (keyset pages: pass the previous page's `nextCursor` as `cursor`)

export interface FeedQuery {
  sort?: TopicFeedSort;
  status?: TopicStatus | TopicStatusGroup;
  category?: string;
  estateId?: number;
  q?: string;
  cursor?: string;
  limit?: number;
}

/** `GET /api/communities/:id/topics`: the public feed; `q` searches titles and descriptions. */
export function listCommunityTopics(communityId: number, feed: FeedQuery, options: Quiet = {}): Promise<TopicPage> {
  return request(`/communities/${communityId}/topics`, {
    ...options,
    data: query({ ...feed, q: feed.q?.trim() }),
    schema: topicPageSchema,
  });
}

/** Open topics whose titles read like `title` (to co-sign instead); none when the lookup fails. */
export async function findSimilarTopics(communityId: number, title: string): Promise<SimilarTopic[]> {
  const trimmed = title.trim();
  if (trimmed.length < 2) return [];
  try {
    const answer = await request(`/communities/${communityId}/topics/similar`, {
      data: { title: trimmed },
      schema: similarTopicsSchema,
      showErrorToast: false,
    });
    return answer.items;
  } catch {
    return [];
  }
}

/** `GET /api/me/topics`: topics I raised, co-signed or follow, newest first. */
export function listMyTopics(
  relation: MyTopicRelation,
  page: { cursor?: string; status?: TopicStatus; limit?: number } = {},
  options: Quiet = {},
): Promise<TopicPage> {
  return request('/me/topics', { ...options, data: query({ relation, ...page }), schema: topicPageSchema });
}

/** `GET /api/me/queue`: routed and handling topics of every party I act for, oldest first. */
export function listMyQueue(
  page: { status?: QueueStatus; cursor?: string; limit?: number } = {},
  options: Quiet = {},
): Promise<TopicPage> {
  return request('/me/queue', { ...options, data: query(page), schema: topicPageSchema });
}

export interface InboxQuery {
  status: InboxFilter;
  category?: string;
  estateId?: number;
  /** Only topics waiting in their status longer than this many days. */
  olderThanDays?: number;
  cursor?: string;
  limit?: number;
}

/** `GET /api/communities/:id/inbox` (moderators): longest waiting first. */
export function listInbox(communityId: number, inbox: InboxQuery, options: Quiet = {}): Promise<TopicPage> {
  return request(`/communities/${communityId}/inbox`, {
    ...options,
    data: query({ ...inbox }),
    schema: topicPageSchema,
  });
}

// ---------------------------------------------------------------------------
// One topic

export function getTopic(topicId: number, options: Quiet = {}): Promise<TopicDetail> {
  return request(`/topics/${topicId}`, { ...options, schema: topicDetailSchema });
}

/** Errors the submission form explains next to the fields instead of in a toast. */
const SHOWN_IN_FORM: ReadonlySet<string> = new Set([
  'VALIDATION_FAILED',
  'NOT_VERIFIED',
  'CONTENT_RISKY',
  'RATE_LIMITED',
  'PRIVACY_CONSENT_REQUIRED',
  'IDEMPOTENCY_KEY_REUSED',
]);

const formToast = (error: ApiError) => !SHOWN_IN_FORM.has(String(error.code));

/**
 * `POST /api/topics` with the draft's Idempotency-Key, so a retry after a lost
 * answer never files the topic twice. Rejects with an `ApiError`; the form
 * shows VALIDATION_FAILED (see `fieldErrorsOf`), NOT_VERIFIED, CONTENT_RISKY
 * and RATE_LIMITED itself, every other error is toasted.
 */
export function submitTopic(body: SubmitTopicBody, idempotencyKey: string): Promise<TopicDetail> {
  return request('/topics', {
    method: 'POST',
    data: body,
    idempotencyKey,
    schema: topicDetailSchema,
    showErrorToast: formToast,
  });
}

/** `POST /api/topics/:id/resubmit`: the author's edit of a returned topic. Errors as `submitTopic`. */
export function resubmitTopic(topicId: number, body: ResubmitTopicBody, idempotencyKey: string): Promise<TopicDetail> {
  return request(`/topics/${topicId}/resubmit`, {
    method: 'POST',
    data: body,
    idempotencyKey,
    schema: topicDetailSchema,
    showErrorToast: formToast,
  });
}

/** A VALIDATION_FAILED error's field messages by path (`title`, `onBehalfOf.name` …). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const fields = (error.details as { fields?: unknown } | undefined)?.fields;
  if (!Array.isArray(fields)) return {};
  const byPath: Record<string, string> = {};
  for (const field of fields as { path?: unknown; message?: unknown }[]) {
    if (typeof field.path === 'string' && typeof field.message === 'string' && !(field.path in byPath)) {
      byPath[field.path] = field.message;
    }
  }
  return byPath;
}

/** The lifecycle actions with a body (`topicActionBodySchemas`), each at its own path. */
export type TopicActionName = keyof typeof topicActionBodySchemas;
export type TopicActionBodies = { [A in TopicActionName]: z.input<(typeof topicActionBodySchemas)[A]> };

const ACTION_PATHS: Record<TopicActionName, string> = {
  return: 'return',
  reject: 'reject',
  merge: 'merge',
  accept: 'accept',
  route: 'route',
  sendBack: 'send-back',
  takeOn: 'take-on',
  escalate: 'escalate',
  answer: 'answer',
};

/** `POST /api/topics/:id/<action>`: moves the topic (or adds an answer); resolves with the topic after it. */
export function actOnTopic<A extends TopicActionName>(
  topicId: number,
  action: A,
  body: TopicActionBodies[A],
  options: Quiet = {},
): Promise<TopicDetail> {
  return request(`/topics/${topicId}/${ACTION_PATHS[action]}`, {
    ...options,
    method: 'POST',
    data: body,
    schema: topicDetailSchema,
  });
}

export type BulkAction = 'accept' | 'reject' | 'return';

const bulkResultSchema = z.object({
  results: z.array(
    z.object({
      topicId: z.number().int(),
      ok: z.boolean(),
      status: z.enum(TOPIC_STATUSES).nullable(),
      error: z.string().nullable(),
    }),
  ),
});
export type BulkResult = z.infer<typeof bulkResultSchema>['results'][number];

/** `POST /api/topics/bulk` (moderators): one result per topic; one failure does not stop the others. */
export async function bulkActOnTopics(topicIds: number[], action: BulkAction, reason?: string): Promise<BulkResult[]> {
  const answer = await request('/topics/bulk', {
    method: 'POST',
    data: { topicIds, action, ...(reason ? { reason: reason.trim() } : {}) },
    schema: bulkResultSchema,
  });
  return answer.results;
}

/** `POST /api/topics/:id/release-content` (moderators): publishes a topic held for content review. */
export function releaseTopicContent(topicId: number): Promise<TopicDetail> {
  return request(`/topics/${topicId}/release-content`, { method: 'POST', data: {}, schema: topicDetailSchema });
}

// ---------------------------------------------------------------------------
// Co-signing and following

const cosignResultSchema = z.object({
  cosignCount: z.number().int(),
  cosignTarget: z.number().int(),
  status: z.enum(TOPIC_STATUSES),
});
export type CosignResult = z.infer<typeof cosignResultSchema>;

/**
 * `POST /api/topics/:id/cosign`, with the WeChat group the resident arrived
 * from (if any, in this community). NOT_VERIFIED is left to the caller, which
 * explains it with a link to 认证房屋; other errors are toasted.
 */
export function cosignTopic(topic: { id: number; communityId: number }): Promise<CosignResult> {
  const groupChatId = groupChatIdFor(topic.communityId);
  return request(`/topics/${topic.id}/cosign`, {
    method: 'POST',
    data: groupChatId === undefined ? {} : { groupChatId },
    schema: cosignResultSchema,
    showErrorToast: (error) => error.code !== 'NOT_VERIFIED',
  });
}

export async function setFollowing(topicId: number, follow: boolean): Promise<boolean> {
  const answer = await request(`/topics/${topicId}/${follow ? 'follow' : 'unfollow'}`, {
    method: 'POST',
    data: {},
    schema: z.object({ following: z.boolean() }),
  });
  return answer.following;
}

/** `GET /api/topics/:id/groups`: which WeChat groups the co-signers came from (counts only). */
export function listTopicGroups(topicId: number): Promise<TopicGroup[]> {
  return request(`/topics/${topicId}/groups`, { schema: topicGroupListSchema, showErrorToast: false });
}

// ---------------------------------------------------------------------------
// The community's categories and co-sign rule, and its responsible parties (rarely change: kept per run)

const settingsCache = new Map<number, Promise<CommunitySettings>>();
const partiesCache = new Map<number, Promise<Party[]>>();

function cached<T>(cache: Map<number, Promise<T>>, key: number, load: () => Promise<T>): Promise<T> {
  const existing = cache.get(key);
  if (existing) return existing;
  const loading = load().catch((error: unknown) => {
    cache.delete(key);
    throw error;
  });
  cache.set(key, loading);
  return loading;
}

export function getCommunitySettings(communityId: number): Promise<CommunitySettings> {
  return cached(settingsCache, communityId, () =>
    request(`/communities/${communityId}/settings`, { schema: communitySettingsSchema }),
  );
}

export function listParties(communityId: number): Promise<Party[]> {
  return cached(partiesCache, communityId, () =>
    request(`/communities/${communityId}/parties`, { schema: z.array(partySchema) }),
  );
}

/** Forgets the cached settings and parties (tests; a moderator changed them). */
export function forgetCommunityTopicSettings(): void {
  settingsCache.clear();
  partiesCache.clear();
}

// ---------------------------------------------------------------------------
// Comments

export type CommentPage = z.infer<typeof commentPageSchema>;

export function listComments(topicId: number, cursor?: string): Promise<CommentPage> {
  return request(`/topics/${topicId}/comments`, {
    data: query({ cursor }),
    schema: commentPageSchema,
    showErrorToast: false,
  });
}

/** `POST /api/topics/:id/comments`; NOT_VERIFIED and CONTENT_RISKY are shown by the form. */
export function postComment(topicId: number, body: string): Promise<CommentView> {
  return request(`/topics/${topicId}/comments`, {
    method: 'POST',
    data: { body: body.trim() },
    schema: commentViewSchema,
    showErrorToast: (error) => error.code !== 'NOT_VERIFIED' && error.code !== 'CONTENT_RISKY',
  });
}

export async function reportComment(commentId: number, reason: string): Promise<void> {
  await request(`/comments/${commentId}/report`, {
    method: 'POST',
    data: { reason: reason.trim() },
    schema: reportCommentResultSchema,
  });
}

/** Moderators: hides a comment with a reason that is kept. */
export function hideComment(commentId: number, reason: string): Promise<CommentView> {
  return request(`/comments/${commentId}/hide`, {
    method: 'POST',
    data: { reason: reason.trim() },
    schema: commentViewSchema,
  });
}

// ---------------------------------------------------------------------------
// Photos

/** Uploads a photo the resident picked for a topic; resolves with its id. */
export function uploadTopicPhoto(photo: ChosenPhoto): Promise<UploadResult> {
  return uploadPhoto(photo, 'topic_photo');
}

/**
 * `GET /api/uploads/:id` with the token (photos are not public files), saved
 * to a local file: an object URL on the web (free it with
 * `releaseTopicPhoto`), a temp file on WeChat. Resolves with a path an
 * `<Image>` can show and `previewImage` can enlarge.
 */
export async function loadTopicPhoto(uploadId: number): Promise<string> {
  const token = getToken();
  let response: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    response = await Taro.downloadFile({
      url: `${apiBaseUrl()}/uploads/${uploadId}`,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0);
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    releaseTopicPhoto(response.tempFilePath);
    if (response.statusCode === 404) throw new ApiError('NOT_FOUND', ERRORS.NOT_FOUND.message, 404);
    throw toApiError(response.statusCode, undefined);
  }
  return response.tempFilePath;
}

/** Frees a photo loaded by `loadTopicPhoto` (the web keeps object URLs until revoked). */
export function releaseTopicPhoto(path: string | undefined): void {
  if (path?.startsWith('blob:') && typeof URL !== 'undefined' && typeof URL.revokeObjectURL === 'function') {
    URL.revokeObjectURL(path);
  }
}

/** Shows photos full screen, starting at `current` (swipe between them). */
export function previewPhotos(paths: string[], current: string): void {
  void Promise.resolve(Taro.previewImage({ urls: paths, current })).catch(() => undefined);
}

// ---------------------------------------------------------------------------
// The submission form's draft, kept on the device on every change and after a failed submission

export { TOPIC_DRAFTS_STORAGE_KEY };

export interface TopicFormDraft {
  communityId?: number;
  title: string;
  description: string;
  category?: string;
  scope?: SubmitTopicBody['scope'];
  estateId?: number;
  buildingId?: number;
  place: string;
  photoUploadIds: number[];
  hideAuthor: boolean;
  /** Grid workers: entered for a resident without the app (代居民提交). */
  onBehalf: boolean;
  onBehalfName: string;
  onBehalfUnit: string;
  /** Resubmission: what was added (补充说明). */
  note: string;
  /** Sent with every attempt of this submission, so a retry never files it twice. */
  idempotencyKey: string;
}

/** Which draft: a new topic, or the edit of returned topic N. */
export function draftSlot(resubmitTopicId?: number): string {
  return resubmitTopicId === undefined ? 'new' : `resubmit:${resubmitTopicId}`;
}

function storedDrafts(): Record<string, TopicFormDraft> {
  const stored: unknown = Taro.getStorageSync(TOPIC_DRAFTS_STORAGE_KEY);
  return stored && typeof stored === 'object' ? (stored as Record<string, TopicFormDraft>) : {};
}

export function loadTopicDraft(slot: string): TopicFormDraft | undefined {
  const draft = storedDrafts()[slot];
  return draft && typeof draft === 'object' && typeof draft.idempotencyKey === 'string' ? draft : undefined;
}

export function saveTopicDraft(slot: string, draft: TopicFormDraft): void {
  Taro.setStorageSync(TOPIC_DRAFTS_STORAGE_KEY, { ...storedDrafts(), [slot]: draft });
}

export function clearTopicDraft(slot: string): void {
  const { [slot]: _gone, ...rest } = storedDrafts();
  if (Object.keys(rest).length === 0) Taro.removeStorageSync(TOPIC_DRAFTS_STORAGE_KEY);
  else Taro.setStorageSync(TOPIC_DRAFTS_STORAGE_KEY, rest);
}

// ---------------------------------------------------------------------------
// WeChat subscribe messages (办理进展通知): asked for on the natural taps (submit, co-sign)

const templatesSchema = z.object({ topic_status: z.string().nullable() });
let topicStatusTemplate: string | null | undefined;

/**
 * Mini-program: reads the subscribe-message template id ahead of the tap
 * (WeChat only shows its dialog when asked straight from a tap, with no
 * network wait in between). Nothing on the web.
 */
export async function prepareTopicUpdates(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || topicStatusTemplate !== undefined) return;
  try {
    const templates = await request('/subscriptions/templates', { schema: templatesSchema, showErrorToast: false });
    topicStatusTemplate = templates.topic_status;
  } catch {
    // No dialog then; the in-app messages still arrive.
  }
}

/**
 * Call first thing in the tap handler: asks WeChat for one "topic status"
 * message (when a template is configured) and records the grant. Never
 * fails, never blocks the action: run it with `void`.
 */
export async function askForTopicUpdates(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp' || !topicStatusTemplate) return;
  const templateId = topicStatusTemplate;
  try {
    const answer = (await Taro.requestSubscribeMessage({ tmplIds: [templateId] } as Parameters<
      typeof Taro.requestSubscribeMessage
    >[0])) as unknown as Record<string, unknown>;
    const accepted = answer[templateId] === 'accept' ? 1 : 0;
    if (accepted > 0) {
      await request('/me/subscriptions', {
        method: 'POST',
        data: { templateKey: 'topic_status', accepted },
        showErrorToast: false,
      });
    }
  } catch {
    // Declined or not supported: the in-app messages still arrive.
  }
}
