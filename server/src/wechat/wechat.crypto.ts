import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * WeChat's "encrypted open data" (加密数据解密算法): what wx.getGroupEnterInfo,
 * wx.getShareInfo and similar APIs hand the mini-program is AES-128-CBC with
 * PKCS#7 padding, keyed with the user's session_key (base64, 16 bytes) and a
 * per-call iv (base64, 16 bytes); the plaintext is JSON carrying a
 * `watermark: { appid, timestamp }`. Only the server holds the session_key,
 * so only the server can read it.
 *
 * CBC has no integrity check: the watermark's AppID is the check WeChat asks
 * for, and the timestamp bounds how long a payload can be replayed. Errors
 * carry a reason and never the key, the iv or any plaintext.
 */

const KEY_BYTES = 16;
const BLOCK_BYTES = 16;
/** Canonical base64 (the standard alphabet, padded): WeChat's encoding of key, iv and data. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** How far in the future a watermark may be (clock skew between WeChat and us), seconds. */
const FUTURE_SKEW_SECONDS = 300;

/**
 * Why encrypted data was refused:
 * - `malformed`: the key, iv or data is not base64 of the right length (a broken request, or no key).
 * - `undecryptable`: decryption with this session_key fails, or the plaintext is not a JSON object
 *   (a tampered payload, or the session_key changed since WeChat encrypted it).
 * - `appid_mismatch`: the watermark is missing or names another mini-program.
 * - `stale`: the watermark's timestamp is older than allowed (or in the future).
 */
export type WechatDataErrorReason = 'malformed' | 'undecryptable' | 'appid_mismatch' | 'stale';

export class WechatDataError extends Error {
  readonly reason: WechatDataErrorReason;

  constructor(reason: WechatDataErrorReason, detail: string) {
    super(`WeChat encrypted data refused [${reason}]: ${detail}`);
    this.name = 'WechatDataError';
    this.reason = reason;
  }
}

export function isWechatDataError(value: unknown): value is WechatDataError {
  return value instanceof WechatDataError;
}

export interface WechatWatermark {
  appid: string;
  /** Unix seconds when WeChat produced the data. */
  timestamp: number;
}

export type WechatOpenData = Record<string, unknown> & { watermark: WechatWatermark };

export interface DecryptWechatDataOptions {
  /** Our AppID: the watermark must name it. */
  appid: string;
  /** Refuse data whose watermark is older than this many seconds; unchecked when omitted. */
  maxAgeSeconds?: number;
  /** Current time, ms (default Date.now()). */
  now?: number;
}

function decodeBase64(value: string, what: string, bytes?: number): Buffer {
  if (typeof value !== 'string' || value.length === 0 || !BASE64.test(value)) {
    throw new WechatDataError('malformed', `${what} is not base64`);
  }
  const decoded = Buffer.from(value, 'base64');
  if (bytes !== undefined && decoded.length !== bytes) {
    throw new WechatDataError('malformed', `${what} is not ${bytes} bytes`);
  }
  return decoded;
}

/**
 * Decrypts `encryptedData` with the user's `sessionKey` and `iv`, parses the
 * JSON and checks its watermark (AppID always, age when `maxAgeSeconds` is
 * set). Throws WechatDataError (malformed, undecryptable, appid_mismatch, stale).
 */
export function decryptWechatData(
  sessionKey: string,
  encryptedData: string,
  iv: string,
  options: DecryptWechatDataOptions,
): WechatOpenData {
  const key = decodeBase64(sessionKey, 'session key', KEY_BYTES);
  const ivBytes = decodeBase64(iv, 'iv', BLOCK_BYTES);
  const data = decodeBase64(encryptedData, 'encrypted data');
  if (data.length === 0 || data.length % BLOCK_BYTES !== 0) {
    throw new WechatDataError('malformed', 'encrypted data is not a whole number of AES blocks');
  }

  let plaintext: string;
  try {
    const decipher = createDecipheriv('aes-128-cbc', key, ivBytes);
    decipher.setAutoPadding(true); // PKCS#7
    plaintext = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    throw new WechatDataError('undecryptable', 'bad padding (wrong session key or altered data)');
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    throw new WechatDataError('undecryptable', 'plaintext is not JSON (wrong session key or altered data)');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new WechatDataError('undecryptable', 'plaintext is not a JSON object');
  }

  const watermark = (parsed as { watermark?: unknown }).watermark as Partial<WechatWatermark> | undefined;
  if (typeof watermark !== 'object' || watermark === null || typeof watermark.appid !== 'string') {
    throw new WechatDataError('appid_mismatch', 'no watermark');
  }
  if (watermark.appid !== options.appid) {
    throw new WechatDataError('appid_mismatch', 'watermark names another AppID');
  }
  if (options.maxAgeSeconds !== undefined) {
    const timestamp = watermark.timestamp;
    const nowSeconds = (options.now ?? Date.now()) / 1000;
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp)) {
      throw new WechatDataError('stale', 'watermark has no timestamp');
    }
    if (nowSeconds - timestamp > options.maxAgeSeconds) {
      throw new WechatDataError('stale', 'watermark is too old');
    }
    if (timestamp - nowSeconds > FUTURE_SKEW_SECONDS) {
      throw new WechatDataError('stale', 'watermark is in the future');
    }
  }
  return parsed as WechatOpenData;
}

/**
 * The other direction, as WeChat does it: `payload` as JSON, AES-128-CBC with
 * PKCS#7 under `sessionKey`, with a fresh random iv unless one is given. Used
 * by the fake WeChat server; production code only decrypts.
 */
export function encryptWechatData(
  sessionKey: string,
  payload: unknown,
  iv: Buffer = randomBytes(BLOCK_BYTES),
): { encryptedData: string; iv: string } {
  const key = decodeBase64(sessionKey, 'session key', KEY_BYTES);
  if (iv.length !== BLOCK_BYTES) throw new WechatDataError('malformed', `iv is not ${BLOCK_BYTES} bytes`);
  const cipher = createCipheriv('aes-128-cbc', key, iv);
  const encrypted = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return { encryptedData: encrypted.toString('base64'), iv: iv.toString('base64') };
}
