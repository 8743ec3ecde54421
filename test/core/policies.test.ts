import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DeleteConflictError, InvalidInputError, LimitExceededError, NotFoundError } from '../../src/core/errors.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import { MalformedPolicyDocumentError } from '../../src/core/policies/validate.js';
import { createTestCore, type TestCore } from '../support/core.js';
import { createPersona } from '../support/personas.js';

const allow = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
const kind = (k: string) => (err: unknown) => (err as { kind?: string }).kind === k;

describe('PoliciesService: custom policies and versions', () => {
  let core: TestCore;
  before(async () => {
    core = await createTestCore();
  });
  after(() => core.close());

  it('creates a policy with v1 as default, reads it by id and by name, lists it beside the system policies', async () => {
    const { policies } = core.polyiam.services;
    const created = await policies.create(core.root, { name: 'ReadUsers', path: '/team/', description: 'read', syntax: 'aws', document: allow('iam:GetUser') });
    assert.equal(created.policy.scope, 'custom');
    assert.equal(created.policy.defaultVersionId, 'v1');
    assert.match(created.policy.id, /^[0-9a-f]{32}$/);
    assert.match(created.policy.awsId, /^ANPA[A-Z0-9]{17}$/);
    assert.deepEqual(created.version, { policyId: created.policy.id, versionId: 'v1', document: allow('iam:GetUser'), isDefault: true, createdAt: created.policy.createdAt });
    assert.deepEqual(await policies.get(core.root, { id: created.policy.id }), created.policy);
    assert.deepEqual(await policies.get(core.root, { name: 'readusers', scope: 'custom' }), created.policy);
    const all = await policies.list(core.root, { limit: 100 });
    assert.ok(all.items.some((p) => p.id === created.policy.id));
    assert.ok(all.items.some((p) => p.id === SystemPolicyIds.iamReadOnlyAccess && p.systemNames?.huaweiV5 === 'IAMReadOnlyPolicy'));
    assert.deepEqual((await policies.list(core.root, { limit: 100, scope: 'custom' })).items.map((p) => p.name), ['ReadUsers']);
    assert.deepEqual((await policies.list(core.root, { limit: 100, pathPrefix: '/team/' })).items.map((p) => p.name), ['ReadUsers']);
    // the admin group holds Security Administrator: the only policy attached anywhere in a new account
    assert.deepEqual((await policies.list(core.root, { limit: 100, onlyAttached: true })).items.map((p) => p.id), [SystemPolicyIds.securityAdministrator]);
  });

  it('pages the merged list with its own marker', async () => {
    const { policies } = core.polyiam.services;
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = await policies.list(core.root, { limit: 2, ...(marker ? { marker } : {}) });
      seen.push(...page.items.map((p) => p.name.toLowerCase()));
      marker = page.nextMarker;
    } while (marker);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(seen.length, (await policies.list(core.root, { limit: 100 })).items.length);
    await assert.rejects(policies.list(core.root, { limit: 2, marker: 'bogus' }), InvalidInputError);
  });

  it('validates every document in its syntax on write: all problems, and the size limit apart', async () => {
    const { policies } = core.polyiam.services;
    await assert.rejects(policies.create(core.root, { name: 'Bad', syntax: 'huawei-v5', document: allow('iam:GetUser') }), (err) => {
      assert.ok(err instanceof MalformedPolicyDocumentError);
      assert.equal(err.kind, 'invalid-input');
      assert.ok(err.problems.some((p) => p.code === 'unsupported-version'));
      return true;
    });
    const huge = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 400 }, (_, i) => `iam:Get${i}xxxxxx`), Resource: '*' }] });
    await assert.rejects(policies.create(core.root, { name: 'Huge', syntax: 'aws', document: huge }), LimitExceededError);
    await assert.rejects(policies.create(core.root, { name: 'readUSERS', syntax: 'aws', document: allow('iam:GetUser') }), kind('already-exists'));
  });

  it('versions: v2..v5 then the limit; ids never reused; the default cannot be deleted; a new default is in force', async () => {
    const { policies } = core.polyiam.services;
    const { policy } = await policies.create(core.root, { name: 'Versioned', syntax: 'aws', document: allow('iam:GetUser') });
    const ref = { id: policy.id };
    for (let i = 2; i <= 5; i++) await policies.createVersion(core.root, ref, { document: allow(`iam:List${i}`), setAsDefault: false });
    await assert.rejects(policies.createVersion(core.root, ref, { document: allow('iam:X'), setAsDefault: false }), (err) => err instanceof LimitExceededError && err.limit === 5);
    await policies.deleteVersion(core.root, ref, 'v3');
    const v6 = await policies.createVersion(core.root, ref, { document: allow('iam:ListUsers'), setAsDefault: true });
    assert.equal(v6.versionId, 'v6');
    assert.deepEqual((await policies.listVersions(core.root, ref)).map((v) => [v.versionId, v.isDefault]), [['v1', false], ['v2', false], ['v4', false], ['v5', false], ['v6', true]]);
    assert.equal((await policies.get(core.root, ref)).defaultVersionId, 'v6');
    await assert.rejects(policies.deleteVersion(core.root, ref, 'v6'), (err) => err instanceof DeleteConflictError && err.blockers[0] === 'default-version');
    await assert.rejects(policies.getVersion(core.root, ref, 'v3'), (err) => err instanceof NotFoundError && err.entity === 'policy-version');
    await policies.setDefaultVersion(core.root, ref, 'v2');
    assert.equal((await policies.getVersion(core.root, ref, 'v2')).isDefault, true);
    await assert.rejects(policies.setDefaultVersion(core.root, ref, 'v9'), NotFoundError);
    await assert.rejects(policies.createVersion(core.root, ref, { document: '{"Version":"5.0","Statement":[]}', setAsDefault: true }), MalformedPolicyDocumentError);
  });

  it('delete: conflicts while attached, and without cascade while other versions remain', async () => {
    const { policies, policyAttachments } = core.polyiam.services;
    const { user } = await createPersona(core, 'holder', { loginProfile: false });
    const { policy } = await policies.create(core.root, { name: 'Doomed', syntax: 'aws', document: allow('iam:GetUser') });
    await policies.createVersion(core.root, { id: policy.id }, { document: allow('iam:ListUsers'), setAsDefault: false });
    await policyAttachments.attachToUser(core.root, { id: user.id }, { id: policy.id });
    await assert.rejects(policies.delete(core.root, { id: policy.id }, { cascade: true }), (err) => err instanceof DeleteConflictError && err.blockers[0] === 'policy-attachments');
    await policyAttachments.detachFromUser(core.root, { name: user.name }, { name: 'Doomed' });
    await assert.rejects(policies.delete(core.root, { id: policy.id }, { cascade: false }), (err) => err instanceof DeleteConflictError && err.blockers[0] === 'policy-versions');
    await policies.delete(core.root, { id: policy.id }, { cascade: true });
    await assert.rejects(policies.get(core.root, { id: policy.id }), NotFoundError);
  });

  it('system policies are read-only, with one version holding their AWS document', async () => {
    const { policies } = core.polyiam.services;
    const ref = { name: 'IAMFullAccessPolicy', scope: 'system' as const };
    const view = await policies.get(core.root, ref);
    assert.equal(view.id, SystemPolicyIds.iamFullAccess);
    assert.equal(view.name, 'IAMFullAccess');
    const [only] = await policies.listVersions(core.root, ref);
    assert.equal(only.versionId, 'v1');
    assert.deepEqual(JSON.parse(only.document).Statement[0].Action, 'iam:*');
    await assert.rejects(policies.createVersion(core.root, ref, { document: allow('*'), setAsDefault: true }), InvalidInputError);
    await assert.rejects(policies.delete(core.root, ref, { cascade: true }), InvalidInputError);
  });
});

