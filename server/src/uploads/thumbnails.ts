import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import sharp from 'sharp';
import type { EntityManager } from 'typeorm';
import type { FileStorage } from '../storage/storage';
import { Upload } from './uploads.entity';

/** Longest side of a thumbnail, in pixels. */
export const THUMBNAIL_MAX_PX = 400;

/** Refuse to decode images larger than this (decompression bombs); a 10 MB photo is far below. */
const MAX_INPUT_PIXELS = 50_000_000;

/**
 * A JPEG of at most 400×400 px (aspect kept, never enlarged) from a JPEG,
 * PNG or WebP photo: turned upright by its EXIF orientation, transparent
 * parts on white, and without metadata (no EXIF, no GPS position).
 * Throws when the bytes cannot be decoded as an image.
 */
export async function makeThumbnail(photo: Buffer): Promise<Buffer> {
  return sharp(photo, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize(THUMBNAIL_MAX_PX, THUMBNAIL_MAX_PX, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 78, mozjpeg: true })
    .toBuffer();
}

/**
 * Makes and stores the thumbnail of an uploaded photo as an Upload of its
 * own (same owner and purpose), inside the caller's transaction for the row;
 * the file is written first and removed again if the row cannot be.
 * Answers undefined when the photo is gone from storage.
 */
export async function storeThumbnail(
  em: EntityManager,
  storage: FileStorage,
  photo: Upload,
): Promise<Upload | undefined> {
  const stored = await storage.get(photo.storageKey);
  if (!stored) return undefined;
  const thumbnail = await makeThumbnail(await readAll(stored.stream));
  const now = new Date();
  const key = `${photo.purpose.replace(/_/g, '-')}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('hex')}.thumb.jpg`;
  await storage.put(key, thumbnail, 'image/jpeg');
  try {
    return await em.save(
      em.create(Upload, {
        ownerUserId: photo.ownerUserId,
        purpose: photo.purpose,
        storageKey: key,
        contentType: 'image/jpeg',
        sizeBytes: thumbnail.length,
        sha256: createHash('sha256').update(thumbnail).digest('hex'),
      }),
    );
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
