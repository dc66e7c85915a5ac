import { act, fireEvent, render, screen } from '@testing-library/react';
import { taroMock } from '@/test-support/taro-mock';
import { ServerStatus } from '.';

const healthy = (db: 'sqlite' | 'mysql', version: string) => ({
  statusCode: 200,
  data: { status: 'ok', db, version },
});

describe('ServerStatus', () => {
  it('shows the healthy server with its database and version', async () => {
    taroMock.request.mockResolvedValueOnce(healthy('sqlite', '0.1.0'));

    render(<ServerStatus />);

    expect(await screen.findByText('服务正常')).toBeTruthy();
    expect(screen.getByText('数据库 SQLite · 版本 0.1.0')).toBeTruthy();
    expect(screen.queryByText('无法连接服务器')).toBeNull();
    expect(taroMock.request).toHaveBeenCalledTimes(1);
    expect(taroMock.request.mock.calls[0]?.[0]).toMatchObject({ url: '/api/health', method: 'GET' });
  });

  it('says it is connecting while the answer is on its way', async () => {
    let answer: (value: { statusCode: number; data: unknown }) => void = () => {};
    taroMock.request.mockReturnValueOnce(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );

    render(<ServerStatus />);

    expect(screen.getByText('正在连接服务器…')).toBeTruthy();
    expect(screen.getByRole('status').getAttribute('aria-busy')).toBe('true');
    await act(async () => answer(healthy('mysql', '0.1.0')));
    expect(screen.getByText('数据库 MySQL · 版本 0.1.0')).toBeTruthy();
    expect(screen.getByRole('status').getAttribute('aria-busy')).toBe('false');
  });

  it('shows the error in the card (not as a toast) and recovers on 重试', async () => {
    taroMock.request.mockResolvedValueOnce({
      statusCode: 503,
      data: { error: { code: 'DATABASE_BUSY', message: '系统繁忙，请稍后重试' } },
    });

    render(<ServerStatus />);

    expect(await screen.findByText('无法连接服务器')).toBeTruthy();
    expect(screen.getByText('系统繁忙，请稍后重试')).toBeTruthy();
    expect(screen.queryByText('服务正常')).toBeNull();
    expect(taroMock.showToast).not.toHaveBeenCalled();

    taroMock.request.mockResolvedValueOnce(healthy('mysql', '0.2.0'));
    fireEvent.click(screen.getByRole('button', { name: '重试连接服务器' }));

    expect(await screen.findByText('数据库 MySQL · 版本 0.2.0')).toBeTruthy();
    expect(screen.queryByText('无法连接服务器')).toBeNull();
    expect(taroMock.request).toHaveBeenCalledTimes(2);
  });

  it('shows a network failure and retries from the keyboard', async () => {
    taroMock.request.mockRejectedValueOnce({ errMsg: 'request:fail' });

    render(<ServerStatus />);

    expect(await screen.findByText('网络连接失败，请检查网络后重试')).toBeTruthy();
    taroMock.request.mockResolvedValueOnce(healthy('sqlite', '0.1.0'));
    fireEvent.keyDown(screen.getByRole('button', { name: '重试连接服务器' }), { key: 'Enter' });

    expect(await screen.findByText('服务正常')).toBeTruthy();
  });
});
