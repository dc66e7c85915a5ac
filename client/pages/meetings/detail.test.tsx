import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { aMe, apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import MeetingDetailPage from './detail';
import MeetingLivePage from './live';
import { aMeeting } from './meeting-fixtures';

// Allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

function openWith(params: Record<string, string>) {
  taroMock.getCurrentInstance.mockReturnValue({ router: { params } });
}

describe('会议详情', () => {
  it('shows the notice, the agenda linking to each topic, and the quorum sentence', async () => {
    signedInAs(member(['representative']));
    openWith({ id: '7' });
    routeApi({ 'GET /api/meetings/7': ok(aMeeting()) });
    render(<MeetingDetailPage />);

    expect(await screen.findByRole('heading', { level: 1, name: '十二月协商议事会' })).toBeTruthy();
    const notice = screen.getByRole('region', { name: '会议通知' });
    expect(notice.textContent).toContain('社区党群服务中心二楼会议室');
    expect(notice.textContent).toContain('线上线下结合');
    expect(notice.textContent).toContain('12月5日 19:30');
    const agenda = screen.getByRole('region', { name: '议程' });
    expect(agenda.textContent).toContain('共 2 个议题，约 50 分钟');
    fireEvent.click(within(agenda).getByRole('link', { name: /广场舞时间调整/ }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=5' });
    const attendance = screen.getByRole('region', { name: '出席情况' });
    expect(within(attendance).getByRole('status').textContent).toBe('已签到 1/5，还差 2 人达到法定人数');
    expect(attendance.textContent).toContain('列席 1 人，已到 0 人');
    expect(within(attendance).getAllByRole('listitem')).toHaveLength(6);
    fireEvent.click(screen.getByRole('button', { name: '进入会议' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/meetings/live?id=7' });
  });

  it('an invitee types the code: a short one is refused here, the right one checks in', async () => {
    signedInAs(member(['representative']));
    openWith({ id: '7' });
    const api = routeApi({
      'GET /api/meetings/7': ok(aMeeting()),
      'POST /api/meetings/7/check-in': ok(
        aMeeting({
          me: { invited: true, present: true },
          attendance: { present: 3, councilPresent: 3, councilSeats: 5, quorumMet: true },
        }),
      ),
    });
    render(<MeetingDetailPage />);
    const field = await screen.findByLabelText('签到码');

    fireEvent.input(field, { target: { value: 'k7m' } });
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    expect((await screen.findByRole('alert')).textContent).toBe('签到码是 6 位，您输入了 3 位');
    expect(api.callsTo('POST /api/meetings/7/check-in')).toHaveLength(0);

    fireEvent.input(field, { target: { value: 'k7m 2q9' } });
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/check-in')).toHaveLength(1));
    expect(api.callsTo('POST /api/meetings/7/check-in')[0]?.data).toEqual({ code: 'K7M2Q9' });
    expect(await screen.findByText('✓ 您已签到')).toBeTruthy();
    expect(screen.getByText('签到成功')).toBeTruthy();
    expect(within(screen.getByRole('region', { name: '出席情况' })).getByRole('status').textContent).toBe(
      '已签到 3/5，已达法定人数',
    );
  });

  it('a wrong code: the server says so under the field, without a toast', async () => {
    signedInAs(member(['representative']));
    openWith({ id: '7' });
    routeApi({
      'GET /api/meetings/7': ok(aMeeting()),
      'POST /api/meetings/7/check-in': apiError(400, 'VALIDATION_FAILED', '签到码不对，请核对会场公布的签到码'),
    });
    render(<MeetingDetailPage />);
    fireEvent.input(await screen.findByLabelText('签到码'), { target: { value: 'AAAAAA' } });
    fireEvent.click(screen.getByRole('button', { name: '签到' }));
    expect((await screen.findByRole('alert')).textContent).toBe('签到码不对，请核对会场公布的签到码');
    expect(taroMock.showToast).not.toHaveBeenCalled();
  });

  it('the code from the QR code link is filled in', async () => {
    signedInAs(member(['representative']));
    openWith({ id: '7', code: 'k7m2q9' });
    routeApi({ 'GET /api/meetings/7': ok(aMeeting()) });
    render(<MeetingDetailPage />);
    expect(((await screen.findByLabelText('签到码')) as HTMLInputElement).value).toBe('K7M2Q9');
  });

  it('the link WeChat hands over in `q` opens the meeting with the code', async () => {
    signedInAs(member(['representative']));
    openWith({ q: encodeURIComponent('https://yishi.example.com/#/pages/meetings/detail?id=7&code=K7M2Q9') });
    routeApi({ 'GET /api/meetings/7': ok(aMeeting()) });
    render(<MeetingDetailPage />);
    expect(((await screen.findByLabelText('签到码')) as HTMLInputElement).value).toBe('K7M2Q9');
  });

  it('someone not invited reads the notice but has no check-in; moderators get the console', async () => {
    signedInAs(member(['moderator']));
    openWith({ id: '7' });
    routeApi({
      'GET /api/meetings/7': ok(aMeeting({ me: { invited: false, present: false }, checkInCode: 'K7M2Q9' })),
    });
    render(<MeetingDetailPage />);
    expect(await screen.findByText(/您不在本次会议的参会名单中/)).toBeTruthy();
    expect(screen.queryByLabelText('签到码')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '打开会议管理' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/meetings/manage?id=7' });
  });

  it('a planned meeting: no check-in yet; a closed one: no more', async () => {
    signedInAs(member(['representative']));
    openWith({ id: '7' });
    routeApi({
      'GET /api/meetings/7': [
        ok(aMeeting({ status: 'planned', statusLabel: '筹备中', announcedAt: null })),
        ok(aMeeting({ status: 'closed', statusLabel: '已结束' })),
      ],
    });
    const { unmount } = render(<MeetingDetailPage />);
    expect(await screen.findByText('您在参会名单中。会议通知发布后即可签到。')).toBeTruthy();
    expect(screen.getByRole('region', { name: '会议通知' }).textContent).toContain('尚未发布');
    expect(screen.queryByRole('button', { name: '进入会议' })).toBeNull();
    unmount();
    render(<MeetingDetailPage />);
    expect(await screen.findByText('会议已结束，不能再签到。')).toBeTruthy();
  });

  it('a meeting that does not exist says so, with a retry', async () => {
    openWith({ id: '99' });
    routeApi({ 'GET /api/meetings/99': apiError(404, 'NOT_FOUND', '没有这次会议') });
    render(<MeetingDetailPage />);
    expect((await screen.findByRole('alert')).textContent).toContain('没有这次会议');
    expect(screen.getByRole('button', { name: '重新加载' })).toBeTruthy();
  });
});

describe('会议现场 (until the live view)', () => {
  it('shows the status, attendance and agenda from GET /api/meetings/:id', async () => {
    openWith({ id: '7' });
    routeApi({ 'GET /api/meetings/7': ok(aMeeting({ status: 'in_session', statusLabel: '会议进行中' })) });
    render(<MeetingLivePage />);
    expect(await screen.findByRole('heading', { level: 1, name: '十二月协商议事会' })).toBeTruthy();
    expect(screen.getByRole('region', { name: '会议状态' }).textContent).toContain('已签到 1/5，还差 2 人达到法定人数');
    expect(within(screen.getByRole('region', { name: '议程' })).getAllByRole('listitem')).toHaveLength(2);
  });
});