describe('PolicyAttachmentsService and InlinePoliciesService', () => {
  let core: TestCore;
  before(async () => {
    core = await createTestCore();
  });
  after(() => core.close());

  it('attaches idempotently to users and groups, lists both ways, and holds the AWS quota of 10', async () => {
    const { policies, policyAttachments, groups } = core.polyiam.services;
    const { user } = await createPersona(core, 'bob', { loginProfile: false });
    const devs = await groups.create(core.root, { name: 'devs' });
    const { policy } = await policies.create(core.root, { name: 'P0', syntax: 'aws', document: allow('iam:GetUser') });
    await policyAttachments.attachToUser(core.root, { id: user.id }, { id: policy.id });
    await policyAttachments.attachToUser(core.root, { id: user.id }, { id: policy.id });
    await policyAttachments.attachToGroup(core.root, { id: devs.id }, { id: SystemPolicyIds.iamReadOnlyAccess });
    const attached = await policyAttachments.listForUser(core.root, { name: 'bob' });
    assert.deepEqual(attached.policies.map((a) => [a.policy.name, a.policy.attachmentCount]), [['P0', 1]]);
    assert.deepEqual((await policyAttachments.listForGroup(core.root, { name: 'devs' })).policies.map((a) => a.policy.id), [SystemPolicyIds.iamReadOnlyAccess]);
    const entities = await policyAttachments.listEntities(core.root, { id: policy.id });
    assert.deepEqual(entities.users.map((u) => u.user.name), ['bob']);
    assert.deepEqual(entities.groups, []);
    for (let i = 1; i < 10; i++) {
      const extra = await policies.create(core.root, { name: `P${i}`, syntax: 'aws', document: allow('iam:GetUser') });
      await policyAttachments.attachToUser(core.root, { id: user.id }, { id: extra.policy.id });
    }
    await assert.rejects(policyAttachments.attachToUser(core.root, { id: user.id }, { id: SystemPolicyIds.iamFullAccess }), (err) => err instanceof LimitExceededError && err.limit === 10);
    await assert.rejects(policyAttachments.detachFromUser(core.root, { id: user.id }, { id: SystemPolicyIds.iamFullAccess }), NotFoundError);
    await assert.rejects(policyAttachments.attachToUser(core.root, { id: user.id }, { name: 'NoSuchPolicy' }), NotFoundError);
  });

  it('inline policies: put validates with the inline size limit, replaces by name, lists, deletes', async () => {
    const { inlinePolicies } = core.polyiam.services;
    const { user } = await createPersona(core, 'carol', { loginProfile: false });
    const first = await inlinePolicies.put(core.root, { id: user.id }, { name: 'Own', syntax: 'aws', document: allow('iam:GetUser') });
    const replaced = await inlinePolicies.put(core.root, { id: user.id }, { name: 'OWN', syntax: 'kingsoft', document: allow('iam:ListUsers') });
    assert.equal(replaced.createdAt, first.createdAt);
    assert.deepEqual((await inlinePolicies.list(core.root, { name: 'carol' })).policies.map((p) => [p.name, p.syntax]), [['OWN', 'kingsoft']]);
    assert.equal((await inlinePolicies.get(core.root, { id: user.id }, 'own')).policy.document, allow('iam:ListUsers'));
    // AWS inline user policies: 2,048 non-whitespace characters
    const big = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 200 }, (_, i) => `iam:Get${i}xx`), Resource: '*' }] });
    await assert.rejects(inlinePolicies.put(core.root, { id: user.id }, { name: 'Big', syntax: 'aws', document: big }), LimitExceededError);
    await inlinePolicies.delete(core.root, { id: user.id }, 'Own');
    await assert.rejects(inlinePolicies.get(core.root, { id: user.id }, 'Own'), (err) => err instanceof NotFoundError && err.entity === 'inline-policy');
  });
});
