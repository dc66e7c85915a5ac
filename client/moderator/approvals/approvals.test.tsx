import { jest } from '@jest/globals';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aClaim, aClaimView, aModerator } from '../moderator.fixtures';
import ApprovalsPage from '.';

const downloadFile = jest.fn<(options: { url: string }) => Promise<{ statusCode: number; tempFilePath: string }>>();
Object.assign(taroMock, { downloadFile });

const pending = [
  aClaim(),
  aClaim({
    id: 7,
    claimedName: '罗思远',
    userNickname: '罗思远',
    relation: 'tenant',
    unit: { ...aClaim().unit, id: 436, estateName: '安居苑', buildingName: '3号楼', label: '1单元202' },
    rosterOwners: [{ name: '邓卫东', phone: '13981624112' }],
    evidenceUploadId: 41,
  }),
  aClaim({
    id: 8,
    claimedName: '许建国',
    relation: 'owner',
    unit: { ...aClaim().unit, id: 224, estateName: '锦绣华庭', buildingName: '2号楼', label: '2单元1002' },
    rosterOwners: [{ name: '许建国', phone: '13994883438' }],
  }),
];

function claimCard(name: string): HTMLElement {
  return screen.getByRole('article', { name: new RegExp(`^${name} 申请认证`) });
}

beforeEach(() => {
  downloadFile.mockReset().mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:http://localhost/evidence-41' });
  signedInAs(aModerator());
});

describe('认证审核 page', () => {
  it('lists pending claims with the claimed name next to the roster owners and the evidence photo', async () => {
    const api = routeApi({ 'GET /api/me': ok(aModerator()), 'GET /api/communities/1/claims': ok(pending) });

    render(<ApprovalsPage />);

    const card = await screen.findByRole('article', { name: /^马桂兰 申请认证 槐荫里 1号楼 2单元502/ });
    expect(within(card).getByText('李国华 13904979194')).toBeTruthy();
    expect(within(card).getByText(/以家庭成员身份申请，不是名册上的业主/)).toBeTruthy();
    expect(within(card).getByText('未上传证明材料')).toBeTruthy();
    expect(within(claimCard('许建国')).getByText(/姓名与名册业主一致/)).toBeTruthy();
    const photo = await within(claimCard('罗思远')).findByAltText('罗思远上传的证明材料');
    expect(photo.getAttribute('src')).toBe('blob:http://localhost/evidence-41');
    expect(downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: '/api/uploads/41' }));
    expect(api.callsTo('GET /api/communities/1/claims')[0]?.data).toEqual({ status: 'pending' });
    expect(screen.getByRole('tab', { name: /待审核/, selected: true }).textContent).toContain('3');
  });

  it('approves a claim, takes it off the list and tells the workbench', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/claims': ok(pending),
      'POST /api/claims/6/approve': ok(aClaimView(6, 'approved')),
    });
    render(<ApprovalsPage />);

    fireEvent.click(await screen.findByRole('button', { name: '通过 马桂兰 的认证' }));

    await waitFor(() => expect(screen.queryByRole('article', { name: /^马桂兰/ })).toBeNull());
    expect(api.callsTo('POST /api/claims/6/approve')).toHaveLength(1);
    expect(taroMock.eventCenter.trigger).toHaveBeenCalledWith('moderation:claims-changed', 1);
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已通过' }));
    expect(screen.getByRole('tab', { name: /待审核/ }).textContent).toContain('2');
  });

  it('does not reject without a reason, then sends the quick-pick reason once edited', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/claims': ok(pending),
      'POST /api/claims/7/reject': ok(aClaimView(7, 'rejected', '材料不清晰，请重新拍摄')),
    });
    render(<ApprovalsPage />);
    await screen.findByRole('button', { name: '驳回 罗思远 的认证' });

    fireEvent.click(screen.getByRole('button', { name: '驳回 罗思远 的认证' }));
    const card = claimCard('罗思远');
    fireEvent.click(within(card).getByRole('button', { name: '确认驳回' }));

    expect(await within(card).findByRole('alert')).toBeTruthy();
    expect(within(card).getByRole('alert').textContent).toBe('请写明不通过的原因');
    expect(api.callsTo('POST /api/claims/7/reject')).toHaveLength(0);

    fireEvent.click(within(card).getByRole('button', { name: '材料不清晰' }));
    const reason = within(card).getByRole('textbox', { name: '驳回原因' }) as HTMLInputElement;
    expect(reason.value).toBe('材料不清晰');
    fireEvent.input(reason, { target: { value: '材料不清晰，请重新拍摄' } });
    fireEvent.click(within(card).getByRole('button', { name: '确认驳回' }));

    await waitFor(() => expect(api.callsTo('POST /api/claims/7/reject')).toHaveLength(1));
    expect(api.callsTo('POST /api/claims/7/reject')[0]?.data).toEqual({ reason: '材料不清晰，请重新拍摄' });
    await waitFor(() => expect(screen.queryByRole('article', { name: /^罗思远/ })).toBeNull());
  });

  it('reloads the list when another moderator decided the claim first', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/claims': [ok(pending), ok(pending.slice(1))],
      'POST /api/claims/6/approve': apiError(409, 'ILLEGAL_TRANSITION', '该申请已处理，不能再审核'),
    });
    render(<ApprovalsPage />);

    fireEvent.click(await screen.findByRole('button', { name: '通过 马桂兰 的认证' }));

    await waitFor(() => expect(api.callsTo('GET /api/communities/1/claims')).toHaveLength(2));
    await waitFor(() => expect(screen.queryByRole('article', { name: /^马桂兰/ })).toBeNull());
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该申请已处理，不能再审核' }));
  });

  it('shows decided claims with their reason under 已驳回', async () => {
    const api = routeApi({
      'GET /api/me': ok(aModerator()),
      'GET /api/communities/1/claims': (request) =>
        ok(
          (request.data as { status: string }).status === 'rejected'
            ? [aClaim({ id: 9, status: 'rejected', rejectReason: '非本小区住户' })]
            : pending,
        ),
    });
    render(<ApprovalsPage />);
    await screen.findByRole('button', { name: '通过 马桂兰 的认证' });

    fireEvent.click(screen.getByRole('tab', { name: '已驳回' }));

    expect(await screen.findByText('已驳回：非本小区住户')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /通过/ })).toBeNull();
    expect(api.callsTo('GET /api/communities/1/claims').at(-1)?.data).toEqual({ status: 'rejected' });
  });

  it('explains the page is for moderators to someone who is not one', async () => {
    const resident = aModerator({
      nickname: '王秀英',
      communities: [{ id: 1, name: '和平里社区', subDistrictName: '长青街道', roles: ['resident'], status: 'active' }],
    });
    signedInAs(resident);
    const api = routeApi({ 'GET /api/me': ok(resident) });

    render(<ApprovalsPage />);

    expect(await screen.findByText('您还不是社区工作人员')).toBeTruthy();
    expect(api.callsTo('GET /api/communities/1/claims')).toHaveLength(0);
  });
});
