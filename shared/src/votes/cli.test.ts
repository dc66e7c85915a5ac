import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildGeneralBallotLog, buildOwnersBallotLog } from './ballot-log';
import type { GeneralTallyInput, OwnersTallyInput } from './tally';

/**
 * The `tally` and `verify-log` commands as the checker runs them: a file in,
 * exactly one JSON object and a newline on stdout with exit 0 (or 1 for a
 * bad log); on invalid input a message on stderr, nothing on stdout, exit 2.
 */

jest.setTimeout(60_000);

const root = path.resolve(__dirname, '..', '..', '..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'yishi-tally-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
function file(content: string | object): string {
  const name = path.join(dir, `input-${++fileCount}.json`);
  writeFileSync(name, typeof content === 'string' ? content : JSON.stringify(content));
  return name;
}

function run(script: 'tally' | 'verify-log', ...args: string[]) {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', `${script}.mjs`), ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** stdout must be exactly one JSON object and a newline. */
function onlyJson(stdout: string): unknown {
  expect(stdout.endsWith('\n')).toBe(true);
  expect(stdout.slice(0, -1)).not.toContain('\n');
  const value = JSON.parse(stdout);
  expect(typeof value === 'object' && value !== null && !Array.isArray(value)).toBe(true);
  return value;
}

function expectInvalid(result: ReturnType<typeof run>) {
  expect(result.stdout).toBe('');
  expect(result.stderr.trim()).not.toBe('');
  expect(result.code).toBe(2);
}

const owners: OwnersTallyInput = {
  kind: 'owners',
  matter: 'major',
  units: [
    { id: '1-101', area: '89.50', owner: 'zhang' },
    { id: '1-102', area: 120, owner: 'developer' },
    { id: '1-103', area: '60.5', owner: 'developer' },
    { id: '1-104', area: '100', owner: 'li' },
  ],
  ballots: [
    { owner: 'zhang', choice: 'yes' },
    { owner: 'developer', choice: 'yes' },
    { owner: 'li', choice: 'no' },
  ],
};

const general: GeneralTallyInput = {
  kind: 'general',
  majority: 'two_thirds',
  base: 'YN',
  entitled: 5,
  quorum: { num: 1, den: 2 },
  ballots: [
    { voter: 'a', choice: 'yes' },
    { voter: 'b', choice: 'yes' },
    { voter: 'c', choice: 'no' },
    { voter: 'd', choice: 'invalid' },
  ],
};

describe('npm run tally', () => {
  test('an owners’ vote', () => {
    const result = run('tally', file(owners));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(onlyJson(result.stdout)).toEqual({
      entitled: { owners: 3, area: '370.00' },
      participating: { owners: 3, area: '370.00' },
      yes: { owners: 2, area: '270.00' },
      quorumMet: true,
      passed: false,
    });
  });

  test('a general vote, extra fields ignored', () => {
    const result = run(
      'tally',
      file({ ...general, title: '议程', ballots: general.ballots.map((b) => ({ ...b, x: 1 })) }),
    );
    expect(result.code).toBe(0);
    expect(onlyJson(result.stdout)).toEqual({
      yes: 2,
      no: 1,
      abstain: 0,
      invalid: 1,
      base: 3,
      quorumMet: true,
      passed: true,
    });
  });

  test('areas and counts beyond 2^53 stay exact', () => {
    const text =
      '{"kind":"owners","matter":"ordinary","units":[{"id":"x","area":100000000000000000000000001,"owner":"a"},' +
      '{"id":"y","area":"0.01","owner":"b"}],"ballots":[{"owner":"a","choice":"yes"}]}';
    const result = run('tally', file(text));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '{"entitled":{"owners":2,"area":"100000000000000000000000001.01"},' +
        '"participating":{"owners":1,"area":"100000000000000000000000001.00"},' +
        '"yes":{"owners":1,"area":"100000000000000000000000001.00"},"quorumMet":false,"passed":false}\n',
    );
    const big = run(
      'tally',
      file('{"kind":"general","majority":"simple","base":"entitled","entitled":12345678901234567890123,"ballots":[]}'),
    );
    expect(big.stdout).toBe(
      '{"yes":0,"no":0,"abstain":0,"invalid":0,"base":12345678901234567890123,"quorumMet":true,"passed":false}\n',
    );
  });

  test.each<[string, () => string[]]>([
    ['no argument', () => []],
    ['two arguments', () => [file(general), file(general)]],
    ['a missing file', () => [path.join(dir, 'no-such-file.json')]],
    ['a directory', () => [dir]],
    ['bad JSON', () => [file('{"kind":"general",')]],
    ['an empty file', () => [file('')]],
    ['JSON that is not an object', () => [file('[1,2]')]],
    ['an unknown kind', () => [file({ ...general, kind: 'council' })]],
    ['a missing kind', () => [file({ ...general, kind: undefined })]],
    ['units wrongly typed', () => [file({ ...owners, units: 'all' })]],
    ['entitled wrongly typed', () => [file({ ...general, entitled: '5' })]],
    ['a missing field', () => [file({ ...owners, matter: undefined })]],
    ['area 89.5 as a number', () => [file({ ...owners, units: [{ id: '1', area: 89.5, owner: 'zhang' }] })]],
    ['area "0"', () => [file({ ...owners, units: [{ id: '1', area: '0', owner: 'zhang' }], ballots: [] })]],
    ['area 0', () => [file({ ...owners, units: [{ id: '1', area: 0, owner: 'zhang' }], ballots: [] })]],
    ['area with three decimals', () => [file({ ...owners, units: [{ id: '1', area: '1.001', owner: 'zhang' }] })]],
    ['an empty unit list', () => [file({ ...owners, units: [], ballots: [] })]],
    [
      'a duplicate unit id',
      () => [file({ ...owners, units: [...owners.units, { id: '1-101', area: '1', owner: 'x' }] })],
    ],
    ['a ballot by an owner without a unit', () => [file({ ...owners, ballots: [{ owner: 'wang', choice: 'yes' }] })]],
    [
      'two ballots by one owner',
      () => [file({ ...owners, ballots: [...owners.ballots, { owner: 'li', choice: 'yes' }] })],
    ],
    ['an upper-case choice', () => [file({ ...general, ballots: [{ voter: 'a', choice: 'Yes' }] })]],
    ['an empty voter id', () => [file({ ...general, ballots: [{ voter: '', choice: 'yes' }] })]],
    ['entitled < ballots', () => [file({ ...general, entitled: 3 })]],
    ['quorum num > den', () => [file({ ...general, quorum: { num: 3, den: 2 } })]],
    ['quorum den 0', () => [file({ ...general, quorum: { num: 0, den: 0 } })]],
    ['an unknown majority', () => [file({ ...general, majority: 'half' })]],
  ])('%s: stderr, nothing on stdout, exit 2', (_label, args) => {
    expectInvalid(run('tally', ...args()));
  });

  test('through npm: npm run --silent tally -- FILE', () => {
    const result = spawnSync('npm', ['run', '--silent', 'tally', '--', file(general)], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(onlyJson(result.stdout)).toMatchObject({ yes: 2, passed: true });
    const invalid = spawnSync('npm', ['run', '--silent', 'tally', '--', file('nope')], { cwd: root, encoding: 'utf8' });
    expect(invalid.status).toBe(2);
    expect(invalid.stdout).toBe('');
  });
});

describe('npm run verify-log', () => {
  const ownersLog = buildOwnersBallotLog(
    { id: 'v1', title: '改造电梯' },
    owners,
    new Map([
      ['zhang', 'R-1'],
      ['developer', 'R-2'],
      ['li', 'R-3'],
    ]),
  );
  const generalLog = buildGeneralBallotLog(
    { id: 'v2', title: '议程' },
    general,
    new Map(general.ballots.map((ballot) => [ballot.voter, `code-${ballot.voter}`])),
  );

  test('a sound owners’ log: exit 0, head and tally', () => {
    const result = run('verify-log', file(ownersLog));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(onlyJson(result.stdout)).toEqual({
      valid: true,
      head: ownersLog.head,
      tally: {
        entitled: { owners: 3, area: '370.00' },
        participating: { owners: 3, area: '370.00' },
        yes: { owners: 2, area: '270.00' },
        quorumMet: true,
        passed: false,
      },
    });
  });

  test('a sound general log', () => {
    const result = run('verify-log', file(generalLog));
    expect(result.code).toBe(0);
    expect(onlyJson(result.stdout)).toEqual({
      valid: true,
      head: generalLog.head,
      tally: { yes: 2, no: 1, abstain: 0, invalid: 1, base: 3, quorumMet: true, passed: true },
    });
  });

  test.each<[string, (log: typeof ownersLog) => unknown, number]>([
    [
      'an altered choice',
      (log) => ({
        ...log,
        entries: log.entries.map((e, i) => (i === 1 ? { ...e, choice: e.choice === 'yes' ? 'no' : 'yes' } : e)),
      }),
      2,
    ],
    ['a dropped first entry', (log) => ({ ...log, entries: log.entries.slice(1) }), 1],
    ['a dropped last entry', (log) => ({ ...log, entries: log.entries.slice(0, -1) }), 3],
    ['two entries swapped', (log) => ({ ...log, entries: [log.entries[1], log.entries[0], log.entries[2]] }), 1],
    ['a wrong head', (log) => ({ ...log, head: '0'.repeat(64) }), 4],
  ])('%s: exit 1 naming the first bad entry', (_label, change, firstBadSeq) => {
    const result = run('verify-log', file(change(ownersLog) as object));
    expect(result.code).toBe(1);
    expect(onlyJson(result.stdout)).toEqual({ valid: false, firstBadSeq, reason: expect.any(String) });
  });

  test.each<[string, () => string[]]>([
    ['a missing file', () => [path.join(dir, 'missing.json')]],
    ['bad JSON', () => [file('{"vote":')]],
    ['an unknown kind', () => [file({ ...generalLog, vote: { ...generalLog.vote, kind: 'council' } })]],
    ['entries missing', () => [file({ ...generalLog, entries: undefined })]],
    ['the electorate of the other kind', () => [file({ ...generalLog, electorate: { owners: 3, area: '1.00' } })]],
    [
      'a seq that is a string',
      () => [file({ ...generalLog, entries: generalLog.entries.map((e) => ({ ...e, seq: String(e.seq) })) })],
    ],
  ])('%s: stderr, nothing on stdout, exit 2', (_label, args) => {
    expectInvalid(run('verify-log', ...args()));
  });
});
