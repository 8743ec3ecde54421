/**
 * @see #13
 * AWS STS AssumeRole through @aws-sdk/client-sts, then IAM and STS calls signed with the temporary
 * credentials (X-Amz-Security-Token) through the official SDKs; trust, session policies, expiry,
 * tampering, revocation and deletion.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttachRolePolicyCommand, CreateRoleCommand, DeleteRoleCommand, DetachRolePolicyCommand, GetRoleCommand, ListUsersCommand, PutUserPolicyCommand, DeleteUserCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSServiceException, type Credentials } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys, type Keys } from '../aws/support.js';
import { sessionIam, stsClient, trust } from './support.js';

const READ_USERS = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
const allowAssume = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });


async function expectStsError(promise: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err) => {
    assert.ok(err instanceof STSServiceException, String(err));
    assert.equal(err.name, name, `${err.name}: ${err.message}`);
    assert.equal(err.$metadata.httpStatusCode, status);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('aws sts AssumeRole through the official SDK', () => {
  let server: TestServer;
  let acct: string;
  let alice: Keys;
  let bob: Keys;

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(iam, 'alice');
    bob = await createUserWithKey(iam, 'bob');
    // bob may assume roles by his own policy; alice has no policy at all
    await iam.send(new PutUserPolicyCommand({ UserName: 'bob', PolicyName: 'assume', PolicyDocument: allowAssume }));
    await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: READ_USERS }));
    await iam.send(new CreateRoleCommand({ RoleName: 'account-trust', AssumeRolePolicyDocument: trust({ AWS: acct }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'account-trust', PolicyArn: READ_USERS }));
    await iam.send(new CreateRoleCommand({ RoleName: 'external', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }, { StringEquals: { 'sts:ExternalId': 'x-123' } }) }));
  });
  after(() => server.close());

  const assume = (keys: Keys, role: string, extra: Record<string, unknown> = {}) =>
    stsClient(server, keys).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/${role}`, RoleSessionName: 'sess-1', ...extra }));

  it('a user the trust policy names assumes the role; the session reads what the role allows, GetCallerIdentity names the session', async () => {
    const out = await assume(alice, 'reader', { DurationSeconds: 900 });
    const c = out.Credentials!;
    assert.match(c.AccessKeyId!, /^ASIA[A-Z0-9]{16}$/);
    assert.ok(c.Expiration! > new Date(Date.now() + 800_000) && c.Expiration! < new Date(Date.now() + 1_000_000));
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${acct}:assumed-role/reader/sess-1`);
    assert.match(out.AssumedRoleUser!.AssumedRoleId!, /^AROA[A-Z0-9]{17}:sess-1$/);
    const users = await sessionIam(server, c).send(new ListUsersCommand({}));
    assert.ok(users.Users!.some((u) => u.UserName === 'alice'));
    const id = await stsClient(server, { ak: c.AccessKeyId!, sk: c.SecretAccessKey! }, c.SessionToken).send(new GetCallerIdentityCommand({}));
    assert.deepEqual([id.Arn, id.Account, id.UserId], [`arn:aws:sts::${acct}:assumed-role/reader/sess-1`, acct, out.AssumedRoleUser!.AssumedRoleId]);
    // the role's policies do not allow writes: the session is refused, named as the session
    await expectAwsError(sessionIam(server, c).send(new DeleteUserCommand({ UserName: 'bob' })), 'AccessDenied', 403, new RegExp(`^User: arn:aws:sts::${acct}:assumed-role/reader/sess-1 is not authorized to perform: iam:DeleteUser`));
    const role = await awsClient(server, rootKeys(server)).send(new GetRoleCommand({ RoleName: 'reader' }));
    assert.ok(role.Role!.RoleLastUsed!.LastUsedDate instanceof Date);
    assert.equal(role.Role!.RoleLastUsed!.Region, 'us-east-1');
  });

  it('untrusted caller: AccessDenied naming the caller and the role; the root may not assume roles', async () => {
    await expectStsError(assume(bob, 'reader'), 'AccessDenied', 403, new RegExp(`^User: arn:aws:iam::${acct}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${acct}:role/reader`));
    await expectStsError(assume(alice, 'no-such-role'), 'AccessDenied', 403);
    await expectStsError(assume(rootKeys(server), 'account-trust'), 'AccessDenied', 403);
  });

  it('a trust policy naming only the account needs the caller\'s own sts:AssumeRole allow', async () => {
    await expectStsError(assume(alice, 'account-trust'), 'AccessDenied', 403);
    const out = await assume(bob, 'account-trust');
    assert.ok(out.Credentials!.SessionToken);
  });

  it('sts:ExternalId: missing or wrong is AccessDenied, right is allowed', async () => {
    await expectStsError(assume(alice, 'external'), 'AccessDenied', 403);
    await expectStsError(assume(alice, 'external', { ExternalId: 'x-999' }), 'AccessDenied', 403);
    assert.ok((await assume(alice, 'external', { ExternalId: 'x-123' })).Credentials);
  });

  it('durations: past the role maximum, under 900, bad session names and malformed session policies are refused', async () => {
    await expectStsError(assume(alice, 'reader', { DurationSeconds: 7200 }), 'ValidationError', 400, /exceeds the MaxSessionDuration set for this role/);
    await expectStsError(assume(alice, 'reader', { DurationSeconds: 100 }), 'ValidationError', 400);
    await expectStsError(assume(alice, 'reader', { RoleSessionName: 'bad name!' }), 'ValidationError', 400);
    await expectStsError(assume(alice, 'reader', { Policy: '{"Statement":' }), 'MalformedPolicyDocumentException', 400);
  });

  it('a session policy narrower than the role narrows the session', async () => {
    const only = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
    const out = await assume(alice, 'reader', { Policy: only });
    assert.ok(out.PackedPolicySize! > 0);
    await expectAwsError(sessionIam(server, out.Credentials!).send(new ListUsersCommand({})), 'AccessDenied', 403);
  });

  it('expired session: ExpiredToken once the test clock passes Expiration', async () => {
    const out = await assume(alice, 'reader', { DurationSeconds: 900 });
    await sessionIam(server, out.Credentials!).send(new ListUsersCommand({}));
    server.polyiam.testClock!.advance(901_000);
    try {
      // the SDK signs at the moved time (systemClockOffset), so the signature is fresh and the token is not
      await expectAwsError(sessionIam(server, out.Credentials!, 901_000).send(new ListUsersCommand({})), 'ExpiredToken', 403);
    } finally {
      server.polyiam.testClock!.advance(-901_000);
    }
  });

  it('a tampered token, or a token with another key id, is InvalidClientTokenId', async () => {
    const c = (await assume(alice, 'reader')).Credentials!;
    const token = c.SessionToken!;
    const flipped = token.slice(0, -4) + (token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA');
    await expectAwsError(sessionIam(server, { ...c, SessionToken: flipped }).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
    const other = (await assume(alice, 'reader')).Credentials!;
    await expectAwsError(sessionIam(server, { ...c, SessionToken: other.SessionToken }).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
  });

  it('deleting the role refuses its sessions at once; detaching its policy narrows them at once', async () => {
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateRoleCommand({ RoleName: 'short-lived', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'short-lived', PolicyArn: READ_USERS }));
    const session = sessionIam(server, (await assume(alice, 'short-lived')).Credentials!);
    await session.send(new ListUsersCommand({}));
    await iam.send(new DetachRolePolicyCommand({ RoleName: 'short-lived', PolicyArn: READ_USERS }));
    await expectAwsError(session.send(new ListUsersCommand({})), 'AccessDenied', 403);
    await iam.send(new DeleteRoleCommand({ RoleName: 'short-lived' }));
    await expectAwsError(session.send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
  });

  it('role chaining: a session may assume a role that trusts its role, for at most one hour', async () => {
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateRoleCommand({ RoleName: 'second', MaxSessionDuration: 43200, AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:role/chainer` }) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'chainer', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    const first = (await assume(alice, 'chainer')).Credentials!;
    const chained = (keys: Credentials, extra: Record<string, unknown> = {}) =>
      stsClient(server, { ak: keys.AccessKeyId!, sk: keys.SecretAccessKey! }, keys.SessionToken).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/second`, RoleSessionName: 'hop', ...extra }));
    await expectStsError(chained(first, { DurationSeconds: 7200 }), 'ValidationError', 400, /1 hour session limit/);
    const out = await chained(first);
    assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${acct}:assumed-role/second/hop`);
  });
});
