import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Councils1795753414104 implements MigrationInterface {
  name = 'Councils1795753414104';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `council` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `estate_id` int NULL, `name` varchar(60) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_council_community` (`community_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `seat` (`id` int NOT NULL AUTO_INCREMENT, `council_id` int NOT NULL, `user_id` int NOT NULL, `party` varchar(24) NOT NULL, `organisation` varchar(100) NULL, `term_start` varchar(10) NOT NULL, `term_end` varchar(10) NOT NULL, `appointed_by` int NOT NULL, `ended_at` datetime(6) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `ix_seat_user` (`user_id`), INDEX `ix_seat_council` (`council_id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_seat_council` ON `seat`');
    await queryRunner.query('DROP INDEX `ix_seat_user` ON `seat`');
    await queryRunner.query('DROP TABLE `seat`');
    await queryRunner.query('DROP INDEX `ix_council_community` ON `council`');
    await queryRunner.query('DROP TABLE `council`');
  }
}
