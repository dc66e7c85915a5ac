import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aMember, aModerator } from '../moderator.fixtures';
import MembersPage from '.';

const members = [
  aMember(),
  aMember({
    userId: 2,
    nickname: '老李',
    realName: '李建国',
    phone: '13800001002',
    roles: ['resident', 'owner', 'representative'],
    units: ['锦绣华庭1号楼1单元1201', '锦绣华庭3号楼2单元502'],
  }),
  aMember({
    userId: 5,
    nickname: '陈志强',
    realName: '陈志强',
    status: 'suspended',
    suspendedReason: '多次恶意刷屏',
  }),
  aMember({ userId: 10, nickname: '刘敏', realName: '刘敏', roles: ['moderator'], units: [] }),
];

const card = (name: string) => screen.getByRole('article', { name });

const communities = [
  {
    id: 1,
    name: '和平里社区',
    subDistrictName: '长青街道',
    estates: [
      { id: 1, name: '槐荫里', kind: 'old_compound' },
      { id: 2, name: '锦绣华庭', kind: 'commercial' },
    ],
  },
];

beforeEach(() => {
  signedInAs(aModerator());
});

describe('成员管理 page', () => {
  it('shows real names, full phones, roles as tags and units; no suspension of oneself', async () => {
    routeApi({ 'GET /api/me': ok(aModerator()), 'GET /api/communities/1/members': ok(members) });

    render(<MembersPage />);

    const li = await screen.findByRole('article', { name: '李建国' });
    expect(within(li).getByText('昵称 老李')).toBeTruthy();
    expect(within(li).getByText('13800001002')).toBeTruthy();
    expect(within(li).getByText('业主')).toBeTruthy();
    expect(within(li).getByText('议事代表')).toBeTruthy();
    expect(within(li).getByText('锦绣华庭3号楼2单元502')).toBeTruthy();
    expect(within(card('陈志强')).getByText('暂停原因：多次恶意刷屏')).toBeTruthy();
    expect(within(card('刘敏')).queryByRole('button', { name: /暂停/ })).toBeNull();
    expect(within(card('刘敏')).getByText('这是您本人的账号')).toBeTruthy();
  });

  it('searches by name or phone and filters by status', async () => {
    const api = routeApi({ 'GET /api/me': ok(aModerator()), 'GET /api/communities/1/members': ok(members) });
    render(<MembersPage />);
    await screen.findByRole('article', { name: '王秀英' });

    fireEvent.input(screen.getByRole('searchbox', { name: /搜索成员/ }), { target: { value: ' 1380000 ' } });
    fireEvent.click(screen.getByRole('button', { name: '搜索' }));
    await waitFor(() => expect(api.callsTo('GET /api/communities/1/members')).toHaveLength(2));
    fireEvent.click(screen.getByRole('tab', { name: '已暂停' }));
    await waitFor(() => expect(api.callsTo('GET /api/communities/1/members')).toHaveLength(3));

    const queries = api.callsTo('GET /api/communities/1/members').map((call) => call.data);
    expect(queries).toEqual([
      { status: 'all', limit: 30 },
      { status: 'all', q: '1380000', limit: 30 },
      { status: 'suspended', q: '1380000', limit: 30 },
    ]);
  });

  it('asks for a reason before suspending, then marks the member suspended', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/members': ok(members),
      'POST /api/communities/1/members/1/suspend': ok(null, 204),
    });
    render(<MembersPage />);
    await screen.findByRole('article', { name: '王秀英' });

    fireEvent.click(screen.getByRole('button', { name: '暂停 王秀英' }));
    fireEvent.click(within(card('王秀英')).getByRole('button', { name: '确认暂停' }));
    expect(within(card('王秀英')).getByRole('alert').textContent).toBe('请写明暂停的原因');
    expect(api.callsTo('POST /api/communities/1/members/1/suspend')).toHaveLength(0);

    fireEvent.click(within(card('王秀英')).getByRole('button', { name: '冒用他人身份' }));
    fireEvent.click(within(card('王秀英')).getByRole('button', { name: '确认暂停' }));

    expect(await within(card('王秀英')).findByText('暂停原因：冒用他人身份')).toBeTruthy();
    expect(api.callsTo('POST /api/communities/1/members/1/suspend')[0]?.data).toEqual({ reason: '冒用他人身份' });
    expect(within(card('王秀英')).getByText('已暂停')).toBeTruthy();
    expect(within(card('王秀英')).getByRole('button', { name: '恢复 王秀英' })).toBeTruthy();
  });

  it('restores only after a confirmation', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/members': ok(members),
      'POST /api/communities/1/members/5/restore': ok(null, 204),
    });
    render(<MembersPage />);
    await screen.findByRole('article', { name: '陈志强' });

    fireEvent.click(screen.getByRole('button', { name: '恢复 陈志强' }));
    expect(api.callsTo('POST /api/communities/1/members/5/restore')).toHaveLength(0);
    expect(within(card('陈志强')).getByText(/确定恢复 陈志强 的账号吗/)).toBeTruthy();
    fireEvent.click(within(card('陈志强')).getByRole('button', { name: '确认恢复' }));

    await waitFor(() => expect(within(card('陈志强')).getByText('正常')).toBeTruthy());
    expect(api.callsTo('POST /api/communities/1/members/5/restore')).toHaveLength(1);
    expect(within(card('陈志强')).queryByText(/暂停原因/)).toBeNull();
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已恢复' }));
  });

  it('loads more with the last user id as the cursor while pages come back full', async () => {
    const page1 = Array.from({ length: 30 }, (_, index) =>
      aMember({ userId: index + 1, nickname: `居民${index + 1}`, realName: `居民${index + 1}` }),
    );
    const page2 = [aMember({ userId: 31, nickname: '居民31', realName: '居民31' })];
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/members': [ok(page1), ok(page2)],
    });
    render(<MembersPage />);
    await screen.findByRole('article', { name: '居民30' });

    fireEvent.click(screen.getByRole('button', { name: '加载更多' }));

    expect(await screen.findByRole('article', { name: '居民31' })).toBeTruthy();
    expect(api.callsTo('GET /api/communities/1/members')[1]?.data).toEqual({ status: 'all', after: 30, limit: 30 });
    expect(screen.queryByRole('button', { name: '加载更多' })).toBeNull();
    expect(screen.getByText('已显示 31 人')).toBeTruthy();
  });

  it('grants a role for an estate, with the organisation, and shows it as a tag', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities': ok(communities),
      'GET /api/communities/1/members': ok(members),
      'POST /api/communities/1/roles': ok(
        { id: 40, userId: 1, role: 'property_manager', scopeType: 'estate', scopeId: 2, organisation: '恒安物业' },
        201,
      ),
    });
    render(<MembersPage />);
    await screen.findByRole('article', { name: '王秀英' });

    fireEvent.click(screen.getByRole('button', { name: '为 王秀英 授予角色' }));
    const form = within(card('王秀英')).getByRole('group', { name: '为 王秀英 授予角色' });
    fireEvent.click(within(form).getByRole('button', { name: '确认授予' }));
    expect(within(form).getByRole('alert').textContent).toBe('请选择要授予的角色');

    fireEvent.click(within(form).getByRole('radio', { name: '物业' }));
    fireEvent.click(within(form).getByRole('button', { name: '确认授予' }));
    expect(within(form).getByRole('alert').textContent).toBe('请选择物业负责的小区');
    expect(api.callsTo('POST /api/communities/1/roles')).toHaveLength(0);

    fireEvent.click(await within(form).findByRole('radio', { name: '锦绣华庭' }));
    fireEvent.input(within(form).getByRole('textbox', { name: '所属单位' }), { target: { value: ' 恒安物业 ' } });
    fireEvent.click(within(form).getByRole('button', { name: '确认授予' }));

    await waitFor(() => expect(api.callsTo('POST /api/communities/1/roles')).toHaveLength(1));
    expect(api.callsTo('POST /api/communities/1/roles')[0]?.data).toEqual({
      userId: 1,
      role: 'property_manager',
      estateId: 2,
      organisation: '恒安物业',
    });
    expect(await within(card('王秀英')).findByText('物业')).toBeTruthy();
    expect(within(card('王秀英')).queryByRole('group', { name: /授予角色/ })).toBeNull();
  });

  it('grants a community-wide role without asking for an estate', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities': ok(communities),
      'GET /api/communities/1/members': ok(members),
      'POST /api/communities/1/roles': ok(
        { id: 41, userId: 1, role: 'grid_worker', scopeType: 'community', scopeId: 1, organisation: null },
        201,
      ),
    });
    render(<MembersPage />);
    await screen.findByRole('article', { name: '王秀英' });

    fireEvent.click(screen.getByRole('button', { name: '为 王秀英 授予角色' }));
    const form = within(card('王秀英')).getByRole('group', { name: '为 王秀英 授予角色' });
    fireEvent.click(within(form).getByRole('radio', { name: '网格员' }));
    expect(within(form).queryByRole('radiogroup', { name: /小区|范围/ })).toBeNull();
    expect(within(form).queryByRole('textbox', { name: '所属单位' })).toBeNull();
    fireEvent.click(within(form).getByRole('button', { name: '确认授予' }));

    await waitFor(() => expect(api.callsTo('POST /api/communities/1/roles')).toHaveLength(1));
    expect(api.callsTo('POST /api/communities/1/roles')[0]?.data).toEqual({ userId: 1, role: 'grid_worker' });
    expect(await within(card('王秀英')).findByText('网格员')).toBeTruthy();
  });
});
