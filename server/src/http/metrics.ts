import type { Middleware } from 'koa';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AppState } from './context';

/** Prometheus metrics of one app instance (its own registry, so tests can build many apps). */
export function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'yishi' });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'yishi_http_requests_total',
    help: 'HTTP requests answered, by operation and status',
    labelNames: ['method', 'operation', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'yishi_http_request_duration_seconds',
    help: 'HTTP request duration in seconds, by operation',
    labelNames: ['method', 'operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  // The labelled children, kept: looking a child up by its labels hashes them on every call.
  const timers = new Map<string, { observe(seconds: number): void }>();
  const counters = new Map<string, { inc(): void }>();

  /** Times every request; the label is the matched operationId (or `static` / `unmatched`). */
  const middleware: Middleware<AppState> = async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const operation = ctx.state.operationId ?? (ctx.path.startsWith('/api') ? 'unmatched' : 'static');
      const method = ctx.method;
      const key = `${method} ${operation}`;
      let timer = timers.get(key);
      if (!timer) {
        timer = duration.labels({ method, operation });
        timers.set(key, timer);
      }
      timer.observe(Number(process.hrtime.bigint() - started) / 1e9);
      const status = String(ctx.status);
      let counter = counters.get(`${key} ${status}`);
      if (!counter) {
        counter = requests.labels({ method, operation, status });
        counters.set(`${key} ${status}`, counter);
      }
      counter.inc();
    }
  };
  return { registry, middleware };
}
