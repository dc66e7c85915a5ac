import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import ModeratorOutcomesPage from './index';

const moderator = aMe({
  communities: [
    { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['moderator'] as never, status: 'active' },
  ],
});

const OBJECTION = {
  id: 3,
  topicId: 9,
  objectorName: '孙**',
  text: '业主大会尚未表决，公共收益不能直接列支',
  status: 'pending',
  statusLabel: '待答复',
  reply: null,
  createdAt: '2026-11-21T03:00:00.000Z',
  answeredAt: null,
  photos: [],
  mine: false,
  topicTitle: '锦绣华庭增设充电桩',
  objectorRealName: '孙玉梅',
  held: false,
};

const emptyPage = ok({ items: [], nextCursor: null });

describe('决议公示与落实', () => {
  it('a moderator upholds an objection after confirming; the topic goes back to routing', async () => {
    signedInAs(moderator);
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { communityId: '1' } } });
    const api = routeApi({
      'GET /api/me': ok(moderator),
      'GET /api/communities/1/objections': [ok([OBJECTION]), ok([])],
      'GET /api/communities/1/topics': emptyPage,
      'POST /api/objections/3/answer': ok({
        objection: { ...OBJECTION, status: 'upheld', statusLabel: '已采纳', reply: '异议成立' },
        reopened: true,
        topicStatus: 'accepted',
        hint: '议题已退回“待分派”：可以重新分派办理，也可以就它发起新的表决。',
      }),
    });
    render(<ModeratorOutcomesPage />);
    expect(await screen.findByText(/孙玉梅：业主大会尚未表决/, undefined, { timeout: 10_000 })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('答复'), { target: { value: '异议成立，提交业主共同决定' } });
    fireEvent.click(screen.getByRole('button', { name: '采纳，退回重新办理' }));
    await waitFor(() => expect(api.callsTo('POST /api/objections/3/answer')).toHaveLength(1));
    expect(taroMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '采纳异议' }));
    expect(api.callsTo('POST /api/objections/3/answer')[0]?.data).toEqual({
      decision: 'upheld',
      reply: '异议成立，提交业主共同决定',
    });
    expect(await screen.findByText('没有待答复的异议。')).toBeTruthy();
  });

  it('is refused to residents', async () => {
    signedInAs(aMe());
    routeApi({ 'GET /api/me': ok(aMe()) });
    render(<ModeratorOutcomesPage />);
    expect(await screen.findByText('您还不是社区工作人员')).toBeTruthy();
    expect(screen.queryByText('待答复的异议（0）')).toBeNull();
  });
});
