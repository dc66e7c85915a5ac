import { type GroupBinding, type GroupEnterResult, groupEnterResultSchema } from '@shared/groups/groups.schema';
import Taro from '@tarojs/taro';
import { ApiError, request, signInWithWechat } from './request';
import { getToken } from './session';

/**
 * Sharing into WeChat group chats, and knowing which group a visitor came from.
 *
 * On the mini-program a page turns on `enableShareWithTicket()` and answers
 * `onShareAppMessage` with `topicShareMessage(topic)`; a card opened in a group
 * then carries a shareTicket, and `reportGroupEnter(communityId)` asks WeChat
 * for the group (wx.getGroupEnterInfo, encrypted: only the server can read it)
 * and remembers the group chat id for a later co-sign (`groupChatIdFor`).
 * On the web the same pages offer a link (`h5ShareLink`, `copyShareLink`).
 * Sharing is always optional: nothing here asks anyone to share.
 */

export const TOPIC_DETAIL_PAGE = '/pages/topics/detail';
/** Where the group a visitor last arrived from is remembered. */
export const GROUP_ENTER_STORAGE_KEY = 'yishi.groupEnter';
/** How long a remembered group still counts for a co-sign. */
export const GROUP_ENTER_TTL_MS = 7 * 24 * 3600 * 1000;

type QueryValue = string | number;

/** What `onShareAppMessage` returns: the card's title, the page it opens, an optional 5:4 image. */
export interface ShareAppMessage {
  title: string;
  path: string;
  imageUrl?: string;
}

/** What `onShareTimeline` (朋友圈) returns: no path, the current page opens with `query`. */
export interface ShareTimeline {
  title: string;
  query: string;
  imageUrl?: string;
}

export interface ShareableTopic {
  id: number;
  title: string;
  /** A photo of the topic for the card; WeChat uses a screenshot without one. */
  imageUrl?: string | null;
}

function queryString(params: Record<string, QueryValue>): string {
  return Object.entries(params)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
}

/** The card for any page (topics now; meeting notices, votes and results later). */
export function shareMessage(options: {
  title: string;
  page: string;
  params: Record<string, QueryValue>;
  imageUrl?: string | null;
}): ShareAppMessage {
  const path = `${options.page}?${queryString({ ...options.params, from: 'share' })}`;
  return { title: options.title.trim(), path, ...(options.imageUrl ? { imageUrl: options.imageUrl } : {}) };
}

/** `onShareAppMessage` payload for a topic: opens its detail page, marked as coming from a share. */
export function topicShareMessage(topic: ShareableTopic): ShareAppMessage {
  return shareMessage({
    title: topic.title,
    page: TOPIC_DETAIL_PAGE,
    params: { id: topic.id },
    imageUrl: topic.imageUrl,
  });
}

/** `onShareTimeline` payload for a topic (the detail page reads `id` from the query). */
export function topicTimelineShare(topic: ShareableTopic): ShareTimeline {
  return {
    title: topic.title.trim(),
    query: queryString({ id: topic.id, from: 'timeline' }),
    ...(topic.imageUrl ? { imageUrl: topic.imageUrl } : {}),
  };
}

/** The web address of any page of the H5 build (hash router). */
export function h5Link(page: string, params: Record<string, QueryValue>): string {
  const origin = (globalThis as { location?: { origin?: string } }).location?.origin ?? '';
  return `${origin}/#${page}?${queryString({ ...params, from: 'share' })}`;
}

/** The web address of a topic, to paste into a group chat. */
export function h5ShareLink(topicId: number): string {
  return h5Link(TOPIC_DETAIL_PAGE, { id: topicId });
}

/**
 * Copies a link to the clipboard and says so; false when the platform refused
 * (the resident is told to copy it by hand).
 */
export async function copyShareLink(link: string): Promise<boolean> {
  try {
    await Taro.setClipboardData({ data: link });
  } catch {
    await Promise.resolve(
      Taro.showToast({ title: '复制失败，请长按链接手动复制', icon: 'none', duration: 3000 }),
    ).catch(() => undefined);
    return false;
  }
  // The mini-program shows its own "内容已复制"; the web does not.
  if (process.env.TARO_ENV !== 'weapp') {
    await Promise.resolve(Taro.showToast({ title: '链接已复制，可以粘贴到微信群', icon: 'none' })).catch(
      () => undefined,
    );
  }
  return true;
}

/** Copies a topic's web link. */
export function copyTopicShareLink(topicId: number): Promise<boolean> {
  return copyShareLink(h5ShareLink(topicId));
}

/**
 * Turns on the share menu with shareTicket (so a card opened in a group tells
 * which group it was) for friends/groups and 朋友圈. Nothing on the web.
 */
export async function enableShareWithTicket(): Promise<void> {
  if (process.env.TARO_ENV !== 'weapp') return;
  const options: Taro.showShareMenu.Option & { menus: string[] } = {
    withShareTicket: true,
    menus: ['shareAppMessage', 'shareTimeline'],
  };
  try {
    await Taro.showShareMenu(options);
  } catch {
    // An old WeChat without these menus: sharing still works from the "…" menu.
  }
}

