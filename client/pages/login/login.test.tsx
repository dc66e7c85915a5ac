import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { getSession } from '@/services/session';
import { aLogin, aMe, apiError, ok, routeApi } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import LoginPage from '.';

const personas = [
  {
    key: 'resident',
    name: '王秀英',
    roles: ['resident'],
    community: '和平里社区',
    description: '槐荫里的居民（家庭成员），已认证',
  },
  {
    key: 'newcomer',
    name: '新居民小周',
    roles: [],
    community: '和平里社区',
    description: '刚搬来的居民，尚未认证房屋',
  },
  {
    key: 'moderator',
    name: '刘敏',
    roles: ['moderator'],
    community: '和平里社区',
    description: '和平里社区居委会社工',
  },
];

describe('login page', () => {
  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('web, demo mode: shows the personas as cards and signs in as the one tapped', async () => {
    const api = routeApi({
      'GET /api/auth/dev-personas': ok(personas),
      'POST /api/auth/dev-login': ok(aLogin(aMe(), 'persona-token')),
    });

    render(<LoginPage />);

    expect(await screen.findByText('演示模式')).toBeTruthy();
    // Each card names the person, their role labels, what they are and the community.
    expect(screen.getByText('社区工作者')).toBeTruthy();
    expect(screen.getByText('尚未认证的居民')).toBeTruthy();
    expect(screen.getByText('刚搬来的居民，尚未认证房屋')).toBeTruthy();
    const card = screen.getByRole('button', { name: /新居民小周/ });
    expect(card.getAttribute('tabindex')).toBe('0');

    fireEvent.keyDown(card, { key: 'Enter' });

    await waitFor(() => expect(getSession().token).toBe('persona-token'));
    expect(api.callsTo('POST /api/auth/dev-login')[0]?.data).toEqual({ persona: 'newcomer' });
    expect(getSession().me?.nickname).toBe('新居民小周');
    // Opened directly: on to 我的.
    expect(taroMock.switchTab).toHaveBeenCalledWith({ url: '/pages/me/index' });
  });

  it('web, demo mode: goes back to the page that needed the sign-in', async () => {
    taroMock.getCurrentPages.mockReturnValue([{ route: 'pages/notifications/index' }, { route: 'pages/login/index' }]);
    routeApi({
      'GET /api/auth/dev-personas': ok(personas),
      'POST /api/auth/dev-login': ok(aLogin()),
    });

    render(<LoginPage />);
    fireEvent.click(await screen.findByRole('button', { name: /王秀英/ }));

    await waitFor(() => expect(taroMock.navigateBack).toHaveBeenCalled());
    expect(taroMock.switchTab).not.toHaveBeenCalled();
  });

  it('web, not in demo mode: says the web console needs a WeChat-bound account', async () => {
    routeApi({ 'GET /api/auth/dev-personas': apiError(404, 'ROUTE_NOT_FOUND', '请求的接口不存在') });

    render(<LoginPage />);

    expect(await screen.findByText('网页版需要已绑定微信的账号')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /登录/ })).toBeNull();
    expect(taroMock.showToast).not.toHaveBeenCalled();
  });

  it('mini-program: 微信一键登录 exchanges a wx.login code', async () => {
    process.env.TARO_ENV = 'weapp';
    taroMock.login.mockResolvedValueOnce({ code: 'wx-code', errMsg: 'login:ok' });
    const api = routeApi({ 'POST http://127.0.0.1:3000/api/auth/wechat': ok(aLogin(aMe(), 'wx-token')) });

    render(<LoginPage />);
    expect(screen.queryByText('演示模式')).toBeNull();
    fireEvent.click(screen.getByText('微信一键登录'));

    await waitFor(() => expect(getSession().token).toBe('wx-token'));
    expect(api.callsTo('POST http://127.0.0.1:3000/api/auth/wechat')[0]?.data).toEqual({ code: 'wx-code' });
    expect(api.callsTo('GET http://127.0.0.1:3000/api/auth/dev-personas')).toHaveLength(0);
  });

  it('mini-program: a WeChat refusal is toasted and the button stays', async () => {
    process.env.TARO_ENV = 'weapp';
    taroMock.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    routeApi({
      'POST http://127.0.0.1:3000/api/auth/wechat': apiError(
        403,
        'WECHAT_USER_BLOCKED',
        '微信提示该账号存在安全风险，暂时无法登录，请稍后再试',
      ),
    });

    render(<LoginPage />);
    fireEvent.click(screen.getByText('微信一键登录'));

    await waitFor(() =>
      expect(taroMock.showToast).toHaveBeenCalledWith(
        expect.objectContaining({ title: '微信提示该账号存在安全风险，暂时无法登录，请稍后再试' }),
      ),
    );
    expect(getSession().token).toBeUndefined();
    expect(screen.getByText('微信一键登录')).toBeTruthy();
  });
});
