import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ClaimStatus, GrantedRole, ScopeType, UnitRelation } from '../../../shared/src/auth/roles';
import { User } from '../auth/auth.entity';
import { Community, Unit } from '../communities/communities.entity';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

export const MEMBERSHIP_STATUSES = ['active', 'suspended'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * A user's membership of a community: created when they join it (choose it,
 * claim a unit, or receive a role there). Moderators suspend and restore it;
 * a suspended member can read but not act in that community.
 */
@Entity({ name: 'membership' })
@Index('uq_membership_user_community', ['userId', 'communityId'], { unique: true })
@Index('ix_membership_community', ['communityId', 'status'])
export class Membership {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @ManyToOne(() => Community, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: Community;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status!: MembershipStatus;

  @Column({ type: 'varchar', length: 200, name: 'suspended_reason', nullable: true })
  suspendedReason!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** A role granted to a user for an estate, a community or a sub-district. Revoking sets `revokedAt`. */
@Entity({ name: 'role_grant' })
@Index('ix_role_grant_user', ['userId'])
@Index('ix_role_grant_scope', ['scopeType', 'scopeId', 'role'])
export class RoleGrant {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 30 })
  role!: GrantedRole;

  @Column({ type: 'varchar', length: 16, name: 'scope_type' })
  scopeType!: ScopeType;

  @Column({ type: 'int', name: 'scope_id' })
  scopeId!: number;

  /** Organisation the role is held for, e.g. the property company's name. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  organisation!: string | null;

  @Column({ type: 'int', name: 'granted_by', nullable: true })
  grantedBy!: number | null;

  @Column({ type: 'datetime', precision: 6, name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * A resident's claim to live in or own a unit. An owner claim matching the
 * roster (name + last four digits of the phone on file) is approved at once;
 * any other claim waits for a moderator, with a photo of the certificate or
 * contract for owners. Approved claims make the user a verified resident
 * (and, for owners, an owner) of the unit's community.
 */
@Entity({ name: 'unit_claim' })
@Index('ix_unit_claim_user', ['userId'])
@Index('ix_unit_claim_community_status', ['communityId', 'status'])
@Index('ix_unit_claim_unit', ['unitId', 'status'])
export class UnitClaim {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'int', name: 'unit_id' })
  unitId!: number;

  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'int', name: 'estate_id' })
  estateId!: number;

  @Column({ type: 'varchar', length: 12 })
  relation!: UnitRelation;

  @Column({ type: 'varchar', length: 12 })
  status!: ClaimStatus;

  /** The name the claimant gave (checked against the roster for owners). */
  @Column({ type: 'varchar', length: 50, name: 'claimed_name' })
  claimedName!: string;

  @Column({ type: 'boolean', name: 'roster_matched', default: false })
  rosterMatched!: boolean;

  /** The uploaded photo of the ownership certificate or purchase contract. */
  @Column({ type: 'int', name: 'evidence_upload_id', nullable: true })
  evidenceUploadId!: number | null;

  /**
   * `<userId>:<unitId>` while the claim is pending or approved, NULL after:
   * the unique index lets a user hold one open claim per unit.
   */
  @Index('uq_unit_claim_open', { unique: true })
  @Column({ type: 'varchar', length: 40, name: 'open_key', nullable: true })
  openKey!: string | null;

  @Column({ type: 'int', name: 'decided_by', nullable: true })
  decidedBy!: number | null;

  @Column({ type: 'datetime', precision: 6, name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 200, name: 'reject_reason', nullable: true })
  rejectReason!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
