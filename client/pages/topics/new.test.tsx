import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { forgetCommunityTopicSettings, TOPIC_DRAFTS_STORAGE_KEY } from '@/services/topics';
import { aMe, apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { type RequestOptions, taroMock } from '@/test-support/taro-mock';
import { aTopicDetail, COMMUNITIES, SETTINGS } from '@/test-support/topic-fixtures';
import NewTopicPage from './new';

const owner = aMe({
  nickname: '李建国',
  communities: [
    { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['resident', 'owner'], status: 'active' },
  ],
  units: [
    {
      claimId: 1,
      unitId: 301,
      communityId: 1,
      estateName: '锦绣华庭',
      buildingName: '3号楼',
      label: '2单元502',
      relation: 'owner',
      status: 'approved',
      rejectReason: null,
      createdAt: '2026-11-01T02:00:00.000Z',
    },
  ],
});

const similar = {
  items: [
    {
      id: 1,
      title: '锦绣华庭3号楼电梯经常停运',
      status: 'submitted',
      statusLabel: '待受理',
      cosignCount: 2,
      cosignTarget: 0,
      similarity: 0.59,
    },
  ],
};

function formRoutes(extra: Record<string, unknown> = {}) {
  return {
    'GET /api/communities': ok(COMMUNITIES),
    'GET /api/communities/1/settings': ok(SETTINGS),
    'GET /api/communities/1/topics/similar': ok({ items: [] }),
    ...extra,
  } as Parameters<typeof routeApi>[0];
}

const field = (label: string) => screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement;
const typeInto = (label: string, value: string) => fireEvent.input(field(label), { target: { value } });
const typeArea = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
const storedDraft = () =>
  (taroMock.getStorageSync(TOPIC_DRAFTS_STORAGE_KEY) as Record<string, Record<string, unknown>>)?.new;
const keyOf = (call: RequestOptions | undefined) => call?.header?.['Idempotency-Key'];

async function fillTopic() {
  typeInto('标题', '2号楼门口路灯不亮');
  typeArea('详细描述', '2号楼门口的路灯坏了一个多月，晚上回家很黑，老人容易摔倒。');
  fireEvent.click(await screen.findByRole('radio', { name: '安全隐患' }));
  typeInto('具体地点（选填）', '2号楼一单元门口');
}

beforeEach(() => forgetCommunityTopicSettings());

describe('提议题 form', () => {
  it('shows similar open topics while the title is typed, and co-signs one instead', async () => {
    signedInAs(owner);
    const api = routeApi(
      formRoutes({
        'GET /api/communities/1/topics/similar': ok(similar),
        'POST /api/topics/1/cosign': ok({ cosignCount: 3, cosignTarget: 0, status: 'submitted' }, 201),
      }),
    );
    render(<NewTopicPage />);
    typeInto('标题', '3号楼电梯停运');
    expect(screen.getByText('一句话说清楚问题，4 到 40 个字（已输入 7 字）')).toBeTruthy();

    expect(await screen.findByText('已有相似的议题', undefined, { timeout: 2000 })).toBeTruthy();
    expect(api.callsTo('GET /api/communities/1/topics/similar').at(-1)?.data).toEqual({ title: '3号楼电梯停运' });
    expect(screen.getByText('待受理 · 附议 2 人')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '附议：锦绣华庭3号楼电梯经常停运' }));
    expect(await screen.findByText('您已附议这个议题')).toBeTruthy();
    expect(screen.getByText('待受理 · 附议 3 人')).toBeTruthy();
    expect(api.callsTo('POST /api/topics/1/cosign')[0]?.data).toEqual({});
    fireEvent.click(screen.getByRole('button', { name: '查看：锦绣华庭3号楼电梯经常停运' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=1' });
  });

  it('keeps the draft when submitting fails and retries with the same Idempotency-Key; success opens the topic', async () => {
    signedInAs(owner);
    const created = aTopicDetail({ id: 40, title: '2号楼门口路灯不亮' });
    const api = routeApi(
      formRoutes({
        'POST /api/topics': [
          apiError(400, 'VALIDATION_FAILED', '提交的内容不符合要求，请检查后重试', {
            fields: [{ path: 'place', message: '地点写得太笼统了' }],
          }),
          ok(created, 201),
        ],
      }),
    );
    taroMock.chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:lamp'],
      tempFiles: [{ path: 'blob:lamp', size: 80_000, type: 'image/jpeg', originalFileObj: { name: 'lamp.jpg' } }],
    });
    taroMock.uploadFile.mockResolvedValueOnce({
      statusCode: 201,
      data: JSON.stringify({ id: 91, contentType: 'image/jpeg', sizeBytes: 80_000 }),
    });

    render(<NewTopicPage />);
    await fillTopic();
    // The estate of the resident's home is preselected.
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: '锦绣华庭' }).getAttribute('aria-checked')).toBe('true'),
    );
    expect(screen.getByRole('radio', { name: '本小区' }).getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '添加照片（0/9）' }));
    expect(await screen.findByRole('button', { name: '添加照片（1/9）' })).toBeTruthy();
    expect(taroMock.uploadFile.mock.calls[0]?.[0]).toMatchObject({ formData: { purpose: 'topic_photo' } });
    fireEvent.click(screen.getByRole('switch', { name: '不公开我的姓名' }));

    // Every change is saved on the device.
    expect(storedDraft()).toMatchObject({ title: '2号楼门口路灯不亮', photoUploadIds: [91], hideAuthor: true });

    fireEvent.click(screen.getByRole('button', { name: '提交议题' }));
    expect(await screen.findByText('地点写得太笼统了')).toBeTruthy();
    expect(screen.getByText(/您填写的内容已保存在本机/)).toBeTruthy();
    expect(taroMock.showToast).not.toHaveBeenCalled();
    expect(storedDraft()).toMatchObject({ title: '2号楼门口路灯不亮', place: '2号楼一单元门口' });

    typeInto('具体地点（选填）', '2号楼一单元门口东侧路灯');
    fireEvent.click(screen.getByRole('button', { name: '提交议题' }));
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=40' }));

    const [first, second] = api.callsTo('POST /api/topics');
    expect(second?.data).toEqual({
      communityId: 1,
      title: '2号楼门口路灯不亮',
      description: '2号楼门口的路灯坏了一个多月，晚上回家很黑，老人容易摔倒。',
      category: '安全隐患',
      scope: 'estate',
      estateId: 2,
      place: '2号楼一单元门口东侧路灯',
      photoUploadIds: [91],
      hideAuthor: true,
    });
    expect(keyOf(first)).toEqual(expect.any(String));
    expect(keyOf(second)).toBe(keyOf(first));
    expect(storedDraft()).toBeUndefined();
  });

  it('a lost answer keeps the draft; the next visit restores it and the retry reuses its key', async () => {
    signedInAs(owner);
    routeApi(formRoutes());
    taroMock.request.mockImplementation(async (request) => {
      if (request.method === 'POST') throw { errMsg: 'request:fail timeout' };
      const answers: Record<string, unknown> = {
        '/api/communities': COMMUNITIES,
        '/api/communities/1/settings': SETTINGS,
        '/api/communities/1/topics/similar': { items: [] },
      };
      return { statusCode: 200, data: answers[request.url] };
    });
    const { unmount } = render(<NewTopicPage />);
    await fillTopic();
    fireEvent.click(screen.getByRole('button', { name: '提交议题' }));
    expect(await screen.findByText(/网络连接失败/)).toBeTruthy();
    const key = storedDraft()?.idempotencyKey;
    expect(key).toEqual(expect.any(String));
    unmount();

    const created = aTopicDetail({ id: 41 });
    const api = routeApi(formRoutes({ 'POST /api/topics': ok(created, 201) }));
    render(<NewTopicPage />);
    expect(screen.getByText('已恢复您上次没有提交的内容。')).toBeTruthy();
    expect(field('标题').value).toBe('2号楼门口路灯不亮');
    fireEvent.click(screen.getByRole('button', { name: '提交议题' }));
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=41' }));
    expect(keyOf(api.callsTo('POST /api/topics')[0])).toBe(key);
  });

  it('checks the form with the shared schema before sending', async () => {
    signedInAs(owner);
    const api = routeApi(formRoutes());
    render(<NewTopicPage />);
    typeInto('标题', '路灯');
    fireEvent.click(screen.getByRole('button', { name: '提交议题' }));
    expect(await screen.findByText('标题至少 4 个字')).toBeTruthy();
    expect(screen.getByText('请把问题描述得具体一些（至少 10 个字）')).toBeTruthy();
    expect(screen.getByText('请选择分类')).toBeTruthy();
    expect(api.callsTo('POST /api/topics')).toHaveLength(0);
  });

  it('NOT_VERIFIED: says so and leads to 认证房屋, keeping the draft', async () => {
    signedInAs(owner);
    routeApi(formRoutes({ 'POST /api/topics': apiError(403, 'NOT_VERIFIED', '完成房屋认证后才能提出议题') }));
    render(<NewTopicPage />);
    await fillTopic();
    fireEvent.click(screen.getByRole('button', { name: '提交议题' }));
    expect(await screen.findByText('完成房屋认证后才能提出议题')).toBeTruthy();
    expect(taroMock.showToast).not.toHaveBeenCalled();
    expect(storedDraft()).toMatchObject({ title: '2号楼门口路灯不亮' });
    fireEvent.click(screen.getByRole('button', { name: '去认证房屋' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({ url: '/pages/claim/index' });
  });

  it('an unverified resident is sent to 认证房屋 before filling anything', async () => {
    signedInAs(aMe());
    routeApi(formRoutes());
    render(<NewTopicPage />);
    expect(screen.getByText('请先认证房屋')).toBeTruthy();
    expect(screen.queryByLabelText('标题')).toBeNull();
  });

  it('a grid worker enters a topic for a resident by name and address', async () => {
    signedInAs(
      aMe({
        communities: [
          { id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['grid_worker'], status: 'active' },
        ],
      }),
    );
    const api = routeApi(formRoutes({ 'POST /api/topics': ok(aTopicDetail({ id: 42 }), 201) }));
    render(<NewTopicPage />);
    expect(screen.queryByRole('switch', { name: '代居民提交' })).toBeNull();
    await fillTopic();
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: '全社区' }).getAttribute('aria-checked')).toBe('true'),
    );
    typeInto('居民姓名', '张桂芳');
    typeInto('居民住址', '槐荫里2号楼1单元301');
    fireEvent.click(screen.getByRole('button', { name: '提交议题' }));
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalled());
    expect(api.callsTo('POST /api/topics')[0]?.data).toMatchObject({
      scope: 'community',
      onBehalfOf: { name: '张桂芳', unit: '槐荫里2号楼1单元301' },
    });
  });

  it('修改并重新提交: shows the question, starts from the returned topic and resubmits it', async () => {
    signedInAs(owner);
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: { resubmit: '2' } } });
    const returned = aTopicDetail({
      id: 2,
      title: '小区南门早晚占道经营',
      description: '南门外每天早上六点到八点有流动摊贩占道，孩子上学很危险。',
      category: '环境卫生',
      estateName: '槐荫里',
      place: null,
      status: 'returned',
      statusLabel: '待补充',
      returnQuestion: '请补充摊贩的大致数量和具体位置',
      me: { isAuthor: true, cosigned: false, following: true, canCosign: false, actions: ['resubmit'] },
    });
    const api = routeApi(
      formRoutes({
        'GET /api/topics/2': ok(returned),
        'POST /api/topics/2/resubmit': ok({ ...returned, status: 'submitted', statusLabel: '待受理' }),
      }),
    );
    render(<NewTopicPage />);
    expect(await screen.findByText('请补充摊贩的大致数量和具体位置')).toBeTruthy();
    expect(field('标题').value).toBe('小区南门早晚占道经营');
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: '槐荫里' }).getAttribute('aria-checked')).toBe('true'),
    );
    expect(screen.queryByRole('switch', { name: '不公开我的姓名' })).toBeNull();
    typeInto('具体地点（选填）', '南门东侧');
    typeArea('补充说明', '约有五六个摊位，集中在南门东侧。');
    fireEvent.click(screen.getByRole('button', { name: '重新提交' }));
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/topics/detail?id=2' }));
    expect(api.callsTo('POST /api/topics/2/resubmit')[0]?.data).toEqual({
      title: '小区南门早晚占道经营',
      description: '南门外每天早上六点到八点有流动摊贩占道，孩子上学很危险。',
      category: '环境卫生',
      scope: 'estate',
      estateId: 1,
      place: '南门东侧',
      photoUploadIds: [],
      note: '约有五六个摊位，集中在南门东侧。',
    });
    await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  });
});
