import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { AuditEvent } from '../../../src/core/audit/audit-event.js';
import type { AuditSink } from '../../../src/core/ports.js';
import { buildAuditEvent } from '../../../src/core/testing/builders.js';
import { sleep } from './harness.js';

export interface AuditHandle {
  sink: AuditSink;
  /** every stored event, oldest first */
  events(): Promise<AuditEvent[]>;
  close(): Promise<void>;
}

/** `intervalMs` and `maxBatch` tune the sink's batching where the backend has any. */
export type AuditFactory = (options: { intervalMs: number; maxBatch: number }) => Promise<AuditHandle>;

async function withSink(factory: AuditFactory, options: { intervalMs: number; maxBatch: number }, body: (h: AuditHandle) => Promise<void>): Promise<void> {
  const handle = await factory(options);
  try {
    await body(handle);
  } finally {
    await handle.close();
  }
}

const byTime = (a: AuditEvent, b: AuditEvent) => a.at - b.at;

export function auditSinkContract(factory: AuditFactory): void {
  describe('audit sink', () => {
    test('record then flush: every field of every event is stored', () =>
      withSink(factory, { intervalMs: 10_000, maxBatch: 500 }, async ({ sink, events }) => {
        const full = buildAuditEvent({ at: 1_700_000_000_001 });
        const sparse = buildAuditEvent({
          at: 1_700_000_000_002,
          accountId: null,
          resource: null,
          outcome: 'failed',
          errorKind: 'authentication-failed',
          reason: 'bad-signature',
          principalUserId: null,
          accessKeyId: 'AKIAEXAMPLEEXAMPLE00',
          sourceIp: null,
        });
        const denied = buildAuditEvent({ at: 1_700_000_000_003, outcome: 'denied', errorKind: 'access-denied', dialect: 'huawei-v5' });
        assert.equal(sink.record(full), undefined);
        sink.record(sparse);
        sink.record(denied);
        await sink.flush();
        assert.deepEqual((await events()).sort(byTime), [full, sparse, denied]);
      }));

    test('events reach the store without an explicit flush, within the interval', () =>
      withSink(factory, { intervalMs: 20, maxBatch: 500 }, async ({ sink, events }) => {
        const event = buildAuditEvent();
        sink.record(event);
        let stored: AuditEvent[] = [];
        for (let i = 0; i < 100 && stored.length === 0; i++) {
          await sleep(20);
          stored = await events();
        }
        assert.deepEqual(stored, [event]);
      }));

    test('more events than one batch are all stored, once each', () =>
      withSink(factory, { intervalMs: 10_000, maxBatch: 50 }, async ({ sink, events }) => {
        const recorded = Array.from({ length: 175 }, (_, i) => buildAuditEvent({ at: 1_700_000_000_000 + i }));
        for (const e of recorded) sink.record(e);
        await sink.flush();
        assert.deepEqual((await events()).sort(byTime), recorded);
      }));

    // The SQL sinks write a batch as several fixed-size statements (SQLite) or as column arrays
    // (PostgreSQL): every remainder of the split, and sizes on either side of each step
    test('batches of every size around the write steps are all stored, once each', () =>
      withSink(factory, { intervalMs: 10_000, maxBatch: 500 }, async ({ sink, events }) => {
        const recorded: AuditEvent[] = [];
        for (const size of [1, 2, 3, 4, 5, 15, 16, 17, 63, 64, 65, 84, 85, 127, 128, 149, 500]) {
          for (let i = 0; i < size; i++) {
            const event = buildAuditEvent({ at: 1_700_000_000_000 + recorded.length, errorKind: i % 3 === 0 ? 'not-found' : null, resource: i % 2 === 0 ? null : `user/u${i}` });
            recorded.push(event);
            sink.record(event);
          }
          await sink.flush();
        }
        assert.deepEqual((await events()).sort(byTime), recorded);
      }));

    test('text is stored verbatim: quotes, backslashes, braces, commas, the word NULL, empty, non-ASCII', () =>
      withSink(factory, { intervalMs: 10_000, maxBatch: 500 }, async ({ sink, events }) => {
        const awkward = ['a"b', 'c\\d', '{e,f}', 'NULL', 'null', '', ' padded ', '"', '\\', 'x\ny\tz', 'Ünïcödé 漢字 🙂', "it's"];
        const recorded = awkward.map((text, i) =>
          buildAuditEvent({ at: 1_700_000_000_000 + i, requestId: `req ${text}`, action: text, resource: text, reason: text, sourceIp: text, accessKeyId: text }),
        );
        for (const e of recorded) sink.record(e);
        await sink.flush();
        assert.deepEqual((await events()).sort(byTime), recorded);
      }));

    test('flush with nothing buffered resolves, and parallel flushes lose nothing', () =>
      withSink(factory, { intervalMs: 10_000, maxBatch: 500 }, async ({ sink, events }) => {
        await sink.flush();
        const recorded = Array.from({ length: 10 }, (_, i) => buildAuditEvent({ at: 2_000 + i }));
        const flushes: Promise<void>[] = [];
        for (const e of recorded) {
          sink.record(e);
          flushes.push(sink.flush());
        }
        await Promise.all(flushes);
        await sink.flush();
        assert.deepEqual((await events()).sort(byTime), recorded);
      }));
  });
}
