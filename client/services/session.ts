import type { LoginResponse, Me } from '@shared/auth/auth.schema';
import Taro from '@tarojs/taro';
import { useSyncExternalStore } from 'react';

/**
 * Who is signed in on this device: the API token with its expiry, the last
 * known profile (`Me`) and the community the resident is looking at. All of it
 * lives in Taro storage, so a restart of the mini-program or a reload of the
 * web page keeps the resident signed in. Pages read it with `useSession()`;
 * only the services change it.
 */

/** Storage key of the API token (read on every request). */
export const TOKEN_STORAGE_KEY = 'yishi.token';
/** Storage key of `{ expiresAt, me }`. */
export const SESSION_STORAGE_KEY = 'yishi.session';
/** Storage key of the id of the community the resident chose. */
export const COMMUNITY_STORAGE_KEY = 'yishi.community';
/** Storage key of the unit claim form kept after a failed submission (personal data: gone on sign-out). */
export const CLAIM_DRAFT_STORAGE_KEY = 'yishi.claimDraft';
/** Storage key of the topic forms kept on the device (a new topic, edits of returned ones): gone on sign-out. */
export const TOPIC_DRAFTS_STORAGE_KEY = 'yishi.topicDrafts';

export type MyCommunity = Me['communities'][number];

export interface SessionState {
  /** Undefined when nobody is signed in. */
  token?: string;
  /** ISO time the token stops working. */
  expiresAt?: string;
  /** The profile as last read from the server. */
  me?: Me;
  /** The community chosen in the switcher (may be one the user has not joined yet). */
  communityId?: number;
}

interface StoredSession {
  expiresAt?: string;
  me?: Me;
}

type Listener = () => void;

const listeners = new Set<Listener>();
let state: SessionState | undefined;

function readStorage(): SessionState {
  const token = getToken();
  const stored = Taro.getStorageSync(SESSION_STORAGE_KEY) as StoredSession | '' | undefined;
  const community: unknown = Taro.getStorageSync(COMMUNITY_STORAGE_KEY);
  const communityId = typeof community === 'number' ? community : undefined;
  if (!token) return { communityId };
  const session = stored && typeof stored === 'object' ? stored : {};
  if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
    // The token has expired: forget it rather than send it.
    Taro.removeStorageSync(TOKEN_STORAGE_KEY);
    Taro.removeStorageSync(SESSION_STORAGE_KEY);
    return { communityId };
  }
  return { token, expiresAt: session.expiresAt, me: session.me, communityId };
}

function setState(next: SessionState): void {
  state = next;
  for (const listener of [...listeners]) listener();
}

/** The current session (read from storage the first time). */
export function getSession(): SessionState {
  if (!state) state = readStorage();
  return state;
}

/** Calls `listener` after every change of the session; returns the unsubscribe function. */
export function subscribeSession(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Forgets the cached state and reads storage again (app start, tests). */
export function reloadSession(): SessionState {
  setState(readStorage());
  return getSession();
}

/** The stored API token, or `undefined` when nobody is signed in. */
export function getToken(): string | undefined {
  const token: unknown = Taro.getStorageSync(TOKEN_STORAGE_KEY);
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/** Keeps the answer of a login (persona, WeChat) as the session. */
export function startSession(login: LoginResponse): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, login.token);
  Taro.setStorageSync(SESSION_STORAGE_KEY, { expiresAt: login.expiresAt, me: login.user });
  const current = getSession().communityId;
  setState({
    token: login.token,
    expiresAt: login.expiresAt,
    me: login.user,
    communityId: chooseCommunityId(login.user, current),
  });
}

/** Replaces the stored profile with a fresh one from the server. */
export function updateMe(me: Me): void {
  const current = getSession();
  if (!current.token) return;
  Taro.setStorageSync(SESSION_STORAGE_KEY, { expiresAt: current.expiresAt, me });
  setState({ ...current, me, communityId: chooseCommunityId(me, current.communityId) });
}

/** Signs out on this device: the token and anything personal go, the chosen community stays. */
export function clearSession(): void {
  Taro.removeStorageSync(TOKEN_STORAGE_KEY);
  Taro.removeStorageSync(SESSION_STORAGE_KEY);
  Taro.removeStorageSync(CLAIM_DRAFT_STORAGE_KEY);
  Taro.removeStorageSync(TOPIC_DRAFTS_STORAGE_KEY);
  const { communityId } = getSession();
  setState({ communityId });
}

/** Remembers the community the resident chose in the switcher. */
export function selectCommunity(communityId: number): void {
  Taro.setStorageSync(COMMUNITY_STORAGE_KEY, communityId);
  setState({ ...getSession(), communityId });
}

/** Keeps the chosen community when the user belongs to it, else the first of theirs. */
function chooseCommunityId(me: Me, chosen: number | undefined): number | undefined {
  if (chosen !== undefined && me.communities.some((c) => c.id === chosen)) return chosen;
  const first = me.communities[0]?.id;
  if (first !== undefined) Taro.setStorageSync(COMMUNITY_STORAGE_KEY, first);
  return first ?? chosen;
}

/** The community of the session the resident is looking at, when they belong to it. */
export function currentCommunity(session: SessionState): MyCommunity | undefined {
  const communities = session.me?.communities ?? [];
  return communities.find((c) => c.id === session.communityId) ?? communities[0];
}

/** True when the user holds one of `roles` in any of their communities. */
export function hasRoleAnywhere(session: SessionState, roles: readonly string[]): boolean {
  return (session.me?.communities ?? []).some((c) => c.roles.some((role) => roles.includes(role)));
}

/** React hook: the session, re-rendering the component when it changes. */
export function useSession(): SessionState {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}
