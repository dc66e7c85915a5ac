import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Projects1795757992836 implements MigrationInterface {
  name = 'Projects1795757992836';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `service_project` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `topic_id` int NULL, `title` varchar(60) NOT NULL, `demand` text NOT NULL, `status` varchar(16) NOT NULL, `goals` text NULL, `service_content` text NULL, `beneficiaries` varchar(200) NULL, `budget_fen` int NULL, `start_date` varchar(10) NULL, `end_date` varchar(10) NULL, `filed_at` datetime(6) NULL, `filing_decided_at` datetime(6) NULL, `filing_decided_by` int NULL, `filing_note` varchar(500) NULL, `return_reason` varchar(500) NULL, `call_deadline` varchar(10) NULL, `call_requirements` text NULL, `selected_application_id` int NULL, `selection_reason` text NULL, `selected_at` datetime(6) NULL, `completion_summary` text NULL, `cancel_reason` varchar(500) NULL, `created_by` int NOT NULL, `status_changed_at` datetime(6) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_project_topic` (`topic_id`), INDEX `ix_project_status` (`status`, `id`), INDEX `ix_project_community` (`community_id`, `status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `project_application` (`id` int NOT NULL AUTO_INCREMENT, `project_id` int NOT NULL, `applicant_user_id` int NOT NULL, `applicant_key` varchar(120) NOT NULL, `party_id` int NULL, `organisation` varchar(100) NOT NULL, `proposal` text NOT NULL, `team` text NOT NULL, `budget_fen` int NOT NULL, `attachments_json` text NOT NULL, `status` varchar(16) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_project_application_user` (`applicant_user_id`, `id`), UNIQUE INDEX `uq_project_application` (`project_id`, `applicant_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `project_supervisor` (`id` int NOT NULL AUTO_INCREMENT, `project_id` int NOT NULL, `user_id` int NOT NULL, `appointed_by` int NOT NULL, `ended_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_project_supervisor` (`project_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `project_event` (`id` int NOT NULL AUTO_INCREMENT, `project_id` int NOT NULL, `action` varchar(24) NOT NULL, `from_status` varchar(16) NULL, `to_status` varchar(16) NULL, `actor_id` int NULL, `actor_role` varchar(24) NOT NULL, `organisation` varchar(100) NULL, `note` text NULL, `photos_json` text NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_project_event` (`project_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `project_evaluation` (`id` int NOT NULL AUTO_INCREMENT, `project_id` int NOT NULL, `evaluator` varchar(100) NOT NULL, `score` int NOT NULL, `summary` varchar(500) NOT NULL, `report` text NOT NULL, `attachment_upload_id` int NULL, `recorded_by` int NOT NULL, `recorded_role` varchar(24) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_project_evaluation` (`project_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'ALTER TABLE `service_project` ADD CONSTRAINT `FK_9fdb02d0d31d278d8d704163b80` FOREIGN KEY (`community_id`) REFERENCES `community`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `project_application` ADD CONSTRAINT `FK_a2478290efc72f86f8f1a1ccd09` FOREIGN KEY (`project_id`) REFERENCES `service_project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `project_supervisor` ADD CONSTRAINT `FK_4350d757619963187bb8a1dc9ef` FOREIGN KEY (`project_id`) REFERENCES `service_project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `project_event` ADD CONSTRAINT `FK_1acd49947cf4fcdda4d10b5baf9` FOREIGN KEY (`project_id`) REFERENCES `service_project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE `project_evaluation` ADD CONSTRAINT `FK_4497e12ad191a7db7005154e30c` FOREIGN KEY (`project_id`) REFERENCES `service_project`(`id`) ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `project_evaluation` DROP FOREIGN KEY `FK_4497e12ad191a7db7005154e30c`');
    await queryRunner.query('ALTER TABLE `project_event` DROP FOREIGN KEY `FK_1acd49947cf4fcdda4d10b5baf9`');
    await queryRunner.query('ALTER TABLE `project_supervisor` DROP FOREIGN KEY `FK_4350d757619963187bb8a1dc9ef`');
    await queryRunner.query('ALTER TABLE `project_application` DROP FOREIGN KEY `FK_a2478290efc72f86f8f1a1ccd09`');
    await queryRunner.query('ALTER TABLE `service_project` DROP FOREIGN KEY `FK_9fdb02d0d31d278d8d704163b80`');
    await queryRunner.query('DROP INDEX `uq_project_evaluation` ON `project_evaluation`');
    await queryRunner.query('DROP TABLE `project_evaluation`');
    await queryRunner.query('DROP INDEX `ix_project_event` ON `project_event`');
    await queryRunner.query('DROP TABLE `project_event`');
    await queryRunner.query('DROP INDEX `ix_project_supervisor` ON `project_supervisor`');
    await queryRunner.query('DROP TABLE `project_supervisor`');
    await queryRunner.query('DROP INDEX `uq_project_application` ON `project_application`');
    await queryRunner.query('DROP INDEX `ix_project_application_user` ON `project_application`');
    await queryRunner.query('DROP TABLE `project_application`');
    await queryRunner.query('DROP INDEX `ix_project_community` ON `service_project`');
    await queryRunner.query('DROP INDEX `ix_project_status` ON `service_project`');
    await queryRunner.query('DROP INDEX `ix_project_topic` ON `service_project`');
    await queryRunner.query('DROP TABLE `service_project`');
  }
}
