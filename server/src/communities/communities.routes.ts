import { z } from 'zod';
import { idParam, ROSTER_IMPORT_MODES, rosterImportReportSchema } from '../../../shared/src/members/members.schema';
import { AppError } from '../http/app-error';
import { readMultipart } from '../http/multipart';
import type { Api } from '../http/operations';
import { importRoster } from './roster-import';

const importFieldsSchema = z.object({ mode: z.enum(ROSTER_IMPORT_MODES).default('validate') });

/** The committee's roster of units and owners. */
export function registerCommunityRoutes(api: Api): void {
  api.add({
    method: 'post',
    auth: 'user',
    path: '/api/communities/:id/roster',
    operationId: 'importRoster',
    summary:
      'Moderators: check or import a roster file (CSV/XLSX). mode=validate reports only; all writes nothing unless every row is valid; valid_rows writes the valid rows',
    tag: 'moderation',
    params: idParam,
    multipart: z.object({
      mode: z.enum(ROSTER_IMPORT_MODES),
      file: z.string().describe('the roster file (binary), see docs/roster.md'),
    }),
    response: { schema: rosterImportReportSchema, description: 'What was found and what was written' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
    handler: async (ctx, { params, actor }) => {
      const { fields, file } = await readMultipart(ctx, 10 * 1024 * 1024);
      const parsed = importFieldsSchema.safeParse(fields);
      if (!parsed.success) {
        throw new AppError('VALIDATION_FAILED', {
          details: { in: 'body', fields: [{ path: 'mode', message: '导入方式只能是 validate、all 或 valid_rows' }] },
        });
      }
      if (!file || file.data.length === 0) {
        throw new AppError('VALIDATION_FAILED', {
          message: '请选择名册文件',
          details: { in: 'body', fields: [{ path: 'file', message: '缺少文件' }] },
        });
      }
      return importRoster(
        ctx.services.dataSource,
        actor,
        params.id,
        { data: file.data, filename: file.filename },
        parsed.data.mode,
      );
    },
  });
}
