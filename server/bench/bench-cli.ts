import 'reflect-metadata';
import { runFeedBench } from './feed-bench';
import { runLiveBench } from './live-bench';
import { runVotesBench } from './votes-bench';

/**
 * `npm run bench -- <name> [options]`: the load benchmarks of QUALITY.md.
 * Each prints a table and writes JSON (figures, ratios, machine info).
 */
const BENCHMARKS: Record<string, { summary: string; run: (args: string[]) => Promise<boolean> }> = {
  feed: { summary: 'P3 flat reads: community feed p99 at 1,000,000 topics vs 10,000 (MariaDB)', run: runFeedBench },
  votes: {
    summary: 'P1 vote storm: the ballot endpoint vs a bare mysql2 single-INSERT endpoint, 50 connections (MariaDB)',
    run: runVotesBench,
  },
  live: {
    summary:
      'P2/P6 live fan-out: 2,000 WebSocket subscribers while 500 ballots/s arrive, one process and two with Redis',
    run: runLiveBench,
  },
};

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  const bench = name ? BENCHMARKS[name] : undefined;
  if (!bench) {
    console.error('Usage: npm run bench -- <name> [options]\n');
    for (const [key, b] of Object.entries(BENCHMARKS)) console.error(`  ${key.padEnd(8)} ${b.summary}`);
    return 2;
  }
  return (await bench.run(args)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
