/**
 * How times read for residents, always in Beijing time (Asia/Shanghai, UTC+8,
 * no daylight saving): 刚刚 / 5分钟前 / 3天前 for ages, 11月23日 14:05 for
 * moments, 12月11日 for days. Computed by hand so the mini-program does not
 * depend on the phone's time-zone support.
 */

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function shanghaiParts(at: number): Parts {
  const shifted = new Date(at + SHANGHAI_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

function dayText(parts: Parts, now: Parts): string {
  const monthDay = `${parts.month}月${parts.day}日`;
  return parts.year === now.year ? monthDay : `${parts.year}年${monthDay}`;
}

/** 刚刚, 5分钟前, 3小时前, 6天前, else the day (11月3日; with the year when not this year). */
export function describeAge(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const elapsed = Math.max(0, now - at);
  if (elapsed < MINUTE) return '刚刚';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}分钟前`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}小时前`;
  if (elapsed < 30 * DAY) return `${Math.floor(elapsed / DAY)}天前`;
  return dayText(shanghaiParts(at), shanghaiParts(now));
}

/** 11月23日 14:05 (with the year when not this year). */
export function describeMoment(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const parts = shanghaiParts(at);
  const time = `${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
  return `${dayText(parts, shanghaiParts(now))} ${time}`;
}

/** A calendar day (YYYY-MM-DD, or an ISO time) as 12月11日 (with the year when not this year). */
export function describeDay(day: string, now: number = Date.now()): string {
  const at = Date.parse(day.length === 10 ? `${day}T00:00:00+08:00` : day);
  if (Number.isNaN(at)) return day;
  return dayText(shanghaiParts(at), shanghaiParts(now));
}

/** Today in Beijing time as YYYY-MM-DD, moved by `days`. */
export function dayFromToday(days: number, now: number = Date.now()): string {
  const parts = shanghaiParts(now + days * DAY);
  return `${parts.year}-${String(parts.month).padStart(2, '0')}-${String(parts.day).padStart(2, '0')}`;
}

/** Whole days from today (Beijing time) to a YYYY-MM-DD day; negative when it has passed. */
export function daysUntil(day: string, now: number = Date.now()): number {
  const today = Date.parse(`${dayFromToday(0, now)}T00:00:00Z`);
  return Math.round((Date.parse(`${day}T00:00:00Z`) - today) / DAY);
}

/** How long since `iso`: 不到1小时, 5小时, 3天. */
export function describeElapsed(iso: string, now: number = Date.now()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const elapsed = Math.max(0, now - at);
  if (elapsed < HOUR) return '不到1小时';
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}小时`;
  return `${Math.floor(elapsed / DAY)}天`;
}
