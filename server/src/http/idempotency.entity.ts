import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn } from '../db/columns';

/**
 * One Idempotency-Key a user sent for a write: the first request's body hash
 * and, once finished, its answer — replayed for retries (QUALITY.md S4).
 */
@Entity({ name: 'idempotency_record' })
@Index('uq_idempotency', ['userId', 'idempotencyKey'], { unique: true })
@Index('ix_idempotency_created', ['createdAt'])
export class IdempotencyRecord {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'varchar', length: 100, name: 'idempotency_key' })
  idempotencyKey!: string;

  /** The operationId and the hash of path parameters and body. */
  @Column({ type: 'varchar', length: 60, name: 'operation_id' })
  operationId!: string;

  @Column({ type: 'varchar', length: 64, name: 'request_hash' })
  requestHash!: string;

  @Column({ type: 'varchar', length: 12 })
  state!: 'in_progress' | 'done';

  @Column({ type: 'int', name: 'response_status', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'text', name: 'response_body', nullable: true })
  responseBody!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
