import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * Identity in a real browser: residents sign in with a demo persona, accept
 * the privacy agreement, claim a unit (with a certificate photo when the
 * roster does not match), a moderator approves it (through the API: the
 * moderator pages are tested on their own), and the resident sees 已认证 and a
 * message. A roster owner is approved at once. Every page visited is scanned
 * with axe and photographed into e2e/screenshots/identity-*.png.
 */

jest.setTimeout(180_000);

/** A valid 64×48 PNG (a grey "certificate" with a red band), made for this test. */
const CERTIFICATE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAZ0lEQVR42u3asQkAIQxAUSfJJDeYI7qLSxx4jf0VJvI+VqbxNYJg68VrlwBmwQAAAAByACJ6xFNwfScHAABwjQIAAAD8B4zVPh5bOfcBAAAAAAAAAAAAAAAAUgA86gEAAM4C/FY51gvLCyIAzR2DOQAAAABJRU5ErkJggg==',
  'base64',
);

interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** Calls the API directly (the moderator's part and checks behind the UI). */
async function api<T = unknown>(method: string, path: string, token?: string, body?: unknown): Promise<ApiAnswer<T>> {
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

async function personaToken(persona: string): Promise<string> {
  const login = await api<{ token: string }>('POST', '/auth/dev-login', undefined, { persona });
  expect(login.status).toBe(200);
  return login.body.token;
}

/** Screenshot plus axe scan of the page as it is now. */
async function visit(page: Page, name: string): Promise<void> {
  await screenshot(page, `identity-${name}`);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** Records every API answer of 400 and above, to compare with what the test expects. */
function watchFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().includes('/api/')) {
      failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    }
  });
  return failures;
}

