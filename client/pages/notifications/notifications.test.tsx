import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import NotificationsPage from '.';

const message = (id: number, read: boolean, title: string, link: string | null = null) => ({
  id,
  kind: 'claim_approved',
  title,
  body: `${title}的详细内容`,
  link,
  read,
  createdAt: '2026-11-27T02:30:00.000Z',
});

describe('message centre', () => {
  it('lists the messages; opening an unread one marks it read and follows its link', async () => {
    signedInAs(aMe({ unreadNotifications: 1 }));
    const api = routeApi({
      'GET /api/notifications': ok([
        message(2, false, '房屋认证已通过', '/pages/me/index'),
        message(1, true, '欢迎加入'),
      ]),
      'POST /api/notifications/2/read': { statusCode: 204, data: '' },
      'GET /api/me': ok(aMe()),
    });

    render(<NotificationsPage />);

    expect(await screen.findByText('房屋认证已通过')).toBeTruthy();
    expect(screen.getByText('1 条未读')).toBeTruthy();
    expect(screen.getByText('未读')).toBeTruthy();
    expect(screen.getAllByText('11月27日 10:30')).toHaveLength(2);
    expect(api.callsTo('GET /api/notifications')[0]?.data).toEqual({ limit: 20 });

    fireEvent.click(screen.getByRole('button', { name: /房屋认证已通过/ }));

    await waitFor(() => expect(api.callsTo('POST /api/notifications/2/read')).toHaveLength(1));
    expect(screen.getByText('全部已读')).toBeTruthy();
    expect(screen.queryByText('未读')).toBeNull();
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
    // Opening a read message sends nothing.
    fireEvent.click(screen.getByRole('button', { name: /欢迎加入/ }));
    expect(api.callsTo('POST /api/notifications/1/read')).toHaveLength(0);
  });

  it('全部标为已读 marks them all', async () => {
    signedInAs();
    const api = routeApi({
      'GET /api/notifications': ok([message(3, false, '消息甲'), message(2, false, '消息乙')]),
      'POST /api/notifications/read-all': { statusCode: 204, data: '' },
      'GET /api/me': ok(aMe()),
    });

    render(<NotificationsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '全部标为已读' }));

    expect(await screen.findByText('全部已读')).toBeTruthy();
    expect(api.callsTo('POST /api/notifications/read-all')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: '全部标为已读' })).toBeNull();
  });

  it('pages back through older messages', async () => {
    signedInAs();
    const page = Array.from({ length: 20 }, (_, i) => message(40 - i, true, `第${i + 1}条`));
    const api = routeApi({ 'GET /api/notifications': [ok(page), ok([message(5, true, '最早的消息')])] });

    render(<NotificationsPage />);
    fireEvent.click(await screen.findByRole('button', { name: '加载更早的消息' }));

    expect(await screen.findByText('最早的消息')).toBeTruthy();
    expect(api.callsTo('GET /api/notifications')[1]?.data).toEqual({ limit: 20, before: 21 });
    expect(screen.queryByRole('button', { name: '加载更早的消息' })).toBeNull();
  });

  it('says so when there are no messages', async () => {
    signedInAs();
    routeApi({ 'GET /api/notifications': ok([]) });

    render(<NotificationsPage />);

    expect(await screen.findByText('暂无消息')).toBeTruthy();
  });
});
