import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { baseUrl, openBrowser, screenshot, seriousAccessibilityViolations, VIEWPORTS } from './support/browser';

/**
 * A meeting in session, followed live. Setup through the API (schedule with
 * two agenda topics, publish the notice); then everything in the browser:
 * three council members of 和平里社区协商议事会 (陈志强, 王秀英, 孙主任; phones)
 * check in by code and open the live page; a resident who is not signed in
 * follows on a phone whose WebSocket is blocked (the polling fallback). The
 * moderator (刘敏, desktop) starts the meeting and opens the first item; one
 * member asks for the floor, the moderator grants it; the moderator opens a
 * vote, the three vote, the moderator's screen shows participation rising and
 * closes the vote; the result appears everywhere; the moderator records the
 * decision, closes the meeting and publishes the minutes, which every screen
 * then shows. No screen is reloaded: each step waits for the text to appear.
 * Screenshots go to e2e/screenshots/meeting-live-*.png; axe runs on each.
 */

jest.setTimeout(600_000);

const TITLE = '现场协商议事会（端到端）';
const LIVE = 30_000;
const RESOLUTION = '同意该议题的处理方案，由社区居委会牵头在一个月内落实，并在公示栏公示进展。';

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
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(size.height, length + 64), 8000) });
  try {
    await screenshot(page, `meeting-live-${name}`);
  } finally {
    await page.setViewportSize(size);
  }
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
}

/** Presses a button of Taro's modal dialog (the title may repeat the button's words). */
async function confirmModal(page: Page, button: string): Promise<void> {
  await page.locator('.taro__modal .taro-modal__foot').getByText(button, { exact: true }).click();
}

