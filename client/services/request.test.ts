import { taroMock } from '@/test-support/taro-mock';
import { ApiError, NETWORK_ERROR_MESSAGE, request } from './request';
import { TOKEN_STORAGE_KEY } from './session';

const ok = (data: unknown) => ({ statusCode: 200, data });
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
