import { createHmac } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '../http/app-error';
import { TokenService } from './tokens';

const SECRET = 'tokens-test-signing-key-0123456789abcdefgh';
const service = new TokenService(SECRET, 3600);
const key = new TextEncoder().encode(SECRET);
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** A token signed with our key, claims and header as given (jose signs; only what we pass is set). */
const sign = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256' }) =>
  new SignJWT(claims).setProtectedHeader(header as { alg: string }).sign(key);
/** Signed by hand, for headers jose refuses to produce. */
const handSigned = (header: Record<string, unknown>, claims: Record<string, unknown>) => {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
};
const good = { sub: '7', ver: 2, iss: 'yishi', aud: 'yishi-client', iat: now(), exp: now() + 60 };

async function reason(token: string): Promise<string | undefined> {
  try {
    await service.verify(token);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('TOKEN_INVALID');
    return ((error as AppError).details as { reason: string }).reason;
  }
}

describe('TokenService', () => {
  test('a token it issued, and one jose signs with the same claims, verify to the user and version', async () => {
    const { token } = await service.issue({ userId: 42, version: 3 });
    await expect(service.verify(token)).resolves.toEqual({ userId: 42, version: 3 });
    await expect(service.verify(await sign(good))).resolves.toEqual({ userId: 7, version: 2 });
    await expect(service.verify(await sign({ ...good, aud: ['other', 'yishi-client'] }))).resolves.toMatchObject({
      userId: 7,
    });
  });

  test('expired tokens say so; everything else not exactly ours is invalid', async () => {
    expect(await reason(await sign({ ...good, exp: now() - 1 }))).toBe('expired');
    expect(await reason(await sign({ ...good, exp: now() }))).toBe('expired');
    const bad: Record<string, unknown>[] = [
      { ...good, iss: 'someone' },
      { ...good, aud: 'someone' },
      { ...good, aud: ['someone'] },
      { ...good, iat: undefined },
      { ...good, iat: '1' },
      { ...good, exp: undefined },
      { ...good, exp: '4000000000' },
      { ...good, sub: undefined },
      { ...good, sub: 'abc' },
      { ...good, sub: '0' },
      { ...good, ver: undefined },
      { ...good, nbf: now() + 60 },
      { ...good, nbf: 'soon' },
    ];
    for (const claims of bad) expect(await reason(await sign(claims))).toBe('invalid');
    expect(await reason(handSigned({ alg: 'HS256' }, good))).toBeUndefined();
    expect(await reason(handSigned({ alg: 'HS256', crit: ['exp'] }, good))).toBe('invalid');
    expect(await reason(handSigned({ alg: 'HS256', b64: false }, good))).toBe('invalid');
    // Accepted headers are remembered (not decoded again); refused ones never are.
    expect(await reason(handSigned({ alg: 'HS256', crit: ['exp'] }, good))).toBe('invalid');
    expect(await reason(handSigned({ alg: 'HS256' }, good))).toBeUndefined();
    expect(await reason(handSigned({ alg: 'none' }, good))).toBe('invalid');
    const other = await new SignJWT(good)
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(`${SECRET}x`));
    expect(await reason(other)).toBe('invalid');
    const hs384 = await sign(good, { alg: 'HS384' });
    expect(await reason(hs384)).toBe('invalid');
  });

  test('forged shapes: alg none, an altered payload, extra or changed signature characters, garbage', async () => {
    const real = await sign(good);
    const [h, p, s] = real.split('.') as [string, string, string];
    const tampered = b64({ ...good, sub: '8' });
    const forged = [
      `${b64({ alg: 'none' })}.${p}.`,
      `${b64({ alg: 'none' })}.${p}.${s}`,
      `${h}.${tampered}.${s}`,
      `${h}.${p}.${s}=`,
      `${h}.${p}.${s}A`,
      `${h}.${p}.${s.slice(0, -1)}`,
      `${h}.${p}`,
      `${h}.${p}.${s}.x`,
      'not.a.jwt',
      '',
    ];
    for (const token of forged) expect(await reason(token)).toBe('invalid');
    expect(await reason(`${h}.${p}.${s}`)).toBeUndefined();
  });
});
