/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { withMfaProved, type CallContext, type Principal } from '../../src/core/principal.js';
import { createTestCore, type TestCore } from '../support/core.js';

let core: TestCore;
let principal: Principal;
before(async () => {
  core = await createTestCore();
  const { users, policies, policyAttachments } = core.polyiam.services;
  const user = await users.create(core.root, { name: 'ops' });
  await users.create(core.root, { name: 'target' });
  const document = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } },
      { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
    ],
  });
  const { policy } = await policies.create(core.root, { name: 'needs-recent-mfa', syntax: 'aws', document });
  await policyAttachments.attachToUser(core.root, { id: user.id }, { id: policy.id });
  principal = { accountId: core.account.account.id, userId: user.id, userName: 'ops', isRoot: false, authMethod: 'access-key', mfaAuthenticated: false };
});
after(() => core.close());

const as = (p: Principal): CallContext => ({ principal: p, requestId: 'test', dialect: 'aws', sourceIp: null, secureTransport: true });

test('aws:MultiFactorAuthPresent and aws:MultiFactorAuthAge: true only for credentials that proved MFA, the age from when they did', async () => {
  const { users } = core.polyiam.services;
  await assert.rejects(users.get(as(principal), { name: 'target' }), { kind: 'access-denied' }, 'long-term key: the keys are absent');
  await users.list(as(principal), { limit: 10 });
  const proved = withMfaProved(principal, core.clock.now());
  assert.equal((await users.get(as(proved), { name: 'target' })).name, 'target');
  await assert.rejects(users.list(as(proved), { limit: 10 }), { kind: 'access-denied' }, 'MultiFactorAuthPresent is true now');
  core.clock.advance(3601_000);
  await assert.rejects(users.get(as(proved), { name: 'target' }), { kind: 'access-denied' }, 'the MFA is older than an hour');
});
