/** `2026-11-27T02:55:53.000Z` → `2026-11-27 10:55` in the viewer's time zone (Beijing for our users). */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `2026-11-27T02:55:53.000Z` → `2026-11-27`. */
export function formatDate(iso: string): string {
  return formatDateTime(iso).slice(0, 10);
}
