import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn } from '../db/columns';

/**
 * 操作日志: one moderator action or state change; append-only (never updated
 * or deleted). Sub-district admins filter and export it.
 */
@Entity({ name: 'audit_entry' })
@Index('ix_audit_community', ['communityId', 'id'])
@Index('ix_audit_object', ['objectType', 'objectId', 'id'])
export class AuditEntry {
  @IdColumn()
  id!: number;

  /** The community the change belongs to (null for sub-district-wide changes). */
  @Column({ type: 'int', name: 'community_id', nullable: true })
  communityId!: number | null;

  /** Who acted; null for the system (timers, sweeps). */
  @Column({ type: 'int', name: 'actor_id', nullable: true })
  actorId!: number | null;

  /** The role they acted in (moderator, grid_worker, subdistrict_admin, system …). */
  @Column({ type: 'varchar', length: 24, name: 'actor_role' })
  actorRole!: string;

  /** What happened, as `object.verb`, e.g. `topic.route`, `vote.close`, `member.suspend`. */
  @Column({ type: 'varchar', length: 48 })
  action!: string;

  /** topic, vote, meeting, council, member, claim, objection, project … */
  @Column({ type: 'varchar', length: 24, name: 'object_type' })
  objectType!: string;

  @Column({ type: 'int', name: 'object_id', nullable: true })
  objectId!: number | null;

  /** One line in Chinese for the log view, e.g. 「议题 #12 分派给恒安物业」. */
  @Column({ type: 'varchar', length: 200 })
  summary!: string;

  /** Extra facts as JSON text; never personal data beyond ids. */
  @Column({ type: 'text', name: 'data_json', nullable: true })
  dataJson!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
