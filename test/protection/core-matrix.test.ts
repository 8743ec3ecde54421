/**
 * The protection matrix (STYLE.md "Protection matrix"; issue #5 item 7): every persona against every
 * core command, each on a fresh fixture, with the expected outcome.
 * - root: everything in its account; admin group member: everything (Security Administrator);
 * - IAMReadOnlyAccess: reads and simulations only; no policies: only its own password change;
 * - disabled user: refused as an authentication failure, whatever it holds;
 * - another account's root: never reaches the fixture's account (not found, or its own data only).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CreatedAccount } from '../../src/core/accounts/accounts-service.js';
import { AccessDeniedError } from '../../src/core/errors.js';
import { isIamError } from '../../src/core/errors.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import { ADMIN_GROUP_NAME } from '../../src/core/users/group.js';
import { createTestCore, pw, type TestCore } from '../support/core.js';
import { contextFor, createPersona, PERSONA_PASSWORD } from '../support/personas.js';
import { OPERATIONS, type Caller, type Fixture, type Operation } from './core-operations.js';

type Persona = 'root' | 'admin' | 'reader' | 'nobody' | 'disabled' | 'foreign';
type Outcome = 'allow' | 'deny' | 'refused' | 'isolated';

function expected(persona: Persona, op: Operation): Outcome {
  switch (persona) {
    case 'root':
    case 'admin':
      return 'allow';
    case 'reader':
      return op.read || op.self ? 'allow' : 'deny';
    case 'nobody':
      return op.self ? 'allow' : 'deny';
    case 'disabled':
      return 'refused';
    case 'foreign':
      return 'isolated';
  }
}

describe('protection matrix: personas x core commands', () => {
  let core: TestCore;
  let globex: CreatedAccount;
  const callers = {} as Record<Persona, Caller>;
  let n = 0;

  before(async () => {
    core = await createTestCore();
    const { services } = core.polyiam;
    callers.root = { ctx: contextFor(core.account.root), password: 'AcmeRoot#2024' };
    const admin = await createPersona(core, 'admin-member');
    await services.groups.addUser(core.root, { name: ADMIN_GROUP_NAME }, { id: admin.user.id });
    callers.admin = { ctx: admin.ctx, password: PERSONA_PASSWORD };
    const reader = await createPersona(core, 'reader');
    await services.policyAttachments.attachToUser(core.root, { id: reader.user.id }, { id: SystemPolicyIds.iamReadOnlyAccess });
    callers.reader = { ctx: reader.ctx, password: PERSONA_PASSWORD };
    callers.nobody = { ctx: (await createPersona(core, 'nobody')).ctx, password: PERSONA_PASSWORD };
    // full rights do not help a disabled user
    const disabled = await createPersona(core, 'disabled', { enabled: false });
    await services.policyAttachments.attachToUser(core.root, { id: disabled.user.id }, { id: SystemPolicyIds.administratorAccess });
    callers.disabled = { ctx: disabled.ctx, password: PERSONA_PASSWORD };
    globex = await services.accounts.create('globex', pw('GlobexRoot#2024'));
    callers.foreign = { ctx: contextFor(globex.root), password: 'GlobexRoot#2024' };
  });
  after(() => core.close());

  async function fixture(): Promise<Fixture> {
    const { services } = core.polyiam;
    const i = ++n;
    const user = await services.users.create(core.root, { name: `target-${i}`, tags: [{ key: 'team', value: 'x' }] });
    await services.loginProfiles.create(core.root, { id: user.id }, { password: pw('Target#Pass2024'), passwordResetRequired: false });
    const { key } = await services.accessKeys.create(core.root, { id: user.id });
    const bare = await services.users.create(core.root, { name: `bare-${i}` });
    const group = await services.groups.create(core.root, { name: `team-${i}` });
    await services.groups.addUser(core.root, { id: group.id }, { id: user.id });
    const readOnly = { id: SystemPolicyIds.iamReadOnlyAccess };
    await services.policyAttachments.attachToUser(core.root, { id: user.id }, readOnly);
    await services.policyAttachments.attachToGroup(core.root, { id: group.id }, readOnly);
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] });
    await services.inlinePolicies.put(core.root, { id: user.id }, { name: 'fx', syntax: 'aws', document });
    const { policy } = await services.policies.create(core.root, { name: `fixture-${i}`, syntax: 'aws', document });
    await services.policies.createVersion(core.root, { id: policy.id }, { document, setAsDefault: false });
    await services.passwordPolicy.update(core.root, {});
    let encoded = '';
    await services.users.delete(callers.nobody.ctx, { id: user.id }, { cascade: true }).catch((err: unknown) => {
      if (err instanceof AccessDeniedError && err.encodedMessage) encoded = err.encodedMessage;
    });
    assert.ok(encoded, 'the fixture holds an authorization message');
    return { user, bare, keyId: key.id, group, policy, encoded };
  }

  async function outcome(persona: Persona, op: Operation, fx: Fixture): Promise<{ outcome: Outcome | 'failed'; detail: string }> {
    try {
      const result = await op.run(core.polyiam.services, callers[persona], fx, ++n);
      if (persona === 'foreign') {
        // what it got back is its own account's, never the fixture's
        const text = JSON.stringify(result ?? null);
        const leaked = [core.account.account.id, fx.user.id, fx.user.name, fx.group.id, fx.policy.id].some((s) => text.includes(s));
        return { outcome: leaked ? 'allow' : 'isolated', detail: leaked ? 'leaked the fixture account' : 'own account only' };
      }
      return { outcome: 'allow', detail: 'ok' };
    } catch (err) {
      const kind = isIamError(err) ? err.kind : 'error';
      if (kind === 'access-denied') return { outcome: persona === 'foreign' ? 'isolated' : 'deny', detail: kind };
      if (kind === 'authentication-failed') return { outcome: 'refused', detail: kind };
      if (persona === 'foreign' && (kind === 'not-found' || kind === 'invalid-input')) return { outcome: 'isolated', detail: kind };
      return { outcome: 'failed', detail: `${kind}: ${String(err)}` };
    }
  }

  for (const persona of ['root', 'admin', 'reader', 'nobody', 'disabled', 'foreign'] as const) {
    it(`${persona}`, async () => {
      const mismatches: string[] = [];
      for (const op of OPERATIONS) {
        const fx = await fixture();
        const got = await outcome(persona, op, fx);
        const want = expected(persona, op);
        if (got.outcome !== want) mismatches.push(`${op.name}: expected ${want}, got ${got.outcome} (${got.detail})`);
      }
      assert.deepEqual(mismatches, []);
    });
  }

  it('covers every command of every core service', () => {
    const services = core.polyiam.services;
    const covered = new Set(OPERATIONS.map((op) => op.name));
    const commands: Array<[string, object]> = [
      ['users', services.users],
      ['loginProfiles', services.loginProfiles],
      ['passwordPolicy', services.passwordPolicy],
      ['accessKeys', services.accessKeys],
      ['groups', services.groups],
      ['policies', services.policies],
      ['policyAttachments', services.policyAttachments],
      ['inlinePolicies', services.inlinePolicies],
      ['simulator', services.simulator],
      ['authorizationMessages', services.authorizationMessages],
    ];
    // not commands: authentication comes before authorization; and the services' private helpers
    const notCommands = new Set([
      'accessKeys.resolveSigningKey',
      'accessKeys.markUsed',
      'accessKeys.requireKey',
      'users.blockers',
      'policyAttachments.attach',
      'policyAttachments.detach',
      'policyAttachments.attachedTo',
      'simulator.run',
      // issue #15: GetUser's permissions boundary, looked up inside the authorized command
      'users.withBoundary',
      // Huawei v3.0 OS-CREDENTIAL names a key alone: which user to call the authorized command on
      'accessKeys.ownerOf',
    ]);
    for (const [name, service] of commands) {
      for (const method of Object.getOwnPropertyNames(Object.getPrototypeOf(service))) {
        const full = `${name}.${method}`;
        if (method === 'constructor' || notCommands.has(full)) continue;
        assert.ok(covered.has(full), `${full} is in the matrix`);
      }
    }
  });

  it('a member of the admin group may look at the root user but not change it, whatever policies say', async () => {
    const { services } = core.polyiam;
    const rootRef = { id: core.account.root.id };
    assert.equal((await services.users.get(callers.admin.ctx, rootRef)).name, 'acme');
    await services.policyAttachments.attachToUser(core.root, { name: 'admin-member' }, { id: SystemPolicyIds.administratorAccess });
    for (const call of [
      services.loginProfiles.update(callers.admin.ctx, rootRef, { password: pw('Takeover#2024') }),
      services.accessKeys.create(callers.admin.ctx, rootRef),
      services.policyAttachments.detachFromUser(callers.admin.ctx, rootRef, { id: SystemPolicyIds.iamReadOnlyAccess }),
    ]) {
      await assert.rejects(call, (err) => err instanceof AccessDeniedError && err.reason === 'root-only');
    }
  });
});
