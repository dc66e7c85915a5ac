import type { BrowserContext, Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * A topic from submission to the responsible party, in a real browser, each
 * person in their own browser: a resident (persona owner, 李建国) submits a
 * topic with a photo; the moderator (刘敏) finds it in the inbox and returns
 * it for more information; the resident edits and resubmits it; the moderator
 * accepts it and routes it to the property company (恒安物业); the property
 * manager (赵经理) finds it in the queue, answers and takes it on with a due
 * date; the resident sees the whole timeline. Every page visited is scanned
 * with axe and photographed into e2e/screenshots/topics-*.png (phone 390×844;
 * the feed and the inbox also at 1280×800).
 */

jest.setTimeout(300_000);

/** A valid 64×48 PNG (a grey picture with a red band), made for these tests. */
const PHOTO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAAAwCAIAAAAuKetIAAAAZ0lEQVR42u3asQkAIQxAUSfJJDeYI7qLSxx4jf0VJvI+VqbxNYJg68VrlwBmwQAAAAByACJ6xFNwfScHAABwjQIAAAD8B4zVPh5bOfcBAAAAAAAAAAAAAAAAUgA86gEAAM4C/FY51gvLCyIAzR2DOQAAAABJRU5ErkJggg==',
  'base64',
);

const TITLE = '锦绣华庭1号楼楼道灯坏了';
const PROPERTY = '恒安物业服务有限公司（锦绣华庭）';

interface Person {
  page: Page;
  context: BrowserContext;
  failures: string[];
  close: () => Promise<void>;
}

/** Records every API answer of 400 and above (none is expected in this flow). */
function watchFailures(page: Page): string[] {
  const failures: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400 && response.url().includes('/api/')) {
      failures.push(`${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`);
    }
  });
  return failures;
}

/** A browser of one's own, signed in through the login page's demo persona cards. */
async function signedIn(name: string): Promise<Person> {
  const browser = await openBrowser(VIEWPORTS.phone);
  const { page } = browser;
  const failures = watchFailures(page);
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.getByText('演示模式').waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await page.waitForURL(/#\/pages\/me\/index/);
  await page.getByRole('heading', { level: 2, name }).waitFor();
  await page.locator('.yishi-persona').first().waitFor({ state: 'hidden' });
  return { page, context: browser.context, failures, close: browser.close };
}

/**
 * Screenshot plus axe scan of the page as it is now. The window grows to the
 * page's whole length first (Taro scrolls inside the page, so a full-page
 * shot would stop at the window), keeping its width.
 */
async function visit(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? VIEWPORTS.phone;
  const length = await current(page).evaluate((element) => {
    element.scrollTop = 0;
    return element.scrollHeight;
  });
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, length + 64) });
  await screenshot(page, `topics-${name}`);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.setViewportSize(size);
}

