import { Column, Entity, Index } from 'typeorm';
import type { SeatParty } from '../../../shared/src/councils/councils.schema';
import { CreatedAtColumn, IdColumn } from '../db/columns';

/** 议事会: a community's (or an estate's) standing deliberation council. */
@Entity({ name: 'council' })
@Index('ix_council_community', ['communityId'])
export class Council {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'int', name: 'estate_id', nullable: true })
  estateId!: number | null;

  @Column({ type: 'varchar', length: 60 })
  name!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** A seat on a council: who holds it, for which party, for which term. Ended seats keep their row. */
@Entity({ name: 'seat' })
@Index('ix_seat_council', ['councilId'])
@Index('ix_seat_user', ['userId'])
export class Seat {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'council_id' })
  councilId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'varchar', length: 24 })
  party!: SeatParty;

  @Column({ type: 'varchar', length: 100, nullable: true })
  organisation!: string | null;

  /** First and last day of the term (YYYY-MM-DD, Asia/Shanghai). */
  @Column({ type: 'varchar', length: 10, name: 'term_start' })
  termStart!: string;

  @Column({ type: 'varchar', length: 10, name: 'term_end' })
  termEnd!: string;

  @Column({ type: 'int', name: 'appointed_by' })
  appointedBy!: number;

  @Column({ type: 'datetime', precision: 6, name: 'ended_at', nullable: true })
  endedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
