/**
 * @see #14 AWS account reports through @aws-sdk/client-iam and the aws CLI: GenerateCredentialReport
 * (STARTED, then COMPLETE for four hours), GetCredentialReport (AWS's CSV columns; ReportNotPresent
 * before and ReportExpired after, which the SDK names Credential...Exception), GetAccountSummary.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GenerateCredentialReportCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
} from '@aws-sdk/client-iam';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { consecutiveCodes } from '../../support/totp.js';
import { AWS, awsCli } from './cli.js';
import { awsClient, expectAwsError, rootKeys, type Keys } from './support.js';

const HOUR = 3_600_000;

describe('AWS credential report and account summary', () => {
  let server: TestServer;
  let root: Keys;
  const cli = awsCli(() => server.url);
  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    const iam = awsClient(server, root);
    await iam.send(new CreateUserCommand({ UserName: 'report-alice' }));
    await iam.send(new CreateLoginProfileCommand({ UserName: 'report-alice', Password: 'Report-Passw0rd!' }));
    await iam.send(new CreateAccessKeyCommand({ UserName: 'report-alice' }));
    await iam.send(new CreateUserCommand({ UserName: 'report-bob' }));
    const device = (await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'report-alice-phone' }))).VirtualMFADevice!;
    const [code1, code2] = consecutiveCodes(Buffer.from(device.Base32StringSeed!).toString('utf8'), server.polyiam.services.clock.now());
    await iam.send(new EnableMFADeviceCommand({ UserName: 'report-alice', SerialNumber: device.SerialNumber!, AuthenticationCode1: code1, AuthenticationCode2: code2 }));
    await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare-phone' }));
  });
  after(() => server.close());

  it('reports ReportNotPresent, then STARTED, then COMPLETE, and the CSV with AWS columns', async () => {
    const iam = awsClient(server, root);
    await expectAwsError(iam.send(new GetCredentialReportCommand({})), 'CredentialReportNotPresentException', 410);
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'STARTED');
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
    const report = await iam.send(new GetCredentialReportCommand({}));
    assert.equal(report.ReportFormat, 'text/csv');
    assert.ok(report.GeneratedTime instanceof Date);
    const lines = Buffer.from(report.Content!).toString('utf8').split('\n');
    const header = lines[0]!.split(',');
    assert.deepEqual(header.slice(0, 11), ['user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date']);
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i]!, cell])));
    assert.equal(rows[0]!.user, '<root_account>');
    assert.match(rows[0]!.arn!, /^arn:aws:iam::\d{12}:root$/);
    assert.equal(rows[0]!.access_key_1_active, 'true');
    const alice = rows.find((r) => r.user === 'report-alice')!;
    assert.equal(alice.password_enabled, 'true');
    assert.match(alice.password_last_changed!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
    assert.equal(alice.password_next_rotation, 'N/A');
    assert.equal(alice.access_key_1_active, 'true');
    assert.equal(alice.access_key_2_active, 'false');
    assert.equal(alice.mfa_active, 'true');
    const bob = rows.find((r) => r.user === 'report-bob')!;
    assert.equal(bob.password_enabled, 'false');
    assert.equal(bob.access_key_1_active, 'false');
    assert.equal(bob.mfa_active, 'false');
  });

  it('answers GetAccountSummary with the SummaryMap keys', async () => {
    const summary = (await awsClient(server, root).send(new GetAccountSummaryCommand({}))).SummaryMap!;
    assert.equal(summary.Users, 2);
    assert.equal(typeof summary.Groups, 'number');
    assert.equal(summary.AccessKeysPerUserQuota, 2);
    assert.equal(summary.AccountAccessKeysPresent, 1);
    assert.deepEqual([summary.MFADevices, summary.MFADevicesInUse, summary.AccountMFAEnabled], [2, 1, 0]);
    assert.equal(typeof summary.PoliciesQuota, 'number');
  });

  it('aws iam generate-credential-report and get-credential-report', async (t) => {
    if (!requireTool(t, AWS)) return;
    const generated = await cli('iam', root, 'generate-credential-report');
    assert.equal(generated.code, 0, generated.stderr);
    assert.equal(generated.json!.State, 'COMPLETE');
    const got = await cli('iam', root, 'get-credential-report');
    assert.equal(got.code, 0, got.stderr);
    assert.match(Buffer.from(String(got.json!.Content), 'base64').toString('utf8'), /^user,arn,user_creation_time,password_enabled/);
  });

  it('a report expires after four hours; generating again starts a new one (the test clock moved)', async () => {
    const reports = server.polyiam.services.accountReports;
    const ctx = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    server.polyiam.testClock!.advance(4 * HOUR + 60_000);
    try {
      assert.equal(await reports.getCredentialReport(ctx), 'expired');
      assert.equal(await reports.generateCredentialReport(ctx), 'STARTED');
      assert.notEqual(await reports.getCredentialReport(ctx), 'expired');
    } finally {
      server.polyiam.testClock!.reset();
    }
  });
});
