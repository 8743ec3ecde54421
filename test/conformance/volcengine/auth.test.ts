import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Signer } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, raw, rawSigned, rootKeys, volc, volcClient } from './support.js';

const LIST = 'Action=ListUsers&Version=2018-01-01';
const MINUTE = 60_000;

/**
 * Volcengine HMAC-SHA256 as the gateway answers it (common error table): MissingAuthenticationToken
 * 100003/401, MissingSignature 100005/401, InvalidTimestamp 100006/400, InvalidAccessKey 100009/401,
 * SignatureDoesNotMatch 100010/401, each in ResponseMetadata.Error since the SDK ignores the status.
 */
describe('volcengine signing', () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('the SDK\'s own requests verify, for any region, which is echoed in ResponseMetadata.Region', async () => {
    for (const region of ['cn-north-1', 'cn-beijing', 'ap-southeast-1']) {
      const response = await volcClient(server, rootKeys(server), region).ListUsers({});
      ok(response);
      assert.equal(response.ResponseMetadata.Region, region);
      assert.equal(response.ResponseMetadata.Service, 'iam');
      assert.equal(response.ResponseMetadata.Action, 'ListUsers');
      assert.equal(response.ResponseMetadata.Version, '2018-01-01');
      assert.match(response.ResponseMetadata.RequestId, /^[0-9a-f]{32}$/);
    }
  });

  it('host;x-date signed as in the docs\' examples verifies too: canonical headers come from SignedHeaders', async () => {
    const host = `127.0.0.1:${server.port}`;
    const request = { region: 'cn-beijing', method: 'GET', pathname: '/', params: Object.fromEntries(new URLSearchParams(LIST)), headers: { Host: host } as Record<string, string> };
    new Signer(request, 'iam').addAuthorization({ accessKeyId: rootKeys(server).ak, secretKey: rootKeys(server).sk });
    assert.match(request.headers.Authorization!, /SignedHeaders=host;x-date,/);
    const response = await raw(server, 'GET', LIST, { host, 'x-date': request.headers['X-Date']!, authorization: request.headers.Authorization! });
    assert.equal(response.status, 200);
    assert.equal(response.body.ResponseMetadata.Error, undefined);
    const otherHost = await raw(server, 'GET', LIST, { host: 'iam.volcengineapi.com', 'x-date': request.headers['X-Date']!, authorization: request.headers.Authorization! });
    assert.equal(otherHost.body.ResponseMetadata.Error?.Code, 'SignatureDoesNotMatch', 'a signed header that changed breaks the signature');
  });

  it('a wrong secret is SignatureDoesNotMatch 100010 (401)', async () => {
    const keys = { ...rootKeys(server), sk: 'not-the-secret-0000000000000000000000' };
    failed(await volcClient(server, keys).ListUsers({}), 'SignatureDoesNotMatch', 100010);
    assert.equal((await rawSigned(server, keys, { method: 'GET', query: LIST })).status, 401);
  });

  it('a query changed after signing is SignatureDoesNotMatch, nothing is written', async () => {
    const signed = await signedHeaders(server, 'Action=CreateUser&Version=2018-01-01&UserName=mallory');
    const response = await raw(server, 'GET', 'Action=CreateUser&Version=2018-01-01&UserName=eve', signed);
    assert.equal(response.status, 401);
    assert.equal(response.body.ResponseMetadata.Error?.Code, 'SignatureDoesNotMatch');
    failed(await volc(volcClient(server, rootKeys(server)), 'GetUser', { UserName: 'eve' }), 'UserNotExist');
  });

  it('an unknown access key is InvalidAccessKey 100009 (401)', async () => {
    const keys = { ak: 'AKLTunknown000000000000000', sk: 'whatever' };
    failed(await volcClient(server, keys).ListUsers({}), 'InvalidAccessKey', 100009);
    assert.equal((await rawSigned(server, keys, { method: 'GET', query: LIST })).status, 401);
  });

  it('outside the 15-minute window either way is InvalidTimestamp 100006 (400); inside it verifies', async () => {
    const keys = rootKeys(server);
    const at = (offset: number) => new Date(Date.now() + offset);
    const late = await rawSigned(server, keys, { method: 'GET', query: LIST, date: at(-16 * MINUTE) });
    assert.equal(late.status, 400);
    assert.equal(late.body.ResponseMetadata.Error?.Code, 'InvalidTimestamp');
    assert.equal(late.body.ResponseMetadata.Error?.CodeN, 100006);
    const early = await rawSigned(server, keys, { method: 'GET', query: LIST, date: at(16 * MINUTE) });
    assert.equal(early.body.ResponseMetadata.Error?.Code, 'InvalidTimestamp');
    for (const offset of [-14 * MINUTE, 14 * MINUTE]) {
      const fine = await rawSigned(server, keys, { method: 'GET', query: LIST, date: at(offset) });
      assert.equal(fine.body.ResponseMetadata.Error, undefined, `skew ${offset / MINUTE} min`);
    }
  });

  it('a request replayed after the window expired is InvalidTimestamp (the server clock moved on)', async () => {
    const headers = await signedHeaders(server, LIST);
    assert.equal((await raw(server, 'GET', LIST, headers)).status, 200);
    server.polyiam.testClock!.advance(16 * MINUTE);
    try {
      const replay = await raw(server, 'GET', LIST, headers);
      assert.equal(replay.body.ResponseMetadata.Error?.Code, 'InvalidTimestamp');
    } finally {
      server.polyiam.testClock!.advance(-16 * MINUTE);
    }
  });

  it('no Authorization at all is MissingAuthenticationToken 100003 (401)', async () => {
    const response = await raw(server, 'GET', LIST, {});
    assert.equal(response.status, 401);
    assert.equal(response.body.ResponseMetadata.Error?.Code, 'MissingAuthenticationToken');
    assert.equal(response.body.ResponseMetadata.Error?.CodeN, 100003);
  });

  it('an HMAC-SHA256 Authorization without a usable signature is MissingSignature 100005 (401)', async () => {
    const xDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, '');
    const response = await raw(server, 'GET', LIST, { 'x-date': xDate, authorization: `HMAC-SHA256 Credential=${rootKeys(server).ak}/${xDate.slice(0, 8)}/cn-north-1/iam/request, SignedHeaders=x-date` });
    assert.equal(response.status, 401);
    assert.equal(response.body.ResponseMetadata.Error?.Code, 'MissingSignature');
    assert.equal(response.body.ResponseMetadata.Region, 'cn-north-1', 'the region is read from the scope even when refused');
  });

  it('a credential scope for another service is SignatureDoesNotMatch', async () => {
    const response = await rawSigned(server, rootKeys(server), { method: 'GET', query: LIST, service: 'sts' });
    assert.equal(response.status, 401);
    assert.equal(response.body.ResponseMetadata.Error?.Code, 'SignatureDoesNotMatch');
  });

  it('a form body that does not match X-Content-Sha256 is SignatureDoesNotMatch', async () => {
    const keys = rootKeys(server);
    const request = { region: 'cn-north-1', method: 'POST', pathname: '/', params: { Action: 'CreateUser', Version: '2018-01-01' }, headers: {} as Record<string, string>, body: 'UserName=signed' };
    new Signer(request, 'iam').addAuthorization({ accessKeyId: keys.ak, secretKey: keys.sk });
    const headers = { 'x-date': request.headers['X-Date']!, 'x-content-sha256': request.headers['X-Content-Sha256']!, authorization: request.headers.Authorization! };
    const response = await raw(server, 'POST', 'Action=CreateUser&Version=2018-01-01', headers, Buffer.from('UserName=swapped'), 'application/x-www-form-urlencoded');
    assert.equal(response.body.ResponseMetadata.Error?.Code, 'SignatureDoesNotMatch');
    failed(await volc(volcClient(server, keys), 'GetUser', { UserName: 'swapped' }), 'UserNotExist');
  });
});

/** Headers of a GET signed now by the SDK's Signer with the root's key. */
async function signedHeaders(server: TestServer, query: string): Promise<Record<string, string>> {
  const keys = rootKeys(server);
  const request = { region: 'cn-north-1', method: 'GET', pathname: '/', params: Object.fromEntries(new URLSearchParams(query)), headers: {} as Record<string, string> };
  new Signer(request, 'iam').addAuthorization({ accessKeyId: keys.ak, secretKey: keys.sk });
  return { 'x-date': request.headers['X-Date']!, authorization: request.headers.Authorization! };
}
