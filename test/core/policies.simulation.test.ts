/** @see issue #5 "Simulation": AWS SimulatePrincipalPolicy and SimulateCustomPolicy give enforcement's answers */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Actions, type IamAction } from '../../src/core/authorization/actions.js';
import { PolicyAuthorizer } from '../../src/core/authorization/policy-authorizer.js';
import { ChangeFeed } from '../../src/core/change-feed.js';
import { AccessDeniedError, InvalidInputError } from '../../src/core/errors.js';
import { coreActionsNamed } from '../../src/core/evaluation/action-names.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import type { User } from '../../src/core/users/user.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { contextFor, createPersona } from '../support/personas.js';

const clearBox = { seal: (t: string) => t, open: (t: string) => t };

describe('policy simulation', () => {
  let core: TestCore;
  let people: Record<'alice' | 'reader' | 'nobody' | 'bob' | 'carol', User>;

  before(async () => {
    core = await createTestCore();
    const { services } = core.polyiam;
    const persona = async (name: string, tags: Array<{ key: string; value: string }> = []) => (await createPersona(core, name, { tags, loginProfile: false })).user;
    people = {
      alice: await persona('alice', [{ key: 'team', value: 'a' }]),
      reader: await persona('reader'),
      nobody: await persona('nobody'),
      bob: await persona('bob', [{ key: 'team', value: 'a' }]),
      carol: await persona('carol', [{ key: 'team', value: 'b' }]),
    };
    // alice: ABAC in Huawei syntax, plus an AWS Deny on carol's keys
    const abac = JSON.stringify({ Version: '5.0', Statement: [{ Effect: 'Allow', Action: ['iam:users:*', 'iam:credentials:*'], Condition: { StringEquals: { 'g:ResourceTag/team': ['${g:PrincipalTag/team}'] } } }] });
    const deny = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*AccessKey*', Resource: 'arn:aws:iam::*:user/carol' }] });
    for (const [name, syntax, document] of [['Abac', 'huawei-v5', abac], ['NoCarolKeys', 'aws', deny]] as const) {
      const { policy } = await services.policies.create(core.root, { name, syntax, document });
      await services.policyAttachments.attachToUser(core.root, { id: people.alice.id }, { id: policy.id });
    }
    await services.policyAttachments.attachToUser(core.root, { id: people.reader.id }, { id: SystemPolicyIds.iamReadOnlyAccess });
  });
  after(() => core.close());

  it('SimulatePrincipalPolicy answers what enforcement decides, for every persona, action and target', async () => {
    const { simulator, store } = { simulator: core.polyiam.services.simulator, store: core.polyiam.store };
    const actions: IamAction[] = [Actions.getUser, Actions.updateUser, Actions.createAccessKey, Actions.listUsers, Actions.deleteUser, Actions.createPolicy];
    const targets = ['alice', 'bob', 'carol', 'reader', 'acme'];
    let compared = 0;
    for (const who of [people.alice, people.reader, people.nobody, core.account.root]) {
      const simulated = await simulator.simulatePrincipalPolicy(core.root, { user: { id: who.id }, actions, resources: targets.map((name) => ({ type: 'user' as const, name })) });
      assert.equal(simulated.length, actions.length * targets.length);
      // a fresh authorizer per persona: nothing cached from earlier calls
      const authorizer = new PolicyAuthorizer({ store, clock: core.clock, secretBox: clearBox, changes: new ChangeFeed() });
      const ctx = contextFor(who);
      for (const result of simulated) {
        const enforced = await authorizer.authorize(ctx, result.action, { type: 'user', accountId: core.account.account.id, name: result.target.name! }).then(
          () => 'allow',
          (err: unknown) => (err instanceof AccessDeniedError ? err.decision : 'error'),
        );
        assert.equal(result.decision, enforced, `${who.name} ${result.action} on ${result.target.name}`);
        compared++;
      }
    }
    assert.equal(compared, 4 * actions.length * targets.length);
  });

  it('explains each answer: deciding statements and failed conditions, in every syntax', async () => {
    const [toCarol, toBob, carolKey] = await core.polyiam.services.simulator.simulatePrincipalPolicy(core.root, {
      user: { name: 'alice' },
      actions: [Actions.updateUser, Actions.createAccessKey],
      resources: [{ type: 'user', name: 'carol' }, { type: 'user', name: 'bob' }],
    }).then((r) => [r[0], r[2], r[1]]);
    assert.equal(toCarol.decision, 'implicit-deny');
    assert.deepEqual(toCarol.failures.map((f) => [f.policyName, f.outcome, f.condition?.requestValues]), [['Abac', 'condition-failed', ['b']]]);
    assert.equal(toBob.decision, 'allow');
    assert.deepEqual(toBob.matchedStatements.map((s) => s.policyName), ['Abac']);
    assert.equal(carolKey.decision, 'explicit-deny');
    assert.equal(carolKey.context.action.names.aws, 'iam:CreateAccessKey');
    assert.equal(carolKey.context.resource.names['huawei-v5'], `iam::${core.account.account.id}:user:carol`);
  });

  it('the root and self-service answers are enforcement\'s too', async () => {
    const { simulator } = core.polyiam.services;
    const [root] = await simulator.simulatePrincipalPolicy(core.root, { user: { id: core.account.root.id }, actions: [Actions.deleteUser] });
    assert.deepEqual([root.decision, root.decidedBy], ['allow', 'root']);
    const [self] = await simulator.simulatePrincipalPolicy(core.root, { user: { name: 'nobody' }, actions: [Actions.getUser], resources: [{ type: 'user', name: 'nobody' }] });
    assert.deepEqual([self.decision, self.decidedBy], ['allow', 'self-service']);
  });

  it('SimulateCustomPolicy evaluates the given documents alone, with context entries', async () => {
    const { simulator } = core.polyiam.services;
    const document = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['iam:ListUsers'], Condition: { IpAddress: { 'volc:SourceIp': ['10.0.0.0/8'] } } }] });
    const run = (ip: string) =>
      simulator.simulateCustomPolicy(core.root, { documents: [document], syntax: 'volcengine', actions: coreActionsNamed('aws', 'iam:ListUsers'), context: { syntax: 'aws', entries: [{ key: 'aws:SourceIp', values: [ip] }] } });
    assert.equal((await run('10.1.2.3'))[0].decision, 'allow');
    const [outside] = await run('192.0.2.1');
    assert.equal(outside.decision, 'implicit-deny');
    assert.deepEqual(outside.failures[0].condition?.requestValues, ['192.0.2.1']);
    // the root simulating custom policies gets the policies' answer, not the root's
    const [none] = await simulator.simulateCustomPolicy(core.root, { documents: [document], syntax: 'volcengine', actions: [Actions.deleteUser] });
    assert.equal(none.decision, 'implicit-deny');
    await assert.rejects(simulator.simulateCustomPolicy(core.root, { documents: ['{'], syntax: 'aws', actions: [Actions.listUsers] }), InvalidInputError);
    await assert.rejects(
      simulator.simulateCustomPolicy(core.root, { documents: [document], syntax: 'volcengine', actions: [Actions.listUsers], context: { syntax: 'aws', entries: [{ key: 'aws:CurrentTime', values: ['soon'] }] } }),
      InvalidInputError,
    );
  });

  it('simulating is itself authorized: IAMReadOnlyAccess may, a user without policies may not', async () => {
    const { simulator } = core.polyiam.services;
    const input = { user: { name: 'bob' }, actions: [Actions.listUsers] };
    assert.equal((await simulator.simulatePrincipalPolicy(contextFor(people.reader), input)).length, 1);
    await assert.rejects(simulator.simulatePrincipalPolicy(contextFor(people.nobody), input), AccessDeniedError);
    await assert.rejects(simulator.simulateCustomPolicy(contextFor(people.nobody), { documents: ['{}'], syntax: 'aws', actions: [Actions.listUsers] }), AccessDeniedError);
  });
});