/** The same, in a desktop window, then back to the phone size. */
async function visitOnDesktop(page: Page, name: string): Promise<void> {
  await page.setViewportSize(VIEWPORTS.desktop);
  await visit(page, name);
  await page.setViewportSize(VIEWPORTS.phone);
  // The next click should find the phone layout in place: wait until the page is laid out at phone width.
  await page.waitForFunction((width) => window.innerWidth === width, VIEWPORTS.phone.width);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

/** The topic page that is on screen now (Taro keeps earlier pages in the DOM, hidden). */
function current(page: Page) {
  return page.locator('.taro_page:visible').last();
}

/** Opens the topic afresh (a reload, so a page already showing it reads it again). */
async function openTopicPage(page: Page, topicId: number): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/topics/detail?id=${topicId}`);
  await page.reload();
  await current(page).getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: 30_000 });
}

/** Opens an action's form on the topic page, fills it with `fill` and confirms it. */
async function act(page: Page, action: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>) {
  const here = current(page);
  await here.getByRole('button', { name: action, exact: true }).click();
  const form = here.getByRole('group', { name: action });
  await form.waitFor();
  await fill(form);
  await form.getByRole('button', { name: `确认${action}` }).click();
  await form.waitFor({ state: 'detached' });
}

describe('topics: submit, return, resubmit, accept, route, answer, take on', () => {
  test('a topic goes from a resident through the committee to the property company, and back on its timeline', async () => {
    const resident = await signedIn('李建国');
    let moderator: Person | undefined;
    let manager: Person | undefined;
    try {
      // ---- The resident: the feed, then 提议题 with a photo.
      const r = resident.page;
      await r.goto(`${baseUrl}/#/pages/topics/index`);
      const feed = r.getByRole('list', { name: '社区议题' });
      await feed.getByRole('listitem').first().waitFor({ timeout: 30_000 });
      await visit(r, 'phone-feed');
      await visitOnDesktop(r, 'desktop-feed');

      await r.getByRole('button', { name: '提议题', exact: true }).click();
      await r.waitForURL(/#\/pages\/topics\/new/);
      const form = current(r);
      await form.getByLabel('标题', { exact: true }).fill(TITLE);
      await form
        .getByLabel('详细描述')
        .fill('1号楼二单元三楼到六楼的楼道灯坏了两个星期，晚上上下楼只能摸黑，老人已经摔过一次。');
      await form.getByRole('radio', { name: '安全隐患' }).click();
      // The estate of the resident's home is preselected.
      await expect(form.getByRole('radio', { name: '锦绣华庭' }).getAttribute('aria-checked')).resolves.toBe('true');
      await form.getByLabel('具体地点（选填）').fill('1号楼二单元楼道');
      const [chooser] = await Promise.all([
        r.waitForEvent('filechooser'),
        form.getByRole('button', { name: '添加照片（0/9）' }).click(),
      ]);
      await chooser.setFiles({ name: 'stairs.png', mimeType: 'image/png', buffer: PHOTO_PNG });
      await form.getByRole('button', { name: '添加照片（1/9）' }).waitFor();
      await visit(r, 'phone-new');
      await form.getByRole('button', { name: '提交议题' }).click();

      await r.waitForURL(/#\/pages\/topics\/detail\?id=\d+/);
      const topicId = Number(new URL(r.url().replace('#', '')).searchParams.get('id'));
      expect(topicId).toBeGreaterThan(0);
      const detail = current(r);
      await detail.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await detail.getByText('社区居委会（等待受理）').waitFor();
      await detail.getByRole('button', { name: '查看第 1 张照片（共 1 张）' }).locator('img').waitFor();
      await visit(r, 'phone-detail-submitted');

      // ---- The moderator: 首页 → 议题受理 → the topic → 退回补充.
      moderator = await signedIn('刘敏');
      const m = moderator.page;
      await m.goto(`${baseUrl}/#/pages/home/index`);
      const inboxLink = current(m).getByRole('link', { name: /议题受理/ });
      await inboxLink.getByText(/条待受理/).waitFor({ timeout: 30_000 });
      await visit(m, 'phone-home-moderator');
      await inboxLink.click();
      await m.waitForURL(/#\/moderator\/topics\/inbox/);
      const inbox = current(m).getByRole('list', { name: '待受理的议题' });
      await inbox.getByText(TITLE).waitFor({ timeout: 30_000 });
      await current(m).getByText('等待超过3天').first().waitFor();
      await visit(m, 'phone-inbox');
      await visitOnDesktop(m, 'desktop-inbox');
      await inbox.getByRole('link', { name: new RegExp(TITLE) }).click();
      await m.waitForURL(new RegExp(`#/pages/topics/detail\\?id=${topicId}`));
      await current(m).getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await current(m).getByText('李建国（仅社区工作者可见）').waitFor();
      await visit(m, 'phone-detail-moderator');
      await act(m, '退回补充', (f) =>
        f.getByLabel('需要补充的信息').fill('请说明是哪几层的灯不亮，物业是否已经报修过？'),
      );
      await current(m).getByText('等待提出人补充信息').waitFor();

      // ---- The resident: the question, 修改并重新提交.
      await openTopicPage(r, topicId);
      const returned = current(r).getByRole('alert').filter({ hasText: '社区工作者请您补充信息' });
      await returned.getByText('请说明是哪几层的灯不亮，物业是否已经报修过？').waitFor();
      await visit(r, 'phone-detail-returned');
      await returned.getByRole('button', { name: '修改并重新提交' }).click();
      await r.waitForURL(/#\/pages\/topics\/new\?resubmit=/);
      const edit = current(r);
      await expect(edit.getByLabel('标题', { exact: true }).inputValue()).resolves.toBe(TITLE);
      await edit.getByLabel('具体地点（选填）').fill('1号楼二单元三楼到六楼楼道');
      await edit
        .getByRole('textbox', { name: '补充说明' })
        .fill('三楼到六楼的灯都不亮，上周已经打过物业电话，还没有人来修。');
      await visit(r, 'phone-resubmit');
      await edit.getByRole('button', { name: '重新提交' }).click();
      await r.waitForURL(new RegExp(`#/pages/topics/detail\\?id=${topicId}`));
      await current(r).getByText('社区居委会（等待受理）').waitFor();

      // ---- The moderator: 受理, then 分类分派 to the property company.
      await openTopicPage(m, topicId);
      await act(m, '受理', async () => undefined);
      await current(m).getByText('社区居委会（等待分派）').waitFor();
      await act(m, '分类分派', async (f) => {
        await f.getByRole('radio', { name: '物业管理' }).click();
        await f.getByRole('radio', { name: /^(✓ )?小区$/ }).click();
        await f.getByRole('radio', { name: new RegExp(PROPERTY.replace(/[()（）]/g, '.')) }).click();
        await visit(m, 'phone-route-form');
      });
      await current(m).getByText(`小区级 · ${PROPERTY}（待接手）`).waitFor();

      // ---- The property manager: 首页 → 待办议题 → answer and take it on.
      manager = await signedIn('赵经理');
      const p = manager.page;
      await p.goto(`${baseUrl}/#/pages/home/index`);
      const queueLink = current(p).getByRole('link', { name: /待办议题/ });
      await queueLink.waitFor({ timeout: 30_000 });
      await queueLink.click();
      await p.waitForURL(/#\/pages\/queue\/index/);
      const queue = current(p).getByRole('list', { name: '待办议题' });
      // (Other suites share this server's demo topics, so which queued topics carry a due date varies.)
      await queue.getByText(TITLE).waitFor({ timeout: 30_000 });
      await visit(p, 'phone-queue');
      await queue.getByRole('link', { name: new RegExp(TITLE) }).click();
      await p.waitForURL(new RegExp(`#/pages/topics/detail\\?id=${topicId}`));
      await current(p).getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await act(p, '答复', (f) => f.getByLabel('答复内容').fill('收到，已安排电工明天上午上门检查线路。'));
      await current(p).getByText('收到，已安排电工明天上午上门检查线路。').waitFor();
      await act(p, '直接办理', async (f) => {
        await f.getByRole('radio', { name: /一周内/ }).click();
        await f.getByLabel('办理说明（选填）').fill('更换三到六楼的灯具和声控开关。');
      });
      await current(p).getByText('计划办结', { exact: true }).waitFor();
      await visit(p, 'phone-detail-party');

      // ---- The resident: the whole timeline.
      await openTopicPage(r, topicId);
      const steps = current(r).getByRole('list', { name: '办理过程' }).getByRole('listitem');
      await expect(steps.count()).resolves.toBe(7);
      const texts = await steps.allTextContents();
      const labels = ['提交议题', '退回补充信息', '补充后重新提交', '受理', '分类分派', '答复', '直接办理'];
      expect(texts.map((text, index) => (text.startsWith(labels[index]!) ? labels[index] : text))).toEqual(labels);
      expect(texts[1]).toContain('社区工作者 · 刘*');
      expect(texts[1]).toContain('请说明是哪几层的灯不亮');
      expect(texts[4]).toContain(`分派给：小区级 · ${PROPERTY}`);
      expect(texts[5]).toContain(`物业 · 赵** · ${PROPERTY}`);
      expect(texts[6]).toContain('计划办结');
      await current(r).getByText(`小区级 · ${PROPERTY}`, { exact: true }).waitFor();
      await visit(r, 'phone-detail-timeline');

      // My topics lists it, being handled.
      await r.goto(`${baseUrl}/#/pages/topics/mine`);
      await current(r).getByRole('list', { name: '我提出的' }).getByText(TITLE).waitFor({ timeout: 30_000 });
      await visit(r, 'phone-mine');

      for (const person of [resident, moderator, manager]) expect(person.failures).toEqual([]);
    } finally {
      await resident.close();
      await moderator?.close();
      await manager?.close();
    }
  });
});
