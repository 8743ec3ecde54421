/**
 * Kingsoft signature failures (both schemes, 15-minute window) and hand-written bad input in the
 * Kingsoft envelope (issue #4, 6): each a clear 4xx, in XML or JSON as asked, and nothing written.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { send } from '../aws/sigv4.js';
import { buildRequest, errorOf, ks, rootKeys, signSimple, type Keys, type KsOptions, type KsResponse } from './support.js';

const MINUTE = 60_000;
const SIGNINGS: KsOptions[] = [{ signing: 'simple' }, { signing: 'sigv4' }, { signing: 'sigv4-query' }];

function assertError(res: KsResponse, status: number, code: string, message?: RegExp) {
  assert.equal(res.status, status, res.body);
  assert.equal(errorOf(res).Code, code, res.body);
  assert.equal(errorOf(res).Type, 'Sender');
  if (message) assert.match(errorOf(res).Message ?? '', message);
}

describe('kingsoft signatures and bad input', () => {
  let server: TestServer;
  let root: Keys;

  before(async () => {
    server = await startTestServer();
    root = rootKeys(server);
  });
  afterEach(() => server.polyiam.testClock!.reset());
  after(async () => {
    const res = await ks(server, root, { Action: 'ListUsers' }, { json: true });
    assert.deepEqual((res.doc as { ListUserResult: { Users: { Member: unknown[] } } }).ListUserResult.Users.Member, [], 'nothing was written');
    await server.close();
  });

  it('a wrong secret is SignatureDoesNotMatch (403), whatever the signing form', async () => {
    for (const options of SIGNINGS) {
      assertError(await ks(server, { ak: root.ak, sk: 'z'.repeat(40) }, { Action: 'GetUser' }, options), 403, 'SignatureDoesNotMatch');
    }
  });

  it('an unknown access key is InvalidClientTokenId (403)', async () => {
    for (const options of SIGNINGS) {
      assertError(await ks(server, { ak: 'AKLTunknownKey000000', sk: 'z'.repeat(40) }, { Action: 'GetUser' }, options), 403, 'InvalidClientTokenId');
    }
  });

  it('a request signed outside the 15-minute window is RequestExpired (400); inside it is accepted', async () => {
    for (const options of [{ signing: 'simple' as const }, { signing: 'sigv4' as const }]) {
      assert.equal((await ks(server, root, { Action: 'GetUser' }, { ...options, date: new Date(Date.now() - 14 * MINUTE) })).status, 200);
      assertError(await ks(server, root, { Action: 'GetUser' }, { ...options, date: new Date(Date.now() - 16 * MINUTE) }), 400, 'RequestExpired');
      assertError(await ks(server, root, { Action: 'GetUser' }, { ...options, date: new Date(Date.now() + 16 * MINUTE) }), 400, 'RequestExpired');
    }
  });

  it('a changed parameter after signing is SignatureDoesNotMatch; nothing is created', async () => {
    const raw = await buildRequest(server.url, root, { Action: 'CreateUser', UserName: 'signed' });
    const res = await send(server.url, { ...raw, path: raw.path.replace('UserName=signed', 'UserName=forged') });
    assert.equal(res.status, 403);
    assert.match(res.body, /<Code>SignatureDoesNotMatch<\/Code>/);
  });

  it('a simple signature without Timestamp, or for another Service, is refused', async () => {
    const signed = signSimple(root, { Action: 'GetUser', Version: '2015-11-01', Service: 'kec' });
    const res = await send(server.url, { method: 'GET', path: `/?${new URLSearchParams(signed).toString()}`, headers: { accept: 'application/json' } });
    assert.equal(res.status, 400);
    assert.match(res.body, /"Code":"IncompleteSignature"/);
    const { Timestamp: _t, ...withoutTime } = signSimple(root, { Action: 'GetUser', Version: '2015-11-01' });
    const noTime = await send(server.url, { method: 'GET', path: `/?${new URLSearchParams(withoutTime).toString()}`, headers: {} });
    assert.equal(noTime.status, 400);
    assert.match(noTime.body, /<Code>IncompleteSignature<\/Code>/);
  });

  it('an unknown Action is InvalidAction; a missing Action is MissingAction', async () => {
    assertError(await ks(server, root, { Action: 'CreateUsers', UserName: 'u1' }, { json: true }), 400, 'InvalidAction', /CreateUsers/);
    assertError(await ks(server, root, { UserName: 'u1' }), 400, 'MissingAction');
  });

  it('a missing or wrong Version names the parameter', async () => {
    assertError(await ks(server, root, { Action: 'CreateUser', UserName: 'u1' }, { noVersion: true }), 400, 'InvalidParameterValue', /An value must be supplied for the input parameter Version\./);
    assertError(await ks(server, root, { Action: 'CreateUser', UserName: 'u1', Version: '2015-11-02' }, { json: true }), 400, 'InvalidParameterValue', /invalid or out-of-range value was supplied for the input parameter Version\./);
  });

  it('a parameter given twice is InvalidParameterValue naming it', async () => {
    const raw = await buildRequest(server.url, root, { Action: 'CreateUser', UserName: 'u1' });
    const res = await send(server.url, { ...raw, path: `${raw.path}&UserName=u2`, headers: { ...raw.headers, accept: 'application/json' } });
    assert.equal(res.status, 400);
    assert.deepEqual(JSON.parse(res.body).Error, { Type: 'Sender', Code: 'InvalidParameterValue', Message: 'An invalid or out-of-range value was supplied for the input parameter UserName.' });
  });

  it('wrong types are InvalidParameterValue naming the parameter', async () => {
    assertError(await ks(server, root, { Action: 'ListUsers', MaxItems: 'many' }), 400, 'InvalidParameterValue', /MaxItems/);
    assertError(await ks(server, root, { Action: 'CreateUser', UserName: 'u1', PasswordResetRequired: '2' }), 400, 'InvalidParameterValue', /PasswordResetRequired/);
    assertError(await ks(server, root, { Action: 'UpdateAccountPasswordPolicy', MinimumPasswordLength: 'eight' }), 400, 'InvalidParameterValue', /MinimumPasswordLength/);
    assertError(await ks(server, root, { Action: 'UpdateAccessKey', AccessKeyId: root.ak, Status: 'Paused' }), 400, 'InvalidParameterValue', /Status/);
  });

  it('oversize values are refused, a body past the limit with 413', async () => {
    assertError(await ks(server, root, { Action: 'CreateUser', UserName: 'u'.repeat(5000) }), 400, 'InvalidParameterValue', /UserName/);
    assertError(await ks(server, root, { Action: 'CreateUser', UserName: 'u1', Remark: 'r'.repeat(300) }), 400, 'InvalidParameterValue', /Remark/);
    // the body is never read, so the query must name the version for the Kingsoft envelope
    const res = await send(server.url, {
      method: 'POST',
      path: '/?Action=CreateUser&Version=2015-11-01',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from(`UserName=u1&Remark=${'r'.repeat(300_000)}`),
    });
    assert.equal(res.status, 413);
    assert.deepEqual(JSON.parse(res.body).Error, { Type: 'Sender', Code: 'RequestEntityTooLarge', Message: 'The request body is too large.' });
  });

  it('bytes that are not UTF-8 are refused', async () => {
    const raw = await buildRequest(server.url, root, { Action: 'CreateUser', UserName: 'u1' }, { method: 'POST' });
    const body = Buffer.concat([raw.body!, Buffer.from('&Remark='), Buffer.from([0xc3, 0x28])]);
    const res = await send(server.url, { ...raw, body, headers: { ...raw.headers, 'content-length': String(body.length) } });
    assert.equal(res.status, 400);
    assert.match(res.body, /<Code>MalformedQueryString<\/Code>/);
    const encoded = await send(server.url, { ...raw, body: Buffer.concat([raw.body!, Buffer.from('&Remark=%C3%28')]), headers: { ...raw.headers, accept: 'application/json' } });
    assert.equal(encoded.status, 400);
    assert.deepEqual(JSON.parse(encoded.body).Error.Code, 'InvalidParameterValue');
  });
});
