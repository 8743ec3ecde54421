/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  DeactivateMFADeviceCommand,
  DeleteVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  GetMFADeviceCommand,
  ListMFADevicesCommand,
  ListMFADeviceTagsCommand,
  ListVirtualMFADevicesCommand,
  ResyncMFADeviceCommand,
  TagMFADeviceCommand,
  UntagMFADeviceCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { codeAt, consecutiveCodes } from '../../support/totp.js';
import { awsClient, createUserWithKey, expectAwsError, ISO, rootKeys } from './support.js';

describe('aws virtual MFA devices through @aws-sdk/client-iam', () => {
  let server: TestServer;
  let client: IAMClient;
  let serial: string;
  let seed: string;
  const now = () => server.polyiam.testClock!.now();

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
    await client.send(new CreateUserCommand({ UserName: 'mia' }));
  });
  after(() => server.close());

  it('CreateVirtualMFADevice returns the serial ARN, the base32 seed and a PNG QR code, once', async () => {
    const { VirtualMFADevice } = await client.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'mia-phone', Tags: [{ Key: 'team', Value: 'blue' }] }));
    serial = VirtualMFADevice!.SerialNumber!;
    assert.match(serial, /^arn:aws:iam::\d{12}:mfa\/mia-phone$/);
    seed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    assert.match(seed, /^[A-Z2-7]{32}$/);
    assert.equal(Buffer.from(VirtualMFADevice!.QRCodePNG!).subarray(1, 4).toString('ascii'), 'PNG');
    const { VirtualMFADevices } = await client.send(new ListVirtualMFADevicesCommand({}));
    assert.equal(VirtualMFADevices?.[0]?.Base32StringSeed, undefined, 'never shown again');
    assert.equal(server.logs.join('').includes(seed), false, 'never logged');
    await expectAwsError(client.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'MIA-PHONE' })), 'EntityAlreadyExistsException', 409);
    await expectAwsError(client.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'bad name!' })), 'ValidationError', 400);
  });

  it('EnableMFADevice with two consecutive codes; wrong, reversed or malformed codes are InvalidAuthenticationCode and change nothing', async () => {
    const [first, second] = consecutiveCodes(seed, now());
    await expectAwsError(client.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: serial, AuthenticationCode1: second, AuthenticationCode2: first })), 'InvalidAuthenticationCodeException', 403, 'Authentication code for device is not valid.');
    await expectAwsError(client.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: serial, AuthenticationCode1: '12345', AuthenticationCode2: second })), 'ValidationError', 400);
    await expectAwsError(client.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: `${serial}x`, AuthenticationCode1: first, AuthenticationCode2: second })), 'NoSuchEntityException', 404);
    await expectAwsError(client.send(new EnableMFADeviceCommand({ UserName: 'ghost', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second })), 'NoSuchEntityException', 404);
    assert.deepEqual((await client.send(new ListMFADevicesCommand({ UserName: 'mia' }))).MFADevices, []);
    await client.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second }));
    const { MFADevices } = await client.send(new ListMFADevicesCommand({ UserName: 'mia' }));
    assert.equal(MFADevices?.length, 1);
    assert.equal(MFADevices?.[0]?.SerialNumber, serial);
    assert.equal(MFADevices?.[0]?.UserName, 'mia');
    assert.ok(MFADevices?.[0]?.EnableDate instanceof Date);
    await expectAwsError(client.send(new EnableMFADeviceCommand({ UserName: 'mia', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second })), 'EntityAlreadyExistsException', 409);
  });

  it('GetMFADevice, ListVirtualMFADevices by AssignmentStatus, device tags', async () => {
    const got = await client.send(new GetMFADeviceCommand({ SerialNumber: serial }));
    assert.equal(got.UserName, 'mia');
    assert.equal(got.SerialNumber, serial);
    await client.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'spare' }));
    const assigned = await client.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned' }));
    assert.deepEqual(assigned.VirtualMFADevices?.map((d) => [d.SerialNumber, d.User?.UserName]), [[serial, 'mia']]);
    assert.ok(assigned.VirtualMFADevices?.[0]?.EnableDate instanceof Date);
    const unassigned = await client.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Unassigned' }));
    assert.deepEqual(unassigned.VirtualMFADevices?.map((d) => d.SerialNumber?.split('/').pop()), ['spare']);
    assert.equal((await client.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices?.length, 2);
    await client.send(new TagMFADeviceCommand({ SerialNumber: serial, Tags: [{ Key: 'env', Value: 'prod' }] }));
    await client.send(new UntagMFADeviceCommand({ SerialNumber: serial, TagKeys: ['team'] }));
    assert.deepEqual((await client.send(new ListMFADeviceTagsCommand({ SerialNumber: serial }))).Tags, [{ Key: 'env', Value: 'prod' }]);
  });

  it('ResyncMFADevice accepts the codes of a drifted device once', async () => {
    const [first, second] = consecutiveCodes(seed, now() + 5 * 30_000);
    await client.send(new ResyncMFADeviceCommand({ UserName: 'mia', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second }));
    await expectAwsError(client.send(new ResyncMFADeviceCommand({ UserName: 'mia', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second })), 'InvalidAuthenticationCodeException', 403);
  });

  it('DeleteVirtualMFADevice refuses an enabled device; DeactivateMFADevice then delete', async () => {
    await expectAwsError(client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), 'DeleteConflictException', 409);
    await client.send(new DeactivateMFADeviceCommand({ UserName: 'mia', SerialNumber: serial }));
    await expectAwsError(client.send(new DeactivateMFADeviceCommand({ UserName: 'mia', SerialNumber: serial })), 'NoSuchEntityException', 404);
    await client.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: serial }));
    await expectAwsError(client.send(new GetMFADeviceCommand({ SerialNumber: serial })), 'NoSuchEntityException', 404, `VirtualMFADevice with serial number ${serial} doesn't exist.`);
  });

  it('a user manages its own device under the AWS ${aws:username} policy, and no one else\'s', async () => {
    const keys = await createUserWithKey(client, 'sam');
    await client.send(new CreateUserCommand({ UserName: 'tom' }));
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'OwnVirtualDevice', Effect: 'Allow', Action: ['iam:CreateVirtualMFADevice', 'iam:DeleteVirtualMFADevice'], Resource: 'arn:aws:iam::*:mfa/${aws:username}' },
        { Sid: 'OwnUserMfa', Effect: 'Allow', Action: ['iam:EnableMFADevice', 'iam:DeactivateMFADevice', 'iam:ListMFADevices', 'iam:ResyncMFADevice'], Resource: 'arn:aws:iam::*:user/${aws:username}' },
      ],
    });
    const { Policy } = await client.send(new CreatePolicyCommand({ PolicyName: 'ManageOwnMfa', PolicyDocument: document }));
    await client.send(new AttachUserPolicyCommand({ UserName: 'sam', PolicyArn: Policy!.Arn! }));
    const sam = awsClient(server, keys);
    await expectAwsError(sam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'tom' })), 'AccessDenied', 403);
    const { VirtualMFADevice } = await sam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'sam' }));
    const samSeed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const [first, second] = consecutiveCodes(samSeed, now());
    await expectAwsError(sam.send(new EnableMFADeviceCommand({ UserName: 'tom', SerialNumber: VirtualMFADevice!.SerialNumber!, AuthenticationCode1: first, AuthenticationCode2: second })), 'AccessDenied', 403);
    await sam.send(new EnableMFADeviceCommand({ UserName: 'sam', SerialNumber: VirtualMFADevice!.SerialNumber!, AuthenticationCode1: first, AuthenticationCode2: second }));
    assert.equal((await sam.send(new ListMFADevicesCommand({}))).MFADevices?.[0]?.UserName, 'sam');
    // the device serves sam's login protection: a second factor at sign-in
    server.polyiam.testClock!.advance(30_000);
    await server.polyiam.services.loginProtection.update(await rootContext(server), { name: 'sam' }, { enabled: true, method: 'vmfa' });
    const { PlainPassword } = await import('../../../src/core/secrets.js');
    const started = await server.polyiam.services.credentials.signIn({ accountId: server.root.account.id, user: { name: 'sam' }, password: new PlainPassword('Us3r-Passw0rd!'), sourceIp: null });
    assert.equal(started.outcome, 'second-factor-required');
    const done = await server.polyiam.services.credentials.completeSignIn({ accountId: server.root.account.id, challengeId: started.challenge!.id, code: codeAt(samSeed, now()), sourceIp: null });
    assert.equal(done.outcome, 'ok');
    assert.ok(ISO.test(new Date(done.mfaAuthenticatedAt!).toISOString()));
  });
});

async function rootContext(server: TestServer) {
  const { systemContext } = await import('../../../src/core/principal.js');
  return systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
}
