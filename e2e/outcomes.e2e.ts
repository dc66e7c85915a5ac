import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * Outcomes as the committee reports them: a resident's topic is submitted and
 * taken on (through the API); the moderator (刘敏) opens 统计与台账 from the
 * workbench, reads this month's numbers, exports the Excel ledger (the test
 * opens the downloaded file and finds the topic's row) and opens the print
 * views of the ledger and of a meeting's record; the sub-district admin
 * (郑科长) sees every community with the totals. Screenshots at 390×844 and
 * 1280×800 in e2e/screenshots/outcomes-*.png, each page scanned with axe.
 *
 * Not yet here: publicity, objections, implementation and evaluation pages
 * (the outcomes feature); when they land, the flow starts from a decided topic.
 */

jest.setTimeout(300_000);

const TITLE = '安居苑5号楼单元门禁经常失灵';

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
  await screenshot(page, `outcomes-${name}`);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.setViewportSize(size);
}

async function signIn(page: Page, persona: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.getByText('演示模式').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: persona }).click();
  await page.waitForURL(/#\/pages\/me\/index/);
  await page.locator('.yishi-persona').first().waitFor({ state: 'hidden' });
}

function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

describe('outcomes: the dashboard and the ledger reflect what happened', () => {
  let moderator: string;
  let communityId: number;
  let topicId: number;

  beforeAll(async () => {
    const login = await api<{ token: string; user: { communities: { id: number; name: string }[] } }>(
      'POST',
      '/auth/dev-login',
      undefined,
      { persona: 'moderator' },
    );
    moderator = login.body.token;
    communityId = login.body.user.communities.find((c) => c.name === '和平里社区')!.id;
    const owner = (await api<{ token: string }>('POST', '/auth/dev-login', undefined, { persona: 'owner' })).body.token;
    await api('POST', '/me/privacy', owner, { version: '1' });
    const submitted = await api<{ id: number }>('POST', '/topics', owner, {
      communityId,
      title: TITLE,
      description: '5号楼2单元的门禁这个月坏了三次，外卖和陌生人随便进出，老人不放心。',
      category: '安全隐患',
      scope: 'community',
    });
    expect(submitted.status).toBe(201);
    topicId = submitted.body.id;
    expect((await api('POST', `/topics/${topicId}/accept`, moderator, {})).status).toBe(200);
  });

  test('the moderator reads this month, exports the ledger and prints it', async () => {
    const today = shanghaiToday();
    const thisMonth = { from: `${today.slice(0, 8)}01`, to: today };
    const expected = await api<{ stats: { topics: { submitted: number }; participation: { percent: number | null } } }>(
      'GET',
      `/communities/${communityId}/stats?from=${thisMonth.from}&to=${thisMonth.to}`,
      moderator,
    );
    expect(expected.status).toBe(200);
    expect(expected.body.stats.topics.submitted).toBeGreaterThanOrEqual(1);

    for (const [viewport, size] of Object.entries(VIEWPORTS)) {
      const { page, close } = await openBrowser(size);
      const failures: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400 && response.url().includes('/api/')) {
          failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
        }
      });
      try {
        await signIn(page, /刘敏/);
        await page.goto(`${baseUrl}/#/moderator/index/index`);
        await current(page)
          .getByRole('link', { name: /统计与台账/ })
          .click();
        await page.waitForURL(/#\/stats\/index\/index/);
        await current(page)
          .getByRole('group', { name: /^居民提交议题/ })
          .waitFor({ timeout: 30_000 });
        await current(page).getByRole('radio', { name: '本月' }).click();
        const tile = current(page).getByRole('group', { name: /^居民提交议题/ });
        await current(page)
          .getByRole('group', { name: new RegExp(`^居民提交议题：${expected.body.stats.topics.submitted} 件`) })
          .waitFor({ timeout: 30_000 });
        expect(await tile.count()).toBe(1);
        await current(page).locator('.stat-chart__canvas canvas').first().waitFor({ timeout: 30_000 });
        await visit(page, `${viewport}-dashboard`);

        if (viewport === 'phone') {
          // ---- The Excel ledger: downloaded by the browser, opened here.
          const [download] = await Promise.all([
            page.waitForEvent('download'),
            current(page).getByRole('button', { name: '导出 Excel 台账' }).click(),
          ]);
          expect(download.suggestedFilename()).toBe(`和平里社区台账_${thisMonth.from}至${thisMonth.to}.xlsx`);
          const file = await download.path();
          const workbook = new Workbook();
          await workbook.xlsx.load(readFileSync(file!) as never);
          expect(workbook.worksheets.map((s) => s.name)).toEqual([
            '统计汇总',
            '议题台账',
            '会议台账',
            '表决台账',
            '项目台账',
          ]);
          const topics = workbook.getWorksheet('议题台账')!;
          expect(String(topics.getCell('A1').value)).toContain('和平里社区 议题台账');
          const rows: (string | number | Date | null)[][] = [];
          topics.eachRow((row, n) => {
            if (n > 2) rows.push((row.values as (string | number | Date | null)[]).slice(1));
          });
          const mine = rows.find((r) => r[0] === topicId);
          expect(mine).toBeDefined();
          expect(mine!.slice(1, 4)).toEqual([TITLE, '待分派', '安全隐患']);
          expect((mine![6] as Date).toISOString().slice(0, 10)).toBe(today);
          expect(mine![7]).toBe(0); // accepted the day it was submitted
          expect(rows).toHaveLength(expected.body.stats.topics.submitted);

          // ---- The print view of the same ledger.
          await current(page).getByRole('button', { name: '查看打印版台账' }).click();
          await page.waitForURL(/#\/stats\/ledger\/index/);
          await current(page).getByRole('table', { name: '议题台账' }).getByText(TITLE).waitFor({ timeout: 30_000 });
          await visit(page, 'phone-ledger-print');
          // As on paper: A4 landscape is 1123 × 794 CSS pixels.
          await page.setViewportSize({ width: 1123, height: 794 });
          await page.emulateMedia({ media: 'print' });
          await screenshot(page, 'outcomes-a4-ledger-print');
          await page.emulateMedia({ media: 'screen' });
          await page.setViewportSize(size);
        }
        expect(failures).toEqual([]);
      } finally {
        await close();
      }
    }
  });

  test("a meeting's record prints with its agenda and sign-in list", async () => {
    const councils = await api<{ id: number }[]>('GET', `/communities/${communityId}/councils`, moderator);
    const scheduled = await api<{ id: number; invitees: unknown[] }>('POST', '/meetings', moderator, {
      title: '十二月协商议事会',
      councilId: councils.body[0]!.id,
      startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      place: '社区党群服务中心二楼会议室',
      mode: 'offline',
      noticeDays: 3,
      agenda: [{ topicId, minutes: 30 }],
    });
    expect(scheduled.status).toBe(201);
    expect((await api('POST', `/meetings/${scheduled.body.id}/announce`, moderator, {})).status).toBe(200);
    const { page, close } = await openBrowser(VIEWPORTS.desktop);
    try {
      await signIn(page, /刘敏/);
      await page.goto(`${baseUrl}/#/stats/minutes/index?meetingId=${scheduled.body.id}`);
      await current(page).getByText('协商议事会会议记录', { exact: false }).waitFor({ timeout: 30_000 });
      await current(page).getByText('一、议程').waitFor();
      await current(page).getByText(`1. ${TITLE}（30 分钟）`).waitFor();
      await visit(page, 'desktop-minutes-print');
    } finally {
      await close();
    }
  });

  test('the sub-district admin sees every community and the totals', async () => {
    const { page, close } = await openBrowser(VIEWPORTS.desktop);
    try {
      await signIn(page, /郑科长/);
      await current(page).getByRole('button', { name: '统计与台账' }).click();
      await page.waitForURL(/#\/stats\/index\/index/);
      await current(page).getByRole('table', { name: '各社区情况' }).waitFor({ timeout: 30_000 });
      await current(page).getByRole('table', { name: '各社区情况' }).getByText('和平里社区').waitFor();
      await current(page).getByRole('table', { name: '各社区情况' }).getByText('合计').waitFor();
      await visit(page, 'desktop-subdistrict');
    } finally {
      await close();
    }
  });
});
