import { jest } from '@jest/globals';
import { aLogin, apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { getToken } from './session';
import {
  copyShareLink,
  copyTopicShareLink,
  enableShareWithTicket,
  GROUP_ENTER_STORAGE_KEY,
  GROUP_ENTER_TTL_MS,
  groupChatIdFor,
  h5ShareLink,
  reportGroupEnter,
  topicShareMessage,
  topicTimelineShare,
} from './share';

/** Share and group APIs the shared Taro mock does not have: mocked here, on the same object. */
const extra = taroMock as unknown as Record<string, unknown>;
const showShareMenu = jest.fn<(options: Record<string, unknown>) => Promise<void>>();
const getEnterOptionsSync = jest.fn<() => Record<string, unknown>>();
const getGroupEnterInfo = jest.fn<() => Promise<Record<string, unknown>>>();

const API = 'http://127.0.0.1:3000/api';
const BOUND = { estateId: 2, estateName: '槐荫里', buildingId: 5, buildingName: '1号楼' };
const fromGroup = (
  shareTicket = 'ticket-1',
  path = 'pages/topics/detail',
  query: Record<string, string> = { id: '12', from: 'share' },
) => ({
  path,
  query,
  scene: 1044,
  shareTicket,
  referrerInfo: {},
});

let groupInfoCalls = 0;
beforeEach(() => {
  groupInfoCalls = 0;
  showShareMenu.mockReset().mockResolvedValue(undefined);
  getEnterOptionsSync
    .mockReset()
    .mockReturnValue({ path: 'pages/home/index', query: {}, scene: 1001, referrerInfo: {} });
  getGroupEnterInfo.mockReset().mockImplementation(async () => {
    groupInfoCalls += 1;
    return { errMsg: 'getGroupEnterInfo:ok', encryptedData: `ENC${groupInfoCalls}==`, iv: `IV${groupInfoCalls}==` };
  });
  Object.assign(extra, { showShareMenu, getEnterOptionsSync, getGroupEnterInfo });
});
afterEach(() => {
  delete extra.showShareMenu;
  delete extra.getEnterOptionsSync;
  delete extra.getGroupEnterInfo;
  process.env.TARO_ENV = 'h5';
});

function onWeapp(): void {
  process.env.TARO_ENV = 'weapp';
}

describe('share cards and links', () => {
  test('topicShareMessage opens the topic detail page from a share, with an image only when there is one', () => {
    expect(topicShareMessage({ id: 12, title: ' 3号楼电梯经常停运 ' })).toEqual({
      title: '3号楼电梯经常停运',
      path: '/pages/topics/detail?id=12&from=share',
    });
    expect(topicShareMessage({ id: 7, title: '路灯', imageUrl: 'https://example.cn/p.jpg' })).toEqual({
      title: '路灯',
      path: '/pages/topics/detail?id=7&from=share',
      imageUrl: 'https://example.cn/p.jpg',
    });
    expect(topicShareMessage({ id: 7, title: '路灯', imageUrl: null })).not.toHaveProperty('imageUrl');
    expect(topicTimelineShare({ id: 7, title: '路灯' })).toEqual({ title: '路灯', query: 'id=7&from=timeline' });
  });

  test('h5ShareLink is this origin, hash router, topic detail', () => {
    expect(h5ShareLink(12)).toBe(`${window.location.origin}/#/pages/topics/detail?id=12&from=share`);
    expect(window.location.origin).toMatch(/^https?:\/\//);
  });

  test('copyShareLink copies and says so on the web; a refusal tells the resident to copy by hand', async () => {
    await expect(copyTopicShareLink(12)).resolves.toBe(true);
    expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: h5ShareLink(12) });
    expect(taroMock.showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '链接已复制，可以粘贴到微信群' }),
    );

    taroMock.setClipboardData.mockRejectedValueOnce({ errMsg: 'setClipboardData:fail' });
    await expect(copyShareLink('https://x.cn/#/a')).resolves.toBe(false);
    expect(taroMock.showToast).toHaveBeenLastCalledWith(
      expect.objectContaining({ title: '复制失败，请长按链接手动复制' }),
    );
  });

  test('on the mini-program the platform shows its own "copied" toast', async () => {
    onWeapp();
    await expect(copyShareLink('https://x.cn/#/a')).resolves.toBe(true);
    expect(taroMock.showToast).not.toHaveBeenCalled();
  });
});

