import { z } from 'zod';
import { AREA_SOURCES, type AreaSource } from '../auth/roles';

/**
 * The roster of a community (业主名册): one row per unit (户) with its estate,
 * building, exact area and the owners on file. Moderators import it as CSV or
 * XLSX; this module holds everything about its content that does not touch a
 * file: the columns and their accepted header names, the per-row schema, the
 * checks across rows, and the masking used wherever the public sees an owner.
 * The server reads the bytes (server/src/communities/roster-file.ts); the
 * client can run the same validation on a table before uploading it.
 * The rules are described for committee workers in docs/roster.md.
 */

// ---------------------------------------------------------------------------
// Limits

/** At most this many data rows in one roster file. */
export const ROSTER_MAX_ROWS = 20_000;
/** At most this many bytes in one roster file (10 MB). */
export const ROSTER_MAX_BYTES = 10 * 1024 * 1024;
/** Largest accepted area of one unit, in hundredths of m² (100000 ㎡). */
export const ROSTER_MAX_AREA_CENTI_M2 = 10_000_000;
/** Longest estate name, building name and unit label, in characters. */
export const ROSTER_MAX_LABEL_LENGTH = 40;
/** Longest owner name, in characters. */
export const ROSTER_MAX_NAME_LENGTH = 50;
/** Longest owner reference (业主编号), in characters. */
export const ROSTER_MAX_OWNER_REF_LENGTH = 40;
/** The header is looked for among this many first non-blank rows (title rows may sit above it). */
export const ROSTER_HEADER_SEARCH_ROWS = 10;

// ---------------------------------------------------------------------------
// Columns

export const ROSTER_COLUMN_KEYS = [
  'estate',
  'building',
  'unit',
  'area',
  'area_source',
  'developer_held',
  'owner_name',
  'owner_phone',
  'owner_ref',
] as const;
export type RosterColumnKey = (typeof ROSTER_COLUMN_KEYS)[number];

export interface RosterColumn {
  key: RosterColumnKey;
  /** The header a template uses, and the name used in messages. */
  header: string;
  /** Other headers accepted for this column (the English key is always accepted too). */
  aliases: readonly string[];
  required: boolean;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { key: 'estate', header: '小区', aliases: ['小区名称'], required: true },
  { key: 'building', header: '楼栋', aliases: ['楼号', '楼栋号'], required: true },
  { key: 'unit', header: '房号', aliases: ['单元房号', '户号', '门牌号'], required: true },
  {
    key: 'area',
    header: '建筑面积(㎡)',
    aliases: ['建筑面积', '面积', '面积(㎡)', '面积(平方米)', '建筑面积(平方米)'],
    required: true,
  },
  { key: 'area_source', header: '面积来源', aliases: [], required: false },
  { key: 'developer_held', header: '开发商持有', aliases: ['开发商持有(是/否)'], required: false },
  { key: 'owner_name', header: '业主姓名', aliases: ['业主', '姓名', '产权人'], required: false },
  {
    key: 'owner_phone',
    header: '业主手机',
    aliases: ['联系电话', '手机号', '手机', '手机号码', '电话', '业主电话'],
    required: false,
  },
  { key: 'owner_ref', header: '业主编号', aliases: [], required: false },
];

/** The header row of a blank template, in column order. */
export const ROSTER_TEMPLATE_HEADER: readonly string[] = ROSTER_COLUMNS.map((column) => column.header);

const COLUMN_BY_KEY = new Map(ROSTER_COLUMNS.map((column) => [column.key, column]));

/** The column's template header (小区, 房号, …), for messages. */
export function rosterColumnHeader(key: RosterColumnKey): string {
  return COLUMN_BY_KEY.get(key)?.header ?? key;
}

/**
 * The form a header is compared in: full-width characters folded to ASCII
 * (（）→ (), ㎡ → m2), spaces, underscores, hyphens and required-field
 * asterisks removed, lower case.
 */
export function normalizeHeaderName(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s_\-*]+/g, '')
    .replace(/m²/g, 'm2')
    .toLowerCase();
}

