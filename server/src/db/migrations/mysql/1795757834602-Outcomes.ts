import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Outcomes1795757834602 implements MigrationInterface {
  name = 'Outcomes1795757834602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `publicity` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `community_id` int NOT NULL, `resolution` text NOT NULL, `vote_id` int NULL, `meeting_id` int NULL, `days` int NOT NULL, `starts_at` datetime(6) NOT NULL, `last_day` varchar(10) NOT NULL, `ends_at` datetime(6) NOT NULL, `published_by` int NOT NULL, `ended_at` datetime(6) NULL, `outcome` varchar(12) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_publicity_community` (`community_id`, `id`), INDEX `ix_publicity_open` (`ended_at`, `ends_at`), INDEX `ix_publicity_topic` (`topic_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `objection` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `publicity_id` int NOT NULL, `community_id` int NOT NULL, `user_id` int NOT NULL, `body` varchar(500) NOT NULL, `held` tinyint NOT NULL DEFAULT 0, `status` varchar(10) NOT NULL, `reply` varchar(500) NULL, `answered_by` int NULL, `answered_at` datetime(6) NULL, `open_key` varchar(40) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_objection_open` (`open_key`), INDEX `ix_objection_community` (`community_id`, `status`, `id`), INDEX `ix_objection_topic` (`topic_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `implementation` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `community_id` int NOT NULL, `party_id` int NOT NULL, `person_user_id` int NOT NULL, `due_date` varchar(10) NOT NULL, `assigned_by` int NOT NULL, `completed_at` datetime(6) NULL, `evaluation_last_day` varchar(10) NULL, `evaluation_ends_at` datetime(6) NULL, `overdue_noticed_on` varchar(10) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_implementation_evaluation` (`evaluation_ends_at`), INDEX `ix_implementation_community` (`community_id`, `completed_at`, `due_date`), UNIQUE INDEX `uq_implementation_topic` (`topic_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `implementation_milestone` (`id` int NOT NULL AUTO_INCREMENT, `implementation_id` int NOT NULL, `topic_id` int NOT NULL, `community_id` int NOT NULL, `title` varchar(60) NOT NULL, `due_date` varchar(10) NOT NULL, `done_on` varchar(10) NULL, `done_by` int NULL, `overdue_noticed_on` varchar(10) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_milestone_topic` (`topic_id`), INDEX `ix_milestone_implementation` (`implementation_id`, `due_date`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `progress_update` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `implementation_id` int NOT NULL, `community_id` int NOT NULL, `kind` varchar(12) NOT NULL, `author_id` int NOT NULL, `author_role` varchar(24) NOT NULL, `body` text NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_progress_topic` (`topic_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `outcome_photo` (`id` int NOT NULL AUTO_INCREMENT, `upload_id` int NOT NULL, `owner_type` varchar(12) NOT NULL, `owner_id` int NOT NULL, `topic_id` int NOT NULL, `position` int NOT NULL, INDEX `ix_outcome_photo_owner` (`owner_type`, `owner_id`, `position`), UNIQUE INDEX `uq_outcome_photo_upload` (`upload_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `evaluation` (`id` int NOT NULL AUTO_INCREMENT, `topic_id` int NOT NULL, `community_id` int NOT NULL, `user_id` int NOT NULL, `score` int NOT NULL, `comment` varchar(300) NULL, `held` tinyint NOT NULL DEFAULT 0, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_evaluation_community` (`community_id`, `created_at`), UNIQUE INDEX `uq_evaluation` (`topic_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "CREATE TABLE `outcome_settings` (`community_id` int NOT NULL, `evaluation_days` int NOT NULL DEFAULT '14', `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`community_id`)) ENGINE=InnoDB",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `outcome_settings`');
    await queryRunner.query('DROP INDEX `uq_evaluation` ON `evaluation`');
    await queryRunner.query('DROP INDEX `ix_evaluation_community` ON `evaluation`');
    await queryRunner.query('DROP TABLE `evaluation`');
    await queryRunner.query('DROP INDEX `uq_outcome_photo_upload` ON `outcome_photo`');
    await queryRunner.query('DROP INDEX `ix_outcome_photo_owner` ON `outcome_photo`');
    await queryRunner.query('DROP TABLE `outcome_photo`');
    await queryRunner.query('DROP INDEX `ix_progress_topic` ON `progress_update`');
    await queryRunner.query('DROP TABLE `progress_update`');
    await queryRunner.query('DROP INDEX `ix_milestone_implementation` ON `implementation_milestone`');
    await queryRunner.query('DROP INDEX `ix_milestone_topic` ON `implementation_milestone`');
    await queryRunner.query('DROP TABLE `implementation_milestone`');
    await queryRunner.query('DROP INDEX `uq_implementation_topic` ON `implementation`');
    await queryRunner.query('DROP INDEX `ix_implementation_community` ON `implementation`');
    await queryRunner.query('DROP INDEX `ix_implementation_evaluation` ON `implementation`');
    await queryRunner.query('DROP TABLE `implementation`');
    await queryRunner.query('DROP INDEX `ix_objection_topic` ON `objection`');
    await queryRunner.query('DROP INDEX `ix_objection_community` ON `objection`');
    await queryRunner.query('DROP INDEX `uq_objection_open` ON `objection`');
    await queryRunner.query('DROP TABLE `objection`');
    await queryRunner.query('DROP INDEX `ix_publicity_topic` ON `publicity`');
    await queryRunner.query('DROP INDEX `ix_publicity_open` ON `publicity`');
    await queryRunner.query('DROP INDEX `ix_publicity_community` ON `publicity`');
    await queryRunner.query('DROP TABLE `publicity`');
  }
}
