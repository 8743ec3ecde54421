import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rootKeys, volc, volcClient, type Keys, type Transport } from './support.js';

const VOLC_TIME = /^\d{8}T\d{6}Z$/;
const doc = (action: string) => JSON.stringify({ Statement: [{ Effect: 'Allow', Action: [action], Resource: ['*'] }] });

interface WirePolicy {
  PolicyName: string;
  PolicyTrn: string;
  PolicyType: string;
  Description: string;
  PolicyDocument?: string;
  CreateDate: string;
  UpdateDate: string;
  AttachmentCount?: number;
}

describe('volcengine policies (CreatePolicy ... ListEntitiesForPolicy) through @volcengine/openapi', () => {
  let server: TestServer;
  let root: iam.IamService;

  before(async () => {
    server = await startTestServer();
    root = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('CreatePolicy / GetPolicy / ListPolicies / UpdatePolicy / DeletePolicy, over each transport', async () => {
    const transports: Transport[] = ['get', 'form', 'json'];
    for (const transport of transports) {
      const name = `ReadUsers-${transport}`;
      const created = ok<{ Policy: WirePolicy }>(await volc(root, 'CreatePolicy', { PolicyName: name, PolicyDocument: doc('iam:GetUser'), Description: 'reads users' }, transport));
      const policy = created.Policy;
      assert.deepEqual(Object.keys(policy).sort(), ['CreateDate', 'Description', 'PolicyDocument', 'PolicyName', 'PolicyTrn', 'PolicyType', 'UpdateDate']);
      assert.equal(policy.PolicyName, name);
      assert.equal(policy.PolicyType, 'Custom');
      assert.match(policy.PolicyTrn, new RegExp(`^trn:iam::\\d+:policy/${name}$`));
      assert.equal(policy.PolicyDocument, doc('iam:GetUser'));
      assert.match(policy.CreateDate, VOLC_TIME);

      const got = ok<{ Policy: WirePolicy }>(await volc(root, 'GetPolicy', { PolicyName: name, PolicyType: 'Custom' }, transport));
      assert.deepEqual(got.Policy, policy);

      const updated = ok<{ Policy: WirePolicy }>(await volc(root, 'UpdatePolicy', { PolicyName: name, NewDescription: 'reads more', NewPolicyDocument: doc('iam:ListUsers') }, transport));
      assert.equal(updated.Policy.Description, 'reads more');
      assert.equal(updated.Policy.PolicyDocument, doc('iam:ListUsers'));
      assert.equal(ok<{ Policy: WirePolicy }>(await volc(root, 'GetPolicy', { PolicyName: name, PolicyType: 'Custom' })).Policy.PolicyDocument, doc('iam:ListUsers'));
      // updating again works: Volcengine policies have one document, not versions
      for (let i = 0; i < 6; i++) ok(await volc(root, 'UpdatePolicy', { PolicyName: name, NewPolicyDocument: doc('iam:GetUser') }, transport));

      ok(await volc(root, 'DeletePolicy', { PolicyName: name }, transport));
      failed(await volc(root, 'GetPolicy', { PolicyName: name, PolicyType: 'Custom' }, transport), 'PolicyNotExist');
    }
  });

  it('ListPolicies pages by Limit/Offset and filters by Scope', async () => {
    for (const n of ['PageA', 'PageB', 'PageC']) ok(await volc(root, 'CreatePolicy', { PolicyName: n, PolicyDocument: doc('iam:GetUser') }));
    const custom = ok<{ PolicyMetadata: WirePolicy[]; Total: number; Limit: number; Offset: number }>(await volc(root, 'ListPolicies', { Scope: 'Custom' }));
    assert.deepEqual(custom.PolicyMetadata.map((p) => p.PolicyName), ['PageA', 'PageB', 'PageC']);
    assert.equal(custom.Total, 3);
    assert.ok(custom.PolicyMetadata.every((p) => p.PolicyType === 'Custom' && p.AttachmentCount === 0 && p.PolicyDocument === undefined));
    const page = ok<{ PolicyMetadata: WirePolicy[]; Total: number }>(await volc(root, 'ListPolicies', { Scope: 'Custom', Limit: 1, Offset: 1 }));
    assert.deepEqual(page.PolicyMetadata.map((p) => p.PolicyName), ['PageB']);
    const system = ok<{ PolicyMetadata: WirePolicy[] }>(await volc(root, 'ListPolicies', { Scope: 'System' }));
    assert.ok(system.PolicyMetadata.some((p) => p.PolicyName === 'IAMReadOnlyAccess' && p.PolicyType === 'System'));
    failed(await volc(root, 'ListPolicies', { Scope: 'Managed' }), 'InvalidParameter');
  });

  it('AttachUserPolicy / ListAttachedUserPolicies / ListEntitiesForPolicy / DetachUserPolicy', async () => {
    ok(await volc(root, 'CreateUser', { UserName: 'holder' }));
    ok(await volc(root, 'CreatePolicy', { PolicyName: 'Held', PolicyDocument: doc('iam:GetUser'), Description: 'held' }));
    ok(await volc(root, 'AttachUserPolicy', { UserName: 'holder', PolicyName: 'Held', PolicyType: 'Custom' }));
    ok(await volc(root, 'AttachUserPolicy', { UserName: 'holder', PolicyName: 'IAMReadOnlyAccess', PolicyType: 'System' }));
    const attached = ok<{ AttachedPolicyMetadata: Array<Record<string, string>> }>(await volc(root, 'ListAttachedUserPolicies', { UserName: 'holder' }));
    assert.deepEqual(attached.AttachedPolicyMetadata.map((p) => [p.PolicyName, p.PolicyType]), [['Held', 'Custom'], ['IAMReadOnlyAccess', 'System']]);
    assert.deepEqual(Object.keys(attached.AttachedPolicyMetadata[0]!).sort(), ['AttachDate', 'Description', 'PolicyName', 'PolicyTrn', 'PolicyType']);
    assert.match(attached.AttachedPolicyMetadata[0]!.AttachDate!, VOLC_TIME);

    const entities = ok<{ PolicyUsers: Array<Record<string, string>>; PolicyRoles: unknown[] }>(await volc(root, 'ListEntitiesForPolicy', { PolicyName: 'Held', PolicyType: 'Custom' }));
    assert.deepEqual(entities.PolicyUsers.map((u) => u.UserName), ['holder']);
    assert.deepEqual(entities.PolicyRoles, []);

    failed(await volc(root, 'DeletePolicy', { PolicyName: 'Held' }), 'PolicyDeleteConflict');
    failed(await volc(root, 'DeleteUser', { UserName: 'holder' }), 'UserDeleteConflictWithPolicy');
    ok(await volc(root, 'DetachUserPolicy', { UserName: 'holder', PolicyName: 'Held', PolicyType: 'Custom' }));
    failed(await volc(root, 'DetachUserPolicy', { UserName: 'holder', PolicyName: 'Held', PolicyType: 'Custom' }), 'PolicyNotExist');
    failed(await volc(root, 'AttachUserPolicy', { UserName: 'nobody', PolicyName: 'Held', PolicyType: 'Custom' }), 'UserNotExist');
    failed(await volc(root, 'AttachUserPolicy', { UserName: 'holder', PolicyName: 'Nope', PolicyType: 'Custom' }), 'PolicyNotExist');
    failed(await volc(root, 'AttachUserPolicy', { UserName: 'holder', PolicyName: 'Held', PolicyType: 'Managed' }), 'InvalidParameter');
    failed(await volc(root, 'AttachUserPolicy', { UserName: 'holder', PolicyName: 'Held' }), 'ParameterNotFound');
  });

  it('bad documents, names and duplicates', async () => {
    const bad = failed(await volc(root, 'CreatePolicy', { PolicyName: 'Bad', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Permit', Action: ['iam:GetUser'] }] }) }), 'MalformedPolicyDocument');
    assert.match(bad.Message, /`Statement\[0\]\.Effect`/);
    failed(await volc(root, 'CreatePolicy', { PolicyName: 'Bad', PolicyDocument: '{nope' }), 'MalformedPolicyDocument');
    failed(await volc(root, 'CreatePolicy', { PolicyName: 'bad name', PolicyDocument: doc('iam:GetUser') }), 'InvalidParameter');
    failed(await volc(root, 'CreatePolicy', { PolicyName: 'NoDoc' }), 'ParameterNotFound');
    ok(await volc(root, 'CreatePolicy', { PolicyName: 'Once', PolicyDocument: doc('iam:GetUser') }));
    failed(await volc(root, 'CreatePolicy', { PolicyName: 'once', PolicyDocument: doc('iam:GetUser') }), 'PolicyAlreadyExists');
    failed(await volc(root, 'UpdatePolicy', { PolicyName: 'Once', NewPolicyName: 'Twice' }), 'InvalidParameter');
    failed(await volc(root, 'CreatePolicy', { PolicyName: 'Extra', PolicyDocument: doc('iam:GetUser'), PolicyType: 'Custom' }), 'InvalidParameter');
  });
});

describe('volcengine issue #5 scenario: a tag-conditioned policy lets alice manage team a only', () => {
  let server: TestServer;
  let root: iam.IamService;
  let alice: iam.IamService;

  before(async () => {
    server = await startTestServer();
    root = volcClient(server, rootKeys(server));
    ok(await volc(root, 'CreateUser', { UserName: 'alice' }));
    const key = ok<{ AccessKey: { AccessKeyId: string; SecretAccessKey: string } }>(await volc(root, 'CreateAccessKey', { UserName: 'alice' }));
    const keys: Keys = { ak: key.AccessKey.AccessKeyId, sk: key.AccessKey.SecretAccessKey };
    alice = volcClient(server, keys);
    ok(await volc(root, 'CreateUser', { UserName: 'bob', 'Tags.1.Key': 'team', 'Tags.1.Value': 'a' }));
    ok(await volc(root, 'CreateUser', { UserName: 'carol', 'Tags.1.Key': 'team', 'Tags.1.Value': 'b' }));
    const policy = { Statement: [{ Effect: 'Allow', Action: ['iam:CreateLoginProfile'], Resource: ['*'], Condition: { StringEquals: { 'volc:ResourceTag/team': ['a'] } } }] };
    ok(await volc(root, 'CreatePolicy', { PolicyName: 'TeamAConsole', PolicyDocument: JSON.stringify(policy) }, 'json'));
    ok(await volc(root, 'AttachUserPolicy', { UserName: 'alice', PolicyName: 'TeamAConsole', PolicyType: 'Custom' }));
  });
  after(() => server.close());

  it("alice's CreateLoginProfile for bob (team=a) succeeds; for carol (team=b) it is AccessDenied naming action and resource", async () => {
    const created = ok<{ LoginProfile: { UserName: string } }>(await volc(alice, 'CreateLoginProfile', { UserName: 'bob', Password: 'Str0ng#Pass' }));
    assert.equal(created.LoginProfile.UserName, 'bob');
    const denied = failed(await volc(alice, 'CreateLoginProfile', { UserName: 'carol', Password: 'Str0ng#Pass' }), 'AccessDenied', 100013);
    assert.match(denied.Message, /not authorized to perform: `iam:CreateLoginProfile` on resource: `trn:iam::\d+:user\/carol`/);
    // and nothing was created for carol
    failed(await volc(root, 'GetLoginProfile', { UserName: 'carol' }), 'LoginProfileNotExist');
    // detaching the policy takes bob's permission away too
    ok(await volc(root, 'DetachUserPolicy', { UserName: 'alice', PolicyName: 'TeamAConsole', PolicyType: 'Custom' }));
    ok(await volc(root, 'DeleteLoginProfile', { UserName: 'bob' }));
    failed(await volc(alice, 'CreateLoginProfile', { UserName: 'bob', Password: 'Str0ng#Pass' }), 'AccessDenied', 100013);
  });
});