const KEY_BY_HEADER = new Map<string, RosterColumnKey>();
for (const column of ROSTER_COLUMNS) {
  for (const name of [column.header, ...column.aliases, column.key]) {
    KEY_BY_HEADER.set(normalizeHeaderName(name), column.key);
  }
}

/** The column a header cell names, or null when it is not a roster column. */
export function rosterColumnForHeader(text: string): RosterColumnKey | null {
  return KEY_BY_HEADER.get(normalizeHeaderName(text)) ?? null;
}

// ---------------------------------------------------------------------------
// Cell values

/** Placeholders people type into an optional cell to mean "nothing". */
const BLANK_PLACEHOLDERS = new Set(['', '-', '--', '—', '——', '/', '无', '暂无', '空', 'n/a', 'na', 'null']);

function isBlankCell(text: string | undefined): boolean {
  if (text === undefined) return true;
  const trimmed = text.trim();
  // Every placeholder is at most 4 characters; most cells are longer.
  return trimmed.length <= 4 && BLANK_PLACEHOLDERS.has(trimmed.normalize('NFKC').toLowerCase());
}

/** NFKC (full-width digits and letters to ASCII), trimmed, inner runs of whitespace collapsed. */
function tidy(text: string): string {
  return text.normalize('NFKC').trim().replace(/\s+/g, ' ');
}

/** Length in characters (code points), so a rare character outside the BMP counts once. */
function charCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0xd800 || code > 0xdbff) count++;
  }
  return count;
}

/** A value quoted for a message, shortened when long. */
function quote(text: string): string {
  const chars = Array.from(text.trim());
  return `“${chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : chars.join('')}”`;
}

/** Co-owners share one cell, separated by 、 ; / (full- or half-width) or a line break. */
const CO_OWNER_SEPARATOR = /[、;；/／\n]/;

function splitCoOwners(text: string): string[] {
  return text.split(CO_OWNER_SEPARATOR).map((part) => part.trim());
}

function addIssue(ctx: z.RefinementCtx, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

// ---- labels (estate, building, unit)

/** The stored form of an estate name, building name or unit label. */
export function normalizeRosterLabel(text: string): string {
  return tidy(text);
}

function labelSchema(what: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const label = normalizeRosterLabel(raw ?? '');
      if (!label) return addIssue(ctx, `${what}不能为空`);
      const length = charCount(label);
      if (length > ROSTER_MAX_LABEL_LENGTH) {
        return addIssue(ctx, `${what}最多 ${ROSTER_MAX_LABEL_LENGTH} 个字，现在有 ${length} 个字`);
      }
      return label;
    });
}

// ---- area

type AreaReading = { ok: true; centiM2: number } | { ok: false; reason: string };

/**
 * Reads an area in m² exactly into integer hundredths, by string arithmetic:
 * "89.5" → 8950, "1,234.5" → 123450. Trailing zeros past the second decimal
 * are fine ("89.500"); other third decimals are not. A trailing unit
 * (㎡, m2, 平方米, 平米) is tolerated.
 */
export function readAreaCentiM2(text: string): AreaReading {
  const value = text
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(m2|平方米|平米)$/i, '');
  if (!value) return { ok: false, reason: '建筑面积不能为空' };
  if (/^-\d/.test(value)) return { ok: false, reason: `建筑面积必须大于 0，现在是${quote(text)}` };
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return { ok: false, reason: `建筑面积${quote(text)}不是有效的数字，应填写如 89.50` };
  const whole = (match[1] ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = match[2] ?? '';
  if (/[^0]/.test(fraction.slice(2))) {
    return { ok: false, reason: `建筑面积最多保留两位小数，现在是${quote(text)}` };
  }
  if (whole.length > 6) return { ok: false, reason: `建筑面积不能超过 100000 ㎡，现在是${quote(text)}` };
  const centiM2 = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  if (centiM2 === 0) return { ok: false, reason: `建筑面积必须大于 0，现在是${quote(text)}` };
  if (centiM2 > ROSTER_MAX_AREA_CENTI_M2) {
    return { ok: false, reason: `建筑面积不能超过 100000 ㎡，现在是${quote(text)}` };
  }
  return { ok: true, centiM2 };
}

