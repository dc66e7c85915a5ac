import { jest } from '@jest/globals';

/**
 * `@tarojs/taro` for jsdom tests. Every API is a jest mock with a harmless
 * default (storage works in memory, `request` rejects like a lost network);
 * tests script what they need, e.g.
 * `taroMock.request.mockResolvedValueOnce({ statusCode: 200, data })`.
 * `resetTaroMock()` runs before each test (test-support/setup.ts).
 */

type Json = unknown;

export interface RequestOptions {
  url: string;
  method?: string;
  data?: Json;
  header?: Record<string, string>;
  dataType?: string;
  timeout?: number;
}

export interface RequestResult {
  statusCode: number;
  data: Json;
  header?: Record<string, string>;
}

const storage = new Map<string, unknown>();

export const ENV_TYPE = { WEAPP: 'WEAPP', WEB: 'WEB', RN: 'RN', SWAN: 'SWAN', ALIPAY: 'ALIPAY', TT: 'TT' } as const;

export const taroMock = {
  request: jest.fn<(options: RequestOptions) => Promise<RequestResult>>(),
  showToast: jest.fn<(options: { title: string; icon?: string; duration?: number }) => Promise<void>>(),
  getStorageSync: jest.fn<(key: string) => unknown>(),
  setStorageSync: jest.fn<(key: string, value: unknown) => void>(),
  removeStorageSync: jest.fn<(key: string) => void>(),
  switchTab: jest.fn<(options: { url: string }) => Promise<void>>(),
  navigateTo: jest.fn<(options: { url: string }) => Promise<void>>(),
  navigateBack: jest.fn<(options?: { delta?: number }) => Promise<void>>(),
  getCurrentPages: jest.fn<() => unknown[]>(),
  getEnv: jest.fn<() => string>(),
  pxTransform: jest.fn<(size: number) => string>(),
  getSystemInfoSync: jest.fn<() => Record<string, unknown>>(),
  createSelectorQuery: jest.fn<() => unknown>(),
  getCurrentInstance: jest.fn<() => { router: { params: Record<string, string> } }>(),
  eventCenter: { on: jest.fn(), off: jest.fn(), trigger: jest.fn() },
  ENV_TYPE,
};

/** Restores every mock to its default behaviour and empties storage. */
export function resetTaroMock(): void {
  storage.clear();
  taroMock.request.mockReset().mockRejectedValue({ errMsg: 'request:fail (no answer scripted in this test)' });
  taroMock.showToast.mockReset().mockResolvedValue(undefined);
  taroMock.getStorageSync.mockReset().mockImplementation((key) => storage.get(key) ?? '');
  taroMock.setStorageSync.mockReset().mockImplementation((key, value) => {
    storage.set(key, value);
  });
  taroMock.removeStorageSync.mockReset().mockImplementation((key) => {
    storage.delete(key);
  });
  taroMock.switchTab.mockReset().mockResolvedValue(undefined);
  taroMock.navigateTo.mockReset().mockResolvedValue(undefined);
  taroMock.navigateBack.mockReset().mockResolvedValue(undefined);
  taroMock.getCurrentPages.mockReset().mockReturnValue([]);
  taroMock.getEnv.mockReset().mockReturnValue(ENV_TYPE.WEB);
  taroMock.pxTransform.mockReset().mockImplementation((size) => `${size}px`);
  taroMock.getSystemInfoSync.mockReset().mockReturnValue({ windowWidth: 390, windowHeight: 844, pixelRatio: 2 });
  taroMock.createSelectorQuery.mockReset();
  taroMock.getCurrentInstance.mockReset().mockReturnValue({ router: { params: {} } });
}

resetTaroMock();

export const {
  request,
  showToast,
  getStorageSync,
  setStorageSync,
  removeStorageSync,
  switchTab,
  navigateTo,
  navigateBack,
  getCurrentPages,
  getEnv,
  pxTransform,
  getSystemInfoSync,
  createSelectorQuery,
  getCurrentInstance,
  eventCenter,
} = taroMock;

export default taroMock;
