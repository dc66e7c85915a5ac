import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedAtColumn, IdColumn } from '../db/columns';

/** 街道: the sub-district office that oversees several communities. */
@Entity({ name: 'sub_district' })
export class SubDistrict {
  @IdColumn()
  id!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index('uq_sub_district_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** 社区: a community with its residents' committee. */
@Entity({ name: 'community' })
export class Community {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'sub_district_id' })
  subDistrictId!: number;

  @ManyToOne(() => SubDistrict, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'sub_district_id' })
  subDistrict?: SubDistrict;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Index('uq_community_code', { unique: true })
  @Column({ type: 'varchar', length: 40 })
  code!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

export const ESTATE_KINDS = ['old_compound', 'commercial', 'resettlement'] as const;
export type EstateKind = (typeof ESTATE_KINDS)[number];

/** 小区: an estate inside a community. */
@Entity({ name: 'estate' })
@Index('uq_estate_community_name', ['communityId', 'name'], { unique: true })
export class Estate {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Community;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  /** old_compound (老旧小区), commercial (商品房小区) or resettlement (回迁房小区). */
  @Column({ type: 'varchar', length: 20 })
  kind!: EstateKind;

  @CreatedAtColumn()
  createdAt!: Date;
}
