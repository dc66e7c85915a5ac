import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aPage, aTopicSummary, COMMUNITIES } from '@/test-support/topic-fixtures';
import HomePage from '.';

const health = ok({ status: 'ok', db: 'sqlite', version: '0.1.0' });
const recent = aPage([
  aTopicSummary({ id: 12, title: '锦绣华庭3号楼电梯经常停运' }),
  aTopicSummary({ id: 11, title: '社区老年食堂增加送餐服务' }),
]);

const inCommunity = (roles: string[], unreadNotifications = 0) =>
  aMe({
    nickname: '李建国',
    unreadNotifications,
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

function homeRoutes(me: ReturnType<typeof aMe> | undefined, extra: Record<string, unknown> = {}) {
  return routeApi({
    'GET /api/health': health,
    'GET /api/communities': ok(COMMUNITIES),
    'GET /api/communities/1/topics': ok(recent),
    ...(me ? { 'GET /api/me': ok(me) } : {}),
    'GET /api/me/topics': ok(aPage([])),
    'GET /api/me/queue': ok(aPage([])),
    ...extra,
  } as Parameters<typeof routeApi>[0]);
}

async function renderHome() {
  render(<HomePage />);
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('首页', () => {
  it('a resident sees the community, a returned topic to edit, unread messages and the newest topics', async () => {
    const me = inCommunity(['resident', 'owner'], 2);
    signedInAs(me);
    const api = homeRoutes(me, {
      'GET /api/me/topics': ok(aPage([aTopicSummary({ id: 2, title: '小区南门早晚占道经营', status: 'returned' })])),
    });
    await renderHome();

    expect(screen.getByText('您好，李建国')).toBeTruthy();
    expect(screen.getByRole('region', { name: '当前社区' }).textContent).toContain('和平里社区');
    const todo = screen.getByRole('region', { name: '需要您处理' });
    fireEvent.click(within(todo).getByRole('link', { name: /待补充：小区南门早晚占道经营/ }));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/topics/detail?id=2' });
    expect(within(todo).getByText('2 条未读')).toBeTruthy();
    expect(api.callsTo('GET /api/me/topics')[0]?.data).toEqual({ relation: 'authored', status: 'returned' });
    expect(within(todo).queryByText('议题受理')).toBeNull();

    const newest = within(screen.getByRole('list', { name: '最新议题' })).getAllByRole('link');
    expect(newest.map((card) => card.textContent)).toEqual([
      expect.stringContaining('锦绣华庭3号楼电梯经常停运'),
      expect.stringContaining('社区老年食堂增加送餐服务'),
    ]);
    expect(api.callsTo('GET /api/communities/1/topics')[0]?.data).toEqual({ status: 'open', sort: 'newest', limit: 5 });

    fireEvent.click(screen.getByRole('button', { name: '提议题' }));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/topics/new' });
    expect(await screen.findByText('服务正常')).toBeTruthy();
  });

  it('a moderator sees how many topics wait in the inbox and opens it', async () => {
    const me = inCommunity(['moderator']);
    signedInAs(me);
    homeRoutes(me, {
      'GET /api/communities/1/inbox': ok(aPage([aTopicSummary({ id: 1 }), aTopicSummary({ id: 4 })], 'MORE')),
    });
    await renderHome();
    const inbox = screen.getByRole('link', { name: /议题受理/ });
    expect(inbox.textContent).toContain('2+ 条待受理');
    fireEvent.click(inbox);
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/moderator/topics/inbox' });
    fireEvent.click(screen.getByRole('button', { name: '社区工作台' }));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/moderator/index/index' });
  });

  it('someone who acts for a responsible party sees the queue (from the queue itself: Me does not say)', async () => {
    const me = inCommunity([]);
    signedInAs(me);
    homeRoutes(me, { 'GET /api/me/queue': ok(aPage([aTopicSummary({ id: 7, status: 'routed' })])) });
    await renderHome();
    const queue = screen.getByRole('link', { name: /待办议题/ });
    expect(queue.textContent).toContain('1 条');
    fireEvent.click(queue);
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/queue/index' });
  });

  it('a resident with nothing pending and no party sees no queue entry', async () => {
    const me = inCommunity(['resident']);
    signedInAs(me);
    homeRoutes(me);
    await renderHome();
    expect(screen.getByText('暂时没有需要您处理的事情。')).toBeTruthy();
    expect(screen.queryByRole('link', { name: /待办议题/ })).toBeNull();
  });

  it('signed out: the newest topics of the first community and a way to sign in, without personal calls', async () => {
    const api = homeRoutes(undefined);
    await renderHome();
    expect(await screen.findByText('锦绣华庭3号楼电梯经常停运')).toBeTruthy();
    expect(screen.getByText('您还没有登录')).toBeTruthy();
    expect(api.callsTo('GET /api/me/topics')).toHaveLength(0);
    // The public board and the service projects are open to everyone, from the home page.
    fireEvent.click(screen.getByText('公示栏'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/board/index' }));
    fireEvent.click(screen.getByText('服务项目'));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/pages/projects/index' }));
    expect(api.unrouted).toEqual([]);
  });
});
