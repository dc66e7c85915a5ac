import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { forgetCommunityTopicSettings } from '@/services/topics';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aPage, aTopicSummary, COMMUNITIES, SETTINGS } from '@/test-support/topic-fixtures';
import TopicsPage from '.';

const resident = aMe({
  communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['resident'], status: 'active' }],
});

function feedRoutes(pages: ReturnType<typeof aPage>[]) {
  return {
    'GET /api/communities': ok(COMMUNITIES),
    'GET /api/communities/1/settings': ok(SETTINGS),
    'GET /api/communities/1/topics': pages.map((page) => ok(page)),
  };
}

const cards = () => within(screen.getByRole('list', { name: '社区议题' })).getAllByRole('link');

beforeEach(() => forgetCommunityTopicSettings());

describe('议题 feed', () => {
  it('shows open topics newest first, and 加载更多 fetches the next keyset page and appends it', async () => {
    signedInAs(resident);
    const first = [
      aTopicSummary({ id: 12, title: '锦绣华庭3号楼电梯经常停运', cosignCount: 2, authorName: '李**' }),
      aTopicSummary({
        id: 11,
        title: '社区老年食堂增加送餐服务',
        status: 'cosigning',
        statusLabel: '附议中',
        cosignCount: 3,
        cosignTarget: 10,
        estateName: null,
        authorName: '匿名居民',
      }),
    ];
    const second = [aTopicSummary({ id: 9, title: '槐荫里雨污管网改造', estateName: '槐荫里' })];
    const api = routeApi(feedRoutes([aPage(first, 'CURSOR1'), aPage(second, null)]));

    render(<TopicsPage />);

    await waitFor(() => expect(cards()).toHaveLength(2));
    const [elevator, canteen] = cards();
    expect(elevator?.textContent).toContain('锦绣华庭3号楼电梯经常停运');
    expect(elevator?.textContent).toContain('待受理');
    expect(elevator?.textContent).toContain('锦绣华庭 · 李** · 2天前');
    expect(elevator?.textContent).toContain('附议 2 人');
    expect(canteen?.textContent).toContain('全社区 · 匿名居民');
    expect(canteen?.textContent).toContain('附议 3/10 人');
    expect(api.callsTo('GET /api/communities/1/topics')[0]?.data).toEqual({ sort: 'newest', status: 'open' });

    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));
    await waitFor(() => expect(cards()).toHaveLength(3));
    expect(api.callsTo('GET /api/communities/1/topics')[1]?.data).toEqual({
      sort: 'newest',
      status: 'open',
      cursor: 'CURSOR1',
    });
    expect(screen.getByText('已显示全部 3 条')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();

    fireEvent.click(cards()[2]!);
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=9' });
  });

  it('sort, status, category and search change the query and start again from the first page', async () => {
    signedInAs(resident);
    const api = routeApi(feedRoutes([aPage([aTopicSummary({ id: 1 })], 'MORE')]));
    render(<TopicsPage />);
    await waitFor(() => expect(cards()).toHaveLength(1));
    const lastQuery = () => api.callsTo('GET /api/communities/1/topics').at(-1)?.data;

    fireEvent.click(screen.getByRole('radio', { name: '附议最多' }));
    await waitFor(() => expect(lastQuery()).toEqual({ sort: 'cosigns', status: 'open' }));

    fireEvent.click(screen.getByRole('radio', { name: '全部' }));
    await waitFor(() => expect(lastQuery()).toEqual({ sort: 'cosigns' }));

    fireEvent.click(screen.getByRole('button', { name: '更多筛选' }));
    fireEvent.click(await screen.findByRole('radio', { name: '环境卫生' }));
    await waitFor(() => expect(lastQuery()).toEqual({ sort: 'cosigns', category: '环境卫生' }));
    fireEvent.click(screen.getByRole('radio', { name: '锦绣华庭' }));
    await waitFor(() => expect(lastQuery()).toEqual({ sort: 'cosigns', category: '环境卫生', estateId: 2 }));
    fireEvent.click(screen.getByRole('radio', { name: '已合并' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ status: 'merged' }));

    fireEvent.input(screen.getByLabelText('搜索议题'), { target: { value: ' 电梯 ' } });
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    await waitFor(() => expect(lastQuery()).toMatchObject({ q: '电梯', sort: 'relevance' }));
    expect(screen.getByText('正在显示与“电梯”有关的议题')).toBeTruthy();
    // Every new query asked for the first page (no cursor).
    expect(
      api.callsTo('GET /api/communities/1/topics').every((call) => !Object.hasOwn(call.data as object, 'cursor')),
    ).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '清除搜索' }));
    await waitFor(() => expect(lastQuery()).not.toHaveProperty('q'));
    expect(lastQuery()).toMatchObject({ sort: 'newest' });
  });

  it('a verified resident gets 提议题 and 我的议题; an unverified one is told why and sent to 认证房屋', async () => {
    signedInAs(resident);
    routeApi(feedRoutes([aPage([])]));
    const { unmount } = render(<TopicsPage />);
    expect(await screen.findByText('暂时没有这样的议题')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提议题' }));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/topics/new' });
    fireEvent.click(screen.getByRole('button', { name: '我的议题' }));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/topics/mine' });
    unmount();

    signedInAs(aMe());
    render(<TopicsPage />);
    expect(await screen.findByText('完成房屋认证后可以提议题')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提议题' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '去认证房屋' }));
    expect(taroMock.navigateTo).toHaveBeenLastCalledWith({ url: '/pages/claim/index' });
  });

  it('signed out: reads the first community feed and offers to sign in', async () => {
    const api = routeApi(feedRoutes([aPage([aTopicSummary({ id: 3 })])]));
    render(<TopicsPage />);
    await waitFor(() => expect(cards()).toHaveLength(1));
    expect(screen.getByText('登录后可以提议题、附议')).toBeTruthy();
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(api.unrouted).toEqual([]);
  });
});
