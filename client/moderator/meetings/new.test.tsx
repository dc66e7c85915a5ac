import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { dayFromToday } from '@/components/when';
import { apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aMeeting } from '../../pages/meetings/meeting-fixtures';
import { aModerator } from '../moderator.fixtures';
import ScheduleMeetingPage from './new';

// The committee pages first confirm the user's role: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const COUNCIL = {
  id: 4,
  communityId: 1,
  estateId: null,
  estateName: null,
  name: '和平里社区协商议事会',
  seats: [
    {
      id: 1,
      party: 'resident_representative',
      partyLabel: '居民代表',
      holderName: '陈**',
      organisation: null,
      termStart: '2025-01-01',
      termEnd: '2027-12-31',
      current: true,
    },
  ],
};

const topic = (id: number, title: string, cosignCount: number) => ({
  id,
  title,
  status: 'routed',
  statusLabel: '已分派',
  category: '环境卫生',
  cosignCount,
});

const TOPICS = [topic(8, '东门加装充电桩', 12), topic(5, '广场舞时间调整', 6), topic(3, '楼道堆物清理', 2)];

const MEMBER = {
  userId: 31,
  nickname: '小赵',
  realName: '赵敏',
  phone: '13800001031',
  status: 'active',
  suspendedReason: null,
  roles: ['resident'],
  grants: [],
  units: ['槐荫里 3号楼 1单元201'],
  joinedAt: '2025-03-01T00:00:00.000Z',
};

function setUp(extra: Record<string, unknown> = {}) {
  signedInAs(aModerator());
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { communityId: '1' } } });
  return routeApi({
    'GET /api/me': ok(aModerator()),
    'GET /api/communities/1/councils': ok([COUNCIL]),
    'GET /api/communities/1/agenda-topics': ok(TOPICS),
    'GET /api/communities/1/members': ok([MEMBER]),
    'POST /api/meetings': ok(aMeeting({ id: 12, status: 'planned' }), 201),
    ...(extra as Record<string, never>),
  });
}

const type = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('安排会议', () => {
  it('builds the agenda (add, reorder, minutes), invites a guest and sends the meeting', async () => {
    const api = setUp();
    render(<ScheduleMeetingPage />);
    // The only council is chosen already.
    expect((await screen.findByRole('radio', { name: /和平里社区协商议事会/ })).getAttribute('aria-checked')).toBe(
      'true',
    );
    type('会议名称', '十二月协商议事会');
    type('日期', dayFromToday(10));
    type('开始时间', '19:30');
    type('地点', '社区党群服务中心二楼会议室');
    fireEvent.click(screen.getByRole('radio', { name: '线上线下结合' }));
    fireEvent.click(screen.getByRole('radio', { name: '提前 5 天' }));

    fireEvent.click(await screen.findByRole('button', { name: '把“东门加装充电桩”加入议程' }));
    fireEvent.click(screen.getByRole('button', { name: '把“广场舞时间调整”加入议程' }));
    expect(screen.getByRole('button', { name: '“东门加装充电桩”已在议程中' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '上移“广场舞时间调整”' }));
    fireEvent.click(screen.getByRole('button', { name: '增加“东门加装充电桩”的时间' }));
    fireEvent.click(screen.getByRole('button', { name: '增加“东门加装充电桩”的时间' }));
    fireEvent.click(screen.getByRole('button', { name: '减少“广场舞时间调整”的时间' }));
    const agenda = screen.getByRole('list', { name: '会议议程' });
    expect(
      within(agenda)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining('广场舞时间调整'), expect.stringContaining('东门加装充电桩')]);
    expect(screen.getByRole('region', { name: '议程' }).textContent).toContain('共 2 个议题，约 45 分钟');

    type('查找社区成员', '赵');
    fireEvent.click(screen.getByRole('button', { name: '查找' }));
    fireEvent.click(await screen.findByRole('button', { name: '邀请赵敏列席' }));
    expect(screen.getByRole('list', { name: '已邀请的列席人员' }).textContent).toContain('赵敏');

    fireEvent.click(screen.getByRole('button', { name: '安排会议' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings')).toHaveLength(1));
    const body = api.callsTo('POST /api/meetings')[0]?.data as Record<string, unknown>;
    expect(body).toEqual({
      councilId: 4,
      title: '十二月协商议事会',
      startsAt: new Date(`${dayFromToday(10)}T19:30:00+08:00`).toISOString(),
      place: '社区党群服务中心二楼会议室',
      mode: 'hybrid',
      noticeDays: 5,
      guestUserIds: [31],
      agenda: [
        { topicId: 5, minutes: 15 },
        { topicId: 8, minutes: 30 },
      ],
    });
    expect(api.callsTo('GET /api/communities/1/members')[0]?.data).toEqual({ status: 'active', limit: 20, q: '赵' });
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/moderator/meetings/manage?id=12' }));
  });

  it('says what is missing and sends nothing', async () => {
    const api = setUp();
    render(<ScheduleMeetingPage />);
    await screen.findByRole('button', { name: '把“东门加装充电桩”加入议程' });
    type('日期', dayFromToday(1));
    fireEvent.click(screen.getByRole('button', { name: '安排会议' }));
    expect(await screen.findByText('会议名称至少 4 个字')).toBeTruthy();
    expect(screen.getByText('会议通知须至少提前 3 天发布，请把会议时间定在 3 天以后，或缩短通知期')).toBeTruthy();
    expect(screen.getByText('请填写会议地点，至少 2 个字')).toBeTruthy();
    expect(screen.getByText('议程至少包含一个议题')).toBeTruthy();
    expect(api.callsTo('POST /api/meetings')).toHaveLength(0);
  });

  it("shows the server's reason beside the field it names", async () => {
    setUp({
      'POST /api/meetings': apiError(400, 'VALIDATION_FAILED', '议题「东门加装充电桩」当前不能列入议程', {
        in: 'body',
        fields: [{ path: 'agenda', message: '议题「东门加装充电桩」当前不能列入议程' }],
      }),
    });
    render(<ScheduleMeetingPage />);
    fireEvent.click(await screen.findByRole('button', { name: '把“东门加装充电桩”加入议程' }));
    type('会议名称', '十二月协商议事会');
    type('日期', dayFromToday(10));
    type('地点', '社区会议室');
    fireEvent.click(screen.getByRole('button', { name: '安排会议' }));
    const agenda = screen.getByRole('region', { name: '议程' });
    expect(await within(agenda).findByText('议题「东门加装充电桩」当前不能列入议程')).toBeTruthy();
    expect(screen.getByText('会议没有安排成功')).toBeTruthy();
    expect(taroMock.redirectTo).not.toHaveBeenCalled();
  });
});
