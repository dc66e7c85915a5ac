import { ROSTER_MAX_BYTES } from '@shared/communities/roster';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import {
  type LocalFile,
  type ModeratedCommunity,
  type RosterImportMode,
  type RosterImportReport,
  type RosterUpload,
  uploadRoster,
} from '@/services/moderation';
import { ApiError } from '@/services/request';
import { ModeratorButton } from '../components/ModeratorButton';
import { backToWorkbench, ModeratorGate } from '../components/ModeratorGate';
import { RosterColumnGuide } from '../components/RosterColumnGuide';
import { RosterReport } from '../components/RosterReport';
import { StatusPanel } from '../components/StatusPanel';
import { UploadProgress } from '../components/UploadProgress';
import {
  CAN_DOWNLOAD_ROSTER_SAMPLE,
  chooseRosterFile,
  downloadRosterSample,
  ROSTER_FILE_SOURCE_HINT,
  releaseRosterFile,
} from './roster-files';
import './index.css';

type Step =
  | { kind: 'idle' }
  | { kind: 'uploading'; file: LocalFile; mode: RosterImportMode; percent: number; previous?: RosterImportReport }
  | { kind: 'checked'; file: LocalFile; report: RosterImportReport }
  | { kind: 'imported'; file: LocalFile; report: RosterImportReport }
  | { kind: 'failed'; file?: LocalFile; message: string; previous?: RosterImportReport };

const ACTION_LABELS: Record<RosterImportMode, string> = {
  validate: '正在检查',
  all: '正在导入',
  valid_rows: '正在导入无误的行',
};

/** A file Yishi reads: CSV or XLSX (by name here; the server decides by content). */
export function rosterFileProblem(file: LocalFile): string | null {
  if (file.size > ROSTER_MAX_BYTES)
    return `文件有 ${(file.size / 1024 / 1024).toFixed(1)} MB，超过 10 MB，请拆分后分批导入。`;
  if (/\.(xls|et|numbers)$/i.test(file.name)) {
    return '不支持旧版 Excel（.xls）或 WPS 表格，请先“另存为”Excel 工作簿（.xlsx）或 CSV 后再选择。';
  }
  return null;
}

/** 居民名册导入: check a roster file, then import all of it or only its valid rows. */
export default function RosterPage() {
  return (
    <ModeratorGate
      title="居民名册导入"
      intro="导入小区、楼栋、房屋和业主名册。先检查文件，确认无误后再导入；已有的房屋按名册更新。"
      showBackToWorkbench
    >
      {({ community }) => <RosterImport community={community} />}
    </ModeratorGate>
  );
}

