import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VoteMethodsPaperProxies1795757937415 implements MigrationInterface {
  name = 'VoteMethodsPaperProxies1795757937415';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "vote_option" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "position" integer NOT NULL, "label" varchar(40) NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_vote_option" ON "vote_option" ("vote_id", "position") ');
    await queryRunner.query(
      'CREATE TABLE "paper_ballot" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "community_id" integer NOT NULL, "voter_key" varchar(80) NOT NULL, "choice" varchar(100) NOT NULL, "note" varchar(200) NOT NULL, "receipt_hash" varchar(64) NOT NULL, "status" varchar(10) NOT NULL, "entered_by" integer NOT NULL, "decided_by" integer, "decided_at" datetime(6), "reason" varchar(200), "ballot_id" integer, "open_key" varchar(100), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_paper_ballot_open" ON "paper_ballot" ("open_key") ');
    await queryRunner.query(
      'CREATE INDEX "ix_paper_ballot_community" ON "paper_ballot" ("community_id", "status", "id") ',
    );
    await queryRunner.query('CREATE INDEX "ix_paper_ballot_vote" ON "paper_ballot" ("vote_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "vote_proxy" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "voter_key" varchar(80) NOT NULL, "grantor_user_id" integer NOT NULL, "proxy_user_id" integer NOT NULL, "upload_id" integer NOT NULL, "status" varchar(10) NOT NULL, "revoked_at" datetime(6), "open_key" varchar(100), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_vote_proxy_open" ON "vote_proxy" ("open_key") ');
    await queryRunner.query('CREATE INDEX "ix_vote_proxy_proxy" ON "vote_proxy" ("proxy_user_id", "vote_id") ');
    await queryRunner.query('CREATE INDEX "ix_vote_proxy_vote" ON "vote_proxy" ("vote_id", "id") ');
    await queryRunner.query('DROP INDEX "ix_vote_meeting"');
    await queryRunner.query('DROP INDEX "ix_vote_community"');
    await queryRunner.query(
      'CREATE TABLE "temporary_vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "topic_id" integer, "title" varchar(80) NOT NULL, "description" text NOT NULL, "electorate" varchar(12) NOT NULL, "matter" varchar(10), "majority" varchar(16) NOT NULL, "base" varchar(10) NOT NULL, "quorum_num" integer, "quorum_den" integer, "secret" boolean NOT NULL, "results_live" boolean NOT NULL, "allow_change" boolean NOT NULL, "status" varchar(8) NOT NULL, "closes_at" datetime(6) NOT NULL, "closed_at" datetime(6), "created_by" integer NOT NULL, "entitled_count" integer NOT NULL, "ballot_count" integer NOT NULL DEFAULT (0), "result_json" text, "record_key" varchar(200), "record_head" varchar(64), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "meeting_id" integer, "agenda_item_id" integer, "council_id" integer, "method" varchar(10) NOT NULL DEFAULT (\'yes_no\'), "max_choices" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_vote"("id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at", "meeting_id", "agenda_item_id") SELECT "id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at", "meeting_id", "agenda_item_id" FROM "vote"',
    );
    await queryRunner.query('DROP TABLE "vote"');
    await queryRunner.query('ALTER TABLE "temporary_vote" RENAME TO "vote"');
    await queryRunner.query('CREATE INDEX "ix_vote_meeting" ON "vote" ("meeting_id", "id") ');
    await queryRunner.query('CREATE INDEX "ix_vote_community" ON "vote" ("community_id", "id") ');
    await queryRunner.query('DROP INDEX "ix_ballot_vote"');
    await queryRunner.query('DROP INDEX "uq_ballot_receipt"');
    await queryRunner.query(
      'CREATE TABLE "temporary_ballot" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "voter_key" varchar(80) NOT NULL, "cast_by_user_id" integer NOT NULL, "choice" varchar(100) NOT NULL, "receipt_hash" varchar(64) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_ballot"("id", "vote_id", "voter_key", "cast_by_user_id", "choice", "receipt_hash", "created_at") SELECT "id", "vote_id", "voter_key", "cast_by_user_id", "choice", "receipt_hash", "created_at" FROM "ballot"',
    );
    await queryRunner.query('DROP TABLE "ballot"');
    await queryRunner.query('ALTER TABLE "temporary_ballot" RENAME TO "ballot"');
    await queryRunner.query('CREATE INDEX "ix_ballot_vote" ON "ballot" ("vote_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_ballot_receipt" ON "ballot" ("vote_id", "receipt_hash") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_ballot_receipt"');
    await queryRunner.query('DROP INDEX "ix_ballot_vote"');
    await queryRunner.query('ALTER TABLE "ballot" RENAME TO "temporary_ballot"');
    await queryRunner.query(
      'CREATE TABLE "ballot" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "voter_key" varchar(80) NOT NULL, "cast_by_user_id" integer NOT NULL, "choice" varchar(10) NOT NULL, "receipt_hash" varchar(64) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "ballot"("id", "vote_id", "voter_key", "cast_by_user_id", "choice", "receipt_hash", "created_at") SELECT "id", "vote_id", "voter_key", "cast_by_user_id", "choice", "receipt_hash", "created_at" FROM "temporary_ballot"',
    );
    await queryRunner.query('DROP TABLE "temporary_ballot"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_ballot_receipt" ON "ballot" ("vote_id", "receipt_hash") ');
    await queryRunner.query('CREATE INDEX "ix_ballot_vote" ON "ballot" ("vote_id", "id") ');
    await queryRunner.query('DROP INDEX "ix_vote_community"');
    await queryRunner.query('DROP INDEX "ix_vote_meeting"');
    await queryRunner.query('ALTER TABLE "vote" RENAME TO "temporary_vote"');
    await queryRunner.query(
      'CREATE TABLE "vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "topic_id" integer, "title" varchar(80) NOT NULL, "description" text NOT NULL, "electorate" varchar(12) NOT NULL, "matter" varchar(10), "majority" varchar(16) NOT NULL, "base" varchar(10) NOT NULL, "quorum_num" integer, "quorum_den" integer, "secret" boolean NOT NULL, "results_live" boolean NOT NULL, "allow_change" boolean NOT NULL, "status" varchar(8) NOT NULL, "closes_at" datetime(6) NOT NULL, "closed_at" datetime(6), "created_by" integer NOT NULL, "entitled_count" integer NOT NULL, "ballot_count" integer NOT NULL DEFAULT (0), "result_json" text, "record_key" varchar(200), "record_head" varchar(64), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "meeting_id" integer, "agenda_item_id" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "vote"("id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at", "meeting_id", "agenda_item_id") SELECT "id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at", "meeting_id", "agenda_item_id" FROM "temporary_vote"',
    );
    await queryRunner.query('DROP TABLE "temporary_vote"');
    await queryRunner.query('CREATE INDEX "ix_vote_community" ON "vote" ("community_id", "id") ');
    await queryRunner.query('CREATE INDEX "ix_vote_meeting" ON "vote" ("meeting_id", "id") ');
    await queryRunner.query('DROP INDEX "ix_vote_proxy_vote"');
    await queryRunner.query('DROP INDEX "ix_vote_proxy_proxy"');
    await queryRunner.query('DROP INDEX "uq_vote_proxy_open"');
    await queryRunner.query('DROP TABLE "vote_proxy"');
    await queryRunner.query('DROP INDEX "ix_paper_ballot_vote"');
    await queryRunner.query('DROP INDEX "ix_paper_ballot_community"');
    await queryRunner.query('DROP INDEX "uq_paper_ballot_open"');
    await queryRunner.query('DROP TABLE "paper_ballot"');
    await queryRunner.query('DROP INDEX "uq_vote_option"');
    await queryRunner.query('DROP TABLE "vote_option"');
  }
}
