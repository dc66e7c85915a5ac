import { aLogin, aMe, apiError, ok } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { ApiError, LOGIN_PAGE, NETWORK_ERROR_MESSAGE, request, signInWithWechat, upload } from './request';
import { getSession, getToken, startSession, TOKEN_STORAGE_KEY } from './session';

const lastRequest = () => taroMock.request.mock.calls.at(-1)?.[0];
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('request', () => {
  it('calls the API under /api on the web build', async () => {
    taroMock.request.mockResolvedValueOnce(ok({ status: 'ok' }));

    await expect(request('/health')).resolves.toEqual({ status: 'ok' });

    expect(lastRequest()).toMatchObject({ url: '/api/health', method: 'GET' });
  });

  it('calls TARO_APP_API_BASE + /api on the mini-program build', async () => {
    process.env.TARO_ENV = 'weapp';
    process.env.TARO_APP_API_BASE = 'https://yishi.example.cn/';
    try {
      taroMock.request.mockResolvedValueOnce(ok({}));
      await request('/health');
      expect(lastRequest()?.url).toBe('https://yishi.example.cn/api/health');
    } finally {
      process.env.TARO_ENV = 'h5';
      delete process.env.TARO_APP_API_BASE;
    }
  });

  it('turns the error body into an ApiError and toasts its Chinese message', async () => {
    taroMock.request.mockResolvedValueOnce({
      statusCode: 409,
      data: { error: { code: 'ILLEGAL_TRANSITION', message: '议题已办结，不能再附议', details: { state: 'closed' } } },
    });

    const error = await request('/topics/7/supports', { method: 'POST', data: {} }).catch((caught) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      message: '议题已办结，不能再附议',
      status: 409,
      details: { state: 'closed' },
    });
    expect(taroMock.showToast).toHaveBeenCalledTimes(1);
    expect(taroMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '议题已办结，不能再附议', icon: 'none' }),
    );
  });

  it('does not toast when the caller shows the error itself', async () => {
    taroMock.request.mockResolvedValueOnce({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });

    await expect(request('/me', { showErrorToast: false })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
    });
    expect(taroMock.showToast).not.toHaveBeenCalled();
  });

  it('gives an answer without our error body a code and message from its status', async () => {
    taroMock.request.mockResolvedValueOnce({ statusCode: 502, data: null });

    await expect(request('/health')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: '服务暂时不可用，请稍后重试',
      status: 502,
    });
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '服务暂时不可用，请稍后重试' }));
  });

  it('treats a request that never got an answer as a network failure', async () => {
    taroMock.request.mockRejectedValueOnce({ errMsg: 'request:fail timeout' });

    await expect(request('/health')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
      status: 0,
      message: '网络连接失败，请检查网络后重试',
    });
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: NETWORK_ERROR_MESSAGE }));
  });

  it('adds a fresh Idempotency-Key to every write, none to reads', async () => {
    taroMock.request.mockResolvedValue(ok({}));

    await request('/topics', { method: 'POST', data: { title: '电梯维修' } });
    const first = lastRequest()?.header?.['Idempotency-Key'];
    await request('/topics', { method: 'POST', data: { title: '电梯维修' } });
    const second = lastRequest()?.header?.['Idempotency-Key'];
    await request('/topics');
    const read = lastRequest()?.header ?? {};

    expect(first).toMatch(UUID_V4);
    expect(second).toMatch(UUID_V4);
    expect(second).not.toBe(first);
    expect(Object.keys(read).map((name) => name.toLowerCase())).not.toContain('idempotency-key');
  });

  it('keeps the Idempotency-Key the caller passes when retrying a write', async () => {
    taroMock.request.mockResolvedValue(ok({}));

    await request('/topics/7', { method: 'PATCH', data: {}, idempotencyKey: 'retry-key-1' });
    expect(lastRequest()?.header?.['Idempotency-Key']).toBe('retry-key-1');

    await request('/topics/7', { method: 'DELETE', headers: { 'idempotency-key': 'retry-key-2' } });
    expect(lastRequest()?.header).toMatchObject({ 'idempotency-key': 'retry-key-2' });
    expect(lastRequest()?.header).not.toHaveProperty('Idempotency-Key');
  });

  it('attaches the stored token as a Bearer credential', async () => {
    taroMock.request.mockResolvedValue(ok({}));

    await request('/health');
    expect(lastRequest()?.header).not.toHaveProperty('Authorization');

    taroMock.setStorageSync(TOKEN_STORAGE_KEY, 'token-abc');
    await request('/health');
    expect(lastRequest()?.header).toMatchObject({ Authorization: 'Bearer token-abc' });
  });

  it('rejects a success body that does not match the schema as INTERNAL', async () => {
    const { healthSchema } = await import('@shared/system/system.schema');
    taroMock.request.mockResolvedValueOnce(ok({ status: 'ok', db: 'oracle', version: '0.1.0' }));

    await expect(request('/health', { schema: healthSchema })).rejects.toMatchObject({ code: 'INTERNAL', status: 200 });
  });
});

