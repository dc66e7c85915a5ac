import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { VoteView } from '@/services/votes';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import VoteDetailPage from './detail';
import VoteRecordPage from './record';

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

type VoteOverrides = Partial<Omit<VoteView, 'me'>> & { me?: Partial<VoteView['me']> };

function aVote({ me, ...overrides }: VoteOverrides = {}): VoteView {
  return {
    id: 7,
    communityId: 1,
    estateId: null,
    topicId: null,
    title: '小区东门加装非机动车充电桩',
    description: '在东门内侧空地加装 20 个充电口。',
    electorate: 'residents',
    matter: null,
    majority: 'simple',
    base: 'YNA',
    quorum: null,
    secret: true,
    resultsLive: false,
    allowChange: false,
    status: 'open',
    closesAt: '2026-12-10T10:00:00.000Z',
    closedAt: null,
    participation: { voters: 3, entitled: 40, area: null },
    result: null,
    method: 'yes_no',
    options: [],
    maxChoices: null,
    councilId: null,
    meetingId: null,
    agendaItemId: null,
    ...overrides,
    me: { eligible: true, reason: null, voted: false, units: [], proxyFor: [], myProxy: null, ...me },
  };
}

function openVote(vote: VoteView, extra: Record<string, unknown> = {}) {
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: String(vote.id) } } });
  return routeApi({ [`GET /api/votes/${vote.id}`]: ok(vote), ...extra } as Parameters<typeof routeApi>[0]);
}

async function renderDetail() {
  render(<VoteDetailPage />);
  await screen.findByRole('heading', { level: 1 });
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('表决详情', () => {
  it('a resident votes 同意 after confirming and sees the receipt code once, with a copy button', async () => {
    signedInAs(member(['resident']));
    const vote = aVote();
    const voted = aVote({ participation: { voters: 4, entitled: 40, area: null }, me: { ...vote.me, voted: true } });
    const api = openVote(vote, {
      'GET /api/votes/7': [ok(vote), ok(voted)],
      'POST /api/votes/7/ballots': ok({ receiptCode: 'AB12-CD34-EF56-GH78', replaced: false }, 201),
    });
    await renderDetail();

    expect(screen.getByText('过半数同意（按同意、反对、弃权票合计）')).toBeTruthy();
    expect(screen.getByText('3 / 40 人已投票')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '同意' }));

    expect(await screen.findByText('AB12-CD34-EF56-GH78')).toBeTruthy();
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认投“同意”' }));
    expect(api.callsTo('POST /api/votes/7/ballots')[0]?.data).toEqual({ choice: 'yes' });
    expect(screen.getByText(/凭证码，请截图或抄下保存/)).toBeTruthy();
    expect(await screen.findByText('4 / 40 人已投票')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '反对' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '复制凭证码' }));
    await waitFor(() => expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: 'AB12-CD34-EF56-GH78' }));
  });

  it('does not cast when the confirmation is cancelled', async () => {
    signedInAs(member(['resident']));
    taroMock.showModal.mockResolvedValueOnce({ confirm: false, cancel: true });
    const api = openVote(aVote());
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: '反对' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(api.callsTo('POST /api/votes/7/ballots')).toHaveLength(0);
  });

  it('says 您已投票 to a resident who has voted', async () => {
    signedInAs(member(['resident']));
    openVote(aVote({ me: { eligible: true, reason: null, voted: true } }));
    await renderDetail();
    expect(screen.getByText('✓ 您已投票')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '同意' })).toBeNull();
  });

  it('an ineligible resident sees the reason and no buttons', async () => {
    signedInAs(member([]));
    openVote(aVote({ me: { eligible: false, reason: '完成本社区的房屋认证后才能投票', voted: false } }));
    await renderDetail();
    expect(screen.getByText('您不能参加这项表决')).toBeTruthy();
    expect(screen.getByText('完成本社区的房屋认证后才能投票')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '同意' })).toBeNull();
  });

  it('a closed vote shows 通过, the counts and the links to the record', async () => {
    signedInAs(member(['resident']));
    openVote(
      aVote({
        status: 'closed',
        closedAt: '2026-12-01T10:00:00.000Z',
        result: { yes: 12, no: 3, abstain: 1, invalid: 0, base: 16, quorumMet: true, passed: true },
        me: { eligible: true, reason: null, voted: true },
      }),
    );
    await renderDetail();
    expect(screen.getByText('通过')).toBeTruthy();
    expect(screen.getByText('同意 12 · 反对 3 · 弃权 1')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '同意' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '核对我的凭证' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/votes/record?id=7&check=1' });
    expect(screen.getByRole('button', { name: '查看投票记录' })).toBeTruthy();
  });

  it('a closed vote that failed shows 未通过', async () => {
    openVote(
      aVote({
        status: 'closed',
        closedAt: '2026-12-01T10:00:00.000Z',
        result: { yes: 2, no: 9, abstain: 1, invalid: 0, base: 12, quorumMet: true, passed: false },
      }),
    );
    await renderDetail();
    expect(screen.getByText('未通过')).toBeTruthy();
  });

  it("an owners' decision shows the double-majority rule and what it still lacks", async () => {
    signedInAs(member(['owner']));
    openVote(
      aVote({
        electorate: 'owners',
        matter: 'major',
        resultsLive: true,
        participation: { voters: 1, entitled: 3, area: '100.00' },
        result: {
          entitled: { owners: 3, area: '300.00' },
          participating: { owners: 1, area: '100.00' },
          yes: { owners: 1, area: '100.00' },
          quorumMet: false,
          passed: false,
        },
      }),
    );
    await renderDetail();
    expect(screen.getByText(/业主双四分之三/)).toBeTruthy();
    expect(screen.getByText('还需 1 户、100.00 ㎡ 参与方达法定人数')).toBeTruthy();
    expect(screen.getByText('赞成已达通过所需')).toBeTruthy();
  });

  it('a moderator ends the vote after confirming', async () => {
    signedInAs(member(['moderator']));
    const vote = aVote();
    const closed = aVote({
      status: 'closed',
      closedAt: '2026-12-01T10:00:00.000Z',
      result: { yes: 3, no: 0, abstain: 0, invalid: 0, base: 3, quorumMet: true, passed: true },
    });
    const api = openVote(vote, {
      'GET /api/votes/7': [ok(vote), ok(closed)],
      'POST /api/votes/7/close': ok({ passed: true }),
    });
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: '结束表决' }));
    expect(await screen.findByText('通过')).toBeTruthy();
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '结束表决' }));
    expect(api.callsTo('POST /api/votes/7/close')[0]?.data).toEqual({});
  });
});

