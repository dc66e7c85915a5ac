import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { aProject } from '@/pages/projects/projects.fixtures';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import ManageProjectPage from './manage';
import NewProjectPage from './new';

const moderator = aMe({
  communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['moderator'], status: 'active' }],
});
const asModerator = { roles: ['moderator' as const], applied: false };

beforeEach(() => {
  signedInAs(moderator);
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: '5' } } });
});

describe('项目管理', () => {
  it('checks the design before saving it, then offers the filing', async () => {
    const draft = aProject({
      status: 'demand',
      statusLabel: '需求已提出',
      design: {
        goals: null,
        serviceContent: null,
        beneficiaries: null,
        budgetFen: null,
        startDate: null,
        endDate: null,
      },
      me: { ...asModerator, actions: ['design', 'cancel'] },
    });
    const designed = aProject({
      status: 'designing',
      statusLabel: '方案设计中',
      me: { ...asModerator, actions: ['design', 'submitFiling', 'cancel'] },
    });
    const api = routeApi({
      'GET /api/me': ok(moderator),
      'GET /api/projects/5': ok(draft),
      'POST /api/projects/5/design': ok(designed),
    });
    render(<ManageProjectPage />);
    fireEvent.input(await screen.findByLabelText('项目目标'), { target: { value: '解决槐荫里高龄老人吃饭难的问题' } });
    fireEvent.input(screen.getByLabelText('服务内容'), {
      target: { value: '每周一至周五中午送餐上门，每月一次健康讲座' },
    });
    fireEvent.input(screen.getByLabelText('服务对象'), { target: { value: '80 岁以上老人' } });
    fireEvent.input(screen.getByLabelText('项目预算（元）'), { target: { value: '86000.505' } });
    fireEvent.input(screen.getByLabelText('开始日期'), { target: { value: '2027-01-01' } });
    fireEvent.input(screen.getByLabelText('结束日期'), { target: { value: '2027-12-31' } });
    fireEvent.click(screen.getByRole('button', { name: '保存方案' }));
    expect(await screen.findByText('请填写金额（元），最多两位小数，不超过一千万元')).toBeTruthy();
    expect(api.callsTo('POST /api/projects/5/design')).toHaveLength(0);
    fireEvent.input(screen.getByLabelText('项目预算（元）'), { target: { value: '86000.50' } });
    fireEvent.click(screen.getByRole('button', { name: '保存方案' }));
    await waitFor(() => expect(api.callsTo('POST /api/projects/5/design')).toHaveLength(1));
    expect(api.callsTo('POST /api/projects/5/design')[0]?.data).toMatchObject({
      budgetYuan: '86000.50',
      endDate: '2027-12-31',
    });
    expect(await screen.findByRole('button', { name: '报街道备案' })).toBeTruthy();
  });

  it('selects an application only with a choice and a written reason', async () => {
    const call = aProject({
      call: { deadline: '2027-03-31', requirements: null, accepting: false },
      applicationCount: 1,
      applications: [
        {
          id: 31,
          organisation: '益邻社会工作服务中心',
          applicantName: '周海燕',
          proposal: '组建志愿者送餐队',
          team: '社工 2 名',
          budgetFen: 8_000_000,
          attachments: [],
          status: 'submitted',
          statusLabel: '已申报',
          createdAt: '2027-03-02T00:00:00.000Z',
        },
      ],
      me: { ...asModerator, actions: ['openCall', 'select', 'appointSupervisors', 'cancel'] },
    });
    const api = routeApi({
      'GET /api/me': ok(moderator),
      'GET /api/projects/5': ok(call),
      'GET /api/communities/1/members': ok([]),
      'POST /api/projects/5/select': ok(aProject({ status: 'in_progress', me: { ...asModerator, actions: [] } })),
    });
    render(<ManageProjectPage />);
    fireEvent.click(await screen.findByRole('button', { name: '确认选定' }));
    expect(await screen.findByText('请选择一家申报机构')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /益邻社会工作服务中心/ }));
    fireEvent.input(screen.getByLabelText('选定理由'), { target: { value: '方案具体、团队有助老服务经验' } });
    fireEvent.click(screen.getByRole('button', { name: '确认选定' }));
    await waitFor(() => expect(api.callsTo('POST /api/projects/5/select')).toHaveLength(1));
    expect(api.callsTo('POST /api/projects/5/select')[0]?.data).toEqual({
      applicationId: 31,
      reason: '方案具体、团队有助老服务经验',
    });
  });

  it('raises a demand directly and opens its workflow', async () => {
    taroMock.getCurrentInstance.mockReturnValue({ router: { params: {} } });
    const api = routeApi({
      'GET /api/me': ok(moderator),
      'GET /api/communities/1/topics': ok({ items: [], nextCursor: null }),
      'POST /api/projects': ok(aProject({ id: 8, status: 'demand' }), 201),
    });
    render(<NewProjectPage />);
    fireEvent.input(await screen.findByLabelText('项目名称'), { target: { value: '楼道文化墙' } });
    fireEvent.click(screen.getByRole('button', { name: '提出需求' }));
    expect(await screen.findByText('请写明服务需求')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('服务需求'), {
      target: { value: '居民希望把楼道布置成文化墙，营造邻里氛围' },
    });
    fireEvent.click(screen.getByRole('button', { name: '提出需求' }));
    await waitFor(() => expect(api.callsTo('POST /api/projects')).toHaveLength(1));
    expect(api.callsTo('POST /api/projects')[0]?.data).toEqual({
      communityId: 1,
      title: '楼道文化墙',
      demand: '居民希望把楼道布置成文化墙，营造邻里氛围',
    });
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/moderator/projects/manage?id=8' }));
  });
});
