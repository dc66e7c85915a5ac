import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  type BallotLog,
  type BallotLogEntry,
  buildGeneralBallotLog,
  buildOwnersBallotLog,
  chainBallots,
  entryHashText,
  parseBallotLog,
  verifyLog,
  ZERO_HASH,
} from './ballot-log';
import { sha256Hex } from './sha256';
import { type GeneralTallyInput, type OwnersTallyInput, tallyGeneral, tallyOwners, VoteInputError } from './tally';
import { generalVoteArb, ownersVoteArb, receiptCodesArb } from './test-support/arbitraries';

/**
 * S7: published ballot logs verify, and one altered, dropped or reordered
 * entry is named; the log's tally equals the tally of the ballots.
 * S8: a log lists every receipt once, and no voter id or time.
 */

const nodeSha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const VOTE = { id: 'vote-7', title: '是否更换物业服务企业' };

type Built = { log: BallotLog; expected: unknown; secrets: string[] };

const ownersLogArb: fc.Arbitrary<Built> = ownersVoteArb.chain((input: OwnersTallyInput) =>
  receiptCodesArb(input.ballots.map((ballot) => ballot.owner)).map((codes) => ({
    log: buildOwnersBallotLog(VOTE, input, codes),
    expected: tallyOwners(input),
    secrets: [...input.units.flatMap((unit) => [unit.id, unit.owner]), ...codes.values()],
  })),
);

const generalLogArb: fc.Arbitrary<Built> = generalVoteArb.chain((input: GeneralTallyInput) =>
  receiptCodesArb(input.ballots.map((ballot) => ballot.voter)).map((codes) => ({
    log: buildGeneralBallotLog(VOTE, input, codes),
    expected: tallyGeneral(input),
    secrets: [...input.ballots.map((ballot) => ballot.voter), ...codes.values()],
  })),
);

const anyLogArb = fc.oneof(ownersLogArb, generalLogArb);
const nonEmptyLogArb = anyLogArb.filter(({ log }) => log.entries.length > 0);
const RUNS = { numRuns: 200 };

function withEntries(log: BallotLog, entries: BallotLogEntry[]): BallotLog {
  return { ...log, entries } as BallotLog;
}

