/** @see issue #5: policies in core, one evaluator, denials explained */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { awsAccessDeniedMessage, renderDenial } from '../../src/core/authorization/denial.js';
import { AccessDeniedError, InvalidInputError } from '../../src/core/errors.js';
import { systemContext, type CallContext } from '../../src/core/principal.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import type { User } from '../../src/core/users/user.js';
import { createTestCore, pw, type TestCore } from '../support/core.js';
import { createPersona } from '../support/personas.js';

/** alice may create login profiles only for users tagged team=a (Huawei v5 syntax, `g:ResourceTag`) */
const TEAM_A = JSON.stringify({
  Version: '5.0',
  Statement: [{ Sid: 'TeamA', Effect: 'Allow', Action: ['iam:users:createLoginProfileV5'], Condition: { StringEquals: { 'g:ResourceTag/team': ['a'] } } }],
});
/** and an AWS-syntax explicit Deny on dave, by ARN */
const DENY_DAVE = (awsAccountId: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'NotDave', Effect: 'Deny', Action: 'iam:CreateLoginProfile', Resource: `arn:aws:iam::${awsAccountId}:user/dave` }] });

async function denial(promise: Promise<unknown>): Promise<AccessDeniedError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof AccessDeniedError, String(err));
    return err;
  }
  assert.fail('the call was allowed');
}

