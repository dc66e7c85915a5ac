import { type Council, councilSchema } from '@shared/councils/councils.schema';
import { describeQuorum } from '@shared/meetings/attendance';
import {
  type AgendaCandidate,
  agendaCandidateSchema,
  type MeetingInviteeView,
  type MeetingListWhen,
  type MeetingPage,
  type MeetingSummary,
  meetingInviteeSchema,
  meetingPageSchema,
} from '@shared/meetings/meeting-lists.schema';
import {
  MEETING_MODE_LABELS,
  type MeetingView,
  meetingViewSchema,
  type ScheduleMeetingBody,
} from '@shared/meetings/meetings.schema';
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
import { getToken } from './session';

/**
 * Negotiation meetings (协商议事会): the community's meetings by time, one
 * meeting with its agenda and attendance, checking in by code (typed, or read
 * from the meeting's QR code), and the moderator's console: schedule, publish
 * the notice, roll call, the check-in QR code.
 */

export type { AgendaCandidate, Council, MeetingInviteeView, MeetingPage, MeetingSummary, MeetingView };
export { describeQuorum, MEETING_MODE_LABELS };

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

export const MEETING_PAGES = {
  list: '/pages/councils/index',
  detail: '/pages/meetings/detail',
  live: '/pages/meetings/live',
  console: '/moderator/meetings/index',
  schedule: '/moderator/meetings/new',
  manage: '/moderator/meetings/manage',
} as const;

export const meetingDetailUrl = (meetingId: number): string => `${MEETING_PAGES.detail}?id=${meetingId}`;
export const meetingLiveUrl = (meetingId: number): string => `${MEETING_PAGES.live}?id=${meetingId}`;
export const meetingManageUrl = (meetingId: number): string => `${MEETING_PAGES.manage}?id=${meetingId}`;

export function modeLabel(mode: MeetingView['mode']): string {
  return MEETING_MODE_LABELS[mode] ?? mode;
}

/** Statuses in which invitees may check in (the server's rule). */
export function checkInOpen(meeting: Pick<MeetingView, 'status'>): boolean {
  return meeting.status === 'announced' || meeting.status === 'in_session';
}

// ---------------------------------------------------------------------------
// Check-in codes

/** The alphabet of check-in codes as the server accepts them. */
const CODE_PATTERN = /^[A-Z2-9]{6}$/;

/** A typed code as the server wants it: capitals, no spaces or dashes. */
export function normalizeCheckInCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/** What is wrong with a typed check-in code, in a resident's words; undefined when it looks right. */
export function checkInCodeProblem(typed: string): string | undefined {
  const code = normalizeCheckInCode(typed);
  if (code.length === 0) return '请输入会场公布的 6 位签到码';
  if (code.length !== 6) return `签到码是 6 位，您输入了 ${code.length} 位`;
  if (!CODE_PATTERN.test(code)) return '签到码只包含字母和数字';
  return undefined;
}

export interface ScannedCheckIn {
  code: string;
  /** The meeting the QR code belongs to, when it says. */
  meetingId?: number;
}

/**
 * Reads what a scanned QR code says: the link the server prints
 * (`…/#/pages/meetings/detail?id=7&code=K7M2Q9`, also URL-encoded as WeChat
 * passes it in `q`) or a bare 6-character code. Undefined for anything else.
 */
export function readCheckInQr(scanned: string): ScannedCheckIn | undefined {
  let text = scanned.trim();
  if (/^https?%3A/i.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return undefined;
    }
  }
  if (CODE_PATTERN.test(normalizeCheckInCode(text)) && text.length <= 8) {
    return { code: normalizeCheckInCode(text) };
  }
  const query = text.split('?')[1];
  if (!text.includes(MEETING_PAGES.detail) || !query) return undefined;
  const params = new Map<string, string>();
  for (const pair of query.split('#')[0]!.split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key) params.set(key, value);
  }
  const code = normalizeCheckInCode(params.get('code') ?? '');
  if (!CODE_PATTERN.test(code)) return undefined;
  const id = Number(params.get('id'));
  return Number.isInteger(id) && id > 0 ? { code, meetingId: id } : { code };
}

