import Taro from '@tarojs/taro';

/**
 * WeChat's own privacy authorization (the mini-program's privacy guide that
 * WeChat shows and records). It complements our agreement screen
 * (pages/privacy), which the server records; both run before anything
 * personal is collected. The web has no such step.
 */

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: unknown) => void };

/** Calls a callback-style wx API that may be missing on old WeChat versions. */
function callWechat<T>(name: 'getPrivacySetting' | 'requirePrivacyAuthorize'): Promise<T> | undefined {
  const api = (Taro as unknown as Record<string, ((options: Callbacks<T>) => unknown) | undefined>)[name];
  if (typeof api !== 'function' || !Taro.canIUse(name)) return undefined;
  return new Promise<T>((resolve, reject) => {
    const returned = api({ success: resolve, fail: reject });
    // Some Taro builds promisify the call as well; its rejection is handled by `fail`.
    if (returned && typeof (returned as Promise<unknown>).catch === 'function') {
      (returned as Promise<unknown>).catch(() => undefined);
    }
  });
}

/**
 * Mini-program: makes sure the resident has agreed to the mini-program's
 * privacy guide in WeChat, asking WeChat to show it when needed. Resolves
 * false when they declined. Always true on the web and on WeChat versions
 * without the privacy API.
 */
export async function ensureWechatPrivacyAuthorized(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return true;
  try {
    const setting = await callWechat<{ needAuthorization: boolean }>('getPrivacySetting');
    if (!setting?.needAuthorization) return true;
    await callWechat('requirePrivacyAuthorize');
    return true;
  } catch {
    return false;
  }
}