async function signInAsPersona(page: Page, name: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.getByText('演示模式').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.waitForURL(/#\/pages\/me\/index/);
  await page.getByRole('heading', { level: 2, name }).waitFor();
  // The login page slides away before 我的 is the only page on screen.
  await page.locator('.yishi-persona').first().waitFor({ state: 'hidden' });
}

/** On the privacy page reached from 认证房屋: reads it, 同意并继续, on to the claim form. */
async function acceptPrivacyAgreement(page: Page, shot?: string): Promise<void> {
  await page.waitForURL(/#\/pages\/privacy\/index\?next=claim/);
  await page.getByRole('heading', { level: 2, name: '谁能看到' }).waitFor();
  if (shot) await visit(page, shot);
  await page.getByRole('button', { name: '同意并继续' }).click();
  await page.waitForURL(/#\/pages\/claim\/index/);
}

async function chooseUnit(page: Page, estate: string, building: string, unit: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(estate) }).click();
  await page.getByRole('radio', { name: new RegExp(`^${building}`) }).click();
  await page.getByRole('radio', { name: unit, exact: true }).click();
}

describe('identity: sign-in, privacy, unit claims, approval, messages', () => {
  test('a newcomer claims a unit with a certificate photo, is approved, and a roster owner is approved at once', async () => {
    const browser = await openBrowser(VIEWPORTS.phone);
    const { page } = browser;
    const failures = watchFailures(page);
    try {
      // Signed out: 我的 invites to sign in.
      await page.goto(`${baseUrl}/#/pages/me/index`);
      await page.getByText('您还没有登录').waitFor({ timeout: 30_000 });
      await visit(page, 'phone-me-signed-out');

      // The login page shows the demo personas as cards.
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL(/#\/pages\/login\/index/);
      await page.getByText('演示模式').waitFor();
      expect(await page.getByRole('button', { name: /新居民小周/ }).count()).toBe(1);
      await visit(page, 'phone-login');

      await page.getByRole('button', { name: /新居民小周/ }).click();
      await page.waitForURL(/#\/pages\/me\/index/);
      await page.getByRole('heading', { level: 2, name: '新居民小周' }).waitFor();
      await page.locator('.yishi-persona').first().waitFor({ state: 'hidden' });
      await page.getByText('您还没有认证房屋').waitFor();
      await visit(page, 'phone-me-newcomer');

      // 认证房屋: through the privacy agreement first (the demo newcomer has not accepted it yet).
      const newcomer = await personaToken('newcomer');
      expect((await api<{ privacyAccepted: boolean }>('GET', '/me', newcomer)).body.privacyAccepted).toBe(false);
      await page.getByRole('button', { name: '认证房屋', exact: true }).click();
      await acceptPrivacyAgreement(page, 'phone-privacy');
      expect((await api<{ privacyAccepted: boolean }>('GET', '/me', newcomer)).body.privacyAccepted).toBe(true);

      // The claim: an owner whose name and phone do not match the roster.
      await page.getByRole('heading', { level: 2, name: '① 选择房屋' }).waitFor();
      await visit(page, 'phone-claim-estates');
      await chooseUnit(page, '锦绣华庭', '2号楼', '1单元101');
      await page.getByRole('radio', { name: /^业主/ }).click();
      await page.getByLabel('真实姓名').fill('周子涵');
      await page.getByLabel('登记手机号后四位').fill('1003');
      await visit(page, 'phone-claim-form');
      await page.getByRole('button', { name: '提交认证' }).click();

      // Not on the roster: the server's sentence and a photo step.
      await page.getByText('与花名册信息不一致，请上传房产证或购房合同照片，由社区审核').waitFor();
      await visit(page, 'phone-claim-needs-photo');
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: '拍照或选择照片' }).click(),
      ]);
      await chooser.setFiles({ name: 'certificate.png', mimeType: 'image/png', buffer: CERTIFICATE_PNG });
      await page.getByText(/已选择照片/).waitFor();
      await visit(page, 'phone-claim-photo-chosen');
      await page.getByRole('button', { name: '上传照片并提交' }).click();
      await page.getByText('已提交，等待社区审核').waitFor();
      await visit(page, 'phone-claim-pending');

      await page.getByRole('button', { name: '返回我的' }).click();
      await page.waitForURL(/#\/pages\/me\/index/);
      const myUnits = page.getByRole('list', { name: '我的房屋' });
      await myUnits.getByText('待审核').waitFor();
      await expect(myUnits.getByText('锦绣华庭 2号楼 1单元101').count()).resolves.toBe(1);
      await visit(page, 'phone-me-pending');

      // The moderator approves it (their pages are someone else's test).
      const moderator = await personaToken('moderator');
      const pending = await api<{ id: number; claimedName: string; evidenceUploadId: number | null }[]>(
        'GET',
        '/communities/1/claims',
        moderator,
      );
      expect(pending.status).toBe(200);
      const claim = pending.body.find((c) => c.claimedName === '周子涵');
      expect(claim?.evidenceUploadId).toEqual(expect.any(Number));
      // The photo arrived intact.
      const photo = await fetch(`${baseUrl}/api/uploads/${claim?.evidenceUploadId}`, {
        headers: { Authorization: `Bearer ${moderator}` },
      });
      expect(photo.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await photo.arrayBuffer()).equals(CERTIFICATE_PNG)).toBe(true);
      expect((await api('POST', `/claims/${claim?.id}/approve`, moderator, {})).status).toBe(200);

      // The resident sees 已认证 and a message.
      await page.reload();
      await myUnits.getByText('已认证').waitFor({ timeout: 30_000 });
      await page.getByText('1 条未读').waitFor();
      await visit(page, 'phone-me-approved');

      await page.getByRole('link', { name: /消息中心/ }).click();
      await page.waitForURL(/#\/pages\/notifications\/index/);
      const message = page.getByRole('button', { name: /房屋认证已通过/ });
      await message.waitFor();
      await expect(message.textContent()).resolves.toContain('锦绣华庭2号楼1单元101');
      await visit(page, 'phone-notifications');
      await message.click(); // opens it: marked read, its link leads back to 我的
      await page.waitForURL(/#\/pages\/me\/index/);
      await page.getByText('没有未读消息').waitFor();

      // 大字模式: the whole page grows.
      const baseFontSize = () =>
        page
          .locator('.page-layout')
          .first()
          .evaluate((element) => getComputedStyle(element).fontSize);
      expect(await baseFontSize()).toBe('17px');
      await page.getByRole('switch', { name: '大字模式' }).click();
      await page.locator('.page-layout.yishi-large-text').first().waitFor();
      expect(await baseFontSize()).toBe('21px');
      await visit(page, 'phone-me-large-text');
      await page.getByRole('switch', { name: '大字模式' }).click();
      await page.locator('.page-layout:not(.yishi-large-text)').first().waitFor();

      // 退出登录, then an owner on the roster claims their unit: approved at once.
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.locator('.taro__modal').getByText('退出', { exact: true }).click();
      await page.getByText('您还没有登录').waitFor();

      await signInAsPersona(page, '何德明');
      await page.getByRole('button', { name: '认证房屋', exact: true }).click();
      await acceptPrivacyAgreement(page);
      await chooseUnit(page, '锦绣华庭', '4号楼', '1单元601');
      await page.getByRole('radio', { name: /^业主/ }).click();
      await page.getByLabel('真实姓名').fill('何德明');
      await page.getByLabel('登记手机号后四位').fill('1011');
      await page.getByRole('button', { name: '提交认证' }).click();
      const result = page.getByRole('status').filter({ hasText: '锦绣华庭 4号楼 1单元601：认证已通过' });
      await result.getByText('已认证', { exact: true }).waitFor();
      await visit(page, 'phone-claim-approved-at-once');
      await page.getByRole('button', { name: '返回我的' }).click();
      await page.waitForURL(/#\/pages\/me\/index/);
      await page.getByRole('list', { name: '我的房屋' }).getByText('已认证').waitFor();
      await page.getByText('业主', { exact: true }).first().waitFor();
      await visit(page, 'phone-me-owner');

      // Only the expected refusals: the roster mismatch (400) before the photo.
      expect(failures).toEqual(['400 POST /api/claims']);
    } finally {
      await browser.close();
    }
  });

  test('a first-time WeChat user accepts the privacy agreement before the claim form; a dead token leads to login', async () => {
    // A brand-new account, as the mini-program's wx.login would create it (fake WeChat `dev:` code).
    const login = await api<{ token: string; expiresAt: string; user: { privacyAccepted: boolean } }>(
      'POST',
      '/auth/wechat',
      undefined,
      { code: `dev:e2e-${randomUUID().slice(0, 8)}:1` },
    );
    expect(login.status).toBe(200);
    expect(login.body.user.privacyAccepted).toBe(false);

    const browser = await openBrowser(VIEWPORTS.phone);
    const { page } = browser;
    try {
      // The web build keeps Taro storage in localStorage as {"data": value}.
      await page.goto(`${baseUrl}/#/pages/home/index`);
      await page.evaluate(
        ({ token, expiresAt }) => {
          localStorage.setItem('yishi.token', JSON.stringify({ data: token }));
          localStorage.setItem('yishi.session', JSON.stringify({ data: { expiresAt } }));
        },
        { token: login.body.token, expiresAt: login.body.expiresAt },
      );
      await page.goto(`${baseUrl}/#/pages/me/index`);
      await page.reload();
      await page.getByText('选择您的社区').waitFor({ timeout: 30_000 });
      await visit(page, 'phone-me-first-time');

      await page.getByRole('button', { name: '认证房屋', exact: true }).click();
      await acceptPrivacyAgreement(page);
      await page.getByRole('heading', { level: 2, name: '① 选择房屋' }).waitFor();
      expect((await api<{ privacyAccepted: boolean }>('GET', '/me', login.body.token)).body.privacyAccepted).toBe(true);
      await visit(page, 'phone-claim-after-consent');

      // The account is deleted elsewhere: the dead token sends the web page to the login page.
      expect((await api('POST', '/me/delete', login.body.token, { confirm: '注销' })).status).toBe(204);
      // A fresh load of another page (not a hash change plus a reload: had the page's own request already been
      // refused, the reload would find no token left to send and stay signed out where it is).
      await page.goto('about:blank');
      await page.goto(`${baseUrl}/#/pages/notifications/index`);
      await page.waitForURL(/#\/pages\/login\/index/, { timeout: 30_000 });
      await page.getByText('演示模式').waitFor();
      expect(await page.evaluate(() => localStorage.getItem('yishi.token'))).toBeNull();
    } finally {
      await browser.close();
    }
  });

  test('我的 in a desktop window', async () => {
    const browser = await openBrowser(VIEWPORTS.desktop);
    const { page } = browser;
    try {
      await signInAsPersona(page, '李建国');
      await page.getByRole('list', { name: '我的房屋' }).getByText('已认证').first().waitFor();
      await visit(page, 'desktop-me');
      await page.getByRole('link', { name: /隐私与个人信息/ }).click();
      await page.waitForURL(/#\/pages\/personal-data\/index/);
      await page.getByRole('button', { name: '导出我的数据' }).click();
      await page.getByText(/"nickname": "李建国"/).waitFor();
      await visit(page, 'desktop-personal-data');
    } finally {
      await browser.close();
    }
  });
});
