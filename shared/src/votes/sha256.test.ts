import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { sha256Hex, utf8Bytes } from './sha256';

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('pure SHA-256', () => {
  test('known answers (FIPS 180-4 examples)', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  test.each([55, 56, 63, 64, 65, 119, 120, 1000])('a message of %i bytes (padding boundaries)', (length) => {
    const text = 'a'.repeat(length);
    expect(sha256Hex(text)).toBe(nodeSha256(text));
  });

  test('equals node:crypto on any string, lone surrogates included', () => {
    const anyString = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 100 }).map((codes) => String.fromCharCode(...codes)),
    );
    fc.assert(
      fc.property(anyString, (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
        expect(Buffer.from(utf8Bytes(text)).equals(Buffer.from(text, 'utf8'))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
