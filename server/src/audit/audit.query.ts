import { Workbook } from 'exceljs';
import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import type { AuditEntryView, AuditQuery } from '../../../shared/src/audit/audit.schema';
import { ROLE_LABELS, type Role } from '../../../shared/src/auth/roles';
import { addDays, isCalendarDay, startOfShanghaiDay } from '../../../shared/src/outcomes/outcomes.rules';
import { TIME_ZONE } from '../../../shared/src/time';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import { Community } from '../communities/communities.entity';
import { AppError, fieldError } from '../http/app-error';
import { publicName } from '../topics/topics.views';
import { AuditEntry } from './audit.entity';

export type AuditFilters = Omit<AuditQuery, 'cursor' | 'limit'>;

/**
 * Which communities' entries the actor reads: a moderator their community;
 * a sub-district admin every community of the sub-district, or the one
 * `communityId` filter of them. Errors: FORBIDDEN, VALIDATION_FAILED.
 */
export async function auditScope(
  ds: DataSource,
  actor: Actor,
  scope: { communityId: number } | { subDistrictId: number },
  filterCommunityId: number | undefined,
): Promise<number[]> {
  if ('communityId' in scope) {
    if (!actor.isModerator(scope.communityId)) {
      throw new AppError('FORBIDDEN', { message: '只有本社区的社区工作者可以查看操作日志' });
    }
    if (filterCommunityId !== undefined && filterCommunityId !== scope.communityId) {
      throw fieldError('communityId', '只能查看本社区的操作日志');
    }
    return [scope.communityId];
  }
  if (!actor.isSubDistrictAdmin(scope.subDistrictId)) {
    throw new AppError('FORBIDDEN', { message: '只有本街道的管理员可以查看操作日志' });
  }
  const ids = (
    await ds.getRepository(Community).find({ where: { subDistrictId: scope.subDistrictId }, select: { id: true } })
  ).map((c) => c.id);
  if (filterCommunityId === undefined) return ids;
  if (!ids.includes(filterCommunityId)) throw fieldError('communityId', '只能查看本街道所辖社区的操作日志');
  return [filterCommunityId];
}

function filteredQuery(ds: DataSource, communityIds: number[], f: AuditFilters) {
  const qb = ds.getRepository(AuditEntry).createQueryBuilder('a');
  // An empty scope matches nothing (a sub-district without communities).
  qb.where(communityIds.length ? 'a.community_id IN (:...communityIds)' : '1 = 0', { communityIds });
  if (f.actorId !== undefined) qb.andWhere('a.actor_id = :actorId', { actorId: f.actorId });
  if (f.action) {
    if (f.action.includes('.')) qb.andWhere('a.action = :action', { action: f.action });
    else qb.andWhere('a.action LIKE :prefix', { prefix: `${f.action}.%` });
  }
  if (f.objectType) qb.andWhere('a.object_type = :objectType', { objectType: f.objectType });
  if (f.objectId !== undefined) qb.andWhere('a.object_id = :objectId', { objectId: f.objectId });
  if (f.from) qb.andWhere('a.created_at >= :fromAt', { fromAt: startOfShanghaiDay(f.from) });
  if (f.to) qb.andWhere('a.created_at < :toAt', { toAt: startOfShanghaiDay(addDays(f.to, 1)) });
  return qb;
}

function checkRange(f: AuditFilters): void {
  for (const key of ['from', 'to'] as const) {
    const day = f[key];
    if (day && !isCalendarDay(day)) {
      throw fieldError(key, '日期不存在');
    }
  }
  if (f.from && f.to && f.from > f.to) throw fieldError('to', '结束日期不能早于开始日期');
}

