import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * A negotiation meeting from the console to the room: the moderator (刘敏, on
 * a desktop) schedules it in the committee console with two agenda topics,
 * publishes the notice and shows the check-in code; a council member (陈志强,
 * 居民代表, on a phone) finds it on the 议事会 tab and checks in by typing the
 * code; the moderator's page shows the new attendance after a refresh. A
 * meeting scheduled too close to its date shows the server's refusal when the
 * notice is published. Every page visited is scanned with axe and
 * photographed into e2e/screenshots/meetings-*.png.
 */

jest.setTimeout(300_000);

const TITLE = '十二月协商议事会（端到端）';
const PLACE = '和平里社区党群服务中心二楼会议室';

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

/** A day from today in Beijing time, as YYYY-MM-DD. */
function beijingDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The page on screen now (Taro keeps earlier pages in the DOM, hidden). */
function current(page: Page) {
  return page.locator('.taro_page:visible').last();
}

/** Waits for toasts to go and the page to settle, photographs the whole page, then runs axe. */
async function visit(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    () => {
      const toast = document.querySelector<HTMLElement>('.taro__toast');
      return !toast || toast.style.display === 'none';
    },
    undefined,
    { timeout: 10_000 },
  );
  await page.waitForTimeout(700);
  const size = page.viewportSize() ?? VIEWPORTS.phone;
  const length = await current(page).evaluate((element) => {
    element.scrollTop = 0;
    return element.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, length + 64), 6000) });
  try {
    await screenshot(page, `meetings-${name}`);
  } finally {
    await page.setViewportSize(size);
  }
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

async function signIn(page: Page, persona: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.getByRole('list', { name: '演示人物' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: persona }).click();
  await page.waitForURL(/#\/pages\/me\/index/);
  await page.waitForTimeout(700);
}

function watchFailures(page: Page, failures: string[], allowed: RegExp[] = []): void {
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && path.startsWith('/api/') && !allowed.some((a) => a.test(path))) {
      failures.push(`${response.status()} ${response.request().method()} ${path}`);
    }
  });
}

