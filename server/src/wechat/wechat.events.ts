import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { ContentSuggest } from './wechat.client';

/**
 * Events WeChat pushes to the mini-program's message push URL (plaintext JSON
 * mode): the verdict of an asynchronous media check, and the signature check
 * every pushed request must pass before it is trusted.
 */

const suggestSchema = z.enum(['pass', 'review', 'risky']);

const mediaCheckEventSchema = z.object({
  ToUserName: z.string(),
  FromUserName: z.string().min(1),
  CreateTime: z.number().int().nonnegative(),
  MsgType: z.literal('event'),
  Event: z.literal('wxa_media_check'),
  appid: z.string().min(1),
  trace_id: z.string().min(1),
  version: z.literal(2),
  detail: z
    .array(
      z.looseObject({
        strategy: z.string(),
        errcode: z.number().int(),
        suggest: suggestSchema.optional(),
        label: z.number().int().optional(),
        prob: z.number().optional(),
      }),
    )
    .default([]),
  errcode: z.number().int(),
  errmsg: z.string().optional(),
  result: z.object({ suggest: suggestSchema, label: z.number().int() }).optional(),
});

export interface MediaCheckEvent {
  appid: string;
  /** Matches the `traceId` mediaCheckAsync returned. */
  traceId: string;
  /** The openid the check was submitted for (the event's FromUserName). */
  openid: string;
  /** Unix seconds. */
  createTime: number;
  /** WeChat's errcode for the check itself; non-zero means it could not be checked. */
  errcode: number;
  /** The verdict; `review` when WeChat could not check the media (errcode ≠ 0 or no result). */
  suggest: ContentSuggest;
  label: number | undefined;
  /** Per-strategy details as WeChat sent them. */
  detail: Array<{ strategy: string; errcode: number; suggest?: ContentSuggest; label?: number; prob?: number }>;
}

/**
 * Reads a `wxa_media_check` (version 2) event from a push request body (the
 * parsed JSON object or its text). Answers undefined for anything else (other
 * events, malformed bodies, another AppID when `expectedAppid` is given), so
 * the push handler can acknowledge and ignore it.
 */
export function parseMediaCheckEvent(body: unknown, expectedAppid?: string): MediaCheckEvent | undefined {
  let value = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      value = JSON.parse(body.toString()) as unknown;
    } catch {
      return undefined;
    }
  }
  const parsed = mediaCheckEventSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  if (expectedAppid !== undefined && event.appid !== expectedAppid) return undefined;
  const checked = event.errcode === 0 && event.result !== undefined;
  return {
    appid: event.appid,
    traceId: event.trace_id,
    openid: event.FromUserName,
    createTime: event.CreateTime,
    errcode: event.errcode,
    suggest: checked && event.result ? event.result.suggest : 'review',
    label: checked ? event.result?.label : undefined,
    detail: event.detail.map(({ strategy, errcode, suggest, label, prob }) => ({
      strategy,
      errcode,
      suggest,
      label,
      prob,
    })),
  };
}

export interface PushSignature {
  /** The Token configured for message push in the mini-program admin console. */
  token: string;
  signature: string;
  timestamp: string;
  nonce: string;
}

/**
 * WeChat's message push signature: sha1 of the token, timestamp and nonce,
 * sorted and joined. Compare in constant time before trusting a pushed event.
 */
export function verifyPushSignature({ token, signature, timestamp, nonce }: PushSignature): boolean {
  const expected = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  const given = Buffer.from(signature.toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}
