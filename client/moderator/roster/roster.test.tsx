import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { LocalFile, RosterImportReport } from '@/services/moderation';
import { ok, routeApi, signedInAs } from '@/test-support/fixtures';
import { taroMock } from '@/test-support/taro-mock';
import { aModerator, aRosterReport } from '../moderator.fixtures';
import RosterPage, { rosterFileProblem } from '.';
import { chooseRosterFile } from './roster-files';
import { ROSTER_SAMPLE_CSV } from './roster-sample';

jest.mock('./roster-files', () => ({
  CAN_DOWNLOAD_ROSTER_SAMPLE: true,
  ROSTER_FILE_SOURCE_HINT: '支持 Excel（.xlsx）和 CSV 文件',
  chooseRosterFile: jest.fn(),
  releaseRosterFile: jest.fn(),
  downloadRosterSample: jest.fn(),
}));

const choose = chooseRosterFile as jest.MockedFunction<typeof chooseRosterFile>;
const file: LocalFile = { path: 'blob:http://localhost/roster', name: '和平里名册.csv', size: 2048 };

const withErrors = aRosterReport({
  totalRows: 30,
  validRows: 27,
  errors: [
    { line: 4, column: '建筑面积(㎡)', reason: '建筑面积最多保留两位小数，现在是“89.555”' },
    { line: 9, column: '业主姓名', reason: '业主姓名不能为空（只有开发商持有的户可以不填）' },
    { line: 9, column: '业主手机', reason: '手机号“1380000”位数不对' },
  ],
  ignoredColumns: ['备注'],
});

/** Answers the roster uploads in turn; records the mode of each. */
function answerUploads(...reports: RosterImportReport[]) {
  const modes: string[] = [];
  taroMock.uploadFile.mockImplementation(async (options) => {
    const mode = String(options.formData?.mode);
    modes.push(mode);
    const report = reports[Math.min(modes.length - 1, reports.length - 1)]!;
    return { statusCode: 200, data: JSON.stringify({ ...report, mode }) };
  });
  return modes;
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });

beforeEach(() => {
  choose.mockReset().mockResolvedValue(file);
  signedInAs(aModerator());
  routeApi({ 'GET /api/me': ok(aModerator()) });
});

