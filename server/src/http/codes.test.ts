import { randomCode } from './codes';

describe('randomCode', () => {
  test('groups letters of the unambiguous alphabet', () => {
    for (let i = 0; i < 2000; i++) {
      expect(randomCode(16, 4)).toMatch(/^[A-HJ-NP-Z2-9]{4}(-[A-HJ-NP-Z2-9]{4}){3}$/);
      expect(randomCode(6)).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    }
  });

  test('never hands out the same random bytes twice: 20,000 receipt codes, all different, every letter used evenly', () => {
    const codes = new Set<string>();
    const letters = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const code = randomCode(16, 4);
      codes.add(code);
      for (const ch of code.replaceAll('-', '')) letters.set(ch, (letters.get(ch) ?? 0) + 1);
    }
    expect(codes.size).toBe(20_000);
    expect(letters.size).toBe(32);
    // 320,000 letters over 32: 10,000 each expected; a biased or repeating source lands far off.
    for (const n of letters.values()) expect(Math.abs(n - 10_000)).toBeLessThan(600);
  });

  test('codes longer than the pool still come out whole', () => {
    expect(randomCode(5000)).toHaveLength(5000);
  });
});
