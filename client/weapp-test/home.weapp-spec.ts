import { answerRequests, launchApp, openPage, requests, waitUntil } from './weapp-host';

/**
 * The production mini-program build, run in miniprogram-simulate: the home
 * page renders through Taro's templates, a failed health check shows the
 * error card, and tapping 重试 re-renders it with the server's answer.
 */

const apiBase = process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';
/** The home page also reads the community and its newest topics; these are the health checks. */
const healthChecks = () => requests.filter((request) => request.url === `${apiBase}/api/health`);

beforeAll(() => {
  launchApp();
});

test('home page shows the server status and recovers when 重试 is tapped', async () => {
  answerRequests('network-failure');
  const page = openPage('pages/home/index');
  const text = () => page.dom?.textContent ?? '';

  await waitUntil(() => text().includes('社区议事'), 'the page heading');
  await waitUntil(() => text().includes('无法连接服务器'), 'the error card');
  expect(text()).toContain('网络连接失败，请检查网络后重试');
  expect(text()).not.toContain('服务正常');
  expect(healthChecks()).toHaveLength(1);
  expect(healthChecks()[0]).toMatchObject({ url: `${apiBase}/api/health`, method: 'GET' });

  answerRequests({ statusCode: 200, data: { status: 'ok', db: 'mysql', version: '0.1.0' } });
  const retry = page.querySelector('.server-status__retry');
  expect(retry).toBeDefined();
  retry?.dispatchEvent('tap');

  await waitUntil(() => text().includes('服务正常'), 'the healthy state after tapping 重试');
  expect(text()).toContain('数据库 MySQL · 版本 0.1.0');
  expect(text()).not.toContain('无法连接服务器');
  expect(healthChecks()).toHaveLength(2);
});
