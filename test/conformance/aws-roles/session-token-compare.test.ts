/**
 * @see #13
 * A session already in use is recognised by comparing the presented token with the one it was opened
 * from (constant time, without a buffer per call since the performance work): a token of the same
 * length that differs in one character, or holds a non-ASCII character, is another token and refused
 * as AWS refuses a bad one (InvalidClientTokenId), never a 500; the session itself keeps working.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CreateRoleCommand, AttachRolePolicyCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { AssumeRoleCommand, type Credentials } from '@aws-sdk/client-sts';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from '../aws/support.js';
import { form, send, signRequest } from '../aws/sigv4.js';
import { sessionIam, stsClient, trust } from './support.js';

describe('a cached session and tokens of the same length', () => {
  let server: TestServer;
  let c: Credentials;

  before(async () => {
    server = await startTestServer();
    const acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    const alice = await createUserWithKey(iam, 'alice');
    await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    c = (await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/reader`, RoleSessionName: 'compare' }))).Credentials!;
    // the first use opens the token and keeps the session: later calls compare tokens
    await sessionIam(server, c).send(new ListUsersCommand({}));
  });
  after(() => server.close());

  it('one character changed in the middle: InvalidClientTokenId', async () => {
    const token = c.SessionToken!;
    const at = Math.floor(token.length / 2);
    const changed = token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    assert.equal(changed.length, token.length);
    await expectAwsError(sessionIam(server, { ...c, SessionToken: changed }).send(new ListUsersCommand({})), 'InvalidClientTokenId', 403);
  });

  it('a non-ASCII character in place of one: InvalidClientTokenId, not a server error', async () => {
    const token = c.SessionToken!;
    const changed = `${token.slice(0, -1)}\u00e9`;
    const raw = await signRequest(server.url, { ak: c.AccessKeyId!, sk: c.SecretAccessKey!, token: changed }, { body: form({ Action: 'ListUsers', Version: '2010-05-08' }) });
    const res = await send(server.url, raw);
    assert.equal(res.status, 403, res.body);
    assert.match(res.body, /<Code>InvalidClientTokenId<\/Code>/);
  });

  it('the session itself still answers', async () => {
    const out = await sessionIam(server, c).send(new ListUsersCommand({}));
    assert.ok(out.Users?.some((u) => u.UserName === 'alice'));
  });
});
