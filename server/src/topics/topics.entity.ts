import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { PartyKind, TopicLevel, TopicScope, TopicStatus } from '../../../shared/src/topics/topic-states';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

/**
 * A responsible party in a community's directory: the property company of an
 * estate, the owners' committee, the residents' committee, a social
 * organisation, the sub-district office or a government department.
 */
@Entity({ name: 'party' })
@Index('ix_party_community', ['communityId'])
export class Party {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  /** For estate-level parties (a property company, an owners' committee). */
  @Column({ type: 'int', name: 'estate_id', nullable: true })
  estateId!: number | null;

  @Column({ type: 'varchar', length: 20 })
  kind!: PartyKind;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** A user who acts for a party (sees its queue, answers, takes topics on). */
@Entity({ name: 'party_member' })
@Index('uq_party_member', ['partyId', 'userId'], { unique: true })
@Index('ix_party_member_user', ['userId'])
export class PartyMember {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'party_id' })
  partyId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** Per-community settings; absent rows mean the defaults. */
@Entity({ name: 'community_settings' })
export class CommunitySettings {
  @PrimaryColumn({ type: 'int', name: 'community_id' })
  communityId!: number;

  /** JSON array of category names (text column: see STACK.md on json columns). */
  @Column({ type: 'text', name: 'categories_json' })
  categoriesJson!: string;

  /** Co-signers needed between acceptance and routing (0 = none). */
  @Column({ type: 'int', name: 'cosign_threshold', default: 0 })
  cosignThreshold!: number;

  @Column({ type: 'int', name: 'cosign_days', default: 7 })
  cosignDays!: number;

  @Column({ type: 'int', name: 'publicity_days', default: 5 })
  publicityDays!: number;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** 议题: a resident's problem or proposal, from submission to its outcome. */
@Entity({ name: 'topic' })
@Index('ix_topic_feed', ['communityId', 'id'])
@Index('ix_topic_feed_status', ['communityId', 'status', 'id'])
@Index('ix_topic_feed_cosigns', ['communityId', 'cosignCount', 'id'])
@Index('ix_topic_author', ['authorId', 'id'])
@Index('ix_topic_party', ['responsiblePartyId', 'status', 'id'])
@Index('ix_topic_level', ['level', 'status', 'id'])
export class Topic {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'int', name: 'estate_id', nullable: true })
  estateId!: number | null;

  @Column({ type: 'int', name: 'building_id', nullable: true })
  buildingId!: number | null;

  @Column({ type: 'varchar', length: 12 })
  scope!: TopicScope;

  @Column({ type: 'varchar', length: 80 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 20 })
  category!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  place!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: TopicStatus;

  /** The resident the topic is from (null when a grid worker entered it for someone without an account). */
  @Column({ type: 'int', name: 'author_id', nullable: true })
  authorId!: number | null;

  /** The grid worker who entered it on a visit (走访), if any. */
  @Column({ type: 'int', name: 'entered_by_id', nullable: true })
  enteredById!: number | null;

  /** For a resident without an account: their name and unit as the grid worker wrote them. */
  @Column({ type: 'varchar', length: 50, name: 'on_behalf_name', nullable: true })
  onBehalfName!: string | null;

  @Column({ type: 'varchar', length: 80, name: 'on_behalf_unit', nullable: true })
  onBehalfUnit!: string | null;

  /** "Hide my name from the public": moderators still see the author. */
  @Column({ type: 'boolean', name: 'hide_author', default: false })
  hideAuthor!: boolean;

  /** Held for a moderator's content review (not public) when the content check said review or was unreachable. */
  @Column({ type: 'boolean', default: false })
  held!: boolean;

  @Column({ type: 'varchar', length: 200, name: 'held_reason', nullable: true })
  heldReason!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  level!: TopicLevel | null;

  @Column({ type: 'int', name: 'responsible_party_id', nullable: true })
  responsiblePartyId!: number | null;

  /** Due date of direct handling (直接办理), a calendar day in Asia/Shanghai. */
  @Column({ type: 'varchar', length: 10, name: 'due_date', nullable: true })
  dueDate!: string | null;

  @Column({ type: 'int', name: 'merged_into_id', nullable: true })
  mergedIntoId!: number | null;

  @Column({ type: 'int', name: 'cosign_count', default: 0 })
  cosignCount!: number;

  @Column({ type: 'int', name: 'cosign_target', default: 0 })
  cosignTarget!: number;

  @Column({ type: 'datetime', precision: 6, name: 'cosign_deadline', nullable: true })
  cosignDeadline!: Date | null;

  @Column({ type: 'int', name: 'follower_count', default: 0 })
  followerCount!: number;

  /** The question asked when returned for more information. */
  @Column({ type: 'varchar', length: 500, name: 'return_question', nullable: true })
  returnQuestion!: string | null;

  @Column({ type: 'varchar', length: 500, name: 'reject_reason', nullable: true })
  rejectReason!: string | null;

  /** Last time its status changed: the inbox's age filter and "waiting > 3 days" use it. */
  @Column({ type: 'datetime', precision: 6, name: 'status_changed_at' })
  statusChangedAt!: Date;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** A photo of a topic; hidden until WeChat's media check passes (when configured). */
