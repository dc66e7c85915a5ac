import { z } from 'zod';

const id = z.coerce.number().int().positive().max(2_147_483_647);
const dayParam = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日');

/** Filters of the audit log (操作日志); days are Asia/Shanghai calendar days, both ends included. */
export const auditQuerySchema = z
  .object({
    communityId: id.optional(),
    actorId: id.optional(),
    /** `topic` matches topic.route, topic.decide …; `topic.route` matches only that. */
    action: z
      .string()
      .regex(/^[a-z_]{1,24}(\.[a-z_]{1,23})?$/, '操作类型格式不对')
      .optional(),
    objectType: z
      .string()
      .regex(/^[a-z_]{1,24}$/, '对象类型格式不对')
      .optional(),
    objectId: id.optional(),
    from: dayParam.optional(),
    to: dayParam.optional(),
    /** The previous page's nextCursor (entries come newest first). */
    cursor: id.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditExportQuerySchema = auditQuerySchema
  .omit({ cursor: true, limit: true })
  .extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') })
  .strict();

export const auditEntryViewSchema = z.object({
  id: z.number().int(),
  communityId: z.number().int().nullable(),
  communityName: z.string().nullable(),
  actorId: z.number().int().nullable(),
  /** Who acted, masked (张**); 系统 for the system. */
  actorName: z.string(),
  actorRole: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.number().int().nullable(),
  summary: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntryViewSchema),
  nextCursor: z.number().int().nullable(),
});