/** Hundredths of m² as the m² a person reads, always with two decimals: 8950 → "89.50". */
export function formatAreaCentiM2(centiM2: number): string {
  const whole = Math.trunc(centiM2 / 100);
  const cents = centiM2 % 100;
  return `${whole}.${String(cents).padStart(2, '0')}`;
}

/** Area cell text → integer hundredths of m². */
export const areaCentiM2Schema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    const reading = readAreaCentiM2(raw ?? '');
    return reading.ok ? reading.centiM2 : addIssue(ctx, reading.reason);
  });

// ---- area source

const AREA_SOURCE_WORDS: Record<string, AreaSource> = {
  登记: 'registered',
  登记面积: 'registered',
  产权登记: 'registered',
  不动产登记: 'registered',
  测绘: 'surveyed',
  测绘面积: 'surveyed',
  实测: 'surveyed',
  实测面积: 'surveyed',
  合同: 'contract',
  合同面积: 'contract',
};
for (const source of AREA_SOURCES) AREA_SOURCE_WORDS[source] = source;

/** 面积来源 cell text → registered / surveyed / contract; blank means registered. */
export const areaSourceSchema = z
  .string()
  .optional()
  .transform((raw, ctx): AreaSource => {
    if (isBlankCell(raw)) return 'registered';
    const source = AREA_SOURCE_WORDS[(raw ?? '').normalize('NFKC').replace(/\s+/g, '').toLowerCase()];
    return source ?? addIssue(ctx, `面积来源${quote(raw ?? '')}无法识别，请填写“登记”“测绘”或“合同”`);
  });

// ---- developer held

const YES_WORDS = new Set(['是', 'y', 'yes', 'true', '1', '√', '✓', '✔']);
const NO_WORDS = new Set(['否', 'n', 'no', 'false', '0', '×', '✗', '✘']);

/** 开发商持有 cell text → boolean; blank means no. */
export const developerHeldSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (isBlankCell(raw)) return false;
    const word = (raw ?? '').normalize('NFKC').trim().toLowerCase();
    if (YES_WORDS.has(word)) return true;
    if (NO_WORDS.has(word)) return false;
    return addIssue(ctx, `开发商持有${quote(raw ?? '')}无法识别，请填写“是”或“否”`);
  });

// ---- owner names

/** Why a name is not acceptable, or null when it is. */
function ownerNameProblem(name: string): string | null {
  if (/[,，]/.test(name)) return `业主姓名${quote(name)}含有逗号；多位共有人请用“、”分隔`;
  if (/\d{7,}/.test(name)) return `业主姓名${quote(name)}里像是电话号码，电话请填在“业主手机”列`;
  if (!/\p{L}/u.test(name)) return `业主姓名${quote(name)}不是有效的姓名`;
  const length = charCount(name);
  if (length > ROSTER_MAX_NAME_LENGTH) {
    return `业主姓名最多 ${ROSTER_MAX_NAME_LENGTH} 个字，${quote(name)}有 ${length} 个字`;
  }
  return null;
}

/** 业主姓名 cell text → the co-owners' names (possibly none). */
export const ownerNamesSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (isBlankCell(raw)) return [] as string[];
    const names = splitCoOwners(raw ?? '').map(tidy);
    if (names.some((name) => name === '')) {
      return addIssue(ctx, `业主姓名${quote(raw ?? '')}中有空的一项，多位共有人请用“、”分隔`);
    }
    for (const name of names) {
      const problem = ownerNameProblem(name);
      if (problem) return addIssue(ctx, problem);
    }
    return names;
  });

// ---- phones

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * A phone number in its stored form, or null when it is not a mainland phone:
 * mobiles as 11 digits ("13812345678"), landlines as area code, dash, local
 * number (7 or 8 digits, not starting with 0 or 1) and an optional extension
 * ("010-62345678", "0937-6234567转801").
 * Spaces, dashes, brackets, full-width digits and a +86 / 0086 prefix are
 * tolerated. The area code is 3 digits for 010 and 02x, 4 otherwise.
 */
