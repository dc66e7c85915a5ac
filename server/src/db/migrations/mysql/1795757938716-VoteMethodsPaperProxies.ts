import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VoteMethodsPaperProxies1795757938716 implements MigrationInterface {
  name = 'VoteMethodsPaperProxies1795757938716';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `vote_option` (`id` int NOT NULL AUTO_INCREMENT, `vote_id` int NOT NULL, `position` int NOT NULL, `label` varchar(40) NOT NULL, UNIQUE INDEX `uq_vote_option` (`vote_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `paper_ballot` (`id` int NOT NULL AUTO_INCREMENT, `vote_id` int NOT NULL, `community_id` int NOT NULL, `voter_key` varchar(80) NOT NULL, `choice` varchar(100) NOT NULL, `note` varchar(200) NOT NULL, `receipt_hash` varchar(64) NOT NULL, `status` varchar(10) NOT NULL, `entered_by` int NOT NULL, `decided_by` int NULL, `decided_at` datetime(6) NULL, `reason` varchar(200) NULL, `ballot_id` int NULL, `open_key` varchar(100) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_paper_ballot_open` (`open_key`), INDEX `ix_paper_ballot_community` (`community_id`, `status`, `id`), INDEX `ix_paper_ballot_vote` (`vote_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `vote_proxy` (`id` int NOT NULL AUTO_INCREMENT, `vote_id` int NOT NULL, `voter_key` varchar(80) NOT NULL, `grantor_user_id` int NOT NULL, `proxy_user_id` int NOT NULL, `upload_id` int NOT NULL, `status` varchar(10) NOT NULL, `revoked_at` datetime(6) NULL, `open_key` varchar(100) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_vote_proxy_open` (`open_key`), INDEX `ix_vote_proxy_proxy` (`proxy_user_id`, `vote_id`), INDEX `ix_vote_proxy_vote` (`vote_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `vote` ADD `council_id` int NULL');
    await queryRunner.query("ALTER TABLE `vote` ADD `method` varchar(10) NOT NULL DEFAULT 'yes_no'");
    await queryRunner.query('ALTER TABLE `vote` ADD `max_choices` int NULL');
    // Widen in place (the generator drops and re-adds the column, which would lose every stored choice).
    await queryRunner.query('ALTER TABLE `ballot` MODIFY `choice` varchar(100) NOT NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `ballot` MODIFY `choice` varchar(10) NOT NULL');
    await queryRunner.query('ALTER TABLE `vote` DROP COLUMN `max_choices`');
    await queryRunner.query('ALTER TABLE `vote` DROP COLUMN `method`');
    await queryRunner.query('ALTER TABLE `vote` DROP COLUMN `council_id`');
    await queryRunner.query('DROP INDEX `ix_vote_proxy_vote` ON `vote_proxy`');
    await queryRunner.query('DROP INDEX `ix_vote_proxy_proxy` ON `vote_proxy`');
    await queryRunner.query('DROP INDEX `uq_vote_proxy_open` ON `vote_proxy`');
    await queryRunner.query('DROP TABLE `vote_proxy`');
    await queryRunner.query('DROP INDEX `ix_paper_ballot_vote` ON `paper_ballot`');
    await queryRunner.query('DROP INDEX `ix_paper_ballot_community` ON `paper_ballot`');
    await queryRunner.query('DROP INDEX `uq_paper_ballot_open` ON `paper_ballot`');
    await queryRunner.query('DROP TABLE `paper_ballot`');
    await queryRunner.query('DROP INDEX `uq_vote_option` ON `vote_option`');
    await queryRunner.query('DROP TABLE `vote_option`');
  }
}
