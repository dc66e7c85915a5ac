import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { SignJWT } from 'jose';
import { AppError } from '../http/app-error';

const ALGORITHM = 'HS256';
const ISSUER = 'yishi';
const AUDIENCE = 'yishi-client';

export interface TokenClaims {
  userId: number;
  /** The user's token version when issued; a bump revokes every older token. */
  version: number;
}

type Json = Record<string, unknown>;

function decodeSegment(segment: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

const invalid = (reason: 'invalid' | 'expired' = 'invalid') => new AppError('TOKEN_INVALID', { details: { reason } });

/**
 * Signs and checks session tokens: HS256 only, issuer/audience/exp always checked.
 * Tokens are signed with jose; the check is done here, synchronously with
 * node:crypto (the HMAC of every request through WebCrypto's worker queue cost
 * more than the rest of authentication), with jose's rules: a compact JWS whose
 * signature is exactly the HMAC-SHA256 of its first two parts, header `alg`
 * HS256 and no `crit`/`b64`, `iss` and `aud` ours, numeric `iat` and `exp`
 * (`exp` in the future), `nbf` if present not in the future, a `sub`.
 */
export class TokenService {
  private readonly key: Uint8Array;
  /** The same secret as a KeyObject, made once (createHmac would import a raw key on every call). */
  private readonly hmacKey: KeyObject;
  /** Header segments already checked (they are signed, so only ours get here). */
  private readonly acceptedHeaders = new Set<string>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
    this.hmacKey = createSecretKey(this.key);
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
      .sign(this.key);
    return { token, expiresAt: new Date((now + this.ttlSeconds) * 1000) };
  }

  /** The token's claims, or TOKEN_INVALID (401) for anything not signed by us, expired or malformed. */
  async verify(token: string): Promise<TokenClaims> {
    const parts = token.split('.');
    if (parts.length !== 3) throw invalid();
    const [header, payload, signature] = parts as [string, string, string];
    const expected = Buffer.from(createHmac('sha256', this.hmacKey).update(`${header}.${payload}`).digest('base64url'));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    if (!this.acceptedHeaders.has(header)) {
      const head = decodeSegment(header);
      if (!head || head.alg !== ALGORITHM || head.crit !== undefined || head.b64 !== undefined) throw invalid();
      // Signed by us and acceptable: the same header (every token we issue has one) need not be decoded again.
      if (this.acceptedHeaders.size < 8) this.acceptedHeaders.add(header);
    }
    const claims = decodeSegment(payload);
    if (!claims) throw invalid();
    const now = Math.floor(Date.now() / 1000);
    const audience = claims.aud;
    if (claims.iss !== ISSUER) throw invalid();
    if (!(audience === AUDIENCE || (Array.isArray(audience) && audience.includes(AUDIENCE)))) throw invalid();
    if (typeof claims.iat !== 'number' || typeof claims.exp !== 'number' || typeof claims.sub !== 'string') {
      throw invalid();
    }
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > now)) throw invalid();
    if (claims.exp <= now) throw invalid('expired');
    const userId = Number(claims.sub);
    const version = claims.ver;
    if (!Number.isSafeInteger(userId) || userId <= 0 || typeof version !== 'number') throw invalid();
    return { userId, version };
  }
}
