import Taro from '@tarojs/taro';

/** Storage key of the resident's API token (set by the login flow). */
export const TOKEN_STORAGE_KEY = 'yishi.token';

/** The stored API token, or `undefined` when nobody is signed in. */
export function getToken(): string | undefined {
  const token: unknown = Taro.getStorageSync(TOKEN_STORAGE_KEY);
  return typeof token === 'string' && token !== '' ? token : undefined;
}

export function saveToken(token: string): void {
  Taro.setStorageSync(TOKEN_STORAGE_KEY, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_STORAGE_KEY);
}
