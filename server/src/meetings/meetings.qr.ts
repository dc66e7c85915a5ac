import { crc32, deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { assertModerator } from '../members/members.policy';
import { findMeeting } from './meetings.lists';

/** The page a check-in QR code opens; the client reads `id` and `code` from it. */
export const CHECK_IN_PAGE = '/pages/meetings/detail';

/** Pixels per QR module and the quiet zone in modules: about 400 px, sharp on a projector. */
const MODULE_PX = 10;
const QUIET_ZONE = 3;

/**
 * What a meeting's check-in QR code holds: a link to the meeting's page on the
 * web app with the code, e.g. `https://yishi.example.com/#/pages/meetings/detail?id=7&code=K7M2Q9`.
 * A phone camera opens it in the browser; the mini-program's scanCode (or
 * WeChat's "scan a link QR code to open the mini-program" rule, which hands
 * the link over as `q`) reads the same two parameters.
 */
export function checkInLink(baseUrl: string, meetingId: number, code: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#${CHECK_IN_PAGE}?id=${meetingId}&code=${code}`;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/**
 * The QR code of `text` (qrcode's matrix, error correction M) as a 1-bit
 * greyscale PNG: dark modules black on white, a quiet zone around. Encoded
 * here with zlib rather than through pngjs, which spends its time converting
 * 32-bit pixels a two-colour image does not need.
 */
export function qrPng(text: string): Buffer {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = (modules.size + 2 * QUIET_ZONE) * MODULE_PX;
  const rowBytes = Math.ceil(size / 8);
  const raw = Buffer.alloc((rowBytes + 1) * size, 0);
  for (let y = 0; y < size; y++) {
    const row = y * (rowBytes + 1); // byte 0: filter type 0 (none)
    const my = Math.floor(y / MODULE_PX) - QUIET_ZONE;
    for (let x = 0; x < size; x++) {
      const mx = Math.floor(x / MODULE_PX) - QUIET_ZONE;
      const dark = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.get(my, mx);
      // Greyscale bit 1 is white.
      if (!dark) raw[row + 1 + (x >> 3)]! |= 0x80 >> (x & 7);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // colour type: greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Moderators: the meeting's check-in QR code as a PNG for the room screen.
 * Errors: NOT_FOUND, FORBIDDEN.
 */
export async function checkInQrPng(ds: DataSource, actor: Actor, meetingId: number, baseUrl: string): Promise<Buffer> {
  const meeting = await findMeeting(ds, meetingId);
  assertModerator(actor, meeting.communityId);
  return qrPng(checkInLink(baseUrl, meeting.id, meeting.checkInCode));
}
