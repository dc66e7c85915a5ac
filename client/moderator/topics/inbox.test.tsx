import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { forgetCommunityTopicSettings } from '@/services/topics';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aPage, aTopicDetail, aTopicSummary, COMMUNITIES, SETTINGS } from '@/test-support/topic-fixtures';
import TopicInboxPage from './inbox';

const moderator = aMe({
  nickname: '刘敏',
  communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['moderator'], status: 'active' }],
});

const waiting = [
  aTopicSummary({ id: 1, title: '锦绣华庭3号楼电梯经常停运', stale: true }),
  aTopicSummary({ id: 4, title: '槐荫里垃圾站夏天异味大', estateName: '槐荫里' }),
];

function inboxRoutes(inbox: unknown[], extra: Record<string, unknown> = {}) {
  return routeApi({
    'GET /api/me': ok(moderator),
    'GET /api/communities': ok(COMMUNITIES),
    'GET /api/communities/1/settings': ok(SETTINGS),
    'GET /api/communities/1/inbox': inbox.map((page) => ok(page)),
    ...extra,
  } as Parameters<typeof routeApi>[0]);
}

const list = () => screen.getByRole('list', { name: /的议题$/ });

async function renderInbox() {
  render(<TopicInboxPage />);
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

beforeEach(() => forgetCommunityTopicSettings());

describe('议题受理 (moderator inbox)', () => {
  it('lists waiting topics oldest first, marks those waiting over 3 days, and accepts several at once', async () => {
    signedInAs(moderator);
    const api = inboxRoutes([aPage(waiting), aPage([])], {
      'POST /api/topics/bulk': ok({
        results: [
          { topicId: 1, ok: true, status: 'accepted', error: null },
          { topicId: 4, ok: true, status: 'accepted', error: null },
        ],
      }),
    });
    await renderInbox();

    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(2));
    expect(api.callsTo('GET /api/communities/1/inbox')[0]?.data).toEqual({ status: 'submitted' });
    const [first, second] = within(list()).getAllByRole('listitem');
    expect(within(first!).getByText('等待超过3天')).toBeTruthy();
    expect(within(second!).queryByText('等待超过3天')).toBeNull();

    fireEvent.click(screen.getByRole('checkbox', { name: '选择：锦绣华庭3号楼电梯经常停运' }));
    expect(screen.getByText('已选 1 个议题')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '全选本页' }));
    expect(screen.getByText('已选 2 个议题')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '受理' }));

    expect(await screen.findByText('已受理 2 个议题')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/bulk')[0]?.data).toEqual({ topicIds: [1, 4], action: 'accept' });
    expect(screen.getByText('没有待受理的议题')).toBeTruthy();
  });

  it('returning in bulk needs the question the residents will read; failures are listed', async () => {
    signedInAs(moderator);
    const api = inboxRoutes([aPage(waiting)], {
      'POST /api/topics/bulk': ok({
        results: [
          { topicId: 1, ok: true, status: 'returned', error: null },
          { topicId: 4, ok: false, status: null, error: '议题刚刚被其他人处理过，请刷新后再试' },
        ],
      }),
    });
    await renderInbox();
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(2));
    fireEvent.click(screen.getByRole('button', { name: '全选本页' }));
    fireEvent.click(screen.getByRole('button', { name: '退回补充' }));
    fireEvent.click(screen.getByRole('button', { name: '确认退回补充' }));
    expect(await screen.findByText('请写明需要补充的信息（至少 4 个字）')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/bulk')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('需要补充的信息'), { target: { value: '请补充照片和具体位置' } });
    fireEvent.click(screen.getByRole('button', { name: '确认退回补充' }));
    expect(await screen.findByText('已退回 1 个议题')).toBeTruthy();
    expect(screen.getByText('议题 #4 未处理：议题刚刚被其他人处理过，请刷新后再试')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/bulk')[0]?.data).toEqual({
      topicIds: [1, 4],
      action: 'return',
      reason: '请补充照片和具体位置',
    });
    expect(within(list()).getAllByRole('listitem')).toHaveLength(1);
  });

  it('filters by status, category, estate and waiting time; held topics are released after a look', async () => {
    signedInAs(moderator);
    const held = aTopicSummary({ id: 9, title: '有人在楼道里乱贴广告', held: true });
    const api = inboxRoutes([aPage(waiting)], {
      'POST /api/topics/9/release-content': ok(aTopicDetail({ id: 9 })),
    });
    await renderInbox();
    await waitFor(() => expect(within(list()).getAllByRole('listitem')).toHaveLength(2));
    const lastQuery = () => api.callsTo('GET /api/communities/1/inbox').at(-1)?.data;

    fireEvent.click(screen.getByRole('switch', { name: '只看等待超过 3 天的' }));
    await waitFor(() => expect(lastQuery()).toEqual({ status: 'submitted', olderThanDays: 3 }));
    fireEvent.click(screen.getByRole('button', { name: '按分类、小区筛选' }));
    fireEvent.click(await screen.findByRole('radio', { name: '环境卫生' }));
    fireEvent.click(screen.getByRole('radio', { name: '槐荫里' }));
    await waitFor(() =>
      expect(lastQuery()).toEqual({ status: 'submitted', olderThanDays: 3, category: '环境卫生', estateId: 1 }),
    );

    taroMock.request.mockClear();
    inboxRoutes([aPage([held])], { 'POST /api/topics/9/release-content': ok(aTopicDetail({ id: 9 })) });
    fireEvent.click(screen.getByRole('radio', { name: '待内容审核' }));
    expect(await screen.findByText('有人在楼道里乱贴广告')).toBeTruthy();
    expect(within(list()).getAllByText('待内容审核').length).toBeGreaterThan(0);
    // Only submitted topics can be selected for the bulk actions.
    expect(screen.queryByRole('checkbox')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '审核通过并公开：有人在楼道里乱贴广告' }));
    expect(await screen.findByText('没有待内容审核的议题')).toBeTruthy();
  });

  it('a tap on a topic opens it (single actions are on the topic page)', async () => {
    signedInAs(moderator);
    inboxRoutes([aPage(waiting)]);
    await renderInbox();
    fireEvent.click(await screen.findByRole('link', { name: /槐荫里垃圾站夏天异味大/ }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=4' });
  });

  it('someone who is not a moderator is told the page is for committee staff', async () => {
    const resident = aMe();
    signedInAs(resident);
    routeApi({ 'GET /api/me': ok(resident) });
    await renderInbox();
    expect(screen.getByText('您还不是社区工作者')).toBeTruthy();
  });
});