describe('building a log', () => {
  test('an example: entries sorted by receipt hash, chained from 64 zeros, weights as published', () => {
    const input: OwnersTallyInput = {
      kind: 'owners',
      matter: 'major',
      units: [
        { id: '1-101', area: '89.5', owner: 'zhang' },
        { id: '1-102', area: 120, owner: 'li' },
        { id: '1-103', area: '30.25', owner: 'zhang' },
      ],
      ballots: [
        { owner: 'zhang', choice: 'yes' },
        { owner: 'li', choice: 'no' },
      ],
    };
    const codes = new Map([
      ['zhang', 'K7Q2-9XJ4'],
      ['li', 'M3P8-2WZ6'],
    ]);
    const log = buildOwnersBallotLog(VOTE, input, codes);
    const hashes = { zhang: nodeSha256('K7Q2-9XJ4'), li: nodeSha256('M3P8-2WZ6') };
    const [first, second] = hashes.zhang < hashes.li ? (['zhang', 'li'] as const) : (['li', 'zhang'] as const);
    const weight = { zhang: '119.75', li: '120.00' };
    const choice = { zhang: 'yes', li: 'no' };
    const e1 = nodeSha256(`${ZERO_HASH}|1|${choice[first]}|${weight[first]}|${hashes[first]}`);
    const e2 = nodeSha256(`${e1}|2|${choice[second]}|${weight[second]}|${hashes[second]}`);
    expect(log).toEqual({
      vote: { id: 'vote-7', title: VOTE.title, kind: 'owners', matter: 'major' },
      electorate: { owners: 2, area: '239.75' },
      entries: [
        {
          seq: 1,
          choice: choice[first],
          weight: weight[first],
          receiptHash: hashes[first],
          prevHash: ZERO_HASH,
          entryHash: e1,
        },
        {
          seq: 2,
          choice: choice[second],
          weight: weight[second],
          receiptHash: hashes[second],
          prevHash: e1,
          entryHash: e2,
        },
      ],
      head: e2,
    });
    expect(verifyLog(log)).toEqual({ valid: true, head: e2, tally: tallyOwners(input) });
  });

  test('a general vote: weight "1", the rule and quorum in the vote, entitled in the electorate', () => {
    const input: GeneralTallyInput = {
      kind: 'general',
      majority: 'two_thirds',
      base: 'YN',
      entitled: 7,
      quorum: { num: 1, den: 2 },
      ballots: [
        { voter: 'rep-1', choice: 'yes' },
        { voter: 'rep-2', choice: 'invalid' },
      ],
    };
    const log = buildGeneralBallotLog(
      VOTE,
      input,
      new Map([
        ['rep-1', 'a'],
        ['rep-2', 'b'],
      ]),
    );
    expect(log.vote).toEqual({
      ...VOTE,
      kind: 'general',
      majority: 'two_thirds',
      base: 'YN',
      quorum: { num: 1, den: 2 },
    });
    expect(log.electorate).toEqual({ entitled: 7 });
    expect(log.entries.map((entry) => entry.weight)).toEqual(['1', '1']);
    expect(verifyLog(log)).toMatchObject({ valid: true, tally: tallyGeneral(input) });
  });

  test('an empty log has the zero head and verifies', () => {
    const log = buildGeneralBallotLog(
      VOTE,
      { kind: 'general', majority: 'simple', base: 'YNA', entitled: 3, ballots: [] },
      new Map(),
    );
    expect(log.entries).toEqual([]);
    expect(log.head).toBe(ZERO_HASH);
    expect(verifyLog(log)).toEqual({
      valid: true,
      head: ZERO_HASH,
      tally: { yes: 0, no: 0, abstain: 0, invalid: 0, base: 0, quorumMet: true, passed: false },
    });
  });

  test('a missing or shared receipt code is a programming error', () => {
    const input: GeneralTallyInput = {
      kind: 'general',
      majority: 'simple',
      base: 'YNA',
      entitled: 3,
      ballots: [
        { voter: 'a', choice: 'yes' },
        { voter: 'b', choice: 'no' },
      ],
    };
    expect(() => buildGeneralBallotLog(VOTE, input, new Map([['a', 'x']]))).toThrow(/receipt code/);
    expect(() =>
      buildGeneralBallotLog(
        VOTE,
        input,
        new Map([
          ['a', 'x'],
          ['b', 'x'],
        ]),
      ),
    ).toThrow(/receipt code/);
  });

  test('invalid input is refused like the tally refuses it', () => {
    expect(() =>
      buildOwnersBallotLog(VOTE, { kind: 'owners', matter: 'major', units: [], ballots: [] }, new Map()),
    ).toThrow(VoteInputError);
  });

  test('the pure hash and node:crypto build the same log', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ receiptCode: fc.string(), choice: fc.constantFrom('yes', 'no'), weight: fc.constant('1') }),
        ),
        (ballots) => {
          const unique = [...new Map(ballots.map((ballot) => [ballot.receiptCode, ballot])).values()];
          expect(chainBallots(unique, nodeSha256)).toEqual(chainBallots(unique, sha256Hex));
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('S7: verifying random logs', () => {
  test('every built log verifies, its head is the last entryHash and its tally the ballots’ tally', () => {
    fc.assert(
      fc.property(anyLogArb, ({ log, expected }) => {
        const result = verifyLog(log, nodeSha256);
        expect(result).toEqual({ valid: true, head: log.head, tally: expected });
        expect(log.head).toBe(log.entries.at(-1)?.entryHash ?? ZERO_HASH);
        // Exact JSON round trip (as the CLI reads it) verifies too.
        expect(verifyLog(JSON.parse(JSON.stringify(log)))).toEqual(result);
      }),
      RUNS,
    );
  });

  test('altering one field of one entry names that entry', () => {
    const field = fc.constantFrom('choice', 'weight', 'receiptHash', 'prevHash', 'entryHash', 'seq');
    fc.assert(
      fc.property(
        nonEmptyLogArb,
        fc.nat(),
        field,
        fc.string({ minLength: 64, maxLength: 64, unit: fc.constantFrom(...'0123456789abcdef') }),
        ({ log }, pick, which, hex) => {
          const k = pick % log.entries.length;
          const entries = log.entries.map((entry) => ({ ...entry }));
          const entry = entries[k] as BallotLogEntry;
          const owners = log.vote.kind === 'owners';
          switch (which) {
            case 'choice':
              entry.choice = entry.choice === 'yes' ? (owners ? 'abstain' : 'invalid') : 'yes';
              break;
            case 'weight':
              entry.weight = owners ? (entry.weight === '1.00' ? '2.00' : '1.00') : '2';
              break;
            case 'seq':
              entry.seq = entry.seq + 1;
              break;
            default:
              fc.pre(entry[which] !== hex);
              entry[which] = hex;
          }
          const result = verifyLog(withEntries(log, entries), nodeSha256);
          expect(result).toMatchObject({ valid: false, firstBadSeq: k + 1 });
          if (!result.valid) expect(result.reason).toContain(`第 ${k + 1} 条`);
        },
      ),
      RUNS,
    );
  });

  test('dropping one entry names its place (after the last entry when the last is dropped)', () => {
    fc.assert(
      fc.property(nonEmptyLogArb, fc.nat(), ({ log }, pick) => {
        const k = pick % log.entries.length;
        const entries = log.entries.filter((_, index) => index !== k);
        expect(verifyLog(withEntries(log, entries), nodeSha256)).toMatchObject({ valid: false, firstBadSeq: k + 1 });
      }),
      RUNS,
    );
  });

  test('moving one entry names the first place that changed', () => {
    fc.assert(
      fc.property(
        nonEmptyLogArb.filter(({ log }) => log.entries.length >= 2),
        fc.nat(),
        fc.nat(),
        ({ log }, from, to) => {
          const i = from % log.entries.length;
          const j = to % log.entries.length;
          fc.pre(i !== j);
          const entries = [...log.entries];
          const [moved] = entries.splice(i, 1);
          entries.splice(j, 0, moved as BallotLogEntry);
          expect(verifyLog(withEntries(log, entries), nodeSha256)).toMatchObject({
            valid: false,
            firstBadSeq: Math.min(i, j) + 1,
          });
        },
      ),
      RUNS,
    );
  });

  test('re-numbering and re-chaining a reordered log still fails on the order of receipt hashes', () => {
    fc.assert(
      fc.property(
        nonEmptyLogArb.filter(({ log }) => log.entries.length >= 2),
        fc.nat(),
        ({ log }, pick) => {
          const i = pick % (log.entries.length - 1);
          const swapped = [...log.entries];
          [swapped[i], swapped[i + 1]] = [swapped[i + 1] as BallotLogEntry, swapped[i] as BallotLogEntry];
          // A forger recomputes seq, prevHash and entryHash; only the order gives it away.
          let prevHash = ZERO_HASH;
          const entries = swapped.map((entry, index) => {
            const rebuilt = { ...entry, seq: index + 1, prevHash };
            const entryHash = nodeSha256(entryHashText(rebuilt));
            prevHash = entryHash;
            return { ...rebuilt, entryHash };
          });
          const forged = { ...withEntries(log, entries), head: prevHash } as BallotLog;
          expect(verifyLog(forged, nodeSha256)).toMatchObject({ valid: false, firstBadSeq: i + 2 });
        },
      ),
      RUNS,
    );
  });

  test('a wrong head is named after the last entry', () => {
    fc.assert(
      fc.property(anyLogArb, fc.constantFrom('zero', 'upper', 'other'), ({ log }, how) => {
        const head = how === 'upper' ? log.head.toUpperCase() : how === 'zero' ? ZERO_HASH : nodeSha256(`${log.head}!`);
        fc.pre(head !== log.head);
        expect(verifyLog({ ...log, head } as BallotLog, nodeSha256)).toMatchObject({
          valid: false,
          firstBadSeq: log.entries.length + 1,
        });
      }),
      RUNS,
    );
  });

  test('malformed hashes, choices and weights name their entry', () => {
    const input: OwnersTallyInput = {
      kind: 'owners',
      matter: 'ordinary',
      units: [
        { id: '1', area: '50', owner: 'a' },
        { id: '2', area: '60', owner: 'b' },
      ],
      ballots: [
        { owner: 'a', choice: 'yes' },
        { owner: 'b', choice: 'no' },
      ],
    };
    const log = buildOwnersBallotLog(
      VOTE,
      input,
      new Map([
        ['a', 'r1'],
        ['b', 'r2'],
      ]),
    );
    const tamper = (change: Partial<BallotLogEntry>) =>
      verifyLog(
        withEntries(log, [log.entries[0] as BallotLogEntry, { ...(log.entries[1] as BallotLogEntry), ...change }]),
      );
    expect(tamper({ receiptHash: 'abc' })).toMatchObject({ valid: false, firstBadSeq: 2 });
    expect(tamper({ entryHash: (log.entries[1] as BallotLogEntry).entryHash.toUpperCase() })).toMatchObject({
      firstBadSeq: 2,
    });
    expect(tamper({ choice: 'invalid' })).toMatchObject({ firstBadSeq: 2 });
    expect(tamper({ weight: '60' })).toMatchObject({ firstBadSeq: 2 });
    expect(tamper({ receiptHash: (log.entries[0] as BallotLogEntry).receiptHash })).toMatchObject({
      firstBadSeq: 2,
      reason: expect.stringContaining('相同'),
    });
  });
});

test('a weight written with a leading zero but hashed as written still verifies, with its exact area', () => {
  const { entries, head } = chainBallots([{ receiptCode: 'r', choice: 'yes', weight: '089.50' }], nodeSha256);
  const log: BallotLog = {
    vote: { ...VOTE, kind: 'owners', matter: 'ordinary' },
    electorate: { owners: 1, area: '89.50' },
    entries,
    head,
  };
  expect(verifyLog(log)).toMatchObject({ valid: true, tally: { participating: { owners: 1, area: '89.50' } } });
  const zero = chainBallots([{ receiptCode: 'r', choice: 'yes', weight: '0.00' }], nodeSha256);
  expect(verifyLog({ ...log, ...zero })).toMatchObject({ valid: false, firstBadSeq: 1 });
});

describe('S8: what a public log shows', () => {
  test('every receipt once, sorted by receipt hash; no voter id, unit id, receipt code or time', () => {
    fc.assert(
      fc.property(anyLogArb, ({ log, secrets }) => {
        const receipts = log.entries.map((entry) => entry.receiptHash);
        expect(new Set(receipts).size).toBe(receipts.length);
        expect([...receipts].sort()).toEqual(receipts);
        const text = JSON.stringify(log);
        for (const secret of secrets) expect(text).not.toContain(JSON.stringify(secret));
        expect(Object.keys(log)).toEqual(['vote', 'electorate', 'entries', 'head']);
        for (const entry of log.entries) {
          expect(Object.keys(entry).sort()).toEqual([
            'choice',
            'entryHash',
            'prevHash',
            'receiptHash',
            'seq',
            'weight',
          ]);
        }
      }),
      RUNS,
    );
  });
});

describe('malformed records', () => {
  const good = () =>
    buildOwnersBallotLog(
      VOTE,
      {
        kind: 'owners',
        matter: 'ordinary',
        units: [{ id: '1', area: '10', owner: 'a' }],
        ballots: [{ owner: 'a', choice: 'yes' }],
      },
      new Map([['a', 'r']]),
    ) as unknown as Record<string, unknown>;

  test.each<[string, (log: Record<string, unknown>) => unknown]>([
    ['not an object', () => []],
    ['vote missing', ({ vote: _v, ...rest }) => rest],
    ['unknown kind', (log) => ({ ...log, vote: { ...(log.vote as object), kind: 'council' } })],
    ['matter missing', (log) => ({ ...log, vote: { ...VOTE, kind: 'owners' } })],
    ['vote id empty', (log) => ({ ...log, vote: { ...(log.vote as object), id: '' } })],
    ['electorate of the other kind', (log) => ({ ...log, electorate: { entitled: 3 } })],
    ['electorate area as a float', (log) => ({ ...log, electorate: { owners: 1, area: 10.5 } })],
    ['electorate owners zero', (log) => ({ ...log, electorate: { owners: 0, area: '10.00' } })],
    ['entries missing', ({ entries: _e, ...rest }) => rest],
    ['entries not an array', (log) => ({ ...log, entries: {} })],
    ['an entry not an object', (log) => ({ ...log, entries: [1] })],
    ['seq a string', (log) => ({ ...log, entries: [{ ...(log.entries as object[])[0], seq: '1' }] })],
    [
      'receiptHash missing',
      (log) => ({ ...log, entries: [{ ...(log.entries as object[])[0], receiptHash: undefined }] }),
    ],
    ['head missing', ({ head: _h, ...rest }) => rest],
    ['head a number', (log) => ({ ...log, head: 0 })],
  ])('%s', (_label, change) => {
    const record = change(good());
    expect(parseBallotLog(record).success).toBe(false);
    expect(() => verifyLog(record)).toThrow(VoteInputError);
  });

  test('a sound chain with more ballots than the electorate holds is malformed', () => {
    const log = good();
    expect(() => verifyLog({ ...log, electorate: { owners: 1, area: '9.99' } })).toThrow(VoteInputError);
    const general = buildGeneralBallotLog(
      VOTE,
      {
        kind: 'general',
        majority: 'simple',
        base: 'YN',
        entitled: 2,
        ballots: [
          { voter: 'a', choice: 'yes' },
          { voter: 'b', choice: 'no' },
        ],
      },
      new Map([
        ['a', 'x'],
        ['b', 'y'],
      ]),
    );
    expect(() => verifyLog({ ...general, electorate: { entitled: 1 } })).toThrow(VoteInputError);
  });
});
