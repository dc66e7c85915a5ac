import { PHOTO_MAX_BYTES, PHOTO_TYPES, type UploadResult, uploadResultSchema } from '@shared/uploads/uploads.schema';
import Taro from '@tarojs/taro';
import { upload } from './request';

/** Choosing a photo on the phone or computer, checking it, and uploading it. */

export type UploadPurpose = 'claim_evidence' | 'topic_photo';

/** A photo the resident picked, still on the device. */
export interface ChosenPhoto {
  /** Temp path (mini-program) or blob: URL (web); also good as an <Image> source for a preview. */
  path: string;
  sizeBytes: number;
  /** MIME type when the platform says it or the file name shows it. */
  contentType?: string;
  /** Original file name (web only). */
  fileName?: string;
}

const EXTENSION_TYPES: Record<string, (typeof PHOTO_TYPES)[number]> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

function typeFromName(name: string | undefined): string | undefined {
  const extension = name?.split(/[?#]/)[0]?.split('.').pop()?.toLowerCase();
  return extension ? EXTENSION_TYPES[extension] : undefined;
}

function isCancel(error: unknown): boolean {
  const message = (error as { errMsg?: unknown } | undefined)?.errMsg;
  return typeof message === 'string' && /cancel/i.test(message);
}

/**
 * Lets the resident take or pick one photo. Resolves `undefined` when they
 * cancel. The mini-program uses chooseMedia; the web uses chooseImage (a file
 * input under the hood).
 */
export async function choosePhoto(): Promise<ChosenPhoto | undefined> {
  try {
    if (process.env.TARO_ENV === 'weapp') {
      const result = await Taro.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sourceType: ['album', 'camera'],
        sizeType: ['compressed'],
      });
      const file = result.tempFiles[0];
      if (!file) return undefined;
      return { path: file.tempFilePath, sizeBytes: file.size, contentType: typeFromName(file.tempFilePath) };
    }
    const result = await Taro.chooseImage({ count: 1, sizeType: ['original'], sourceType: ['album', 'camera'] });
    const file = result.tempFiles[0] as
      | (Taro.chooseImage.ImageFile & { originalFileObj?: { name?: string; type?: string } })
      | undefined;
    if (!file) return undefined;
    const fileName = file.originalFileObj?.name;
    return {
      path: file.path,
      sizeBytes: file.size,
      contentType: file.type || file.originalFileObj?.type || typeFromName(fileName),
      fileName,
    };
  } catch (error) {
    if (isCancel(error)) return undefined;
    throw error;
  }
}

/**
 * Why a photo cannot be uploaded, in words for the resident; `undefined` when
 * it looks fine (the server checks the bytes again).
 */
export function photoProblem(photo: ChosenPhoto): string | undefined {
  if (photo.contentType && !(PHOTO_TYPES as readonly string[]).includes(photo.contentType)) {
    return '只能上传 JPG、PNG 或 WebP 格式的照片，请重新选择';
  }
  if (photo.sizeBytes > PHOTO_MAX_BYTES) {
    return `照片不能超过 ${PHOTO_MAX_BYTES / 1024 / 1024} MB，请重新拍摄或选择较小的照片`;
  }
  if (photo.sizeBytes === 0) return '这张照片是空的，请重新选择';
  return undefined;
}

/** Uploads a checked photo for `purpose`; resolves with its id. */
export function uploadPhoto(photo: ChosenPhoto, purpose: UploadPurpose): Promise<UploadResult> {
  return upload('/uploads', {
    filePath: photo.path,
    name: 'file',
    formData: { purpose },
    fileName: photo.fileName,
    schema: uploadResultSchema,
  });
}
