/**
 * @see #14 Credential reports are stored (migration 0018), not kept per node: on two PostgreSQL nodes
 * the report one generated is the one the other serves, with AWS's four-hour reuse; of two nodes
 * generating at once only one builds; a generation in progress answers ReportInProgress (the SDK's
 * CredentialReportNotReadyException, 404).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { systemContext } from '../../src/core/principal.js';
import { KyselyCredentialReportStore } from '../../src/store/credential-reports.js';
import { openNode, scratchDatabase } from '../support/nodes.js';
import { startTestServer } from '../support/server.js';
import { requirePostgres } from '../support/tools.js';
import { awsClient, expectAwsError, rootKeys } from '../conformance/aws/support.js';

const HOUR = 3_600_000;

describe('stored credential reports', () => {
  it('two PostgreSQL nodes serve the same report and one generation', async (t) => {
    const adminUrl = requirePostgres(t);
    if (!adminUrl) return;
    const database = await scratchDatabase(adminUrl, 'credential_reports');
    const masterKey = randomBytes(32).toString('base64');
    const a = await openNode(database.url, masterKey);
    const b = await openNode(database.url, masterKey);
    try {
      const created = await a.services.accounts.create('reports-two-nodes');
      const ctx = systemContext(created.account.id, created.root.id, created.root.name);
      assert.equal(await b.services.accountReports.getCredentialReport(ctx), 'absent');
      assert.equal(await a.services.accountReports.generateCredentialReport(ctx), 'STARTED');
      // B generated nothing, yet reuses A's report for four hours
      assert.equal(await b.services.accountReports.generateCredentialReport(ctx), 'COMPLETE');
      const fromA = await a.services.accountReports.getCredentialReport(ctx);
      const fromB = await b.services.accountReports.getCredentialReport(ctx);
      assert.ok(typeof fromB === 'object');
      assert.deepEqual(fromB, fromA);
      assert.equal(fromB.rows[0]!.user.isRoot, true);

      // two nodes claiming at once: the database lets one build
      const other = await a.services.accounts.create('reports-race');
      const stores = [new KyselyCredentialReportStore(a.store.db), new KyselyCredentialReportStore(b.store.db)];
      const now = Date.now();
      const claims = await Promise.all(stores.map((s) => s.claim(other.account.id, now, now - 4 * HOUR, now - 300_000)));
      assert.deepEqual(claims.filter(Boolean).length, 1);
      // the other node sees the generation in progress
      const otherCtx = systemContext(other.account.id, other.root.id, other.root.name);
      assert.equal(await b.services.accountReports.getCredentialReport(otherCtx), 'in-progress');
      assert.equal(await b.services.accountReports.generateCredentialReport(otherCtx), 'STARTED');
      await stores[0]!.complete(other.account.id, now, now, '[]');
      assert.deepEqual(await a.services.accountReports.getCredentialReport(otherCtx), { generatedAt: now, rows: [] });
      // a completed report is not claimed again within four hours
      assert.equal(await stores[1]!.claim(other.account.id, now + 1, now + 1 - 4 * HOUR, now + 1 - 300_000), false);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await database.drop();
    }
  });

  it('answers ReportInProgress while a generation runs, and takes over one abandoned for five minutes', async () => {
    const server = await startTestServer();
    try {
      const store = new KyselyCredentialReportStore(server.polyiam.store.db);
      const now = server.polyiam.services.clock.now();
      assert.equal(await store.claim(server.root.account.id, now, now - 4 * HOUR, now - 300_000), true);
      const iam = awsClient(server, rootKeys(server));
      await expectAwsError(iam.send(new GetCredentialReportCommand({})), 'CredentialReportNotReadyException', 404);
      const reports = server.polyiam.services.accountReports;
      const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
      assert.equal(await reports.generateCredentialReport(ctx), 'STARTED', 'in progress elsewhere: nothing new begins');
      assert.equal(await reports.getCredentialReport(ctx), 'in-progress');
      // the generating node died: five minutes on, the next request generates
      server.polyiam.testClock!.advance(6 * 60_000);
      assert.equal(await reports.getCredentialReport(ctx), 'absent');
      assert.equal(await reports.generateCredentialReport(ctx), 'STARTED');
      const report = await reports.getCredentialReport(ctx);
      assert.ok(typeof report === 'object' && report.rows.length >= 1);
    } finally {
      await server.close();
    }
  });
});
