import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * Outcomes from decision to report (issue 6): a resident's topic, routed to
 * the property company, gets a resolution (API). In the browser the moderator
 * (刘敏) publishes it; a resident (王秀英) files an objection on the public
 * board; the moderator answers it. The moderator assigns the implementation
 * (API); the publicity period is made to end (the test moves its end into the
 * past in the e2e server's database, and the server's sweep moves the topic on);
 * the property manager (赵经理) posts two progress updates and the completion
 * report in the browser; three residents evaluate (王秀英 in the browser, two
 * through the API). Then the dashboard and the Excel ledger reflect it: the
 * test downloads the XLSX and checks the topic's row with exceljs. Print views
 * of the ledger and a meeting's record, and the sub-district admin's view
 * (郑科长) follow. Screenshots at 390×844 and 1280×800 in
 * e2e/screenshots/outcomes-*.png, each page scanned with axe.
 */

jest.setTimeout(300_000);

/** Unique among the e2e servers' databases of concurrent runs (the publicity step looks the topic up by title). */
const TITLE = `安居苑5号楼${(Date.now() % 8) + 2}单元门禁经常失灵`;

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

/** Whole days from one YYYY-MM-DD to another. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

async function token(persona: string): Promise<string> {
  const login = await api<{ token: string }>('POST', '/auth/dev-login', undefined, { persona });
  expect(login.status).toBe(200);
  await api('POST', '/me/privacy', login.body.token, { version: '1' });
  return login.body.token;
}

/** Confirms Taro's modal dialog on the web. */
async function confirmModal(page: Page): Promise<void> {
  await page.locator('.taro__modal').getByText('确定', { exact: true }).click();
}

/**
 * Ends the topic's publicity period now: the e2e server runs on a SQLite file
 * in a fresh temporary folder (scripts/e2e.mjs); the round's end moves into the
 * past, and the server's own sweep (every minute) moves the topic on.
 */
function endPublicityNow(topicTitle: string): void {
  const folders = readdirSync(os.tmpdir())
    .filter((name) => name.startsWith('yishi-e2e-'))
    .map((name) => path.join(os.tmpdir(), name, 'yishi.sqlite'))
    .filter((file) => existsSync(file))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const file of folders) {
    const db = new Database(file, { timeout: 10_000 });
    try {
      const round = db
        .prepare(
          'SELECT p.id FROM publicity p JOIN topic t ON t.id = p.topic_id WHERE t.title = ? AND p.ended_at IS NULL',
        )
        .get(topicTitle) as { id: number } | undefined;
      if (round) {
        db.prepare('UPDATE publicity SET ends_at = ? WHERE id = ?').run('2000-01-01 00:00:00.000', round.id);
        return;
      }
    } finally {
      db.close();
    }
  }
  throw new Error('the e2e server database (SQLite) was not found');
}

