import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

export const USER_STATUSES = ['active', 'suspended', 'deleted'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * A person using Yishi, known by their WeChat openid (or, for demo personas
 * and residents entered by grid workers, by a persona key / no login at all).
 * Real name and phone are personal data: only the community's moderators see
 * them. A deleted account keeps its row (public contributions stay, shown as
 * 已注销用户) with every personal field cleared.
 */
@Entity({ name: 'app_user' })
export class User {
  @IdColumn()
  id!: number;

  @Index('uq_user_openid', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'wechat_openid', nullable: true })
  wechatOpenid!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'wechat_unionid', nullable: true })
  wechatUnionid!: string | null;

  /** Demo persona key (demo mode only). */
  @Index('uq_user_persona', { unique: true })
  @Column({ type: 'varchar', length: 40, name: 'persona_key', nullable: true })
  personaKey!: string | null;

  /** Shown to other residents (masked when it is a real name). */
  @Column({ type: 'varchar', length: 50 })
  nickname!: string;

  @Column({ type: 'varchar', length: 50, name: 'real_name', nullable: true })
  realName!: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'active' })
  status!: UserStatus;

  /** Bumped to revoke every token issued before (account deletion, "sign out everywhere"). */
  @Column({ type: 'int', name: 'token_version', default: 0 })
  tokenVersion!: number;

  /** When the user accepted the privacy agreement; nothing personal is collected before. */
  @Column({ type: 'datetime', precision: 6, name: 'privacy_accepted_at', nullable: true })
  privacyAcceptedAt!: Date | null;

  @Column({ type: 'varchar', length: 16, name: 'privacy_version', nullable: true })
  privacyVersion!: string | null;

  @Column({ type: 'boolean', name: 'large_text', default: false })
  largeText!: boolean;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** WeChat's session_key for a user: kept server-side only, never serialized into a response. */
@Entity({ name: 'wechat_session' })
export class WechatSession {
  @PrimaryColumn({ type: 'int', name: 'user_id' })
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'varchar', length: 64, name: 'session_key' })
  sessionKey!: string;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/**
 * A one-time invitation created by the admin bootstrap (or a moderator): the
 * first user to redeem it receives the role for the scope. Only a hash of the
 * code is stored.
 */
@Entity({ name: 'invite_code' })
export class InviteCode {
  @IdColumn()
  id!: number;

  @Index('uq_invite_code_hash', { unique: true })
  @Column({ type: 'varchar', length: 64, name: 'code_hash' })
  codeHash!: string;

  @Column({ type: 'varchar', length: 30 })
  role!: string;

  @Column({ type: 'varchar', length: 16, name: 'scope_type' })
  scopeType!: string;

  @Column({ type: 'int', name: 'scope_id' })
  scopeId!: number;

  @Column({ type: 'datetime', precision: 6, name: 'expires_at' })
  expiresAt!: Date;

  @Column({ type: 'int', name: 'redeemed_by', nullable: true })
  redeemedBy!: number | null;

  @Column({ type: 'datetime', precision: 6, name: 'redeemed_at', nullable: true })
  redeemedAt!: Date | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
