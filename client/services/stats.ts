import { ERRORS } from '@shared/errors';
import type { Period } from '@shared/stats/period';
import {
  type CommunityStats,
  communityStatsSchema,
  type Ledger,
  ledgerSchema,
  type MeetingPrint,
  meetingPrintSchema,
  type StatsScopes,
  type SubDistrictStats,
  statsScopesSchema,
  subDistrictStatsSchema,
} from '@shared/stats/stats.schema';
import Taro from '@tarojs/taro';
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
 * Ledgers (台账) and statistics for committee staff and sub-district admins.
 * JSON calls go through the request module; the XLSX export is a file
 * download with the same token and error mapping (a browser download on the
 * web, WeChat's document viewer in the mini-program). Used only by the
 * `stats` subpackage.
 */

export type { CommunityStats, Ledger, MeetingPrint, StatsScopes, SubDistrictStats };

/** Whose numbers: one community, or every community of a sub-district. */
export type ReportScope = { kind: 'community'; id: number } | { kind: 'sub_district'; id: number };

type Quiet = Pick<RequestOptions, 'showErrorToast'>;

function base(scope: ReportScope): string {
  return scope.kind === 'community' ? `/communities/${scope.id}` : `/sub-districts/${scope.id}`;
}

/** `GET /api/me/stats-scopes`: the communities and sub-districts the user may report on. */
export function listStatsScopes(options: Quiet = {}): Promise<StatsScopes> {
  return request('/me/stats-scopes', { ...options, schema: statsScopesSchema });
}

/** `GET /api/communities/:id/stats` for a period. */
export function communityStats(communityId: number, period: Period, options: Quiet = {}): Promise<CommunityStats> {
  return request(`/communities/${communityId}/stats`, { ...options, data: period, schema: communityStatsSchema });
}

/** `GET /api/sub-districts/:id/stats`: per community and totals. */
export function subDistrictStats(
  subDistrictId: number,
  period: Period,
  options: Quiet = {},
): Promise<SubDistrictStats> {
  return request(`/sub-districts/${subDistrictId}/stats`, { ...options, data: period, schema: subDistrictStatsSchema });
}

/** `GET …/ledger`: the ledger rows of a community or a sub-district. */
export function ledger(scope: ReportScope, period: Period, options: Quiet = {}): Promise<Ledger> {
  return request(`${base(scope)}/ledger`, { ...options, data: period, schema: ledgerSchema });
}

/** `GET /api/meetings/:id/print`: a meeting's record for printing. */
export function meetingPrint(meetingId: number, options: Quiet = {}): Promise<MeetingPrint> {
  return request(`/meetings/${meetingId}/print`, { ...options, schema: meetingPrintSchema });
}

/** The export's address, with the period as query parameters. */
export function ledgerExportUrl(scope: ReportScope, period: Period): string {
  return `${apiBaseUrl()}${base(scope)}/ledger/export?from=${period.from}&to=${period.to}`;
}

/** The file name the download is saved under: 和平里社区台账_2026-01-01至2026-06-30.xlsx. */
export function ledgerFileName(name: string, period: Period): string {
  return `${name}台账_${period.from}至${period.to}.xlsx`;
}

/**
 * Downloads the ledger workbook and hands it to the user: on the web the
 * browser saves it under `fileName`; in the mini-program WeChat opens it
 * (with its menu to forward or save). Rejects with an ApiError (toasted).
 */
export async function downloadLedger(scope: ReportScope, period: Period, fileName: string): Promise<void> {
  const token = getToken();
  let response: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    response = await Taro.downloadFile({
      url: ledgerExportUrl(scope, period),
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw shown(new ApiError(NETWORK_ERROR, NETWORK_ERROR_MESSAGE, 0));
  }
  if (response.statusCode < 200 || response.statusCode >= 300) {
    releaseFile(response.tempFilePath);
    throw shown(
      response.statusCode === 403
        ? new ApiError('FORBIDDEN', ERRORS.FORBIDDEN.message, 403)
        : toApiError(response.statusCode, undefined),
    );
  }
  if (process.env.TARO_ENV === 'h5') {
    saveInBrowser(response.tempFilePath, fileName);
    return;
  }
  try {
    await Taro.openDocument({ filePath: response.tempFilePath, fileType: 'xlsx', showMenu: true });
  } catch {
    throw shown(new ApiError('INTERNAL', '文件已下载，但手机无法打开，请在电脑上导出', 0));
  }
}

function shown(error: ApiError): ApiError {
  void Taro.showToast({ title: error.message, icon: 'none', duration: 3000 });
  return error;
}

/** Web: saves an object URL as a file through a temporary link, then frees it. */
function saveInBrowser(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => releaseFile(url), 10_000);
}

function releaseFile(path: string | undefined): void {
  if (path?.startsWith('blob:') && typeof URL !== 'undefined' && typeof URL.revokeObjectURL === 'function') {
    URL.revokeObjectURL(path);
  }
}
