/**
 * @see #15 The AWS CLI (awscli 2.9, `/usr/bin/aws`) for role boundaries, instance profiles, SAML and
 * OpenID Connect providers and service-linked roles, with their main refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { requireTool } from '../../support/tools.js';
import { AWS, awsCli, fails, ok } from './cli.js';
import { samlMetadata } from './saml-metadata.js';
import type { Keys } from './sigv4.js';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('aws iam CLI (awscli 2.9): role boundaries, instance profiles, identity providers, service-linked roles', () => {
  let server: TestServer;
  let root: Keys;
  let acct: string;
  const cli = awsCli(() => server.url);
  const iam = (...args: string[]) => cli('iam', root, ...args);

  before(async () => {
    server = await startTestServer();
    root = { ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key };
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('role boundary and instance profile', async (t) => {
    if (!requireTool(t, AWS)) return;
    const boundary = 'arn:aws:iam::aws:policy/IAMReadOnlyAccess';
    ok(await iam('create-role', '--role-name', 'cli-role', '--assume-role-policy-document', TRUST, '--permissions-boundary', boundary));
    const role = ok(await iam('get-role', '--role-name', 'cli-role')) as { Role: { PermissionsBoundary: { PermissionsBoundaryArn: string } } };
    assert.equal(role.Role.PermissionsBoundary.PermissionsBoundaryArn, boundary);
    ok(await iam('put-role-permissions-boundary', '--role-name', 'cli-role', '--permissions-boundary', boundary));
    ok(await iam('create-instance-profile', '--instance-profile-name', 'cli-ip'));
    ok(await iam('add-role-to-instance-profile', '--instance-profile-name', 'cli-ip', '--role-name', 'cli-role'));
    const got = ok(await iam('get-instance-profile', '--instance-profile-name', 'cli-ip')) as { InstanceProfile: { Roles: Array<{ RoleName: string }> } };
    assert.deepEqual(got.InstanceProfile.Roles.map((r) => r.RoleName), ['cli-role']);
    fails(await iam('delete-instance-profile', '--instance-profile-name', 'cli-ip'), 'DeleteConflict', /must remove roles from instance profile first/);
    fails(await iam('get-instance-profile', '--instance-profile-name', 'nope'), 'NoSuchEntity');
  });

  it('OpenID Connect and SAML providers', async (t) => {
    if (!requireTool(t, AWS)) return;
    const created = ok(await iam('create-open-id-connect-provider', '--url', 'https://oidc.example.com', '--client-id-list', 'sts.amazonaws.com', '--thumbprint-list', 'a'.repeat(40))) as { OpenIDConnectProviderArn: string };
    assert.equal(created.OpenIDConnectProviderArn, `arn:aws:iam::${acct}:oidc-provider/oidc.example.com`);
    const got = ok(await iam('get-open-id-connect-provider', '--open-id-connect-provider-arn', created.OpenIDConnectProviderArn)) as { Url: string; ClientIDList: string[] };
    assert.deepEqual([got.Url, got.ClientIDList], ['oidc.example.com', ['sts.amazonaws.com']]);
    fails(await iam('create-open-id-connect-provider', '--url', 'https://oidc.example.com', '--thumbprint-list', 'a'.repeat(40)), 'EntityAlreadyExists');
    const saml = ok(await iam('create-saml-provider', '--name', 'cli-saml', '--saml-metadata-document', samlMetadata())) as { SAMLProviderArn: string };
    assert.equal(saml.SAMLProviderArn, `arn:aws:iam::${acct}:saml-provider/cli-saml`);
    ok(await iam('get-saml-provider', '--saml-provider-arn', saml.SAMLProviderArn));
    fails(await iam('create-saml-provider', '--name', 'cli-sp', '--saml-metadata-document', samlMetadata({ idp: false })), 'InvalidInput', /Could not parse metadata/);
  });

  it('service-linked role', async (t) => {
    if (!requireTool(t, AWS)) return;
    const created = ok(await iam('create-service-linked-role', '--aws-service-name', 'elasticloadbalancing.amazonaws.com')) as { Role: { RoleName: string; Path: string } };
    assert.equal(created.Role.RoleName, 'AWSServiceRoleForElasticLoadBalancing');
    fails(await iam('delete-role', '--role-name', 'AWSServiceRoleForElasticLoadBalancing'), 'UnmodifiableEntity');
    const task = ok(await iam('delete-service-linked-role', '--role-name', 'AWSServiceRoleForElasticLoadBalancing')) as { DeletionTaskId: string };
    const status = ok(await iam('get-service-linked-role-deletion-status', '--deletion-task-id', task.DeletionTaskId)) as { Status: string };
    assert.equal(status.Status, 'SUCCEEDED');
  });
});
