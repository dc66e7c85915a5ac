import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LiveMeetings1795757858841 implements MigrationInterface {
  name = 'LiveMeetings1795757858841';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `agenda_decision` (`id` int NOT NULL AUTO_INCREMENT, `meeting_id` int NOT NULL, `agenda_item_id` int NOT NULL, `outcome` varchar(12) NOT NULL, `resolution` text NOT NULL, `vote_ids` varchar(200) NOT NULL, `decided_by` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_agenda_decision_meeting` (`meeting_id`), UNIQUE INDEX `uq_agenda_decision_item` (`agenda_item_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `meeting_speaker` (`id` int NOT NULL AUTO_INCREMENT, `meeting_id` int NOT NULL, `agenda_item_id` int NOT NULL, `user_id` int NOT NULL, `status` varchar(10) NOT NULL, `added_by` int NULL, `active_key` varchar(24) NULL, `speaking_key` int NULL, `seconds` int NULL, `started_at` datetime(6) NULL, `ended_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_meeting_speaker_speaking` (`speaking_key`), UNIQUE INDEX `uq_meeting_speaker_active` (`active_key`), INDEX `ix_meeting_speaker_item` (`agenda_item_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `meeting_minutes` (`id` int NOT NULL AUTO_INCREMENT, `meeting_id` int NOT NULL, `text` text NOT NULL, `revision` int NOT NULL, `updated_by` int NOT NULL, `published_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_meeting_minutes` (`meeting_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query("ALTER TABLE `meeting` ADD `live_version` int NOT NULL DEFAULT '0'");
    await queryRunner.query("ALTER TABLE `meeting` ADD `session_version` int NOT NULL DEFAULT '0'");
    await queryRunner.query('ALTER TABLE `meeting` ADD `current_item_id` int NULL');
    await queryRunner.query('ALTER TABLE `meeting` ADD `started_at` datetime(6) NULL');
    await queryRunner.query('ALTER TABLE `meeting` ADD `closed_at` datetime(6) NULL');
    await queryRunner.query("ALTER TABLE `agenda_item` ADD `status` varchar(10) NOT NULL DEFAULT 'pending'");
    await queryRunner.query('ALTER TABLE `agenda_item` ADD `opened_at` datetime(6) NULL');
    await queryRunner.query('ALTER TABLE `agenda_item` ADD `closed_at` datetime(6) NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `agenda_item` DROP COLUMN `closed_at`');
    await queryRunner.query('ALTER TABLE `agenda_item` DROP COLUMN `opened_at`');
    await queryRunner.query('ALTER TABLE `agenda_item` DROP COLUMN `status`');
    await queryRunner.query('ALTER TABLE `meeting` DROP COLUMN `closed_at`');
    await queryRunner.query('ALTER TABLE `meeting` DROP COLUMN `started_at`');
    await queryRunner.query('ALTER TABLE `meeting` DROP COLUMN `current_item_id`');
    await queryRunner.query('ALTER TABLE `meeting` DROP COLUMN `session_version`');
    await queryRunner.query('ALTER TABLE `meeting` DROP COLUMN `live_version`');
    await queryRunner.query('DROP INDEX `uq_meeting_minutes` ON `meeting_minutes`');
    await queryRunner.query('DROP TABLE `meeting_minutes`');
    await queryRunner.query('DROP INDEX `ix_meeting_speaker_item` ON `meeting_speaker`');
    await queryRunner.query('DROP INDEX `uq_meeting_speaker_active` ON `meeting_speaker`');
    await queryRunner.query('DROP INDEX `uq_meeting_speaker_speaking` ON `meeting_speaker`');
    await queryRunner.query('DROP TABLE `meeting_speaker`');
    await queryRunner.query('DROP INDEX `uq_agenda_decision_item` ON `agenda_decision`');
    await queryRunner.query('DROP INDEX `ix_agenda_decision_meeting` ON `agenda_decision`');
    await queryRunner.query('DROP TABLE `agenda_decision`');
  }
}
