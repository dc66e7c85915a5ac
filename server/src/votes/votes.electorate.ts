import type { DataSource } from 'typeorm';
import { perDataSource } from '../db/per-data-source';
import { directSql } from '../db/sql';
import type { Vote } from './votes.entity';

/**
 * A vote's electorate as frozen when it opened (vote_elector), held in memory:
 * its rows are written in the vote's own creating transaction and never
 * change, so every ballot can check eligibility without a query. One read per
 * vote and process, shared by the ballots that arrive while it runs.
 */
export interface FrozenElectorate {
  /** Every entitled voter key. */
  keys: ReadonlySet<string>;
  /** Owners' votes: each unit's owner key. */
  ownerOfUnit: ReadonlyMap<number, string>;
}

/** Votes kept per data source; the least recently loaded goes first. */
const MAX_VOTES = 64;
const loaded = perDataSource(() => new Map<string, Promise<FrozenElectorate>>());

async function readElectorate(ds: DataSource, voteId: number): Promise<FrozenElectorate> {
  const rows = (await directSql(ds).query('SELECT voter_key, unit_id FROM vote_elector WHERE vote_id = ?', [
    voteId,
  ])) as { voter_key: string; unit_id: number | null }[];
  const keys = new Set<string>();
  const ownerOfUnit = new Map<number, string>();
  for (const row of rows) {
    keys.add(row.voter_key);
    if (row.unit_id !== null) ownerOfUnit.set(Number(row.unit_id), row.voter_key);
  }
  return { keys, ownerOfUnit };
}

/**
 * The vote's frozen electorate. Keyed by the vote's id and creation time, so
 * a database rebuilt under the same data source (tests) never sees another
 * vote's electorate.
 */
export function frozenElectorate(ds: DataSource, vote: Pick<Vote, 'id' | 'createdAt'>): Promise<FrozenElectorate> {
  const byVote = loaded(ds);
  const key = `${vote.id}:${vote.createdAt.getTime()}`;
  let electorate = byVote.get(key);
  if (!electorate) {
    const votes = byVote;
    electorate = readElectorate(ds, vote.id);
    // A failed read (database away) is not remembered.
    electorate.catch(() => votes.delete(key));
    votes.set(key, electorate);
    while (votes.size > MAX_VOTES) votes.delete(votes.keys().next().value as string);
  }
  return electorate;
}
