import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ProjectBoard } from '@/services/projects';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import ProjectApplyPage from './apply';
import ProjectBoardPage from './board';
import ProjectDetailPage from './detail';
import ProjectFilingsPage from './filings';
import { aProject } from './projects.fixtures';

const member = (roles: string[]) =>
  aMe({
    communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: roles as never, status: 'active' }],
  });

function onRoute(id: number) {
  taroMock.getCurrentInstance.mockReturnValue({ router: { params: { id: String(id) } } });
}

describe('项目公示 (public board)', () => {
  it('shows the goals, budget, organisation, score and masked supervisors without signing in', async () => {
    onRoute(5);
    const board: ProjectBoard = {
      id: 5,
      communityName: '和平里社区',
      topic: { id: 12, title: '高龄老人吃饭难' },
      title: '槐荫里长者助餐服务',
      demand: '为 80 岁以上老人送餐上门',
      status: 'evaluated',
      statusLabel: '已评估',
      goals: '解决高龄老人吃饭难',
      serviceContent: '每周五天中午送餐上门',
      beneficiaries: '槐荫里 80 岁以上老人',
      budgetFen: 8_600_000,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      callDeadline: '2026-12-01',
      applicationCount: 2,
      organisation: '益邻社会工作服务中心',
      selectionReason: '方案具体，团队有助老经验',
      supervisors: ['王**', '李**'],
      progress: [
        {
          id: 1,
          action: 'reportProgress',
          label: '报告项目进展',
          by: '益邻社会工作服务中心',
          note: '第一周送餐 300 份',
          photos: [],
          createdAt: '2027-01-08T04:00:00.000Z',
        },
      ],
      completionSummary: '全年送餐 12000 份',
      evaluation: {
        evaluator: '明德社会服务评估中心',
        score: 92,
        summary: '老人满意度 96%',
        attachment: null,
        recordedAt: '2028-01-10T04:00:00.000Z',
      },
    };
    routeApi({ 'GET /api/projects/5/board': ok(board) });
    render(<ProjectBoardPage />);
    expect(await screen.findByText('86,000 元')).toBeTruthy();
    expect(screen.getByLabelText('评估得分 92 分')).toBeTruthy();
    expect(screen.getByText('益邻社会工作服务中心', { selector: '.project__big' })).toBeTruthy();
    expect(screen.getByText('王**、李**')).toBeTruthy();
    expect(screen.getByText('第一周送餐 300 份')).toBeTruthy();
    expect(screen.getByText('2027年1月1日 至 2027年12月31日')).toBeTruthy();
  });
});

describe('项目申报', () => {
  it('keeps the price within the budget, then applies and opens the project', async () => {
    signedInAs(member(['social_org']));
    onRoute(5);
    const api = routeApi({
      'GET /api/projects/5': ok(aProject()),
      'POST /api/projects/5/applications': ok(
        aProject({ me: { roles: ['social_org'], actions: [], applied: true } }),
        201,
      ),
    });
    render(<ProjectApplyPage />);
    fireEvent.input(await screen.findByLabelText('服务方案'), {
      target: { value: '依托社区食堂组建志愿者送餐队，每日十一点前送达，每月回访' },
    });
    fireEvent.input(screen.getByLabelText('项目团队'), { target: { value: '社工 2 名、志愿者 12 名' } });
    fireEvent.input(screen.getByLabelText('报价（元）'), { target: { value: '90000' } });
    fireEvent.click(screen.getByRole('button', { name: '提交申报' }));
    expect(await screen.findByText('申报金额不能超过项目预算（86,000 元）')).toBeTruthy();
    expect(api.callsTo('POST /api/projects/5/applications')).toHaveLength(0);
    fireEvent.input(screen.getByLabelText('报价（元）'), { target: { value: '80000' } });
    fireEvent.click(screen.getByRole('button', { name: '提交申报' }));
    await waitFor(() => expect(api.callsTo('POST /api/projects/5/applications')).toHaveLength(1));
    expect(api.callsTo('POST /api/projects/5/applications')[0]?.data).toEqual({
      proposal: '依托社区食堂组建志愿者送餐队，每日十一点前送达，每月回访',
      team: '社工 2 名、志愿者 12 名',
      budgetYuan: '80000',
      attachmentUploadIds: [],
    });
    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/projects/detail?id=5' }));
  });

  it('says why an organisation that applied already cannot apply again', async () => {
    signedInAs(member(['social_org']));
    onRoute(5);
    routeApi({ 'GET /api/projects/5': ok(aProject({ me: { roles: ['social_org'], actions: [], applied: true } })) });
    render(<ProjectApplyPage />);
    expect(await screen.findByText(/每个机构只能申报一次/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: '提交申报' })).toBeNull();
  });
});

