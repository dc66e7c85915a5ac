import { fireEvent, render, screen } from '@testing-library/react';
import { apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aClaim, aModerator } from '../moderator.fixtures';
import ModeratorHomePage from '.';

describe('社区工作台', () => {
  it('shows the community, the pending count and opens each tool for that community', async () => {
    signedInAs(aModerator());
    routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/claims': ok([aClaim(), aClaim({ id: 7 }), aClaim({ id: 8 })]),
    });

    render(<ModeratorHomePage />);

    expect(await screen.findByText('和平里社区')).toBeTruthy();
    const approvals = await screen.findByRole('link', { name: /^认证审核.*待审核 3/ });
    fireEvent.click(approvals);
    fireEvent.click(screen.getByRole('link', { name: /^居民名册导入/ }));
    fireEvent.keyDown(screen.getByRole('link', { name: /^成员管理/ }), { key: 'Enter' });

    expect(taroMock.navigateTo.mock.calls.map(([options]) => options.url)).toEqual([
      '/moderator/approvals/index?communityId=1',
      '/moderator/roster/index?communityId=1',
      '/moderator/members/index?communityId=1',
    ]);
    expect(taroMock.eventCenter.on).toHaveBeenCalledWith('moderation:claims-changed', expect.any(Function));
  });

  it('asks a signed-out visitor to sign in first', async () => {
    render(<ModeratorHomePage />);

    expect(await screen.findByText('请先登录')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '前往“我的”登录' }));
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('offers a retry when the profile cannot be loaded', async () => {
    signedInAs(aModerator());
    routeApi({ 'GET /api/me': apiError(503, 'DATABASE_BUSY', '系统繁忙，请稍后重试') });

    render(<ModeratorHomePage />);

    expect((await screen.findByRole('alert')).textContent).toContain('系统繁忙，请稍后重试');
    expect(screen.getByRole('button', { name: '重试' })).toBeTruthy();
  });
});
