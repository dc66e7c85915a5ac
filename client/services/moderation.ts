import type { Me } from '@shared/auth/auth.schema';
import type { ClaimStatus, GrantedRole } from '@shared/auth/roles';
import { ERRORS } from '@shared/errors';
import {
  type ClaimView,
  claimViewSchema,
  communitySummarySchema,
  type Member,
  type ModerationClaim,
  memberSchema,
  moderationClaimSchema,
  type RosterImportReport,
  roleGrantSchema,
  rosterImportReportSchema,
} from '@shared/members/members.schema';
import Taro from '@tarojs/taro';
import { z } from 'zod';
import {
  ApiError,
  apiBaseUrl,
  NETWORK_ERROR,
  NETWORK_ERROR_MESSAGE,
  newIdempotencyKey,
  type RequestOptions,
  request,
  toApiError,
} from './request';
import { getToken } from './session';

/**
 * The committee's side of the API: unit-claim approvals, members and the
 * owners' roster. JSON calls go through the request module; the two file
 * transfers (roster upload, evidence photo download) use Taro's file APIs with
 * the same token, Idempotency-Key and error mapping.
 */

export type { ClaimView, Member, ModerationClaim, RosterImportReport };
export type ModeratedCommunity = Me['communities'][number];
export type MemberStatusFilter = 'active' | 'suspended' | 'all';
export type RosterImportMode = RosterImportReport['mode'];

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

/** Taro event fired after a claim is decided, so the workbench can refresh its pending count. */
export const CLAIMS_CHANGED_EVENT = 'moderation:claims-changed';

/** The communities where the user is an active moderator (社区工作者). */
export function moderatedCommunities(me: Me): ModeratedCommunity[] {
  return me.communities.filter((community) => community.roles.includes('moderator') && community.status === 'active');
}

// ---------------------------------------------------------------------------
// Unit claims (认证审核)

/** `GET /api/communities/:id/claims?status=`: claims with the roster owners on file for each unit. */
export function listClaims(communityId: number, status: ClaimStatus, options: Quiet = {}): Promise<ModerationClaim[]> {
  return request(`/communities/${communityId}/claims`, {
    ...options,
    data: { status },
    schema: z.array(moderationClaimSchema),
  });
}

/** `POST /api/claims/:id/approve`. ILLEGAL_TRANSITION (409) when someone already decided it. */
export function approveClaim(claimId: number): Promise<ClaimView> {
  return request(`/claims/${claimId}/approve`, { method: 'POST', data: {}, schema: claimViewSchema });
}

/** `POST /api/claims/:id/reject` with the reason the resident will read (2–200 characters). */
export function rejectClaim(claimId: number, reason: string): Promise<ClaimView> {
  return request(`/claims/${claimId}/reject`, {
    method: 'POST',
    data: { reason: reason.trim() },
    schema: claimViewSchema,
  });
}

/**
 * `GET /api/uploads/:id` with the token, saved to a local file: an object URL
 * on the web (revoke it with `releaseEvidencePhoto`), a temp file on WeChat.
 * Resolves with a path an `<Image>` can show.
 */
export async function loadEvidencePhoto(uploadId: number): Promise<string> {
  let response: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    response = await Taro.downloadFile({ url: `${apiBaseUrl()}/uploads/${uploadId}`, header: authHeader() });
  } catch {
    throw new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0);
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    releaseEvidencePhoto(response.tempFilePath);
    // The error body went into the file; a 404 here is a photo that is gone, not a wrong route.
    if (response.statusCode === 404) throw new ApiError('NOT_FOUND', ERRORS.NOT_FOUND.message, 404);
    throw toApiError(response.statusCode, undefined);
  }
  return response.tempFilePath;
}

/** Frees a photo loaded by `loadEvidencePhoto` (the web keeps object URLs until revoked). */
export function releaseEvidencePhoto(path: string | undefined): void {
  if (path?.startsWith('blob:') && typeof URL !== 'undefined' && typeof URL.revokeObjectURL === 'function') {
    URL.revokeObjectURL(path);
  }
}

// ---------------------------------------------------------------------------
// Members (成员管理)

/** Members per page of the member list. */
export const MEMBER_PAGE_SIZE = 30;

export interface MemberQuery {
  status: MemberStatusFilter;
  /** Part of a name, nickname or phone number. */
  q?: string;
  /** Keyset cursor: the last userId of the previous page. */
  after?: number;
  limit?: number;
}