@Entity({ name: 'topic_photo' })
@Index('ix_topic_photo_topic', ['topicId', 'position'])
export class TopicPhoto {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'upload_id' })
  uploadId!: number;

  @Column({ type: 'int', name: 'thumbnail_upload_id', nullable: true })
  thumbnailUploadId!: number | null;

  @Column({ type: 'int' })
  position!: number;

  /** pass (visible), pending (media check under way), risky (hidden), review (hidden until a moderator looks). */
  @Column({ type: 'varchar', length: 10, name: 'check_status' })
  checkStatus!: 'pass' | 'pending' | 'risky' | 'review';

  @Index('ix_topic_photo_trace')
  @Column({ type: 'varchar', length: 64, name: 'check_trace_id', nullable: true })
  checkTraceId!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** One entry of a topic's timeline: a transition, an answer or a note; append-only. */
@Entity({ name: 'topic_event' })
@Index('ix_topic_event_topic', ['topicId', 'id'])
export class TopicEvent {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  /** The use case, e.g. `submit`, `route`, `answer`. */
  @Column({ type: 'varchar', length: 24 })
  action!: string;

  @Column({ type: 'varchar', length: 16, name: 'from_status', nullable: true })
  fromStatus!: TopicStatus | null;

  @Column({ type: 'varchar', length: 16, name: 'to_status', nullable: true })
  toStatus!: TopicStatus | null;

  @Column({ type: 'int', name: 'actor_id', nullable: true })
  actorId!: number | null;

  /** The role the actor acted in (moderator, property_manager, resident, system …). */
  @Column({ type: 'varchar', length: 24, name: 'actor_role' })
  actorRole!: string;

  /** The party the actor acted for, if any. */
  @Column({ type: 'int', name: 'party_id', nullable: true })
  partyId!: number | null;

  /** Reason, question, answer or note. */
  @Column({ type: 'text', nullable: true })
  note!: string | null;

  /** Extra facts as JSON text (level, party, due date, merged into …). */
  @Column({ type: 'text', name: 'data_json', nullable: true })
  dataJson!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** 附议: one resident's support of a topic; once per resident. */
@Entity({ name: 'cosign' })
@Index('uq_cosign', ['topicId', 'userId'], { unique: true })
@Index('ix_cosign_user', ['userId'])
export class Cosign {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  /** The WeChat group chat the co-signer arrived from, if known. */
  @Column({ type: 'int', name: 'group_chat_id', nullable: true })
  groupChatId!: number | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

@Entity({ name: 'topic_follow' })
@Index('uq_topic_follow', ['topicId', 'userId'], { unique: true })
@Index('ix_topic_follow_user', ['userId'])
export class TopicFollow {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** A comment on a topic. Held ones wait for a moderator; hidden ones keep the reason. */
@Entity({ name: 'topic_comment' })
@Index('ix_topic_comment_topic', ['topicId', 'id'])
export class TopicComment {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'author_id' })
  authorId!: number;

  @Column({ type: 'varchar', length: 500 })
  body!: string;

  @Column({ type: 'boolean', default: false })
  held!: boolean;

  @Column({ type: 'boolean', default: false })
  hidden!: boolean;

  @Column({ type: 'varchar', length: 200, name: 'hidden_reason', nullable: true })
  hiddenReason!: string | null;

  @Column({ type: 'int', name: 'hidden_by', nullable: true })
  hiddenBy!: number | null;

  @Column({ type: 'int', name: 'report_count', default: 0 })
  reportCount!: number;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** A resident's report of a comment, for the moderator. */
@Entity({ name: 'comment_report' })
@Index('uq_comment_report', ['commentId', 'userId'], { unique: true })
export class CommentReport {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'comment_id' })
  commentId!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  @Column({ type: 'varchar', length: 200 })
  reason!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * The search index: each distinct character bigram (and single character, for
 * one-character queries) of a topic's title and description. Both search and
 * similar-topic hints read it (tokenizer in shared/src/topics/bigrams.ts).
 */
@Entity({ name: 'topic_token' })
@Index('ix_topic_token_lookup', ['communityId', 'token', 'topicId'])
@Index('ix_topic_token_topic', ['topicId'])
export class TopicToken {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'topic_id' })
  topicId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'varchar', length: 8 })
  token!: string;

  /** 2 when the token occurs in the title (weighted higher), else 1. */
  @Column({ type: 'int' })
  weight!: number;
}

/**
 * A WeChat group chat residents already use (a building's or an estate's
 * group), known by its openGId. Moderators bind it to an estate or building;
 * visitors arriving from it are attributed to it.
 */
@Entity({ name: 'group_chat' })
@Index('uq_group_chat_gid', ['communityId', 'openGid'], { unique: true })
export class GroupChat {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'varchar', length: 64, name: 'open_gid' })
  openGid!: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  name!: string | null;

  @Column({ type: 'int', name: 'estate_id', nullable: true })
  estateId!: number | null;

  @Column({ type: 'int', name: 'building_id', nullable: true })
  buildingId!: number | null;

  @Column({ type: 'int', name: 'bound_by', nullable: true })
  boundBy!: number | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/** One-time subscribe-message grants a user gave (wx.requestSubscribeMessage), per template. */
@Entity({ name: 'subscription_grant' })
@Index('uq_subscription_grant', ['userId', 'templateKey'], { unique: true })
export class SubscriptionGrant {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'user_id' })
  userId!: number;

  /** Our name for the template, e.g. `topic_status`. */
  @Column({ type: 'varchar', length: 40, name: 'template_key' })
  templateKey!: string;

  @Column({ type: 'int', name: 'remaining' })
  remaining!: number;

  @UpdatedAtColumn()
  updatedAt!: Date;
}