describe('request when the session is gone (401)', () => {
  const tokenGone = { statusCode: 401, data: { error: { code: 'TOKEN_INVALID', message: '登录已失效，请重新登录' } } };

  it('on the web: refused before the router shows its first page, waits for that page and then opens the login page', async () => {
    startSession(aLogin(aMe(), 'old-token'));
    taroMock.getCurrentPages.mockReturnValue([]);
    taroMock.request.mockResolvedValueOnce(tokenGone);
    await expect(request('/me', { showErrorToast: false })).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Opening it now would put it under the page the router is about to show.
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
    taroMock.getCurrentPages.mockReturnValue([{ route: 'pages/notifications/index' }]);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(taroMock.navigateTo).toHaveBeenCalledTimes(1);
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: LOGIN_PAGE });
  });

  afterEach(() => {
    process.env.TARO_ENV = 'h5';
  });

  it('on the web: forgets the session and opens the login page', async () => {
    startSession(aLogin(aMe(), 'old-token'));
    taroMock.getCurrentPages.mockReturnValue([{ route: 'pages/me/index' }]);
    taroMock.request.mockResolvedValueOnce(tokenGone);

    await expect(request('/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID', status: 401 });

    expect(getSession().token).toBeUndefined();
    expect(taroMock.getStorageSync(TOKEN_STORAGE_KEY)).toBe('');
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: LOGIN_PAGE });
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '登录已失效，请重新登录' }));
    expect(taroMock.login).not.toHaveBeenCalled();
    expect(taroMock.request).toHaveBeenCalledTimes(1);
  });

  it('on the web: requests refused together open the login page once', async () => {
    startSession(aLogin(aMe(), 'old-token'));
    // The router has not shown the login page yet when the second refusal arrives.
    taroMock.getCurrentPages.mockReturnValue([{ route: 'pages/notifications/index' }]);
    let shown!: () => void;
    taroMock.navigateTo.mockReturnValueOnce(
      new Promise<void>((resolve) => {
        shown = resolve;
      }),
    );
    taroMock.request.mockResolvedValueOnce(tokenGone).mockResolvedValueOnce(tokenGone);

    const both = Promise.allSettled([
      request('/me/notifications', { showErrorToast: false }),
      request('/me', { showErrorToast: false }),
    ]);
    expect((await both).map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(taroMock.navigateTo).toHaveBeenCalledTimes(1);
    shown();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });

  it('on the web: does not open the login page again from the login page', async () => {
    taroMock.getCurrentPages.mockReturnValue([{ route: 'pages/login/index' }]);
    taroMock.request.mockResolvedValueOnce({
      statusCode: 401,
      data: { error: { code: 'UNAUTHENTICATED', message: '请先登录' } },
    });

    await expect(request('/me', { showErrorToast: false })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
  });

  it('on the mini-program: signs in again with a fresh wx.login code and retries the request once', async () => {
    process.env.TARO_ENV = 'weapp';
    startSession(aLogin(aMe(), 'old-token'));
    taroMock.login.mockResolvedValueOnce({ code: 'fresh-code', errMsg: 'login:ok' });
    taroMock.request
      .mockResolvedValueOnce(tokenGone)
      .mockResolvedValueOnce(ok(aLogin(aMe({ nickname: '小周' }), 'new-token')))
      .mockResolvedValueOnce(ok({ id: 9 }, 201));

    const answer = await request('/topics', { method: 'POST', data: { title: '电梯维修' } });

    expect(answer).toEqual({ id: 9 });
    const [first, login, retry] = taroMock.request.mock.calls.map(([options]) => options);
    expect(first?.header?.Authorization).toBe('Bearer old-token');
    expect(login).toMatchObject({
      url: 'http://127.0.0.1:3000/api/auth/wechat',
      method: 'POST',
      data: { code: 'fresh-code' },
    });
    expect(login?.header).not.toHaveProperty('Authorization');
    expect(retry?.header?.Authorization).toBe('Bearer new-token');
    // The retried write is the same write: same Idempotency-Key.
    expect(retry?.header?.['Idempotency-Key']).toBe(first?.header?.['Idempotency-Key']);
    expect(getSession()).toMatchObject({ token: 'new-token', me: { nickname: '小周' } });
    expect(taroMock.showToast).not.toHaveBeenCalled();
    expect(taroMock.navigateTo).not.toHaveBeenCalled();
  });

  it('on the mini-program: retries only once — a second 401 ends at the error', async () => {
    process.env.TARO_ENV = 'weapp';
    startSession(aLogin(aMe(), 'old-token'));
    taroMock.login.mockResolvedValue({ code: 'fresh-code', errMsg: 'login:ok' });
    taroMock.request
      .mockResolvedValueOnce(tokenGone)
      .mockResolvedValueOnce(ok(aLogin(aMe(), 'new-token')))
      .mockResolvedValueOnce(tokenGone);

    await expect(request('/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });

    expect(taroMock.login).toHaveBeenCalledTimes(1);
    expect(taroMock.request).toHaveBeenCalledTimes(3);
    expect(getSession().token).toBeUndefined();
  });

  it('on the mini-program: asks WeChat for a second code when the first is refused, once', async () => {
    process.env.TARO_ENV = 'weapp';
    taroMock.login
      .mockResolvedValueOnce({ code: 'used-code', errMsg: 'login:ok' })
      .mockResolvedValueOnce({ code: 'good-code', errMsg: 'login:ok' });
    taroMock.request
      .mockResolvedValueOnce(apiError(401, 'WECHAT_CODE_INVALID', '微信登录凭证已失效，请重新登录'))
      .mockResolvedValueOnce(ok(aLogin(aMe(), 'wx-token')));

    await expect(signInWithWechat()).resolves.toMatchObject({ token: 'wx-token' });

    expect(taroMock.request.mock.calls.map(([options]) => options.data)).toEqual([
      { code: 'used-code' },
      { code: 'good-code' },
    ]);
    expect(getToken()).toBe('wx-token');
  });

  it('on the mini-program: when signing in again fails, sends the resident to the login page', async () => {
    taroMock.getCurrentPages.mockReturnValue([{ route: 'pages/me/index' }]);
    process.env.TARO_ENV = 'weapp';
    startSession(aLogin(aMe(), 'old-token'));
    taroMock.login.mockResolvedValue({ code: 'code', errMsg: 'login:ok' });
    taroMock.request
      .mockResolvedValueOnce(tokenGone)
      .mockResolvedValueOnce(apiError(503, 'WECHAT_BUSY', '微信服务繁忙，请稍后再试'));

    await expect(request('/me')).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: LOGIN_PAGE });
  });

  it('on the mini-program: requests failing together share one new sign-in', async () => {
    process.env.TARO_ENV = 'weapp';
    startSession(aLogin(aMe(), 'old-token'));
    taroMock.login.mockResolvedValue({ code: 'code', errMsg: 'login:ok' });
    taroMock.request.mockImplementation(async (options) => {
      if (options.url.endsWith('/auth/wechat')) return ok(aLogin(aMe(), 'new-token'));
      return options.header?.Authorization === 'Bearer new-token' ? ok({ url: options.url }) : tokenGone;
    });

    const answers = await Promise.all([request('/me'), request('/notifications')]);

    expect(answers).toEqual([
      { url: 'http://127.0.0.1:3000/api/me' },
      { url: 'http://127.0.0.1:3000/api/notifications' },
    ]);
    expect(taroMock.login).toHaveBeenCalledTimes(1);
  });
});