describe('issue #5 at core level: a Huawei-syntax policy with a resource-tag condition, explained denials, an AWS Deny', () => {
  let core: TestCore;
  let alice: CallContext;
  let users: Record<'bob' | 'carol' | 'dave', User>;

  before(async () => {
    core = await createTestCore();
    const { services } = core.polyiam;
    alice = (await createPersona(core, 'alice')).ctx;
    users = {
      bob: (await createPersona(core, 'bob', { tags: [{ key: 'team', value: 'a' }], loginProfile: false })).user,
      carol: (await createPersona(core, 'carol', { tags: [{ key: 'team', value: 'b' }], loginProfile: false })).user,
      dave: (await createPersona(core, 'dave', { tags: [{ key: 'team', value: 'a' }], loginProfile: false })).user,
    };
    const { policy } = await services.policies.create(core.root, { name: 'TeamALogin', syntax: 'huawei-v5', document: TEAM_A });
    await services.policyAttachments.attachToUser(core.root, { name: 'alice' }, { id: policy.id });
  });
  after(() => core.close());

  const createProfile = (ctx: CallContext, user: User) =>
    core.polyiam.services.loginProfiles.create(ctx, { id: user.id }, { password: pw('Welcome#2024x'), passwordResetRequired: true });

  it('alice creates a login profile for bob (team=a) but not for carol (team=b)', async () => {
    await createProfile(alice, users.bob);
    const err = await denial(createProfile(alice, users.carol));
    assert.equal(err.decision, 'implicit-deny');
    assert.equal(err.reason, 'implicit-deny');
    assert.equal(err.action, 'iam:users:createLoginProfileV5');
    assert.equal(err.principal?.userName, 'alice');
    assert.equal(err.target?.name, 'carol');
    assert.ok(err.encodedMessage && err.encodedMessage.length <= 10_240);
    assert.ok(!err.encodedMessage.includes('carol'), 'the message is sealed, not readable');
  });

  it('dialects render the denial: AWS wording with ARNs, Huawei URNs and action names', async () => {
    const err = await denial(createProfile(alice, users.carol));
    const aws = core.account.account.awsAccountId;
    assert.equal(
      awsAccessDeniedMessage(err),
      `User: arn:aws:iam::${aws}:user/alice is not authorized to perform: iam:CreateLoginProfile on resource: arn:aws:iam::${aws}:user/carol because no identity-based policy allows the iam:CreateLoginProfile action`,
    );
    assert.deepEqual(renderDenial(err, 'huawei-v5'), {
      principal: `iam::${core.account.account.id}:user:alice`,
      resource: `iam::${core.account.account.id}:user:carol`,
      action: 'iam:users:createLoginProfileV5',
    });
  });

  it('the decoded message shows the action, the resource, the failed condition and the value seen; decoding needs its own permission', async () => {
    const { authorizationMessages, policyAttachments } = core.polyiam.services;
    const err = await denial(createProfile(alice, users.carol));
    await assert.rejects(authorizationMessages.decode(alice, err.encodedMessage!), (e) => e instanceof AccessDeniedError && e.action === 'sts::decodeAuthorizationMessage');
    const decoded = await authorizationMessages.decode(core.root, err.encodedMessage!);
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.explicitDeny, false);
    assert.equal(decoded.context.action.name, 'iam:users:createLoginProfileV5');
    assert.equal(decoded.context.action.names.aws, 'iam:CreateLoginProfile');
    assert.equal(decoded.context.resource.names.aws, `arn:aws:iam::${core.account.account.awsAccountId}:user/carol`);
    assert.equal(decoded.context.principal.userName, 'alice');
    assert.deepEqual(decoded.context.conditions.find((c) => c.key === 'ResourceTag/team'), { key: 'ResourceTag/team', values: ['b'] });
    assert.equal(decoded.failures.length, 1);
    const [failure] = decoded.failures;
    assert.equal(failure.policyName, 'TeamALogin');
    assert.equal(failure.sid, 'TeamA');
    assert.equal(failure.outcome, 'condition-failed');
    assert.equal(failure.condition?.key, 'g:ResourceTag/team');
    assert.deepEqual(failure.condition?.policyValues, ['a']);
    assert.deepEqual(failure.condition?.requestValues, ['b']);
    // with the Security Administrator rights (or sts:DecodeAuthorizationMessage) alice may decode too
    await policyAttachments.attachToUser(core.root, { name: 'alice' }, { id: SystemPolicyIds.securityAdministrator });
    assert.equal((await authorizationMessages.decode(alice, err.encodedMessage!)).context.resource.name, 'carol');
    await policyAttachments.detachFromUser(core.root, { name: 'alice' }, { id: SystemPolicyIds.securityAdministrator });
  });

  it('a message is refused when tampered with or decoded in another account', async () => {
    const { authorizationMessages, accounts } = core.polyiam.services;
    const err = await denial(createProfile(alice, users.carol));
    const sealed = err.encodedMessage!;
    const tampered = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    await assert.rejects(authorizationMessages.decode(core.root, tampered), InvalidInputError);
    await assert.rejects(authorizationMessages.decode(core.root, 'not a message'), InvalidInputError);
    const globex = await accounts.create('globex');
    const globexRoot = systemContext(globex.account.id, globex.root.id, globex.root.name);
    await assert.rejects(authorizationMessages.decode(globexRoot, sealed), InvalidInputError);
  });

  it('an explicit Deny in AWS syntax, attached beside the Huawei Allow, wins', async () => {
    const { policies, policyAttachments, authorizationMessages } = core.polyiam.services;
    const { policy } = await policies.create(core.root, { name: 'NotDave', syntax: 'aws', document: DENY_DAVE(core.account.account.awsAccountId) });
    await policyAttachments.attachToUser(core.root, { name: 'alice' }, { id: policy.id });
    const err = await denial(createProfile(alice, users.dave));
    assert.equal(err.decision, 'explicit-deny');
    assert.match(awsAccessDeniedMessage(err), /on resource: arn:aws:iam::\d{12}:user\/dave with an explicit deny in an identity-based policy$/);
    const decoded = await authorizationMessages.decode(core.root, err.encodedMessage!);
    assert.equal(decoded.explicitDeny, true);
    assert.deepEqual(decoded.matchedStatements.map((s) => [s.policyName, s.sid, s.effect, s.syntax]), [['NotDave', 'NotDave', 'Deny', 'aws']]);
    // the Deny names dave only: carol is still refused for want of an Allow, bob's team-mates allowed
    const erin = (await createPersona(core, 'erin', { tags: [{ key: 'team', value: 'a' }], loginProfile: false })).user;
    await createProfile(alice, erin);
  });

  it('the root may do everything in its account, and a user may always read itself', async () => {
    await createProfile(core.root, users.carol);
    const self = await core.polyiam.services.users.get(alice, { name: 'alice' });
    assert.equal(self.name, 'alice');
    await denial(core.polyiam.services.users.get(alice, { name: 'bob' }));
  });
});
