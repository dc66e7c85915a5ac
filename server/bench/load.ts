import os from 'node:os';

/**
 * A closed-loop load generator for the benchmarks: `concurrency` workers each
 * send a request, wait for the whole body, and send the next, timing each with
 * hrtime. Warm-up requests are sent first and not counted.
 */

export interface LatencyStats {
  requests: number;
  errors: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  requestsPerSecond: number;
}

export interface LoadOptions {
  requests: number;
  warmup: number;
  concurrency: number;
  /** The URL of the i-th request (so requests can vary, e.g. random cursors). */
  url: (i: number) => string;
  /** Checks a response body; a false answer counts as an error. */
  check?: (status: number, body: string) => boolean;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

async function drive(
  count: number,
  options: LoadOptions,
  record: boolean,
): Promise<{ times: number[]; errors: number }> {
  const times: number[] = [];
  let errors = 0;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const url = options.url(i);
      const started = process.hrtime.bigint();
      let ok = false;
      try {
        const res = await fetch(url);
        const body = await res.text();
        ok = res.ok && (options.check?.(res.status, body) ?? true);
      } catch {
        ok = false;
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (record) times.push(ms);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { times, errors };
}

/** Sends `warmup` uncounted requests, then `requests` timed ones. */
export async function runLoad(options: LoadOptions): Promise<LoadSample> {
  await drive(options.warmup, options, false);
  const started = process.hrtime.bigint();
  const { times, errors } = await drive(options.requests, options, true);
  return { times, errors, elapsedMs: Number(process.hrtime.bigint() - started) / 1e6 };
}

/** Raw timings of one or more runs of the same requests. */
export interface LoadSample {
  times: number[];
  errors: number;
  elapsedMs: number;
}

export function mergeSamples(samples: LoadSample[]): LoadSample {
  return {
    times: samples.flatMap((s) => s.times),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    elapsedMs: samples.reduce((a, s) => a + s.elapsedMs, 0),
  };
}

export function latencyStats(sample: LoadSample): LatencyStats {
  const { times, errors, elapsedMs } = sample;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    requests: times.length,
    errors,
    p50Ms: round(percentile(sorted, 50)),
    p90Ms: round(percentile(sorted, 90)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    meanMs: round(times.reduce((a, b) => a + b, 0) / Math.max(1, times.length)),
    requestsPerSecond: Math.round((times.length / elapsedMs) * 1000),
  };
}

export function machineInfo(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMb: Math.round(os.totalmem() / 2 ** 20),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

/** A fixed-width text table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, c) => Math.max(...cells.map((r) => [...(r[c] ?? '')].length)));
  const line = (r: string[]) =>
    r.map((v, c) => v.padStart(c === 0 ? 0 : widths[c]!).padEnd(c === 0 ? widths[c]! : 0)).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}
