import { webcrypto } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { AppError } from '../http/app-error';

const ALGORITHM = 'HS256';
const ISSUER = 'yishi';
const AUDIENCE = 'yishi-client';

export interface TokenClaims {
  userId: number;
  /** The user's token version when issued; a bump revokes every older token. */
  version: number;
}

/** Signs and checks session tokens: HS256 only, issuer/audience/exp always checked. */
export class TokenService {
  /** The HMAC key, imported once (importing it on every check costs more than the check itself). */
  private readonly key: Promise<webcrypto.CryptoKey>;

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
  }

  async issue(claims: TokenClaims): Promise<{ token: string; expiresAt: Date }> {
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ver: claims.version })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(String(claims.userId))
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + this.ttlSeconds)
      .sign(await this.key);
    return { token, expiresAt: new Date((now + this.ttlSeconds) * 1000) };
  }

  /** The token's claims, or TOKEN_INVALID (401) for anything not signed by us, expired or malformed. */
  async verify(token: string): Promise<TokenClaims> {
    try {
      const { payload } = await jwtVerify(token, await this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const userId = Number(payload.sub);
      const version = payload.ver;
      if (!Number.isSafeInteger(userId) || userId <= 0 || typeof version !== 'number') {
        throw new AppError('TOKEN_INVALID');
      }
      return { userId, version };
    } catch (error) {
      if (error instanceof AppError) throw error;
      if (error instanceof joseErrors.JOSEError || error instanceof TypeError) {
        throw new AppError('TOKEN_INVALID', {
          details: { reason: error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid' },
        });
      }
      throw error;
    }
  }
}
