import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { ReceivedFile } from '../http/multipart';
import { sniffImageType } from '../http/multipart';
import type { FileStorage } from '../storage/storage';
import { Upload, type UploadPurpose } from './uploads.entity';
import { canViewUpload } from './uploads.policy';

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/**
 * Stores a photo the user uploaded. The type is read from the file's own
 * bytes (JPEG, PNG or WebP); the client's claimed type and name are ignored.
 * Precondition: privacy agreement accepted. Errors: PRIVACY_CONSENT_REQUIRED,
 * VALIDATION_FAILED (no file), UNSUPPORTED_MEDIA_TYPE (not a photo).
 */
export async function storePhoto(
  ds: DataSource,
  storage: FileStorage,
  actor: Actor,
  purpose: UploadPurpose,
  file: ReceivedFile | undefined,
): Promise<Upload> {
  if (!actor.user.privacyAcceptedAt) throw new AppError('PRIVACY_CONSENT_REQUIRED');
  if (!file || file.data.length === 0) {
    throw new AppError('VALIDATION_FAILED', {
      message: '请选择要上传的照片',
      details: { fields: [{ path: 'file', message: '缺少文件' }] },
    });
  }
  const contentType = sniffImageType(file.data);
  if (!contentType) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { message: '只能上传 JPG、PNG 或 WebP 格式的照片' });
  }
  const now = new Date();
  const key = `${purpose.replace(/_/g, '-')}/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}/${randomBytes(16).toString('hex')}.${EXTENSIONS[contentType]}`;
  await storage.put(key, file.data, contentType);
  try {
    return await runInTransaction(ds, (em) =>
      em.save(
        em.create(Upload, {
          ownerUserId: actor.userId,
          purpose,
          storageKey: key,
          contentType,
          sizeBytes: file.data.length,
          sha256: createHash('sha256').update(file.data).digest('hex'),
        }),
      ),
    );
  } catch (error) {
    await storage.delete(key);
    throw error;
  }
}

/** Opens an upload for reading if the actor may see it. Errors: NOT_FOUND (also when not allowed). */
export async function openUpload(
  ds: DataSource,
  storage: FileStorage,
  actor: Actor,
  uploadId: number,
): Promise<{ upload: Upload; stream: Readable }> {
  const upload = await ds.getRepository(Upload).findOne({ where: { id: uploadId } });
  if (!upload || !(await canViewUpload(ds, actor, upload))) throw new AppError('NOT_FOUND');
  const stored = await storage.get(upload.storageKey);
  if (!stored) throw new AppError('NOT_FOUND');
  return { upload, stream: stored.stream };
}
