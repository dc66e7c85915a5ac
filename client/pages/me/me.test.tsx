import { fireEvent, render, screen } from '@testing-library/react';
import { taroMock } from '@/test-support/taro-mock';
import MePage from '.';

describe('我的 page', () => {
  it('opens the committee workbench in the moderator subpackage', async () => {
    taroMock.request.mockResolvedValue({ statusCode: 200, data: { status: 'ok', db: 'sqlite', version: '0.1.0' } });

    render(<MePage />);

    expect(screen.getByRole('heading', { level: 1, name: '我的' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '进入社区工作台' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/index/index' });
    expect(await screen.findByText('服务正常')).toBeTruthy();
  });
});
