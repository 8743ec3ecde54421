import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { GetUserCommand, ListUsersCommand, type IAMClient } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { form, send, signRequest, type RawResponse } from './sigv4.js';
import { awsClient, expectAwsError, rootKeys } from './support.js';

const MINUTE = 60_000;
const code = (res: RawResponse) => /<Code>([^<]*)<\/Code>/.exec(res.body)?.[1];

describe('aws SigV4 verification: header and presigned forms, 15-minute window, AWS error per failure', () => {
  let server: TestServer;
  let client: IAMClient;

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
  });
  afterEach(() => server.polyiam.testClock!.reset());
  after(() => server.close());

  it('a wrong secret is SignatureDoesNotMatch (403)', async () => {
    const wrong = awsClient(server, { ak: server.root.root.access_key_id, sk: 'x'.repeat(40) });
    await expectAwsError(wrong.send(new ListUsersCommand({})), 'SignatureDoesNotMatch', 403, /^The request signature we calculated does not match the signature you provided\./);
  });

  it('an unknown access key is InvalidClientTokenId (403)', async () => {
    const unknown = awsClient(server, { ak: 'AKIAUNKNOWN000000000', sk: 'x'.repeat(40) });
    await expectAwsError(unknown.send(new ListUsersCommand({})), 'InvalidClientTokenId', 403, 'The security token included in the request is invalid.');
  });

  it('a request signed more than 15 minutes ago is refused, one signed 14 minutes ago is not', async () => {
    server.polyiam.testClock!.advance(14 * MINUTE);
    await client.send(new ListUsersCommand({}));
    server.polyiam.testClock!.advance(2 * MINUTE);
    await expectAwsError(client.send(new ListUsersCommand({})), 'SignatureDoesNotMatch', 403, /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
  });

  it('a request signed more than 15 minutes ahead is refused as not yet current', async () => {
    server.polyiam.testClock!.advance(-16 * MINUTE);
    await expectAwsError(client.send(new ListUsersCommand({})), 'SignatureDoesNotMatch', 403, /^Signature not yet current: /);
  });

  it('a presigned GET (X-Amz-* query) is accepted until X-Amz-Expires, then RequestExpired', async () => {
    const raw = await signRequest(server.url, rootKeys(server), { method: 'GET', query: { Action: 'ListUsers', Version: '2010-05-08' }, presign: { expiresIn: 300 } });
    assert.match(raw.path, /X-Amz-Signature=/);
    const ok = await send(server.url, raw);
    assert.equal(ok.status, 200, ok.body);
    assert.match(ok.body, /<ListUsersResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
    server.polyiam.testClock!.advance(6 * MINUTE);
    const late = await send(server.url, raw);
    assert.equal(late.status, 400);
    assert.equal(code(late), 'RequestExpired');
  });

  it('a credential scoped to another service is refused', async () => {
    const raw = await signRequest(server.url, rootKeys(server), { service: 'sts', body: form({ Action: 'ListUsers', Version: '2010-05-08' }) });
    const res = await send(server.url, raw);
    assert.equal(res.status, 403);
    assert.equal(code(res), 'SignatureDoesNotMatch');
    assert.match(res.body, /Credential should be scoped to correct service: 'iam'/);
  });

  it('x-amz-content-sha256, when present, must be the body\'s hash', async () => {
    const raw = await signRequest(server.url, rootKeys(server), { body: form({ Action: 'ListUsers', Version: '2010-05-08' }), headers: { 'x-amz-content-sha256': '0'.repeat(64) } });
    const res = await send(server.url, raw);
    assert.equal(res.status, 403);
    assert.equal(code(res), 'SignatureDoesNotMatch');
    // without the header, the payload hash is computed from the body
    const plain = await signRequest(server.url, rootKeys(server), { body: form({ Action: 'ListUsers', Version: '2010-05-08' }), applyChecksum: false });
    assert.equal(plain.headers['x-amz-content-sha256'], undefined);
    assert.equal((await send(server.url, plain)).status, 200);
  });

  it('a body changed after signing is SignatureDoesNotMatch', async () => {
    const raw = await signRequest(server.url, rootKeys(server), { body: form({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'signed' }) });
    const res = await send(server.url, { ...raw, body: Buffer.from(form({ Action: 'CreateUser', Version: '2010-05-08', UserName: 'forged' })) });
    assert.equal(res.status, 403);
    assert.equal(code(res), 'SignatureDoesNotMatch');
    await expectAwsError(client.send(new GetUserCommand({ UserName: 'forged' })), 'NoSuchEntityException', 404);
  });

  it('an unsigned request is MissingAuthenticationToken; a malformed Authorization is IncompleteSignature', async () => {
    const body = Buffer.from(form({ Action: 'ListUsers', Version: '2010-05-08' }));
    const unsigned = await send(server.url, { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    assert.equal(unsigned.status, 403);
    assert.equal(code(unsigned), 'MissingAuthenticationToken');
    const malformed = await send(server.url, { method: 'POST', path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'AWS4-HMAC-SHA256 Credential=AKIA/bad', 'x-amz-date': '20260101T000000Z' }, body });
    assert.equal(malformed.status, 400);
    assert.equal(code(malformed), 'IncompleteSignature');
  });

  it('every response carries x-amzn-requestid, equal to the body\'s RequestId', async () => {
    const res = await send(server.url, await signRequest(server.url, rootKeys(server), { body: form({ Action: 'ListUsers', Version: '2010-05-08' }) }));
    const id = res.headers['x-amzn-requestid'];
    assert.ok(typeof id === 'string' && id.length > 0);
    assert.match(res.body, new RegExp(`<RequestId>${id}</RequestId>`));
  });
});
