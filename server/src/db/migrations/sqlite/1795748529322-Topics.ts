import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Topics1795748529322 implements MigrationInterface {
  name = 'Topics1795748529322';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "idempotency_record" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "idempotency_key" varchar(100) NOT NULL, "operation_id" varchar(60) NOT NULL, "request_hash" varchar(64) NOT NULL, "state" varchar(12) NOT NULL, "response_status" integer, "response_body" text, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_idempotency_created" ON "idempotency_record" ("created_at") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_idempotency" ON "idempotency_record" ("user_id", "idempotency_key") ',
    );
    await queryRunner.query(
      'CREATE TABLE "party" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "kind" varchar(20) NOT NULL, "name" varchar(100) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_party_community" ON "party" ("community_id") ');
    await queryRunner.query(
      'CREATE TABLE "party_member" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "party_id" integer NOT NULL, "user_id" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_party_member_user" ON "party_member" ("user_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_party_member" ON "party_member" ("party_id", "user_id") ');
    await queryRunner.query(
      'CREATE TABLE "community_settings" ("community_id" integer PRIMARY KEY NOT NULL, "categories_json" text NOT NULL, "cosign_threshold" integer NOT NULL DEFAULT (0), "cosign_days" integer NOT NULL DEFAULT (7), "publicity_days" integer NOT NULL DEFAULT (5), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE TABLE "topic" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "estate_id" integer, "building_id" integer, "scope" varchar(12) NOT NULL, "title" varchar(80) NOT NULL, "description" text NOT NULL, "category" varchar(20) NOT NULL, "place" varchar(100), "status" varchar(16) NOT NULL, "author_id" integer, "entered_by_id" integer, "on_behalf_name" varchar(50), "on_behalf_unit" varchar(80), "hide_author" boolean NOT NULL DEFAULT (0), "held" boolean NOT NULL DEFAULT (0), "held_reason" varchar(200), "level" varchar(16), "responsible_party_id" integer, "due_date" varchar(10), "merged_into_id" integer, "cosign_count" integer NOT NULL DEFAULT (0), "cosign_target" integer NOT NULL DEFAULT (0), "cosign_deadline" datetime(6), "follower_count" integer NOT NULL DEFAULT (0), "return_question" varchar(500), "reject_reason" varchar(500), "status_changed_at" datetime(6) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_topic_level" ON "topic" ("level", "status", "id") ');
    await queryRunner.query('CREATE INDEX "ix_topic_party" ON "topic" ("responsible_party_id", "status", "id") ');
    await queryRunner.query('CREATE INDEX "ix_topic_author" ON "topic" ("author_id", "id") ');
    await queryRunner.query('CREATE INDEX "ix_topic_feed_cosigns" ON "topic" ("community_id", "cosign_count", "id") ');
    await queryRunner.query('CREATE INDEX "ix_topic_feed_status" ON "topic" ("community_id", "status", "id") ');
    await queryRunner.query('CREATE INDEX "ix_topic_feed" ON "topic" ("community_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "topic_photo" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "upload_id" integer NOT NULL, "thumbnail_upload_id" integer, "position" integer NOT NULL, "check_status" varchar(10) NOT NULL, "check_trace_id" varchar(64), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_topic_photo_trace" ON "topic_photo" ("check_trace_id") ');
    await queryRunner.query('CREATE INDEX "ix_topic_photo_topic" ON "topic_photo" ("topic_id", "position") ');
    await queryRunner.query(
      'CREATE TABLE "topic_event" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "action" varchar(24) NOT NULL, "from_status" varchar(16), "to_status" varchar(16), "actor_id" integer, "actor_role" varchar(24) NOT NULL, "party_id" integer, "note" text, "data_json" text, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_topic_event_topic" ON "topic_event" ("topic_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "cosign" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "user_id" integer NOT NULL, "group_chat_id" integer, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_cosign_user" ON "cosign" ("user_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_cosign" ON "cosign" ("topic_id", "user_id") ');
    await queryRunner.query(
      'CREATE TABLE "topic_follow" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "user_id" integer NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_topic_follow_user" ON "topic_follow" ("user_id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_topic_follow" ON "topic_follow" ("topic_id", "user_id") ');
    await queryRunner.query(
      'CREATE TABLE "topic_comment" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "author_id" integer NOT NULL, "body" varchar(500) NOT NULL, "held" boolean NOT NULL DEFAULT (0), "hidden" boolean NOT NULL DEFAULT (0), "hidden_reason" varchar(200), "hidden_by" integer, "report_count" integer NOT NULL DEFAULT (0), "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "ix_topic_comment_topic" ON "topic_comment" ("topic_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "comment_report" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "comment_id" integer NOT NULL, "user_id" integer NOT NULL, "reason" varchar(200) NOT NULL, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_comment_report" ON "comment_report" ("comment_id", "user_id") ');
    await queryRunner.query(
      'CREATE TABLE "topic_token" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "topic_id" integer NOT NULL, "community_id" integer NOT NULL, "token" varchar(8) NOT NULL, "weight" integer NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "ix_topic_token_topic" ON "topic_token" ("topic_id") ');
    await queryRunner.query(
      'CREATE INDEX "ix_topic_token_lookup" ON "topic_token" ("community_id", "token", "topic_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "group_chat" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "community_id" integer NOT NULL, "open_gid" varchar(64) NOT NULL, "name" varchar(60), "estate_id" integer, "building_id" integer, "bound_by" integer, "created_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_group_chat_gid" ON "group_chat" ("community_id", "open_gid") ');
    await queryRunner.query(
      'CREATE TABLE "subscription_grant" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "user_id" integer NOT NULL, "template_key" varchar(40) NOT NULL, "remaining" integer NOT NULL, "updated_at" datetime(6) NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_subscription_grant" ON "subscription_grant" ("user_id", "template_key") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_subscription_grant"');
    await queryRunner.query('DROP TABLE "subscription_grant"');
    await queryRunner.query('DROP INDEX "uq_group_chat_gid"');
    await queryRunner.query('DROP TABLE "group_chat"');
    await queryRunner.query('DROP INDEX "ix_topic_token_lookup"');
    await queryRunner.query('DROP INDEX "ix_topic_token_topic"');
    await queryRunner.query('DROP TABLE "topic_token"');
    await queryRunner.query('DROP INDEX "uq_comment_report"');
    await queryRunner.query('DROP TABLE "comment_report"');
    await queryRunner.query('DROP INDEX "ix_topic_comment_topic"');
    await queryRunner.query('DROP TABLE "topic_comment"');
    await queryRunner.query('DROP INDEX "uq_topic_follow"');
    await queryRunner.query('DROP INDEX "ix_topic_follow_user"');
    await queryRunner.query('DROP TABLE "topic_follow"');
    await queryRunner.query('DROP INDEX "uq_cosign"');
    await queryRunner.query('DROP INDEX "ix_cosign_user"');
    await queryRunner.query('DROP TABLE "cosign"');
    await queryRunner.query('DROP INDEX "ix_topic_event_topic"');
    await queryRunner.query('DROP TABLE "topic_event"');
    await queryRunner.query('DROP INDEX "ix_topic_photo_topic"');
    await queryRunner.query('DROP INDEX "ix_topic_photo_trace"');
    await queryRunner.query('DROP TABLE "topic_photo"');
    await queryRunner.query('DROP INDEX "ix_topic_feed"');
    await queryRunner.query('DROP INDEX "ix_topic_feed_status"');
    await queryRunner.query('DROP INDEX "ix_topic_feed_cosigns"');
    await queryRunner.query('DROP INDEX "ix_topic_author"');
    await queryRunner.query('DROP INDEX "ix_topic_party"');
    await queryRunner.query('DROP INDEX "ix_topic_level"');
    await queryRunner.query('DROP TABLE "topic"');
    await queryRunner.query('DROP TABLE "community_settings"');
    await queryRunner.query('DROP INDEX "uq_party_member"');
    await queryRunner.query('DROP INDEX "ix_party_member_user"');
    await queryRunner.query('DROP TABLE "party_member"');
    await queryRunner.query('DROP INDEX "ix_party_community"');
    await queryRunner.query('DROP TABLE "party"');
    await queryRunner.query('DROP INDEX "uq_idempotency"');
    await queryRunner.query('DROP INDEX "ix_idempotency_created"');
    await queryRunner.query('DROP TABLE "idempotency_record"');
  }
}
