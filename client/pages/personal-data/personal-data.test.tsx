import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getSession } from '@/services/session';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import PersonalDataPage from '.';

describe('隐私与个人信息 page', () => {
  it('导出我的数据 shows the JSON and copies it', async () => {
    signedInAs();
    routeApi({ 'GET /api/me/export': ok({ user: { nickname: '新居民小周' }, claims: [] }) });

    render(<PersonalDataPage />);
    fireEvent.click(screen.getByRole('button', { name: '导出我的数据' }));

    expect(await screen.findByText(/"nickname": "新居民小周"/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '复制全部内容' }));
    expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: expect.stringContaining('新居民小周') });
  });

  it('注销账号 needs the word 注销 typed, warns what stays, then deletes and signs out', async () => {
    signedInAs();
    const api = routeApi({ 'POST /api/me/delete': { statusCode: 204, data: '' } });

    render(<PersonalDataPage />);
    expect(screen.getByText(/公开发表过的议题、附议和表决记录会保留，但改为匿名显示/)).toBeTruthy();
    const button = screen.getByRole('button', { name: '注销账号' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    fireEvent.input(screen.getByLabelText('请输入“注销”两个字确认'), { target: { value: '注' } });
    fireEvent.click(button);
    expect(api.calls).toHaveLength(0);

    fireEvent.input(screen.getByLabelText('请输入“注销”两个字确认'), { target: { value: '注销' } });
    fireEvent.click(screen.getByRole('button', { name: '注销账号' }));

    await waitFor(() => expect(getSession().token).toBeUndefined());
    expect(api.callsTo('POST /api/me/delete')[0]?.data).toEqual({ confirm: '注销' });
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('links the privacy agreement', () => {
    signedInAs(aMe());
    render(<PersonalDataPage />);
    fireEvent.click(screen.getByRole('link', { name: /隐私保护指引/ }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' });
  });
});
