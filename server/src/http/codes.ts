import { randomBytes } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A random code of `length` characters from the unambiguous alphabet, in
 * groups of `group` joined by '-'. The alphabet has 32 letters, so the low
 * five bits of each random byte pick one without bias.
 */
export function randomCode(length: number, group = length): string {
  const bytes = randomBytes(length);
  let code = '';
  for (let i = 0; i < length; i++) {
    if (i > 0 && i % group === 0) code += '-';
    code += CODE_ALPHABET[bytes[i]! & 31];
  }
  return code;
}
