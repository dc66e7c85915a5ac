#!/usr/bin/env node
// `npm run --silent verify-log -- FILE`: verifies a vote's published ballot
// record (hash chain, receipt-hash order, head) with shared/src/votes/ballot-log.ts
// and re-counts it. Prints one JSON object on stdout:
//   exit 0  {"valid":true,"head","tally":…}          the record is sound
//   exit 1  {"valid":false,"firstBadSeq","reason"}   the chain, order or head is wrong
//   exit 2  nothing on stdout, a message on stderr   malformed input
// Hashes with node:crypto; the contract is in shared/src/votes/README.md.
import { createHash } from 'node:crypto';
import { answer, fail, failWithIssues, loadVoteRules, readJsonArgument } from './tally.mjs';

const sha256Hex = (text) => createHash('sha256').update(text, 'utf8').digest('hex');

try {
  const rules = loadVoteRules();
  const record = readJsonArgument('verify-log', rules);
  let verification;
  try {
    verification = rules.verifyLog(record, sha256Hex);
  } catch (error) {
    if (error instanceof rules.VoteInputError) failWithIssues('verify-log', error.issues);
    throw error;
  }
  answer(rules, verification, verification.valid ? 0 : 1);
} catch (error) {
  fail('verify-log', `internal error: ${error?.stack ?? error}`);
}
