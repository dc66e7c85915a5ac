import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Votes1795751345890 implements MigrationInterface {
  name = 'Votes1795751345890';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `vote` (`id` int NOT NULL AUTO_INCREMENT, `community_id` int NOT NULL, `estate_id` int NULL, `topic_id` int NULL, `title` varchar(80) NOT NULL, `description` text NOT NULL, `electorate` varchar(12) NOT NULL, `matter` varchar(10) NULL, `majority` varchar(16) NOT NULL, `base` varchar(10) NOT NULL, `quorum_num` int NULL, `quorum_den` int NULL, `secret` tinyint NOT NULL, `results_live` tinyint NOT NULL, `allow_change` tinyint NOT NULL, `status` varchar(8) NOT NULL, `closes_at` datetime(6) NOT NULL, `closed_at` datetime(6) NULL, `created_by` int NOT NULL, `entitled_count` int NOT NULL, `ballot_count` int NOT NULL DEFAULT '0', `result_json` text NULL, `record_key` varchar(200) NULL, `record_head` varchar(64) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `ix_vote_community` (`community_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `vote_participation` (`id` int NOT NULL AUTO_INCREMENT, `vote_id` int NOT NULL, `voter_key` varchar(80) NOT NULL, `ballot_id` int NOT NULL, `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_vote_participation` (`vote_id`, `voter_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `ballot` (`id` int NOT NULL AUTO_INCREMENT, `vote_id` int NOT NULL, `voter_key` varchar(80) NOT NULL, `cast_by_user_id` int NOT NULL, `choice` varchar(10) NOT NULL, `receipt_hash` varchar(64) NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_ballot_receipt` (`vote_id`, `receipt_hash`), INDEX `ix_ballot_vote` (`vote_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `vote_elector` (`id` int NOT NULL AUTO_INCREMENT, `vote_id` int NOT NULL, `voter_key` varchar(80) NOT NULL, `unit_id` int NULL, `area_centi_m2` int NULL, INDEX `ix_vote_elector` (`vote_id`, `voter_key`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `ix_vote_elector` ON `vote_elector`');
    await queryRunner.query('DROP TABLE `vote_elector`');
    await queryRunner.query('DROP INDEX `ix_ballot_vote` ON `ballot`');
    await queryRunner.query('DROP INDEX `uq_ballot_receipt` ON `ballot`');
    await queryRunner.query('DROP TABLE `ballot`');
    await queryRunner.query('DROP INDEX `uq_vote_participation` ON `vote_participation`');
    await queryRunner.query('DROP TABLE `vote_participation`');
    await queryRunner.query('DROP INDEX `ix_vote_community` ON `vote`');
    await queryRunner.query('DROP TABLE `vote`');
  }
}
