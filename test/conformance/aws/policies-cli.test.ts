/**
 * The AWS CLI (Debian awscli 2.9, `/usr/bin/aws`) for issue #5's policy calls and their main errors,
 * endpoint override only: the CLI decodes URL-encoded policy documents into JSON itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { AWS, awsCli, fails, ok } from './cli.js';
import type { Keys } from './sigv4.js';


describe('aws iam CLI (awscli 2.9): policies, attachments, groups, simulation', () => {
  let server: TestServer;
  let root: Keys;

  const cli = awsCli(() => server.url);

  const iam = (keys: Keys, ...args: string[]) => cli('iam', keys, ...args);
  const sts = (keys: Keys, ...args: string[]) => cli('sts', keys, ...args);

  before(async () => {
    server = await startTestServer();
    root = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
  });
  after(() => server.close());

  it('create-policy, get-policy-version (decoded by the CLI), versions, list-policies --scope, delete-policy conflicts', async (t) => {
    if (!requireTool(t, AWS)) return;
    const document = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] };
    const created = ok(await iam(root, 'create-policy', '--policy-name', 'cli-pol', '--policy-document', JSON.stringify(document), '--description', 'from the cli')) as { Policy: { Arn: string; DefaultVersionId: string } };
    assert.match(created.Policy.Arn, /^arn:aws:iam::\d{12}:policy\/cli-pol$/);
    const arn = created.Policy.Arn;
    const version = ok(await iam(root, 'get-policy-version', '--policy-arn', arn, '--version-id', 'v1')) as { PolicyVersion: { Document: unknown; IsDefaultVersion: boolean } };
    assert.deepEqual(version.PolicyVersion.Document, document);
    fails(await iam(root, 'create-policy', '--policy-name', 'cli-pol', '--policy-document', JSON.stringify(document)), 'EntityAlreadyExists', /A policy called cli-pol already exists/);
    fails(await iam(root, 'create-policy', '--policy-name', 'cli-bad', '--policy-document', '{"Version":"2012-10-17"}'), 'MalformedPolicyDocument');
    ok(await iam(root, 'create-policy-version', '--policy-arn', arn, '--policy-document', JSON.stringify(document), '--set-as-default'));
    const versions = ok(await iam(root, 'list-policy-versions', '--policy-arn', arn)) as { Versions: Array<{ VersionId: string }> };
    assert.deepEqual(versions.Versions.map((v) => v.VersionId), ['v2', 'v1']);
    fails(await iam(root, 'delete-policy', '--policy-arn', arn), 'DeleteConflict');
    ok(await iam(root, 'set-default-policy-version', '--policy-arn', arn, '--version-id', 'v1'));
    ok(await iam(root, 'delete-policy-version', '--policy-arn', arn, '--version-id', 'v2'));
    const local = ok(await iam(root, 'list-policies', '--scope', 'Local', '--page-size', '1')) as { Policies: Array<{ PolicyName: string }> };
    assert.deepEqual(local.Policies.map((p) => p.PolicyName), ['cli-pol']);
    const aws = ok(await iam(root, 'get-policy', '--policy-arn', 'arn:aws:iam::aws:policy/IAMReadOnlyAccess')) as { Policy: { PolicyName: string } };
    assert.equal(aws.Policy.PolicyName, 'IAMReadOnlyAccess');
    ok(await iam(root, 'delete-policy', '--policy-arn', arn));
    fails(await iam(root, 'get-policy', '--policy-arn', arn), 'NoSuchEntity', /does not exist or is not attachable/);
  });

  it('attach / list / detach for users and groups, list-entities-for-policy, inline policies, simulate-custom-policy', async (t) => {
    if (!requireTool(t, AWS)) return;
    ok(await iam(root, 'create-user', '--user-name', 'cli-att'));
    ok(await iam(root, 'create-group', '--group-name', 'cli-grp'));
    ok(await iam(root, 'add-user-to-group', '--group-name', 'cli-grp', '--user-name', 'cli-att'));
    const managed = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
    ok(await iam(root, 'attach-user-policy', '--user-name', 'cli-att', '--policy-arn', managed));
    ok(await iam(root, 'attach-group-policy', '--group-name', 'cli-grp', '--policy-arn', managed));
    const attached = ok(await iam(root, 'list-attached-user-policies', '--user-name', 'cli-att')) as { AttachedPolicies: Array<{ PolicyArn: string }> };
    assert.deepEqual(attached.AttachedPolicies.map((p) => p.PolicyArn), [managed]);
    const entities = ok(await iam(root, 'list-entities-for-policy', '--policy-arn', managed)) as { PolicyUsers: Array<{ UserName: string }>; PolicyGroups: Array<{ GroupName: string }> };
    assert.deepEqual(entities.PolicyUsers.map((u) => u.UserName), ['cli-att']);
    assert.deepEqual(entities.PolicyGroups.map((g) => g.GroupName), ['cli-grp']);
    const group = ok(await iam(root, 'get-group', '--group-name', 'cli-grp')) as { Users: Array<{ UserName: string }> };
    assert.deepEqual(group.Users.map((u) => u.UserName), ['cli-att']);
    const groupsOf = ok(await iam(root, 'list-groups-for-user', '--user-name', 'cli-att')) as { Groups: Array<{ GroupName: string }> };
    assert.deepEqual(groupsOf.Groups.map((g) => g.GroupName), ['cli-grp']);
    // the root's key signed every call above: the CLI reads back when, for which service and region
    const lastUsed = ok(await iam(root, 'get-access-key-last-used', '--access-key-id', root.ak)) as { AccessKeyLastUsed: { ServiceName: string; Region: string; LastUsedDate: string } };
    assert.equal(lastUsed.AccessKeyLastUsed.ServiceName, 'iam');
    assert.match(lastUsed.AccessKeyLastUsed.LastUsedDate, /^\d{4}-\d{2}-\d{2}T/);
    ok(await iam(root, 'detach-user-policy', '--user-name', 'cli-att', '--policy-arn', managed));
    ok(await iam(root, 'detach-group-policy', '--group-name', 'cli-grp', '--policy-arn', managed));
    fails(await iam(root, 'detach-user-policy', '--user-name', 'cli-att', '--policy-arn', managed), 'NoSuchEntity');
    const inline = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:ListUsers', Resource: '*' }] };
    ok(await iam(root, 'put-user-policy', '--user-name', 'cli-att', '--policy-name', 'lister', '--policy-document', JSON.stringify(inline)));
    const got = ok(await iam(root, 'get-user-policy', '--user-name', 'cli-att', '--policy-name', 'lister')) as { PolicyDocument: unknown };
    assert.deepEqual(got.PolicyDocument, inline);
    assert.deepEqual((ok(await iam(root, 'list-user-policies', '--user-name', 'cli-att')) as { PolicyNames: string[] }).PolicyNames, ['lister']);
    ok(await iam(root, 'delete-user-policy', '--user-name', 'cli-att', '--policy-name', 'lister'));
    fails(await iam(root, 'get-user-policy', '--user-name', 'cli-att', '--policy-name', 'lister'), 'NoSuchEntity');
    const sim = ok(await iam(root, 'simulate-custom-policy', '--policy-input-list', JSON.stringify(inline), '--action-names', 'iam:ListUsers', 'iam:DeleteUser')) as {
      EvaluationResults: Array<{ EvalActionName: string; EvalDecision: string }>;
    };
    assert.deepEqual(sim.EvaluationResults.map((r) => [r.EvalActionName, r.EvalDecision]), [['iam:ListUsers', 'allowed'], ['iam:DeleteUser', 'implicitDeny']]);
    ok(await iam(root, 'remove-user-from-group', '--group-name', 'cli-grp', '--user-name', 'cli-att'));
    ok(await iam(root, 'delete-group', '--group-name', 'cli-grp'));
  });

  it('sts get-caller-identity, and a denied user\'s AccessDenied wording in the CLI', async (t) => {
    if (!requireTool(t, AWS)) return;
    const me = ok(await sts(root, 'get-caller-identity')) as { Arn: string };
    assert.match(me.Arn, /^arn:aws:iam::\d{12}:root$/);
    ok(await iam(root, 'create-user', '--user-name', 'cli-nobody'));
    const key = ok(await iam(root, 'create-access-key', '--user-name', 'cli-nobody')) as { AccessKey: { AccessKeyId: string; SecretAccessKey: string } };
    const nobody = { ak: key.AccessKey.AccessKeyId, sk: key.AccessKey.SecretAccessKey };
    fails(await iam(nobody, 'create-user', '--user-name', 'x'), 'AccessDenied', /User: arn:aws:iam::\d{12}:user\/cli-nobody is not authorized to perform: iam:CreateUser on resource: arn:aws:iam::\d{12}:user\/x because no identity-based policy allows the iam:CreateUser action/);
  });
});
