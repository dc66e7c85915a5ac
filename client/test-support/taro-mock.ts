import { jest } from '@jest/globals';
import { useEffect } from 'react';

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

export interface UploadOptions {
  url: string;
  filePath: string;
  name: string;
  header?: Record<string, string>;
  formData?: Record<string, string>;
  timeout?: number;
  fileName?: string;
}

/** What `chooseImage` resolves with (the web shape, which the jsdom tests stand in for). */
export interface ChooseImageResult {
  tempFilePaths: string[];
  tempFiles: { path: string; size: number; type?: string; originalFileObj?: { name?: string; type?: string } }[];
}

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: unknown) => void };

export const taroMock = {
  request: jest.fn<(options: RequestOptions) => Promise<RequestResult>>(),
  /** Resolves like Taro.uploadFile: `data` is the body as a string. */
  uploadFile: jest.fn<(options: UploadOptions) => Promise<{ statusCode: number; data: string }>>(),
  login: jest.fn<() => Promise<{ code: string; errMsg: string }>>(),
  chooseImage: jest.fn<(options: Record<string, unknown>) => Promise<ChooseImageResult>>(),
  chooseMedia:
    jest.fn<
      (
        options: Record<string, unknown>,
      ) => Promise<{ tempFiles: { tempFilePath: string; size: number; fileType: string }[] }>
    >(),
  canIUse: jest.fn<(name: string) => boolean>(),
  getPrivacySetting:
    jest.fn<(options: Callbacks<{ needAuthorization: boolean; privacyContractName?: string }>) => void>(),
  requirePrivacyAuthorize: jest.fn<(options: Callbacks<unknown>) => void>(),
  showModal: jest.fn<(options: Record<string, unknown>) => Promise<{ confirm: boolean; cancel: boolean }>>(),
  setClipboardData: jest.fn<(options: { data: string }) => Promise<void>>(),
  redirectTo: jest.fn<(options: { url: string }) => Promise<void>>(),
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
  /** Resolves like Taro.downloadFile: a local path (a blob: URL on the web) and the HTTP status. */
  downloadFile:
    jest.fn<
      (options: {
        url: string;
        header?: Record<string, string>;
      }) => Promise<{ tempFilePath: string; statusCode: number }>
    >(),
  previewImage: jest.fn<(options: { urls: string[]; current?: string }) => Promise<void>>(),
  requestSubscribeMessage: jest.fn<(options: { tmplIds: string[] }) => Promise<Record<string, string>>>(),
  /** The share hooks record the last callback, so a test can ask what a share would send. */
  shareAppMessage: { current: undefined as undefined | (() => unknown) },
  shareTimeline: { current: undefined as undefined | (() => unknown) },
  useShareAppMessage: (callback: () => unknown) => {
    taroMock.shareAppMessage.current = callback;
  },
  useShareTimeline: (callback: () => unknown) => {
    taroMock.shareTimeline.current = callback;
  },
  eventCenter: { on: jest.fn(), off: jest.fn(), trigger: jest.fn() },
  /** Page lifecycle hooks: in jsdom a page is shown once, when it mounts. */
  useDidShow: (callback: () => void) => {
    // biome-ignore lint/correctness/useExhaustiveDependencies: run once, like the first onShow.
    useEffect(() => callback(), []);
  },
  useDidHide: (_callback: () => void) => {},
  ENV_TYPE,
};

/** Restores every mock to its default behaviour and empties storage. */
export function resetTaroMock(): void {
  storage.clear();
  taroMock.request.mockReset().mockRejectedValue({ errMsg: 'request:fail (no answer scripted in this test)' });
  taroMock.uploadFile.mockReset().mockRejectedValue({ errMsg: 'uploadFile:fail (no answer scripted in this test)' });
  taroMock.login.mockReset().mockRejectedValue({ errMsg: 'login:fail (no code scripted in this test)' });
  taroMock.chooseImage.mockReset().mockRejectedValue({ errMsg: 'chooseImage:fail cancel' });
  taroMock.chooseMedia.mockReset().mockRejectedValue({ errMsg: 'chooseMedia:fail cancel' });
  taroMock.canIUse.mockReset().mockReturnValue(true);
  taroMock.getPrivacySetting.mockReset().mockImplementation((options) => {
    options.success?.({ needAuthorization: false });
  });
  taroMock.requirePrivacyAuthorize.mockReset().mockImplementation((options) => {
    options.success?.({});
  });
  taroMock.showModal.mockReset().mockResolvedValue({ confirm: true, cancel: false });
  taroMock.setClipboardData.mockReset().mockResolvedValue(undefined);
  taroMock.redirectTo.mockReset().mockResolvedValue(undefined);
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
  taroMock.downloadFile
    .mockReset()
    .mockImplementation(async ({ url }) => ({ tempFilePath: `blob:${url}`, statusCode: 200 }));
  taroMock.previewImage.mockReset().mockResolvedValue(undefined);
  taroMock.requestSubscribeMessage.mockReset().mockResolvedValue({ errMsg: 'requestSubscribeMessage:ok' });
  taroMock.shareAppMessage.current = undefined;
  taroMock.shareTimeline.current = undefined;
}

resetTaroMock();

export const {
  request,
  uploadFile,
  login,
  chooseImage,
  chooseMedia,
  canIUse,
  getPrivacySetting,
  requirePrivacyAuthorize,
  showModal,
  setClipboardData,
  redirectTo,
  useDidShow,
  useDidHide,
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
  downloadFile,
  previewImage,
  requestSubscribeMessage,
  useShareAppMessage,
  useShareTimeline,
  eventCenter,
} = taroMock;

export default taroMock;
