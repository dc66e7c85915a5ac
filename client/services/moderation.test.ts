import { jest } from '@jest/globals';
import { apiError, ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import {
  approveClaim,
  listClaims,
  listMembers,
  loadEvidencePhoto,
  readRosterResponse,
  rejectClaim,
  restoreMember,
  suspendMember,
  uploadRoster,
} from './moderation';
import { ApiError } from './request';

const report = {
  mode: 'validate',
  format: 'csv',
  totalRows: 2,
  validRows: 1,
  errors: [{ line: 3, column: '建筑面积(㎡)', reason: '建筑面积最多保留两位小数，现在是“89.555”' }],
  ignoredColumns: [],
  applied: false,
  created: { estates: 0, buildings: 0, units: 0, owners: 0 },
  updatedUnits: 0,
  unchangedUnits: 0,
};

type DownloadResult = { statusCode: number; tempFilePath: string };
const downloadFile = jest.fn<(options: { url: string; header?: Record<string, string> }) => Promise<DownloadResult>>();
Object.assign(taroMock, { downloadFile });

beforeEach(() => {
  downloadFile.mockReset();
  signedInAs(undefined, 'moderator-token');
});

describe('moderation service: claims', () => {
  it('lists the claims of one status with the bearer token', async () => {
    const api = routeApi({ 'GET /api/communities/1/claims': ok([]) });

    await expect(listClaims(1, 'rejected')).resolves.toEqual([]);

    const [call] = api.callsTo('GET /api/communities/1/claims');
    expect(call?.data).toEqual({ status: 'rejected' });
    expect(call?.header).toMatchObject({ Authorization: 'Bearer moderator-token' });
  });

  it('approves with an empty body and rejects with the trimmed reason', async () => {
    const view = {
      id: 6,
      unitId: 22,
      relation: 'family',
      status: 'approved',
      rosterMatched: false,
      rejectReason: null,
      message: '已通过',
    };
    const api = routeApi({
      'POST /api/claims/6/approve': ok(view),
      'POST /api/claims/7/reject': ok({ ...view, id: 7, status: 'rejected', rejectReason: '材料不清晰' }),
    });

    await approveClaim(6);
    await rejectClaim(7, '  材料不清晰 ');

    expect(api.callsTo('POST /api/claims/6/approve')[0]?.data).toEqual({});
    const reject = api.callsTo('POST /api/claims/7/reject')[0];
    expect(reject?.data).toEqual({ reason: '材料不清晰' });
    expect(reject?.header?.['Idempotency-Key']).toEqual(expect.any(String));
  });

  it('passes on ILLEGAL_TRANSITION when another moderator decided first', async () => {
    routeApi({
      'POST /api/claims/6/approve': apiError(409, 'ILLEGAL_TRANSITION', '该申请已处理（已通过），不能再审核'),
    });

    await expect(approveClaim(6)).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409 });
  });

  it('downloads an evidence photo with the token and gives back a path an Image can show', async () => {
    downloadFile.mockResolvedValue({ statusCode: 200, tempFilePath: 'blob:http://localhost/photo-1' });

    await expect(loadEvidencePhoto(41)).resolves.toBe('blob:http://localhost/photo-1');
    expect(downloadFile).toHaveBeenCalledWith(
      expect.objectContaining({ url: '/api/uploads/41', header: { Authorization: 'Bearer moderator-token' } }),
    );
  });

  it('turns a refused photo download into an ApiError', async () => {
    downloadFile.mockResolvedValue({ statusCode: 404, tempFilePath: '' });
    await expect(loadEvidencePhoto(41)).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });

    downloadFile.mockRejectedValue({ errMsg: 'downloadFile:fail' });
    await expect(loadEvidencePhoto(41)).rejects.toMatchObject({ code: 'NETWORK_ERROR', status: 0 });
  });
});

describe('moderation service: members', () => {
  it('sends the filter, the search words and the keyset cursor, leaving out what is empty', async () => {
    const api = routeApi({ 'GET /api/communities/1/members': ok([]) });

    await listMembers(1, { status: 'all', q: '  ' });
    await listMembers(1, { status: 'suspended', q: ' 王 ', after: 12 });

    const [first, second] = api.callsTo('GET /api/communities/1/members');
    expect(first?.data).toEqual({ status: 'all', limit: 30 });
    expect(second?.data).toEqual({ status: 'suspended', q: '王', after: 12, limit: 30 });
  });

  it('suspends with a reason and restores with an empty body', async () => {
    const api = routeApi({
      'POST /api/communities/1/members/5/suspend': ok(null, 204),
      'POST /api/communities/1/members/5/restore': ok(null, 204),
    });

    await suspendMember(1, 5, ' 冒用他人身份 ');
    await restoreMember(1, 5);

    expect(api.callsTo('POST /api/communities/1/members/5/suspend')[0]?.data).toEqual({ reason: '冒用他人身份' });
    expect(api.callsTo('POST /api/communities/1/members/5/restore')[0]?.data).toEqual({});
  });
});

describe('moderation service: roster upload', () => {
  const file = { path: 'blob:http://localhost/roster', name: '名册.csv', size: 1200 };

  it('uploads the file as part `file` with the mode, token and an Idempotency-Key, and reports progress', async () => {
    const progress: number[] = [];
    taroMock.uploadFile.mockImplementation(() => {
      let listener: ((update: { progress: number }) => void) | undefined;
      const task = Promise.resolve().then(() => {
        listener?.({ progress: 40 });
        listener?.({ progress: 100 });
        return { statusCode: 200, data: JSON.stringify(report) };
      });
      return Object.assign(task, {
        progress: (callback: (update: { progress: number }) => void) => {
          listener = callback;
        },
      });
    });

    const upload = uploadRoster(1, file, 'validate', (percent) => progress.push(percent));

    await expect(upload.result).resolves.toEqual(report);
    expect(progress).toEqual([40, 100]);
    const options = taroMock.uploadFile.mock.calls[0]?.[0];
    expect(options).toMatchObject({
      url: '/api/communities/1/roster',
      filePath: file.path,
      name: 'file',
      fileName: '名册.csv',
      formData: { mode: 'validate' },
    });
    expect(options?.header).toMatchObject({ Authorization: 'Bearer moderator-token' });
    expect(options?.header?.['Idempotency-Key']).toEqual(expect.any(String));
  });

  it('maps an error body (a string, as uploadFile answers) to an ApiError', async () => {
    taroMock.uploadFile.mockResolvedValue({
      statusCode: 415,
      data: JSON.stringify({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持旧版 Excel（.xls）文件' } }),
    });

    const error = await uploadRoster(1, file, 'all').result.catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      status: 415,
      message: '不支持旧版 Excel（.xls）文件',
    });
  });

  it('treats an upload that never got an answer as a network failure', async () => {
    taroMock.uploadFile.mockRejectedValue({ errMsg: 'uploadFile:fail timeout' });

    await expect(uploadRoster(1, file, 'valid_rows').result).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
  });

  it('refuses a success body that is not a report', () => {
    expect(() => readRosterResponse(200, '<html>proxy</html>')).toThrow(ApiError);
    expect(() => readRosterResponse(413, '')).toThrow(expect.objectContaining({ code: 'PAYLOAD_TOO_LARGE' }));
    expect(readRosterResponse(200, report)).toEqual(report);
  });
});
