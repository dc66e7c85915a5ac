import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { aMe, apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { COMMUNITIES } from '@/test-support/topic-fixtures';
import CouncilsPage from './index';

// Allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

const VOTES = [
  { id: 8, title: '东门加装充电桩', electorate: 'residents', status: 'open', closesAt: '2026-12-10T10:00:00.000Z' },
  { id: 5, title: '广场舞时间调整', electorate: 'households', status: 'closed', closesAt: '2026-11-01T10:00:00.000Z' },
];

const meeting = (id: number, title: string, status: string, statusLabel: string, startsAt: string) => ({
  id,
  title,
  startsAt,
  place: '社区党群服务中心二楼会议室',
  mode: 'offline',
  status,
  statusLabel,
  councilName: '和平里社区协商议事会',
  agendaCount: 2,
});

const UPCOMING = {
  items: [meeting(7, '十二月协商议事会', 'announced', '已发布通知', '2026-12-05T11:30:00.000Z')],
  nextCursor: 'NEXT',
};
const MORE = {
  items: [meeting(9, '一月协商议事会', 'announced', '已发布通知', '2027-01-09T11:30:00.000Z')],
  nextCursor: null,
};
const PAST = {
  items: [meeting(3, '十月协商议事会', 'closed', '已结束', '2026-10-10T11:30:00.000Z')],
  nextCursor: null,
};

const COUNCILS = [
  {
    id: 4,
    communityId: 1,
    estateId: null,
    estateName: null,
    name: '和平里社区协商议事会',
    seats: [
      {
        id: 1,
        party: 'resident_representative',
        partyLabel: '居民代表',
        holderName: '陈**',
        organisation: null,
        termStart: '2025-01-01',
        termEnd: '2027-12-31',
        current: true,
      },
      {
        id: 2,
        party: 'property_company',
        partyLabel: '物业服务企业',
        holderName: '赵**',
        organisation: '恒安物业服务有限公司',
        termStart: '2025-01-01',
        termEnd: '2027-12-31',
        current: true,
      },
      {
        id: 3,
        party: 'owners_committee',
        partyLabel: '业主委员会',
        holderName: '孙**',
        organisation: null,
        termStart: '2020-01-01',
        termEnd: '2021-12-31',
        current: false,
      },
    ],
  },
];

function routes(overrides: Record<string, unknown> = {}) {
  return routeApi({
    'GET /api/communities/1/votes': ok(VOTES),
    'GET /api/communities/1/meetings/browse': (request) =>
      ok(
        (request.data as { when: string; cursor?: string }).when === 'past'
          ? PAST
          : (request.data as { cursor?: string }).cursor
            ? MORE
            : UPCOMING,
      ),
    'GET /api/communities/1/councils': ok(COUNCILS),
    ...(overrides as Record<string, never>),
  });
}

describe('议事会', () => {
  it('signed out: the lists of the first community, and a way to sign in before checking in or voting', async () => {
    routes({ 'GET /api/communities': ok(COMMUNITIES) });
    render(<CouncilsPage />);
    const upcoming = await screen.findByRole('region', { name: '近期会议' });
    await within(upcoming).findByText('十二月协商议事会');
    expect(screen.getByText('登录并认证房屋后，可以在会场签到、申请发言，并参加表决。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/login/index' });
  });

  it('lists upcoming and past meetings, open and closed votes, and the council with masked names', async () => {
    signedInAs(member(['resident']));
    routes();
    render(<CouncilsPage />);
    const upcoming = await screen.findByRole('region', { name: '近期会议' });
    await within(upcoming).findByText('十二月协商议事会');
    expect(upcoming.textContent).toContain('已发布通知');
    expect(upcoming.textContent).toContain('社区党群服务中心二楼会议室');
    expect(upcoming.textContent).toContain('线下');
    expect(upcoming.textContent).toContain('2 个议题 · 和平里社区协商议事会');
    expect(await within(screen.getByRole('region', { name: '往期会议' })).findByText('十月协商议事会')).toBeTruthy();

    expect(screen.getByRole('region', { name: '进行中的表决' }).textContent).toContain('东门加装充电桩');
    expect(screen.getByRole('region', { name: '已结束的表决' }).textContent).toContain('广场舞时间调整');
    expect(screen.getByText('全体认证居民（一人一票）')).toBeTruthy();

    const council = screen.getByRole('region', { name: '议事会成员' });
    expect(council.textContent).toContain('陈**');
    expect(council.textContent).toContain('恒安物业服务有限公司');
    // Only seats within their term.
    expect(council.textContent).not.toContain('孙**');

    expect(screen.queryByRole('button', { name: '发起表决' })).toBeNull();
    expect(screen.queryByRole('button', { name: '会议管理' })).toBeNull();
    fireEvent.click(within(upcoming).getByRole('link', { name: /十二月协商议事会/ }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/meetings/detail?id=7' });
    screen.getByRole('link', { name: /东门加装充电桩/ }).click();
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/votes/detail?id=8' });
  });

  it('loads more upcoming meetings with the cursor', async () => {
    signedInAs(member(['resident']));
    const api = routes();
    render(<CouncilsPage />);
    const upcoming = await screen.findByRole('region', { name: '近期会议' });
    fireEvent.click(await within(upcoming).findByRole('button', { name: '加载更多会议' }));
    expect(await within(upcoming).findByText('一月协商议事会')).toBeTruthy();
    expect(within(upcoming).getByText('十二月协商议事会')).toBeTruthy();
    const pages = api.callsTo('GET /api/communities/1/meetings/browse').map((c) => c.data);
    expect(pages).toContainEqual({ when: 'upcoming', limit: 10, cursor: 'NEXT' });
    await waitFor(() => expect(within(upcoming).queryByRole('button', { name: '加载更多会议' })).toBeNull());
  });

  it('one list failing leaves the others, with a retry', async () => {
    signedInAs(member(['resident']));
    routes({ 'GET /api/communities/1/councils': apiError(503, 'DATABASE_BUSY', '系统繁忙，请稍后重试') });
    render(<CouncilsPage />);
    const council = screen.getByRole('region', { name: '议事会成员' });
    expect(await within(council).findByText('议事会成员没有读取成功')).toBeTruthy();
    expect(within(council).getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(await screen.findByText('十二月协商议事会')).toBeTruthy();
  });

  it('moderators reach the meeting console and start votes', async () => {
    signedInAs(member(['moderator']));
    routes({ 'GET /api/communities/1/votes': ok([]) });
    render(<CouncilsPage />);
    expect(await screen.findByText('现在没有进行中的表决。')).toBeTruthy();
    screen.getByRole('button', { name: '会议管理' }).click();
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/meetings/index?communityId=1' });
    screen.getByRole('button', { name: '发起表决' }).click();
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/votes/new' });
  });
});
