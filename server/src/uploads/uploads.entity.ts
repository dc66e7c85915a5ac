import { Column, Entity, Index } from 'typeorm';
import { CreatedAtColumn, IdColumn } from '../db/columns';

export const UPLOAD_PURPOSES = [
  'claim_evidence',
  'roster',
  'topic_photo',
  'progress_photo',
  'proxy_authorization',
] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** A file a user uploaded, kept in the file storage under `storageKey`. */
@Entity({ name: 'upload' })
@Index('ix_upload_owner', ['ownerUserId'])
export class Upload {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'owner_user_id' })
  ownerUserId!: number;

  @Column({ type: 'varchar', length: 24 })
  purpose!: UploadPurpose;

  @Index('uq_upload_storage_key', { unique: true })
  @Column({ type: 'varchar', length: 200, name: 'storage_key' })
  storageKey!: string;

  /** Determined by the server from the file's bytes, never taken from the client. */
  @Column({ type: 'varchar', length: 60, name: 'content_type' })
  contentType!: string;

  @Column({ type: 'int', name: 'size_bytes' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}