export function normalizePhone(text: string): string | null {
  let value = text.normalize('NFKC').trim();
  let extension = '';
  const withExtension = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i.exec(value);
  if (withExtension) {
    value = withExtension[1] ?? '';
    extension = withExtension[2] ?? '';
  }
  if (!/^\+?[\d\s\-().]+$/.test(value)) return null;
  let digits = value.replace(/\D/g, '');
  if (value.startsWith('+') || digits.startsWith('0086')) {
    if (value.startsWith('+') && !digits.startsWith('86')) return null;
    digits = digits.slice(value.startsWith('+') ? 2 : 4);
    if (!MOBILE.test(digits) && !digits.startsWith('0')) digits = `0${digits}`;
  } else if (digits.length === 13 && /^861[3-9]/.test(digits)) {
    digits = digits.slice(2);
  }
  if (MOBILE.test(digits)) return extension ? null : digits;
  const areaLength = /^0(10|2\d)/.test(digits) ? 3 : /^0[3-9]\d\d/.test(digits) ? 4 : 0;
  if (areaLength === 0) return null;
  const local = digits.slice(areaLength);
  if (!/^[2-9]\d{6,7}$/.test(local)) return null;
  return `${digits.slice(0, areaLength)}-${local}${extension ? `转${extension}` : ''}`;
}

/**
 * 业主手机 cell text → one phone (or null) per co-owner position. Blank means
 * no phones at all; "13800001111、" gives the second co-owner no phone.
 */
export const ownerPhonesSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (isBlankCell(raw)) return [] as (string | null)[];
    const parts = splitCoOwners(raw ?? '');
    const phones: (string | null)[] = [];
    for (const [index, part] of parts.entries()) {
      if (isBlankCell(part)) {
        phones.push(null);
        continue;
      }
      const phone = normalizePhone(part);
      if (!phone) {
        const who = parts.length > 1 ? `第 ${index + 1} 位共有人的电话` : '电话';
        return addIssue(
          ctx,
          `${who}${quote(part)}不是有效的手机号或固定电话（手机 11 位，以 1 开头；固定电话请带区号，如 010-62345678）`,
        );
      }
      phones.push(phone);
    }
    return phones;
  });

// ---- owner references

/**
 * 业主编号 cell text → one reference (or null) per co-owner position. A
 * reference identifies one person across the units they own.
 */
export const ownerRefsSchema = z
  .string()
  .optional()
  .transform((raw, ctx) => {
    if (isBlankCell(raw)) return [] as (string | null)[];
    const refs: (string | null)[] = [];
    for (const part of splitCoOwners(raw ?? '')) {
      const ref = tidy(part);
      if (isBlankCell(ref)) {
        refs.push(null);
        continue;
      }
      if (charCount(ref) > ROSTER_MAX_OWNER_REF_LENGTH) {
        return addIssue(ctx, `业主编号最多 ${ROSTER_MAX_OWNER_REF_LENGTH} 个字符，${quote(ref)}太长`);
      }
      refs.push(ref);
    }
    return refs;
  });

// ---------------------------------------------------------------------------
// Rows

/** One owner on file for a unit. */
export interface RosterRowOwner {
  name: string;
  /** Normalized (see normalizePhone), or null when not given. */
  phone: string | null;
  /** 业主编号, or null when not given. */
  ownerRef: string | null;
}

/** One valid roster row: one unit and the owners on file for it. */
export interface RosterRow {
  /** 小区 name. */
  estate: string;
  /** 楼栋 name within the estate. */
  building: string;
  /** 户 label within the building, e.g. 2单元301. */
  unit: string;
  /** Exact area in hundredths of m². */
  areaCentiM2: number;
  areaSource: AreaSource;
  developerHeld: boolean;
  /** Co-owners in the order given; empty only for a developer-held unit. */
  owners: RosterRowOwner[];
}

/** A valid row with the line (spreadsheet row number) it came from. */
export interface ValidRosterRow extends RosterRow {
  line: number;
}

/** The cells of one row as text, by column; a column the file does not have is absent. */
export type RosterRowInput = Partial<Record<RosterColumnKey, string>>;

/**
 * One roster row: cell texts in, a RosterRow out. Each issue's path is the
 * column key it concerns; messages are Chinese sentences for the moderator.
 */
