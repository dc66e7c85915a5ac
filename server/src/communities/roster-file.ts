import { type CellValue, Workbook } from 'exceljs';
import {
  ROSTER_HEADER_SEARCH_ROWS,
  ROSTER_MAX_BYTES,
  ROSTER_MAX_ROWS,
  type RosterCell,
  type RosterError,
  type RosterRecord,
  type ValidRosterRow,
  validateRosterTable,
} from '../../../shared/src/communities/roster';
import { AppError } from '../http/app-error';

/**
 * Reads a roster file a moderator uploads (CSV or XLSX) into validated rows.
 * The rules for the content live in shared/src/communities/roster.ts; this
 * file only turns bytes into a table of cell texts with row numbers.
 */

export type RosterFileFormat = 'csv' | 'xlsx';

export interface RosterFileResult {
  /** Valid rows, each with the line it came from. */
  rows: ValidRosterRow[];
  /** Every problem found, sorted by line; the import should not proceed while there are any. */
  errors: RosterError[];
  /** Data rows in the file (non-blank rows below the header), valid or not. */
  totalRows: number;
  format: RosterFileFormat;
  /** How a CSV file was decoded ('utf-8', 'gb18030', 'utf-16le', 'utf-16be'); null for XLSX. */
  encoding: string | null;
  /** Headers of columns that are not roster columns and were ignored. */
  ignoredColumns: string[];
}

/** An XLSX whose parts would unpack to more than this is refused before it is opened. */
const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;

/**
 * Parses and validates a roster file. The format is found from the content
 * (an XLSX is a ZIP starting with PK\x03\x04; anything else must be text in
 * UTF-8, GB18030/GBK or UTF-16 with a BOM); `source` (file name or MIME type)
 * is only used in messages. Problems in the content come back in `errors`.
 * Throws AppError UNSUPPORTED_MEDIA_TYPE for a file that is neither CSV nor
 * XLSX or cannot be read, PAYLOAD_TOO_LARGE above 10 MB or 20,000 rows.
 */
export async function parseRosterFile(buffer: Uint8Array, source: string): Promise<RosterFileResult> {
  if (buffer.byteLength > ROSTER_MAX_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', { message: '名册文件不能超过 10 MB' });
  }
  const bytes = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  if (bytes.byteLength === 0) return finish([], 'csv', 'utf-8', []);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return finish(await readXlsx(bytes, source), 'xlsx', null, []);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
      message:
        '这是旧版 Excel（.xls）或设置了密码的表格，无法读取；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV（不设密码）后再上传',
    });
  }
  const decoded = decodeText(bytes);
  if (!decoded) {
    throw notATable(source);
  }
  const { records, errors } = parseDelimitedText(decoded.text);
  return finish(records, 'csv', decoded.encoding, errors);
}

function finish(
  records: RosterRecord[],
  format: RosterFileFormat,
  encoding: string | null,
  readErrors: RosterError[],
): RosterFileResult {
  // A cheap count first, so a huge file is refused before it is validated
  // (title rows above the header may account for a few); then the exact one.
  let nonBlank = 0;
  for (const record of records) {
    if (record.cells.some((cell) => typeof cell !== 'string' || cell.trim() !== '')) nonBlank++;
  }
  if (nonBlank > ROSTER_MAX_ROWS + ROSTER_HEADER_SEARCH_ROWS) throw tooManyRows(nonBlank - 1);
  const validation = validateRosterTable(records);
  if (validation.totalRows > ROSTER_MAX_ROWS) throw tooManyRows(validation.totalRows);
  const errors = readErrors.length
    ? [...validation.errors, ...readErrors].sort((a, b) => a.line - b.line)
    : validation.errors;
  return {
    rows: validation.rows,
    errors,
    totalRows: validation.totalRows,
    format,
    encoding,
    ignoredColumns: validation.ignoredColumns,
  };
}

function tooManyRows(count: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', {
    message: `名册最多 ${ROSTER_MAX_ROWS} 行，这个文件有 ${count} 行，请分成几个文件导入`,
  });
}