describe('enableShareWithTicket', () => {
  test('turns on the share menu with shareTicket, for chats and 朋友圈, on the mini-program', async () => {
    onWeapp();
    await enableShareWithTicket();
    expect(showShareMenu).toHaveBeenCalledWith({ withShareTicket: true, menus: ['shareAppMessage', 'shareTimeline'] });
  });

  test('does nothing on the web, and an old WeChat refusing it is not an error', async () => {
    await enableShareWithTicket();
    expect(showShareMenu).not.toHaveBeenCalled();
    onWeapp();
    showShareMenu.mockRejectedValueOnce({ errMsg: 'showShareMenu:fail' });
    await expect(enableShareWithTicket()).resolves.toBeUndefined();
  });
});

describe('reportGroupEnter', () => {
  test('on the web, or without a shareTicket, asks nothing', async () => {
    signedInAs();
    getEnterOptionsSync.mockReturnValue(fromGroup());
    const api = routeApi({});
    await expect(reportGroupEnter(1)).resolves.toBeNull();
    onWeapp();
    getEnterOptionsSync.mockReturnValue({
      path: 'pages/topics/detail',
      query: { id: '12' },
      scene: 1007,
      referrerInfo: {},
    });
    await expect(reportGroupEnter(1)).resolves.toBeNull();
    expect(getGroupEnterInfo).not.toHaveBeenCalled();
    expect(api.calls).toHaveLength(0);
  });

  test('sends the encrypted group data with the topic of the card, and remembers the group for co-signs', async () => {
    onWeapp();
    signedInAs();
    getEnterOptionsSync.mockReturnValue(fromGroup());
    const api = routeApi({ [`POST ${API}/groups/enter`]: ok({ groupChatId: 44, bound: BOUND }) });

    await expect(reportGroupEnter(1)).resolves.toEqual({ groupChatId: 44, bound: BOUND });

    const sent = api.callsTo(`POST ${API}/groups/enter`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toEqual({ communityId: 1, topicId: 12, encryptedData: 'ENC1==', iv: 'IV1==' });
    expect(sent[0]!.header?.Authorization).toBe('Bearer token-1');
    expect(groupChatIdFor(1)).toBe(44);
    expect(groupChatIdFor(2)).toBeUndefined();
    expect(groupChatIdFor(1, Date.now() + GROUP_ENTER_TTL_MS + 1)).toBeUndefined();

    // The same launch again (another page shows): answered from memory, WeChat and the server not asked twice.
    await expect(reportGroupEnter(1)).resolves.toEqual({ groupChatId: 44, bound: BOUND });
    expect(getGroupEnterInfo).toHaveBeenCalledTimes(1);
    expect(api.calls).toHaveLength(1);
  });

  test('a card of another page sends no topic; an explicit topic wins', async () => {
    onWeapp();
    signedInAs();
    getEnterOptionsSync.mockReturnValue(fromGroup('ticket-2', 'pages/meetings/detail', { id: '3' }));
    const api = routeApi({ [`POST ${API}/groups/enter`]: ok({ groupChatId: 45, bound: null }) });
    await reportGroupEnter(1);
    expect(api.calls[0]!.data).not.toHaveProperty('topicId');
    getEnterOptionsSync.mockReturnValue(fromGroup('ticket-3'));
    await reportGroupEnter(1, { topicId: 99 });
    expect(api.calls[1]!.data).toMatchObject({ topicId: 99 });
  });

  test('signs in with WeChat first when there is no session', async () => {
    onWeapp();
    getEnterOptionsSync.mockReturnValue(fromGroup());
    taroMock.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    const order: string[] = [];
    getGroupEnterInfo.mockImplementation(async () => {
      order.push('getGroupEnterInfo');
      return { encryptedData: 'E==', iv: 'I==' };
    });
    const api = routeApi({
      [`POST ${API}/auth/wechat`]: () => {
        order.push('login');
        return ok(aLogin(undefined, 'token-wx'));
      },
      [`POST ${API}/groups/enter`]: () => {
        order.push('enter');
        return ok({ groupChatId: 46, bound: null });
      },
    });
    await expect(reportGroupEnter(1)).resolves.toEqual({ groupChatId: 46, bound: null });
    // The data must be encrypted under the session key of that login: login before asking WeChat.
    expect(order).toEqual(['login', 'getGroupEnterInfo', 'enter']);
    expect(getToken()).toBe('token-wx');
    expect(api.callsTo(`POST ${API}/groups/enter`)[0]!.header?.Authorization).toBe('Bearer token-wx');
  });

  test('when the server cannot read the data (the session key changed), signs in again and retries once with fresh data', async () => {
    onWeapp();
    signedInAs();
    getEnterOptionsSync.mockReturnValue(fromGroup());
    taroMock.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    const refused = apiError(400, 'VALIDATION_FAILED', '无法识别群聊信息，请从群聊中重新打开', {
      reason: 'undecryptable',
    });
    const api = routeApi({
      [`POST ${API}/auth/wechat`]: ok(aLogin(undefined, 'token-2')),
      [`POST ${API}/groups/enter`]: [refused, ok({ groupChatId: 47, bound: null })],
    });
    await expect(reportGroupEnter(1)).resolves.toEqual({ groupChatId: 47, bound: null });
    const sent = api.callsTo(`POST ${API}/groups/enter`);
    expect(sent.map((c) => (c.data as { encryptedData: string }).encryptedData)).toEqual(['ENC1==', 'ENC2==']);
    expect(api.callsTo(`POST ${API}/auth/wechat`)).toHaveLength(1);
    expect(taroMock.showToast).not.toHaveBeenCalled();
    expect(groupChatIdFor(1)).toBe(47);
  });

  test('gives up quietly: refused twice, no WeChat session, WeChat refusing, or no network', async () => {
    onWeapp();
    signedInAs();
    taroMock.login.mockResolvedValue({ code: 'wx-code', errMsg: 'login:ok' });
    const undecryptable = apiError(400, 'VALIDATION_FAILED', '无法识别群聊信息', { reason: 'undecryptable' });
    const noSession = apiError(400, 'VALIDATION_FAILED', '请先用微信登录', { reason: 'no_session' });

    getEnterOptionsSync.mockReturnValue(fromGroup('t-1'));
    let api = routeApi({ [`POST ${API}/auth/wechat`]: ok(aLogin()), [`POST ${API}/groups/enter`]: undecryptable });
    await expect(reportGroupEnter(1)).resolves.toBeNull();
    expect(api.callsTo(`POST ${API}/groups/enter`)).toHaveLength(2);

    // A demo persona has no WeChat session: never swapped for a WeChat account behind their back.
    getEnterOptionsSync.mockReturnValue(fromGroup('t-2'));
    api = routeApi({ [`POST ${API}/auth/wechat`]: ok(aLogin()), [`POST ${API}/groups/enter`]: noSession });
    await expect(reportGroupEnter(1)).resolves.toBeNull();
    expect(api.callsTo(`POST ${API}/auth/wechat`)).toHaveLength(0);

    getEnterOptionsSync.mockReturnValue(fromGroup('t-3'));
    getGroupEnterInfo.mockRejectedValueOnce({ errMsg: 'getGroupEnterInfo:fail' });
    api = routeApi({});
    await expect(reportGroupEnter(1)).resolves.toBeNull();
    expect(api.calls).toHaveLength(0);

    getEnterOptionsSync.mockReturnValue(fromGroup('t-4'));
    taroMock.request.mockReset().mockRejectedValue({ errMsg: 'request:fail' });
    await expect(reportGroupEnter(1)).resolves.toBeNull();

    expect(taroMock.showToast).not.toHaveBeenCalled();
    expect(taroMock.getStorageSync(GROUP_ENTER_STORAGE_KEY)).toBe('');
    expect(groupChatIdFor(1)).toBeUndefined();
  });

  test('a remembered group of another community or a malformed entry is not used', () => {
    taroMock.setStorageSync(GROUP_ENTER_STORAGE_KEY, {
      communityId: 2,
      groupChatId: 9,
      bound: null,
      shareTicket: 't',
      at: Date.now(),
    });
    expect(groupChatIdFor(1)).toBeUndefined();
    expect(groupChatIdFor(2)).toBe(9);
    taroMock.setStorageSync(GROUP_ENTER_STORAGE_KEY, { communityId: 2, groupChatId: '9' });
    expect(groupChatIdFor(2)).toBeUndefined();
  });
});
