/** @see #11 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { consecutiveCodes } from '../../support/totp.js';
import { AWS, awsCli, fails, ok } from './cli.js';
import { rootKeys } from './support.js';

describe('aws virtual MFA devices through the aws CLI', () => {
  let server: TestServer;
  const cli = awsCli(() => server.url);
  const dir = mkdtempSync(join(tmpdir(), 'polyiam-mfa-cli-'));

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('create-virtual-mfa-device writes the seed and the QR PNG; enable, list, deactivate, delete', async (t) => {
    if (!requireTool(t, AWS)) return;
    const keys = rootKeys(server);
    ok(await cli('iam', keys, 'create-user', '--user-name', 'cli-user'));
    const seedFile = join(dir, 'seed.txt');
    const created = ok(await cli('iam', keys, 'create-virtual-mfa-device', '--virtual-mfa-device-name', 'cli-user', '--outfile', seedFile, '--bootstrap-method', 'Base32StringSeed'));
    const serial = (created.VirtualMFADevice as { SerialNumber: string }).SerialNumber;
    const seed = readFileSync(seedFile, 'ascii');
    assert.match(seed, /^[A-Z2-7]{32}$/);
    const pngFile = join(dir, 'qr.png');
    ok(await cli('iam', keys, 'create-virtual-mfa-device', '--virtual-mfa-device-name', 'other', '--outfile', pngFile, '--bootstrap-method', 'QRCodePNG'));
    assert.equal(readFileSync(pngFile).subarray(1, 4).toString('ascii'), 'PNG');
    fails(await cli('iam', keys, 'enable-mfa-device', '--user-name', 'cli-user', '--serial-number', serial, '--authentication-code1', '000000', '--authentication-code2', '000000'), 'InvalidAuthenticationCode');
    const [first, second] = consecutiveCodes(seed, server.polyiam.testClock!.now());
    ok(await cli('iam', keys, 'enable-mfa-device', '--user-name', 'cli-user', '--serial-number', serial, '--authentication-code1', first, '--authentication-code2', second));
    const listed = ok(await cli('iam', keys, 'list-mfa-devices', '--user-name', 'cli-user'));
    assert.deepEqual((listed.MFADevices as { SerialNumber: string }[]).map((d) => d.SerialNumber), [serial]);
    const assigned = ok(await cli('iam', keys, 'list-virtual-mfa-devices', '--assignment-status', 'Assigned'));
    assert.equal((assigned.VirtualMFADevices as { User: { UserName: string } }[])[0]?.User.UserName, 'cli-user');
    fails(await cli('iam', keys, 'delete-virtual-mfa-device', '--serial-number', serial), 'DeleteConflict');
    ok(await cli('iam', keys, 'deactivate-mfa-device', '--user-name', 'cli-user', '--serial-number', serial));
    ok(await cli('iam', keys, 'delete-virtual-mfa-device', '--serial-number', serial));
    // awscli 2.9 predates get-mfa-device: the list shows the device gone
    const left = ok(await cli('iam', keys, 'list-virtual-mfa-devices'));
    assert.deepEqual((left.VirtualMFADevices as { SerialNumber: string }[]).map((d) => d.SerialNumber.split('/').pop()), ['other']);
  });
});
