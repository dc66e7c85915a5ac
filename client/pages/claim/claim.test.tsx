import { PHOTO_MAX_BYTES } from '@shared/uploads/uploads.schema';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { CLAIM_DRAFT_STORAGE_KEY } from '@/services/claims';
import { aMe, apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import ClaimPage from '.';

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
const buildings = [
  { id: 13, name: '3号楼', unitCount: 36 },
  { id: 14, name: '4号楼', unitCount: 36 },
];
const units = [
  { id: 301, label: '1单元601' },
  { id: 302, label: '1单元602' },
];
const mismatch = apiError(400, 'VALIDATION_FAILED', '与花名册信息不一致，请上传房产证或购房合同照片，由社区审核', {
  fields: [{ path: 'evidenceUploadId', message: '请上传房产证或购房合同照片' }],
  rosterMatched: false,
});
const claimView = (status: 'approved' | 'pending') => ({
  id: 50,
  unitId: 301,
  relation: 'owner',
  status,
  rosterMatched: status === 'approved',
  rejectReason: null,
  message: status === 'approved' ? '认证已通过' : '已提交，社区工作者审核后会通知您',
});

function placesRoutes() {
  return {
    'GET /api/communities': ok(communities),
    'GET /api/estates/2/buildings': ok(buildings),
    'GET /api/buildings/14/units': ok(units),
    'GET /api/me': ok(aMe()),
  };
}

const input = (name: string) => screen.getByLabelText(name) as HTMLInputElement;
const type = (name: string, value: string) => fireEvent.input(input(name), { target: { value } });

/** Estate → building → unit → 业主 → name (and last 4 digits). */
async function fillOwnerClaim(name: string, last4?: string) {
  fireEvent.click(await screen.findByRole('radio', { name: /锦绣华庭/ }));
  fireEvent.click(await screen.findByRole('radio', { name: /4号楼/ }));
  fireEvent.click(await screen.findByRole('radio', { name: '1单元601' }));
  fireEvent.click(await screen.findByRole('radio', { name: /^业主/ }));
  type('真实姓名', name);
  if (last4) type('登记手机号后四位', last4);
}

describe('unit claim page', () => {
  it('an owner on the roster is approved at once', async () => {
    signedInAs(aMe({ realName: null }));
    const api = routeApi({ ...placesRoutes(), 'POST /api/claims': ok(claimView('approved'), 201) });

    render(<ClaimPage />);
    await fillOwnerClaim('何德明', '1011');
    fireEvent.click(screen.getByText('提交认证'));

    expect(await screen.findByText('已认证')).toBeTruthy();
    expect(screen.getByText(/锦绣华庭 4号楼 1单元601：认证已通过/)).toBeTruthy();
    expect(api.callsTo('POST /api/claims')[0]?.data).toEqual({
      unitId: 301,
      relation: 'owner',
      name: '何德明',
      phoneLast4: '1011',
    });
    expect(taroMock.uploadFile).not.toHaveBeenCalled();
    // The profile is read again so 我的 shows the new unit.
    expect(api.callsTo('GET /api/me')).toHaveLength(1);
    expect(api.unrouted).toEqual([]);
  });

  it('an owner not on the roster is asked for a photo, which is uploaded and the claim filed again with it', async () => {
    signedInAs();
    const api = routeApi({ ...placesRoutes(), 'POST /api/claims': [mismatch, ok(claimView('pending'), 201)] });
    taroMock.chooseImage.mockResolvedValueOnce({
      tempFilePaths: ['blob:certificate'],
      tempFiles: [
        { path: 'blob:certificate', size: 52_000, type: 'image/jpeg', originalFileObj: { name: '房产证.jpg' } },
      ],
    });
    taroMock.uploadFile.mockResolvedValueOnce({
      statusCode: 201,
      data: JSON.stringify({ id: 77, contentType: 'image/jpeg', sizeBytes: 52_000 }),
    });

    render(<ClaimPage />);
    await fillOwnerClaim('周子涵', '9999');
    fireEvent.click(screen.getByText('提交认证'));

    // The server's sentence, not a toast.
    expect(await screen.findByText('与花名册信息不一致，请上传房产证或购房合同照片，由社区审核')).toBeTruthy();
    expect(taroMock.showToast).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: '上传照片并提交' }).getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(screen.getByText('拍照或选择照片'));
    expect(await screen.findByText('已选择照片（51 KB）')).toBeTruthy();
    fireEvent.click(screen.getByText('上传照片并提交'));

    expect(await screen.findByText('已提交，等待社区审核')).toBeTruthy();
    expect(taroMock.uploadFile.mock.calls[0]?.[0]).toMatchObject({
      url: '/api/uploads',
      filePath: 'blob:certificate',
      name: 'file',
      formData: { purpose: 'claim_evidence' },
      fileName: '房产证.jpg',
    });
    const [first, second] = api.callsTo('POST /api/claims').map((call) => call.data);
    expect(first).toEqual({ unitId: 301, relation: 'owner', name: '周子涵', phoneLast4: '9999' });
    expect(second).toEqual({ ...(first as object), evidenceUploadId: 77 });
    expect(taroMock.getStorageSync(CLAIM_DRAFT_STORAGE_KEY)).toBe('');
  });

  it('checks the photo on the device: a wrong type or a too large file is refused before uploading', async () => {
    signedInAs();
    routeApi({ ...placesRoutes(), 'POST /api/claims': mismatch });
    taroMock.chooseImage
      .mockResolvedValueOnce({
        tempFilePaths: ['blob:gif'],
        tempFiles: [{ path: 'blob:gif', size: 1000, type: 'image/gif' }],
      })
      .mockResolvedValueOnce({
        tempFilePaths: ['blob:huge'],
        tempFiles: [{ path: 'blob:huge', size: PHOTO_MAX_BYTES + 1, type: 'image/png' }],
      });

    render(<ClaimPage />);
    await fillOwnerClaim('周子涵');
    fireEvent.click(screen.getByText('提交认证'));
    fireEvent.click(await screen.findByText('拍照或选择照片'));
    expect(await screen.findByText('只能上传 JPG、PNG 或 WebP 格式的照片，请重新选择')).toBeTruthy();
    fireEvent.click(screen.getByText('拍照或选择照片'));
    expect(await screen.findByText('照片不能超过 10 MB，请重新拍摄或选择较小的照片')).toBeTruthy();
    expect(screen.getByRole('button', { name: '上传照片并提交' }).getAttribute('aria-disabled')).toBe('true');
    expect(taroMock.uploadFile).not.toHaveBeenCalled();
  });

  it('a family member goes to review without a photo; the name is checked before sending', async () => {
    signedInAs(aMe({ realName: null }));
    const api = routeApi({
      ...placesRoutes(),
      'POST /api/claims': ok({ ...claimView('pending'), relation: 'family' }, 201),
    });

    render(<ClaimPage />);
    fireEvent.click(await screen.findByRole('radio', { name: /锦绣华庭/ }));
    fireEvent.click(await screen.findByRole('radio', { name: /4号楼/ }));
    fireEvent.click(await screen.findByRole('radio', { name: '1单元602' }));
    fireEvent.click(screen.getByText('提交认证'));
    expect(await screen.findByText('请选择您与这套房屋的关系')).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: /^家庭成员/ }));
    expect(screen.queryByLabelText('登记手机号后四位')).toBeNull();
    fireEvent.click(screen.getByText('提交认证'));
    expect(await screen.findByText('请填写真实姓名')).toBeTruthy();
    expect(api.callsTo('POST /api/claims')).toHaveLength(0);

    type('真实姓名', '周子涵');
    fireEvent.click(screen.getByText('提交认证'));

    expect(await screen.findByText('已提交，等待社区审核')).toBeTruthy();
    expect(api.callsTo('POST /api/claims')[0]?.data).toEqual({ unitId: 302, relation: 'family', name: '周子涵' });
  });

  it('keeps a draft when filing fails and fills the form with it next time', async () => {
    signedInAs();
    routeApi({ ...placesRoutes(), 'POST /api/claims': apiError(503, 'DATABASE_BUSY', '系统繁忙，请稍后重试') });

    render(<ClaimPage />);
    await fillOwnerClaim('周子涵', '1234');
    fireEvent.click(screen.getByText('提交认证'));

    await waitFor(() =>
      expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '系统繁忙，请稍后重试' })),
    );
    expect(taroMock.getStorageSync(CLAIM_DRAFT_STORAGE_KEY)).toEqual({
      name: '周子涵',
      estateId: 2,
      buildingId: 14,
      unitId: 301,
      relation: 'owner',
      phoneLast4: '1234',
    });

    cleanup();
    render(<ClaimPage />);

    expect(await screen.findByText('已为您填好上次没有提交成功的内容，请核对后重新提交。')).toBeTruthy();
    expect(await screen.findByText('1单元601')).toBeTruthy();
    expect(input('真实姓名').value).toBe('周子涵');
    expect(input('登记手机号后四位').value).toBe('1234');
  });

  it('sends a resident who has not accepted the privacy agreement to it first', async () => {
    signedInAs(aMe({ privacyAccepted: false }));
    routeApi(placesRoutes());

    render(<ClaimPage />);

    await waitFor(() => expect(taroMock.redirectTo).toHaveBeenCalledWith({ url: '/pages/privacy/index?next=claim' }));
    expect(screen.queryByText('① 选择房屋')).toBeNull();
  });

  it('a resident without a community picks one first (and can change it)', async () => {
    signedInAs(aMe({ communities: [] }));
    routeApi({
      ...placesRoutes(),
      'GET /api/communities': ok([
        ...communities,
        {
          id: 2,
          name: '青石桥社区',
          subDistrictName: '长青街道',
          estates: [{ id: 4, name: '青石苑', kind: 'commercial' }],
        },
      ]),
    });

    render(<ClaimPage />);
    fireEvent.click(await screen.findByRole('radio', { name: /青石桥社区/ }));
    expect(screen.getByRole('radio', { name: /青石苑/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '修改社区' }));
    fireEvent.click(screen.getByRole('radio', { name: /和平里社区/ }));
    expect(screen.getByRole('radio', { name: /锦绣华庭/ })).toBeTruthy();
  });

  it('asks a signed-out visitor to sign in', () => {
    render(<ClaimPage />);
    expect(screen.getByText('请先登录，再认证您的房屋。')).toBeTruthy();
    expect(taroMock.request).not.toHaveBeenCalled();
  });
});
