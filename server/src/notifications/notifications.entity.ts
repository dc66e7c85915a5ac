import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn } from '../db/columns';

/** One message in a user's in-app message centre. */
@Entity({ name: 'notification' })
@Index('ix_notification_user', ['userId', 'id'])
export class Notification {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  /** What happened, e.g. `claim_approved`; the client picks an icon by it. */
  @Column({ type: 'varchar', length: 40 })
  kind!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'varchar', length: 500 })
  body!: string;

  /** Client page to open, e.g. `/pages/me/units`. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link!: string | null;

  @Column({ type: 'datetime', precision: 6, name: 'read_at', nullable: true })
  readAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
