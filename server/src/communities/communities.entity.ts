import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { AreaSource } from '../../../shared/src/auth/roles';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

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

/** 楼栋: a building of an estate. */
@Entity({ name: 'building' })
@Index('uq_building_estate_name', ['estateId', 'name'], { unique: true })
export class Building {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'estate_id' })
  estateId!: number;

  @ManyToOne(() => Estate, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'estate_id' })
  estate?: Estate;

  @Column({ type: 'varchar', length: 40 })
  name!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * 户 (专有部分): one unit. Area is exact, in hundredths of m², with its source
 * (registered, else surveyed, else contract area counts in owners' votes).
 * Units the developer still holds are marked: together they count as one owner.
 */
@Entity({ name: 'unit' })
@Index('uq_unit_building_label', ['buildingId', 'label'], { unique: true })
@Index('ix_unit_estate', ['estateId'])
@Index('ix_unit_community', ['communityId'])
export class Unit {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'building_id' })
  buildingId!: number;

  @ManyToOne(() => Building, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id' })
  building?: Building;

  /** Denormalized from the building, for scoping queries. */
  @Column({ type: 'int', name: 'estate_id' })
  estateId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  /** As written on the door and in the roster, e.g. 2单元301. */
  @Column({ type: 'varchar', length: 40 })
  label!: string;

  @Column({ type: 'int', name: 'area_centi_m2' })
  areaCentiM2!: number;

  @Column({ type: 'varchar', length: 12, name: 'area_source' })
  areaSource!: AreaSource;

  @Column({ type: 'boolean', name: 'developer_held', default: false })
  developerHeld!: boolean;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/**
 * An owner on file for a unit, from the roster the committee imported. Used to
 * verify owner claims (name and the last four digits of the phone) and to
 * group one buyer's several units (by `ownerRef`, else name + phone). Real
 * names and phones are visible only to the community's moderators.
 */
@Entity({ name: 'roster_owner' })
@Index('uq_roster_owner_unit_name', ['unitId', 'name'], { unique: true })
@Index('ix_roster_owner_community', ['communityId'])
export class RosterOwner {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'unit_id' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  /** 业主编号 from the roster, grouping one owner's units. */
  @Column({ type: 'varchar', length: 40, name: 'owner_ref', nullable: true })
  ownerRef!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
