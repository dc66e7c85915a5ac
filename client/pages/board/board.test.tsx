import { act, fireEvent, render, screen } from '@testing-library/react';
import type { BoardEntry } from '@/services/outcomes';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import BoardEntryPage from './detail';
import BoardPage from './index';

const resident = aMe({
  communities: [
    { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['resident'] as never, status: 'active' },
  ],
});

function anEntry(overrides: Partial<BoardEntry> = {}): BoardEntry {
  return {
    topic: {
      id: 9,
      communityId: 1,
      title: '锦绣华庭增设充电桩',
      category: '安全隐患',
      scope: 'estate',
      estateName: '锦绣华庭',
      buildingName: null,
      status: 'publicity',
      statusLabel: '公示中',
    },
    resolution: {
      text: '同意在3号楼北侧增设12个充电桩',
      decidedAt: '2026-11-20T02:00:00.000Z',
      meetingId: null,
      vote: {
        id: 7,
        title: '是否同意增设充电桩',
        passed: true,
        result: { yes: 30, no: 4, abstain: 2, passed: true },
        recordUrl: '/api/votes/7/record',
      },
    },
    publicity: {
      startsAt: '2026-11-21T02:00:00.000Z',
      days: 5,
      lastDay: '2026-11-26',
      daysLeft: 3,
      open: true,
      outcome: null,
    },
    objections: [
      {
        id: 3,
        topicId: 9,
        objectorName: '李**',
        text: '离1号楼太近',
        status: 'dismissed',
        statusLabel: '未采纳',
        reply: '距离符合消防规范',
        createdAt: '2026-11-21T03:00:00.000Z',
        answeredAt: '2026-11-22T03:00:00.000Z',
        photos: [],
        mine: false,
      },
    ],
    implementation: null,
    evaluation: {
      total: 0,
      satisfied: 0,
      distribution: [0, 0, 0, 0, 0],
      rate: null,
      percent: null,
      lastDay: null,
      open: false,
      comments: [],
    },
    me: {
      canObject: true,
      objectReason: null,
      canEvaluate: false,
      evaluateReason: '办结后才能评价',
      myScore: null,
      isModerator: false,
      canReport: false,
    },
    ...overrides,
  };
}

async function settle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('公示栏', () => {
  it('lists decisions without signing in, with the publicity period and satisfaction', async () => {
    // Not signed in: the page picks the first community and reads its board.
    const api = routeApi({
      'GET /api/communities': ok([{ id: 1, name: '和平里社区', subDistrictName: '长青街道', estates: [] }]),
      'GET /api/communities/1/board': ok({
        items: [
          {
            topicId: 9,
            title: '锦绣华庭增设充电桩',
            category: '安全隐患',
            estateName: '锦绣华庭',
            status: 'publicity',
            statusLabel: '公示中',
            resolution: '同意在3号楼北侧增设12个充电桩',
            publicityLastDay: '2026-11-26',
            partyName: null,
            dueDate: null,
            overdue: false,
            satisfaction: { total: 0, satisfied: 0, distribution: [0, 0, 0, 0, 0], rate: null, percent: null },
            changedAt: '2026-11-21T02:00:00.000Z',
          },
          {
            topicId: 8,
            title: '槐荫里楼道照明',
            category: '安全隐患',
            estateName: '槐荫里',
            status: 'completed',
            statusLabel: '已办结',
            resolution: '更换全部楼道灯',
            publicityLastDay: '2026-10-01',
            partyName: '和平里社区居民委员会',
            dueDate: '2026-11-01',
            overdue: false,
            satisfaction: { total: 5, satisfied: 4, distribution: [0, 1, 0, 2, 2], rate: '4/5', percent: '80.0%' },
            changedAt: '2026-11-02T02:00:00.000Z',
          },
        ],
        nextCursor: null,
      }),
    });
    render(<BoardPage />);
    expect(await screen.findByText('锦绣华庭增设充电桩')).toBeTruthy();
    expect(screen.getByText('公示至 2026-11-26，期间可提出异议')).toBeTruthy();
    expect(screen.getByText('满意率 80.0%（5 人评价，4 人满意）')).toBeTruthy();
    expect(api.calls.every((c) => !(c.header as Record<string, string> | undefined)?.Authorization)).toBe(true);
    fireEvent.click(screen.getByText('槐荫里楼道照明'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/board/detail?id=8' });
  });

  it('shows the resolution, the vote and answered objections; a resident files an objection after confirming', async () => {
    signedInAs(resident);
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '9' } } });
    const filed = anEntry({
      me: { ...anEntry().me, canObject: false, objectReason: '您的异议正在等待答复' },
    });
    const api = routeApi({
      'GET /api/board/topics/9': ok(anEntry()),
      'POST /api/topics/9/objections': ok(filed, 201),
    });
    render(<BoardEntryPage />);
    expect(await screen.findByText('同意在3号楼北侧增设12个充电桩')).toBeTruthy();
    expect(screen.getByText('同意 30 票，反对 4 票，弃权 2 票')).toBeTruthy();
    expect(screen.getByText(/李\*\*：离1号楼太近/)).toBeTruthy();
    expect(screen.getByText('社区答复：距离符合消防规范')).toBeTruthy();
    fireEvent.click(screen.getByText('查看投票记录（任何人都可以核对） ›'));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/votes/record?id=7' });

    fireEvent.input(screen.getByLabelText('我有异议'), { target: { value: '充电桩噪音影响休息' } });
    fireEvent.click(screen.getByRole('button', { name: '提交异议' }));
    await settle();
    await settle();
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '提交异议' }));
    expect(api.callsTo('POST /api/topics/9/objections')[0]?.data).toEqual({
      text: '充电桩噪音影响休息',
      photoUploadIds: [],
    });
    expect(await screen.findByText('您的异议正在等待答复')).toBeTruthy();
  });

  it('after completion a resident taps a large star and rates once', async () => {
    signedInAs(resident);
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '9' } } });
    const evaluation = { ...anEntry().evaluation, lastDay: '2026-12-10', open: true };
    const completed = anEntry({
      topic: { ...anEntry().topic, status: 'completed', statusLabel: '已办结' },
      publicity: { ...anEntry().publicity!, open: false, outcome: 'implemented' },
      implementation: {
        partyId: 2,
        partyName: '恒安物业服务有限公司',
        personName: '赵**',
        dueDate: '2026-12-01',
        overdue: false,
        milestones: [],
        updates: [],
        completedAt: '2026-11-25T02:00:00.000Z',
        evaluationLastDay: '2026-12-10',
      },
      evaluation,
      me: { ...anEntry().me, canObject: false, canEvaluate: true, evaluateReason: null },
    });
    const rated = {
      ...completed,
      evaluation: {
        ...evaluation,
        total: 1,
        satisfied: 1,
        distribution: [0, 0, 0, 0, 1],
        rate: '1/1',
        percent: '100.0%',
      },
      me: { ...completed.me, canEvaluate: false, myScore: 5 },
    };
    const api = routeApi({
      'GET /api/board/topics/9': ok(completed),
      'POST /api/topics/9/evaluations': ok(rated, 201),
    });
    render(<BoardEntryPage />);
    expect(await screen.findByText('您对落实结果满意吗？')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '5 分，很满意' }));
    fireEvent.click(screen.getByRole('button', { name: '提交评价' }));
    expect(await screen.findByText('您的评价：5 分（很满意）')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/9/evaluations')[0]?.data).toEqual({ score: 5 });
    expect(screen.getByText('满意率 100.0%（1 人评价，1 人满意）')).toBeTruthy();
  });
});
