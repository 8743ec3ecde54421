import type { FastifyInstance, onResponseHookHandler } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics on `GET /metrics`: request counts and latency by dialect route and status. Labels
 * use the route pattern, never the raw URL, so ids and query strings (which can carry signatures) never
 * become label values.
 */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'polyiam_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'polyiam_http_request_duration_seconds',
    help: 'HTTP request latency by method and route',
    labelNames: ['method', 'route'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // Each route records through label children made once for it (prom-client would otherwise hash the
  // label set on every call); requests no route matched are counted under `unmatched`.
  const recorderFor = (method: string, route: string) => {
    const timer = duration.labels(method, route);
    const byStatus = new Map<number, Counter.Internal>();
    return (status: number, elapsedMs: number) => {
      let counter = byStatus.get(status);
      if (counter === undefined) byStatus.set(status, (counter = requests.labels(method, route, String(status))));
      counter.inc();
      timer.observe(elapsedMs / 1000);
    };
  };
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const recorders = new Map(methods.map((method) => [method, recorderFor(method, route.url)]));
    const record: onResponseHookHandler = (request, reply, done) => {
      recorders.get(request.method)?.(reply.statusCode, reply.elapsedTime);
      done();
    };
    route.onResponse = route.onResponse === undefined ? [record] : [...(Array.isArray(route.onResponse) ? route.onResponse : [route.onResponse]), record];
  });
  const unmatched = new Map<string, ReturnType<typeof recorderFor>>();
  app.addHook('onResponse', (request, reply, done) => {
    if (request.is404) {
      let record = unmatched.get(request.method);
      if (record === undefined) unmatched.set(request.method, (record = recorderFor(request.method, 'unmatched')));
      record(reply.statusCode, reply.elapsedTime);
    }
    done();
  });
  app.get('/metrics', async (_request, reply) => reply.header('content-type', registry.contentType).send(await registry.metrics()));
  return registry;
}

/** What a node sent to and heard from other nodes on a shared database (store/change-notify.ts `ChangeNotifyStats`). */
export interface ChangeNotifyCounters {
  notificationsReceived: number;
  changesApplied: number;
  ignored: Record<string, number>;
  changesSent: number;
  sendFailures: number;
  listenerLosses: number;
  fallbackPolls: number;
  resets: number;
  listening: boolean;
}

/**
 * Cross-node invalidation on `/metrics`: read from the notifier's counters at scrape time, so hearing a
 * notification costs an increment and nothing more. `polyiam_change_notifications_ignored_total` counts
 * what was left out by reason (`malformed`, `unknown-kind`, `other-database`).
 */
export function registerChangeNotifyMetrics(registry: Registry, stats: ChangeNotifyCounters): void {
  const counter = (name: string, help: string, read: () => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  counter('polyiam_change_notifications_received_total', 'notifications heard on the listening connection', () => stats.notificationsReceived);
  counter('polyiam_change_drops_applied_total', 'cache drops applied for other nodes’ changes (notified or polled)', () => stats.changesApplied);
  counter('polyiam_changes_announced_total', 'changes this node announced to the others', () => stats.changesSent);
  counter('polyiam_change_announce_failures_total', 'changes that could not be announced (database unreachable)', () => stats.sendFailures);
  counter('polyiam_change_listener_losses_total', 'times the listening connection was lost', () => stats.listenerLosses);
  counter('polyiam_change_fallback_polls_total', 'polls of change_log while the listening connection was lost', () => stats.fallbackPolls);
  counter('polyiam_change_cache_resets_total', 'whole-cache drops after the listening connection came back', () => stats.resets);
  new Counter({
    name: 'polyiam_change_notifications_ignored_total',
    help: 'notification entries ignored, by reason',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [reason, count] of Object.entries(stats.ignored)) this.inc({ reason }, count);
    },
  });
  new Gauge({
    name: 'polyiam_change_listener_up',
    help: '1 while the listening connection is up, 0 while the node falls back to polling',
    registers: [registry],
    collect() {
      this.set(stats.listening ? 1 : 0);
    },
  });
}
