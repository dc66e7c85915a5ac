import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Meetings1795753577616 implements MigrationInterface {
  name = 'Meetings1795753577616';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `meeting` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `council_id` int NOT NULL, `title` varchar(80) NOT NULL, `starts_at` datetime(6) NOT NULL, `place` varchar(100) NOT NULL, `mode` varchar(8) NOT NULL, `status` varchar(20) NOT NULL, `notice_days` int NOT NULL, `announced_at` datetime(6) NULL, `check_in_code` varchar(6) NOT NULL, `created_by` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_meeting_community` (`community_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `meeting_invitee` (`id` int NOT NULL AUTO_INCREMENT, `meeting_id` int NOT NULL, `user_id` int NOT NULL, `role` varchar(8) NOT NULL, UNIQUE INDEX `uq_meeting_invitee` (`meeting_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `agenda_item` (`id` int NOT NULL AUTO_INCREMENT, `meeting_id` int NOT NULL, `topic_id` int NOT NULL, `position` int NOT NULL, `minutes` int NOT NULL, INDEX `ix_agenda_meeting` (`meeting_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `attendance` (`id` int NOT NULL AUTO_INCREMENT, `meeting_id` int NOT NULL, `user_id` int NOT NULL, `method` varchar(10) NOT NULL, `recorded_by` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_attendance` (`meeting_id`, `user_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_attendance` ON `attendance`');
    await queryRunner.query('DROP TABLE `attendance`');
    await queryRunner.query('DROP INDEX `ix_agenda_meeting` ON `agenda_item`');
    await queryRunner.query('DROP TABLE `agenda_item`');
    await queryRunner.query('DROP INDEX `uq_meeting_invitee` ON `meeting_invitee`');
    await queryRunner.query('DROP TABLE `meeting_invitee`');
    await queryRunner.query('DROP INDEX `ix_meeting_community` ON `meeting`');
    await queryRunner.query('DROP TABLE `meeting`');
  }
}
