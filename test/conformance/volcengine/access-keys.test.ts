import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { createKeys, failed, ok, rawSigned, rootKeys, volc, volcClient } from './support.js';

interface WireAccessKey {
  AccessKeyId: string;
  SecretAccessKey?: string;
  UserName: string;
  Status: string;
  CreateDate: string;
  UpdateDate: string;
}

describe('volcengine access keys through @volcengine/openapi', () => {
  let server: TestServer;
  let client: iam.IamService;

  before(async () => {
    server = await startTestServer();
    client = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('CreateAccessKey answers the AccessKey with its secret once; ListAccessKeys never shows it', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'keyed' }));
    const created = ok(await volc<{ AccessKey: WireAccessKey }>(client, 'CreateAccessKey', { UserName: 'keyed' }, 'json')).AccessKey;
    assert.deepEqual(Object.keys(created).sort(), ['AccessKeyId', 'CreateDate', 'SecretAccessKey', 'Status', 'UpdateDate', 'UserName']);
    assert.equal(created.UserName, 'keyed');
    assert.equal(created.Status, 'active');
    assert.match(created.CreateDate, /^\d{8}T\d{6}Z$/);
    assert.ok(created.SecretAccessKey && created.SecretAccessKey.length >= 30);
    const listed = ok(await volc<{ AccessKeyMetadata: WireAccessKey[] }>(client, 'ListAccessKeys', { UserName: 'keyed' }, 'form')).AccessKeyMetadata;
    assert.equal(listed.length, 1);
    assert.equal(listed[0]!.AccessKeyId, created.AccessKeyId);
    assert.equal(listed[0]!.SecretAccessKey, undefined);
  });

  it('a new key signs requests as its user', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'signer' }));
    const keys = await createKeys(client, 'signer');
    type LastUsed = { AccessKeyLastUsed: { Region?: string; Service?: string; RequestTime?: string } };
    assert.deepEqual(ok(await volc<LastUsed>(client, 'GetAccessKeyLastUsed', { AccessKeyId: keys.ak, UserName: 'signer' })).AccessKeyLastUsed, {});
    // the foundation's authorizer lets IAM users do nothing: the key is accepted, the action denied
    failed(await volc(volcClient(server, keys), 'ListUsers', {}), 'AccessDenied', 100013);
    // GetAccessKeyLastUsed (6257/1400365): Region, Service, RequestTime of the key's last request
    const used = ok(await volc<LastUsed>(client, 'GetAccessKeyLastUsed', { AccessKeyId: keys.ak, UserName: 'signer' })).AccessKeyLastUsed;
    assert.equal(used.Service, 'iam');
    assert.equal(used.Region, 'cn-north-1', 'the region the client signed for');
    assert.match(used.RequestTime ?? '', /^\d{8}T\d{6}Z$/);
    assert.deepEqual(ok(await volc<LastUsed>(client, 'GetAccessKeyLastUsed', { AccessKeyId: keys.ak })).AccessKeyLastUsed, used, 'found without UserName too');
    failed(await volc(client, 'GetAccessKeyLastUsed', { AccessKeyId: 'AKLTnotakey0000000000' }), 'AccessKeyNotExist');
  });

  it('at most two keys per user: the third is AccessKeyLimitExceeded 409', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'limited' }));
    await createKeys(client, 'limited');
    await createKeys(client, 'limited');
    const third = failed(await volc(client, 'CreateAccessKey', { UserName: 'limited' }), 'AccessKeyLimitExceeded');
    assert.match(third.Message, /2/);
    const raw = await rawSigned(server, rootKeys(server), { method: 'GET', query: 'Action=CreateAccessKey&Version=2018-01-01&UserName=limited' });
    assert.equal(raw.status, 409);
    assert.equal(ok(await volc<{ AccessKeyMetadata: WireAccessKey[] }>(client, 'ListAccessKeys', { UserName: 'limited' })).AccessKeyMetadata.length, 2);
  });

  it('without UserName the key is the caller\'s (the root: UserName empty, as for the admin account)', async () => {
    const other = await server.createAccount('rootkeys');
    const rootClient = volcClient(server, { ak: other.root.access_key_id, sk: other.root.secret_access_key });
    const created = ok(await volc<{ AccessKey: WireAccessKey }>(rootClient, 'CreateAccessKey', {})).AccessKey;
    assert.equal(created.UserName, '');
    const listed = ok(await volc<{ AccessKeyMetadata: WireAccessKey[] }>(rootClient, 'ListAccessKeys', {})).AccessKeyMetadata;
    assert.deepEqual(listed.map((k) => k.AccessKeyId).sort(), [other.root.access_key_id, created.AccessKeyId].sort());
    failed(await volc(rootClient, 'CreateAccessKey', {}), 'AccessKeyLimitExceeded');
    ok(await volc(rootClient, 'DeleteAccessKey', { AccessKeyId: created.AccessKeyId }));
  });

  it('UpdateAccessKey inactive stops the key signing (InvalidAccessKey), active restores it', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'toggled' }));
    const keys = await createKeys(client, 'toggled');
    const asUser = volcClient(server, keys);
    const updated = await volc(client, 'UpdateAccessKey', { UserName: 'toggled', AccessKeyId: keys.ak, Status: 'inactive' }, 'form');
    ok(updated);
    assert.equal(updated.Result, undefined);
    failed(await volc(asUser, 'ListUsers', {}), 'InvalidAccessKey', 100009);
    const listed = ok(await volc<{ AccessKeyMetadata: WireAccessKey[] }>(client, 'ListAccessKeys', { UserName: 'toggled' })).AccessKeyMetadata;
    assert.equal(listed[0]!.Status, 'inactive');
    ok(await volc(client, 'UpdateAccessKey', { UserName: 'toggled', AccessKeyId: keys.ak, Status: 'active' }));
    failed(await volc(asUser, 'ListUsers', {}), 'AccessDenied', 100013);
  });

  it('UpdateAccessKey / DeleteAccessKey errors: bad status, unknown key, key of another user', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'owner' }));
    ok(await volc(client, 'CreateUser', { UserName: 'stranger' }));
    const keys = await createKeys(client, 'owner');
    failed(await volc(client, 'UpdateAccessKey', { UserName: 'owner', AccessKeyId: keys.ak, Status: 'Disabled' }), 'InvalidAccessKeyStatus');
    failed(await volc(client, 'UpdateAccessKey', { UserName: 'owner', AccessKeyId: keys.ak }), 'ParameterNotFound');
    failed(await volc(client, 'UpdateAccessKey', { UserName: 'owner', AccessKeyId: 'AKLTnope00000000000000', Status: 'inactive' }), 'AccessKeyNotExist');
    failed(await volc(client, 'DeleteAccessKey', { UserName: 'stranger', AccessKeyId: keys.ak }), 'AccessKeyNotExist');
    failed(await volc(client, 'DeleteAccessKey', { UserName: 'owner', AccessKeyId: 'bad key!' }), 'InvalidAccessKeyId');
    failed(await volc(client, 'ListAccessKeys', { UserName: 'nobody' }), 'UserNotExist');
  });

  it('DeleteAccessKey (json) deletes; the key then fails to sign and is gone from the list', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'deleting' }));
    const keys = await createKeys(client, 'deleting');
    ok(await volc(client, 'DeleteAccessKey', { UserName: 'deleting', AccessKeyId: keys.ak }, 'json'));
    failed(await volc(volcClient(server, keys), 'ListUsers', {}), 'InvalidAccessKey', 100009);
    assert.deepEqual(ok(await volc<{ AccessKeyMetadata: WireAccessKey[] }>(client, 'ListAccessKeys', { UserName: 'deleting' })).AccessKeyMetadata, []);
    failed(await volc(client, 'DeleteAccessKey', { UserName: 'deleting', AccessKeyId: keys.ak }), 'AccessKeyNotExist');
  });
});
