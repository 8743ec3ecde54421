import type { FastifyInstance, onResponseHookHandler } from 'fastify';
import { Counter, Gauge, type Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { cacheCounters } from '../core/caching/cache-stats.js';

interface HistogramValue {
  labels: Record<string, string | number>;
  value: number;
  metricName: string;
}

/**
 * A histogram by label set whose observation is three additions on arrays made once per series; it
 * exposes what prom-client's Registry reads of a metric (`name`, `help`, `type`, `get()`), so
 * `/metrics` prints it exactly as a prom-client Histogram (cumulative `_bucket` lines, `+Inf`, `_sum`, `_count`).
 */
export class RouteHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly all: Array<{ labels: Record<string, string>; buckets: number[]; sum: number; count: number }> = [];

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly bounds: number[],
  ) {}

  /** the observe function of one label set (call once per label set, keep the function) */
  series(labels: Record<string, string>): (value: number) => void {
    const entry = { labels, buckets: new Array<number>(this.bounds.length).fill(0), sum: 0, count: 0 };
    this.all.push(entry);
    const bounds = this.bounds;
    return (value) => {
      if (!Number.isFinite(value)) return;
      entry.sum += value;
      entry.count++;
      for (let i = 0; i < bounds.length; i++) {
        if (value <= bounds[i]!) {
          entry.buckets[i]!++;
          break;
        }
      }
    };
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: HistogramValue[] } {
    const values: HistogramValue[] = [];
    for (const { labels, buckets, sum, count } of this.all) {
      // as prom-client: a label set appears once observed
      if (count === 0) continue;
      let acc = 0;
      this.bounds.forEach((le, i) => {
        acc += buckets[i]!;
        values.push({ labels: { ...labels, le }, value: acc, metricName: `${this.name}_bucket` });
      });
      values.push({ labels: { ...labels, le: '+Inf' }, value: count, metricName: `${this.name}_bucket` });
      values.push({ labels, value: sum, metricName: `${this.name}_sum` });
      values.push({ labels, value: count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  reset(): void {
    for (const entry of this.all) {
      entry.buckets.fill(0);
      entry.sum = 0;
      entry.count = 0;
    }
  }
}

/**
 * Prometheus metrics on `GET /metrics`: request counts and latency by dialect route and status. Labels
 * use the route pattern, never the raw URL, so ids and query strings (which can carry signatures) never
 * become label values.
 */
export function registerMetrics(app: FastifyInstance): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // The request path only adds to plain numbers held per route (prom-client's labelled inc/observe
  // builds and hashes a label object on every call: 5-8% of a signed read's CPU in the #17 profiles);
  // the prom-client metrics read them when scraped.
  const counts: Array<{ labels: { method: string; route: string; status: string }; value: number }> = [];
  new Counter({
    name: 'polyiam_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
    collect() {
      this.reset();
      for (const { labels, value } of counts) this.inc(labels, value);
    },
  });
  registerCacheMetrics(registry);
  const duration = new RouteHistogram('polyiam_http_request_duration_seconds', 'HTTP request latency by method and route', [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]);
  registry.registerMetric(duration as unknown as Histogram);
  const recorderFor = (method: string, route: string) => {
    const observe = duration.series({ method, route });
    const byStatus = new Map<number, (typeof counts)[number]>();
    return (status: number, elapsedMs: number) => {
      let counter = byStatus.get(status);
      if (counter === undefined) {
        counter = { labels: { method, route, status: String(status) }, value: 0 };
        counts.push(counter);
        byStatus.set(status, counter);
      }
      counter.value++;
      observe(elapsedMs / 1000);
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

/**
 * The in-memory caches' hits, misses and evictions by cache (core/caching/cache-stats.ts), read at
 * scrape time; a hit ratio is `hits / (hits + misses)` (issue #17: caches bounded, hit ratios visible).
 */
function registerCacheMetrics(registry: Registry): void {
  const counter = (name: string, help: string, read: (c: ReturnType<typeof cacheCounters>[number]) => number) =>
    new Counter({
      name,
      help,
      labelNames: ['cache'],
      registers: [registry],
      collect() {
        this.reset();
        for (const c of cacheCounters()) this.inc({ cache: c.name }, read(c));
      },
    });
  counter('polyiam_cache_hits_total', 'reads answered from an in-memory cache, by cache', (c) => c.hits);
  counter('polyiam_cache_misses_total', 'reads an in-memory cache sent to the database, by cache', (c) => c.misses);
  counter('polyiam_cache_evictions_total', 'entries dropped to keep a cache within its bound, by cache', (c) => c.evictions);
}
