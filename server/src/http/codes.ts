import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read aloud or typed (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random code of `length` characters from the unambiguous alphabet, in groups of `group` joined by '-'. */
export function randomCode(length: number, group = length): string {
  const chars = Array.from({ length }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]!);
  const groups: string[] = [];
  for (let i = 0; i < length; i += group) groups.push(chars.slice(i, i + group).join(''));
  return groups.join('-');
}
