import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PaperBallotView, VoteView } from '@/services/votes';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import PaperBallotPage from './paper';
import PaperConfirmPage from './paper-confirm';

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

const vote = {
  id: 7,
  communityId: 1,
  estateId: null,
  topicId: null,
  title: '中心花园改造方案',
  description: '',
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
  method: 'single',
  options: [
    { position: 1, label: '方案一' },
    { position: 2, label: '方案二' },
  ],
  maxChoices: 1,
  councilId: null,
  meetingId: null,
  agendaItemId: null,
  me: { eligible: false, reason: null, voted: false, units: [], proxyFor: [], myProxy: null },
} satisfies VoteView;

const paper = (over: Partial<PaperBallotView> = {}): PaperBallotView => ({
  id: 31,
  voteId: 7,
  voteTitle: '中心花园改造方案',
  voterName: '王秀英',
  voterUnits: ['槐荫里 2号楼 1单元301'],
  choiceText: '方案二',
  note: '',
  status: 'pending',
  enteredBy: '吴永刚',
  enteredByMe: false,
  enteredAt: '2026-11-20T10:00:00.000Z',
  decidedBy: null,
  reason: null,
  ...over,
});

describe('录入纸质选票', () => {
  it('a grid worker finds the voter, enters the choice and sees the receipt code once', async () => {
    signedInAs(member(['grid_worker']));
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '7' } } });
    const api = routeApi({
      'GET /api/votes/7': ok(vote),
      'GET /api/votes/7/electors': ok([
        {
          voterKey: 'u:5',
          name: '王**',
          units: ['槐荫里 2号楼 1单元301'],
          area: null,
          voted: false,
          pendingPaper: false,
        },
      ]),
      'POST /api/votes/7/paper-ballots': ok(
        { paperBallot: paper({ enteredByMe: true }), receiptCode: 'KM7Q-2XPA-99RT-4HNB' },
        201,
      ),
    });
    render(<PaperBallotPage />);
    await screen.findByText('1. 找到投票人');
    fireEvent.input(screen.getByLabelText('姓名或房号'), { target: { value: '301' } });
    fireEvent.click(screen.getByRole('button', { name: '查找' }));
    fireEvent.click(await screen.findByRole('radio', { name: /王\*\*/ }));
    fireEvent.click(screen.getByRole('radio', { name: '方案二' }));
    fireEvent.click(screen.getByRole('button', { name: '录入这张纸质选票' }));
    expect(await screen.findByText('KM7Q-2XPA-99RT-4HNB')).toBeTruthy();
    expect(api.callsTo('POST /api/votes/7/paper-ballots')[0]?.data).toEqual({
      voterKey: 'u:5',
      options: [2],
      note: '',
    });
    expect(api.callsTo('GET /api/votes/7/electors')[0]?.data).toEqual({ q: '301' });
  });

  it('is refused to residents', async () => {
    signedInAs(member(['resident']));
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '7' } } });
    routeApi({ 'GET /api/votes/7': ok(vote) });
    render(<PaperBallotPage />);
    expect(await screen.findByText('只有本社区的网格员和社区工作者可以录入纸质选票')).toBeTruthy();
  });
});

describe('待确认纸质选票', () => {
  it('a colleague confirms after checking; one’s own entries cannot be confirmed here', async () => {
    signedInAs(member(['moderator']));
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { community: '1' } } });
    const api = routeApi({
      'GET /api/communities/1/paper-ballots': [
        ok([paper(), paper({ id: 32, voterName: '陈志强', enteredByMe: true })]),
        ok([paper({ id: 32, voterName: '陈志强', enteredByMe: true })]),
      ],
      'POST /api/paper-ballots/31/confirm': ok(paper({ status: 'confirmed', decidedBy: '刘敏' })),
    });
    render(<PaperConfirmPage />);
    expect(await screen.findByText('投票人：王秀英')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: '核对无误，确认计票' })).toHaveLength(1);
    expect(screen.getByText('这是您录入的，须由另一位工作人员确认。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '核对无误，确认计票' }));
    await waitFor(() => expect(api.callsTo('POST /api/paper-ballots/31/confirm')).toHaveLength(1));
    expect(taroMock.showModal).toHaveBeenCalledWith(
      expect.objectContaining({ content: expect.stringContaining('方案二') }),
    );
    await waitFor(() => expect(screen.queryByText('投票人：王秀英')).toBeNull());
  });

  it('rejecting asks for a reason', async () => {
    signedInAs(member(['grid_worker']));
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { community: '1' } } });
    taroMock.showModal.mockResolvedValueOnce({ confirm: true, cancel: false, content: '签名与本人不符' } as never);
    const api = routeApi({
      'GET /api/communities/1/paper-ballots': ok([paper()]),
      'POST /api/paper-ballots/31/reject': ok(paper({ status: 'rejected', reason: '签名与本人不符' })),
    });
    render(<PaperConfirmPage />);
    fireEvent.click(await screen.findByRole('button', { name: '退回' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
    await waitFor(() => expect(api.callsTo('POST /api/paper-ballots/31/reject')).toHaveLength(1));
    expect(api.callsTo('POST /api/paper-ballots/31/reject')[0]?.data).toEqual({ reason: '签名与本人不符' });
  });
});
