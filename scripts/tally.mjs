#!/usr/bin/env node
// `npm run --silent tally -- FILE`: counts the vote described by the JSON
// object in FILE with shared/src/votes/tally.ts (the rules the server decides
// with) and prints the result as one JSON object on stdout, exit 0. Invalid
// input of any kind (unreadable file, bad JSON, a missing or wrongly typed
// field, an unknown kind, a broken rule): a message on stderr, nothing on
// stdout, exit 2. The contract is in shared/src/votes/README.md.
//
// The TypeScript rules are compiled in memory with swc as they are required
// (no build step, nothing written to disk); `loadVoteRules` is shared with
// verify-log.mjs and bench-tally.mjs.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Lets `require` load shared/src/**.ts, compiled to CommonJS by swc in memory. */
function registerTypeScript() {
  const extensions = Module._extensions;
  if (extensions['.ts']) return;
  const { transformSync } = require('@swc/core');
  extensions['.ts'] = (module, filename) => {
    const { code } = transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
      swcrc: false,
      configFile: false,
    });
    module._compile(code, filename);
  };
}

/** The vote rules of shared/src/votes: tally, ballot-log and exact-json exports together. */
export function loadVoteRules() {
  registerTypeScript();
  const votes = path.join(root, 'shared', 'src', 'votes');
  return {
    ...require(path.join(votes, 'exact-json.ts')),
    ...require(path.join(votes, 'tally.ts')),
    ...require(path.join(votes, 'ballot-log.ts')),
  };
}

/** Reads FILE (the only argument) as exact JSON; on failure prints why and exits 2. */
export function readJsonArgument(command, rules) {
  const args = process.argv.slice(2);
  if (args.length !== 1) fail(command, `usage: npm run --silent ${command} -- FILE`);
  // `npm run` moves to the package root; a relative FILE is meant from where npm was called.
  const launchedByNpm = process.env.npm_lifecycle_event === command && process.env.INIT_CWD;
  const file = path.resolve(launchedByNpm ? process.env.INIT_CWD : process.cwd(), args[0]);
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    fail(command, `cannot read ${file}: ${error.code ?? error.message}`);
  }
  try {
    return rules.parseExactJson(text);
  } catch (error) {
    fail(command, `${file} is not valid JSON: ${error.message}`);
  }
}

/** Prints the message on stderr and exits with `code` (2: invalid input). */
export function fail(command, message, code = 2) {
  process.stderr.write(`${command}: ${message}\n`);
  process.exit(code);
}

/** Lists input issues on stderr and exits 2. */
export function failWithIssues(command, issues) {
  const lines = issues.map((issue) => `  ${issue.path || '(input)'}: ${issue.message}`);
  fail(command, `invalid input:\n${lines.join('\n')}`);
}

/** Writes exactly one JSON object and a newline on stdout; the process then ends with `code`. */
export function answer(rules, value, code) {
  process.exitCode = code;
  process.stdout.write(`${rules.stringifyExactJson(value)}\n`);
}

function main() {
  try {
    const rules = loadVoteRules();
    const input = readJsonArgument('tally', rules);
    const outcome = rules.tallyVote(input);
    if (!outcome.ok) failWithIssues('tally', outcome.issues);
    answer(rules, outcome.tally, 0);
  } catch (error) {
    fail('tally', `internal error: ${error?.stack ?? error}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
