import { z } from 'zod';

export const UPLOAD_PURPOSE_VALUES = [
  'claim_evidence',
  'topic_photo',
  'progress_photo',
  'proxy_authorization',
] as const;

export const uploadResultSchema = z.object({
  id: z.number().int(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
});
export type UploadResult = z.infer<typeof uploadResultSchema>;

/** Accepted photo types and the size limit the client checks before uploading (the server checks again). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
