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

  /** Times every request; the label is the matched operationId (or `static` / `unmatched`). */
  const middleware: Middleware<AppState> = async (ctx, next) => {
    const end = duration.startTimer();
    try {
      await next();
    } finally {
      const operation = ctx.state.operationId ?? (ctx.path.startsWith('/api') ? 'unmatched' : 'static');
      end({ method: ctx.method, operation });
      requests.inc({ method: ctx.method, operation, status: String(ctx.status) });
    }
  };
  return { registry, middleware };
}
