/** @see #9: a Volcengine parameter named `__proto__` or `constructor` answered 500 ServiceFailure */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateAccessKeyCommand, CreateUserCommand, IAMClient, ListUserTagsCommand, ListUsersCommand, PutUserPolicyCommand, TagUserCommand } from '@aws-sdk/client-iam';
import { ListResourceTagsV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListResourceTagsV5Request.js';
import { Tag } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tag.js';
import { TagResourceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/TagResourceV5Request.js';
import { Tags } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tags.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { call, createUser, v5Client } from '../conformance/huawei-v5/support.js';
import { ok, volc, volcClient } from '../conformance/volcengine/support.js';
import { huaweiRequest, queryApiRequest, sendWire, type Keys, type Signing } from '../fuzz/wire.js';

const NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/**
 * Where a name travels: the body always; the query too, except `__proto__`, which the vendors' own
 * signers (smithy's request clone, Volcengine's Signer) drop from their query record before signing,
 * so such a query can only be sent unsigned-as-signed by hand. The body is covered by its hash.
 */
const placesFor = (name: string) => (name === '__proto__' ? [true] : [false, true]);

describe('prototype names are ordinary data in every dialect', () => {
  let server: TestServer;
  let keys: Keys;
  before(async () => {
    server = await startTestServer();
    keys = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
  });
  after(() => server.close());

  const query = (q: string, signing: Signing, region: string, inBody: boolean) =>
    queryApiRequest(server.url, inBody ? { query: '', body: Buffer.from(q), signing, region, keys } : { query: q, signing, region, keys }).then((r) => sendWire(server.url, r));

  it('aws: unknown parameters of these names are ignored, as AWS ignores unknown parameters; tag keys round-trip through the SDK', async () => {
    const iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk }, maxAttempts: 1 });
    await iam.send(new CreateUserCommand({ UserName: 'aws-proto' }));
    for (const name of NAMES) {
      for (const inBody of placesFor(name)) {
        const res = await query(`Action=ListUsers&Version=2010-05-08&${name}=x`, 'sigv4', 'us-east-1', inBody);
        assert.equal(res.status, 200, res.text);
      }
    }
    await iam.send(new TagUserCommand({ UserName: 'aws-proto', Tags: NAMES.map((name) => ({ Key: name, Value: `v-${name}` })) }));
    const { Tags: tags } = await iam.send(new ListUserTagsCommand({ UserName: 'aws-proto' }));
    assert.deepEqual(new Map(tags!.map((t) => [t.Key, t.Value])), new Map(NAMES.map((n) => [n, `v-${n}`])));
  });

  it('aws: a condition on a principal tag named `__proto__` decides like any other tag key', async () => {
    const iam = new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk }, maxAttempts: 1 });
    const document = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/__proto__': 'yes', 'aws:PrincipalTag/constructor': 'yes' } } }],
    });
    const callerOf = async (name: string, tagged: boolean) => {
      await iam.send(new CreateUserCommand({ UserName: name, ...(tagged ? { Tags: [{ Key: '__proto__', Value: 'yes' }, { Key: 'constructor', Value: 'yes' }] } : {}) }));
      await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'proto', PolicyDocument: document }));
      const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
      return new IAMClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }, maxAttempts: 1 });
    };
    assert.equal((await (await callerOf('proto-tagged', true)).send(new ListUsersCommand({}))).$metadata.httpStatusCode, 200);
    await assert.rejects((await callerOf('proto-untagged', false)).send(new ListUsersCommand({})), (err: Error) => err.name === 'AccessDenied');
  });

  it('kingsoft: unknown parameters ignored; tag keys of these names round-trip', async () => {
    for (const name of NAMES) {
      for (const inBody of placesFor(name)) assert.equal((await query(`Action=ListUsers&Version=2015-11-01&${name}=x`, 'sigv4', 'cn-beijing-6', inBody)).status, 200);
    }
    const tags = NAMES.map((name, i) => `Tags.member.${i + 1}.Key=${name}&Tags.member.${i + 1}.Value=v-${name}`).join('&');
    assert.equal((await query('Action=CreateUser&Version=2015-11-01&UserName=ks-proto', 'sigv4', 'cn-beijing-6', true)).status, 200);
    const tagged = await query(`Action=TagUser&Version=2015-11-01&UserName=ks-proto&${tags}`, 'sigv4', 'cn-beijing-6', true);
    assert.equal(tagged.status, 200, tagged.text);
    const listed = await query('Action=ListUserTags&Version=2015-11-01&UserName=ks-proto', 'sigv4', 'cn-beijing-6', false);
    assert.equal(listed.status, 200, listed.text);
    for (const name of NAMES) assert.match(listed.text, new RegExp(`<Key>${name}</Key><Value>v-${name}</Value>`));
  });

  it('volcengine: unknown parameters of these names are its InvalidParameter 400 (query, form and JSON); tag keys round-trip through the SDK', async () => {
    for (const name of NAMES) {
      for (const inBody of placesFor(name)) {
        for (const q of [`Action=ListUsers&Version=2018-01-01&Limit=5&${name}=x`, `Action=UpdateUser&Version=2018-01-01&UserName=nobody&${name}=true`]) {
          const res = await query(q, 'volc', 'cn-north-1', inBody);
          assert.equal(res.status, 400, res.text);
          assert.equal((JSON.parse(res.text) as { ResponseMetadata: { Error: { Code: string } } }).ResponseMetadata.Error.Code, 'InvalidParameter');
        }
      }
      const json = await sendWire(server.url, await queryApiRequest(server.url, { query: 'Action=ListUsers&Version=2018-01-01', body: Buffer.from(`{"${name}":"x"}`), contentType: 'application/json', signing: 'volc', region: 'cn-north-1', keys }));
      assert.equal(json.status, 400, json.text);
    }
    const client = volcClient(server, keys);
    ok(await volc(client, 'CreateUser', { UserName: 'volc-proto' }));
    ok(await volc(client, 'TagResources', { ResourceType: 'User', ResourceNames: ['volc-proto'], Tags: NAMES.map((name) => ({ Key: name, Value: `v-${name}` })) }, 'json'));
    const listed = ok(await volc<{ ResourceTags: Array<{ TagKey: string; TagValue: string }> }>(client, 'ListTagsForResources', { ResourceType: 'User', 'ResourceNames.1': 'volc-proto' }));
    assert.deepEqual(new Map(listed.ResourceTags.map((t) => [t.TagKey, t.TagValue])), new Map(NAMES.map((n) => [n, `v-${n}`])));
  });

  it('huawei-v5: query parameters of these names are ignored, JSON keys refused as unknown fields; tag keys round-trip through the SDK', async () => {
    for (const name of NAMES) {
      assert.equal((await sendWire(server.url, huaweiRequest(server.url, { method: 'GET', path: `/v5/users?${name}=1`, keys }))).status, 200);
      const body = await sendWire(server.url, huaweiRequest(server.url, { method: 'POST', path: '/v5/users', body: Buffer.from(`{"user_name":"v5-${name.replace(/_/g, '')}","${name}":1}`), keys }));
      assert.equal(body.status, 400, body.text);
      assert.equal((JSON.parse(body.text) as { error_code: string }).error_code, 'IAM.0007');
    }
    const client = v5Client(server, keys);
    const id = await createUser(client, 'v5-proto');
    await call(client.tagResourceV5(new TagResourceV5Request(id, 'user').withBody(new Tags().withTags(NAMES.map((name) => new Tag(name, `v-${name}`))))));
    const listed = await call(client.listResourceTagsV5(new ListResourceTagsV5Request(id, 'user')));
    assert.deepEqual(new Map(listed.tags!.map((t) => [t.tag_key, t.tag_value])), new Map(NAMES.map((n) => [n, `v-${n}`])));
  });

  it('huawei-v3: query parameters of these names are Keystone\'s 400, JSON keys in the user object too', async () => {
    for (const name of NAMES) {
      const res = await sendWire(server.url, huaweiRequest(server.url, { method: 'GET', path: `/v3/users?${name}=1`, keys }));
      assert.equal(res.status, 400, res.text);
      assert.equal((JSON.parse(res.text) as { error: { code: number } }).error.code, 400);
      const body = await sendWire(server.url, huaweiRequest(server.url, { method: 'POST', path: '/v3/users', body: Buffer.from(`{"user":{"name":"v3-${name.replace(/_/g, '')}","${name}":1}}`), keys }));
      assert.ok(body.status < 500, body.text);
      assert.match(body.headers['x-openstack-request-id'] as string, /^req-/);
    }
  });
});

