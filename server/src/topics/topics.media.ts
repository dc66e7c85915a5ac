import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { In, IsNull } from 'typeorm';
import { audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import { User } from '../auth/auth.entity';
import type { Config } from '../config';
import { runInTransaction } from '../db/transaction';
import { AppError } from '../http/app-error';
import type { AppServices } from '../http/context';
import { assertModerator } from '../members/members.policy';
import { notify } from '../notifications/notifications.service';
import { storeThumbnail } from '../uploads/thumbnails';
import { Upload } from '../uploads/uploads.entity';
import { CONTENT_SCENE, MEDIA_TYPE } from '../wechat/wechat.client';
import type { MediaCheckEvent } from '../wechat/wechat.events';
import { Topic, TopicEvent, TopicPhoto } from './topics.entity';

/**
 * Content review of a topic's photos and held text:
 * - after a topic with photos commits, each new photo gets a ≤ 400 px JPEG
 *   thumbnail (an Upload of its own, visible exactly when the photo is) and,
 *   when WeChat's checks are on, goes to WeChat's asynchronous media check
 *   through a signed, expiring URL; the verdict arrives on the message push
 *   URL and makes the photo public (pass) or keeps it hidden (risky, review);
 * - moderators release or hide a photo WeChat could not check, and release
 *   a topic held for content review.
 * Photos that are not `pass` are seen only by the topic's author, the grid
 * worker who entered it and the community's moderators.
 */

type PhotoStatus = TopicPhoto['checkStatus'];

// ---------------------------------------------------------------------------
// Signed media URLs: WeChat downloads the photo it checks from GET /api/media/:token.

/** How long a media URL handed to WeChat stays valid. */
export const MEDIA_URL_TTL_SECONDS = 3600;

const TOKEN_PATTERN = /^(\d{1,10})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

function mediaKey(config: Config): Buffer {
  // A key of its own, derived from the server's signing secret: a media token is never a login token.
  return createHmac('sha256', config.jwtSecret).update('yishi:media-url:v1').digest();
}

function mediaSignature(config: Config, uploadId: number, expires: number): string {
  return createHmac('sha256', mediaKey(config)).update(`${uploadId}.${expires}`).digest('base64url');
}

/** `<uploadId>.<expires unix s>.<HMAC-SHA256>`: lets the bearer read that one upload until it expires. */
export function signMediaToken(config: Config, uploadId: number, now = Date.now()): string {
  const expires = Math.floor(now / 1000) + MEDIA_URL_TTL_SECONDS;
  return `${uploadId}.${expires}.${mediaSignature(config, uploadId, expires)}`;
}

/** The upload id a token grants, or undefined when it is malformed, forged or expired. */
export function readMediaToken(config: Config, token: string, now = Date.now()): number | undefined {
  const match = TOKEN_PATTERN.exec(token);
  if (!match) return undefined;
  const uploadId = Number(match[1]);
  const expires = Number(match[2]);
  const given = Buffer.from(match[3]!);
  const expected = Buffer.from(mediaSignature(config, uploadId, expires));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (expires * 1000 < now) return undefined;
  return uploadId;
}

/** The public URL WeChat fetches the upload from (PUBLIC_BASE_URL, or this host in development). */
export function mediaUrlFor(config: Config, uploadId: number): string {
  const base = config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`;
  return `${base}/api/media/${signMediaToken(config, uploadId)}`;
}

/**
 * Opens the topic photo a media token grants. Errors: NOT_FOUND (bad or
 * expired token, not a topic photo, file gone) — one answer for all.
 */
export async function openSignedMedia(
  services: AppServices,
  token: string,
): Promise<{ upload: Upload; stream: Readable }> {
  const uploadId = readMediaToken(services.config, token);
  if (uploadId === undefined) throw new AppError('NOT_FOUND');
  const upload = await services.dataSource.getRepository(Upload).findOne({ where: { id: uploadId } });
  if (upload?.purpose !== 'topic_photo') throw new AppError('NOT_FOUND');
  const stored = await services.storage.get(upload.storageKey);
  if (!stored) throw new AppError('NOT_FOUND');
  return { upload, stream: stored.stream };
}

// ---------------------------------------------------------------------------
// After a topic's photos are saved.

let warnedNoPublicUrl = false;

/**
 * Runs after submitTopic / resubmitTopic committed: makes the missing
 * thumbnails (awaited: quick and local), then submits the pending photos to
 * WeChat's media check without waiting for WeChat. Never throws: a photo
 * whose thumbnail fails keeps none; one whose check cannot start stays
 * pending (hidden) for a moderator to release or hide.
 */
export async function prepareTopicPhotos(services: AppServices, logger: Logger, topicId: number): Promise<void> {
  try {
    await makeMissingThumbnails(services, logger, topicId);
  } catch (error) {
    logger.warn({ err: error, topicId }, 'thumbnails failed');
  }
  if (!services.content.checksMedia) return;
  if (services.config.wechat.configured && !services.config.publicBaseUrl && !warnedNoPublicUrl) {
    warnedNoPublicUrl = true;
    logger.warn(
      'PUBLIC_BASE_URL is not set: WeChat cannot download photos to check them; they will wait for a moderator',
    );
  }
  void submitMediaChecks(services, logger, topicId).catch((error: unknown) =>
    logger.warn({ err: error, topicId }, 'media checks could not be started'),
  );
}

async function makeMissingThumbnails(services: AppServices, logger: Logger, topicId: number): Promise<void> {
  const ds = services.dataSource;
  const photos = await ds.getRepository(TopicPhoto).find({ where: { topicId, thumbnailUploadId: IsNull() } });
  if (photos.length === 0) return;
  const uploads = await ds.getRepository(Upload).find({ where: { id: In(photos.map((p) => p.uploadId)) } });
  for (const photo of photos) {
    const upload = uploads.find((u) => u.id === photo.uploadId);
    if (!upload) continue;
    try {
      await runInTransaction(ds, async (em) => {
        const thumbnail = await storeThumbnail(em, services.storage, upload);
        if (!thumbnail) return;
        await em.update(TopicPhoto, { id: photo.id, thumbnailUploadId: IsNull() }, { thumbnailUploadId: thumbnail.id });
      });
    } catch (error) {
      logger.warn({ err: error, topicId, uploadId: upload.id }, 'thumbnail failed; the photo is shown without one');
    }
  }
}

/**
 * Submits each pending, not yet submitted photo of the topic to WeChat's
 * media_check_async under its uploader's openid and stores the trace id.
 * A photo whose uploader has no openid goes to `review` (a moderator looks).
 */
export async function submitMediaChecks(services: AppServices, logger: Logger, topicId: number): Promise<void> {
  const ds = services.dataSource;
  const photos = await ds
    .getRepository(TopicPhoto)
    .find({ where: { topicId, checkStatus: 'pending', checkTraceId: IsNull() } });
  if (photos.length === 0) return;
  const uploads = await ds.getRepository(Upload).find({ where: { id: In(photos.map((p) => p.uploadId)) } });
  const owners = await ds.getRepository(User).find({ where: { id: In(uploads.map((u) => u.ownerUserId)) } });
  await Promise.all(
    photos.map(async (photo) => {
      const upload = uploads.find((u) => u.id === photo.uploadId);
      const openid = owners.find((o) => o.id === upload?.ownerUserId)?.wechatOpenid;
      if (!upload || !openid) {
        await ds
          .getRepository(TopicPhoto)
          .update({ id: photo.id, checkStatus: 'pending', checkTraceId: IsNull() }, { checkStatus: 'review' });
        return;
      }
      try {
        const { traceId } = await services.wechat.mediaCheckAsync({
          openid,
          mediaUrl: mediaUrlFor(services.config, upload.id),
          mediaType: MEDIA_TYPE.image,
          scene: CONTENT_SCENE.forum,
        });
        await ds
          .getRepository(TopicPhoto)
          .update({ id: photo.id, checkStatus: 'pending', checkTraceId: IsNull() }, { checkTraceId: traceId });
      } catch (error) {
        logger.warn(
          { err: error, topicId, uploadId: upload.id },
          'media check unreachable; the photo stays hidden until a moderator decides',
        );
      }
    }),
  );
}

/**
 * Applies WeChat's verdict (a `wxa_media_check` push) to the photos it was
 * asked about: pass shows them, risky and review keep them hidden. Only
 * photos still pending change, so a moderator's decision stands and a
 * repeated push changes nothing. Answers how many photos changed.
 */
export async function receiveMediaCheckVerdict(
  ds: DataSource,
  event: MediaCheckEvent,
  logger: Logger,
): Promise<number> {
  const result = await ds
    .getRepository(TopicPhoto)
    .update({ checkTraceId: event.traceId, checkStatus: 'pending' }, { checkStatus: event.suggest });
  const changed = result.affected ?? 0;
  logger.info({ traceId: event.traceId, suggest: event.suggest, label: event.label, changed }, 'media check verdict');
  return changed;
}

// ---------------------------------------------------------------------------
// Who sees photos, and moderators' decisions.

function seesEverything(actor: Actor | undefined, topic: Topic): boolean {
  return (
    !!actor &&
    (topic.authorId === actor.userId || topic.enteredById === actor.userId || actor.isModerator(topic.communityId))
  );
}

/**
 * Whether the actor may open this topic photo or thumbnail (an upload of
 * purpose topic_photo that is not their own): when it passed the check and
 * its topic is public, or as the topic's author, its grid worker or a
 * moderator of its community.
 */
export async function canViewTopicPhoto(ds: DataSource, actor: Actor | undefined, upload: Upload): Promise<boolean> {
  const photo = await ds
    .getRepository(TopicPhoto)
    .findOne({ where: [{ uploadId: upload.id }, { thumbnailUploadId: upload.id }] });
  if (!photo) return false;
  const topic = await ds.getRepository(Topic).findOne({ where: { id: photo.topicId } });
  if (!topic) return false;
  if (seesEverything(actor, topic)) return true;
  return photo.checkStatus === 'pass' && !topic.held;
}

export interface TopicPhotoReview {
  uploadId: number;
  thumbnailUploadId: number | null;
  position: number;
  checkStatus: PhotoStatus;
}

async function loadVisibleTopic(ds: DataSource, actor: Actor | undefined, topicId: number): Promise<Topic> {
  const topic = await ds.getRepository(Topic).findOne({ where: { id: topicId } });
  if (!topic || (topic.held && !seesEverything(actor, topic))) {
    throw new AppError('NOT_FOUND', { message: '这个议题不存在或已删除' });
  }
  return topic;
}

/**
 * A topic's photos with their check status: all of them for its author, its
 * grid worker and moderators, the passed ones for everyone else.
 * Errors: NOT_FOUND (also for a held topic of someone else).
 */
export async function listTopicPhotos(
  ds: DataSource,
  actor: Actor | undefined,
  topicId: number,
): Promise<TopicPhotoReview[]> {
  const topic = await loadVisibleTopic(ds, actor, topicId);
  const all = seesEverything(actor, topic);
  const photos = await ds.getRepository(TopicPhoto).find({ where: { topicId }, order: { position: 'ASC' } });
  return photos
    .filter((p) => all || p.checkStatus === 'pass')
    .map((p) => ({
      uploadId: p.uploadId,
      thumbnailUploadId: p.thumbnailUploadId,
      position: p.position,
      checkStatus: p.checkStatus,
    }));
}

/**
 * A moderator of the topic's community releases a photo (public from now
 * on) or hides it (kept from the public), whatever WeChat said or whether
 * it could be reached. Errors: NOT_FOUND, FORBIDDEN.
 */
export async function decideTopicPhoto(
  ds: DataSource,
  actor: Actor,
  topicId: number,
  uploadId: number,
  decision: 'release' | 'hide',
): Promise<TopicPhotoReview[]> {
  const topic = await loadVisibleTopic(ds, actor, topicId);
  assertModerator(actor, topic.communityId);
  await runInTransaction(ds, async (em) => {
    const result = await em.update(
      TopicPhoto,
      { topicId, uploadId },
      { checkStatus: decision === 'release' ? 'pass' : 'risky' },
    );
    if (!result.affected) throw new AppError('NOT_FOUND', { message: '这个议题没有这张照片' });
    await audit(em, {
      communityId: topic.communityId,
      actor,
      action: decision === 'release' ? 'photo.release' : 'photo.hide',
      objectType: 'topic',
      objectId: topicId,
      summary: `${decision === 'release' ? '放行' : '隐藏'}议题 #${topicId} 的照片 #${uploadId}`,
      data: { uploadId },
    });
  });
  return listTopicPhotos(ds, actor, topicId);
}

