import fc from 'fast-check';
import { EXACT_JSON_MAX_DEPTH, exactJsonNumber, parseExactJson, stringifyExactJson } from './exact-json';

/**
 * Whether parseExactJson's value is JSON.parse's, but for the documented
 * differences: a bigint where JSON.parse rounds, and NaN for a non-integer
 * literal that JSON.parse rounds to an integer (9007199254740993.5, 5e-3024).
 */
function agreesWithJsonParse(ours: unknown, theirs: unknown): boolean {
  if (typeof ours === 'bigint') return Number(ours) === theirs;
  if (typeof ours === 'number' && Number.isNaN(ours)) return typeof theirs === 'number' && Number.isInteger(theirs);
  if (Array.isArray(ours)) {
    return (
      Array.isArray(theirs) &&
      ours.length === theirs.length &&
      ours.every((item, i) => agreesWithJsonParse(item, theirs[i]))
    );
  }
  if (ours && typeof ours === 'object') {
    if (!theirs || typeof theirs !== 'object' || Array.isArray(theirs)) return false;
    const keys = Object.keys(ours);
    return (
      keys.length === Object.keys(theirs).length &&
      keys.every((key) =>
        agreesWithJsonParse((ours as Record<string, unknown>)[key], (theirs as Record<string, unknown>)[key]),
      )
    );
  }
  return Object.is(ours, theirs);
}

describe('exact JSON', () => {
  test.each([
    ['12', 12],
    ['-7', -7],
    ['1.0', 1],
    ['120e-1', 12],
    ['1.5', 1.5],
    ['9007199254740991', 9007199254740991],
    ['9007199254740992', 9007199254740992n],
    ['100000000000000000001', 100000000000000000001n],
    ['-100000000000000000001', -100000000000000000001n],
    ['1e21', 10n ** 21n],
    ['1.5e300', 15n * 10n ** 299n],
    ['0.000', 0],
  ])('%s reads as %p', (literal, value) => {
    expect(exactJsonNumber(literal)).toEqual(value);
    expect(parseExactJson(`{"a":${literal}}`)).toEqual({ a: value });
  });

  test('a non-integer whose nearest double is an integer cannot pass for an integer', () => {
    expect(exactJsonNumber('9007199254740993.5')).toBeNaN();
    expect(exactJsonNumber('1e-400')).toBeNaN();
    expect(exactJsonNumber('-1.6e-1306')).toBeNaN();
    expect(exactJsonNumber('0e-5000')).toBe(0);
    expect(exactJsonNumber('1e99999')).toBe(Number.POSITIVE_INFINITY);
  });

  test('agrees with JSON.parse on any JSON value (bigints aside)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        expect(agreesWithJsonParse(parseExactJson(text), JSON.parse(text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('refuses what JSON.parse refuses, accepts what it accepts', () => {
    const texts = fc.oneof(
      fc.string(),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc
        .tuple(
          fc.jsonValue().map((value) => JSON.stringify(value)),
          fc.nat(),
          fc.string({ maxLength: 2 }),
        )
        .map(
          ([text, at, insert]) => text.slice(0, at % (text.length + 1)) + insert + text.slice(at % (text.length + 1)),
        ),
    );
    fc.assert(
      fc.property(texts, (text) => {
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          expect(() => parseExactJson(text)).toThrow(SyntaxError);
          return;
        }
        expect(agreesWithJsonParse(parseExactJson(text), expected)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    '',
    ' ',
    '{',
    '{"a":1,}',
    '[1,]',
    '01',
    '1.',
    '.5',
    '+1',
    'NaN',
    "{'a':1}",
    '"\u0001"',
    '"\\x"',
    'tru',
    '{"a" 1}',
    '1 2',
  ])('%p is not JSON', (text) => {
    expect(() => parseExactJson(text)).toThrow(SyntaxError);
  });

  test('a byte-order mark is ignored; "__proto__" is an own key; a repeated key keeps the last value', () => {
    expect(parseExactJson('\ufeff{"a":1}')).toEqual({ a: 1 });
    const parsed = parseExactJson('{"__proto__":{"polluted":true},"b":1,"b":2}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(parsed.b).toBe(2);
  });

  test('nesting is limited instead of overflowing the stack', () => {
    expect(() => parseExactJson('['.repeat(EXACT_JSON_MAX_DEPTH + 2) + ']'.repeat(EXACT_JSON_MAX_DEPTH + 2))).toThrow(
      SyntaxError,
    );
    expect(() => parseExactJson('['.repeat(100_000))).toThrow(SyntaxError);
  });

  test('stringify writes bigints as integer literals and otherwise matches JSON.stringify', () => {
    expect(stringifyExactJson({ a: 10n ** 30n, b: [1, 'x', null, undefined], c: undefined })).toBe(
      '{"a":1000000000000000000000000000000,"b":[1,"x",null,null]}',
    );
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringifyExactJson(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });
});
