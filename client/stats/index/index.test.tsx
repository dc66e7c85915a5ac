import { rate, topicMeasures } from '@shared/stats/measures';
import { defaultPeriod } from '@shared/stats/period';
import type { StatsCore } from '@shared/stats/stats.schema';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { aMe, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import StatsPage from './index';

// The canvas is not what these tests look at: the chart component draws nothing here.
jest.mock('taro-react-echarts', () => ({ __esModule: true, default: () => null }));
jest.mock('../charts/echarts', () => ({ echarts: {} }));

const period = defaultPeriod();
const core = (submitted: number): StatsCore => ({
  topics: topicMeasures(
    Array.from({ length: submitted }, (_, i) => ({
      status: i === 0 ? ('completed' as const) : ('routed' as const),
      category: '环境卫生',
      submittedAt: new Date(`${period.to}T02:00:00Z`),
      daysToFirstResponse: i + 1,
      daysToCompletion: i === 0 ? 12 : null,
    })),
    period,
  ),
  meetings: { held: 2, attendance: rate(7, 9) },
  votes: { opened: 3, closed: 2, passed: 1 },
  participation: rate(12, 40),
  satisfaction: rate(3, 4),
  projects: null,
});
const community = { id: 1, name: '和平里社区', subDistrictName: '长青街道' };

describe('统计与台账', () => {
  const originalEnv = process.env.TARO_ENV;
  afterEach(() => {
    process.env.TARO_ENV = originalEnv;
  });

  it("shows a moderator's community in plain numbers and exports its ledger", async () => {
    process.env.TARO_ENV = 'h5';
    signedInAs(aMe({ communities: [{ ...community, roles: ['moderator'], status: 'active' }] }));
    const api = routeApi({
      'GET /api/me/stats-scopes': ok({ communities: [community], subDistricts: [] }),
      'GET /api/communities/1/stats': ok({ community, period, generatedAt: '2026-11-27T00:00:00Z', stats: core(3) }),
    });
    render(<StatsPage />);
    expect(await screen.findByText('3 件')).toBeTruthy();
    expect(screen.getByText('77.8%')).toBeTruthy();
    expect(screen.getByText('认证居民 40 人，其中 12 人提交、附议、投票或评价过')).toBeTruthy();
    expect(screen.getByText('2 天')).toBeTruthy(); // median of 1, 2, 3 days to first response
    expect(screen.getByText('4 份评价中 3 份打了 4 分或 5 分')).toBeTruthy();
    expect(screen.getByText('75%')).toBeTruthy();
    expect(api.callsTo('GET /api/communities/1/stats')[0]?.data).toEqual(period);

    const saved: string[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    fireEvent.click(screen.getByRole('button', { name: '导出 Excel 台账' }));
    await waitFor(() => expect(saved).toEqual([`和平里社区台账_${period.from}至${period.to}.xlsx`]));
    click.mockRestore();
    expect(taroMock.downloadFile.mock.calls[0]![0]).toEqual({
      url: `/api/communities/1/ledger/export?from=${period.from}&to=${period.to}`,
      header: { Authorization: 'Bearer token-1' },
    });

    fireEvent.click(screen.getByRole('button', { name: '查看打印版台账' }));
    expect(taroMock.navigateTo).toHaveBeenCalledWith({
      url: `/stats/ledger/index?communityId=1&from=${period.from}&to=${period.to}`,
    });
  });

  it('a new period asks again', async () => {
    signedInAs(aMe({ communities: [{ ...community, roles: ['moderator'], status: 'active' }] }));
    const api = routeApi({
      'GET /api/me/stats-scopes': ok({ communities: [community], subDistricts: [] }),
      'GET /api/communities/1/stats': ok({ community, period, generatedAt: '2026-11-27T00:00:00Z', stats: core(1) }),
    });
    render(<StatsPage />);
    await screen.findByRole('group', { name: /^居民提交议题：1 件/ });
    fireEvent.click(screen.getByRole('radio', { name: '去年' }));
    await waitFor(() => expect(api.callsTo('GET /api/communities/1/stats')).toHaveLength(2));
    const year = Number(period.to.slice(0, 4)) - 1;
    expect(api.callsTo('GET /api/communities/1/stats')[1]?.data).toEqual({
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    });
  });

  it("a sub-district admin sees every community's row and the totals", async () => {
    signedInAs(aMe({ communities: [{ ...community, roles: ['subdistrict_admin'], status: 'active' }] }));
    routeApi({
      'GET /api/me/stats-scopes': ok({
        communities: [community],
        subDistricts: [{ id: 5, name: '长青街道', communities: [{ id: 1, name: '和平里社区' }] }],
      }),
      'GET /api/sub-districts/5/stats': ok({
        subDistrict: { id: 5, name: '长青街道' },
        period,
        generatedAt: '2026-11-27T00:00:00Z',
        communities: [{ community: { id: 1, name: '和平里社区' }, stats: core(2) }],
        totals: core(2),
      }),
    });
    render(<StatsPage />);
    expect(await screen.findByText('长青街道（1 个社区合计）')).toBeTruthy();
    expect(screen.getByRole('radio', { name: /长青街道（全部社区）/, checked: true })).toBeTruthy();
    expect(screen.getByRole('table', { name: '各社区情况' })).toBeTruthy();
    expect(screen.getByText('合计')).toBeTruthy();
  });

  it('tells everyone else it is for staff', async () => {
    signedInAs(aMe());
    routeApi({ 'GET /api/me/stats-scopes': ok({ communities: [], subDistricts: [] }) });
    render(<StatsPage />);
    expect(await screen.findByText('没有可以查看的社区')).toBeTruthy();
  });
});
