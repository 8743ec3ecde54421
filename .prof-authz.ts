import { createTestCore } from './test/support/core.js';
import { contextFor } from './test/support/personas.js';
import { PlainPassword } from './src/core/secrets.js';
const core = await createTestCore();
const s = core.polyiam.services;
const account = core.account.account;
const run = 'az';
function document(i: number, awsAccountId: string, prefix: string): string {
  const ACTIONS = ['iam:GetLoginProfile', 'iam:GetUser', 'iam:ListAccessKeys', 'iam:UpdateUser', 'iam:CreateAccessKey', 'iam:TagUser'];
  const TEAMS = ['dev', 'ops', 'sec', 'data'];
  const statements = Array.from({ length: 10 }, (_, j) => {
    const k = i * 10 + j;
    const matching = k === 99;
    return { Sid: `S${j}`, Effect: k % 10 === 8 ? 'Deny' : 'Allow',
      Action: [ACTIONS[k % 6], ACTIONS[(k + 3) % 6], ...(matching ? ['iam:GetLoginProfile'] : [])],
      Resource: `arn:aws:iam::${awsAccountId}:user/${matching ? prefix : `${prefix}${k % 7}`}*`,
      Condition: { StringEquals: { 'aws:PrincipalTag/team': matching ? 'dev' : TEAMS[(k % 3) + 1] }, IpAddress: { 'aws:SourceIp': matching ? '127.0.0.0/8' : `10.${k % 8}.0.0/16` }, Bool: { 'aws:SecureTransport': 'false' } } };
  });
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
const target = await s.users.create(core.root, { name: `${run}-target` });
await s.loginProfiles.create(core.root, { id: target.id }, { password: new PlainPassword('Bench#Passw0rd'), passwordResetRequired: false });
const caller = await s.users.create(core.root, { name: `${run}-caller`, tags: [{ key: 'team', value: 'dev' }] });
for (let i = 0; i < 10; i++) {
  const { policy } = await s.policies.create(core.root, { name: `${run}-p${i}`, syntax: 'aws', document: document(i, account.awsAccountId, `${run}-t`) });
  await s.policyAttachments.attachToUser(core.root, { id: caller.id }, { id: policy.id });
}
const userCtx = { ...contextFor(caller), sourceIp: '127.0.0.1', secureTransport: false };
const rootCtx = { ...contextFor(core.account.root), sourceIp: '127.0.0.1', secureTransport: false };
async function time(label: string, ctx: typeof userCtx, n = 20000) {
  for (let i = 0; i < 2000; i++) await s.loginProfiles.get(ctx, { id: target.id });
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await s.loginProfiles.get(ctx, { id: target.id });
  const us = Number(process.hrtime.bigint() - t) / 1000 / n;
  console.log(label, us.toFixed(1), 'us/op');
}
for (let r = 0; r < 3; r++) { await time('root', rootCtx); await time('user', userCtx); }
await core.close();
