import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * The committee console in a real browser (H5 build served by the server on
 * the seeded demo community): a resident files a claim with a lease photo;
 * the moderator 刘敏 signs in with the demo persona login, looks at the
 * photo, decides seeded unit claims, suspends and restores a member,
 * and imports the sample roster and a roster with a bad row. Every page is
 * scanned with axe and photographed on a phone and a desktop.
 *
 * The phone test changes the demo data (claims decided, roster imported); the
 * desktop test, which runs after it, only looks.
 */

const sampleRoster = path.join(__dirname, '..', 'docs', 'roster-sample.csv');

/** Photographs the whole page: Taro's H5 pages scroll inside `.taro_page`, so the window grows to fit it. */
async function wholePage(page: Page, name: string): Promise<string> {
  const viewport = page.viewportSize() ?? VIEWPORTS.phone;
  // A confirmation toast would cover what the picture is for.
  await page.waitForFunction(
    () => {
      const toast = document.querySelector<HTMLElement>('.taro__toast');
      return !toast || toast.style.display === 'none';
    },
    undefined,
    { timeout: 5_000 },
  );
  // The page on show is the one under the top-left corner once it has slid in; pages below it in the
  // stack stay in the DOM.
  await page.waitForTimeout(700);
  const height = await page.evaluate(() => {
    const shown = document.elementFromPoint(8, 8)?.closest('.taro_page');
    return shown instanceof HTMLElement ? shown.scrollHeight : document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: viewport.width, height: Math.min(Math.max(viewport.height, height), 6000) });
  try {
    return await screenshot(page, name);
  } finally {
    await page.setViewportSize(viewport);
  }
}

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/**
 * Signs in through the login page's demo personas, as a committee worker
 * trying the demo would, and opens the workbench from 我的.
 */
async function signInAndOpenWorkbench(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.getByRole('list', { name: '演示人物' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: /^刘敏/ }).click();
  await page.waitForURL(/#\/pages\/me\/index/);
  await page.waitForTimeout(700);
  await page.getByRole('button', { name: '进入社区工作台' }).click();
  await page.waitForURL(/#\/moderator\/index\/index/);
  await page.getByRole('heading', { name: '社区工作台' }).waitFor();
  // Let the page finish sliding in: a tap during Taro's page animation can leave the next page hidden.
  await page.waitForTimeout(700);
}

/** How many pages Taro's H5 router holds (the ones below the current page stay in the DOM). */
function pageCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('.taro_page').length);
}

/**
 * 返回工作台, then waits until the router has dropped the page and the
 * slide-back animation is over (STACK.md: ~600 ms), so the next tap lands on
 * the workbench.
 */
async function backToWorkbench(page: Page): Promise<void> {
  const before = await pageCount(page);
  await page.getByRole('button', { name: '返回工作台' }).click();
  await page.waitForURL(/#\/moderator\/index\/index/);
  await page.waitForFunction((count) => document.querySelectorAll('.taro_page').length < count, before);
  await page.waitForTimeout(700);
}

/** Taps a workbench tile and waits for its page to have slid in. */
async function openTool(page: Page, tile: RegExp, route: string): Promise<void> {
  await page.getByRole('link', { name: tile }).click();
  await page.waitForURL(new RegExp(`#/moderator/${route}/index`));
  await page.waitForTimeout(700);
}

/** Picks `file` in the browser's file dialog opened by the 选择名册文件 (or 导入另一个文件) button. */
async function chooseRoster(page: Page, buttonName: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: buttonName }).click(),
  ]);
  await chooser.setFiles(file);
}

function badRosterFile(directory: string): string {
  const file = path.join(directory, '名册-有错误.csv');
  writeFileSync(
    file,
    [
      '小区,楼栋,房号,建筑面积(㎡),业主姓名,业主手机',
      '测试苑,1栋,101,89.50,韩梅梅,13912340001',
      '测试苑,1栋,102,89.555,李雷,13912340002',
      '测试苑,1栋,103,76.20,,13912340003',
      '测试苑,1栋,104,76.20,王芳,13912340004',
    ].join('\n'),
    'utf8',
  );
  return file;
}

