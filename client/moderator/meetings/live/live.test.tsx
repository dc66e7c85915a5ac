import type { LiveState } from '@shared/meetings/live.schema';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { subscribe } from '@/services/live';
import { ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aLiveState, aLiveVote, aSpeaker } from '../../../pages/meetings/live-fixtures';
import { aModerator } from '../../moderator.fixtures';
import MeetingLiveControlPage from '.';

jest.mock('@/services/live', () => ({ subscribe: jest.fn() }));

// The committee pages first confirm the user's role: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(20_000);

const subscribeMock = subscribe as jest.MockedFunction<typeof subscribe>;

function liveFeed() {
  const feed = { push: (_state: LiveState) => {} };
  subscribeMock.mockReset();
  subscribeMock.mockImplementation((_meetingId, onState, options) => {
    feed.push = (state) => act(() => onState(state));
    options?.onStatus?.({ mode: 'socket' });
    return () => {};
  });
  return feed;
}

const INVITEES = [
  {
    userId: 21,
    name: '陈志强',
    role: 'council',
    present: true,
    method: 'code',
    checkedInAt: '2026-12-05T11:20:00.000Z',
  },
  {
    userId: 22,
    name: '王秀英',
    role: 'council',
    present: true,
    method: 'code',
    checkedInAt: '2026-12-05T11:21:00.000Z',
  },
  { userId: 23, name: '赵国华', role: 'council', present: false, method: null, checkedInAt: null },
];

function setUp(routes: Parameters<typeof routeApi>[0] = {}) {
  signedInAs(aModerator());
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '7' } } });
  return routeApi({
    'GET /api/me': ok(aModerator()),
    'GET /api/meetings/7/invitees': ok(INVITEES),
    ...routes,
  });
}

async function showing(feed: ReturnType<typeof liveFeed>, state: LiveState) {
  render(<MeetingLiveControlPage />);
  await waitFor(() => expect(subscribeMock).toHaveBeenCalled());
  feed.push(state);
}

