import type { LoginResponse, Me } from '@shared/auth/auth.schema';
import { startSession } from '@/services/session';
import { type RequestOptions, type RequestResult, taroMock } from './taro-mock';

/**
 * Test data and a tiny fake of the API for page tests: `routeApi` answers
 * `Taro.request` by "METHOD /api/path" and records every call.
 */

export function aMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 3,
    nickname: '新居民小周',
    realName: '周子涵',
    phoneMasked: '138****1003',
    privacyAccepted: true,
    largeText: false,
    persona: 'newcomer',
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: [], status: 'active' }],
    units: [],
    unreadNotifications: 0,
    ...overrides,
  };
}

export function aLogin(me: Me = aMe(), token = 'token-1'): LoginResponse {
  return { token, expiresAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(), user: me };
}

/** Signs in `me` on the fake device, as the login page would. */
export function signedInAs(me: Me = aMe(), token = 'token-1'): void {
  startSession(aLogin(me, token));
}

export const ok = (data: unknown, statusCode = 200): RequestResult => ({ statusCode, data });

export const apiError = (statusCode: number, code: string, message: string, details?: unknown): RequestResult => ({
  statusCode,
  data: { error: { code, message, details } },
});

type Answer = RequestResult | ((request: RequestOptions) => RequestResult | Promise<RequestResult>);

/**
 * Answers requests by route ("GET /api/me"; the query is not part of the key).
 * An array answers successive calls in turn (the last one repeats). Unrouted
 * requests get a 404 and are listed in `unrouted`.
 */
export function routeApi(routes: Record<string, Answer | Answer[]>) {
  const calls: RequestOptions[] = [];
  const unrouted: string[] = [];
  const counters = new Map<string, number>();
  taroMock.request.mockImplementation(async (request) => {
    calls.push(request);
    const key = `${request.method ?? 'GET'} ${request.url.split('?')[0]}`;
    const route = routes[key];
    if (route === undefined) {
      unrouted.push(key);
      return apiError(404, 'ROUTE_NOT_FOUND', '请求的接口不存在');
    }
    let answer: Answer;
    if (Array.isArray(route)) {
      const index = counters.get(key) ?? 0;
      counters.set(key, index + 1);
      answer = route[Math.min(index, route.length - 1)]!;
    } else {
      answer = route;
    }
    return typeof answer === 'function' ? answer(request) : answer;
  });
  return {
    calls,
    unrouted,
    /** The calls to one route, oldest first. */
    callsTo: (key: string) => calls.filter((c) => `${c.method ?? 'GET'} ${c.url.split('?')[0]}` === key),
  };
}
