import type { LocalFile } from '@/services/moderation';
import { ROSTER_SAMPLE_CSV, ROSTER_SAMPLE_FILE_NAME } from './roster-sample';

/**
 * Picking a roster file on the web console: a hidden `<input type=file>`
 * (Taro's chooseMessageFile does not exist on the web). The file becomes an
 * object URL, which Taro.uploadFile reads back.
 */

export const CAN_DOWNLOAD_ROSTER_SAMPLE = true;

export const ROSTER_FILE_SOURCE_HINT = '支持 Excel（.xlsx）和 CSV 文件，不超过 10 MB';

const ACCEPT = ['.csv', '.xlsx', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'].join(
  ',',
);

/** Opens the browser's file dialog for one CSV/XLSX file; null when the moderator cancels. */
export function chooseRosterFile(): Promise<LocalFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = ACCEPT;
    input.hidden = true;
    input.setAttribute('aria-hidden', 'true');
    input.tabIndex = -1;
    const finish = (file: LocalFile | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      finish(file ? { path: URL.createObjectURL(file), name: file.name, size: file.size } : null);
    });
    input.addEventListener('cancel', () => finish(null));
    document.body.appendChild(input);
    input.click();
  });
}

/** Frees the object URL of a file picked earlier. */
export function releaseRosterFile(file: LocalFile): void {
  if (file.path.startsWith('blob:')) URL.revokeObjectURL(file.path);
}

/** Saves the sample roster as a CSV file (UTF-8 with a BOM, so Excel shows the Chinese). */
export function downloadRosterSample(): void {
  const blob = new Blob([`\uFEFF${ROSTER_SAMPLE_CSV}`], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = ROSTER_SAMPLE_FILE_NAME;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
