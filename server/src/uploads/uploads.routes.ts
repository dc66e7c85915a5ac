import { z } from 'zod';
import { idParam } from '../../../shared/src/members/members.schema';
import { UPLOAD_PURPOSE_VALUES, uploadResultSchema } from '../../../shared/src/uploads/uploads.schema';
import { AppError } from '../http/app-error';
import { readMultipart } from '../http/multipart';
import type { Api } from '../http/operations';
import { openUpload, storePhoto } from './uploads.service';

const uploadFieldsSchema = z.object({ purpose: z.enum(UPLOAD_PURPOSE_VALUES) });

/** Photo uploads (wx.uploadFile / Taro.uploadFile: multipart with a `file` part) and reading them back. */
export function registerUploadRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/uploads',
    operationId: 'uploadPhoto',
    summary: 'Upload a photo (JPEG, PNG or WebP, checked by its bytes); returns its id',
    tag: 'uploads',
    multipart: z.object({
      purpose: z.enum(UPLOAD_PURPOSE_VALUES),
      file: z.string().describe('the photo (binary)'),
    }),
    response: { status: 201, schema: uploadResultSchema, description: 'Stored' },
    errors: ['PRIVACY_CONSENT_REQUIRED'],
    handler: async (ctx, { actor }) => {
      const { fields, file } = await readMultipart(ctx, ctx.services.config.uploadMaxBytes);
      const parsed = uploadFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          details: { in: 'body', fields: [{ path: 'purpose', message: '请指定照片用途' }] },
        });
      }
      const upload = await storePhoto(ctx.services.dataSource, ctx.services.storage, actor, parsed.data.purpose, file);
      return { id: upload.id, contentType: upload.contentType, sizeBytes: upload.sizeBytes };
    },
  });
  api.add({
    method: 'get',
    auth: 'user',
    path: '/api/uploads/:id',
    operationId: 'getUpload',
    summary: 'Read a photo (its uploader; moderators for claim evidence of their community)',
    tag: 'uploads',
    params: idParam,
    response: { description: 'The photo', contentType: 'image/*' },
    errors: ['NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      const { upload, stream } = await openUpload(ctx.services.dataSource, ctx.services.storage, actor, params.id);
      ctx.status = 200;
      ctx.type = upload.contentType;
      ctx.set('Cache-Control', 'private, max-age=3600');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.set('Content-Disposition', 'inline');
      ctx.body = stream;
      return undefined;
    },
  });
}
