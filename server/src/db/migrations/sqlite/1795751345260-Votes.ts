import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Votes1795751345260 implements MigrationInterface {
  name = 'Votes1795751345260';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "vote" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "topic_id" integer, "title" varchar(80) NOT NULL, "description" text NOT NULL, "electorate" varchar(12) NOT NULL, "matter" varchar(10), "majority" varchar(16) NOT NULL, "base" varchar(10) NOT NULL, "quorum_num" integer, "quorum_den" integer, "secret" boolean NOT NULL, "results_live" boolean NOT NULL, "allow_change" boolean NOT NULL, "status" varchar(8) NOT NULL, "closes_at" datetime(6) NOT NULL, "closed_at" datetime(6), "created_by" integer NOT NULL, "entitled_count" integer NOT NULL, "ballot_count" integer NOT NULL DEFAULT (0), "result_json" text, "record_key" varchar(200), "record_head" varchar(64), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_vote_community" ON "vote" ("community_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "vote_participation" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "voter_key" varchar(80) NOT NULL, "ballot_id" integer NOT NULL, "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_vote_participation" ON "vote_participation" ("vote_id", "voter_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "ballot" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "voter_key" varchar(80) NOT NULL, "cast_by_user_id" integer NOT NULL, "choice" varchar(10) NOT NULL, "receipt_hash" varchar(64) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_ballot_receipt" ON "ballot" ("vote_id", "receipt_hash") ');
    await queryRunner.query('CREATE INDEX "ix_ballot_vote" ON "ballot" ("vote_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "vote_elector" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "vote_id" integer NOT NULL, "voter_key" varchar(80) NOT NULL, "unit_id" integer, "area_centi_m2" integer)',
    );
    await queryRunner.query('CREATE INDEX "ix_vote_elector" ON "vote_elector" ("vote_id", "voter_key") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "ix_vote_elector"');
    await queryRunner.query('DROP TABLE "vote_elector"');
    await queryRunner.query('DROP INDEX "ix_ballot_vote"');
    await queryRunner.query('DROP INDEX "uq_ballot_receipt"');
    await queryRunner.query('DROP TABLE "ballot"');
    await queryRunner.query('DROP INDEX "uq_vote_participation"');
    await queryRunner.query('DROP TABLE "vote_participation"');
    await queryRunner.query('DROP INDEX "ix_vote_community"');
    await queryRunner.query('DROP TABLE "vote"');
  }
}
