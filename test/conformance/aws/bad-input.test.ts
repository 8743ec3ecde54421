/**
 * Hand-written bad input in the AWS envelope (issue #4, 6): each is a clear 4xx in the AWS XML error
 * shape, and nothing is written.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListUsersCommand, type IAMClient } from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { encode, form, send, signRequest, type RawResponse } from './sigv4.js';
import { awsClient, rootKeys } from './support.js';

const V = '2010-05-08';

function assertAwsError(res: RawResponse, status: number, code: string, message?: RegExp) {
  assert.equal(res.status, status, res.body);
  assert.match(String(res.headers['content-type']), /^text\/xml/);
  assert.match(res.body, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<ErrorResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/"><Error><Type>Sender<\/Type>/);
  assert.equal(/<Code>([^<]*)<\/Code>/.exec(res.body)?.[1], code, res.body);
  if (message) assert.match(res.body, message);
}

describe('aws bad input: a clear 4xx in the AWS envelope, nothing written', () => {
  let server: TestServer;
  let client: IAMClient;
  const post = async (body: string | Buffer, extra: { contentType?: string; query?: Record<string, string> } = {}) =>
    send(server.url, await signRequest(server.url, rootKeys(server), { body, ...(extra.contentType ? { contentType: extra.contentType } : {}), ...(extra.query ? { query: extra.query } : {}) }));

  before(async () => {
    server = await startTestServer();
    client = awsClient(server, rootKeys(server));
  });
  after(async () => {
    // nothing any of these requests asked for exists
    const { Users } = await client.send(new ListUsersCommand({}));
    assert.deepEqual(Users ?? [], []);
    await server.close();
  });

  it('an unknown Action is InvalidAction', async () => {
    assertAwsError(await post(form({ Action: 'CreateUserPlease', Version: V, UserName: 'u1' })), 400, 'InvalidAction', /Could not find operation CreateUserPlease for version 2010-05-08/);
  });

  it('a missing Action is MissingAction', async () => {
    assertAwsError(await post(form({ Version: V, UserName: 'u1' })), 400, 'MissingAction');
  });

  it('a missing or wrong Version is InvalidAction', async () => {
    assertAwsError(await post(form({ Action: 'CreateUser', UserName: 'u1' })), 400, 'InvalidAction', /for version NO_VERSION_SPECIFIED/);
    assertAwsError(await post(form({ Action: 'CreateUser', Version: '2009-01-01', UserName: 'u1' })), 400, 'InvalidAction', /for version 2009-01-01/);
  });

  it('a parameter given twice, in the body or across query and body, is refused', async () => {
    assertAwsError(await post(`${form({ Action: 'CreateUser', Version: V, UserName: 'u1' })}&UserName=u2`), 400, 'InvalidParameterValue', /UserName: is given more than once/);
    assertAwsError(await post(form({ Action: 'CreateUser', Version: V, UserName: 'u1' }), { query: { UserName: 'u3' } }), 400, 'InvalidParameterValue', /UserName/);
  });

  it('wrong types are ValidationError naming the member', async () => {
    assertAwsError(await post(form({ Action: 'ListUsers', Version: V, MaxItems: 'ten' })), 400, 'ValidationError', /at 'maxItems' failed to satisfy constraint: Member must be an integer/);
    assertAwsError(await post(form({ Action: 'ListUsers', Version: V, MaxItems: '0' })), 400, 'ValidationError', /greater than or equal to 1/);
    assertAwsError(await post(form({ Action: 'CreateLoginProfile', Version: V, UserName: 'u1', Password: 'Passw0rd-1', PasswordResetRequired: 'yes' })), 400, 'ValidationError', /passwordResetRequired/);
    assertAwsError(await post(form({ Action: 'UpdateAccountPasswordPolicy', Version: V, MinimumPasswordLength: '8.5' })), 400, 'ValidationError', /minimumPasswordLength/);
  });

  it('oversize values are refused: a 10,000-character name, a body past the limit', async () => {
    assertAwsError(await post(form({ Action: 'CreateUser', Version: V, UserName: 'u'.repeat(10_000) })), 400, 'ValidationError', /less than or equal to 64/);
    const huge = `${form({ Action: 'CreateUser', Version: V, UserName: 'big' })}&Path=${'%2F'.repeat(100_000)}`;
    assertAwsError(await post(huge), 413, 'RequestEntityTooLarge');
    assertAwsError(await post(form({ Action: 'CreateUser', Version: V, UserName: 'u1', Path: `/${'p'.repeat(600)}/` })), 400, 'ValidationError', /path/);
  });

  it('bytes that are not UTF-8 are refused, raw or percent-encoded', async () => {
    const raw = Buffer.concat([Buffer.from(`${form({ Action: 'CreateUser', Version: V })}&UserName=`), Buffer.from([0xff, 0xfe])]);
    assertAwsError(await post(raw), 400, 'MalformedQueryString', /not valid UTF-8/);
    assertAwsError(await post(`${form({ Action: 'CreateUser', Version: V })}&UserName=%FF%FE`), 400, 'InvalidParameterValue', /UserName: is not valid percent-encoded UTF-8/);
    const query = await send(server.url, await signRequest(server.url, rootKeys(server), { method: 'GET', query: { Action: 'CreateUser', Version: V, UserName: 'ok' }, presign: { expiresIn: 60 } }).then((r) => ({ ...r, path: `${r.path}&Bad=%C3%28` })));
    assertAwsError(query, 400, 'InvalidParameterValue', /Bad/);
  });

  it('list members numbered with gaps, or without their Key, are refused', async () => {
    const gap = `${form({ Action: 'CreateUser', Version: V, UserName: 'u1' })}&${encode('Tags.member.2.Key')}=k&${encode('Tags.member.2.Value')}=v`;
    assertAwsError(await post(gap), 400, 'InvalidParameterValue', /numbered from 1 without gaps/);
    assertAwsError(await post(form({ Action: 'CreateUser', Version: V, UserName: 'u1', 'Tags.member.1.Value': 'v' })), 400, 'ValidationError', /tags\.1\.member\.key/);
  });

  it('a JSON or text body is refused: the AWS query API takes form bodies', async () => {
    assertAwsError(await post(JSON.stringify({ Action: 'CreateUser', Version: V, UserName: 'u1' }), { contentType: 'application/json' }), 400, 'MalformedQueryString');
    assertAwsError(await post(form({ Action: 'CreateUser', Version: V, UserName: 'u1' }), { contentType: 'text/plain' }), 400, 'MalformedQueryString');
  });

  it('an empty required value is a ValidationError, not an empty user name', async () => {
    assertAwsError(await post(form({ Action: 'CreateUser', Version: V, UserName: '' })), 400, 'ValidationError', /greater than or equal to 1/);
    assertAwsError(await post(form({ Action: 'DeleteUser', Version: V })), 400, 'ValidationError', /Member must not be null/);
  });
});