function startsWith(bytes: Buffer, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function notATable(source: string): AppError {
  const name = source.trim();
  const what = name && !name.includes('/') ? `文件“${name}”` : '这个文件';
  return new AppError('UNSUPPORTED_MEDIA_TYPE', {
    message: `${what}不是 CSV 或 Excel（.xlsx）表格，请上传 .csv 或 .xlsx 文件`,
  });
}

// ---------------------------------------------------------------------------
// CSV

/**
 * Decodes CSV bytes. A BOM decides (UTF-8, UTF-16 LE/BE); otherwise UTF-8 if
 * the bytes are valid UTF-8, else GB18030 (a superset of GBK, which Excel on
 * Chinese Windows uses for CSV). Null when neither fits or the text holds NUL
 * characters, i.e. it is not a text file.
 */
function decodeText(bytes: Buffer): { text: string; encoding: string } | null {
  const candidates = startsWith(bytes, [0xff, 0xfe])
    ? ['utf-16le']
    : startsWith(bytes, [0xfe, 0xff])
      ? ['utf-16be']
      : ['utf-8', 'gb18030'];
  for (const encoding of candidates) {
    try {
      // The decoder drops a leading BOM itself.
      const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return text.includes('\u0000') ? null : { text, encoding };
    } catch {
      // not this encoding; try the next
    }
  }
  return null;
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas — or
 * by tabs when the first line with either has tabs only (Excel's "Unicode text")
 * — records by CRLF, LF or CR; a quoted field may hold commas, line breaks
 * and doubled quotes. Leniently, a quote inside an unquoted field is a plain
 * character, and text after a closing quote is kept. Each record's line is
 * its row number as Excel shows the file (a line break inside a quoted field
 * does not start a new row). An unclosed quote ends reading with an error.
 */
export function parseDelimitedText(text: string): { records: RosterRecord[]; errors: RosterError[] } {
  const records: RosterRecord[] = [];
  // The first line with a tab or a comma decides (a title line may have neither).
  const firstLine = /[^\r\n]*[\t,][^\r\n]*/.exec(text)?.[0] ?? '';
  const delimiter = firstLine.includes('\t') && !firstLine.includes(',') ? 0x09 : 0x2c;
  const length = text.length;
  const isFieldEnd = (code: number) => code === delimiter || code === LF || code === CR;
  let line = 1;
  let cells: string[] = [];
  let pos = 0;
  for (;;) {
    let value = '';
    if (text.charCodeAt(pos) === QUOTE) {
      let start = pos + 1;
      for (;;) {
        const close = text.indexOf('"', start);
        if (close === -1) {
          const reason = `第 ${line} 行有一个引号没有配对，从这一行到文件末尾都无法读取，请检查这一行的引号`;
          return { records, errors: [{ line, column: '', reason }] };
        }
        value += text.slice(start, close);
        if (text.charCodeAt(close + 1) === QUOTE) {
          value += '"';
          start = close + 2;
        } else {
          pos = close + 1;
          break;
        }
      }
    }
    const start = pos;
    while (pos < length && !isFieldEnd(text.charCodeAt(pos))) pos++;
    value += text.slice(start, pos);
    cells.push(value);
    if (pos >= length) break;
    const code = text.charCodeAt(pos);
    if (code === delimiter) {
      pos++;
      continue;
    }
    pos += code === CR && text.charCodeAt(pos + 1) === LF ? 2 : 1;
    records.push({ line, cells });
    cells = [];
    line++;
    if (pos >= length) return { records, errors: [] };
  }
  records.push({ line, cells });
  return { records, errors: [] };
}

// ---------------------------------------------------------------------------
// XLSX

const unreadableWorkbook = (cause?: unknown) =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', {
    message:
      '无法读取这个 Excel 文件，它可能已损坏或不是 .xlsx 表格；请在 Excel 或 WPS 中打开，另存为 .xlsx 或 CSV 后再上传',
    cause,
  });

/**
 * Reads the first visible worksheet. Row numbers are Excel's; a merged cell
 * (e.g. 小区 merged down a block of rows) counts for every row it covers.
 * A ZIP without worksheets (a .docx, say) is not a table.
 */
async function readXlsx(bytes: Buffer, source: string): Promise<RosterRecord[]> {
  assertZipWithinLimits(bytes);
  const workbook = new Workbook();
  try {
    // exceljs types `load` with a Buffer over a plain ArrayBuffer; the bytes are the same.
    await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (cause) {
    throw unreadableWorkbook(cause);
  }
  const sheet = workbook.worksheets.find((candidate) => candidate.state === 'visible') ?? workbook.worksheets[0];
  if (!sheet) throw notATable(source);
  if (sheet.actualRowCount > ROSTER_MAX_ROWS + ROSTER_HEADER_SEARCH_ROWS) throw tooManyRows(sheet.actualRowCount - 1);
  const records: RosterRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: RosterCell[] = [];
    for (let column = 1; column <= row.cellCount; column++) cells.push(xlsxCell(row.getCell(column).value));
    records.push({ line: rowNumber, cells });
  });
  return records;
}

/**
 * A cell value as the text the moderator typed. Numbers keep Excel's 15
 * significant digits, so 89.5 stays "89.5" and a formula's 0.1+0.2 reads
 * "0.3". Dates, error values and formulas without a saved result cannot be
 * trusted as text and come back as problems.
 */
function xlsxCell(value: CellValue): RosterCell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(Number(value.toPrecision(15))) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const shown = `${value.getUTCFullYear()}年${value.getUTCMonth() + 1}月${value.getUTCDate()}日`;
    return {
      problem: `这个单元格被 Excel 当成了日期（${shown}），例如“1-2”会被自动改成 1月2日；请把单元格格式设为“文本”后重新填写`,
    };
  }
  if ('error' in value) return { problem: `单元格是错误值 ${value.error}，请修正公式或直接填写内容` };
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) {
      return { problem: '单元格的公式没有保存计算结果，请在 Excel 或 WPS 中打开并保存后再上传' };
    }
    return xlsxCell(value.result);
  }
  if ('hyperlink' in value) return xlsxCell(value.text as CellValue);
  return '';
}

/**
 * Refuses a ZIP whose entries declare more than MAX_UNZIPPED_BYTES in total
 * (a "zip bomb" can be small on the wire), reading only the central
 * directory. A first line of defence: it trusts the declared sizes.
 */
function assertZipWithinLimits(bytes: Buffer): void {
  const endRecord = 0x06054b50;
  const centralEntry = 0x02014b50;
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === endRecord) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadableWorkbook();
  const entries = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  let total = 0;
  for (let index = 0; index < entries; index++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== centralEntry) throw unreadableWorkbook();
    total += bytes.readUInt32LE(at + 24);
    at += 46 + bytes.readUInt16LE(at + 28) + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  if (total > MAX_UNZIPPED_BYTES) {
    throw new AppError('PAYLOAD_TOO_LARGE', { message: '这个 Excel 文件解压后过大，无法作为名册读取' });
  }
}