describe('项目详情 for supervisors', () => {
  it('a supervisor records a note', async () => {
    signedInAs(member(['resident']));
    onRoute(5);
    const running = aProject({
      status: 'in_progress',
      statusLabel: '项目实施中',
      me: { roles: ['supervisor'], actions: ['supervise'], applied: false },
    });
    const api = routeApi({
      'GET /api/projects/5': ok(running),
      'POST /api/projects/5/supervision': ok(running, 201),
    });
    render(<ProjectDetailPage />);
    expect(await screen.findByText('您是本项目的居民监督员')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '提交监督意见' }));
    expect(await screen.findByText('请至少写 4 个字')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('监督意见'), { target: { value: '抽查三户，送餐准时' } });
    fireEvent.click(screen.getByRole('button', { name: '提交监督意见' }));
    await waitFor(() => expect(api.callsTo('POST /api/projects/5/supervision')).toHaveLength(1));
    expect(api.callsTo('POST /api/projects/5/supervision')[0]?.data).toEqual({
      body: '抽查三户，送餐准时',
      photoUploadIds: [],
    });
    expect(screen.queryByRole('button', { name: '提交进展' })).toBeNull();
  });
});

describe('项目备案审核', () => {
  it('returns a filing only with a reason, then the list refreshes', async () => {
    signedInAs(member(['subdistrict_admin']));
    const filed = aProject({
      status: 'filed',
      statusLabel: '待街道备案',
      me: { roles: ['subdistrict_admin'], actions: ['approveFiling', 'returnFiling'], applied: false },
    });
    const summary = {
      id: 5,
      communityId: 1,
      communityName: '和平里社区',
      title: '槐荫里长者助餐服务',
      status: 'filed',
      statusLabel: '待街道备案',
      budgetFen: 8_600_000,
      callDeadline: null,
      organisation: null,
      evaluationScore: null,
      topicId: null,
      statusChangedAt: '2027-01-01T00:00:00.000Z',
    };
    const api = routeApi({
      'GET /api/me/project-filings': [ok([summary]), ok([])],
      'GET /api/projects/5': ok(filed),
      'POST /api/projects/5/return-filing': ok({ ...filed, status: 'returned' }),
    });
    render(<ProjectFilingsPage />);
    fireEvent.click(await screen.findByRole('link', { name: /和平里社区：槐荫里长者助餐服务/ }));
    fireEvent.click(await screen.findByRole('button', { name: '退回修改' }));
    expect(await screen.findByText('请写明退回修改的原因')).toBeTruthy();
    expect(api.callsTo('POST /api/projects/5/return-filing')).toHaveLength(0);
    fireEvent.input(screen.getByLabelText('退回原因'), { target: { value: '请列明送餐补贴标准' } });
    fireEvent.click(screen.getByRole('button', { name: '退回修改' }));
    await waitFor(() => expect(api.callsTo('POST /api/projects/5/return-filing')).toHaveLength(1));
    expect(api.callsTo('POST /api/projects/5/return-filing')[0]?.data).toEqual({ reason: '请列明送餐补贴标准' });
    expect(await screen.findByText('没有等待备案的项目。')).toBeTruthy();
  });
});
