import { ELECTORATE_LABELS, VOTE_METHOD_LABELS } from '../votes/votes.schema';

/** How a vote's facts read in a ledger cell (short, plain words; the spreadsheet and the print view share them). */

const ELECTORATE_WORDS: Record<string, string> = { ...ELECTORATE_LABELS };

export function electorateWords(electorate: string): string {
  return ELECTORATE_WORDS[electorate] ?? electorate;
}

const METHOD_WORDS: Record<string, string> = { ...VOTE_METHOD_LABELS };

/** yes_no (the default of votes made before methods existed), single, multiple, election. */
export function methodWords(method: string | null | undefined): string {
  return METHOD_WORDS[method ?? 'yes_no'] ?? method ?? METHOD_WORDS.yes_no!;
}

const MAJORITY_WORDS: Record<string, string> = {
  simple: '过半数同意',
  two_thirds: '三分之二以上同意',
  three_quarters: '四分之三以上同意',
};
const BASE_WORDS: Record<string, string> = {
  YNA: '以同意、反对、弃权票合计为基数',
  YN: '以同意、反对票合计为基数',
  cast: '以全部投出的票为基数',
  entitled: '以全部有表决权人数为基数',
};

export interface VoteRuleFacts {
  electorate: string;
  matter: string | null;
  majority: string;
  base: string;
  quorumNum: number | null;
  quorumDen: number | null;
}

/** The rule: 过半数同意（以…为基数）；参与不少于 1/2, or the Civil Code rule for owners. */
export function ruleWords(v: VoteRuleFacts): string {
  if (v.electorate === 'owners') {
    return v.matter === 'major'
      ? '重大事项：专有面积和人数均三分之二以上参与，参与者的面积和人数均四分之三以上同意'
      : '一般事项：专有面积和人数均三分之二以上参与，参与者的面积和人数均过半数同意';
  }
  const quorum = v.quorumNum && v.quorumDen ? `；参与不少于有表决权人数的 ${v.quorumNum}/${v.quorumDen}` : '';
  return `${MAJORITY_WORDS[v.majority] ?? v.majority}（${BASE_WORDS[v.base] ?? v.base}）${quorum}`;
}

interface OwnersTotals {
  owners: number | string;
  area: string;
}

/**
 * The result with its numbers, from the stored tally (result_json): 通过（同意 12，反对 3，弃权 1）,
 * or for owners the participating and yes owners and areas. `null` result = still open.
 */
export function resultWords(electorate: string, status: string, result: Record<string, unknown> | null): string {
  if (status !== 'closed' || !result) return status === 'draft' ? '未开始' : '表决中';
  const passed = result.passed === true;
  const verdict = passed ? '通过' : '未通过';
  if (electorate === 'owners' && typeof result.participating === 'object' && result.participating) {
    const p = result.participating as OwnersTotals;
    const y = (result.yes ?? { owners: 0, area: '0.00' }) as OwnersTotals;
    const quorum = result.quorumMet === false ? '参与未达三分之二；' : '';
    return `${verdict}（${quorum}参与业主 ${p.owners} 人、面积 ${p.area}㎡；同意 ${y.owners} 人、面积 ${y.area}㎡）`;
  }
  if (typeof result.yes === 'number') {
    const quorum = result.quorumMet === false ? '参与人数未达要求；' : '';
    const invalid = typeof result.invalid === 'number' && result.invalid > 0 ? `，无效 ${result.invalid}` : '';
    return `${verdict}（${quorum}同意 ${result.yes}，反对 ${result.no ?? 0}，弃权 ${result.abstain ?? 0}${invalid}）`;
  }
  if (Array.isArray(result.options)) return `${verdict}（${choiceWords(result)}）`;
  return verdict;
}

interface OptionFacts {
  position: number;
  label: string;
  votes: number;
  chosen: boolean;
}

/** A choice vote or election: the chosen options with their votes, a tie, or why nothing was chosen. */
function choiceWords(result: Record<string, unknown>): string {
  const options = (result.options as OptionFacts[]).filter((o) => typeof o?.label === 'string');
  const chosen = options.filter((o) => o.chosen);
  const parts: string[] = [];
  if (result.quorumMet === false) parts.push('参与人数未达要求');
  parts.push(
    chosen.length
      ? `${result.method === 'election' ? '当选' : '选定'}：${chosen.map((o) => `${o.label} ${o.votes} 票`).join('、')}`
      : '没有选项达到通过规则',
  );
  const tie = result.tie as { positions: number[]; seats: number } | null | undefined;
  if (tie) {
    const names = options.filter((o) => tie.positions.includes(o.position)).map((o) => o.label);
    parts.push(`${names.join('、')} 票数相同，争 ${tie.seats} 个席位，需另行决定`);
  }
  return parts.join('；');
}

/** Whether a stored tally passed; null while the vote is open. */
export function passedOf(status: string, result: Record<string, unknown> | null): boolean | null {
  if (status !== 'closed' || !result) return null;
  return result.passed === true;
}