export const rosterRowSchema = z
  .object({
    estate: labelSchema('小区'),
    building: labelSchema('楼栋'),
    unit: labelSchema('房号'),
    area: areaCentiM2Schema,
    area_source: areaSourceSchema,
    developer_held: developerHeldSchema,
    owner_name: ownerNamesSchema,
    owner_phone: ownerPhonesSchema,
    owner_ref: ownerRefsSchema,
  })
  .superRefine(
    (row, ctx) => {
      // Runs even when some cells failed (see `when`), so every problem of a
      // row is reported at once; a failed cell's value is not an array/boolean.
      const names = Array.isArray(row.owner_name) ? row.owner_name : null;
      if (!names) return;
      const developerHeld = typeof row.developer_held === 'boolean' ? row.developer_held : null;
      if (names.length === 0 && developerHeld === false) {
        ctx.addIssue({
          code: 'custom',
          path: ['owner_name'],
          message: '业主姓名不能为空（只有开发商持有的户可以不填）',
        });
        return;
      }
      const seen = new Set<string>();
      for (const name of names) {
        // Compared as MySQL does: a unit cannot hold two owners whose names differ only in case.
        const folded = name.toLowerCase();
        if (seen.has(folded)) {
          ctx.addIssue({ code: 'custom', path: ['owner_name'], message: `共有人${quote(name)}重复填写了` });
        }
        seen.add(folded);
      }
      const positional = [
        ['owner_phone', row.owner_phone, '电话'],
        ['owner_ref', row.owner_ref, '业主编号'],
      ] as const;
      for (const [key, values, what] of positional) {
        if (!Array.isArray(values) || values.length === 0 || values.length === names.length) continue;
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            names.length === 0
              ? `填写了${what}，但没有业主姓名`
              : `业主姓名有 ${names.length} 位，${what}却有 ${values.length} 个；多位共有人的${what}请按姓名顺序用“、”分隔，没有的留空`,
        });
      }
    },
    { when: () => true },
  )
  .transform(
    (row): RosterRow => ({
      estate: row.estate,
      building: row.building,
      unit: row.unit,
      areaCentiM2: row.area,
      areaSource: row.area_source,
      developerHeld: row.developer_held,
      owners: row.owner_name.map((name, index) => ({
        name,
        phone: row.owner_phone[index] ?? null,
        ownerRef: row.owner_ref[index] ?? null,
      })),
    }),
  );

/**
 * The key that groups one owner's units for the owner count: the owner
 * reference when given, else name and phone. Case-insensitive.
 */
export function rosterOwnerKey(owner: RosterRowOwner): string {
  return owner.ownerRef ? `ref:${owner.ownerRef.toLowerCase()}` : `name:${owner.name}|${owner.phone ?? ''}`;
}

/** The key that identifies a unit within a community (case-insensitive, as MySQL compares). */
export function rosterUnitKey(row: Pick<RosterRow, 'estate' | 'building' | 'unit'>): string {
  return `${row.estate}\u0000${row.building}\u0000${row.unit}`.toLowerCase();
}

// ---------------------------------------------------------------------------
// Tables

/** A cell that could not be read as text (an Excel date, a formula error…), with why. */
export interface RosterCellProblem {
  problem: string;
}
export type RosterCell = string | RosterCellProblem;

/** One row of a table as read from a file (blank rows are skipped when validating). */
export interface RosterRecord {
  /** 1-based row number as the moderator sees it in Excel, WPS or a text editor. */
  line: number;
  cells: readonly RosterCell[];
}

/** One problem in a roster: where it is and what is wrong, in Chinese. */
export interface RosterError {
  line: number;
  /** The header as written in the file ('' for a problem with the whole row or file). */
  column: string;
  reason: string;
}

export interface RosterValidation {
  rows: ValidRosterRow[];
  errors: RosterError[];
  /** Data rows (non-blank rows below the header), valid or not. */
  totalRows: number;
  /** Line of the header row, or null when the table is empty. */
  headerLine: number | null;
  /** Headers of columns that are not roster columns and were ignored. */
  ignoredColumns: string[];
}

function cellText(cell: RosterCell | undefined): string {
  return typeof cell === 'string' ? cell : '';
}

