import type { LiveState } from '@shared/meetings/live.schema';
import { act, configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { type LiveStatus, subscribe } from '@/services/live';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import MeetingLivePage from './live';
import { aLiveState, aLiveVote, aSpeaker } from './live-fixtures';
import { aMeeting } from './meeting-fixtures';

jest.mock('@/services/live', () => ({ subscribe: jest.fn() }));

configure({ asyncUtilTimeout: 5000 });

const subscribeMock = subscribe as jest.MockedFunction<typeof subscribe>;

/** Drives the page's live subscription: push states and connection changes as services/live.ts would. */
function liveFeed() {
  const feed = {
    stops: 0,
    push: (_state: LiveState) => {},
    status: (_status: LiveStatus) => {},
  };
  subscribeMock.mockReset();
  subscribeMock.mockImplementation((_meetingId, onState, options) => {
    feed.push = (state) => act(() => onState(state));
    feed.status = (status) => act(() => options?.onStatus?.(status));
    return () => {
      feed.stops += 1;
    };
  });
  return feed;
}

const member = aMe({
  id: 21,
  communities: [
    { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['representative'], status: 'active' },
  ],
});

function open(present = true, routes: Parameters<typeof routeApi>[0] = {}) {
  signedInAs(member);
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '7' } } });
  return routeApi({
    'GET /api/meetings/7': ok(aMeeting({ status: 'in_session', me: { invited: true, present } })),
    ...routes,
  });
}