describe('signed header lists naming prototype members', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  /** @see #9: fuzzer find: SigV4 `SignedHeaders=constructor;host;x-amz-date` answered 500 ServiceFailure (the header read Object's constructor) */
  it('a signature over a header that was never sent is refused in each dialect\'s envelope, never a 500', async () => {
    const ak = server.root.root.access_key_id;
    const date = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const zero = '0'.repeat(64);
    for (const name of NAMES) {
      const header = name.toLowerCase();
      const cases: Array<[string, string, Record<string, string>]> = [
        ['/?Action=ListUsers&Version=2010-05-08', `AWS4-HMAC-SHA256 Credential=${ak}/${date.slice(0, 8)}/us-east-1/iam/aws4_request, SignedHeaders=${header};host;x-amz-date, Signature=${zero}`, { 'x-amz-date': date }],
        ['/?Action=ListUsers&Version=2015-11-01', `AWS4-HMAC-SHA256 Credential=${ak}/${date.slice(0, 8)}/cn-beijing-6/iam/aws4_request, SignedHeaders=${header};host;x-amz-date, Signature=${zero}`, { 'x-amz-date': date }],
        ['/?Action=ListUsers&Version=2018-01-01', `HMAC-SHA256 Credential=${ak}/${date.slice(0, 8)}/cn-north-1/iam/request, SignedHeaders=${header};host;x-date, Signature=${zero}`, { 'x-date': date }],
        ['/v5/users', `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${header};host;x-sdk-date, Signature=${zero}`, { 'x-sdk-date': date }],
        ['/v3/users', `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${header};host;x-sdk-date, Signature=${zero}`, { 'x-sdk-date': date }],
      ];
      for (const [path, authorization, extra] of cases) {
        const res = await sendWire(server.url, { method: 'GET', path, headers: { authorization, ...extra } });
        assert.ok(res.status >= 400 && res.status < 500, `${path} ${header}: ${res.status} ${res.text}`);
        assert.match(String(res.headers['x-request-id']), /^[0-9a-f]{32}$/);
      }
    }
  });
});