async function views(ds: DataSource, rows: AuditEntry[]): Promise<AuditEntryView[]> {
  const userIds = [...new Set(rows.map((r) => r.actorId).filter((v): v is number => v !== null))];
  const communityIds = [...new Set(rows.map((r) => r.communityId).filter((v): v is number => v !== null))];
  const [users, communities] = await Promise.all([
    userIds.length ? ds.getRepository(User).find({ where: { id: In(userIds) } }) : [],
    communityIds.length ? ds.getRepository(Community).find({ where: { id: In(communityIds) } }) : [],
  ]);
  return rows.map((r) => ({
    id: r.id,
    communityId: r.communityId,
    communityName: communities.find((c) => c.id === r.communityId)?.name ?? null,
    actorId: r.actorId,
    actorName: r.actorId === null ? '系统' : publicName(users.find((u) => u.id === r.actorId)),
    actorRole: r.actorRole,
    action: r.action,
    objectType: r.objectType,
    objectId: r.objectId,
    summary: r.summary,
    data: r.dataJson ? (JSON.parse(r.dataJson) as Record<string, unknown>) : null,
    createdAt: r.createdAt.toISOString(),
  }));
}

/** One page of the audit log, newest first (keyset on id). */
export async function listAudit(
  ds: DataSource,
  communityIds: number[],
  query: AuditQuery,
): Promise<{ items: AuditEntryView[]; nextCursor: number | null }> {
  checkRange(query);
  const qb = filteredQuery(ds, communityIds, query)
    .orderBy('a.id', 'DESC')
    .limit(query.limit + 1);
  if (query.cursor !== undefined) qb.andWhere('a.id < :cursor', { cursor: query.cursor });
  const rows = await qb.getMany();
  const page = rows.slice(0, query.limit);
  return { items: await views(ds, page), nextCursor: rows.length > query.limit ? page[page.length - 1]!.id : null };
}

/** The most rows one export carries; narrow the filters for more. */
export const AUDIT_EXPORT_MAX = 50_000;

const timeFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const roleLabel = (role: string) => (role === 'system' ? '系统' : (ROLE_LABELS[role as Role] ?? role));

export const AUDIT_COLUMNS = ['时间', '社区', '操作人', '角色', '操作', '对象', '对象编号', '摘要', '详情'] as const;

async function exportRows(ds: DataSource, communityIds: number[], filters: AuditFilters): Promise<string[][]> {
  checkRange(filters);
  const rows: string[][] = [];
  let cursor: number | undefined;
  while (rows.length < AUDIT_EXPORT_MAX) {
    const qb = filteredQuery(ds, communityIds, filters).orderBy('a.id', 'DESC').limit(1000);
    if (cursor !== undefined) qb.andWhere('a.id < :cursor', { cursor });
    const batch = await qb.getMany();
    if (batch.length === 0) break;
    for (const v of await views(ds, batch)) {
      rows.push([
        timeFormat.format(new Date(v.createdAt)),
        v.communityName ?? '',
        v.actorName,
        roleLabel(v.actorRole),
        v.action,
        v.objectType,
        v.objectId === null ? '' : String(v.objectId),
        v.summary,
        v.data ? JSON.stringify(v.data) : '',
      ]);
    }
    cursor = batch[batch.length - 1]!.id;
    if (batch.length < 1000) break;
  }
  return rows.slice(0, AUDIT_EXPORT_MAX);
}

/** A spreadsheet cell that starts like a formula is written as text (CSV injection). */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The filtered log as XLSX (one sheet 操作日志) or CSV (UTF-8 with BOM, so Excel reads the Chinese). */
export async function exportAudit(
  ds: DataSource,
  communityIds: number[],
  filters: AuditFilters,
  format: 'xlsx' | 'csv',
): Promise<Buffer> {
  const rows = await exportRows(ds, communityIds, filters);
  if (format === 'csv') {
    const lines = [AUDIT_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))];
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('操作日志');
  sheet.columns = AUDIT_COLUMNS.map((header, i) => ({
    header,
    key: String(i),
    width: [20, 14, 10, 10, 22, 10, 10, 60, 40][i],
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
