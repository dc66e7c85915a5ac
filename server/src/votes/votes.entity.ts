import { Column, Entity, Index } from 'typeorm';
import type {
  Electorate,
  PaperBallotStatus,
  StoredChoice,
  VoteMethod,
  VoteStatus,
} from '../../../shared/src/votes/votes.schema';
import { CreatedAtColumn, IdColumn, UpdatedAtColumn } from '../db/columns';

/** 表决: one decision question put to an electorate, open until it closes. */
@Entity({ name: 'vote' })
@Index('ix_vote_community', ['communityId', 'id'])
@Index('ix_vote_meeting', ['meetingId', 'id'])
export class Vote {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'int', name: 'estate_id', nullable: true })
  estateId!: number | null;

  @Column({ type: 'int', name: 'topic_id', nullable: true })
  topicId!: number | null;

  /** Set when the vote is taken in a meeting (on one of its agenda items). */
  @Column({ type: 'int', name: 'meeting_id', nullable: true })
  meetingId!: number | null;

  @Column({ type: 'int', name: 'agenda_item_id', nullable: true })
  agendaItemId!: number | null;

  /** Council votes: the council whose seat holders were frozen as the electorate. */
  @Column({ type: 'int', name: 'council_id', nullable: true })
  councilId!: number | null;

  /** yes_no, single, multiple (at most maxChoices) or election (maxChoices seats); options in vote_option. */
  @Column({ type: 'varchar', length: 10, default: 'yes_no' })
  method!: VoteMethod;

  @Column({ type: 'int', name: 'max_choices', nullable: true })
  maxChoices!: number | null;

  @Column({ type: 'varchar', length: 80 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ type: 'varchar', length: 12 })
  electorate!: Electorate;

  @Column({ type: 'varchar', length: 10, nullable: true })
  matter!: 'ordinary' | 'major' | null;

  @Column({ type: 'varchar', length: 16 })
  majority!: 'simple' | 'two_thirds' | 'three_quarters';

  @Column({ type: 'varchar', length: 10 })
  base!: 'YNA' | 'YN' | 'cast' | 'entitled';

  @Column({ type: 'int', name: 'quorum_num', nullable: true })
  quorumNum!: number | null;

  @Column({ type: 'int', name: 'quorum_den', nullable: true })
  quorumDen!: number | null;

  @Column({ type: 'boolean' })
  secret!: boolean;

  @Column({ type: 'boolean', name: 'results_live' })
  resultsLive!: boolean;

  @Column({ type: 'boolean', name: 'allow_change' })
  allowChange!: boolean;

  @Column({ type: 'varchar', length: 8 })
  status!: VoteStatus;

  @Column({ type: 'datetime', precision: 6, name: 'closes_at' })
  closesAt!: Date;

  @Column({ type: 'datetime', precision: 6, name: 'closed_at', nullable: true })
  closedAt!: Date | null;

  @Column({ type: 'int', name: 'created_by' })
  createdBy!: number;

  /** Entitled voters (owners: owner keys) in the electorate frozen when the vote opened (vote_elector). */
  @Column({ type: 'int', name: 'entitled_count' })
  entitledCount!: number;

  /** Counted ballots, set when the vote closes (while open, count vote_participation). */
  @Column({ type: 'int', name: 'ballot_count', default: 0 })
  ballotCount!: number;

  @Column({ type: 'text', name: 'result_json', nullable: true })
  resultJson!: string | null;

  /** Storage key of the published record (hash chain of counted ballots), written at close. */
  @Column({ type: 'varchar', length: 200, name: 'record_key', nullable: true })
  recordKey!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'record_head', nullable: true })
  recordHead!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/**
 * One voter's participation in a vote: the unique key guarantees one counted
 * ballot per voter (a person, a household or an owner). A superseding ballot
 * moves `ballotId`; ballots themselves are never updated.
 */
@Entity({ name: 'vote_participation' })
@Index('uq_vote_participation', ['voteId', 'voterKey'], { unique: true })
export class VoteParticipation {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'vote_id' })
  voteId!: number;

  @Column({ type: 'varchar', length: 80, name: 'voter_key' })
  voterKey!: string;

  @Column({ type: 'int', name: 'ballot_id' })
  ballotId!: number;

  @UpdatedAtColumn()
  updatedAt!: Date;
}