/** A small PNG (a light card with a blue border), standing in for a photographed lease. */
function evidencePhoto(width = 240, height = 160): Buffer {
  const crc32 = (bytes: Buffer) => {
    let crc = 0xffffffff;
    for (const byte of bytes) {
      crc ^= byte;
      for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? 0xedb88320 ^ (crc >>> 1) : crc >>> 1;
    }
    return (crc ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const border = x < 6 || y < 6 || x >= width - 6 || y >= height - 6;
      row.set(border ? [26, 90, 150] : [230, 236, 244], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function api<T>(path: string, init: { token?: string; json?: unknown; form?: FormData } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body: string | FormData | undefined = init.form;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const response = await fetch(`${baseUrl}/api${path}`, { method: body ? 'POST' : 'GET', headers, body });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * The grid worker persona (吴永刚, a persona the other browser tests leave
 * alone) claims a unit as a tenant with a photo of the lease, so the
 * moderator has a claim with evidence to look at.
 */
async function fileClaimWithEvidence(): Promise<void> {
  const { token } = await api<{ token: string }>('/auth/dev-login', { json: { persona: 'grid_worker' } });
  await api('/me/privacy', { token, json: { version: '1' } });
  const form = new FormData();
  form.append('purpose', 'claim_evidence');
  form.append('file', new Blob([new Uint8Array(evidencePhoto())], { type: 'image/png' }), 'lease.png');
  const photo = await api<{ id: number }>('/uploads', { token, form });
  const [community] = await api<{ estates: { id: number; name: string }[] }[]>('/communities');
  const estate = community!.estates.find((candidate) => candidate.name === '槐荫里')!;
  const [building] = await api<{ id: number }[]>(`/estates/${estate.id}/buildings`, { token });
  const units = await api<{ id: number }[]>(`/buildings/${building!.id}/units`, { token });
  await api('/claims', {
    token,
    json: { unitId: units.at(-1)!.id, relation: 'tenant', name: '吴永刚', evidenceUploadId: photo.id },
  });
}

describe('committee console (moderator subpackage)', () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'yishi-moderation-e2e-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('phone: decides claims, suspends and restores a member, imports rosters', async () => {
    const browser = await openBrowser(VIEWPORTS.phone);
    const { page } = browser;
    const failedRequests: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) {
        failedRequests.push(`${response.status()} ${response.url()}`);
      }
    });
    try {
      await fileClaimWithEvidence();
      await signInAndOpenWorkbench(page);
      const approvalsTile = page.getByRole('link', { name: /^认证审核.*待审核 4/ });
      await approvalsTile.waitFor();
      await wholePage(page, 'moderation-phone-workbench');
      await expectAccessible(page);

      // 认证审核: the three seeded pending claims.
      await openTool(page, /^认证审核/, 'approvals');
      for (const name of ['马桂兰', '罗思远', '曾美玲', '吴永刚']) {
        await page.getByRole('article', { name: new RegExp(`^${name} 申请认证`) }).waitFor();
      }
      // The evidence photo is fetched with the moderator's token and shown.
      const withPhoto = page.getByRole('article', { name: /^吴永刚 申请认证/ });
      const photo = withPhoto.getByRole('img', { name: '吴永刚上传的证明材料' });
      await photo.waitFor();
      await page.waitForFunction(
        () =>
          (document.querySelector('img[alt="吴永刚上传的证明材料"]') as HTMLImageElement | null)?.naturalWidth === 240,
      );
      await wholePage(page, 'moderation-phone-approvals');
      await expectAccessible(page);
      await withPhoto.getByRole('button', { name: '查看大图' }).click();
      await withPhoto.getByRole('button', { name: '缩小' }).waitFor();
      await withPhoto.scrollIntoViewIfNeeded();
      await screenshot(page, 'moderation-phone-approvals-evidence');
      await withPhoto.getByRole('button', { name: '缩小' }).click();

      await page.getByRole('button', { name: '通过 马桂兰 的认证' }).click();
      await page.getByRole('article', { name: /^马桂兰 申请认证/ }).waitFor({ state: 'detached' });

      await page.getByRole('button', { name: '驳回 罗思远 的认证' }).click();
      const rejecting = page.getByRole('article', { name: /^罗思远 申请认证/ });
      await rejecting.getByRole('button', { name: '确认驳回' }).click();
      expect(await rejecting.getByRole('alert').textContent()).toBe('请写明不通过的原因');
      await rejecting.getByRole('button', { name: '材料不清晰' }).click();
      expect(await rejecting.getByRole('textbox', { name: '驳回原因' }).inputValue()).toBe('材料不清晰');
      await wholePage(page, 'moderation-phone-approvals-reject');
      await expectAccessible(page);
      await rejecting.getByRole('button', { name: '确认驳回' }).click();
      await rejecting.waitFor({ state: 'detached' });
      await page.getByRole('tab', { name: /待审核\s*2/ }).waitFor();

      await page.getByRole('tab', { name: '已通过' }).click();
      await page
        .getByRole('article', { name: /^马桂兰 申请认证/ })
        .getByText('已通过')
        .waitFor();
      await page.getByRole('tab', { name: '已驳回' }).click();
      await page.getByText('已驳回：材料不清晰').waitFor();
      await wholePage(page, 'moderation-phone-approvals-rejected');
      await expectAccessible(page);

      // Back on the workbench the count has followed.
      await backToWorkbench(page);
      await page.getByRole('link', { name: /^认证审核.*待审核 2/ }).waitFor();

      // 成员管理: search, suspend with a reason, restore after confirming.
      await openTool(page, /^成员管理/, 'members');
      await page.getByRole('article', { name: '刘敏' }).getByText('这是您本人的账号').waitFor();
      await wholePage(page, 'moderation-phone-members');
      await expectAccessible(page);
      await page.getByRole('searchbox', { name: /搜索成员/ }).fill('13800001001');
      await page.getByRole('button', { name: '搜索' }).click();
      await page.getByText('“13800001001”的搜索结果，已显示 1 人').waitFor();
      const member = page.getByRole('article', { name: '王秀英' });
      await member.getByRole('button', { name: '暂停 王秀英' }).click();
      await member.getByRole('button', { name: '发布不实或不当信息' }).click();
      await member.getByRole('button', { name: '确认暂停' }).click();
      await member.getByText('暂停原因：发布不实或不当信息').waitFor();
      await member.getByText('已暂停').waitFor();
      await wholePage(page, 'moderation-phone-members-suspended');
      await expectAccessible(page);
      await member.getByRole('button', { name: '恢复 王秀英' }).click();
      await member.getByText(/确定恢复 王秀英 的账号吗/).waitFor();
      await member.getByRole('button', { name: '确认恢复' }).click();
      await member.getByText('正常').waitFor();
      expect(await member.getByText(/暂停原因/).count()).toBe(0);
      await page.getByRole('tab', { name: '已暂停' }).click();
      await page.getByText('没有找到成员').waitFor();

      // 居民名册导入: the sample checks clean and imports; a file with bad rows lists them.
      await backToWorkbench(page);
      await openTool(page, /^居民名册导入/, 'roster');
      await wholePage(page, 'moderation-phone-roster');
      await expectAccessible(page);
      await chooseRoster(page, '选择名册文件', sampleRoster);
      await page.getByText('全部 20 行检查无误，可以导入。').waitFor();
      await wholePage(page, 'moderation-phone-roster-checked');
      await expectAccessible(page);
      await page.getByRole('button', { name: '全部导入（20 行）' }).click();
      await page.getByRole('heading', { name: '导入完成' }).waitFor();
      await page.getByText('已导入 20 行。').waitFor();
      const outcome = async (label: string) =>
        Number(
          await page
            .locator('.roster-report__outcome-item', { hasText: label })
            .locator('.roster-report__outcome-value')
            .textContent(),
        );
      const createdUnits = await outcome('新建房屋');
      const updatedUnits = await outcome('更新房屋');
      expect(createdUnits).toBeGreaterThan(0);
      expect(createdUnits + updatedUnits + (await outcome('无变化房屋'))).toBe(20);
      expect(await outcome('新建楼栋')).toBeGreaterThan(0);
      expect(await outcome('新建业主')).toBeGreaterThan(0);
      await wholePage(page, 'moderation-phone-roster-imported');
      await expectAccessible(page);

      await chooseRoster(page, '导入另一个文件', badRosterFile(scratch));
      const problems = page.getByRole('table', { name: '名册问题列表' });
      await problems.waitFor();
      const rows = problems.getByRole('row');
      expect(await rows.count()).toBe(3);
      expect(await rows.nth(1).getByRole('cell').allTextContents()).toEqual([
        '第 3 行',
        '建筑面积(㎡)',
        '建筑面积最多保留两位小数，现在是“89.555”',
      ]);
      expect(await rows.nth(2).getByRole('cell').allTextContents()).toEqual([
        '第 4 行',
        '业主姓名',
        '业主姓名不能为空（只有开发商持有的户可以不填）',
      ]);
      expect(await page.getByRole('button', { name: '全部导入' }).getAttribute('aria-disabled')).toBe('true');
      await page.getByRole('button', { name: '只导入无误的行（2 行）' }).waitFor();
      await wholePage(page, 'moderation-phone-roster-errors');
      await expectAccessible(page);

      expect(failedRequests).toEqual([]);
    } catch (error) {
      await screenshot(page, 'moderation-phone-failure').catch(() => undefined);
      throw error;
    } finally {
      await browser.close();
    }
  }, 180_000);

  test('desktop: the console pages lay out in a wide window without serious accessibility problems', async () => {
    const browser = await openBrowser(VIEWPORTS.desktop);
    const { page } = browser;
    try {
      await signInAndOpenWorkbench(page);
      await page.getByRole('link', { name: /^认证审核/ }).waitFor();
      await wholePage(page, 'moderation-desktop-workbench');
      await expectAccessible(page);

      await openTool(page, /^认证审核/, 'approvals');
      await page.getByRole('tablist', { name: '审核状态' }).waitFor();
      await page.locator('.claim-card, .status-panel').first().waitFor();
      await wholePage(page, 'moderation-desktop-approvals');
      await expectAccessible(page);
      await backToWorkbench(page);

      await openTool(page, /^成员管理/, 'members');
      await page.getByRole('article', { name: '王秀英' }).waitFor();
      await wholePage(page, 'moderation-desktop-members');
      await expectAccessible(page);
      // The role form: 物业 asks for its estate and organisation (cancelled: the phone test's data stays).
      const member = page.getByRole('article', { name: '王秀英' });
      await member.getByRole('button', { name: '为 王秀英 授予角色' }).click();
      await member.getByRole('radio', { name: '物业' }).click();
      await member.getByRole('radio', { name: '锦绣华庭' }).waitFor();
      await member.getByRole('textbox', { name: '所属单位' }).waitFor();
      await wholePage(page, 'moderation-desktop-members-grant');
      await expectAccessible(page);
      await member.getByRole('button', { name: '取消' }).click();
      await backToWorkbench(page);

      await openTool(page, /^居民名册导入/, 'roster');
      await page.getByRole('button', { name: '查看各列说明' }).click();
      await page.getByRole('table', { name: '名册各列说明' }).waitFor();
      await chooseRoster(page, '选择名册文件', badRosterFile(scratch));
      await page.getByRole('table', { name: '名册问题列表' }).waitFor();
      await wholePage(page, 'moderation-desktop-roster-errors');
      await expectAccessible(page);
    } catch (error) {
      await screenshot(page, 'moderation-desktop-failure').catch(() => undefined);
      throw error;
    } finally {
      await browser.close();
    }
  }, 120_000);
});
