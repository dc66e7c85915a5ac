import { act, render, screen } from '@testing-library/react';
import { aLogin, aMe } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import {
  CLAIM_DRAFT_STORAGE_KEY,
  COMMUNITY_STORAGE_KEY,
  clearSession,
  currentCommunity,
  getSession,
  getToken,
  reloadSession,
  SESSION_STORAGE_KEY,
  selectCommunity,
  startSession,
  subscribeSession,
  TOKEN_STORAGE_KEY,
  updateMe,
  useSession,
} from './session';

const twoCommunities = aMe({
  communities: [
    { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['resident'], status: 'active' },
    { id: 2, name: '青石桥社区', subDistrictName: '长青街道', roles: ['moderator'], status: 'active' },
  ],
});

function WhoIsSignedIn() {
  const session = useSession();
  return <div>{session.me ? `${session.me.nickname} @ ${currentCommunity(session)?.name}` : '未登录'}</div>;
}

describe('session store', () => {
  it('keeps the login in storage, so a restart stays signed in', () => {
    startSession(aLogin(twoCommunities, 'token-abc'));

    expect(taroMock.setStorageSync).toHaveBeenCalledWith(TOKEN_STORAGE_KEY, 'token-abc');
    expect(getToken()).toBe('token-abc');
    const restarted = reloadSession();
    expect(restarted.token).toBe('token-abc');
    expect(restarted.me?.nickname).toBe('新居民小周');
    // The first community is chosen, and remembered.
    expect(restarted.communityId).toBe(1);
    expect(taroMock.getStorageSync(COMMUNITY_STORAGE_KEY)).toBe(1);
  });

  it('forgets an expired token when it starts', () => {
    startSession({ ...aLogin(), expiresAt: new Date(Date.now() - 1000).toISOString() });

    const restarted = reloadSession();

    expect(restarted.token).toBeUndefined();
    expect(getToken()).toBeUndefined();
    expect(taroMock.getStorageSync(SESSION_STORAGE_KEY)).toBe('');
  });

  it('tells subscribers and re-renders useSession readers on every change', () => {
    const changes = jest.fn();
    const unsubscribe = subscribeSession(changes);
    render(<WhoIsSignedIn />);
    expect(screen.getByText('未登录')).toBeTruthy();

    act(() => startSession(aLogin(twoCommunities)));
    expect(screen.getByText('新居民小周 @ 和平里社区')).toBeTruthy();

    act(() => selectCommunity(2));
    expect(screen.getByText('新居民小周 @ 青石桥社区')).toBeTruthy();
    expect(taroMock.getStorageSync(COMMUNITY_STORAGE_KEY)).toBe(2);

    act(() => updateMe({ ...twoCommunities, nickname: '小周' }));
    expect(screen.getByText('小周 @ 青石桥社区')).toBeTruthy();

    act(() => clearSession());
    expect(screen.getByText('未登录')).toBeTruthy();
    expect(changes).toHaveBeenCalledTimes(4);
    unsubscribe();
  });

  it('signing out removes the token and the claim draft but keeps the chosen community', () => {
    startSession(aLogin(twoCommunities));
    selectCommunity(2);
    taroMock.setStorageSync(CLAIM_DRAFT_STORAGE_KEY, { name: '周子涵' });

    clearSession();

    expect(getToken()).toBeUndefined();
    expect(taroMock.getStorageSync(CLAIM_DRAFT_STORAGE_KEY)).toBe('');
    expect(getSession()).toEqual({ communityId: 2 });
  });

  it('falls back to the first community when the chosen one is not among the user\u2019s', () => {
    selectCommunity(9);
    startSession(aLogin(twoCommunities));
    expect(getSession().communityId).toBe(1);
  });
});