describe('upload', () => {
  it('sends the file as multipart with the token and parses the string body', async () => {
    startSession(aLogin(aMe(), 'token-up'));
    taroMock.uploadFile.mockResolvedValueOnce({
      statusCode: 201,
      data: JSON.stringify({ id: 42, contentType: 'image/png', sizeBytes: 68 }),
    });

    const result = await upload('/uploads', { filePath: 'blob:photo', formData: { purpose: 'claim_evidence' } });

    expect(result).toEqual({ id: 42, contentType: 'image/png', sizeBytes: 68 });
    const options = taroMock.uploadFile.mock.calls[0]?.[0];
    expect(options).toMatchObject({
      url: '/api/uploads',
      filePath: 'blob:photo',
      name: 'file',
      formData: { purpose: 'claim_evidence' },
    });
    expect(options?.header?.Authorization).toBe('Bearer token-up');
    expect(options?.header?.['Idempotency-Key']).toMatch(UUID_V4);
  });

  it('maps an error body to an ApiError and toasts it, like request', async () => {
    taroMock.uploadFile.mockResolvedValueOnce({
      statusCode: 415,
      data: JSON.stringify({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只能上传 JPEG、PNG 或 WebP 照片' } }),
    });

    await expect(upload('/uploads', { filePath: 'blob:x' })).rejects.toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
    });
    expect(taroMock.showToast).toHaveBeenCalledWith(
      expect.objectContaining({ title: '只能上传 JPEG、PNG 或 WebP 照片' }),
    );
  });

  it('turns a failed upload into a network error', async () => {
    taroMock.uploadFile.mockRejectedValueOnce({ errMsg: 'uploadFile:fail timeout' });
    await expect(upload('/uploads', { filePath: 'blob:x', showErrorToast: false })).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    });
  });
});
