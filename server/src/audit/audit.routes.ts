import { auditExportQuerySchema, auditPageSchema, auditQuerySchema } from '../../../shared/src/audit/audit.schema';
import { idParam } from '../../../shared/src/members/members.schema';
import { shanghaiDay } from '../../../shared/src/time';
import type { Api } from '../http/operations';
import { auditScope, exportAudit, listAudit } from './audit.query';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The audit log (操作日志): read and exported, never changed (there is no operation that could). */
export function registerAuditRoutes(api: Api): void {
  for (const level of ['community', 'subDistrict'] as const) {
    const path = level === 'community' ? '/api/communities/:id/audit' : '/api/sub-districts/:id/audit';
    const scopeOf = (id: number) => (level === 'community' ? { communityId: id } : { subDistrictId: id });
    const who = level === 'community' ? 'Moderators: the community’s' : 'Sub-district admins: their communities’';
    api.add({
      method: 'get',
      auth: 'user',
      path,
      operationId: level === 'community' ? 'listCommunityAudit' : 'listSubDistrictAudit',
      summary: `${who} audit log, newest first; filter by community, actor, action prefix, object and days`,
      tag: 'audit',
      params: idParam,
      query: auditQuerySchema,
      response: { schema: auditPageSchema, description: 'One page' },
      errors: ['FORBIDDEN'],
      handler: async (ctx, { params, query, actor }) => {
        const ds = ctx.services.dataSource;
        return listAudit(ds, await auditScope(ds, actor, scopeOf(params.id), query.communityId), query);
      },
    });
    api.add({
      method: 'get',
      auth: 'user',
      path: `${path}/export`,
      operationId: level === 'community' ? 'exportCommunityAudit' : 'exportSubDistrictAudit',
      summary: `${who} audit log with the same filters as XLSX or CSV`,
      tag: 'audit',
      params: idParam,
      query: auditExportQuerySchema,
      response: { description: 'The file', contentType: XLSX },
      errors: ['FORBIDDEN'],
      handler: async (ctx, { params, query, actor }) => {
        const ds = ctx.services.dataSource;
        const { format, ...filters } = query;
        const file = await exportAudit(
          ds,
          await auditScope(ds, actor, scopeOf(params.id), query.communityId),
          filters,
          format,
        );
        ctx.status = 200;
        ctx.type = format === 'csv' ? 'text/csv; charset=utf-8' : XLSX;
        ctx.set('Content-Disposition', `attachment; filename="audit-${shanghaiDay()}.${format}"`);
        ctx.body = file;
        return undefined;
      },
    });
  }
}
