import type { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { canViewTopicPhoto } from '../topics/topics.media';
import type { Upload } from './uploads.entity';

/**
 * Who may see an upload: its uploader; for a claim's evidence photo, also the
 * moderators of the claimed unit's community; for a topic photo or its
 * thumbnail, as canViewTopicPhoto says. Others get NOT_FOUND, so the
 * existence of private files is not revealed.
 */
export async function canViewUpload(ds: DataSource, actor: Actor, upload: Upload): Promise<boolean> {
  if (upload.ownerUserId === actor.userId) return true;
  if (upload.purpose === 'topic_photo') return canViewTopicPhoto(ds, actor, upload);
  if (upload.purpose === 'claim_evidence') {
    const rows = (await ds.query('SELECT DISTINCT community_id FROM unit_claim WHERE evidence_upload_id = ?', [
      upload.id,
    ])) as { community_id: number }[];
    return rows.some((r) => actor.isModerator(Number(r.community_id)));
  }
  return false;
}