interface RememberedGroup {
  communityId: number;
  groupChatId: number;
  bound: GroupBinding | null;
  shareTicket: string;
  at: number;
}

function rememberedGroup(): RememberedGroup | undefined {
  const value = Taro.getStorageSync(GROUP_ENTER_STORAGE_KEY) as Partial<RememberedGroup> | '' | undefined;
  if (!value || typeof value !== 'object') return undefined;
  if (
    typeof value.communityId !== 'number' ||
    typeof value.groupChatId !== 'number' ||
    typeof value.shareTicket !== 'string' ||
    typeof value.at !== 'number'
  ) {
    return undefined;
  }
  return value as RememberedGroup;
}

/**
 * The group chat to send with a co-sign in `communityId` (`POST
 * /api/topics/:id/cosign {groupChatId}`): the one the visitor arrived from in
 * the last 7 days, in that community; undefined otherwise.
 */
export function groupChatIdFor(communityId: number, now = Date.now()): number | undefined {
  const remembered = rememberedGroup();
  if (!remembered || remembered.communityId !== communityId) return undefined;
  if (now - remembered.at > GROUP_ENTER_TTL_MS) return undefined;
  return remembered.groupChatId;
}

/** The launch or enter options of the mini-program, when WeChat gives them. */
function enterOptions(): { path?: string; query?: Record<string, unknown>; shareTicket?: string } | undefined {
  try {
    return Taro.getEnterOptionsSync?.() ?? Taro.getLaunchOptionsSync?.();
  } catch {
    return undefined;
  }
}

/** The topic a share card opened, read from the enter options' page and query. */
function topicIdOfCard(options: { path?: string; query?: Record<string, unknown> }): number | undefined {
  if (!options.path?.replace(/^\//, '').startsWith(TOPIC_DETAIL_PAGE.slice(1))) return undefined;
  const id = Number(options.query?.id);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}

async function readGroupEnterInfo(): Promise<{ encryptedData: string; iv: string }> {
  const info = (await Taro.getGroupEnterInfo()) as Partial<Taro.getGroupEnterInfo.SuccessCallbackResult>;
  if (!info?.encryptedData || !info.iv) throw new Error('getGroupEnterInfo answered no data');
  return { encryptedData: info.encryptedData, iv: info.iv };
}

/** Refusals after which fresh data under a fresh session key may work (the key changed since WeChat encrypted it). */
const RETRY_AFTER_SIGN_IN: ReadonlySet<string> = new Set(['undecryptable', 'stale']);

function refusalReason(error: unknown): string | undefined {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION_FAILED') return undefined;
  const reason = (error.details as { reason?: unknown } | undefined)?.reason;
  return typeof reason === 'string' ? reason : undefined;
}

/**
 * On the mini-program, when it was opened from a card in a group chat (its
 * enter options carry a shareTicket): asks WeChat for the group
 * (wx.getGroupEnterInfo), has the server read it (`POST /api/groups/enter`)
 * and remembers the group chat for a later co-sign. The topic the card opened
 * is sent along (from the enter options unless given), so a visitor who has
 * not joined the community yet counts too. Signs in with WeChat first when
 * needed (the server decrypts with the session key of that login), and once
 * more when the server could not read the data because the key changed.
 * Never shows an error: resolves null when there is no group or it failed,
 * and does nothing on the web.
 */
export async function reportGroupEnter(
  communityId: number,
  options: { topicId?: number } = {},
): Promise<GroupEnterResult | null> {
  if (process.env.TARO_ENV !== 'weapp') return null;
  const entered = enterOptions();
  const shareTicket = entered?.shareTicket;
  if (!entered || !shareTicket) return null;

  const remembered = rememberedGroup();
  if (remembered && remembered.shareTicket === shareTicket && remembered.communityId === communityId) {
    return { groupChatId: remembered.groupChatId, bound: remembered.bound ?? null };
  }

  const topicId = options.topicId ?? topicIdOfCard(entered);
  try {
    if (!getToken()) await signInWithWechat({ showErrorToast: false });
    for (let round = 1; ; round += 1) {
      const { encryptedData, iv } = await readGroupEnterInfo();
      try {
        const result = await request('/groups/enter', {
          method: 'POST',
          data: { communityId, encryptedData, iv, ...(topicId !== undefined ? { topicId } : {}) },
          schema: groupEnterResultSchema,
          showErrorToast: false,
        });
        const entry: RememberedGroup = {
          communityId,
          groupChatId: result.groupChatId,
          bound: result.bound,
          shareTicket,
          at: Date.now(),
        };
        Taro.setStorageSync(GROUP_ENTER_STORAGE_KEY, entry);
        return result;
      } catch (error) {
        const reason = refusalReason(error);
        if (round === 1 && reason !== undefined && RETRY_AFTER_SIGN_IN.has(reason)) {
          await signInWithWechat({ showErrorToast: false });
          continue;
        }
        throw error;
      }
    }
  } catch {
    return null;
  }
}
