/**
 * Kingsoft AssumeRole run by hand with the official Python SDK (kscore, issue #13): starts a test
 * server, makes a role `reader` trusting user `alice`, and runs kscore's `assume_role` and then
 * `list_users` signed with the temporary credentials (X-Amz-Security-Token). Secrets are not printed.
 * Run: node --import tsx scripts/kscore-assume-role.ts   (kscore at /work/kscsdk, or KSCORE_PATH)
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AttachRolePolicyCommand, CreateRoleCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { startTestServer } from '../test/support/server.js';
import { awsClient, createUserWithKey } from '../test/conformance/aws/support.js';

const script = fileURLToPath(new URL('./kscore-assume-role.py', import.meta.url));
const server = await startTestServer();
try {
  const iam = awsClient(server, { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });
  const alice = await createUserWithKey(iam, 'alice');
  const account = (await server.polyiam.services.accounts.findById(server.root.account.id))!;
  const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account.awsAccountId}:user/alice` }, Action: 'sts:AssumeRole' }] };
  await iam.send(new CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
  await iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
  const env = { ...process.env, PYTHONPATH: process.env.KSCORE_PATH ?? '/work/kscsdk', URL: server.url, AK: alice.ak, SK: alice.sk, KRN: `krn:ksc:iam::${account.numericId}:role/reader` };
  // asynchronously: the server answers from this very process
  const child = spawn('python3', [script], { env, stdio: 'inherit' });
  process.exitCode = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));
} finally {
  await server.close();
}