async function waitForStatus(topicId: number, status: string, within = 150_000): Promise<void> {
  const until = Date.now() + within;
  for (;;) {
    const topic = await api<{ status: string }>('GET', `/topics/${topicId}`);
    if (topic.body.status === status) return;
    if (Date.now() > until) throw new Error(`topic ${topicId} stayed ${topic.body.status}, expected ${status}`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

describe('outcomes: the dashboard and the ledger reflect what happened', () => {
  let moderator: string;
  let communityId: number;
  let topicId: number;
  /** Beijing days when the topic was submitted, accepted and completed (the run may pass midnight there). */
  const days = { submitted: '', accepted: '', completed: '' };
  let propertyCompany: number;

  beforeAll(async () => {
    const login = await api<{ token: string; user: { communities: { id: number; name: string }[] } }>(
      'POST',
      '/auth/dev-login',
      undefined,
      { persona: 'moderator' },
    );
    moderator = login.body.token;
    communityId = login.body.user.communities.find((c) => c.name === '和平里社区')!.id;
    const owner = await token('owner');
    const submitted = await api<{ id: number }>('POST', '/topics', owner, {
      communityId,
      title: TITLE,
      description: '5号楼2单元的门禁这个月坏了三次，外卖和陌生人随便进出，老人不放心。',
      category: '安全隐患',
      scope: 'community',
    });
    expect(submitted.status).toBe(201);
    topicId = submitted.body.id;
    days.submitted = shanghaiToday();
    expect((await api('POST', `/topics/${topicId}/accept`, moderator, {})).status).toBe(200);
    days.accepted = shanghaiToday();
    const parties = await api<{ id: number; kind: string; name: string }[]>(
      'GET',
      `/communities/${communityId}/parties`,
    );
    propertyCompany = parties.body.find((p) => p.kind === 'property_company')!.id;
    const routed = await api('POST', `/topics/${topicId}/route`, moderator, {
      category: '安全隐患',
      level: 'estate',
      partyId: propertyCompany,
    });
    expect(routed.status).toBe(200);
    const decided = await api('POST', `/topics/${topicId}/resolution`, moderator, {
      text: '由物业在两周内更换5号楼2单元门禁主板，并加装自动闭门器。',
    });
    expect(decided.status).toBeLessThan(300);
  });

  test('a decided topic: publicity, an objection answered, implementation with two updates, completed, evaluated', async () => {
    const { page, close } = await openBrowser(VIEWPORTS.phone);
    const failures: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && response.url().includes('/api/')) {
        failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
      }
    });
    try {
      // ---- The moderator publishes the resolution.
      await signIn(page, /刘敏/);
      await page.goto(`${baseUrl}/#/moderator/outcomes/index?communityId=${communityId}`);
      const decided = current(page).getByRole('region', { name: /待公示的决议/ });
      const item = decided.locator('.board-detail__item').filter({ hasText: TITLE });
      await item.waitFor({ timeout: 30_000 });
      await visit(page, 'phone-moderator-outcomes');
      await item.getByRole('button', { name: '公示决议' }).click();
      await confirmModal(page);
      await waitForStatus(topicId, 'publicity', 30_000);

      // ---- A resident objects on the public board.
      await signIn(page, /王秀英/);
      await page.goto(`${baseUrl}/#/pages/board/detail?id=${topicId}`);
      await current(page).getByRole('region', { name: '异议' }).waitFor({ timeout: 30_000 });
      await current(page).getByLabel('我有异议').fill('只换主板不够，希望同时更换门禁读卡器，老人的卡经常读不出来。');
      await current(page).getByRole('button', { name: '提交异议' }).click();
      await confirmModal(page);
      await current(page).getByText('只换主板不够', { exact: false }).first().waitFor({ timeout: 30_000 });
      await visit(page, 'phone-board-objection');

      // ---- The moderator answers it (not upheld: the reader is replaced under warranty anyway).
      await signIn(page, /刘敏/);
      await page.goto(`${baseUrl}/#/moderator/outcomes/index?communityId=${communityId}`);
      const objections = current(page).getByRole('region', { name: /待答复的异议/ });
      await objections.getByText('只换主板不够', { exact: false }).waitFor({ timeout: 30_000 });
      await objections.getByLabel('答复').fill('读卡器在保修期内，物业更换主板时一并免费更换，已写入落实要求。');
      await objections.getByRole('button', { name: '不予采纳' }).click();
      await objections.getByText('没有待答复的异议。').waitFor({ timeout: 30_000 });

      // ---- Implementation by the property company; the publicity period ends.
      const manager = await api<{ id: number }>('GET', '/me', await token('property_manager'));
      const assigned = await api('POST', `/topics/${topicId}/implementation`, moderator, {
        partyId: propertyCompany,
        personUserId: manager.body.id,
        dueDate: new Date(Date.now() + 8 * 3600_000 + 14 * 86_400_000).toISOString().slice(0, 10),
        milestones: [],
      });
      expect(assigned.status).toBeLessThan(300);
      endPublicityNow(TITLE);
      await waitForStatus(topicId, 'implementation');

      // ---- The property manager posts two progress updates and the completion report.
      await signIn(page, /赵经理/);
      await page.goto(`${baseUrl}/#/pages/outcomes/implementation?id=${topicId}`);
      const form = current(page).getByRole('region', { name: '填写进展' });
      await form.waitFor({ timeout: 30_000 });
      for (const text of ['已订购门禁主板和读卡器，预计三天内到货。', '新主板和读卡器已到货，周六上午施工。']) {
        await form.getByLabel('进展情况').fill(text);
        await form.getByRole('button', { name: '提交进展' }).click();
        await current(page).getByRole('region', { name: '进展记录' }).getByText(text).waitFor({ timeout: 30_000 });
      }
      await form.getByRole('radio', { name: /办结报告/ }).click();
      await form.getByLabel('办结报告').fill('门禁主板、读卡器和自动闭门器已更换安装，经居民试用正常。');
      await form.getByRole('button', { name: '提交办结报告' }).click();
      await confirmModal(page);
      await waitForStatus(topicId, 'completed', 30_000);
      days.completed = shanghaiToday();
      await page.goto(`${baseUrl}/#/pages/board/detail?id=${topicId}`);
      await page.reload();
      const done = current(page).getByRole('region', { name: '落实情况' });
      await done.getByText('新主板和读卡器已到货，周六上午施工。').waitFor({ timeout: 30_000 });
      await done.getByText('已办结', { exact: true }).waitFor();
      await visit(page, 'phone-board-completed');

      // ---- Three residents evaluate: one on the board page, two through the API.
      await signIn(page, /王秀英/);
      await page.goto(`${baseUrl}/#/pages/board/detail?id=${topicId}`);
      const stars = current(page).getByRole('radiogroup', { name: '满意程度' });
      await stars.waitFor({ timeout: 30_000 });
      await stars.getByRole('radio', { name: /^5 分/ }).click();
      await current(page).getByRole('button', { name: '提交评价' }).click();
      await current(page)
        .getByText(/您的评价：5 分/)
        .waitFor({ timeout: 30_000 });
      for (const [persona, score] of [
        ['owner', 4],
        ['representative', 2],
      ] as const) {
        const rated = await api('POST', `/topics/${topicId}/evaluations`, await token(persona), { score });
        expect(rated.status).toBeLessThan(300);
      }
      await page.reload();
      await current(page).getByRole('region', { name: '居民满意度' }).waitFor({ timeout: 30_000 });
      await visit(page, 'phone-board-evaluated');
      expect(failures).toEqual([]);
    } finally {
      await close();
    }
  });

  test('the moderator reads this month, exports the ledger and prints it', async () => {
    const today = shanghaiToday();
    const thisMonth = { from: `${today.slice(0, 8)}01`, to: today };
    const expected = await api<{
      stats: {
        topics: { submitted: number; shareResolved: { numerator: number } };
        satisfaction: { denominator: number; percent: number | null };
      };
    }>('GET', `/communities/${communityId}/stats?from=${thisMonth.from}&to=${thisMonth.to}`, moderator);
    expect(expected.status).toBe(200);
    expect(expected.body.stats.topics.submitted).toBeGreaterThanOrEqual(1);
    expect(expected.body.stats.topics.shareResolved.numerator).toBeGreaterThanOrEqual(1);
    expect(expected.body.stats.satisfaction.denominator).toBeGreaterThanOrEqual(3);

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
        await current(page)
          .getByRole('group', { name: new RegExp(`^满意率：${expected.body.stats.satisfaction.percent}%`) })
          .waitFor();
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
          expect(mine!.slice(1, 4)).toEqual([TITLE, '已办结', '安全隐患']);
          expect(mine![5]).toBe('恒安物业服务有限公司（锦绣华庭）（小区）');
          expect((mine![6] as Date).toISOString().slice(0, 10)).toBe(days.submitted);
          // Accepted and completed the day it was submitted (unless midnight in Beijing passed meanwhile).
          expect(mine![7]).toBe(daysBetween(days.submitted, days.accepted));
          expect(mine![8]).toBe(daysBetween(days.submitted, days.completed));
          expect(mine![9]).toBe(3); // three evaluations: 5, 4 and 2
          expect(mine![10]).toBeCloseTo(2 / 3);
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
    const another = await api<{ id: number }>('POST', '/topics', await token('resident'), {
      communityId,
      title: '槐荫里3号楼前增设休息座椅',
      description: '老人买菜回来没有地方歇脚，希望在3号楼前的树荫下放两张长椅。',
      category: '便民利民服务',
      scope: 'community',
    });
    expect(another.status).toBe(201);
    expect((await api('POST', `/topics/${another.body.id}/accept`, moderator, {})).status).toBe(200);
    const scheduled = await api<{ id: number; invitees: unknown[] }>('POST', '/meetings', moderator, {
      title: '十二月协商议事会',
      councilId: councils.body[0]!.id,
      startsAt: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      place: '社区党群服务中心二楼会议室',
      mode: 'offline',
      noticeDays: 3,
      agenda: [{ topicId: another.body.id, minutes: 30 }],
    });
    expect(scheduled.status).toBe(201);
    expect((await api('POST', `/meetings/${scheduled.body.id}/announce`, moderator, {})).status).toBe(200);
    const { page, close } = await openBrowser(VIEWPORTS.desktop);
    try {
      await signIn(page, /刘敏/);
      await page.goto(`${baseUrl}/#/stats/minutes/index?meetingId=${scheduled.body.id}`);
      await current(page).getByText('协商议事会会议记录', { exact: false }).waitFor({ timeout: 30_000 });
      await current(page).getByText('一、议程').waitFor();
      await current(page).getByText('1. 槐荫里3号楼前增设休息座椅（30 分钟）').waitFor();
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
