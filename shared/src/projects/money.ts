/**
 * Project budgets are money: kept as whole fen (分, 1/100 yuan) in integers,
 * typed and shown as yuan with at most two decimals — never floating point.
 */

/** The largest budget a community service project may carry: ¥10,000,000.00. */
export const BUDGET_MAX_FEN = 1_000_000_000;

const YUAN_PATTERN = /^(0|[1-9]\d{0,7})(?:\.(\d{1,2}))?$/;

/**
 * Parses a yuan amount as typed ("12000", "12000.5", "12,000.50", "￥800") to
 * whole fen; undefined when it is not a plain non-negative amount with at
 * most two decimals or exceeds BUDGET_MAX_FEN.
 */
export function parseYuan(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/^[¥￥]/, '')
    .replace(/,/g, '')
    .replace(/元$/, '')
    .trim();
  const match = YUAN_PATTERN.exec(cleaned);
  if (!match) return undefined;
  const fen = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return fen <= BUDGET_MAX_FEN ? fen : undefined;
}

/** Whole fen as a plain yuan string with two decimals: 1234567 → "12345.67". */
export function fenToYuan(fen: number): string {
  const whole = Math.trunc(fen / 100);
  const cents = String(Math.abs(fen % 100)).padStart(2, '0');
  return `${whole}.${cents}`;
}

/** Whole fen for people: 1234567 → "12,345.67 元"; whole yuan drop the decimals (1200000 → "12,000 元"). */
export function formatYuan(fen: number): string {
  const whole = Math.trunc(fen / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = fen % 100;
  return cents === 0 ? `${whole} 元` : `${whole}.${String(cents).padStart(2, '0')} 元`;
}