interface HeaderMatch {
  /** Column index in the file for each roster column found. */
  indexByKey: Map<RosterColumnKey, number>;
  /** Header text as written, by column index. */
  headerByIndex: string[];
  ignored: string[];
  errors: RosterError[];
  /** Whether a required column is missing (rows are then not checked). */
  incomplete: boolean;
}

function matchHeader(record: RosterRecord): HeaderMatch {
  const indexByKey = new Map<RosterColumnKey, number>();
  const headerByIndex = record.cells.map((cell) => cellText(cell).trim());
  const ignored: string[] = [];
  const errors: RosterError[] = [];
  let incomplete = false;
  headerByIndex.forEach((header, index) => {
    if (!header) return;
    const key = rosterColumnForHeader(header);
    if (!key) {
      ignored.push(header);
      return;
    }
    const first = indexByKey.get(key);
    if (first !== undefined) {
      errors.push({
        line: record.line,
        column: header,
        reason: `与“${headerByIndex[first]}”列是同一列，请只保留一列`,
      });
      return;
    }
    indexByKey.set(key, index);
  });
  for (const column of ROSTER_COLUMNS) {
    if (column.required && !indexByKey.has(column.key)) {
      incomplete = true;
      const also = column.aliases.length ? `（也可写作“${column.aliases.join('”“')}”）` : '';
      errors.push({ line: record.line, column: column.header, reason: `缺少“${column.header}”列${also}` });
    }
  }
  return { indexByKey, headerByIndex, ignored, errors, incomplete };
}

/** The header is the first of the first few rows that names any roster column; rows above it are titles. */
function findHeader(records: readonly RosterRecord[]): number {
  const limit = Math.min(records.length, ROSTER_HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    if (records[index]?.cells.some((cell) => rosterColumnForHeader(cellText(cell)) !== null)) return index;
  }
  return 0;
}

/**
 * Validates a roster table: finds the header, validates every row with
 * rosterRowSchema, then checks across rows. A unit (estate + building + unit)
 * may appear on one row only: a later row is an error naming the first, and
 * co-owners belong in one cell. One owner reference must name one person
 * throughout. Errors come sorted by line, then by column order in the file.
 */