describe('meetings: schedule, publish, check in, attendance', () => {
  test('the moderator schedules and publishes; a council member checks in by code; attendance follows', async () => {
    const moderator = await openBrowser(VIEWPORTS.desktop);
    const member = await openBrowser(VIEWPORTS.phone);
    const failures: string[] = [];
    watchFailures(moderator.page, failures);
    watchFailures(member.page, failures);
    try {
      // ---- The moderator opens the console from the workbench and schedules the meeting.
      const desk = moderator.page;
      await signIn(desk, /^刘敏/);
      await desk.getByRole('button', { name: '进入社区工作台' }).click();
      await desk.waitForURL(/#\/moderator\/index\/index/);
      await current(desk).getByRole('heading', { name: '社区工作台' }).waitFor();
      await desk.waitForTimeout(700);
      await current(desk)
        .getByRole('link', { name: /^协商会议/ })
        .click();
      await desk.waitForURL(/#\/moderator\/meetings\/index/);
      await current(desk).getByRole('heading', { level: 1, name: '协商会议' }).waitFor();
      await desk.waitForTimeout(700);
      await current(desk).getByRole('button', { name: '安排会议' }).click();
      await desk.waitForURL(/#\/moderator\/meetings\/new/);
      const form = current(desk);
      await form.getByRole('radio', { name: /和平里社区协商议事会/ }).waitFor({ timeout: 30_000 });
      await form.getByRole('radio', { name: /和平里社区协商议事会/ }).click();
      await form.getByLabel('会议名称').fill(TITLE);
      await form.getByLabel('日期').fill(beijingDay(7));
      await form.getByLabel('开始时间').fill('19:30');
      await form.getByLabel('地点').fill(PLACE);
      await form.getByRole('radio', { name: '线上线下结合' }).click();
      const candidates = form.getByRole('list', { name: '待议议题' });
      const add = candidates.getByRole('button', { name: /加入议程$/ });
      await add.first().waitFor({ timeout: 30_000 });
      const firstTitle = (
        (await candidates.getByRole('listitem').nth(0).locator('.agenda-candidate__title').textContent()) ?? ''
      ).trim();
      const secondTitle = (
        (await candidates.getByRole('listitem').nth(1).locator('.agenda-candidate__title').textContent()) ?? ''
      ).trim();
      await add.nth(0).click();
      await add.nth(0).click(); // The first is now 已在议程中: the next one down.
      // The second topic goes first; the first gets 10 more minutes.
      await form.getByRole('button', { name: `上移“${secondTitle}”` }).click();
      await form.getByRole('button', { name: `增加“${firstTitle}”的时间` }).click();
      await form.getByRole('button', { name: `增加“${firstTitle}”的时间` }).click();
      const agenda = form.getByRole('list', { name: '会议议程' });
      await expect(agenda.getByRole('listitem').allTextContents()).resolves.toEqual([
        expect.stringContaining(secondTitle),
        expect.stringContaining(firstTitle),
      ]);
      await visit(desk, 'desktop-schedule');
      await form.getByRole('button', { name: '安排会议' }).last().click();

      // ---- The console's page for the meeting: publish the notice, the code and its QR code.
      await desk.waitForURL(/#\/moderator\/meetings\/manage\?id=\d+/, { timeout: 30_000 });
      const meetingId = Number(new URL(desk.url().replace('/#/', '/')).searchParams.get('id'));
      const manage = current(desk);
      await manage.getByRole('button', { name: '发布通知' }).waitFor({ timeout: 30_000 });
      await manage.getByText(/须在会前 3 天发布/).waitFor();
      await manage.getByRole('button', { name: '发布通知' }).click();
      await desk.locator('.taro__modal').getByText('发布', { exact: true }).click();
      await current(desk)
        .getByText(/通知已于 .* 发布。/)
        .waitFor({ timeout: 30_000 });
      const code = ((await current(desk).locator('.meeting-manage__code').textContent()) ?? '').trim();
      expect(code).toMatch(/^[A-Z2-9]{6}$/);
      await current(desk)
        .getByRole('img', { name: `会议签到二维码，签到码 ${code}` })
        .waitFor();
      await desk.waitForFunction(
        () => {
          const img = document.querySelector<HTMLImageElement>('.meeting-manage__qr img');
          return Boolean(img?.complete && img.naturalWidth > 100);
        },
        undefined,
        { timeout: 30_000 },
      );
      await current(desk)
        .getByRole('region', { name: '出席与点名' })
        .getByText('已签到 0/5，还差 3 人达到法定人数')
        .waitFor();
      await visit(desk, 'desktop-manage-announced');

      // ---- A council member (陈志强) finds the meeting on the 议事会 tab and checks in by typing the code.
      const phone = member.page;
      await signIn(phone, /陈志强/);
      await phone.goto(`${baseUrl}/#/pages/councils/index`);
      const upcoming = current(phone).getByRole('region', { name: '近期会议' });
      await upcoming
        .getByRole('link', { name: new RegExp(TITLE.replace(/[()（）]/g, '.')) })
        .waitFor({ timeout: 30_000 });
      await current(phone).getByRole('region', { name: '议事会成员' }).getByText('陈**').waitFor();
      await visit(phone, 'phone-councils');
      await upcoming.getByRole('link', { name: new RegExp(TITLE.replace(/[()（）]/g, '.')) }).click();
      await phone.waitForURL(new RegExp(`#/pages/meetings/detail\\?id=${meetingId}`));
      const detail = current(phone);
      await detail.getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 30_000 });
      await detail.getByText(PLACE).first().waitFor();
      await expect(detail.getByRole('region', { name: '议程' }).getByRole('link').allTextContents()).resolves.toEqual([
        expect.stringContaining(secondTitle),
        expect.stringContaining(firstTitle),
      ]);
      await visit(phone, 'phone-detail');
      // A wrong length is refused on the page, before asking the server.
      await detail.getByLabel('签到码').fill(code.slice(0, 4));
      await detail.getByRole('button', { name: '签到', exact: true }).click();
      await detail.getByText('签到码是 6 位，您输入了 4 位').waitFor();
      await detail.getByLabel('签到码').fill(code.toLowerCase());
      await detail.getByRole('button', { name: '签到', exact: true }).click();
      await detail.getByText('✓ 您已签到').waitFor({ timeout: 30_000 });
      await detail.getByRole('region', { name: '出席情况' }).getByText('已签到 1/5，还差 2 人达到法定人数').waitFor();
      await visit(phone, 'phone-checked-in');
      await phone.setViewportSize(VIEWPORTS.desktop);
      await visit(phone, 'desktop-checked-in');
      await phone.setViewportSize(VIEWPORTS.phone);

      // ---- The moderator refreshes: 陈志强 is checked in by code.
      await current(desk).getByRole('button', { name: '刷新出席情况' }).click();
      const roll = current(desk).getByRole('region', { name: '出席与点名' });
      await roll.getByText('已签到 1/5，还差 2 人达到法定人数').waitFor({ timeout: 30_000 });
      await roll.getByRole('listitem').filter({ hasText: '陈志强' }).getByText('✓ 已签到').waitFor();
      await roll
        .getByRole('listitem')
        .filter({ hasText: '陈志强' })
        .getByText(/签到码签到/)
        .waitFor();
      await visit(desk, 'desktop-manage-attendance');
      await desk.setViewportSize(VIEWPORTS.phone);
      await visit(desk, 'phone-manage-attendance');
      await desk.setViewportSize(VIEWPORTS.desktop);

      // ---- The live page (until the live session replaces it) shows the meeting.
      await phone.goto(`${baseUrl}/#/pages/meetings/live?id=${meetingId}`);
      await current(phone).getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 30_000 });
      await current(phone).getByText('本页每 5 秒自动刷新', { exact: false }).waitFor();
      await visit(phone, 'phone-live');
      expect(failures).toEqual([]);
    } finally {
      await moderator.close();
      await member.close();
    }
  });

  test('publishing the notice too late shows the reason from the server', async () => {
    const login = await api<{ token: string; user: { communities: { id: number; name: string }[] } }>(
      'POST',
      '/auth/dev-login',
      undefined,
      { persona: 'moderator' },
    );
    const token = login.body.token;
    const community = login.body.user.communities.find((c) => c.name === '和平里社区')!;
    const councils = await api<{ id: number }[]>('GET', `/communities/${community.id}/councils`);
    const topics = await api<{ id: number }[]>('GET', `/communities/${community.id}/agenda-topics`, token);
    const scheduled = await api<{ id: number }>('POST', '/meetings', token, {
      title: '临时协商议事会（端到端）',
      councilId: councils.body[0]!.id,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      place: '社区会议室',
      mode: 'offline',
      noticeDays: 3,
      agenda: [{ topicId: topics.body[0]!.id, minutes: 20 }],
    });
    expect(scheduled.status).toBe(201);

    const { page, close } = await openBrowser(VIEWPORTS.phone);
    const failures: string[] = [];
    watchFailures(page, failures, [/\/announce$/]);
    try {
      await signIn(page, /^刘敏/);
      await page.goto(`${baseUrl}/#/moderator/meetings/manage?id=${scheduled.body.id}`);
      await current(page).getByRole('button', { name: '发布通知' }).waitFor({ timeout: 30_000 });
      await current(page).getByRole('button', { name: '发布通知' }).click();
      await page.locator('.taro__modal').getByText('发布', { exact: true }).click();
      await current(page).getByText('会议通知须至少提前 3 天发布，请调整会议时间').waitFor({ timeout: 30_000 });
      await current(page).getByText('通知没有发布').waitFor();
      await visit(page, 'phone-announce-too-late');
      expect(failures).toEqual([]);
    } finally {
      await close();
    }
  });
});
