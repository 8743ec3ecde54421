/**
 * @see issue #5 "Performance": compiled policies are cached per principal and dropped on change, on
 * this node at once and on the other nodes sharing the database (PostgreSQL) soon after.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Polyiam } from '../../src/app/polyiam.js';
import { AccessDeniedError, AuthenticationError } from '../../src/core/errors.js';
import type { CallContext } from '../../src/core/principal.js';
import { systemContext } from '../../src/core/principal.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import { PlainPassword } from '../../src/core/secrets.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { contextFor, createPersona } from '../support/personas.js';
import { eventually, openNode, scratchDatabase, type ScratchDatabase } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';

const READ_ONLY = { id: SystemPolicyIds.iamReadOnlyAccess };
const allowed = async (call: Promise<unknown>) => {
  try {
    await call;
    return true;
  } catch (err) {
    if (err instanceof AccessDeniedError) return false;
    throw err;
  }
};

describe('principal policy cache on one node: every change is seen by the next call', () => {
  let core: TestCore;
  before(async () => {
    core = await createTestCore();
  });
  after(() => core.close());

  it('attach, detach, group membership, group attachments, default versions, inline policies, disabling', async () => {
    const { users, policies, policyAttachments, groups, inlinePolicies } = core.polyiam.services;
    const { user, ctx } = await createPersona(core, 'watcher', { loginProfile: false });
    const list = () => allowed(users.list(ctx, { limit: 10 }));
    assert.equal(await list(), false);
    await policyAttachments.attachToUser(core.root, { id: user.id }, READ_ONLY);
    assert.equal(await list(), true);
    await policyAttachments.detachFromUser(core.root, { id: user.id }, READ_ONLY);
    assert.equal(await list(), false);

    const readers = await groups.create(core.root, { name: 'readers' });
    await policyAttachments.attachToGroup(core.root, { id: readers.id }, READ_ONLY);
    await groups.addUser(core.root, { id: readers.id }, { id: user.id });
    assert.equal(await list(), true);
    await groups.removeUser(core.root, { id: readers.id }, { id: user.id });
    assert.equal(await list(), false);
    await groups.addUser(core.root, { id: readers.id }, { id: user.id });
    assert.equal(await list(), true);
    await policyAttachments.detachFromGroup(core.root, { id: readers.id }, READ_ONLY);
    assert.equal(await list(), false);
    await policyAttachments.attachToGroup(core.root, { id: readers.id }, READ_ONLY);
    assert.equal(await list(), true);
    await groups.delete(core.root, { id: readers.id }, { cascade: true });
    assert.equal(await list(), false);

    const doc = (effect: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: effect, Action: 'iam:ListUsers', Resource: '*' }] });
    const { policy } = await policies.create(core.root, { name: 'Flip', syntax: 'aws', document: doc('Allow') });
    await policyAttachments.attachToUser(core.root, { id: user.id }, { id: policy.id });
    assert.equal(await list(), true);
    await policies.createVersion(core.root, { id: policy.id }, { document: doc('Deny'), setAsDefault: true });
    assert.equal(await list(), false);
    await policies.setDefaultVersion(core.root, { id: policy.id }, 'v1');
    assert.equal(await list(), true);
    await policyAttachments.detachFromUser(core.root, { id: user.id }, { id: policy.id });

    await inlinePolicies.put(core.root, { id: user.id }, { name: 'Own', syntax: 'aws', document: doc('Allow') });
    assert.equal(await list(), true);
    await inlinePolicies.delete(core.root, { id: user.id }, 'Own');
    assert.equal(await list(), false);

    await inlinePolicies.put(core.root, { id: user.id }, { name: 'Own', syntax: 'aws', document: doc('Allow') });
    await users.update(core.root, { id: user.id }, { enabled: false });
    await assert.rejects(users.list(ctx, { limit: 10 }), (err) => err instanceof AuthenticationError && err.reason === 'user-disabled');
  });

  it('a remembered allow holds only for the same connection facts, and never for a clock condition', async () => {
    const { users, policies, policyAttachments } = core.polyiam.services;
    const { user } = await createPersona(core, 'remembered', { loginProfile: false });
    // inside the principal cache's 30 s lifetime, so the same compiled policies decide both calls
    const until = new Date(core.clock.now() + 5_000).toISOString();
    const doc = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } },
        { Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: { DateLessThan: { 'aws:CurrentTime': until } } },
      ],
    });
    const { policy } = await policies.create(core.root, { name: 'Remembered', syntax: 'aws', document: doc });
    await policyAttachments.attachToUser(core.root, { id: user.id }, { id: policy.id });
    const inside = contextFor(user, { sourceIp: '10.1.2.3' });
    const outside = contextFor(user, { sourceIp: '192.0.2.7' });
    assert.equal(await allowed(users.list(inside, { limit: 1 })), true);
    assert.equal(await allowed(users.list(inside, { limit: 1 })), true);
    assert.equal(await allowed(users.list(outside, { limit: 1 })), false, 'an allow from one address is not one from another');
    // another user: reading itself is always allowed (self-service), whatever the clock
    const { user: other } = await createPersona(core, 'remembered-other', { loginProfile: false });
    assert.equal(await allowed(users.get(inside, { id: other.id })), true);
    core.clock.advance(10_000);
    assert.equal(await allowed(users.get(inside, { id: other.id })), false, 'a decision that reads the clock is made anew');
    core.clock.reset();
  });

  it('principal tags are read per call, so a tag change needs no policy change', async () => {
    const { users, policies, policyAttachments } = core.polyiam.services;
    const { user, ctx } = await createPersona(core, 'tagged', { loginProfile: false });
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/role': 'auditor' } } }] });
    const { policy } = await policies.create(core.root, { name: 'Auditors', syntax: 'aws', document: doc });
    await policyAttachments.attachToUser(core.root, { id: user.id }, { id: policy.id });
    assert.equal(await allowed(users.list(ctx, { limit: 1 })), false);
    await users.tag(core.root, { id: user.id }, [{ key: 'role', value: 'auditor' }]);
    assert.equal(await allowed(users.list(ctx, { limit: 1 })), true);
  });
});

describe('principal policy cache on two PostgreSQL nodes', () => {
  let a: Polyiam | undefined;
  let b: Polyiam | undefined;
  let rootA: CallContext;
  const name = `pol${randomBytes(4).toString('hex')}`;

  let database: ScratchDatabase | undefined;

  before(async () => {
    const url = process.env.POLYIAM_TEST_PG_URL;
    if (!url) return;
    // a database of its own: the nodes' key-encryption key must open every sealed row they find
    database = await scratchDatabase(url, 'polyiam_p');
    const masterKey = randomBytes(32).toString('base64');
    a = await openNode(database.url, masterKey);
    b = await openNode(database.url, masterKey);
    const created = await a.services.accounts.create(name, new PlainPassword('PgRoot#2024pass'));
    rootA = systemContext(created.account.id, created.root.id, created.root.name);
  });
  after(async () => {
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('an attachment made on node A, and its removal, reach node B', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const user = await a!.services.users.create(rootA, { name: 'remote' });
    const onB = contextFor(user);
    const listOnB = () => allowed(b!.services.users.list(onB, { limit: 1 }));
    assert.equal(await listOnB(), false, 'B caches the denial');
    await a!.services.policyAttachments.attachToUser(rootA, { id: user.id }, READ_ONLY);
    assert.ok(await eventually(listOnB, 5_000), 'B learns the attachment');
    await a!.services.policyAttachments.detachFromUser(rootA, { id: user.id }, READ_ONLY);
    assert.ok(await eventually(async () => !(await listOnB()), 5_000), 'B learns the detachment');
  });
});