function RosterImport({ community }: { community: ModeratedCommunity }) {
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const upload = useRef<RosterUpload | null>(null);
  const file = useRef<LocalFile | null>(null);

  useEffect(
    () => () => {
      upload.current?.abort();
      if (file.current) releaseRosterFile(file.current);
    },
    [],
  );

  const send = async (chosen: LocalFile, mode: RosterImportMode, previous?: RosterImportReport) => {
    setStep({ kind: 'uploading', file: chosen, mode, percent: 0, previous });
    const task = uploadRoster(community.id, chosen, mode, (percent) =>
      setStep((current) => (current.kind === 'uploading' && current.mode === mode ? { ...current, percent } : current)),
    );
    upload.current = task;
    try {
      const report = await task.result;
      if (upload.current !== task) return;
      // `all` refuses to write when a row went wrong; the report then lists why.
      setStep(report.applied ? { kind: 'imported', file: chosen, report } : { kind: 'checked', file: chosen, report });
      if (report.applied) void Taro.showToast({ title: '导入完成', icon: 'success', duration: 2000 });
    } catch (error) {
      if (upload.current !== task) return;
      setStep({
        kind: 'failed',
        file: chosen,
        previous,
        message: error instanceof ApiError ? error.message : '上传失败，请稍后重试',
      });
    } finally {
      if (upload.current === task) upload.current = null;
    }
  };

  const choose = async () => {
    let chosen: LocalFile | null;
    try {
      chosen = await chooseRosterFile();
    } catch {
      setStep({ kind: 'failed', message: '无法打开文件，请重新选择' });
      return;
    }
    if (!chosen) return;
    if (file.current) releaseRosterFile(file.current);
    file.current = chosen;
    const problem = rosterFileProblem(chosen);
    if (problem) {
      setStep({ kind: 'failed', file: chosen, message: problem });
      return;
    }
    await send(chosen, 'validate');
  };

  const cancel = () => {
    upload.current?.abort();
    upload.current = null;
    setStep({ kind: 'idle' });
  };

  return (
    <>
      {step.kind === 'idle' && (
        <View className="roster-page__choose">
          <ModeratorButton size="large" onClick={() => void choose()}>
            选择名册文件
          </ModeratorButton>
          <View className="roster-page__hint">{ROSTER_FILE_SOURCE_HINT}</View>
        </View>
      )}

      {step.kind === 'uploading' && (
        <>
          {step.previous && <RosterReport report={step.previous} fileName={step.file.name} />}
          <UploadProgress label={`${ACTION_LABELS[step.mode]}：${step.file.name}`} percent={step.percent} />
          {/* Once an import's file is sent the server may already be writing: stopping then would mislead. */}
          {(step.mode === 'validate' || step.percent < 100) && (
            <ModeratorButton variant="secondary" onClick={cancel}>
              取消
            </ModeratorButton>
          )}
        </>
      )}

      {step.kind === 'failed' && (
        <>
          {step.previous && step.file && <RosterReport report={step.previous} fileName={step.file.name} />}
          <StatusPanel
            kind="error"
            title={step.file ? `“${step.file.name}”未能处理` : '未能处理文件'}
            description={step.message}
          >
            {step.file && !rosterFileProblem(step.file) && (
              <ModeratorButton variant="secondary" onClick={() => void send(step.file!, 'validate')}>
                重新检查
              </ModeratorButton>
            )}
            <ModeratorButton variant="secondary" onClick={() => void choose()}>
              重新选择文件
            </ModeratorButton>
          </StatusPanel>
        </>
      )}

      {step.kind === 'checked' && <CheckedActions step={step} onImport={send} onChooseAgain={choose} />}

      {step.kind === 'imported' && (
        <>
          <RosterReport report={step.report} fileName={step.file.name} />
          <View className="roster-page__actions">
            <ModeratorButton size="large" variant="secondary" onClick={() => void choose()}>
              导入另一个文件
            </ModeratorButton>
            <ModeratorButton size="large" variant="secondary" onClick={() => backToWorkbench(community.id)}>
              返回工作台
            </ModeratorButton>
          </View>
        </>
      )}

      <RosterColumnGuide canDownloadSample={CAN_DOWNLOAD_ROSTER_SAMPLE} onDownloadSample={downloadRosterSample} />
    </>
  );
}

interface CheckedActionsProps {
  step: Extract<Step, { kind: 'checked' }>;
  onImport: (file: LocalFile, mode: RosterImportMode, previous: RosterImportReport) => Promise<void>;
  onChooseAgain: () => Promise<void>;
}

/** After the check: 全部导入 when every row is valid; 只导入无误的行 when some are not. */
function CheckedActions({ step, onImport, onChooseAgain }: CheckedActionsProps) {
  const { report, file } = step;
  const hasErrors = report.errors.length > 0;
  const canImportAll = !hasErrors && report.validRows > 0;
  return (
    <>
      <RosterReport report={report} fileName={file.name} />
      <View className="roster-page__actions">
        <ModeratorButton
          size="large"
          disabled={!canImportAll}
          onClick={() => void onImport(file, 'all', report)}
          aria-describedby={hasErrors ? 'roster-import-all-hint' : undefined}
        >
          {canImportAll ? `全部导入（${report.validRows} 行）` : '全部导入'}
        </ModeratorButton>
        {hasErrors && (
          <View id="roster-import-all-hint" className="roster-page__hint">
            文件中有问题的行，不能全部导入：请修改后重新选择文件，或只导入无误的行。
          </View>
        )}
        {hasErrors && (
          <ModeratorButton
            size="large"
            variant="secondary"
            disabled={report.validRows === 0}
            onClick={() => void onImport(file, 'valid_rows', report)}
          >
            {report.validRows > 0 ? `只导入无误的行（${report.validRows} 行）` : '没有无误的行可导入'}
          </ModeratorButton>
        )}
        <ModeratorButton size="large" variant="secondary" onClick={() => void onChooseAgain()}>
          重新选择文件
        </ModeratorButton>
      </View>
    </>
  );
}
