import { randomBytes } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random code of `length` characters from the unambiguous alphabet, in
 * groups of `group` joined by '-'. The alphabet has 32 letters, so the low
 * five bits of each random byte pick one without bias.
 */
export function randomCode(length: number, group = length): string {
  const bytes = randomBytesFromPool(length);
  let code = '';
  for (let i = 0; i < length; i++) {
    if (i > 0 && i % group === 0) code += '-';
    code += CODE_ALPHABET[bytes[i]! & 31];
  }
  return code;
}

/**
 * Cryptographically random bytes from a pool refilled 4 KiB at a time (one
 * call into the CSPRNG per ~250 receipt codes instead of one each, as
 * crypto.randomUUID does). Each byte is handed out once.
 */
const POOL_SIZE = 4096;
let pool = Buffer.alloc(0);
let taken = 0;
function randomBytesFromPool(n: number): Buffer {
  if (n > POOL_SIZE) return randomBytes(n);
  if (taken + n > pool.length) {
    pool = randomBytes(POOL_SIZE);
    taken = 0;
  }
  const bytes = pool.subarray(taken, taken + n);
  taken += n;
  return bytes;
}
