/**
 * @see #13
 * The aws CLI (awscli 2.9): `aws sts assume-role`, then `aws iam list-users` and
 * `aws sts get-caller-identity` with the returned credentials in the environment
 * (AWS_SESSION_TOKEN); and a presigned GET whose X-Amz-Security-Token rides in the query.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { AttachRolePolicyCommand, CreateRoleCommand, CreateVirtualMFADeviceCommand, EnableMFADeviceCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { codeAt, consecutiveCodes } from '../../support/totp.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { AWS } from '../aws/cli.js';
import { send, signRequest } from '../aws/sigv4.js';
import { awsClient, createUserWithKey, rootKeys, type Keys } from '../aws/support.js';
import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { stsClient, trust } from './support.js';

const run = promisify(execFile);

async function cli(url: string, env: Record<string, string>, ...args: string[]): Promise<Record<string, unknown>> {
  const home = mkdtempSync(join(tmpdir(), 'polyiam-awscli-'));
  const { stdout } = await run(AWS, [...args, '--endpoint-url', url, '--region', 'us-east-1', '--output', 'json'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, AWS_CONFIG_FILE: join(home, 'none'), AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'), AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', AWS_EC2_METADATA_DISABLED: 'true', ...env },
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('aws CLI with temporary credentials', () => {
  let server: TestServer;
  let acct: string;
  let alice: Keys;

  before(async () => {
    server = await startTestServer();
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
    const iam = awsClient(server, rootKeys(server));
    alice = await createUserWithKey(iam, 'alice');
    await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${acct}:user/alice` }) }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
  });
  after(() => server.close());

  it('aws sts assume-role, then aws iam list-users and aws sts get-caller-identity with AWS_SESSION_TOKEN', async (t) => {
    if (!requireTool(t, AWS)) return;
    const assumed = await cli(server.url, { AWS_ACCESS_KEY_ID: alice.ak, AWS_SECRET_ACCESS_KEY: alice.sk }, 'sts', 'assume-role', '--role-arn', `arn:aws:iam::${acct}:role/reader`, '--role-session-name', 'cli');
    const c = assumed.Credentials as Record<string, string>;
    assert.match(c.AccessKeyId!, /^ASIA/);
    const env = { AWS_ACCESS_KEY_ID: c.AccessKeyId!, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey!, AWS_SESSION_TOKEN: c.SessionToken! };
    const users = await cli(server.url, env, 'iam', 'list-users');
    assert.ok((users.Users as Array<{ UserName: string }>).some((u) => u.UserName === 'alice'));
    const id = await cli(server.url, env, 'sts', 'get-caller-identity');
    assert.equal(id.Arn, `arn:aws:sts::${acct}:assumed-role/reader/cli`);
  });

  it('aws sts get-session-token without MFA: get-caller-identity works, iam list-users is InvalidClientTokenId; with --serial-number and --token-code, list-users works', async (t) => {
    if (!requireTool(t, AWS)) return;
    const iam = awsClient(server, rootKeys(server));
    const dave = await createUserWithKey(iam, 'dave');
    await iam.send(new PutUserPolicyCommand({ UserName: 'dave', PolicyName: 'mfa-reads', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] }) }));
    const { VirtualMFADevice } = await iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'dave-phone' }));
    const seed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString('ascii');
    const clock = server.polyiam.testClock!;
    const [first, second] = consecutiveCodes(seed, clock.now());
    await iam.send(new EnableMFADeviceCommand({ UserName: 'dave', SerialNumber: VirtualMFADevice!.SerialNumber!, AuthenticationCode1: first, AuthenticationCode2: second }));
    const daveEnv = { AWS_ACCESS_KEY_ID: dave.ak, AWS_SECRET_ACCESS_KEY: dave.sk };
    const envOf = (out: Record<string, unknown>) => {
      const c = out.Credentials as Record<string, string>;
      assert.match(c.AccessKeyId!, /^ASIA/);
      return { AWS_ACCESS_KEY_ID: c.AccessKeyId!, AWS_SECRET_ACCESS_KEY: c.SecretAccessKey!, AWS_SESSION_TOKEN: c.SessionToken! };
    };
    const plain = envOf(await cli(server.url, daveEnv, 'sts', 'get-session-token', '--duration-seconds', '900'));
    assert.equal((await cli(server.url, plain, 'sts', 'get-caller-identity')).Arn, `arn:aws:iam::${acct}:user/dave`);
    await assert.rejects(cli(server.url, plain, 'iam', 'list-users'), (err: { stderr?: string }) => /InvalidClientTokenId/.test(err.stderr ?? ''));
    clock.advance(30_000);
    const mfa = envOf(await cli(server.url, daveEnv, 'sts', 'get-session-token', '--serial-number', VirtualMFADevice!.SerialNumber!, '--token-code', codeAt(seed, clock.now())));
    const users = await cli(server.url, mfa, 'iam', 'list-users');
    assert.ok((users.Users as Array<{ UserName: string }>).some((u) => u.UserName === 'dave'));
  });

  it('a presigned GET carrying X-Amz-Security-Token in the query is accepted; without the token it is refused', async () => {
    const out = await stsClient(server, alice).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${acct}:role/reader`, RoleSessionName: 'presign' }));
    const c = out.Credentials!;
    const keys = { ak: c.AccessKeyId!, sk: c.SecretAccessKey!, token: c.SessionToken! };
    const query = { Action: 'ListUsers', Version: '2010-05-08' };
    const signed = await signRequest(server.url, keys, { method: 'GET', query, presign: { expiresIn: 300 } });
    assert.match(signed.path, /X-Amz-Security-Token=/);
    const res = await send(server.url, signed);
    assert.equal(res.status, 200, res.body);
    const without = await signRequest(server.url, { ak: keys.ak, sk: keys.sk }, { method: 'GET', query, presign: { expiresIn: 300 } });
    const refused = await send(server.url, without);
    assert.equal(refused.status, 403);
    assert.match(refused.body, /InvalidClientTokenId/);
  });
});