/**
 * A moderator of the topic's community releases a topic held for content
 * review: it becomes public, the timeline says so (content_released) and the
 * author is told. To refuse it instead, the moderator rejects the topic.
 * Errors: NOT_FOUND, FORBIDDEN, ILLEGAL_TRANSITION (not held).
 */
export async function releaseTopicContent(ds: DataSource, actor: Actor, topicId: number): Promise<void> {
  await runInTransaction(ds, async (em) => {
    const topic = await em.findOne(Topic, { where: { id: topicId } });
    if (!topic || (topic.held && !seesEverything(actor, topic))) throw new AppError('NOT_FOUND');
    assertModerator(actor, topic.communityId);
    const changed = await em
      .createQueryBuilder()
      .update(Topic)
      .set({ held: false, heldReason: null })
      .where('id = :id AND held = 1', { id: topicId })
      .execute();
    if (changed.affected !== 1) {
      throw new AppError('ILLEGAL_TRANSITION', { message: '这个议题不在内容审核中，无需放行' });
    }
    await audit(em, {
      communityId: topic.communityId,
      actor,
      action: 'topic.release_content',
      objectType: 'topic',
      objectId: topicId,
      summary: `议题 #${topicId}「${topic.title.slice(0, 40)}」通过内容审核`,
    });
    await em.insert(TopicEvent, {
      topicId,
      action: 'content_released',
      fromStatus: null,
      toStatus: null,
      actorId: actor.userId,
      actorRole: 'moderator',
      partyId: null,
      note: null,
      dataJson: null,
    });
    if (topic.authorId) {
      await notify(em, topic.authorId, {
        kind: 'topic_content_released',
        title: '议题已通过内容审核',
        body: `您的议题「${topic.title}」已通过内容审核，现已公开。`,
        link: `/pages/topics/detail?id=${topic.id}`,
      });
    }
  });
}
