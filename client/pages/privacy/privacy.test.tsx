import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getSession } from '@/services/session';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import PrivacyPage from '.';

describe('privacy agreement page', () => {
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('says what is collected, who sees it and the resident\u2019s rights', () => {
    render(<PrivacyPage />);

    for (const heading of ['我们收集哪些信息', '用来做什么', '谁能看到', '您的权利']) {
      expect(screen.getByRole('heading', { level: 2, name: heading })).toBeTruthy();
    }
    expect(screen.getByText(/房产证或购房合同照片/)).toBeTruthy();
    expect(screen.getByText(/只有本社区负责审核的社区工作者/)).toBeTruthy();
    expect(screen.getByText(/只显示姓氏，例如“王\*\*”/)).toBeTruthy();
    expect(screen.getByText(/导出我们保存的您的全部数据/)).toBeTruthy();
    expect(screen.getByText(/公开发表过的内容保留，但改为匿名显示/)).toBeTruthy();
    // Nothing to agree to when signed out.
    expect(screen.queryByText('同意并继续')).toBeNull();
  });

  it('同意并继续 records the consent and continues to the unit claim', async () => {
    signedInAs(aMe({ privacyAccepted: false }));
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { next: 'claim' } } });
    const api = routeApi({ 'POST /api/me/privacy': ok(aMe({ privacyAccepted: true })) });

    render(<PrivacyPage />);
    fireEvent.click(screen.getByRole('button', { name: '同意并继续' }));

    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/claim/index' }));
    expect(api.callsTo('POST /api/me/privacy')[0]?.data).toEqual({ version: '1' });
    expect(getSession().me?.privacyAccepted).toBe(true);
    expect(taroMock.getPrivacySetting).not.toHaveBeenCalled();
  });

  it('暂不同意 collects nothing and goes back', () => {
    signedInAs(aMe({ privacyAccepted: false }));
    routeApi({});

    render(<PrivacyPage />);
    fireEvent.click(screen.getByRole('button', { name: '暂不同意' }));

    expect(taroMock.request).not.toHaveBeenCalled();
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('mini-program: asks WeChat for its privacy authorization first when WeChat says it is needed', async () => {
    process.env.TARO_ENV = 'weapp';
    signedInAs(aMe({ privacyAccepted: false }));
    taroMock.getPrivacySetting.mockImplementation((options) => options.success?.({ needAuthorization: true }));
    const api = routeApi({ 'POST http://127.0.0.1:3000/api/me/privacy': ok(aMe()) });

    render(<PrivacyPage />);
    fireEvent.click(screen.getByText('同意并继续'));

    await waitFor(() => expect(api.calls).toHaveLength(1));
    expect(taroMock.canIUse).toHaveBeenCalledWith('getPrivacySetting');
    expect(taroMock.requirePrivacyAuthorize).toHaveBeenCalledTimes(1);
  });

  it('mini-program: when the resident declines in WeChat, nothing is recorded', async () => {
    process.env.TARO_ENV = 'weapp';
    signedInAs(aMe({ privacyAccepted: false }));
    taroMock.getPrivacySetting.mockImplementation((options) => options.success?.({ needAuthorization: true }));
    taroMock.requirePrivacyAuthorize.mockImplementation((options) => options.fail?.({ errMsg: 'fail auth deny' }));
    routeApi({});

    render(<PrivacyPage />);
    fireEvent.click(screen.getByText('同意并继续'));

    expect(await screen.findByText(/您在微信的隐私弹窗中没有同意/)).toBeTruthy();
    expect(taroMock.request).not.toHaveBeenCalled();
  });
});
