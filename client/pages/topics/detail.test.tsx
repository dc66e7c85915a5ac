import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { dayFromToday } from '@/components/when';
import { h5ShareLink } from '@/services/share';
import { forgetCommunityTopicSettings, type TopicDetail } from '@/services/topics';
import { aMe, apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aTopicDetail, PARTIES, SETTINGS } from '@/test-support/topic-fixtures';
import TopicDetailPage from './detail';

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

function openTopic(topic: TopicDetail, extra: Record<string, unknown> = {}) {
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: String(topic.id) } } });
  return routeApi({
    [`GET /api/topics/${topic.id}`]: ok(topic),
    [`GET /api/topics/${topic.id}/comments`]: ok({ items: [], nextCursor: null }),
    [`GET /api/topics/${topic.id}/groups`]: ok([]),
    'GET /api/communities/1/settings': ok(SETTINGS),
    'GET /api/communities/1/parties': ok(PARTIES),
    'GET /api/communities/1/topics/similar': ok({ items: [] }),
    ...extra,
  } as Parameters<typeof routeApi>[0]);
}

async function renderDetail() {
  render(<TopicDetailPage />);
  await screen.findByRole('heading', { level: 1 });
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

const panel = () => screen.queryByRole('region', { name: /社区工作者处理|责任方办理/ });

beforeEach(() => forgetCommunityTopicSettings());

describe('议题详情', () => {
  it('a verified resident co-signs: the count goes up, and sees no committee actions', async () => {
    signedInAs(member(['resident']));
    const topic = aTopicDetail({
      id: 1,
      title: '锦绣华庭3号楼电梯经常停运',
      cosignCount: 2,
      me: { isAuthor: false, cosigned: false, following: false, canCosign: true, actions: [] },
    });
    const cosigned = { ...topic, cosignCount: 3, me: { ...topic.me, cosigned: true, canCosign: false } };
    const api = openTopic(topic, {
      // Read again after co-signing (reaching a target adds a step).
      'GET /api/topics/1': [ok(topic), ok(cosigned)],
      'POST /api/topics/1/cosign': ok({ cosignCount: 3, cosignTarget: 0, status: 'submitted' }, 201),
      'POST /api/topics/1/follow': ok({ following: true }),
    });
    await renderDetail();

    expect(screen.getByRole('heading', { level: 1, name: '锦绣华庭3号楼电梯经常停运' })).toBeTruthy();
    expect(screen.getByText('社区居委会（等待受理）')).toBeTruthy();
    expect(screen.getByText('已有 2 位居民附议')).toBeTruthy();
    expect(panel()).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '附议' }));
    expect(await screen.findByText('已有 3 位居民附议')).toBeTruthy();
    expect(screen.getByText('✓ 您已附议')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '附议' })).toBeNull();
    expect(api.callsTo('POST /api/topics/1/cosign')[0]?.data).toEqual({});

    fireEvent.click(screen.getByRole('button', { name: '关注，有进展时通知我' }));
    expect(await screen.findByRole('button', { name: '已关注（点击取消关注）' })).toBeTruthy();
    expect(screen.getByText('2 人关注')).toBeTruthy();
  });

  it('co-signing without a verified unit explains why and leads to 认证房屋', async () => {
    signedInAs(member([]));
    const topic = aTopicDetail({
      id: 1,
      me: { isAuthor: false, cosigned: false, following: false, canCosign: true, actions: [] },
    });
    openTopic(topic, { 'POST /api/topics/1/cosign': apiError(403, 'NOT_VERIFIED', '完成本社区的房屋认证后才能附议') });
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: '附议' }));
    expect(await screen.findByText('完成本社区的房屋认证后才能附议')).toBeTruthy();
    expect(taroMock.showToast).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '去认证房屋' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/claim/index' });
  });

  it('a moderator gets the screening actions of a submitted topic and returns it with a question', async () => {
    signedInAs(member(['moderator']));
    const topic = aTopicDetail({
      id: 1,
      author: { userId: 2, realName: '李建国' },
      me: {
        isAuthor: false,
        cosigned: false,
        following: false,
        canCosign: false,
        actions: ['return', 'reject', 'merge', 'accept'],
      },
    });
    const returned = aTopicDetail({
      ...topic,
      status: 'returned',
      statusLabel: '待补充',
      returnQuestion: '请补充电梯停运的具体日期',
      me: { ...topic.me, actions: [] },
    });
    const api = openTopic(topic, { 'POST /api/topics/1/return': ok(returned) });
    await renderDetail();

    const buttons = within(panel()!)
      .getAllByRole('button')
      .map((button) => button.textContent);
    expect(buttons).toEqual(['受理', '退回补充', '合并到其他议题', '不予受理']);
    expect(screen.getByText('李建国（仅社区工作者可见）')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '附议' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '退回补充' }));
    fireEvent.click(screen.getByRole('button', { name: '确认退回补充' }));
    expect(await screen.findByText('请写明需要补充的信息')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/1/return')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('需要补充的信息'), { target: { value: '请补充电梯停运的具体日期' } });
    fireEvent.click(screen.getByRole('button', { name: '确认退回补充' }));
    expect(await screen.findByText('等待提出人补充信息')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/1/return')[0]?.data).toEqual({ question: '请补充电梯停运的具体日期' });
    expect(taroMock.showToast).toHaveBeenCalledWith({ title: '已退回补充信息', icon: 'none' });
    expect(panel()).toBeNull();
  });

  it('a moderator routes an accepted topic: category, level and party from the community', async () => {
    signedInAs(member(['moderator']));
    const topic = aTopicDetail({
      id: 5,
      status: 'accepted',
      statusLabel: '待分派',
      me: { isAuthor: false, cosigned: false, following: false, canCosign: false, actions: ['merge', 'route'] },
    });
    const routed = aTopicDetail({
      ...topic,
      status: 'routed',
      statusLabel: '已分派',
      level: 'estate',
      partyName: '恒安物业服务有限公司（锦绣华庭）',
      me: { ...topic.me, actions: ['escalate', 'answer'] },
    });
    const api = openTopic(topic, { 'POST /api/topics/5/route': ok(routed) });
    await renderDetail();

    fireEvent.click(screen.getByRole('button', { name: '分类分派' }));
    // Estate level: only the estate's parties are offered.
    expect(await screen.findByRole('radio', { name: /恒安物业服务有限公司/ })).toBeTruthy();
    expect(screen.queryByRole('radio', { name: /长青街道办事处/ })).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: '安全隐患' }));
    fireEvent.click(screen.getByRole('radio', { name: /恒安物业服务有限公司/ }));
    fireEvent.click(screen.getByRole('button', { name: '确认分类分派' }));

    expect(await screen.findByText('小区级 · 恒安物业服务有限公司（锦绣华庭）（待接手）')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/5/route')[0]?.data).toEqual({
      category: '安全隐患',
      level: 'estate',
      partyId: 1,
    });
  });

  it('the responsible party answers and takes the topic on with a due date', async () => {
    signedInAs(member(['property_manager']));
    const topic = aTopicDetail({
      id: 7,
      status: 'routed',
      statusLabel: '已分派',
      level: 'estate',
      partyName: '恒安物业服务有限公司（锦绣华庭）',
      me: {
        isAuthor: false,
        cosigned: false,
        following: false,
        canCosign: false,
        actions: ['sendBack', 'takeOn', 'escalate', 'answer'],
      },
    });
    const handling = aTopicDetail({
      ...topic,
      status: 'handling',
      statusLabel: '办理中',
      dueDate: dayFromToday(7),
      me: { ...topic.me, actions: ['escalate', 'answer'] },
    });
    const api = openTopic(topic, {
      'POST /api/topics/7/answer': ok(topic),
      'POST /api/topics/7/take-on': ok(handling),
    });
    await renderDetail();

    expect(
      within(panel()!)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['直接办理', '答复', '退回重新分派', '上报上级']);
    fireEvent.click(screen.getByRole('button', { name: '答复' }));
    fireEvent.change(screen.getByLabelText('答复内容'), { target: { value: '已安排工程部明天上门查看。' } });
    fireEvent.click(screen.getByRole('button', { name: '确认答复' }));
    await waitFor(() => expect(api.callsTo('POST /api/topics/7/answer')).toHaveLength(1));
    expect(api.callsTo('POST /api/topics/7/answer')[0]?.data).toEqual({ text: '已安排工程部明天上门查看。' });

    fireEvent.click(await screen.findByRole('button', { name: '直接办理' }));
    fireEvent.click(screen.getByRole('radio', { name: /一周内/ }));
    fireEvent.change(screen.getByLabelText('办理说明（选填）'), { target: { value: '联系电梯维保单位检修' } });
    fireEvent.click(screen.getByRole('button', { name: '确认直接办理' }));
    expect(await screen.findByText('计划办结')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/7/take-on')[0]?.data).toEqual({
      dueDate: dayFromToday(7),
      note: '联系电梯维保单位检修',
    });
  });

  it('the author of a returned topic sees the question prominently with 修改并重新提交', async () => {
    signedInAs(member(['resident']));
    const topic = aTopicDetail({
      id: 2,
      status: 'returned',
      statusLabel: '待补充',
      returnQuestion: '请补充摊贩的大致数量和具体位置',
      me: { isAuthor: true, cosigned: false, following: true, canCosign: false, actions: ['resubmit'] },
    });
    openTopic(topic);
    await renderDetail();
    const notice = screen.getByText('社区工作者请您补充信息').parentElement!;
    expect(notice.getAttribute('role')).toBe('alert');
    expect(within(notice).getByText(/请补充摊贩的大致数量和具体位置/)).toBeTruthy();
    fireEvent.click(within(notice).getByRole('button', { name: '修改并重新提交' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/topics/new?resubmit=2' });
    expect(panel()).toBeNull();
  });

  it('shows the merge target and the whole timeline with masked actors', async () => {
    signedInAs(member(['resident']));
    const topic = aTopicDetail({
      id: 3,
      status: 'merged',
      statusLabel: '已合并',
      mergedIntoId: 1,
      timeline: [
        ...aTopicDetail().timeline,
        {
          id: 2,
          action: 'merge',
          label: '合并到其他议题',
          fromStatus: 'submitted',
          toStatus: 'merged',
          actor: { name: '刘*', role: 'moderator', roleLabel: '社区工作者', partyName: null },
          note: '与议题 #1 说的是同一部电梯',
          data: { intoTopicId: 1, intoTitle: '锦绣华庭3号楼电梯经常停运' },
          createdAt: new Date().toISOString(),
        },
      ],
    });
    openTopic(topic);
    await renderDetail();
    fireEvent.click(screen.getByRole('button', { name: '查看合并后的议题' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=1' });
    const steps = within(screen.getByRole('list', { name: '办理过程' })).getAllByRole('listitem');
    expect(steps).toHaveLength(2);
    expect(steps[0]?.textContent).toContain('提交议题居民 · 李**');
    expect(steps[1]?.textContent).toContain('社区工作者 · 刘*');
    expect(steps[1]?.textContent).toContain('与议题 #1 说的是同一部电梯');
    expect(steps[1]?.textContent).toContain('合并到：锦绣华庭3号楼电梯经常停运');
  });

  it('photos load with the token as thumbnails and open full size; 复制链接 shares the web address', async () => {
    signedInAs(member(['resident']), 'token-9');
    const topic = aTopicDetail({
      id: 4,
      photos: [
        { uploadId: 70, thumbnailUploadId: 71 },
        { uploadId: 72, thumbnailUploadId: null },
      ],
    });
    openTopic(topic);
    await renderDetail();

    await waitFor(() => expect(taroMock.downloadFile).toHaveBeenCalledTimes(2));
    expect(taroMock.downloadFile.mock.calls.map(([call]) => call.url)).toEqual(['/api/uploads/71', '/api/uploads/72']);
    expect(taroMock.downloadFile.mock.calls[0]?.[0].header).toEqual({ Authorization: 'Bearer token-9' });
    fireEvent.click(screen.getByRole('button', { name: '查看第 1 张照片（共 2 张）' }));
    await waitFor(() => expect(taroMock.previewImage).toHaveBeenCalled());
    expect(taroMock.previewImage.mock.calls[0]?.[0]).toEqual({
      urls: ['blob:/api/uploads/70', 'blob:/api/uploads/72'],
      current: 'blob:/api/uploads/70',
    });

    fireEvent.click(screen.getByRole('button', { name: '复制链接，分享到微信群' }));
    await waitFor(() => expect(taroMock.setClipboardData).toHaveBeenCalledWith({ data: h5ShareLink(4) }));
    expect(taroMock.shareAppMessage.current?.()).toEqual({
      title: topic.title,
      path: '/pages/topics/detail?id=4&from=share',
    });
  });
});
