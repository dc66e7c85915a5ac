import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { dayFromToday } from '@/components/when';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aPage, aTopicSummary } from '@/test-support/topic-fixtures';
import QueuePage from '.';

describe('待办议题 (responsible party queue)', () => {
  it('lists routed and handling topics with their due dates, overdue ones marked', async () => {
    signedInAs(
      aMe({
        communities: [
          { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['property_manager'], status: 'active' },
        ],
      }),
    );
    const routed = aTopicSummary({ id: 7, title: '锦绣华庭地下车库照明不足', status: 'routed', statusLabel: '已分派' });
    const late = aTopicSummary({
      id: 8,
      title: '锦绣华庭2号楼外墙渗水',
      status: 'handling',
      statusLabel: '办理中',
      dueDate: dayFromToday(-2),
    });
    const soon = aTopicSummary({
      id: 10,
      title: '锦绣华庭健身器材损坏',
      status: 'handling',
      statusLabel: '办理中',
      dueDate: dayFromToday(5),
    });
    const api = routeApi({ 'GET /api/me/queue': ok(aPage([routed, late, soon])) });
    render(<QueuePage />);

    const items = await screen.findAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]!).getByText(/请答复或接手办理/)).toBeTruthy();
    await waitFor(() => expect(within(items[1]!).getByText(/已超期 2 天/)).toBeTruthy());
    expect(within(items[2]!).getByText(/还剩 5 天/)).toBeTruthy();
    // The due dates come with the list: no topic is fetched one by one.
    expect(api.calls.filter((c) => c.url.includes('/api/topics/'))).toHaveLength(0);

    fireEvent.click(screen.getByRole('radio', { name: '办理中' }));
    await waitFor(() => expect(api.callsTo('GET /api/me/queue').at(-1)?.data).toEqual({ status: 'handling' }));
    fireEvent.click((await screen.findAllByRole('link'))[0]!);
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/topics\/detail\?id=/) });
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  });
});