describe('投票记录', () => {
  it('finds the entry for a receipt code, or says 未找到', async () => {
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '7', check: '1' } } });
    const api = routeApi({
      'GET /api/votes/7/record': ok({
        vote: {},
        entries: [{ seq: 1, choice: 'yes', weight: 1, receiptHash: 'a'.repeat(64), prevHash: '0', entryHash: 'b' }],
        head: 'b',
      }),
      'GET /api/votes/7/receipt': [
        ok({ entry: { seq: 1, choice: 'yes', weight: 1, receiptHash: 'a'.repeat(64) } }),
        ok({ entry: null }),
      ],
    });
    render(<VoteRecordPage />);
    expect(await screen.findByText('共 1 票')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('凭证码'), { target: { value: 'ab12-cd34-ef56-gh78' } });
    fireEvent.click(screen.getByRole('button', { name: '核对' }));
    expect(await screen.findByText('第 1 条记录，选择：同意')).toBeTruthy();
    expect(api.callsTo('GET /api/votes/7/receipt')[0]?.data).toEqual({ code: 'AB12-CD34-EF56-GH78' });
    fireEvent.click(screen.getByRole('button', { name: '核对' }));
    expect(await screen.findByText('未找到')).toBeTruthy();
  });
});

describe('表决详情: choice votes, households and proxies', () => {
  const options = ['中心花园', '北门空地', '3号楼旁'].map((label, i) => ({ position: i + 1, label }));

  it('a multiple-choice ballot: pick up to the maximum, confirm, and the options are sent', async () => {
    signedInAs(member(['resident']));
    const vote = aVote({ method: 'multiple', options, maxChoices: 2 });
    const api = openVote(vote, {
      'POST /api/votes/7/ballots': ok({ receiptCode: 'AB12-CD34-EF56-GH78', replaced: false }, 201),
    });
    await renderDetail();
    expect(screen.getAllByText('可以多选，最多选 2 项').length).toBeGreaterThan(0);
    const cast = screen.getByRole('button', { name: '投出选票' });
    fireEvent.click(screen.getByRole('checkbox', { name: '北门空地' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '中心花园' }));
    fireEvent.click(screen.getByRole('checkbox', { name: '3号楼旁' }));
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '最多选 2 项，请先取消一项' }));
    fireEvent.click(cast);
    expect(await screen.findByText('AB12-CD34-EF56-GH78')).toBeTruthy();
    expect(taroMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ title: '确认投出选票', content: expect.stringContaining('中心花园、北门空地') }),
    );
    expect(api.callsTo('POST /api/votes/7/ballots')[0]?.data).toEqual({ options: [1, 2] });
  });

  it('a closed election shows each candidate’s votes and who was elected', async () => {
    openVote(
      aVote({
        method: 'election',
        options,
        maxChoices: 1,
        status: 'closed',
        closedAt: '2026-12-01T10:00:00.000Z',
        result: {
          method: 'election',
          passed: true,
          chosen: [2],
          options: [
            { position: 1, label: '中心花园', votes: 3, chosen: false, tied: false },
            { position: 2, label: '北门空地', votes: 9, chosen: true, tied: false },
            { position: 3, label: '3号楼旁', votes: 1, chosen: false, tied: false },
          ],
        },
      }),
    );
    await renderDetail();
    expect(screen.getByText('当选：北门空地')).toBeTruthy();
    expect(screen.getByText('9 票')).toBeTruthy();
  });

  it('a household vote asks which unit and sends it', async () => {
    signedInAs(member(['owner']));
    const vote = aVote({
      electorate: 'households',
      me: {
        units: [
          { unitId: 11, label: '1号楼 1单元1201', voted: false },
          { unitId: 12, label: '3号楼 2单元502', voted: false },
        ],
      },
    });
    const api = openVote(vote, {
      'POST /api/votes/7/ballots': ok({ receiptCode: 'AB12-CD34-EF56-GH78', replaced: false }, 201),
    });
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: '同意' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    expect(api.callsTo('POST /api/votes/7/ballots')).toHaveLength(0);
    fireEvent.click(screen.getByRole('radio', { name: '3号楼 2单元502' }));
    fireEvent.click(screen.getByRole('button', { name: '同意' }));
    await screen.findByText('AB12-CD34-EF56-GH78');
    expect(api.callsTo('POST /api/votes/7/ballots')[0]?.data).toEqual({ choice: 'yes', unitId: 12 });
  });

  it('a proxy casts for the voter who authorized them', async () => {
    signedInAs(member(['resident']));
    const vote = aVote({
      me: {
        eligible: false,
        reason: '您不在本次表决的投票范围内',
        proxyFor: [{ proxyId: 4, voterName: '李**', voted: false }],
      },
    });
    const api = openVote(vote, {
      'POST /api/votes/7/ballots': ok({ receiptCode: 'AB12-CD34-EF56-GH78', replaced: false }, 201),
    });
    await renderDetail();
    expect(screen.queryByText('您不能参加这项表决')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '代 李** 投票' }));
    expect(screen.getByText('正在代 李** 投票')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '反对' }));
    await screen.findByText('AB12-CD34-EF56-GH78');
    expect(taroMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringContaining('代 李** 投票') }),
    );
    expect(api.callsTo('POST /api/votes/7/ballots')[0]?.data).toEqual({ choice: 'no', proxyId: 4 });
  });

  it('a voter with an active proxy sees it and may revoke it', async () => {
    signedInAs(member(['owner']));
    const vote = aVote({ me: { myProxy: { id: 4, proxyName: '王**', status: 'active', used: false } } });
    const api = openVote(vote, { 'POST /api/vote-proxies/4/revoke': ok({}) });
    await renderDetail();
    expect(screen.getByText('您已委托 王** 代为投票')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '同意' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '撤销委托' }));
    await waitFor(() => expect(api.callsTo('POST /api/vote-proxies/4/revoke')).toHaveLength(1));
  });
});
