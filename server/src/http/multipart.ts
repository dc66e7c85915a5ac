import busboy from 'busboy';
import type { Context } from 'koa';
import { AppError } from './app-error';

export interface ReceivedFile {
  field: string;
  filename: string;
  /** The type the client claimed; never trusted, see sniffContentType. */
  declaredType: string;
  data: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  file: ReceivedFile | undefined;
}

/**
 * Reads a multipart/form-data body (what wx.uploadFile / Taro.uploadFile
 * send): text fields and at most one file, held in memory up to `maxBytes`.
 * Errors: UNSUPPORTED_MEDIA_TYPE (not multipart), PAYLOAD_TOO_LARGE,
 * VALIDATION_FAILED (malformed body, more than one file, too many fields).
 */
export async function readMultipart(ctx: Context, maxBytes: number): Promise<MultipartBody> {
  if (!ctx.request.is('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { details: { expected: 'multipart/form-data' } });
  }
  const declaredLength = Number(ctx.get('Content-Length'));
  if (Number.isFinite(declaredLength) && declaredLength > maxBytes + 64 * 1024) {
    throw new AppError('PAYLOAD_TOO_LARGE', { details: { maxBytes } });
  }
  return new Promise<MultipartBody>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: ctx.req.headers,
        limits: { fileSize: maxBytes, files: 1, fields: 20, fieldSize: 10_000, parts: 22 },
      });
    } catch {
      reject(new AppError('VALIDATION_FAILED', { message: '上传内容格式有误，请重新选择文件' }));
      return;
    }
    const fields: Record<string, string> = {};
    let file: ReceivedFile | undefined;
    let failure: AppError | undefined;
    const fail = (error: AppError) => {
      failure ??= error;
    };
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new AppError('PAYLOAD_TOO_LARGE', { details: { maxBytes } })));
      stream.on('close', () => {
        if (!failure) {
          file = { field, filename: info.filename ?? '', declaredType: info.mimeType, data: Buffer.concat(chunks) };
        }
      });
    });
    parser.on('filesLimit', () => fail(new AppError('VALIDATION_FAILED', { message: '一次只能上传一个文件' })));
    parser.on('fieldsLimit', () => fail(new AppError('VALIDATION_FAILED', { message: '上传内容格式有误' })));
    parser.on('partsLimit', () => fail(new AppError('VALIDATION_FAILED', { message: '上传内容格式有误' })));
    parser.on('error', () => fail(new AppError('VALIDATION_FAILED', { message: '上传内容格式有误，请重新选择文件' })));
    parser.on('close', () => (failure ? reject(failure) : resolve({ fields, file })));
    ctx.req.pipe(parser);
  });
}

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** The image type by the file's own first bytes (magic numbers), or undefined. */
export function sniffImageType(data: Buffer): ImageType | undefined {
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.length >= 8 && data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (data.length >= 12 && data.toString('latin1', 0, 4) === 'RIFF' && data.toString('latin1', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}