describe('会议现场控制', () => {
  it('starts the meeting after a confirmation, then opens the next item', async () => {
    const feed = liveFeed();
    const between = aLiveState({
      version: 11,
      currentItem: null,
      agenda: aLiveState().agenda.map((i) => ({ ...i, status: 'pending' as const })),
    });
    const api = setUp({
      'POST /api/meetings/7/start': ok(between),
      'POST /api/meetings/7/items/1/open': ok(aLiveState({ version: 12 })),
    });
    await showing(feed, aLiveState({ status: 'announced', statusLabel: '已发布通知', currentItem: null }));
    expect(await screen.findByText('已达法定人数，可以开始会议。')).toBeTruthy();
    expect(screen.getByRole('status', { name: '实时连接：会场的变化会立即显示' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '开始会议' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/start')).toHaveLength(1));
    expect(taroMock.showModal.mock.calls[0]?.[0]).toMatchObject({ title: '开始会议' });
    expect(await screen.findByText('请开始下一个议题：东门加装充电桩')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '开始讨论：东门加装充电桩' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/items/1/open')).toHaveLength(1));
    expect((await screen.findByRole('region', { name: '正在讨论' })).textContent).toContain('东门加装充电桩');
  });

  it('runs the list of speakers with real names: grant for the chosen time, end, add a present participant', async () => {
    const feed = liveFeed();
    const api = setUp({
      'POST /api/meetings/7/speakers/31/grant': ok(
        aLiveState({
          version: 11,
          serverTime: new Date().toISOString(),
          speakers: {
            current: aSpeaker({ status: 'speaking', startedAt: new Date().toISOString(), seconds: 120 }),
            queue: [],
            done: [],
          },
        }),
      ),
      'POST /api/meetings/7/speakers/31/end': ok(aLiveState({ version: 12 })),
      'POST /api/meetings/7/speakers': ok(aLiveState({ version: 13 }), 201),
    });
    await showing(feed, aLiveState({ speakers: { current: null, queue: [aSpeaker()], done: [] } }));
    const queue = await screen.findByRole('list', { name: '等候发言' });
    await within(queue).findByText('陈志强');
    // Only present participants not on the list can be added.
    const addable = screen.getByRole('list', { name: '可安排发言的人员' });
    expect(
      within(addable)
        .getAllByRole('listitem')
        .map((r) => r.textContent),
    ).toEqual([expect.stringContaining('王秀英')]);

    fireEvent.click(screen.getByRole('radio', { name: '2 分钟' }));
    fireEvent.click(screen.getByRole('button', { name: '请陈志强发言' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/speakers/31/grant')).toHaveLength(1));
    expect(api.callsTo('POST /api/meetings/7/speakers/31/grant')[0]?.data).toEqual({ seconds: 120 });
    const speaking = await screen.findByRole('group', { name: '正在发言' });
    expect(speaking.textContent).toContain('陈志强');
    expect(within(speaking).getByRole('timer').textContent).toMatch(/^(2:00|1:59)$/);

    fireEvent.click(within(speaking).getByRole('button', { name: '结束发言' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/speakers/31/end')).toHaveLength(1));

    fireEvent.click(await screen.findByRole('button', { name: '安排王秀英发言' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/speakers')).toHaveLength(1));
    expect(api.callsTo('POST /api/meetings/7/speakers')[0]?.data).toEqual({ userId: 22 });
  });

  it('opens a council vote on the item, follows participation, offers paper ballots and closes it', async () => {
    const feed = liveFeed();
    const api = setUp({
      'POST /api/votes': ok({ id: 51 }, 201),
      'POST /api/votes/51/close': ok({ yes: 2, no: 1, abstain: 0 }),
    });
    await showing(feed, aLiveState());
    const section = await screen.findByRole('region', { name: '表决' });
    expect((within(section).getByLabelText('表决事项') as HTMLInputElement).value).toBe('关于“东门加装充电桩”的表决');

    // A single-choice vote needs two options: refused here, before asking the server.
    fireEvent.click(within(section).getByRole('radio', { name: '几个方案选一个' }));
    fireEvent.click(within(section).getByRole('button', { name: '发起表决' }));
    expect((await within(section).findByRole('alert')).textContent).toContain('请至少填写两个选项');
    expect(api.callsTo('POST /api/votes')).toHaveLength(0);

    fireEvent.click(within(section).getByRole('radio', { name: '同意/反对/弃权' }));
    fireEvent.click(within(section).getByRole('radio', { name: '三分之二' }));
    fireEvent.click(within(section).getByRole('button', { name: '发起表决' }));
    await waitFor(() => expect(api.callsTo('POST /api/votes')).toHaveLength(1));
    const body = api.callsTo('POST /api/votes')[0]?.data as Record<string, unknown>;
    expect(body).toMatchObject({
      communityId: 1,
      meetingId: 7,
      agendaItemId: 1,
      electorate: 'council',
      method: 'yes_no',
      majority: 'two_thirds',
      base: 'YNA',
      secret: true,
      resultsLive: true,
      allowChange: false,
    });
    expect(Date.parse(String(body.closesAt)) - Date.now()).toBeGreaterThan(29 * 60_000);

    feed.push(
      aLiveState({
        version: 11,
        votes: [
          aLiveVote({
            participation: { voters: 2, entitled: 5, area: null },
            result: { yes: 2, no: 0, abstain: 0, invalid: 0, base: 2, quorumMet: true, passed: true },
          }),
        ],
      }),
    );
    expect(await within(section).findByText('已投票 2 / 5 人')).toBeTruthy();
    expect(section.textContent).toContain('目前：同意 2 · 反对 0 · 弃权 0');
    // No conclusion while the vote is open.
    const decide = screen.getByRole('region', { name: '记录结论' });
    expect(decide.textContent).toContain('请先结束表决「是否同意在东门加装充电桩」，再记录结论。');

    fireEvent.click(within(section).getByRole('button', { name: '录入纸质选票' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/votes/paper?id=51' });

    fireEvent.click(within(section).getByRole('button', { name: '结束表决' }));
    await waitFor(() => expect(api.callsTo('POST /api/votes/51/close')).toHaveLength(1));
    expect(taroMock.showModal.mock.calls.at(-1)?.[0]).toMatchObject({
      title: '结束表决',
      content: '还有 3 人没有投票。结束后不能再投票，结果和投票记录将公布。',
    });
  });

  it('opens a multiple-choice council vote: options one per line, at most as many picks as options', async () => {
    const feed = liveFeed();
    const api = setUp({ 'POST /api/votes': ok({ id: 52 }, 201) });
    await showing(feed, aLiveState());
    const section = await screen.findByRole('region', { name: '表决' });
    fireEvent.click(within(section).getByRole('radio', { name: '几个方案选多个' }));
    fireEvent.input(within(section).getByLabelText('方案（每行一个）'), {
      target: { value: '东门北侧\n东门南侧\n地库入口' },
    });
    fireEvent.input(within(section).getByLabelText('每票最多可选几项'), { target: { value: '4' } });
    fireEvent.click(within(section).getByRole('button', { name: '发起表决' }));
    expect((await within(section).findByRole('alert')).textContent).toContain('每票最多可选的项数不能多于选项数');
    expect(api.callsTo('POST /api/votes')).toHaveLength(0);

    fireEvent.input(within(section).getByLabelText('每票最多可选几项'), { target: { value: '2' } });
    fireEvent.click(within(section).getByRole('button', { name: '发起表决' }));
    await waitFor(() => expect(api.callsTo('POST /api/votes')).toHaveLength(1));
    expect(api.callsTo('POST /api/votes')[0]?.data).toMatchObject({
      electorate: 'council',
      method: 'multiple',
      options: ['东门北侧', '东门南侧', '地库入口'],
      maxChoices: 2,
    });
  });

  it('opens a council election: candidates one per line, no more seats than candidates', async () => {
    const feed = liveFeed();
    const api = setUp({ 'POST /api/votes': ok({ id: 53 }, 201) });
    await showing(feed, aLiveState());
    const section = await screen.findByRole('region', { name: '表决' });
    fireEvent.click(within(section).getByRole('radio', { name: '选举（从候选人中选出几人）' }));
    fireEvent.input(within(section).getByLabelText('候选人（每行一位）'), {
      target: { value: '陈志强\n王秀英\n陈志强' },
    });
    fireEvent.input(within(section).getByLabelText('应选人数（每票最多选几人）'), { target: { value: '1' } });
    fireEvent.click(within(section).getByRole('button', { name: '发起表决' }));
    expect((await within(section).findByRole('alert')).textContent).toContain('候选人不能重复');

    fireEvent.input(within(section).getByLabelText('候选人（每行一位）'), {
      target: { value: '陈志强\n王秀英\n孙玉梅' },
    });
    fireEvent.input(within(section).getByLabelText('应选人数（每票最多选几人）'), { target: { value: '4' } });
    fireEvent.click(within(section).getByRole('button', { name: '发起表决' }));
    await waitFor(() => expect(within(section).getByRole('alert').textContent).toContain('应选人数不能多于候选人数'));
    expect(api.callsTo('POST /api/votes')).toHaveLength(0);

    fireEvent.input(within(section).getByLabelText('应选人数（每票最多选几人）'), { target: { value: '2' } });
    fireEvent.click(within(section).getByRole('button', { name: '发起表决' }));
    await waitFor(() => expect(api.callsTo('POST /api/votes')).toHaveLength(1));
    expect(api.callsTo('POST /api/votes')[0]?.data).toMatchObject({
      electorate: 'council',
      method: 'election',
      options: ['陈志强', '王秀英', '孙玉梅'],
      maxChoices: 2,
    });
  });

  it('records the conclusion: a resolution needs words; 未形成决议 may go without', async () => {
    const feed = liveFeed();
    const api = setUp({
      'POST /api/meetings/7/items/1/decide': ok(aLiveState({ version: 11, currentItem: null })),
    });
    await showing(feed, aLiveState());
    const decide = await screen.findByRole('region', { name: '记录结论' });
    fireEvent.click(within(decide).getByRole('button', { name: '记录结论' }));
    expect((await within(decide).findByRole('alert')).textContent).toBe('请填写决议内容（至少 4 个字）');
    expect(api.callsTo('POST /api/meetings/7/items/1/decide')).toHaveLength(0);

    fireEvent.input(within(decide).getByLabelText('决议内容'), {
      target: { value: '同意在东门加装充电桩，由物业一个月内完成。' },
    });
    fireEvent.click(within(decide).getByRole('button', { name: '记录结论' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/items/1/decide')).toHaveLength(1));
    expect(api.callsTo('POST /api/meetings/7/items/1/decide')[0]?.data).toEqual({
      outcome: 'decided',
      resolution: '同意在东门加装充电桩，由物业一个月内完成。',
    });
    expect(await screen.findByRole('button', { name: '结束会议' })).toBeTruthy();
  });

  it('after the meeting: edits the draft minutes with its revision, then publishes them', async () => {
    const feed = liveFeed();
    const minutes = {
      meetingId: 7,
      meetingTitle: '十二月协商议事会',
      meetingStatus: 'closed',
      text: '十二月协商议事会 会议纪要\n一、会议基本情况',
      revision: 1,
      published: false,
      draftedAt: '2026-12-05T12:30:00.000Z',
      updatedAt: '2026-12-05T12:30:00.000Z',
      publishedAt: null,
    };
    const edited = `${minutes.text}\n会后补充：请物业每周报告进度。`;
    const api = setUp({
      'GET /api/meetings/7/minutes': ok(minutes),
      'PATCH /api/meetings/7/minutes': ok({ ...minutes, text: edited, revision: 2 }),
      'POST /api/meetings/7/minutes/publish': ok({
        ...minutes,
        text: edited,
        revision: 2,
        published: true,
        meetingStatus: 'minutes_published',
        publishedAt: '2026-12-05T12:45:00.000Z',
      }),
    });
    await showing(feed, aLiveState({ status: 'closed', statusLabel: '已结束', currentItem: null }));
    const section = await screen.findByRole('region', { name: '会议纪要' });
    const field = (await within(section).findByLabelText('会议纪要')) as HTMLTextAreaElement;
    expect(field.value).toBe(minutes.text);
    expect(section.textContent).toContain('第 1 稿');

    fireEvent.input(field, { target: { value: edited } });
    fireEvent.click(within(section).getByRole('button', { name: '保存修改' }));
    await waitFor(() => expect(api.callsTo('PATCH /api/meetings/7/minutes')).toHaveLength(1));
    expect(api.callsTo('PATCH /api/meetings/7/minutes')[0]?.data).toEqual({ text: edited, revision: 1 });
    expect(await within(section).findByText(/第 2 稿/)).toBeTruthy();

    fireEvent.click(within(section).getByRole('button', { name: '公布纪要' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/minutes/publish')).toHaveLength(1));
    expect(await within(section).findByText('✓ 会议纪要已公布')).toBeTruthy();
    expect(section.textContent).toContain('会后补充：请物业每周报告进度。');
  });
});
