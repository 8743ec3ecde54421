/**
 * @see #13
 * MFA on STS through @aws-sdk/client-sts: AssumeRole and GetSessionToken with SerialNumber + TokenCode
 * of a virtual device made and enabled through @aws-sdk/client-iam; a trust policy requiring MFA, the
 * session's aws:MultiFactorAuthAge, AWS's refusals for wrong, reused or unknown-device codes, and what
 * GetSessionToken credentials may and may not call.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, ListUsersCommand, PutRolePolicyCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSServiceException, type Credentials } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { codeAt, consecutiveCodes } from '../../support/totp.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys, type Keys } from '../aws/support.js';
import { sessionIam, stsClient, trust } from './support.js';

async function expectStsError(promise: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof STSServiceException, String(err));
    assert.equal(err.name, name, `${err.name}: ${err.message}`);
    assert.equal(err.$metadata.httpStatusCode, status);
    if (message) assert.match(err.message, message);
    return true;
  });
}

const INVALID_CODE = /^MultiFactorAuthentication failed with invalid MFA one time pass code\.$/;
const UNKNOWN_DEVICE = /^MultiFactorAuthentication failed, unable to validate MFA code\./;
const keysOf = (c: Credentials): Keys => ({ ak: c.AccessKeyId!, sk: c.SecretAccessKey! });

describe('aws sts with MFA through the official SDK', () => {
  let server: TestServer;
  let acct: string;
  let alice: Keys;
  let serial: string;
  let seed: string;
  const clock = () => server.polyiam.testClock!;
  /** the next 30-second step's code: a code is accepted once, so each use needs a fresh one */
  const nextCode = () => {
    clock().advance(30_000);
    return codeAt(seed, clock().now());
  };

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(iam, 'alice');
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'alice-phone' }));
    serial = VirtualMFADevice!.SerialNumber!;
    seed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const [first, second] = consecutiveCodes(seed, clock().now());
    await iam.send(new EnableMFADeviceCommand({ UserName: 'alice', SerialNumber: serial, AuthenticationCode1: first, AuthenticationCode2: second }));
    // alice may list users only with MFA (her own policy); the role trusts her only with MFA
    await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'mfa-reads', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'guarded', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }, { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }) }));
    // the role reads users only within 5 minutes of the MFA check
    await iam.send(new PutRolePolicyCommand({ RoleName: 'guarded', PolicyName: 'fresh-mfa', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '300' } } }] }) }));
  });
  after(() => server.close());

  const assume = (keys: Keys, extra: Record<string, unknown> = {}, token?: string) =>
    stsClient(server, keys, token).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/guarded`, RoleSessionName: 'mfa-sess', ...extra }));

  it('AssumeRole: a trust policy requiring MFA refuses without a code; a wrong, reused or unknown-device code is AccessDenied with AWS\'s message', async () => {
    await expectStsError(assume(alice), 'AccessDenied', 403, /is not authorized to perform: sts:AssumeRole/);
    const good = nextCode();
    const wrong = good === '000000' ? '111111' : '000000';
    await expectStsError(assume(alice, { SerialNumber: serial, TokenCode: wrong }), 'AccessDenied', 403, INVALID_CODE);
    await expectStsError(assume(alice, { SerialNumber: `arn:aws:iam::${acct}:mfa/nobody-phone`, TokenCode: good }), 'AccessDenied', 403, UNKNOWN_DEVICE);
    await expectStsError(assume(alice, { SerialNumber: serial }), 'AccessDenied', 403, /must provide both MFA serial number and one time pass code/);
    await expectStsError(assume(alice, { SerialNumber: serial, TokenCode: '12345' }), 'ValidationError', 400);
    const out = await assume(alice, { SerialNumber: serial, TokenCode: good });
    assert.match(out.Credentials!.AccessKeyId!, /^ASIA/);
    // the same code again: spent
    await expectStsError(assume(alice, { SerialNumber: serial, TokenCode: good }), 'AccessDenied', 403, INVALID_CODE);
    // the root has no device of alice's: the serial is not associated with the caller
    await expectStsError(assume(rootKeys(server), { SerialNumber: serial, TokenCode: nextCode() }), 'AccessDenied', 403);
  });

  it('GetSessionToken without MFA: STS GetCallerIdentity works, IAM is InvalidClientTokenId, a second GetSessionToken is refused', async () => {
    const out = await stsClient(server, alice).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
    const expires = c.Expiration!.getTime() - clock().now();
    assert.ok(expires > 890_000 && expires <= 900_000, String(expires));
    const id = await stsClient(server, keysOf(c), c.SessionToken).send(new GetCallerIdentityCommand({}));
    assert.equal(id.Arn, `arn:aws:iam::${acct}:user/alice`);
    await expectAwsError(sessionIam(server, c).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
    await expectStsError(stsClient(server, keysOf(c), c.SessionToken).send(new GetSessionTokenCommand({})), 'AccessDenied', 403, /^Cannot call GetSessionToken with session credentials$/);
    // without MFA the trust policy still refuses AssumeRole made with these credentials
    await expectStsError(assume(keysOf(c), {}, c.SessionToken!), 'AccessDenied', 403);
  });

  it('GetSessionToken with MFA: the caller\'s own MFA-conditioned rights, and AssumeRole of an MFA-guarded role without a new code', async () => {
    const out = await stsClient(server, alice).send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: nextCode() }));
    const c = out.Credentials!;
    const expires = c.Expiration!.getTime() - clock().now();
    assert.ok(expires > 43_190_000 && expires <= 43_200_000, 'the default is 12 hours');
    const users = await sessionIam(server, c).send(new ListUsersCommand({}));
    assert.ok(users.Users!.some((u) => u.UserName === 'alice'));
    const chained = await assume(keysOf(c), {}, c.SessionToken!);
    await sessionIam(server, chained.Credentials!).send(new ListUsersCommand({}));
    // long-term keys without MFA: alice's own policy does not allow
    await expectAwsError(awsClient(server, alice).send(new ListUsersCommand({})), 'AccessDenied', 403);
  });

  it('GetSessionToken durations: under 900 or over 129600 is ValidationError; the root is held to one hour', async () => {
    await expectStsError(stsClient(server, alice).send(new GetSessionTokenCommand({ DurationSeconds: 899 })), 'ValidationError', 400);
    await expectStsError(stsClient(server, alice).send(new GetSessionTokenCommand({ DurationSeconds: 129_601 })), 'ValidationError', 400);
    const long = await stsClient(server, alice).send(new GetSessionTokenCommand({ DurationSeconds: 129_600 }));
    assert.ok(long.Credentials!.Expiration!.getTime() - clock().now() > 129_000_000);
    const root = await stsClient(server, rootKeys(server)).send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
    const expires = root.Credentials!.Expiration!.getTime() - clock().now();
    assert.ok(expires > 3_590_000 && expires <= 3_600_000, String(expires));
  });

  it('the assumed session carries aws:MultiFactorAuthAge from the code: past 5 minutes the role\'s condition no longer allows', async () => {
    const out = await assume(alice, { SerialNumber: serial, TokenCode: nextCode() });
    await sessionIam(server, out.Credentials!).send(new ListUsersCommand({}));
    const offset = clock().now() - Date.now() + 301_000;
    clock().advance(301_000);
    await expectAwsError(sessionIam(server, out.Credentials!, offset).send(new ListUsersCommand({})), 'AccessDenied', 403);
  });
});
