import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VoteMeeting1795757521266 implements MigrationInterface {
  name = 'VoteMeeting1795757521266';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_vote_community"');
    await queryRunner.query(
      'CREATE TABLE "temporary_vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "topic_id" integer, "title" varchar(80) NOT NULL, "description" text NOT NULL, "electorate" varchar(12) NOT NULL, "matter" varchar(10), "majority" varchar(16) NOT NULL, "base" varchar(10) NOT NULL, "quorum_num" integer, "quorum_den" integer, "secret" boolean NOT NULL, "results_live" boolean NOT NULL, "allow_change" boolean NOT NULL, "status" varchar(8) NOT NULL, "closes_at" datetime(6) NOT NULL, "closed_at" datetime(6), "created_by" integer NOT NULL, "entitled_count" integer NOT NULL, "ballot_count" integer NOT NULL DEFAULT (0), "result_json" text, "record_key" varchar(200), "record_head" varchar(64), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "meeting_id" integer, "agenda_item_id" integer)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_vote"("id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at") SELECT "id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at" FROM "vote"',
    );
    await queryRunner.query('DROP TABLE "vote"');
    await queryRunner.query('ALTER TABLE "temporary_vote" RENAME TO "vote"');
    await queryRunner.query('CREATE INDEX "ix_vote_community" ON "vote" ("community_id", "id") ');
    await queryRunner.query('CREATE INDEX "ix_vote_meeting" ON "vote" ("meeting_id", "id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_vote_meeting"');
    await queryRunner.query('DROP INDEX "ix_vote_community"');
    await queryRunner.query('ALTER TABLE "vote" RENAME TO "temporary_vote"');
    await queryRunner.query(
      'CREATE TABLE "vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "topic_id" integer, "title" varchar(80) NOT NULL, "description" text NOT NULL, "electorate" varchar(12) NOT NULL, "matter" varchar(10), "majority" varchar(16) NOT NULL, "base" varchar(10) NOT NULL, "quorum_num" integer, "quorum_den" integer, "secret" boolean NOT NULL, "results_live" boolean NOT NULL, "allow_change" boolean NOT NULL, "status" varchar(8) NOT NULL, "closes_at" datetime(6) NOT NULL, "closed_at" datetime(6), "created_by" integer NOT NULL, "entitled_count" integer NOT NULL, "ballot_count" integer NOT NULL DEFAULT (0), "result_json" text, "record_key" varchar(200), "record_head" varchar(64), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "vote"("id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at") SELECT "id", "community_id", "estate_id", "topic_id", "title", "description", "electorate", "matter", "majority", "base", "quorum_num", "quorum_den", "secret", "results_live", "allow_change", "status", "closes_at", "closed_at", "created_by", "entitled_count", "ballot_count", "result_json", "record_key", "record_head", "created_at", "updated_at" FROM "temporary_vote"',
    );
    await queryRunner.query('DROP TABLE "temporary_vote"');
    await queryRunner.query('CREATE INDEX "ix_vote_community" ON "vote" ("community_id", "id") ');
  }
}
