/**
 * @see #13
 * Kingsoft roles (kscore iam 2015-11-01: CreateRole with TrustAccounts, GetRole, ListRoles, UpdateRole,
 * UpdateRoleTrustAccounts, Attach/DetachRolePolicy with PolicyKrn, ListAttachedRolePolicies, DeleteRole)
 * and AssumeRole (RoleKrn, RoleSessionName, DurationSeconds, Policy), signed per the Go SDK and SigV4;
 * calls with the temporary credentials carry X-Amz-Security-Token. One role across Kingsoft and AWS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetRoleCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey } from '../aws/support.js';
import { errorOf, ks, rootKeys, type Keys, type KsOptions } from './support.js';

type Json = Record<string, unknown>;
const allowAssume = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] });
const readUsers = JSON.stringify({ Version: '2015-11-01', Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers', 'iam:GetUser'], Resource: '*' }] });

describe('kingsoft roles and AssumeRole, signed per the Go SDK', () => {
  let server: TestServer;
  let root: Keys;
  let kuser: Keys;
  let acct: number;
  const call = (keys: Keys, params: Record<string, string>, options: KsOptions = {}) => ks(server, keys, params, { json: true, ...options });
  const ok = async (keys: Keys, params: Record<string, string>, options: KsOptions = {}): Promise<Json> => {
    const res = await call(keys, params, options);
    assert.equal(res.status, 200, res.body);
    return res.doc as Json;
  };
  const refused = async (keys: Keys, params: Record<string, string>, status: number, code: string, options: KsOptions = {}) => {
    const res = await call(keys, params, options);
    assert.equal(res.status, status, res.body);
    assert.equal(errorOf(res).Code, code, res.body);
  };
  const assume = (keys: Keys, extra: Record<string, string> = {}) => call(keys, { Action: 'AssumeRole', RoleKrn: `krn:ksc:iam::${acct}:role/kreader`, RoleSessionName: 'ks-sess', ...extra });

  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.numericId;
    const iam = awsClient(server, { ak: root.ak, sk: root.sk });
    const made = await createUserWithKey(iam, 'kuser');
    kuser = { ak: made.ak, sk: made.sk };
    await iam.send(new PutUserPolicyCommand({ UserName: 'kuser', PolicyName: 'assume', PolicyDocument: allowAssume }));
    await ok(root, { Action: 'CreatePolicy', PolicyName: 'read-users', PolicyDocument: readUsers });
  });
  after(() => server.close());

  it('CreateRole takes TrustAccounts; GetRole, ListRoles, UpdateRole and UpdateRoleTrustAccounts show the role with its Krn', async () => {
    const created = (await ok(root, { Action: 'CreateRole', RoleName: 'kreader', TrustAccounts: String(acct), Description: 'reads users' })) as { CreateRoleResult: { Role: Json } };
    assert.equal(created.CreateRoleResult.Role.Krn, `krn:ksc:iam::${acct}:role/kreader`);
    assert.equal(created.CreateRoleResult.Role.TrustAccounts, String(acct));
    assert.equal(created.CreateRoleResult.Role.Description, 'reads users');
    const got = (await ok(root, { Action: 'GetRole', RoleName: 'KREADER' })) as { GetRoleResult: { Role: Json } };
    assert.equal(got.GetRoleResult.Role.RoleName, 'kreader');
    const listed = (await ok(root, { Action: 'ListRoles', MaxItems: '10' })) as { ListRolesResult: { Roles: { Member: Json[] } } };
    assert.deepEqual(listed.ListRolesResult.Roles.Member.map((r) => r.RoleName), ['kreader']);
    const updated = (await ok(root, { Action: 'UpdateRole', RoleName: 'kreader', NewDescription: 'reads users, now' })) as { UpdateRoleResult: { Role: Json } };
    assert.equal(updated.UpdateRoleResult.Role.Description, 'reads users, now');
    const trusted = (await ok(root, { Action: 'UpdateRoleTrustAccounts', RoleName: 'kreader', NewTrustAccounts: `2000000001,${acct}` })) as { UpdateRoleTrustAccountsResult: { Role: Json } };
    assert.equal(trusted.UpdateRoleTrustAccountsResult.Role.TrustAccounts, `2000000001,${acct}`);
    // one role in every dialect: AWS sees it, its trust policy naming the accounts
    const aws = await awsClient(server, { ak: root.ak, sk: root.sk }).send(new GetRoleCommand({ RoleName: 'kreader' }));
    assert.match(decodeURIComponent(aws.Role!.AssumeRolePolicyDocument!), new RegExp(`krn:ksc:iam::${acct}:root`));
  });

  it('bad input and unknown roles: the Kingsoft envelope, nothing written', async () => {
    await refused(root, { Action: 'CreateRole', RoleName: 'bad', TrustAccounts: 'abc' }, 400, 'InvalidParameterValue');
    await refused(root, { Action: 'CreateRole', RoleName: 'bad name!', TrustAccounts: String(acct) }, 400, 'InvalidParameterValue');
    await refused(root, { Action: 'CreateRole', RoleName: 'kreader', TrustAccounts: String(acct) }, 409, 'EntityAlreadyExists');
    await refused(root, { Action: 'GetRole', RoleName: 'ghost' }, 404, 'NoSuchEntity');
    await refused(root, { Action: 'AttachRolePolicy', RoleName: 'kreader', PolicyKrn: `krn:ksc:iam::${acct}:policy/ghost` }, 404, 'NoSuchEntity');
    const listed = (await ok(root, { Action: 'ListRoles' })) as { ListRolesResult: { Roles: { Member: Json[] } } };
    assert.equal(listed.ListRolesResult.Roles.Member.length, 1);
  });

  it('Attach/ListAttached/Detach with PolicyKrn; AssumeRole gives credentials that read with the role\'s rights (X-Amz-Security-Token)', async () => {
    await ok(root, { Action: 'AttachRolePolicy', RoleName: 'kreader', PolicyKrn: `krn:ksc:iam::${acct}:policy/read-users` });
    const attached = (await ok(root, { Action: 'ListAttachedRolePolicies', RoleName: 'kreader' })) as { ListAttachedRolePoliciesResult: { AttachedPolicies: { Member: Json[] } } };
    assert.deepEqual(attached.ListAttachedRolePoliciesResult.AttachedPolicies.Member.map((p) => p.PolicyKrn), [`krn:ksc:iam::${acct}:policy/read-users`]);
    const res = await assume(kuser, { DurationSeconds: '900' });
    assert.equal(res.status, 200, res.body);
    const out = (res.doc as { AssumeRoleResult: { Credentials: Json; AssumedRoleUser: Json } }).AssumeRoleResult;
    assert.equal(out.AssumedRoleUser.Krn, `krn:ksc:sts::${acct}:assumed-role/kreader/ks-sess`);
    const temp: Keys = { ak: String(out.Credentials.AccessKeyId), sk: String(out.Credentials.SecretAccessKey), token: String(out.Credentials.SecurityToken) };
    assert.equal(out.Credentials.SessionToken, temp.token);
    await ok(temp, { Action: 'ListUsers' }, { signing: 'sigv4' });
    await refused(temp, { Action: 'CreateUser', UserName: 'nope' }, 403, 'AccessDenied', { signing: 'sigv4' });
    // a session policy narrower than the role narrows the session
    const narrow = await assume(kuser, { Policy: JSON.stringify({ Version: '2015-11-01', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] }) });
    const n = (narrow.doc as { AssumeRoleResult: { Credentials: Json } }).AssumeRoleResult.Credentials;
    await refused({ ak: String(n.AccessKeyId), sk: String(n.SecretAccessKey), token: String(n.SecurityToken) }, { Action: 'ListUsers' }, 403, 'AccessDenied', { signing: 'sigv4' });
    // deleting a role with policies attached is a conflict; once deleted, its sessions are refused
    await refused(root, { Action: 'DeleteRole', RoleName: 'kreader' }, 409, 'DeleteConflict');
    await ok(root, { Action: 'DetachRolePolicy', RoleName: 'kreader', PolicyKrn: `krn:ksc:iam::${acct}:policy/read-users` });
    await ok(root, { Action: 'DeleteRole', RoleName: 'kreader' });
    const after = await call(temp, { Action: 'ListUsers' }, { signing: 'sigv4' });
    assert.equal(after.status, 403, after.body);
  });

  it('AssumeRole refusals: an untrusted account, the root, a malformed RoleKrn, a duration out of range', async () => {
    await ok(root, { Action: 'CreateRole', RoleName: 'elsewhere', TrustAccounts: '2000000001' });
    await refused(kuser, { Action: 'AssumeRole', RoleKrn: `krn:ksc:iam::${acct}:role/elsewhere`, RoleSessionName: 'ks-sess' }, 403, 'AccessDenied');
    await refused(root, { Action: 'AssumeRole', RoleKrn: `krn:ksc:iam::${acct}:role/elsewhere`, RoleSessionName: 'ks-sess' }, 403, 'AccessDenied');
    await refused(kuser, { Action: 'AssumeRole', RoleKrn: 'role/elsewhere', RoleSessionName: 'ks-sess' }, 400, 'InvalidParameterValue');
    await refused(kuser, { Action: 'AssumeRole', RoleKrn: `krn:ksc:iam::${acct}:role/elsewhere`, RoleSessionName: 'ks-sess', DurationSeconds: '60' }, 400, 'InvalidParameterValue');
  });
});
