import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { getSession } from '@/services/session';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import MePage from '.';

const unit = (claimId: number, status: 'pending' | 'approved' | 'rejected', label: string, rejectReason = null) => ({
  claimId,
  unitId: 300 + claimId,
  communityId: 1,
  estateName: '锦绣华庭',
  buildingName: '4号楼',
  label,
  relation: 'owner' as const,
  status,
  rejectReason: rejectReason as string | null,
  createdAt: '2026-11-27T02:00:00.000Z',
});

/** Renders 我的 and lets its on-show profile refresh land. */
async function renderMePage() {
  render(<MePage />);
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('我的 page', () => {
  it('signed out: invites the resident to sign in', async () => {
    await renderMePage();

    expect(screen.getByRole('heading', { level: 1, name: '我的' })).toBeTruthy();
    expect(screen.getByText('您还没有登录')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/login/index' });
    expect(screen.queryByText('进入社区工作台')).toBeNull();
    expect(taroMock.request).not.toHaveBeenCalled();
  });

  it('signed in: profile, roles in the current community, units with their claim status, unread messages', async () => {
    const me = aMe({
      communities: [
        { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['resident', 'owner'], status: 'active' },
      ],
      units: [
        unit(1, 'approved', '1单元601'),
        unit(2, 'pending', '1单元602'),
        { ...unit(3, 'rejected', '2单元101'), rejectReason: '房产证照片看不清' },
      ],
      unreadNotifications: 2,
    });
    signedInAs(me);
    const api = routeApi({ 'GET /api/me': ok(me) });

    await renderMePage();

    expect(screen.getByRole('heading', { level: 2, name: '新居民小周' })).toBeTruthy();
    expect(screen.getByText('手机号 138****1003')).toBeTruthy();
    expect(screen.getByText('居民')).toBeTruthy();
    expect(screen.getByText('业主')).toBeTruthy();
    const units = within(screen.getByRole('list', { name: '我的房屋' })).getAllByRole('listitem');
    expect(units.map((item) => item.textContent)).toEqual([
      expect.stringContaining('已认证'),
      expect.stringContaining('待审核'),
      expect.stringContaining('未通过原因：房产证照片看不清'),
    ]);
    // Only the pending claim can be withdrawn.
    expect(screen.getAllByText('撤回申请')).toHaveLength(1);
    expect(screen.getByText('2 条未读')).toBeTruthy();
    // Shown again on every visit, so decisions made elsewhere appear.
    await waitFor(() => expect(api.callsTo('GET /api/me')).toHaveLength(1));
    expect(screen.queryByText('进入社区工作台')).toBeNull();
  });

  it('withdraws a pending claim after confirmation', async () => {
    const me = aMe({ units: [unit(2, 'pending', '1单元602')] });
    signedInAs(me);
    const api = routeApi({
      'GET /api/me': [ok(me), ok(aMe())],
      'POST /api/claims/2/withdraw': ok({
        id: 2,
        unitId: 302,
        relation: 'owner',
        status: 'withdrawn',
        rosterMatched: false,
        rejectReason: null,
        message: '已撤回',
      }),
    });

    await renderMePage();
    fireEvent.click(screen.getByRole('button', { name: '撤回申请：锦绣华庭4号楼1单元602' }));

    await waitFor(() => expect(api.callsTo('POST /api/claims/2/withdraw')).toHaveLength(1));
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回认证申请' }));
    expect(await screen.findByText('您还没有认证房屋。认证后可以参加本小区的表决。')).toBeTruthy();
  });

  it('大字模式 is saved to the profile and puts the large-text class on the page', async () => {
    signedInAs();
    const api = routeApi({ 'GET /api/me': ok(aMe()), 'PATCH /api/me': ok(aMe({ largeText: true })) });

    await renderMePage();
    const toggle = screen.getByRole('switch', { name: '大字模式' });
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    fireEvent.click(toggle);

    await waitFor(() =>
      expect(screen.getByRole('switch', { name: '大字模式' }).getAttribute('aria-checked')).toBe('true'),
    );
    expect(api.callsTo('PATCH /api/me')[0]?.data).toEqual({ largeText: true });
    expect(screen.getByRole('main').className).toContain('yishi-large-text');
  });

  it('opens the committee workbench for moderators', async () => {
    const moderator = aMe({
      communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['moderator'], status: 'active' }],
    });
    signedInAs(moderator);
    routeApi({ 'GET /api/me': ok(moderator) });

    await renderMePage();
    fireEvent.click(screen.getByRole('button', { name: '进入社区工作台' }));

    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/index/index' });
  });

  it('认证房屋 goes through the privacy agreement when it was not accepted yet', async () => {
    signedInAs(aMe({ privacyAccepted: false }));
    routeApi({ 'GET /api/me': ok(aMe({ privacyAccepted: false })) });

    await renderMePage();
    fireEvent.click(screen.getByRole('button', { name: '认证房屋' }));

    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index?next=claim' });
  });

  it('switches between the communities the resident belongs to', async () => {
    const me = aMe({
      communities: [
        { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['resident'], status: 'active' },
        { id: 2, name: '青石桥社区', subDistrictName: '长青街道', roles: ['grid_worker'], status: 'active' },
      ],
    });
    signedInAs(me);
    routeApi({ 'GET /api/me': ok(me) });

    await renderMePage();
    expect(screen.getByText('在和平里社区的身份')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '切换社区' }));
    fireEvent.click(screen.getByRole('radio', { name: /青石桥社区/ }));

    expect(screen.getByText('在青石桥社区的身份')).toBeTruthy();
    expect(screen.getByText('网格员')).toBeTruthy();
    expect(getSession().communityId).toBe(2);
  });

  it('a resident without a community chooses one and joins it', async () => {
    const lonely = aMe({ communities: [] });
    signedInAs(lonely);
    const api = routeApi({
      'GET /api/me': ok(lonely),
      'GET /api/communities': ok([
        {
          id: 1,
          name: '和平里社区',
          subDistrictName: '长青街道',
          estates: [{ id: 2, name: '锦绣华庭', kind: 'commercial' }],
        },
      ]),
      'POST /api/communities/1/join': ok(aMe()),
    });

    await renderMePage();
    fireEvent.click(await screen.findByRole('radio', { name: /和平里社区/ }));
    fireEvent.click(screen.getByRole('button', { name: '加入社区' }));

    expect(await screen.findByText('在和平里社区的身份')).toBeTruthy();
    expect(api.callsTo('POST /api/communities/1/join')).toHaveLength(1);
  });

  it('退出登录 ends the session after confirmation', async () => {
    signedInAs();
    routeApi({ 'GET /api/me': ok(aMe()) });

    await renderMePage();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '退出登录' }));
    });

    expect(getSession().token).toBeUndefined();
    expect(screen.getByText('您还没有登录')).toBeTruthy();
  });
});
