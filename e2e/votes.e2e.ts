import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * A residents' vote from start to published record: the moderator (刘敏)
 * opens it through the API; a resident (王秀英) finds it on the 议事会 tab,
 * votes 同意 and is shown the receipt code; the moderator closes it through
 * the API; the resident sees 通过 and finds her ballot in the published record
 * with the receipt code. Every page visited is scanned with axe and
 * photographed into e2e/screenshots/votes-*.png (phone 390×844).
 */

jest.setTimeout(240_000);

const TITLE = '槐荫里东门加装非机动车充电桩';

async function api<T>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method !== 'GET') headers['Idempotency-Key'] = randomUUID();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${baseUrl}/api${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

/** The page on screen now (Taro keeps earlier pages in the DOM, hidden). */
function current(page: Page) {
  return page.locator('.taro_page:visible').last();
}

/** Screenshot (the whole page's length) plus axe scan. */
async function visit(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? VIEWPORTS.phone;
  const length = await current(page).evaluate((element) => {
    element.scrollTop = 0;
    return element.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, length + 64) });
  await screenshot(page, `votes-${name}`);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.setViewportSize(size);
}

describe('votes: open, cast with a receipt, close, check the record', () => {
  test('a resident votes on the 议事会 tab and finds her ballot in the published record', async () => {
    const login = await api<{ token: string; user: { communities: { id: number; name: string }[] } }>(
      'POST',
      '/auth/dev-login',
      undefined,
      { persona: 'moderator' },
    );
    expect(login.status).toBe(200);
    const moderator = login.body.token;
    const community = login.body.user.communities.find((c) => c.name === '和平里社区');
    expect(community).toBeDefined();
    const created = await api<{ id: number }>('POST', '/votes', moderator, {
      communityId: community!.id,
      title: TITLE,
      description: '在东门内侧空地加装 20 个充电口，费用由社区微更新资金承担。',
      electorate: 'residents',
      majority: 'simple',
      base: 'YNA',
      secret: true,
      resultsLive: false,
      allowChange: false,
      closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const voteId = created.body.id;

    const { page, close } = await openBrowser(VIEWPORTS.phone);
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url().includes('/api/')) {
        failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
      }
    });
    try {
      await page.goto(`${baseUrl}/#/pages/login/index`);
      await page.getByText('演示模式').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: /王秀英/ }).click();
      await page.waitForURL(/#\/pages\/me\/index/);
      await page.locator('.yishi-persona').first().waitFor({ state: 'hidden' });

      // ---- The 议事会 tab lists the vote under 进行中.
      await page.goto(`${baseUrl}/#/pages/councils/index`);
      const running = current(page).getByRole('region', { name: '进行中' });
      await running.getByRole('link', { name: new RegExp(TITLE) }).waitFor({ timeout: 30_000 });
      await visit(page, 'phone-councils');

      // ---- The vote: 同意, confirmed in the dialog, then the receipt code.
      await running.getByRole('link', { name: new RegExp(TITLE) }).click();
      await page.waitForURL(/#\/pages\/votes\/detail/);
      await current(page).getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 30_000 });
      await current(page).getByText('过半数同意（按同意、反对、弃权票合计）').waitFor();
      await visit(page, 'phone-detail');
      await current(page).getByRole('button', { name: '同意', exact: true }).click();
      await page.locator('.taro__modal').getByText('投同意', { exact: true }).click();
      const code = current(page).locator('.vote-detail__receipt-code');
      await code.waitFor({ timeout: 30_000 });
      const receipt = (await code.textContent())?.trim() ?? '';
      expect(receipt).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await current(page)
        .getByText(/凭证码，请截图或抄下保存/)
        .waitFor();
      await current(page).getByText('1 / ', { exact: false }).first().waitFor();
      await visit(page, 'phone-receipt');

      // ---- The moderator closes the vote.
      const closed = await api<{ passed?: boolean }>('POST', `/votes/${voteId}/close`, moderator, {});
      expect(closed.status).toBe(200);

      // ---- The resident reads the result and finds her ballot with the receipt code.
      await page.goto(`${baseUrl}/#/pages/votes/detail?id=${voteId}`);
      await page.reload();
      await current(page).getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 30_000 });
      await current(page).getByText('通过', { exact: true }).waitFor();
      await visit(page, 'phone-closed');
      await current(page).getByRole('button', { name: '核对我的凭证' }).click();
      await page.waitForURL(/#\/pages\/votes\/record/);
      await current(page).getByText('共 1 票').waitFor({ timeout: 30_000 });
      await current(page).getByLabel('凭证码').fill(receipt);
      await current(page).getByRole('button', { name: '核对', exact: true }).click();
      await current(page)
        .getByText(/第 1 条记录，选择：同意/)
        .waitFor();
      await visit(page, 'phone-record');
      expect(failures).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a single-choice vote: the resident picks an option; a grid worker enters a paper ballot and a moderator confirms it', async () => {
    const login = await api<{ token: string; user: { communities: { id: number; name: string }[] } }>(
      'POST',
      '/auth/dev-login',
      undefined,
      { persona: 'moderator' },
    );
    const moderator = login.body.token;
    const community = login.body.user.communities.find((c) => c.name === '和平里社区')!;
    const title = '中心花园健身器材放在哪里';
    const created = await api<{ id: number }>('POST', '/votes', moderator, {
      communityId: community.id,
      title,
      description: '三个位置选一个，得票过半数的位置实施。',
      electorate: 'residents',
      method: 'single',
      options: ['中心花园东侧', '北门空地', '3号楼旁绿地'],
      base: 'cast',
      resultsLive: true,
      closesAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    const voteId = created.body.id;

    const { page, close } = await openBrowser(VIEWPORTS.phone);
    try {
      await page.goto(`${baseUrl}/#/pages/login/index`);
      await page.getByText('演示模式').waitFor({ timeout: 30_000 });
      await page.getByRole('button', { name: /王秀英/ }).click();
      await page.waitForURL(/#\/pages\/me\/index/);
      await page.locator('.yishi-persona').first().waitFor({ state: 'hidden' });
      await page.goto(`${baseUrl}/#/pages/votes/detail?id=${voteId}`);
      await current(page).getByRole('heading', { level: 1, name: title }).waitFor({ timeout: 30_000 });
      await current(page).getByRole('radio', { name: '北门空地' }).click();
      await visit(page, 'phone-choice');
      await current(page).getByRole('button', { name: '投出选票' }).click();
      await page.locator('.taro__modal').getByText('投出选票', { exact: true }).click();
      await current(page).locator('.vote-detail__receipt-code').waitFor({ timeout: 30_000 });
      await current(page).getByText('北门空地', { exact: false }).first().waitFor();
      await visit(page, 'phone-choice-receipt');
    } finally {
      await close();
    }

    // A grid worker enters a paper ballot for the owner 李建国; the moderator confirms it.
    const grid = await openBrowser(VIEWPORTS.phone);
    try {
      const p = grid.page;
      await p.goto(`${baseUrl}/#/pages/login/index`);
      await p.getByText('演示模式').waitFor({ timeout: 30_000 });
      await p.getByRole('button', { name: /吴永刚|吴网格/ }).click();
      await p.waitForURL(/#\/pages\/me\/index/);
      await p.goto(`${baseUrl}/#/moderator/votes/paper?id=${voteId}`);
      await current(p).getByLabel('姓名或房号').waitFor({ timeout: 30_000 });
      await current(p).getByLabel('姓名或房号').fill('李建国');
      await current(p).getByRole('button', { name: '查找', exact: true }).click();
      await current(p)
        .getByRole('radio', { name: /李\*\*/ })
        .first()
        .click();
      await current(p).getByRole('radio', { name: '中心花园东侧' }).click();
      await visit(p, 'phone-paper-entry');
      await current(p).getByRole('button', { name: '录入这张纸质选票' }).click();
      await p.locator('.taro__modal .taro-model__confirm').click();
      await current(p).locator('.paper__code').waitFor({ timeout: 30_000 });
      await visit(p, 'phone-paper-receipt');
    } finally {
      await grid.close();
    }
    const mod = await openBrowser(VIEWPORTS.phone);
    try {
      const p = mod.page;
      await p.goto(`${baseUrl}/#/pages/login/index`);
      await p.getByText('演示模式').waitFor({ timeout: 30_000 });
      await p.getByRole('button', { name: /刘敏/ }).click();
      await p.waitForURL(/#\/pages\/me\/index/);
      await p.goto(`${baseUrl}/#/moderator/votes/paper-confirm?community=${community.id}`);
      await current(p).getByText('投票人：李建国').waitFor({ timeout: 30_000 });
      await visit(p, 'phone-paper-confirm');
      await current(p).getByRole('button', { name: '核对无误，确认计票' }).click();
      await p.locator('.taro__modal .taro-model__confirm').click();
      await current(p).getByText('没有待确认的纸质选票').waitFor({ timeout: 30_000 });
      await p.goto(`${baseUrl}/#/moderator/votes/new`);
      await current(p).getByLabel('标题').waitFor({ timeout: 30_000 });
      await current(p).getByRole('radio', { name: '选举（选出若干人）' }).click();
      await visit(p, 'phone-create-election');
    } finally {
      await mod.close();
    }
    const view = await api<{ participation: { voters: number }; result: { options: { votes: number }[] } }>(
      'GET',
      `/votes/${voteId}`,
    );
    expect(view.body.participation.voters).toBe(2);
    expect(view.body.result.options.map((o) => o.votes)).toEqual([1, 1, 0]);
  });
});
