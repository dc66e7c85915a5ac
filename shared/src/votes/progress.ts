import {
  ceilDiv,
  formatExactAreaCentiM2,
  type OwnersMatter,
  type OwnersTally,
  readExactAreaCentiM2,
  toWholeNumber,
  type WholeNumber,
} from './tally';

/**
 * What an owners' vote still lacks, for the client to show while it is open
 * ("还需 3 户、215.40 ㎡ 参与方达法定人数") — computed from the same tally the
 * server decides with, exactly (integer ceilings, no floating point).
 */

/** How many more owners and how much more area (m², two decimals) a threshold needs; zero when met. */
export interface OwnersShortfall {
  met: boolean;
  owners: WholeNumber;
  area: string;
}

export interface OwnersProgress {
  /** More participants needed for 2/3 of the owners and 2/3 of the area. */
  quorum: OwnersShortfall;
  /**
   * More yes needed among the current participants (participation as it is
   * now) for the matter's majority: major at least 3/4, other more than half,
   * of the participating area and owners. Passing also needs the quorum.
   */
  passing: OwnersShortfall;
}

function centiM2(area: string): bigint {
  const reading = readExactAreaCentiM2(area);
  if (reading.ok) return reading.centiM2;
  if (area === '0.00') return 0n;
  throw new RangeError(`not a tally area: ${area}`);
}

function shortfall(owners: bigint, area: bigint): OwnersShortfall {
  const moreOwners = owners > 0n ? owners : 0n;
  const moreArea = area > 0n ? area : 0n;
  return {
    met: moreOwners === 0n && moreArea === 0n,
    owners: toWholeNumber(moreOwners),
    area: formatExactAreaCentiM2(moreArea),
  };
}

/** The least yes count x of a total t that the matter's majority accepts (x·4 ≥ 3t, or x·2 > t). */
function leastMajority(matter: OwnersMatter, total: bigint): bigint {
  return matter === 'major' ? ceilDiv(total * 3n, 4n) : total / 2n + 1n;
}

/** How far an owners' tally is from its quorum and from passing (see OwnersProgress). */
export function ownersProgress(result: OwnersTally, matter: OwnersMatter): OwnersProgress {
  const entitledOwners = BigInt(result.entitled.owners);
  const entitledArea = centiM2(result.entitled.area);
  const participatingOwners = BigInt(result.participating.owners);
  const participatingArea = centiM2(result.participating.area);
  const yesOwners = BigInt(result.yes.owners);
  const yesArea = centiM2(result.yes.area);
  return {
    quorum: shortfall(
      ceilDiv(entitledOwners * 2n, 3n) - participatingOwners,
      ceilDiv(entitledArea * 2n, 3n) - participatingArea,
    ),
    passing: shortfall(
      leastMajority(matter, participatingOwners) - yesOwners,
      leastMajority(matter, participatingArea) - yesArea,
    ),
  };
}

function lacking(shortfall: OwnersShortfall): string {
  const parts: string[] = [];
  if (BigInt(shortfall.owners) > 0n) parts.push(`${shortfall.owners} 户`);
  if (shortfall.area !== '0.00') parts.push(`${shortfall.area} ㎡`);
  return parts.join('、');
}

/** "还需 3 户、215.40 ㎡ 参与方达法定人数", or "参与已达法定人数". */
export function describeQuorumProgress(progress: OwnersProgress): string {
  return progress.quorum.met ? '参与已达法定人数' : `还需 ${lacking(progress.quorum)} 参与方达法定人数`;
}

/** "还需 2 户、80.00 ㎡ 赞成方可通过", or "赞成已达通过所需" (among the current participants). */
export function describePassingProgress(progress: OwnersProgress): string {
  return progress.passing.met ? '赞成已达通过所需' : `还需 ${lacking(progress.passing)} 赞成方可通过`;
}
