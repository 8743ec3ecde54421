/**
 * @see #13
 * AssumeRole stores nothing (the session lives in its sealed token), so its audit event is batched as a
 * read's is and no answer waits for a flush of its own: the change of issue #13's performance work,
 * checked through @aws-sdk/client-sts and @aws-sdk/client-cloudtrail. An AssumeRole that spends an MFA
 * code writes that code's step, and its event is stored before the answer, as every write's is.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CreateRoleCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import type { AuditEvent } from '../../../src/core/audit/audit-event.js';
import { KyselyAuditSink } from '../../../src/store/audit-sink.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { codeAt, consecutiveCodes } from '../../support/totp.js';
import { awsClient, createUserWithKey, rootKeys, type Keys } from '../aws/support.js';
import { stsClient, trust } from './support.js';

const ASSUME = 'sts:agencies:assume';

describe('the audit event of AssumeRole', () => {
  let server: TestServer;
  let acct: string;
  let alice: Keys;
  let serial: string;
  let seed: string;
  /** AssumeRole events as the sink was handed them: batched (`record`) or stored before the answer (`writeNow`) */
  let seen: { batched: AuditEvent[]; stored: AuditEvent[] };
  const originals = { record: KyselyAuditSink.prototype.record, writeNow: KyselyAuditSink.prototype.writeNow };

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(iam, 'alice');
    await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
    serial = VirtualMFADevice!.SerialNumber!;
    seed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const [first, second] = consecutiveCodes(seed, server.polyiam.testClock!.now());
    await iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second }));
  });
  beforeEach(() => {
    seen = { batched: [], stored: [] };
    KyselyAuditSink.prototype.record = function (this: KyselyAuditSink, event: AuditEvent) {
      if (event.action === ASSUME) seen.batched.push(event);
      return originals.record.call(this, event);
    };
    KyselyAuditSink.prototype.writeNow = function (this: KyselyAuditSink, event: AuditEvent) {
      if (event.action === ASSUME) seen.stored.push(event);
      return originals.writeNow.call(this, event);
    };
  });
  afterEach(() => Object.assign(KyselyAuditSink.prototype, originals));
  after(() => server.close());

  it('without MFA: batched with the reads, no write of its own, and found by LookupEvents after the flush', async () => {
    const out = await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/reader`, RoleSessionName: 'batched' }));
    assert.ok(out.Credentials?.SessionToken);
    assert.equal(seen.stored.length, 0);
    assert.equal(seen.batched.length, 1);
    assert.equal(seen.batched[0]!.outcome, 'success');
    await server.polyiam.services.audit.flush();
    const { Events } = await trail(server).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] }));
    assert.equal(Events?.length, 1);
    assert.equal(Events![0]!.Username, 'alice');
  });

  it('with an MFA code: the code is spent, so the event is stored before the answer, never only batched', async () => {
    server.polyiam.testClock!.advance(30_000);
    const code = codeAt(seed, server.polyiam.testClock!.now());
    await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/reader`, RoleSessionName: 'with-mfa', SerialNumber: serial, TokenCode: code }));
    assert.equal(seen.batched.length, 0);
    // not batched, so stored by the time of the answer (in the spend's transaction, or on its own): no flush asked
    const { Events } = await trail(server).send(new LookupEventsCommand({ LookupAttributes: [{ AttributeKey: 'EventName', AttributeValue: 'AssumeRole' }] }));
    assert.equal(Events?.filter((e) => e.CloudTrailEvent!.includes('"with-mfa"')).length, 1);
  });
});

const trail = (server: TestServer) =>
  new CloudTrailClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: server.root.root.access_key_id, secretAccessKey: server.root.root.secret_access_key }, maxAttempts: 1 });
