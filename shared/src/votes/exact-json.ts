/**
 * JSON read and written without losing integers. `JSON.parse` turns every
 * number into a double, so an area written as the integer
 * 100000000000000000001 would arrive rounded; a tally must count what was
 * written. `parseExactJson` follows RFC 8259 like `JSON.parse` and differs
 * only in numbers:
 * - an integer (a literal whose exact value is whole: `12`, `1.0`, `120e-1`)
 *   within ±Number.MAX_SAFE_INTEGER is a number;
 * - an integer beyond that is a bigint, exactly;
 * - any other number is the nearest double — except that a non-integer
 *   whose double happens to be an integer (9007199254740993.5, 1e-400) is
 *   NaN, so it can never pass for an integer.
 * A leading byte-order mark is ignored. `stringifyExactJson` writes bigints
 * as plain integer literals.
 */

/** Nesting deeper than this is refused (a stack overflow is not an answer). */
export const EXACT_JSON_MAX_DEPTH = 512;
/** An integer literal longer than this (after its exponent) is not made a bigint. */
const MAX_BIGINT_DIGITS = 4096;

export class ExactJsonSyntaxError extends SyntaxError {
  constructor(
    message: string,
    /** 0-based offset in the text. */
    readonly offset: number,
  ) {
    super(`${message}（第 ${offset + 1} 个字符处）`);
    this.name = 'ExactJsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The value of a JSON number literal, exact for integers (see the module comment). */
export function exactJsonNumber(literal: string): number | bigint {
  const match = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/.exec(literal);
  if (!match) return Number.NaN;
  const [, sign = '', whole = '', fraction = '', exponentText] = match;
  if (fraction === '' && exponentText === undefined) {
    if (whole.length <= 15) return Number(literal);
    const value = BigInt(literal);
    return toSafeNumber(value);
  }
  // value = digits × 10^scale, exactly.
  const digits = (whole + fraction).replace(/^0+(?=\d)/, '');
  let scale = Number(exponentText ?? '0') - fraction.length;
  let significant = digits.replace(/0+$/, '');
  if (significant === '') return sign === '-' ? -0 : 0;
  scale += digits.length - significant.length;
  if (scale < 0) {
    const nearest = Number(literal);
    return Number.isInteger(nearest) ? Number.NaN : nearest;
  }
  if (significant.length + scale > MAX_BIGINT_DIGITS) return Number(literal);
  significant += '0'.repeat(scale);
  return toSafeNumber(BigInt(sign + significant));
}

function toSafeNumber(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Parses JSON text; throws ExactJsonSyntaxError on anything `JSON.parse` would refuse. */
export function parseExactJson(text: string): unknown {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (message: string): never => {
    throw new ExactJsonSyntaxError(message, at);
  };
  const skipSpace = () => {
    for (;;) {
      const code = text.charCodeAt(at);
      if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) at++;
      else return;
    }
  };
  const expect = (char: string) => {
    if (text[at] !== char) fail(at >= text.length ? `JSON 不完整，缺少“${char}”` : `此处应为“${char}”`);
    at++;
  };

  const readString = (): string => {
    at++; // the opening quote
    let out = '';
    let start = at;
    for (;;) {
      if (at >= text.length) fail('字符串没有结束的引号');
      const code = text.charCodeAt(at);
      if (code === 0x22) {
        out += text.slice(start, at);
        at++;
        return out;
      }
      if (code < 0x20) fail('字符串中有未转义的控制字符');
      if (code !== 0x5c) {
        at++;
        continue;
      }
      out += text.slice(start, at);
      const escaped = text[at + 1] ?? '';
      if (escaped === 'u') {
        const hex = text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('\\u 后应为 4 位十六进制数');
        out += String.fromCharCode(Number.parseInt(hex, 16));
        at += 6;
      } else {
        const replacement = ESCAPES[escaped];
        if (replacement === undefined) fail('无效的转义字符');
        out += replacement;
        at += 2;
      }
      start = at;
    }
  };

  const readValue = (depth: number): unknown => {
    if (depth > EXACT_JSON_MAX_DEPTH) fail(`嵌套超过 ${EXACT_JSON_MAX_DEPTH} 层`);
    skipSpace();
    const char = text[at];
    if (char === '{') {
      at++;
      const object: Record<string, unknown> = {};
      skipSpace();
      if (text[at] === '}') {
        at++;
        return object;
      }
      for (;;) {
        skipSpace();
        if (text[at] !== '"') fail('此处应为用引号括起的字段名');
        const key = readString();
        skipSpace();
        expect(':');
        const value = readValue(depth + 1);
        // Like JSON.parse: an own property even for "__proto__"; a repeated key keeps the last value.
        Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        expect('}');
        return object;
      }
    }
    if (char === '[') {
      at++;
      const array: unknown[] = [];
      skipSpace();
      if (text[at] === ']') {
        at++;
        return array;
      }
      for (;;) {
        array.push(readValue(depth + 1));
        skipSpace();
        if (text[at] === ',') {
          at++;
          continue;
        }
        expect(']');
        return array;
      }
    }
    if (char === '"') return readString();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(text);
    if (number) {
      at += number[0].length;
      return exactJsonNumber(number[0]);
    }
    return fail(at >= text.length ? 'JSON 不完整' : '此处应为一个值');
  };

  const value = readValue(0);
  skipSpace();
  if (at < text.length) fail('值后面还有多余的内容');
  return value;
}

/** JSON text on one line, like JSON.stringify, with bigints written as integer literals. */
export function stringifyExactJson(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : stringifyExactJson(item))).join(',')}]`;
  }
  const parts: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    parts.push(`${JSON.stringify(key)}:${stringifyExactJson(item)}`);
  }
  return `{${parts.join(',')}}`;
}
