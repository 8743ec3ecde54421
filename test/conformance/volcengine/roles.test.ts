/**
 * @see #13
 * Volcengine roles through the official `@volcengine/openapi`: CreateRole ... ListAttachedRolePolicies
 * with IamService, STS AssumeRole with StsService, then IAM calls with the session token the SDK
 * sends (`setSessionToken` → signed X-Security-Token). One role in every dialect: a role made through
 * AWS is read and assumed here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sts } from '@volcengine/openapi';
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, rootKeys as awsRootKeys } from '../aws/support.js';
import { failed, ok, rootKeys, volc, volcClient, type Keys } from './support.js';

describe('volcengine roles and STS AssumeRole through the official SDK', () => {
  let server: TestServer;
  let acct: number;
  let alice: Keys;

  const stsClient = (keys: Keys) => new sts.StsService({ host: `127.0.0.1:${server.port}`, protocol: 'http:', region: 'cn-north-1', accessKeyId: keys.ak, secretKey: keys.sk, serviceName: 'sts' });

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.numericId;
    const root = volcClient(server, rootKeys(server));
    ok(await volc(root, 'CreateUser', { UserName: 'alice' }));
    const created = ok(await volc<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(root, 'CreateAccessKey', { UserName: 'alice' }));
    alice = { ak: created.AccessKey.AccessKeyId, sk: created.AccessKey.SecretAccessKey };
  });
  after(() => server.close());

  const trust = () => JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { IAM: [`trn:iam::${acct}:user/alice`] } }] });

  it('CreateRole, GetRole, ListRoles, UpdateRole, Attach/Detach/ListAttachedRolePolicies, DeleteRole', async () => {
    const root = volcClient(server, rootKeys(server));
    const created = ok(await volc<{ Role: Record<string, unknown> }>(root, 'CreateRole', { RoleName: 'ops', TrustPolicyDocument: trust(), Description: 'ops role', MaxSessionDuration: '7200' }, 'form'));
    assert.equal(created.Role.Trn, `trn:iam::${acct}:role/ops`);
    assert.equal(created.Role.MaxSessionDuration, 7200);
    const got = ok(await volc<{ Role: Record<string, unknown> }>(root, 'GetRole', { RoleName: 'ops' }));
    assert.equal(got.Role.TrustPolicyDocument, trust());
    ok(await volc(root, 'UpdateRole', { RoleName: 'ops', Description: 'changed', MaxSessionDuration: 3600 }, 'json'));
    const listed = ok(await volc<{ RoleMetadata: Array<Record<string, unknown>>; Total: number }>(root, 'ListRoles', { Limit: 10 }));
    assert.ok(listed.RoleMetadata.some((r) => r.RoleName === 'ops' && r.Description === 'changed'));
    ok(await volc(root, 'AttachRolePolicy', { RoleName: 'ops', PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' }));
    const attached = ok(await volc<{ AttachedPolicyMetadata: Array<Record<string, unknown>> }>(root, 'ListAttachedRolePolicies', { RoleName: 'ops' }));
    assert.equal(attached.AttachedPolicyMetadata.length, 1);
    failed(await volc(root, 'DeleteRole', { RoleName: 'ops' }), 'RoleDeleteConflict');
    ok(await volc(root, 'DetachRolePolicy', { RoleName: 'ops', PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' }));
    ok(await volc(root, 'DeleteRole', { RoleName: 'ops' }));
    failed(await volc(root, 'GetRole', { RoleName: 'ops' }), 'RoleNotExist');
    failed(await volc(root, 'CreateRole', { RoleName: 'bad', TrustPolicyDocument: '{"Statement":' }), 'MalformedPolicyDocument');
  });

  it('AssumeRole (RoleTrn, RoleSessionName, DurationSeconds clamped, Policy), then IAM calls with setSessionToken', async () => {
    const root = volcClient(server, rootKeys(server));
    ok(await volc(root, 'CreateRole', { RoleName: 'reader', TrustPolicyDocument: trust() }));
    ok(await volc(root, 'AttachRolePolicy', { RoleName: 'reader', PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' }));
    const out = ok(await stsClient(alice).AssumeRole({ RoleTrn: `trn:iam::${acct}:role/reader`, RoleSessionName: 'volc-sess', DurationSeconds: 100 }));
    const c = out.Credentials;
    assert.ok(c.SessionToken && c.AccessKeyId && c.SecretAccessKey);
    // V-AR: under 900 seconds becomes an hour
    assert.ok(Math.abs(new Date(c.ExpiredTime).getTime() - new Date(c.CurrentTime).getTime() - 3_600_000) < 2_000);
    assert.equal(out.AssumedRoleUser.Trn, `trn:sts::${acct}:assumed-role/reader/volc-sess`);
    const session = volcClient(server, { ak: c.AccessKeyId, sk: c.SecretAccessKey });
    session.setSessionToken(c.SessionToken);
    const users = ok(await session.ListUsers({}));
    assert.ok(users.UserMetadata.some((u: { UserName: string }) => u.UserName === 'alice'));
    failed(await volc(session, 'CreateUser', { UserName: 'nope' }), 'AccessDenied', 100013);
    // a narrower session policy narrows the session
    const narrow = ok(await stsClient(alice).AssumeRole({ RoleTrn: `trn:iam::${acct}:role/reader`, RoleSessionName: 'narrow', Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['iam:GetUser'], Resource: ['*'] }] }) }));
    const narrowed = volcClient(server, { ak: narrow.Credentials.AccessKeyId, sk: narrow.Credentials.SecretAccessKey });
    narrowed.setSessionToken(narrow.Credentials.SessionToken);
    failed(await narrowed.ListUsers({}), 'AccessDenied', 100013);
    // the main account may not assume roles (V-AR); an untrusted role is AccessDenied
    failed(await stsClient(rootKeys(server)).AssumeRole({ RoleTrn: `trn:iam::${acct}:role/reader`, RoleSessionName: 'root-sess' }), 'AccessDenied', 100013);
  });

  it('one role in every dialect: made through AWS, read and assumed through Volcengine', async () => {
    const awsAcct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    await awsClient(server, awsRootKeys(server)).send(new CreateRoleCommand({
      RoleName: 'from-aws',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${awsAcct}:user/alice` }, Action: 'sts:AssumeRole' }] }),
    }));
    const got = ok(await volc<{ Role: Record<string, unknown> }>(volcClient(server, rootKeys(server)), 'GetRole', { RoleName: 'from-aws' }));
    assert.equal(got.Role.Trn, `trn:iam::${acct}:role/from-aws`);
    const out = ok(await stsClient(alice).AssumeRole({ RoleTrn: `trn:iam::${acct}:role/from-aws`, RoleSessionName: 'cross' }));
    assert.ok(out.Credentials.SessionToken);
  });
});
