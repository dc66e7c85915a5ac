import { render, screen } from '@testing-library/react';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import CouncilsPage from './index';

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

const VOTES = [
  { id: 8, title: '东门加装充电桩', electorate: 'residents', status: 'open', closesAt: '2026-12-10T10:00:00.000Z' },
  { id: 5, title: '广场舞时间调整', electorate: 'households', status: 'closed', closesAt: '2026-11-01T10:00:00.000Z' },
];

describe('议事会', () => {
  it('lists open and closed votes; a resident opens one and sees no 发起表决', async () => {
    signedInAs(member(['resident']));
    routeApi({ 'GET /api/communities/1/votes': ok(VOTES) });
    render(<CouncilsPage />);
    expect(await screen.findByText('东门加装充电桩')).toBeTruthy();
    expect(screen.getByRole('region', { name: '进行中' }).textContent).toContain('东门加装充电桩');
    expect(screen.getByRole('region', { name: '已结束' }).textContent).toContain('广场舞时间调整');
    expect(screen.getByText('全体认证居民（一人一票）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '发起表决' })).toBeNull();
    screen.getByRole('link', { name: /东门加装充电桩/ }).click();
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/votes/detail?id=8' });
  });

  it('moderators see 发起表决', async () => {
    signedInAs(member(['moderator']));
    routeApi({ 'GET /api/communities/1/votes': ok([]) });
    render(<CouncilsPage />);
    expect(await screen.findByText('现在没有进行中的表决。')).toBeTruthy();
    screen.getByRole('button', { name: '发起表决' }).click();
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/votes/new' });
  });
});