/** `GET /api/communities/:id/members`, one keyset page ordered by user id. */
export function listMembers(communityId: number, query: MemberQuery, options: Quiet = {}): Promise<Member[]> {
  const data: Record<string, string | number> = { status: query.status, limit: query.limit ?? MEMBER_PAGE_SIZE };
  const q = query.q?.trim();
  if (q) data.q = q;
  if (query.after !== undefined) data.after = query.after;
  return request(`/communities/${communityId}/members`, { ...options, data, schema: z.array(memberSchema) });
}

/** `POST …/members/:userId/suspend`: the member can still read but no longer act in the community. */
export async function suspendMember(communityId: number, userId: number, reason: string): Promise<void> {
  await request(`/communities/${communityId}/members/${userId}/suspend`, {
    method: 'POST',
    data: { reason: reason.trim() },
  });
}

/** `POST …/members/:userId/restore`. */
export async function restoreMember(communityId: number, userId: number): Promise<void> {
  await request(`/communities/${communityId}/members/${userId}/restore`, { method: 'POST', data: {} });
}

export type GrantableRole = Exclude<GrantedRole, 'subdistrict_admin'>;

/** The community's estates (小区), for choosing where an estate-scoped role applies. */
export async function listEstates(communityId: number, options: Quiet = {}): Promise<{ id: number; name: string }[]> {
  const communities = await request('/communities', { ...options, schema: z.array(communitySummarySchema) });
  const community = communities.find((candidate) => candidate.id === communityId);
  return (community?.estates ?? []).map(({ id, name }) => ({ id, name }));
}

export interface GrantRoleInput {
  userId: number;
  role: GrantableRole;
  estateId?: number;
  organisation?: string;
}

/** `POST /api/communities/:id/roles`: grants a member a role in the community or one of its estates. */
export function grantRole(communityId: number, input: GrantRoleInput) {
  return request(`/communities/${communityId}/roles`, { method: 'POST', data: input, schema: roleGrantSchema });
}

/** `POST /api/roles/:id/revoke`: takes a granted role away at once. */
export async function revokeRole(grantId: number): Promise<void> {
  await request(`/roles/${grantId}/revoke`, { method: 'POST', data: {} });
}

// ---------------------------------------------------------------------------
// Roster import (居民名册导入)

/** A file the moderator picked: a local path Taro can upload (temp file on WeChat, object URL on the web). */
export interface LocalFile {
  path: string;
  name: string;
  size: number;
}

export interface RosterUpload {
  /** The server's report; rejects with an `ApiError`. */
  result: Promise<RosterImportReport>;
  /** Stops the upload; `result` then rejects. */
  abort: () => void;
}

/** Uploads and the server's checking of a 20,000-row file take a while on a slow line. */
const ROSTER_UPLOAD_TIMEOUT_MS = 180_000;

/**
 * `POST /api/communities/:id/roster` (multipart, file part `file`): checks
 * (`validate`) or imports (`all`, `valid_rows`) a CSV/XLSX roster.
 * `onProgress` gets the percentage of the file sent; at 100 the server is
 * still checking the rows.
 */
export function uploadRoster(
  communityId: number,
  file: LocalFile,
  mode: RosterImportMode,
  onProgress?: (percent: number) => void,
): RosterUpload {
  const task = Taro.uploadFile({
    url: `${apiBaseUrl()}/communities/${communityId}/roster`,
    filePath: file.path,
    name: 'file',
    fileName: file.name,
    formData: { mode },
    header: { ...authHeader(), Accept: 'application/json', 'Idempotency-Key': newIdempotencyKey() },
    timeout: ROSTER_UPLOAD_TIMEOUT_MS,
  });
  if (onProgress && typeof task.progress === 'function') {
    task.progress((update) => onProgress(Math.max(0, Math.min(100, Math.round(update.progress)))));
  }
  const result = task.then(
    (response) => readRosterResponse(response.statusCode, response.data),
    () => {
      throw new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0);
    },
  );
  return {
    result,
    abort: () => {
      if (typeof task.abort === 'function') task.abort();
    },
  };
}

/** Turns the upload's answer (a string body, as wx.uploadFile gives it) into a report or an `ApiError`. */
export function readRosterResponse(statusCode: number, data: unknown): RosterImportReport {
  const body = parseJson(data);
  if (statusCode < 200 || statusCode >= 300) throw toApiError(statusCode, body);
  const parsed = rosterImportReportSchema.safeParse(body);
  if (!parsed.success) throw toApiError(500, undefined);
  return parsed.data;
}

function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}