async function signIn(page: Page, persona: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/login/index`);
  await page.getByRole('list', { name: '演示人物' }).waitFor({ timeout: 30_000 });
  await page.getByRole('button', { name: persona }).click();
  await page.waitForURL(/#\/pages\/me\/index/);
  await page.waitForTimeout(700);
}

function watchFailures(page: Page, failures: string[]): void {
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (response.status() >= 400 && path.startsWith('/api/')) {
      failures.push(`${response.status()} ${response.request().method()} ${path}`);
    }
  });
}

/** Makes every live WebSocket of the page fail to connect, as on a network that blocks sockets. */
async function blockLiveSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    class Blocked extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(String(url).includes('/live/ws') ? 'ws://127.0.0.1:9/blocked' : url, protocols);
      }
    }
    window.WebSocket = Blocked;
  });
}

interface Setup {
  meetingId: number;
  code: string;
  firstTitle: string;
}

/** Schedules today's meeting (in half an hour, no notice period) with two agenda topics and publishes it. */
async function scheduleAndPublish(): Promise<Setup> {
  const login = await api<{ token: string; user: { communities: { id: number; name: string }[] } }>(
    'POST',
    '/auth/dev-login',
    undefined,
    { persona: 'moderator' },
  );
  const token = login.body.token;
  const community = login.body.user.communities.find((c) => c.name === '和平里社区')!;
  const councils = await api<{ id: number; name: string }[]>('GET', `/communities/${community.id}/councils`);
  const council = councils.body.find((c) => c.name === '和平里社区协商议事会')!;
  const topics = await api<{ id: number; title: string }[]>('GET', `/communities/${community.id}/agenda-topics`, token);
  expect(topics.body.length).toBeGreaterThanOrEqual(2);
  const [first, second] = topics.body;
  const scheduled = await api<{ id: number }>('POST', '/meetings', token, {
    title: TITLE,
    councilId: council.id,
    startsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    place: '和平里社区党群服务中心一楼议事厅',
    mode: 'offline',
    noticeDays: 0,
    agenda: [
      { topicId: first!.id, minutes: 20 },
      { topicId: second!.id, minutes: 15 },
    ],
  });
  expect(scheduled.status).toBe(201);
  const announced = await api<{ status: string }>('POST', `/meetings/${scheduled.body.id}/announce`, token, {});
  expect(announced.status).toBe(200);
  const meeting = await api<{ checkInCode: string }>('GET', `/meetings/${scheduled.body.id}`, token);
  return { meetingId: scheduled.body.id, code: meeting.body.checkInCode, firstTitle: first!.title };
}

describe('a meeting followed live: check-in, an item, a speaker, a vote, the decision, the minutes', () => {
  test('every screen follows the moderator without reloading; a blocked socket falls back to polling', async () => {
    const setup = await scheduleAndPublish();
    const { meetingId, code, firstTitle } = setup;
    const moderator = await openBrowser(VIEWPORTS.desktop);
    const members = [
      { persona: /陈志强/, masked: '陈**', name: 'chen', browser: await openBrowser(VIEWPORTS.phone) },
      { persona: /王秀英/, masked: '王**', name: 'wang', browser: await openBrowser(VIEWPORTS.phone) },
      { persona: /孙主任/, masked: '孙**', name: 'sun', browser: await openBrowser(VIEWPORTS.phone) },
    ];
    const viewer = await openBrowser(VIEWPORTS.phone);
    const failures: string[] = [];
    for (const b of [moderator, viewer, ...members.map((m) => m.browser)]) watchFailures(b.page, failures);
    const phones = members.map((m) => m.browser.page);
    const everyone = [...phones, viewer.page];
    const onEvery = async (pages: Page[], check: (page: Page) => Promise<unknown>) => {
      await Promise.all(pages.map((p) => check(p)));
    };
    try {
      // ---- The three members check in by code, then open the live page from the meeting's page.
      for (const member of members) {
        const phone = member.browser.page;
        await signIn(phone, member.persona);
        await phone.goto(`${baseUrl}/#/pages/meetings/detail?id=${meetingId}`);
        const detail = current(phone);
        await detail.getByLabel('签到码').waitFor({ timeout: 30_000 });
        await detail.getByLabel('签到码').fill(code);
        await detail.getByRole('button', { name: '签到', exact: true }).click();
        await detail.getByText('✓ 您已签到').waitFor({ timeout: 30_000 });
        await detail.getByRole('button', { name: '进入会议' }).click();
        await phone.waitForURL(new RegExp(`#/pages/meetings/live\\?id=${meetingId}`));
        await current(phone).getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE });
      }
      const chen = phones[0]!;
      await current(chen).getByText('会议尚未开始，开始后本页会自动显示会议进程。').waitFor();
      await current(chen).getByRole('status', { name: '实时连接：会场的变化会立即显示' }).waitFor({ timeout: LIVE });
      await current(chen).getByText('✓ 您已签到').waitFor();
      await visit(chen, 'phone-waiting');

      // ---- A resident who is not signed in follows on a phone that cannot open WebSockets: polling.
      const watcher = viewer.page;
      await blockLiveSockets(watcher);
      await watcher.goto(`${baseUrl}/#/pages/meetings/live?id=${meetingId}`);
      await current(watcher).getByRole('heading', { level: 1, name: TITLE }).waitFor({ timeout: LIVE });
      await current(watcher)
        .getByRole('status', { name: /实时连接不可用，正在定时刷新/ })
        .waitFor({ timeout: LIVE });
      await expect(current(watcher).locator('.live-connection__text').textContent()).resolves.toBe('轮询');

      // ---- The moderator opens the live control from the meeting's console page and starts the meeting.
      const desk = moderator.page;
      await signIn(desk, /^刘敏/);
      await desk.goto(`${baseUrl}/#/moderator/meetings/manage?id=${meetingId}`);
      await current(desk).getByRole('button', { name: '进入会议现场控制（开始会议）' }).click({ timeout: LIVE });
      await desk.waitForURL(new RegExp(`#/moderator/meetings/live/index\\?id=${meetingId}`));
      const control = () => current(desk);
      await control().getByText('已签到 3/5，已达法定人数').first().waitFor({ timeout: LIVE });
      await control().getByText('已达法定人数，可以开始会议。').waitFor();
      await visit(desk, 'desktop-control-before-start');
      await control().getByRole('button', { name: '开始会议' }).click();
      await confirmModal(desk, '开始会议');
      await control().getByText(`请开始下一个议题：${firstTitle}`).waitFor({ timeout: LIVE });

      // Every phone shows the meeting in session, without a reload.
      await onEvery(everyone, (p) => current(p).getByText('会议进行中').first().waitFor({ timeout: LIVE }));

      // ---- The first item: every screen shows it.
      await control()
        .getByRole('button', { name: `开始讨论：${firstTitle}` })
        .click();
      await onEvery(everyone, (p) =>
        current(p)
          .getByRole('region', { name: '正在讨论' })
          .getByText(firstTitle, { exact: true })
          .waitFor({ timeout: LIVE }),
      );
      await visit(watcher, 'phone-polling-item');

      // ---- 陈志强 asks for the floor; the moderator grants it; everyone sees the speaker.
      await current(chen).getByRole('button', { name: '申请发言' }).click();
      await current(chen).getByText('已申请发言，排在第 1 位，请等候主持人安排').waitFor({ timeout: LIVE });
      await current(chen).getByRole('button', { name: '取消申请' }).waitFor();
      await visit(chen, 'phone-floor-requested');
      // The moderator sees the real name; the participants the masked one.
      const queue = control().getByRole('list', { name: '等候发言' });
      await queue.getByText('陈志强').waitFor({ timeout: LIVE });
      await visit(desk, 'desktop-control-floor-request');
      await control().getByRole('radio', { name: '2 分钟' }).click();
      await control().getByRole('button', { name: '请陈志强发言' }).click();
      await control().getByRole('group', { name: '正在发言' }).getByText('陈志强').waitFor({ timeout: LIVE });
      await onEvery(everyone, async (p) => {
        const now = current(p).getByRole('group', { name: '正在发言' });
        await now.getByText('陈**').waitFor({ timeout: LIVE });
        await now.getByLabel(/^剩余 (2 分钟|1 分 \d+ 秒)$/).waitFor({ timeout: LIVE });
      });
      await current(chen).getByText('请您发言').waitFor();
      await visit(phones[1]!, 'phone-speaker');
      await control().getByRole('button', { name: '结束发言' }).click();
      await onEvery(everyone, (p) => current(p).getByText('已发言：陈**').waitFor({ timeout: LIVE }));

      // ---- The moderator opens a council vote with the tally shown live.
      const voteForm = control().getByRole('region', { name: '表决' });
      await voteForm.getByLabel('表决事项').fill('是否同意该议题的处理方案');
      await visit(desk, 'desktop-control-vote-form');
      await voteForm.getByRole('button', { name: '发起表决' }).click();
      await voteForm.getByRole('button', { name: '结束表决' }).waitFor({ timeout: LIVE });
      await voteForm.getByText('已投票 0 / 5 人').waitFor();
      await onEvery(phones, (p) =>
        current(p)
          .getByRole('region', { name: '正在表决' })
          .getByRole('button', { name: '同意' })
          .waitFor({ timeout: LIVE }),
      );
      await current(watcher).getByRole('region', { name: '正在表决' }).waitFor({ timeout: LIVE });
      await visit(chen, 'phone-vote-open');

      // ---- The three vote through the page; the moderator's screen shows participation rising.
      const choices = ['同意', '同意', '反对'] as const;
      const receipts: string[] = [];
      for (const [index, phone] of phones.entries()) {
        const panel = current(phone).getByRole('region', { name: '正在表决' });
        await panel.getByRole('button', { name: choices[index] }).click();
        await confirmModal(phone, `投${choices[index]}`);
        await panel.getByText('投票成功').waitFor({ timeout: LIVE });
        await panel.getByLabel(/^凭证码 /).waitFor();
        await panel.getByText('✓ 您已投票').waitFor();
        receipts.push(((await panel.locator('.vote-detail__receipt-code').textContent()) ?? '').trim());
        await voteForm.getByText(`已投票 ${index + 1} / 5 人`).waitFor({ timeout: LIVE });
        if (index === 0) await visit(phone, 'phone-receipt');
      }
      await voteForm.getByText('目前：同意 2 · 反对 1 · 弃权 0').waitFor({ timeout: LIVE });
      await current(watcher).getByText('目前：同意 2 · 反对 1 · 弃权 0').waitFor({ timeout: LIVE });
      await visit(desk, 'desktop-control-vote-progress');

      // ---- The moderator closes the vote: the result on every screen.
      await voteForm.getByRole('button', { name: '结束表决' }).click();
      await confirmModal(desk, '结束表决');
      await onEvery([...everyone, desk], (p) =>
        current(p).getByText('表决结果：通过').first().waitFor({ timeout: LIVE }),
      );
      await onEvery(everyone, (p) =>
        current(p).getByText('同意 2 · 反对 1 · 弃权 0').first().waitFor({ timeout: LIVE }),
      );
      await visit(chen, 'phone-vote-result');
      await visit(watcher, 'phone-polling-result');

      // ---- 王秀英 checks her receipt in the published record, then comes back to the live page.
      const wang = phones[1]!;
      await current(wang).getByRole('button', { name: '用凭证码核对我的一票' }).click();
      await wang.waitForURL(/#\/pages\/votes\/record\?id=\d+&check=1/);
      const record = current(wang);
      // The record page's input (a role, not a label: the receipt shown on the live page is labelled 凭证码 too).
      const receiptInput = record.getByRole('textbox', { name: '凭证码' });
      await receiptInput.waitFor({ timeout: LIVE });
      await receiptInput.fill(receipts[1]!);
      await record.getByRole('button', { name: '核对', exact: true }).click();
      await record.getByText('找到了您的那一票').waitFor({ timeout: LIVE });
      await record.getByText(/选择：同意/).waitFor();
      await visit(wang, 'phone-receipt-checked');
      await wang.goBack();
      await current(wang).getByRole('region', { name: '表决结果' }).waitFor({ timeout: LIVE });

      // ---- The decision: recorded by the moderator, shown everywhere.
      const decision = control().getByRole('region', { name: '记录结论' });
      await decision.getByLabel('决议内容').fill(RESOLUTION);
      await decision.getByRole('button', { name: '记录结论' }).click();
      await confirmModal(desk, '记录');
      await onEvery(everyone, async (p) => {
        const decisions = current(p).getByRole('region', { name: '议题结论' });
        await decisions.getByText(RESOLUTION).waitFor({ timeout: LIVE });
        await decisions.getByText('形成决议').waitFor();
      });
      // Each voter still sees their receipt code beside the decision, to check it in the record.
      await onEvery(phones, async (p) => {
        const index = phones.indexOf(p);
        await current(p).getByText(`您的凭证码：${receipts[index]}`, { exact: false }).waitFor();
      });
      await visit(phones[2]!, 'phone-decided');

      // ---- The moderator closes the meeting (the second item was not discussed).
      await control().getByRole('button', { name: '结束会议' }).click();
      await confirmModal(desk, '结束会议');
      await onEvery(everyone, (p) =>
        current(p).getByText('会议已结束，会议纪要整理后公布。').waitFor({ timeout: LIVE }),
      );

      // ---- The minutes: the draft, an edit, publishing; every screen shows them.
      const minutes = control().getByRole('region', { name: '会议纪要' });
      const draft = minutes.getByLabel('会议纪要');
      await draft.waitFor({ timeout: LIVE });
      await expect(draft.inputValue()).resolves.toContain(RESOLUTION);
      await draft.fill(`${await draft.inputValue()}\n\n会后补充：议事会成员对落实进度进行监督。`);
      await minutes.getByRole('button', { name: '保存修改' }).click();
      await minutes.getByText(/第 2 稿/).waitFor({ timeout: LIVE });
      await visit(desk, 'desktop-control-minutes-draft');
      await minutes.getByRole('button', { name: '公布纪要' }).click();
      await confirmModal(desk, '公布');
      await minutes.getByText('✓ 会议纪要已公布').waitFor({ timeout: LIVE });
      await onEvery(everyone, async (p) => {
        const published = current(p).getByRole('region', { name: '会议纪要' });
        await published.getByText(/会后补充：议事会成员对落实进度进行监督。/).waitFor({ timeout: LIVE });
        await published.getByText(new RegExp(RESOLUTION.slice(0, 12))).waitFor();
      });
      await visit(chen, 'phone-minutes');
      await visit(desk, 'desktop-control-minutes-published');
      await chen.setViewportSize(VIEWPORTS.desktop);
      await visit(chen, 'desktop-participant-minutes');
      await chen.setViewportSize(VIEWPORTS.phone);
      await expect(current(watcher).locator('.live-connection__text').textContent()).resolves.toBe('轮询');
      expect(failures).toEqual([]);
    } finally {
      await moderator.close();
      await viewer.close();
      for (const member of members) await member.browser.close();
    }
  });
});