// ---------------------------------------------------------------------------
// Reading

/** `GET /api/communities/:id/meetings/browse`: upcoming (soonest first) or past (latest first), paged. */
export function browseMeetings(
  communityId: number,
  when: MeetingListWhen,
  cursor?: string,
  options: Quiet = {},
): Promise<MeetingPage> {
  const data: Record<string, string | number> = { when, limit: 10 };
  if (cursor) data.cursor = cursor;
  return request(`/communities/${communityId}/meetings/browse`, { ...options, data, schema: meetingPageSchema });
}

/** `GET /api/meetings/:id`: notice, agenda, invitees (masked), attendance; the code for moderators. */
export function getMeeting(meetingId: number, options: Quiet = {}): Promise<MeetingView> {
  return request(`/meetings/${meetingId}`, { ...options, schema: meetingViewSchema });
}

/** `GET /api/communities/:id/councils`: councils with current seats, holders masked. */
export function listCouncils(communityId: number, options: Quiet = {}): Promise<Council[]> {
  return request(`/communities/${communityId}/councils`, { ...options, schema: z.array(councilSchema) });
}

/** `POST /api/meetings/:id/check-in` with the code; the meeting comes back with the new attendance. */
export function checkIn(meetingId: number, code: string, options: Quiet = {}): Promise<MeetingView> {
  return request(`/meetings/${meetingId}/check-in`, {
    ...options,
    method: 'POST',
    data: { code: normalizeCheckInCode(code) },
    schema: meetingViewSchema,
  });
}

// ---------------------------------------------------------------------------
// The moderator's console

/** `POST /api/meetings` (moderators). */
export function scheduleMeeting(body: ScheduleMeetingBody, options: Quiet = {}): Promise<MeetingView> {
  return request('/meetings', { ...options, method: 'POST', data: body, schema: meetingViewSchema });
}

/** `POST /api/meetings/:id/announce`: too late answers ILLEGAL_TRANSITION with the reason. */
export function announceMeeting(meetingId: number, options: Quiet = {}): Promise<MeetingView> {
  return request(`/meetings/${meetingId}/announce`, {
    ...options,
    method: 'POST',
    data: {},
    schema: meetingViewSchema,
  });
}

/** `POST /api/meetings/:id/roll-call`: marks an invitee present. */
export function rollCall(meetingId: number, userId: number, options: Quiet = {}): Promise<MeetingView> {
  return request(`/meetings/${meetingId}/roll-call`, {
    ...options,
    method: 'POST',
    data: { userId },
    schema: meetingViewSchema,
  });
}

/** `GET /api/meetings/:id/invitees` (moderators): real names and check-ins. */
export function listMeetingInvitees(meetingId: number, options: Quiet = {}): Promise<MeetingInviteeView[]> {
  return request(`/meetings/${meetingId}/invitees`, { ...options, schema: z.array(meetingInviteeSchema) });
}

/** `GET /api/communities/:id/agenda-topics` (moderators): topics an agenda may take. */
export function listAgendaCandidates(communityId: number, options: Quiet = {}): Promise<AgendaCandidate[]> {
  return request(`/communities/${communityId}/agenda-topics`, { ...options, schema: z.array(agendaCandidateSchema) });
}

/**
 * `GET /api/meetings/:id/check-in-qr` with the token, saved to a local file
 * an `<Image>` can show (an object URL on the web, a temp file on WeChat).
 */
export async function loadCheckInQr(meetingId: number): Promise<string> {
  const token = getToken();
  let response: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    response = await Taro.downloadFile({
      url: `${apiBaseUrl()}/meetings/${meetingId}/check-in-qr`,
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0);
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    releaseCheckInQr(response.tempFilePath);
    throw toApiError(response.statusCode, undefined);
  }
  return response.tempFilePath;
}

/** Frees an image loaded by `loadCheckInQr` (the web keeps object URLs until revoked). */
export function releaseCheckInQr(path: string | undefined): void {
  if (path?.startsWith('blob:') && typeof URL !== 'undefined' && typeof URL.revokeObjectURL === 'function') {
    URL.revokeObjectURL(path);
  }
}
