import Taro from '@tarojs/taro';
import { LOGIN_PAGE } from './request';
import { getSession } from './session';

/** Where the resident-facing pages live, and the moves between them. */
export const PAGES = {
  home: '/pages/home/index',
  me: '/pages/me/index',
  login: LOGIN_PAGE,
  privacy: '/pages/privacy/index',
  claim: '/pages/claim/index',
  notifications: '/pages/notifications/index',
  personalData: '/pages/personal-data/index',
  invite: '/pages/invite/index',
  moderator: '/moderator/index/index',
} as const;

const TAB_PAGES: readonly string[] = [PAGES.home, '/pages/topics/index', '/pages/councils/index', PAGES.me];

/** Opens a page: a tab with switchTab, any other page on top of the current one. */
export function openPage(url: string): void {
  const path = url.split('?')[0] ?? url;
  const move = TAB_PAGES.includes(path) ? Taro.switchTab({ url: path }) : Taro.navigateTo({ url });
  void Promise.resolve(move).catch(() => undefined);
}

/** Back to the previous page; to `fallback` (a tab, 我的 by default) when the page was opened directly. */
export function goBack(fallback: string = PAGES.me): void {
  if (Taro.getCurrentPages().length > 1) void Promise.resolve(Taro.navigateBack()).catch(() => undefined);
  else openPage(fallback);
}

/** Replaces the current page (no way back to it). */
export function replacePage(url: string): void {
  void Promise.resolve(Taro.redirectTo({ url })).catch(() => undefined);
}

/**
 * Starts the unit claim: through the privacy agreement first when the
 * resident has not accepted it yet, and through sign-in when signed out.
 */
export function startUnitClaim(): void {
  const session = getSession();
  if (!session.token) openPage(PAGES.login);
  else if (!session.me?.privacyAccepted) openPage(`${PAGES.privacy}?next=claim`);
  else openPage(PAGES.claim);
}
