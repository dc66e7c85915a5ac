import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aMeeting } from '../../pages/meetings/meeting-fixtures';
import ModeratorHomePage from '../index';
import { aModerator } from '../moderator.fixtures';
import MeetingConsolePage from './index';
import ManageMeetingPage from './manage';

// The committee pages first confirm the user's role: allow for a busy machine.
configure({ asyncUtilTimeout: 5000 });

const INVITEES = [
  {
    userId: 21,
    name: '陈志强',
    role: 'council',
    present: true,
    method: 'code',
    checkedInAt: '2026-12-05T11:20:00.000Z',
  },
  { userId: 22, name: '赵经理', role: 'council', present: false, method: null, checkedInAt: null },
];

function setUp(meeting = aMeeting({ checkInCode: 'K7M2Q9', me: { invited: false, present: false } }), extra = {}) {
  signedInAs(aModerator());
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '7' } } });
  return routeApi({
    'GET /api/me': ok(aModerator()),
    'GET /api/meetings/7': ok(meeting),
    'GET /api/meetings/7/invitees': ok(INVITEES),
    ...(extra as Record<string, never>),
  });
}

describe('会议管理', () => {
  it('shows the check-in code large and the QR image from the server', async () => {
    setUp();
    render(<ManageMeetingPage />);
    const code = await screen.findByLabelText('签到码 K 7 M 2 Q 9');
    expect(code.textContent).toBe('K7M2Q9');
    await waitFor(() => expect(taroMock.downloadFile).toHaveBeenCalled());
    expect(taroMock.downloadFile.mock.calls[0]?.[0]).toEqual({
      url: '/api/meetings/7/check-in-qr',
      header: { Authorization: 'Bearer token-1' },
    });
    const image = await screen.findByRole('img', { name: '会议签到二维码，签到码 K7M2Q9' });
    expect(image.getAttribute('src')).toBe('blob:/api/meetings/7/check-in-qr');
    fireEvent.click(screen.getByRole('button', { name: '全屏显示二维码' }));
    expect(taroMock.previewImage).toHaveBeenCalledWith({
      urls: ['blob:/api/meetings/7/check-in-qr'],
      current: 'blob:/api/meetings/7/check-in-qr',
    });
  });

  it('roll call: marks an invitee present and shows the new attendance', async () => {
    const api = setUp(undefined, {
      'POST /api/meetings/7/roll-call': ok(aMeeting()),
      'GET /api/meetings/7/invitees': [
        ok(INVITEES),
        ok([
          INVITEES[0],
          { ...INVITEES[1], present: true, method: 'roll_call', checkedInAt: '2026-12-05T11:25:00.000Z' },
        ]),
      ],
      'GET /api/meetings/7': [
        ok(aMeeting({ checkInCode: 'K7M2Q9' })),
        ok(
          aMeeting({
            checkInCode: 'K7M2Q9',
            attendance: { present: 2, councilPresent: 2, councilSeats: 5, quorumMet: false },
          }),
        ),
      ],
    });
    render(<ManageMeetingPage />);
    const rows = await screen.findByRole('list', { name: '参会人员' });
    expect(within(rows).getAllByRole('listitem')[0]?.textContent).toContain('签到码签到');
    fireEvent.click(within(rows).getByRole('button', { name: '赵经理到场，点名签到' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/roll-call')).toHaveLength(1));
    expect(api.callsTo('POST /api/meetings/7/roll-call')[0]?.data).toEqual({ userId: 22 });
    expect(await within(rows).findByText(/点名签到 · /)).toBeTruthy();
    expect(screen.getByRole('region', { name: '出席与点名' }).textContent).toContain(
      '已签到 2/5，还差 1 人达到法定人数',
    );
  });

  it("publishing too late shows the server's sentence on the page", async () => {
    const api = setUp(
      aMeeting({ status: 'planned', statusLabel: '筹备中', announcedAt: null, checkInCode: 'K7M2Q9' }),
      {
        'POST /api/meetings/7/announce': apiError(
          409,
          'ILLEGAL_TRANSITION',
          '会议通知须至少提前 3 天发布，请调整会议时间',
        ),
      },
    );
    render(<ManageMeetingPage />);
    fireEvent.click(await screen.findByRole('button', { name: '发布通知' }));
    expect(await screen.findByText('会议通知须至少提前 3 天发布，请调整会议时间')).toBeTruthy();
    expect(screen.getByText('通知没有发布')).toBeTruthy();
    expect(api.callsTo('POST /api/meetings/7/announce')).toHaveLength(1);
    expect(taroMock.showToast).not.toHaveBeenCalledWith(
      expect.objectContaining({ title: '会议通知须至少提前 3 天发布，请调整会议时间' }),
    );
    // Roll call waits for the notice.
    expect(screen.getByRole('button', { name: '赵经理到场，点名签到' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('publishes the notice after confirming', async () => {
    const api = setUp(
      aMeeting({ status: 'planned', statusLabel: '筹备中', announcedAt: null, checkInCode: 'K7M2Q9' }),
      {
        'POST /api/meetings/7/announce': ok(aMeeting({ checkInCode: 'K7M2Q9' })),
      },
    );
    render(<ManageMeetingPage />);
    fireEvent.click(await screen.findByRole('button', { name: '发布通知' }));
    await waitFor(() => expect(api.callsTo('POST /api/meetings/7/announce')).toHaveLength(1));
    expect(await screen.findByText(/通知已于 .* 发布。/)).toBeTruthy();
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '发布会议通知' }));
  });
});

describe('协商会议 console', () => {
  it('lists the meetings (planned ones too) and opens one to manage; 安排会议 opens the form', async () => {
    signedInAs(aModerator());
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { communityId: '1' } } });
    routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/meetings/browse': ok({
        items: [
          {
            id: 7,
            title: '十二月协商议事会',
            startsAt: '2026-12-05T11:30:00.000Z',
            place: '社区会议室',
            mode: 'offline',
            status: 'planned',
            statusLabel: '筹备中',
            councilName: '和平里社区协商议事会',
            agendaCount: 2,
          },
        ],
        nextCursor: null,
      }),
    });
    render(<MeetingConsolePage />);
    fireEvent.click(await screen.findByRole('link', { name: /十二月协商议事会/ }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/meetings/manage?id=7' });
    fireEvent.click(screen.getByRole('button', { name: '安排会议' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/meetings/new?communityId=1' });
  });

  it('the workbench has a 协商会议 tile', async () => {
    signedInAs(aModerator());
    routeApi({ 'GET /api/me': ok(aModerator()), 'GET /api/communities/1/claims': ok([]) });
    render(<ModeratorHomePage />);
    fireEvent.click(await screen.findByRole('link', { name: /^协商会议/ }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/moderator/meetings/index?communityId=1' });
  });
});