export function validateRosterTable(records: readonly RosterRecord[]): RosterValidation {
  const nonBlank = records.filter((record) => record.cells.some((cell) => cellText(cell).trim() !== ''));
  const first = nonBlank[0];
  if (!first) {
    return {
      rows: [],
      errors: [
        { line: 1, column: '', reason: '文件中没有内容；第一行应为表头，如：小区、楼栋、房号、建筑面积(㎡)、业主姓名' },
      ],
      totalRows: 0,
      headerLine: null,
      ignoredColumns: [],
    };
  }
  const headerAt = findHeader(nonBlank);
  const headerRecord = nonBlank[headerAt] ?? first;
  const header = matchHeader(headerRecord);
  const data = nonBlank.slice(headerAt + 1);
  const result: RosterValidation = {
    rows: [],
    errors: [...header.errors],
    totalRows: data.length,
    headerLine: headerRecord.line,
    ignoredColumns: header.ignored,
  };
  if (header.incomplete) return result;
  if (data.length === 0) {
    result.errors.push({ line: headerRecord.line + 1, column: '', reason: '表头下面没有数据行' });
    return result;
  }

  const columnOrder = (key: RosterColumnKey) => header.indexByKey.get(key) ?? Number.MAX_SAFE_INTEGER;
  const columnName = (key: RosterColumnKey) => {
    const index = header.indexByKey.get(key);
    return index === undefined ? rosterColumnHeader(key) : (header.headerByIndex[index] ?? rosterColumnHeader(key));
  };
  const rowErrors: (RosterError & { order: number })[] = [];
  const report = (line: number, key: RosterColumnKey, reason: string) =>
    rowErrors.push({ line, column: columnName(key), reason, order: columnOrder(key) });
  const missingOwnerNameColumn = !header.indexByKey.has('owner_name');
  let ownerlessRows = 0;

  const firstLineOfUnit = new Map<string, number>();
  const ownerByRef = new Map<string, { name: string; line: number }>();

  for (const record of data) {
    const input: RosterRowInput = {};
    let cellProblems: Map<RosterColumnKey, string> | undefined;
    for (const [key, index] of header.indexByKey) {
      const cell = record.cells[index];
      if (cell !== undefined && typeof cell !== 'string') {
        cellProblems ??= new Map();
        cellProblems.set(key, cell.problem);
      }
      input[key] = cellText(cell);
    }
    const parsed = rosterRowSchema.safeParse(input);
    let valid = parsed.success && cellProblems === undefined;
    for (const [key, problem] of cellProblems ?? []) report(record.line, key, problem);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as RosterColumnKey;
        if (cellProblems?.has(key)) continue;
        if (key === 'owner_name' && missingOwnerNameColumn) {
          ownerlessRows++;
          continue;
        }
        report(record.line, key, issue.message);
      }
    }

    // A unit may appear once; checked on the labels alone, so that a
    // duplicate shows up even while another cell of either row is wrong.
    const estate = normalizeRosterLabel(input.estate ?? '');
    const building = normalizeRosterLabel(input.building ?? '');
    const unit = normalizeRosterLabel(input.unit ?? '');
    if ([estate, building, unit].every((label) => label !== '' && charCount(label) <= ROSTER_MAX_LABEL_LENGTH)) {
      const unitKey = rosterUnitKey({ estate, building, unit });
      const firstLine = firstLineOfUnit.get(unitKey);
      if (firstLine === undefined) {
        firstLineOfUnit.set(unitKey, record.line);
      } else {
        valid = false;
        report(
          record.line,
          'unit',
          `与第 ${firstLine} 行是同一户（${estate} ${building} ${unit}），每户只能占一行；共有人请写在同一格内，用“、”分隔`,
        );
      }
    }

    if (!valid || !parsed.success) continue;
    for (const owner of parsed.data.owners) {
      if (!owner.ownerRef) continue;
      const refKey = owner.ownerRef.toLowerCase();
      const known = ownerByRef.get(refKey);
      if (!known) {
        ownerByRef.set(refKey, { name: owner.name, line: record.line });
      } else if (known.name !== owner.name) {
        valid = false;
        report(
          record.line,
          'owner_ref',
          `业主编号“${owner.ownerRef}”在第 ${known.line} 行是“${known.name}”，这里却是“${owner.name}”；同一编号应为同一人`,
        );
      }
    }
    if (valid) result.rows.push({ ...parsed.data, line: record.line });
  }

  if (ownerlessRows > 0) {
    result.errors.push({
      line: headerRecord.line,
      column: rosterColumnHeader('owner_name'),
      reason: `缺少“业主姓名”列：除开发商持有的户以外，每户都要填写业主姓名（有 ${ownerlessRows} 行没有）`,
    });
  }
  rowErrors.sort((a, b) => a.line - b.line || a.order - b.order);
  for (const { order: _order, ...error } of rowErrors) result.errors.push(error);
  return result;
}

// ---------------------------------------------------------------------------
// Masking, wherever the public sees an owner

/**
 * A name as the public sees it: the first character kept, every other
 * character a * (张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧***). A name with no
 * Chinese character keeps its first letter and hides its length (Smith → S***).
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  const head = chars[0];
  if (head === undefined) return '';
  if (!/\p{Script=Han}/u.test(name)) return `${head}***`;
  return head + '*'.repeat(Math.max(chars.length - 1, 1));
}

/**
 * A phone as the public sees it: 138****5678 for a mobile, 010-****5678 for a
 * landline (extension dropped); **** for anything that is not a valid phone.
 */
export function maskPhone(phone: string): string {
  if (!phone.trim()) return '';
  const normalized = normalizePhone(phone);
  if (!normalized) return '****';
  if (MOBILE.test(normalized)) return `${normalized.slice(0, 3)}****${normalized.slice(-4)}`;
  const [area = '', local = ''] = normalized.split(/[-转]/);
  return `${area}-****${local.slice(-4)}`;
}

/** The last four digits of a phone's number (extension excluded), used to verify an owner; null if not a phone. */
export function phoneLast4(phone: string): string | null {
  const normalized = normalizePhone(phone);
  if (!normalized) return null;
  const local = MOBILE.test(normalized) ? normalized : (normalized.split(/[-转]/)[1] ?? '');
  return local.slice(-4);
}
