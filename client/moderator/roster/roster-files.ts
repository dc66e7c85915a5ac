import Taro from '@tarojs/taro';
import type { LocalFile } from '@/services/moderation';

/**
 * Picking a roster file on WeChat: a phone has no file browser, so the file
 * comes from a chat (文件传输助手 or a colleague) through
 * `chooseMessageFile`. The web console uses roster-files.h5.ts instead.
 */

/** Whether this platform can save the sample file (the web can; WeChat shows the header row to copy). */
export const CAN_DOWNLOAD_ROSTER_SAMPLE = false;

/** Where the moderator picks the file, shown under the button. */
export const ROSTER_FILE_SOURCE_HINT = '从微信聊天中选择文件（可先把表格发送到“文件传输助手”）';

/** Lets the moderator pick one CSV/XLSX file; null when they cancel. */
export async function chooseRosterFile(): Promise<LocalFile | null> {
  try {
    const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv', 'xlsx'] });
    const file = tempFiles[0];
    return file ? { path: file.path, name: file.name, size: file.size } : null;
  } catch (error) {
    const message = (error as { errMsg?: string } | undefined)?.errMsg ?? '';
    if (message.includes('cancel')) return null;
    throw error;
  }
}

/** Temp files from a chat are cleaned up by WeChat. */
export function releaseRosterFile(_file: LocalFile): void {}

/** Not available in the mini-program (see CAN_DOWNLOAD_ROSTER_SAMPLE). */
export function downloadRosterSample(): void {}