describe('居民名册导入 page', () => {
  it('checks the chosen file first and lists every problem as line / column / reason', async () => {
    const modes = answerUploads(withErrors);
    render(<RosterPage />);

    fireEvent.click(await screen.findByRole('button', { name: '选择名册文件' }));

    const table = await screen.findByRole('table', { name: '名册问题列表' });
    expect(modes).toEqual(['validate']);
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['第 4 行', '建筑面积(㎡)', '建筑面积最多保留两位小数，现在是“89.555”']);
    expect(screen.getByText('发现 3 处问题')).toBeTruthy();
    expect(screen.getByText('有问题的行').previousSibling?.textContent).toBe('2');
    expect(screen.getByText('以下列不属于名册，已忽略：备注')).toBeTruthy();
  });

  it('with errors: 全部导入 is disabled, 只导入无误的行 imports the valid rows', async () => {
    const modes = answerUploads(
      withErrors,
      aRosterReport({
        ...withErrors,
        applied: true,
        created: { estates: 1, buildings: 3, units: 27, owners: 25 },
        updatedUnits: 0,
      }),
    );
    render(<RosterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '选择名册文件' }));
    await screen.findByRole('table', { name: '名册问题列表' });

    const importAll = button('全部导入');
    expect(importAll.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(importAll);
    fireEvent.keyDown(importAll, { key: 'Enter' });
    expect(modes).toEqual(['validate']);

    fireEvent.click(button('只导入无误的行（27 行）'));

    expect(await screen.findByText('导入完成')).toBeTruthy();
    expect(modes).toEqual(['validate', 'valid_rows']);
    expect(screen.getByText(/已导入 27 行，有问题的 2 行未导入/)).toBeTruthy();
    expect(screen.getByText('新建房屋').nextSibling?.textContent).toBe('27');
    expect(screen.getByText('新建业主').nextSibling?.textContent).toBe('25');
  });

  it('without errors: 全部导入 imports everything and shows what was created and updated', async () => {
    const modes = answerUploads(
      aRosterReport(),
      aRosterReport({
        applied: true,
        created: { estates: 0, buildings: 5, units: 14, owners: 21 },
        updatedUnits: 6,
        unchangedUnits: 0,
      }),
    );
    render(<RosterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '选择名册文件' }));
    await screen.findByText(/全部 20 行检查无误/);

    expect(screen.queryByRole('button', { name: /只导入无误的行/ })).toBeNull();
    const importAll = button('全部导入（20 行）');
    expect(importAll.getAttribute('aria-disabled')).toBeNull();
    fireEvent.click(importAll);

    expect(await screen.findByText('导入完成')).toBeTruthy();
    expect(modes).toEqual(['validate', 'all']);
    expect(screen.getByText('新建楼栋').nextSibling?.textContent).toBe('5');
    expect(screen.getByText('新建房屋').nextSibling?.textContent).toBe('14');
    expect(screen.getByText('更新房屋').nextSibling?.textContent).toBe('6');
    expect(taroMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '导入完成' }));
  });

  it('pages through many problems twenty at a time', async () => {
    const errors = Array.from({ length: 45 }, (_, index) => ({
      line: index + 2,
      column: '房号',
      reason: `第 ${index + 2} 行的房号有误`,
    }));
    answerUploads(aRosterReport({ totalRows: 45, validRows: 0, errors }));
    render(<RosterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '选择名册文件' }));
    const table = await screen.findByRole('table', { name: '名册问题列表' });

    expect(within(table).getAllByRole('row')).toHaveLength(21);
    expect(screen.getByText('第 1 / 3 页')).toBeTruthy();
    expect(button('没有无误的行可导入').getAttribute('aria-disabled')).toBe('true');

    fireEvent.click(button('下一页'));
    fireEvent.click(button('下一页'));
    expect(screen.getByText('第 3 / 3 页')).toBeTruthy();
    expect(within(screen.getByRole('table', { name: '名册问题列表' })).getAllByRole('row')).toHaveLength(6);
    expect(screen.getByText('第 46 行的房号有误')).toBeTruthy();
  });

  it('shows upload progress, then says the server is processing', async () => {
    let finish: (value: { statusCode: number; data: string }) => void = () => undefined;
    let listener: (update: { progress: number }) => void = () => undefined;
    taroMock.uploadFile.mockImplementation(() =>
      Object.assign(
        new Promise<{ statusCode: number; data: string }>((resolve) => {
          finish = resolve;
        }),
        {
          progress: (callback: (update: { progress: number }) => void) => {
            listener = callback;
          },
        },
      ),
    );
    render(<RosterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '选择名册文件' }));

    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('aria-label')).toBe('正在检查：和平里名册.csv');
    act(() => listener({ progress: 35 }));
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('35');
    act(() => listener({ progress: 100 }));
    expect(await screen.findByText('上传完成，服务器正在处理…')).toBeTruthy();

    await act(async () => finish({ statusCode: 200, data: JSON.stringify(aRosterReport()) }));
    expect(await screen.findByText(/全部 20 行检查无误/)).toBeTruthy();
  });

  it('shows the server’s reason when it refuses the file as a whole', async () => {
    taroMock.uploadFile.mockResolvedValue({
      statusCode: 415,
      data: JSON.stringify({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '这不是 CSV 或 Excel（.xlsx）文件' } }),
    });
    render(<RosterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '选择名册文件' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('这不是 CSV 或 Excel（.xlsx）文件');
    expect(within(alert).getByRole('button', { name: '重新选择文件' })).toBeTruthy();
  });

  it('refuses an old .xls or an oversized file before uploading it', async () => {
    expect(rosterFileProblem({ ...file, name: '名册.xls' })).toMatch(/另存为/);
    expect(rosterFileProblem({ ...file, size: 11 * 1024 * 1024 })).toMatch(/超过 10 MB/);
    expect(rosterFileProblem(file)).toBeNull();

    choose.mockResolvedValue({ ...file, name: '名册.xls' });
    render(<RosterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '选择名册文件' }));

    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(taroMock.uploadFile).not.toHaveBeenCalled();
  });

  it('summarizes the columns from the shared roster definition', async () => {
    render(<RosterPage />);
    fireEvent.click(await screen.findByRole('button', { name: '查看各列说明' }));

    const guide = screen.getByRole('table', { name: '名册各列说明' });
    expect(within(guide).getAllByRole('row')).toHaveLength(10);
    expect(within(guide).getByText(/也可写作：楼号、楼栋号/)).toBeTruthy();
    expect(screen.getByText('小区,楼栋,房号,建筑面积(㎡),面积来源,开发商持有,业主姓名,业主手机,业主编号')).toBeTruthy();

    fireEvent.click(button('复制表头'));
    expect(taroMock.setClipboardData).toHaveBeenCalledWith({
      data: '小区,楼栋,房号,建筑面积(㎡),面积来源,开发商持有,业主姓名,业主手机,业主编号',
    });
  });

  it('offers the same sample as docs/roster-sample.csv', () => {
    const documented = readFileSync(path.join(__dirname, '../../../docs/roster-sample.csv'), 'utf8');
    expect(`\uFEFF${ROSTER_SAMPLE_CSV}`.replace(/\r\n/g, '\n')).toBe(documented.replace(/\r\n/g, '\n'));
  });
});
