import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Topics1795748529502 implements MigrationInterface {
  name = 'Topics1795748529502';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `idempotency_record` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `idempotency_key` varchar(100) NOT NULL, `operation_id` varchar(60) NOT NULL, `request_hash` varchar(64) NOT NULL, `state` varchar(12) NOT NULL, `response_status` int NULL, `response_body` text NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_idempotency_created` (`created_at`), UNIQUE INDEX `uq_idempotency` (`user_id`, `idempotency_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `party` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `estate_id` int NULL, `kind` varchar(20) NOT NULL, `name` varchar(100) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_party_community` (`community_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `party_member` (`id` int NOT NULL AUTO_INCREMENT, `party_id` int NOT NULL, `user_id` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_party_member_user` (`user_id`), UNIQUE INDEX `uq_party_member` (`party_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `community_settings` (`community_id` int NOT NULL, `categories_json` text NOT NULL, `cosign_threshold` int NOT NULL DEFAULT '0', `cosign_days` int NOT NULL DEFAULT '7', `publicity_days` int NOT NULL DEFAULT '5', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`community_id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `topic` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `estate_id` int NULL, `building_id` int NULL, `scope` varchar(12) NOT NULL, `title` varchar(80) NOT NULL, `description` text NOT NULL, `category` varchar(20) NOT NULL, `place` varchar(100) NULL, `status` varchar(16) NOT NULL, `author_id` int NULL, `entered_by_id` int NULL, `on_behalf_name` varchar(50) NULL, `on_behalf_unit` varchar(80) NULL, `hide_author` tinyint NOT NULL DEFAULT 0, `held` tinyint NOT NULL DEFAULT 0, `held_reason` varchar(200) NULL, `level` varchar(16) NULL, `responsible_party_id` int NULL, `due_date` varchar(10) NULL, `merged_into_id` int NULL, `cosign_count` int NOT NULL DEFAULT '0', `cosign_target` int NOT NULL DEFAULT '0', `cosign_deadline` datetime(6) NULL, `follower_count` int NOT NULL DEFAULT '0', `return_question` varchar(500) NULL, `reject_reason` varchar(500) NULL, `status_changed_at` datetime(6) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_topic_level` (`level`, `status`, `id`), INDEX `ix_topic_party` (`responsible_party_id`, `status`, `id`), INDEX `ix_topic_author` (`author_id`, `id`), INDEX `ix_topic_feed_cosigns` (`community_id`, `cosign_count`, `id`), INDEX `ix_topic_feed_status` (`community_id`, `status`, `id`), INDEX `ix_topic_feed` (`community_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `topic_photo` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `upload_id` int NOT NULL, `thumbnail_upload_id` int NULL, `position` int NOT NULL, `check_status` varchar(10) NOT NULL, `check_trace_id` varchar(64) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_topic_photo_trace` (`check_trace_id`), INDEX `ix_topic_photo_topic` (`topic_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `topic_event` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `action` varchar(24) NOT NULL, `from_status` varchar(16) NULL, `to_status` varchar(16) NULL, `actor_id` int NULL, `actor_role` varchar(24) NOT NULL, `party_id` int NULL, `note` text NULL, `data_json` text NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_topic_event_topic` (`topic_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `cosign` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `user_id` int NOT NULL, `group_chat_id` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_cosign_user` (`user_id`), UNIQUE INDEX `uq_cosign` (`topic_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `topic_follow` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `user_id` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_topic_follow_user` (`user_id`), UNIQUE INDEX `uq_topic_follow` (`topic_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `topic_comment` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `author_id` int NOT NULL, `body` varchar(500) NOT NULL, `held` tinyint NOT NULL DEFAULT 0, `hidden` tinyint NOT NULL DEFAULT 0, `hidden_reason` varchar(200) NULL, `hidden_by` int NULL, `report_count` int NOT NULL DEFAULT '0', `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_topic_comment_topic` (`topic_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `comment_report` (`id` int NOT NULL AUTO_INCREMENT, `comment_id` int NOT NULL, `user_id` int NOT NULL, `reason` varchar(200) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_comment_report` (`comment_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `topic_token` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `community_id` int NOT NULL, `token` varchar(8) NOT NULL, `weight` int NOT NULL, INDEX `ix_topic_token_topic` (`topic_id`), INDEX `ix_topic_token_lookup` (`community_id`, `token`, `topic_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `group_chat` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `open_gid` varchar(64) NOT NULL, `name` varchar(60) NULL, `estate_id` int NULL, `building_id` int NULL, `bound_by` int NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_group_chat_gid` (`community_id`, `open_gid`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `subscription_grant` (`id` int NOT NULL AUTO_INCREMENT, `user_id` int NOT NULL, `template_key` varchar(40) NOT NULL, `remaining` int NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_subscription_grant` (`user_id`, `template_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_subscription_grant` ON `subscription_grant`');
    await queryRunner.query('DROP TABLE `subscription_grant`');
    await queryRunner.query('DROP INDEX `uq_group_chat_gid` ON `group_chat`');
    await queryRunner.query('DROP TABLE `group_chat`');
    await queryRunner.query('DROP INDEX `ix_topic_token_lookup` ON `topic_token`');
    await queryRunner.query('DROP INDEX `ix_topic_token_topic` ON `topic_token`');
    await queryRunner.query('DROP TABLE `topic_token`');
    await queryRunner.query('DROP INDEX `uq_comment_report` ON `comment_report`');
    await queryRunner.query('DROP TABLE `comment_report`');
    await queryRunner.query('DROP INDEX `ix_topic_comment_topic` ON `topic_comment`');
    await queryRunner.query('DROP TABLE `topic_comment`');
    await queryRunner.query('DROP INDEX `uq_topic_follow` ON `topic_follow`');
    await queryRunner.query('DROP INDEX `ix_topic_follow_user` ON `topic_follow`');
    await queryRunner.query('DROP TABLE `topic_follow`');
    await queryRunner.query('DROP INDEX `uq_cosign` ON `cosign`');
    await queryRunner.query('DROP INDEX `ix_cosign_user` ON `cosign`');
    await queryRunner.query('DROP TABLE `cosign`');
    await queryRunner.query('DROP INDEX `ix_topic_event_topic` ON `topic_event`');
    await queryRunner.query('DROP TABLE `topic_event`');
    await queryRunner.query('DROP INDEX `ix_topic_photo_topic` ON `topic_photo`');
    await queryRunner.query('DROP INDEX `ix_topic_photo_trace` ON `topic_photo`');
    await queryRunner.query('DROP TABLE `topic_photo`');
    await queryRunner.query('DROP INDEX `ix_topic_feed` ON `topic`');
    await queryRunner.query('DROP INDEX `ix_topic_feed_status` ON `topic`');
    await queryRunner.query('DROP INDEX `ix_topic_feed_cosigns` ON `topic`');
    await queryRunner.query('DROP INDEX `ix_topic_author` ON `topic`');
    await queryRunner.query('DROP INDEX `ix_topic_party` ON `topic`');
    await queryRunner.query('DROP INDEX `ix_topic_level` ON `topic`');
    await queryRunner.query('DROP TABLE `topic`');
    await queryRunner.query('DROP TABLE `community_settings`');
    await queryRunner.query('DROP INDEX `uq_party_member` ON `party_member`');
    await queryRunner.query('DROP INDEX `ix_party_member_user` ON `party_member`');
    await queryRunner.query('DROP TABLE `party_member`');
    await queryRunner.query('DROP INDEX `ix_party_community` ON `party`');
    await queryRunner.query('DROP TABLE `party`');
    await queryRunner.query('DROP INDEX `uq_idempotency` ON `idempotency_record`');
    await queryRunner.query('DROP INDEX `ix_idempotency_created` ON `idempotency_record`');
    await queryRunner.query('DROP TABLE `idempotency_record`');
  }
}
