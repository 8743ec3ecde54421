/**
 * @see #14 The audit trail on PostgreSQL: a write command's event committed in its transaction (none
 * for one that rolled back), batched read events, and LookupEvents over them, through the AWS SDKs.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateUserCommand, GetUserCommand } from '@aws-sdk/client-iam';
import { scratchDatabase } from '../support/nodes.js';
import { startTestServer } from '../support/server.js';
import { requirePostgres } from '../support/tools.js';
import { awsClient, rootKeys } from '../conformance/aws/support.js';

describe('audit trail on PostgreSQL', () => {
  it('commits write events with their change and serves LookupEvents', async (t) => {
    const adminUrl = requirePostgres(t);
    if (!adminUrl) return;
    const database = await scratchDatabase(adminUrl, 'audit_trail');
    const server = await startTestServer({ databaseUrl: database.url, masterKey: randomBytes(32).toString('base64') });
    try {
      const iam = awsClient(server, rootKeys(server));
      await iam.send(new CreateUserCommand({ UserName: 'pg-audited' }));
      // written in the transaction: in the table before any flush of the batching sink
      const inTable = await server.polyiam.store.db.selectFrom('audit_events').selectAll().where('resource', '=', 'user/pg-audited').execute();
      assert.equal(inTable.length, 1);
      assert.equal(inTable[0]!.outcome, 'success');
      assert.equal(Number(inTable[0]!.read_only), 0);
      // a conflict rolls back: only its (batched) failure event
      await iam.send(new CreateUserCommand({ UserName: 'pg-audited' })).catch(() => undefined);
      await iam.send(new GetUserCommand({ UserName: 'pg-audited' }));
      await server.polyiam.services.audit.flush();
      const trail = new CloudTrailClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: server.root.root.access_key_id, secretAccessKey: server.root.root.secret_access_key }, maxAttempts: 1 });
      const out = await trail.send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'ResourceName', AttributeValue: 'pg-audited' }] }));
      assert.deepEqual(out.Events!.map((e) => [e.EventName, JSON.parse(e.CloudTrailEvent!).errorCode ?? 'ok']), [['GetUser', 'ok'], ['CreateUser', 'EntityAlreadyExistsException'], ['CreateUser', 'ok']]);
      const page = await trail.send(new LookupEventsCommand({ MaxResults: 1, LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] }));
      assert.equal(page.Events!.length, 1);
      const next = await trail.send(new LookupEventsCommand({ MaxResults: 1, NextToken: page.NextToken!, LookupAttributes: [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }] }));
      assert.notEqual(next.Events![0]!.EventId, page.Events![0]!.EventId);
      assert.ok((await server.polyiam.auditRetention.runOnce()) === 0);
    } finally {
      await server.close();
      await database.drop();
    }
  });
});