describe('会议现场', () => {
  it('follows pushed states without reloading: the item, the speaker with a countdown, the connection', async () => {
    const feed = liveFeed();
    open();
    render(<MeetingLivePage />);
    expect(screen.getByRole('status').textContent).toBe('正在进入会议…');
    expect(subscribeMock).toHaveBeenCalledWith(7, expect.any(Function), expect.any(Object));

    feed.push(aLiveState({ status: 'announced', statusLabel: '已发布通知', currentItem: null }));
    expect(await screen.findByRole('heading', { level: 1, name: '十二月协商议事会' })).toBeTruthy();
    expect(screen.getByText('会议尚未开始，开始后本页会自动显示会议进程。')).toBeTruthy();
    expect(screen.queryByRole('region', { name: '正在讨论' })).toBeNull();
    expect(screen.getByRole('status', { name: '正在连接会场，请稍候' }).textContent).toBe('重新连接中');
    feed.status({ mode: 'socket' });
    expect(screen.getByRole('status', { name: '实时连接：会场的变化会立即显示' }).textContent).toBe('实时');

    feed.push(aLiveState({ version: 11 }));
    const item = await screen.findByRole('region', { name: '正在讨论' });
    expect(item.textContent).toContain('东门加装充电桩');
    expect(item.textContent).toContain('电动车在楼道充电有火灾隐患');
    expect(screen.getByRole('region', { name: '出席情况' }).textContent).toContain('已签到 3/5，已达法定人数');

    // An older state arriving late changes nothing.
    feed.push(aLiveState({ version: 9, status: 'announced', currentItem: null }));
    expect(screen.getByRole('region', { name: '正在讨论' })).toBeTruthy();

    const startedAt = new Date(Date.now() - 30_000).toISOString();
    feed.push(
      aLiveState({
        version: 12,
        serverTime: new Date().toISOString(),
        speakers: {
          current: aSpeaker({ status: 'speaking', startedAt, seconds: 180, name: '孙**', userId: 23 }),
          queue: [aSpeaker()],
          done: [],
        },
      }),
    );
    const speaking = await screen.findByRole('group', { name: '正在发言' });
    expect(speaking.textContent).toContain('孙**');
    expect(within(speaking).getByRole('timer').getAttribute('aria-label')).toMatch(/^剩余 2 分 (29|30) 秒$/);
    expect(within(screen.getByRole('list', { name: '等候发言' })).getAllByRole('listitem')).toHaveLength(1);

    feed.status({ mode: 'polling' });
    expect(screen.getByRole('status', { name: /实时连接不可用/ }).textContent).toBe('轮询');
  });

  it('a checked-in participant asks for the floor, sees their place, and can withdraw', async () => {
    const feed = liveFeed();
    const asked = aLiveState({ version: 11, speakers: { current: null, queue: [aSpeaker()], done: [] } });
    const routes = open(true, {
      'POST /api/meetings/7/floor-requests': ok(asked, 201),
      'POST /api/meetings/7/speakers/31/withdraw': ok(aLiveState({ version: 12 })),
    });
    render(<MeetingLivePage />);
    feed.push(aLiveState());
    fireEvent.click(await screen.findByRole('button', { name: '申请发言' }));
    expect(await screen.findByText('已申请发言，排在第 1 位，请等候主持人安排')).toBeTruthy();
    expect(routes.callsTo('POST /api/meetings/7/floor-requests')).toHaveLength(1);
    // The pushed copy of the same version changes nothing.
    feed.push(asked);
    fireEvent.click(screen.getByRole('button', { name: '取消申请' }));
    await waitFor(() => expect(routes.callsTo('POST /api/meetings/7/speakers/31/withdraw')).toHaveLength(1));
    expect(await screen.findByRole('button', { name: '申请发言' })).toBeTruthy();
  });

  it('someone not checked in cannot ask for the floor and is sent to check in', async () => {
    const feed = liveFeed();
    open(false);
    render(<MeetingLivePage />);
    feed.push(aLiveState());
    expect(await screen.findByText('签到后可以申请发言和投票。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '申请发言' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '去签到' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/meetings/detail?id=7' });
  });

  it('votes with large buttons and a confirmation, shows the receipt once, then the result and the record', async () => {
    const feed = liveFeed();
    const vote = aLiveVote();
    const api = open(true, {
      'GET /api/votes/51': ok({ ...vote, me: { eligible: true, reason: null, voted: false } }),
      'POST /api/votes/51/ballots': ok({ receiptCode: 'Q7K2-M9XP-4RT8', replaced: false }, 201),
    });
    render(<MeetingLivePage />);
    feed.push(aLiveState({ votes: [vote] }));
    const panel = await screen.findByRole('region', { name: '正在表决' });
    expect(panel.textContent).toContain('是否同意在东门加装充电桩');
    expect(panel.textContent).toContain('已投票 0 / 5 人');
    const yes = await within(panel).findByRole('button', { name: '同意' });
    expect(within(panel).getByRole('button', { name: '反对' })).toBeTruthy();
    expect(within(panel).getByRole('button', { name: '弃权' })).toBeTruthy();

    taroMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    fireEvent.click(yes);
    await waitFor(() => expect(taroMock.showModal).toHaveBeenCalledTimes(1));
    expect(api.callsTo('POST /api/votes/51/ballots')).toHaveLength(0);

    fireEvent.click(yes);
    await waitFor(() => expect(api.callsTo('POST /api/votes/51/ballots')).toHaveLength(1));
    expect(taroMock.showModal.mock.calls[1]?.[0]).toMatchObject({ title: '确认投“同意”', confirmText: '投同意' });
    expect(api.callsTo('POST /api/votes/51/ballots')[0]?.data).toEqual({ choice: 'yes' });
    expect((await within(panel).findByLabelText('凭证码 Q 7 K 2 - M 9 X P - 4 R T 8')).textContent).toBe(
      'Q7K2-M9XP-4RT8',
    );
    expect(within(panel).getByText('✓ 您已投票')).toBeTruthy();
    expect(within(panel).queryByRole('button', { name: '同意' })).toBeNull();

    // Ballots arrive: the live tally rises on screen.
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
    expect(await within(panel).findByText('已投票 2 / 5 人')).toBeTruthy();
    expect(panel.textContent).toContain('目前：同意 2 · 反对 0 · 弃权 0');

    // Closed: the result, and how to check it in the published record.
    feed.push(
      aLiveState({
        version: 12,
        votes: [
          aLiveVote({
            status: 'closed',
            closedAt: '2026-12-05T11:50:00.000Z',
            participation: { voters: 3, entitled: 5, area: null },
            result: { yes: 2, no: 1, abstain: 0, invalid: 0, base: 3, quorumMet: true, passed: true },
          }),
        ],
      }),
    );
    const result = await screen.findByRole('region', { name: '表决结果' });
    expect(result.textContent).toContain('表决结果：通过');
    expect(result.textContent).toContain('同意 2 · 反对 1 · 弃权 0');
    expect(result.textContent).toContain('Q7K2-M9XP-4RT8');
    fireEvent.click(within(result).getByRole('button', { name: '用凭证码核对我的一票' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/votes/record?id=51&check=1' });
  });

  it('someone who may not vote sees why instead of buttons', async () => {
    const feed = liveFeed();
    const vote = aLiveVote();
    open(false, {
      'GET /api/votes/51': ok({
        ...vote,
        me: { eligible: false, reason: '会上表决只有已签到的参会人员可以投票', voted: false },
      }),
    });
    render(<MeetingLivePage />);
    feed.push(aLiveState({ votes: [vote] }));
    expect(await screen.findByText('会上表决只有已签到的参会人员可以投票')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '同意' })).toBeNull();
  });

  it('shows the decisions and, once published, the minutes', async () => {
    const feed = liveFeed();
    open(true, {
      'GET /api/meetings/7/minutes': ok({
        meetingId: 7,
        meetingTitle: '十二月协商议事会',
        meetingStatus: 'minutes_published',
        text: '一、会议概况\n二、议题：东门加装充电桩。决议：同意加装。',
        revision: 2,
        published: true,
        draftedAt: '2026-12-05T12:30:00.000Z',
        updatedAt: '2026-12-05T12:40:00.000Z',
        publishedAt: '2026-12-05T12:45:00.000Z',
      }),
    });
    render(<MeetingLivePage />);
    feed.push(
      aLiveState({
        status: 'minutes_published',
        statusLabel: '纪要已公布',
        currentItem: null,
        decisions: [
          {
            agendaItemId: 1,
            topicId: 8,
            title: '东门加装充电桩',
            outcome: 'decided',
            resolution: '同意加装，由物业一个月内完成。',
            voteIds: [51],
            decidedAt: '2026-12-05T11:55:00.000Z',
          },
        ],
      }),
    );
    const decisions = await screen.findByRole('region', { name: '议题结论' });
    expect(decisions.textContent).toContain('形成决议');
    expect(decisions.textContent).toContain('同意加装，由物业一个月内完成。');
    fireEvent.click(within(decisions).getByRole('link', { name: '表决结果和投票记录 ›' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/votes/detail?id=51' });
    const minutes = await screen.findByRole('region', { name: '会议纪要' });
    expect(minutes.textContent).toContain('决议：同意加装。');
  });

  it('says why it cannot follow a meeting that does not exist', async () => {
    const feed = liveFeed();
    open();
    render(<MeetingLivePage />);
    feed.status({ mode: 'stopped', error: '没有这次会议，或会议还未公开' });
    expect((await screen.findByRole('alert')).textContent).toContain('没有这次会议，或会议还未公开');
  });
});