/** One ballot as cast; append-only. The receipt code itself is never stored, only its hash. */
@Entity({ name: 'ballot' })
@Index('ix_ballot_vote', ['voteId', 'id'])
@Index('uq_ballot_receipt', ['voteId', 'receiptHash'], { unique: true })
export class Ballot {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'vote_id' })
  voteId!: number;

  @Column({ type: 'varchar', length: 80, name: 'voter_key' })
  voterKey!: string;

  @Column({ type: 'int', name: 'cast_by_user_id' })
  castByUserId!: number;

  /** yes / no / abstain, or the selected option numbers ("1,3") of a choice vote. */
  @Column({ type: 'varchar', length: 100 })
  choice!: StoredChoice;

  @Column({ type: 'varchar', length: 64, name: 'receipt_hash' })
  receiptHash!: string;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * The electorate frozen when a vote opens: for owners' decisions one row per
 * unit with its exact area and the key of the owner it counts for (developer
 * units share one key, one buyer's several units share theirs); otherwise one
 * row per entitled voter key.
 */
@Entity({ name: 'vote_elector' })
@Index('ix_vote_elector', ['voteId', 'voterKey'])
export class VoteElector {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'vote_id' })
  voteId!: number;

  @Column({ type: 'varchar', length: 80, name: 'voter_key' })
  voterKey!: string;

  @Column({ type: 'int', name: 'unit_id', nullable: true })
  unitId!: number | null;

  @Column({ type: 'int', name: 'area_centi_m2', nullable: true })
  areaCentiM2!: number | null;
}

/** An option (or candidate) of a choice vote; numbered from 1 in the order shown. Fixed once the vote opens. */
@Entity({ name: 'vote_option' })
@Index('uq_vote_option', ['voteId', 'position'], { unique: true })
export class VoteOption {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'vote_id' })
  voteId!: number;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 40 })
  label!: string;
}

/**
 * A paper ballot entered by a grid worker or moderator for a named voter of
 * the frozen electorate. It counts only once a second, different person
 * confirms it: confirming writes the counted ballot (linked in `ballotId`).
 * `openKey` (vote and voter) allows one pending paper ballot per voter.
 */
@Entity({ name: 'paper_ballot' })
@Index('ix_paper_ballot_vote', ['voteId', 'id'])
@Index('ix_paper_ballot_community', ['communityId', 'status', 'id'])
@Index('uq_paper_ballot_open', ['openKey'], { unique: true })
export class PaperBallot {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'vote_id' })
  voteId!: number;

  @Column({ type: 'int', name: 'community_id' })
  communityId!: number;

  @Column({ type: 'varchar', length: 80, name: 'voter_key' })
  voterKey!: string;

  @Column({ type: 'varchar', length: 100 })
  choice!: StoredChoice;

  @Column({ type: 'varchar', length: 200 })
  note!: string;

  /** The receipt code given to the voter on paper; only its hash is kept. */
  @Column({ type: 'varchar', length: 64, name: 'receipt_hash' })
  receiptHash!: string;

  @Column({ type: 'varchar', length: 10 })
  status!: PaperBallotStatus;

  @Column({ type: 'int', name: 'entered_by' })
  enteredBy!: number;

  @Column({ type: 'int', name: 'decided_by', nullable: true })
  decidedBy!: number | null;

  @Column({ type: 'datetime', precision: 6, name: 'decided_at', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason!: string | null;

  @Column({ type: 'int', name: 'ballot_id', nullable: true })
  ballotId!: number | null;

  /** `vote:voter` while pending, null once decided. */
  @Column({ type: 'varchar', length: 100, name: 'open_key', nullable: true })
  openKey!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}

/**
 * A voter's authorization of a proxy for one vote, with the photo of the
 * signed form. The proxy casts for the voter (counted under the voter's key).
 * `openKey` (vote and voter) allows one active proxy per voter and vote.
 */
@Entity({ name: 'vote_proxy' })
@Index('ix_vote_proxy_vote', ['voteId', 'id'])
@Index('ix_vote_proxy_proxy', ['proxyUserId', 'voteId'])
@Index('uq_vote_proxy_open', ['openKey'], { unique: true })
export class VoteProxy {
  @IdColumn()
  id!: number;

  @Column({ type: 'int', name: 'vote_id' })
  voteId!: number;

  @Column({ type: 'varchar', length: 80, name: 'voter_key' })
  voterKey!: string;

  @Column({ type: 'int', name: 'grantor_user_id' })
  grantorUserId!: number;

  @Column({ type: 'int', name: 'proxy_user_id' })
  proxyUserId!: number;

  @Column({ type: 'int', name: 'upload_id' })
  uploadId!: number;

  @Column({ type: 'varchar', length: 10 })
  status!: 'active' | 'revoked';

  @Column({ type: 'datetime', precision: 6, name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 100, name: 'open_key', nullable: true })
  openKey!: string | null;

  @CreatedAtColumn()
  createdAt!: Date;
}
