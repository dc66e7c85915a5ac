import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VoteMeeting1795757521960 implements MigrationInterface {
  name = 'VoteMeeting1795757521960';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `vote` ADD `meeting_id` int NULL');
    await queryRunner.query('ALTER TABLE `vote` ADD `agenda_item_id` int NULL');
    await queryRunner.query('CREATE INDEX `ix_vote_meeting` ON `vote` (`meeting_id`, `id`)');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_vote_meeting` ON `vote`');
    await queryRunner.query('ALTER TABLE `vote` DROP COLUMN `agenda_item_id`');
    await queryRunner.query('ALTER TABLE `vote` DROP COLUMN `meeting_id`');
  }
}
