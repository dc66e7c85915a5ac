import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * The walking skeleton in a real browser: the server (on a temporary SQLite
 * database) serves the H5 build; the app opens, reports a healthy server and
 * the tab bar reaches every tab, and the home page's public board opens, in a
 * phone-sized and a desktop window.
 */
describe.each(Object.entries(VIEWPORTS))('H5 app in a %s window', (size, viewport) => {
  test('opens, shows the server healthy, navigates the tabs without serious accessibility problems', async () => {
    const browser = await openBrowser(viewport);
    const { page } = browser;
    const failedRequests: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failedRequests.push(`${res.status()} ${res.url()}`);
    });
    try {
      await page.goto(`${baseUrl}/`);
      await page.getByText('服务正常').first().waitFor({ timeout: 30_000 });
      await page.getByText('数据库 SQLite').first().waitFor();
      expect(await page.title()).toContain('议事');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await screenshot(page, `${size}-home`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      const tabs: [string, string, RegExp][] = [
        ['议题', 'topics', /#\/pages\/topics\/index/],
        ['议事会', 'councils', /#\/pages\/councils\/index/],
        ['我的', 'me', /#\/pages\/me\/index/],
        ['首页', 'home-again', /#\/pages\/home\/index/],
      ];
      for (const [label, name, url] of tabs) {
        await page.locator('.taro-tabbar__tabbar').getByText(label, { exact: true }).click();
        await page.waitForURL(url);
        await screenshot(page, `${size}-${name}`);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
      }
      // The public information on the home page opens without signing in.
      await page.getByText('社区公开信息').first().scrollIntoViewIfNeeded();
      await screenshot(page, `${size}-home-public`);
      await page.getByText('公示栏', { exact: true }).first().click();
      await page.waitForURL(/#\/pages\/board\/index/);
      await page.getByText('社区议事形成的决议、落实进展和居民满意度，人人可看。').first().waitFor();
      await screenshot(page, `${size}-board`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
