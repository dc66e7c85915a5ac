/**
 * Chinese-aware tokens for search and similar-topic hints. MariaDB has no
 * n-gram full-text parser and SQLite's trigram tokenizer misses two-character
 * words, so Yishi keeps its own index of character bigrams: "电梯维修" →
 * 电梯, 梯维, 维修. Runs of Latin letters and digits become whole words
 * ("5号楼" → "5", 号楼 …). Single CJK characters are indexed too, so a
 * one-character query still finds something.
 */

const MAX_TOKEN_LENGTH = 8;

function isCjk(codePoint: number): boolean {
  return (
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x20000 && codePoint <= 0x3134f)
  );
}

function isWordChar(codePoint: number): boolean {
  return (
    (codePoint >= 0x30 && codePoint <= 0x39) || (codePoint >= 0x61 && codePoint <= 0x7a) || codePoint === 0x5f // _
  );
}

interface Run {
  kind: 'cjk' | 'word';
  chars: string[];
}

/** Splits normalized text into runs of CJK characters and of Latin letters/digits; everything else separates. */
function runsOf(text: string): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  for (const ch of text.normalize('NFKC').toLowerCase()) {
    const cp = ch.codePointAt(0)!;
    const kind = isCjk(cp) ? 'cjk' : isWordChar(cp) ? 'word' : undefined;
    if (!kind) {
      current = undefined;
      continue;
    }
    if (!current || current.kind !== kind) {
      current = { kind, chars: [] };
      runs.push(current);
    }
    current.chars.push(ch);
  }
  return runs;
}

/** Distinct index tokens of a text: CJK bigrams and unigrams, and Latin/digit words. */
export function indexTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  for (const run of runsOf(text)) {
    if (run.kind === 'word') {
      tokens.add(run.chars.join('').slice(0, MAX_TOKEN_LENGTH));
      continue;
    }
    for (let i = 0; i < run.chars.length; i++) {
      tokens.add(run.chars[i]!);
      if (i + 1 < run.chars.length) tokens.add(run.chars[i]! + run.chars[i + 1]!);
    }
  }
  return tokens;
}

/**
 * The tokens a query must match: bigrams of each CJK run (a lone character
 * stands for itself) and Latin/digit words. Fewer tokens than indexTokens, so
 * "电梯" matches exactly 电梯 and not every 电 or 梯.
 */
export function queryTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const run of runsOf(text)) {
    if (run.kind === 'word') {
      tokens.add(run.chars.join('').slice(0, MAX_TOKEN_LENGTH));
      continue;
    }
    if (run.chars.length === 1) tokens.add(run.chars[0]!);
    for (let i = 0; i + 1 < run.chars.length; i++) tokens.add(run.chars[i]! + run.chars[i + 1]!);
  }
  return [...tokens];
}

/** Dice similarity of two texts' query tokens (0–1): how alike two titles read. */
export function similarity(a: string, b: string): number {
  const ta = new Set(queryTokens(a));
  const tb = new Set(queryTokens(b));
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return (2 * shared) / (ta.size + tb.size);
}

/** Titles scoring at least this are shown as "similar" while a resident types. */
export const SIMILAR_TOPIC_THRESHOLD = 0.35;
