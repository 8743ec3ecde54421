/**
 * @see #15 Instance profiles, SAML providers and service-linked roles through @aws-sdk/client-iam,
 * with AWS's refusals (NoSuchEntity, EntityAlreadyExists, DeleteConflict, LimitExceeded, InvalidInput,
 * UnmodifiableEntity, ValidationError).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  CreateSAMLProviderCommand,
  CreateServiceLinkedRoleCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DeleteSAMLProviderCommand,
  DeleteServiceLinkedRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetSAMLProviderCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  IAMClient,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  ListSAMLProvidersCommand,
  ListSAMLProviderTagsCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  TagSAMLProviderCommand,
  UntagInstanceProfileCommand,
  UntagSAMLProviderCommand,
  UpdateSAMLProviderCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys } from '../aws/support.js';
import { samlMetadata } from '../aws/saml-metadata.js';
import { trust } from './support.js';

describe('aws instance profiles, SAML providers and service-linked roles through the official SDK', () => {
  let server: TestServer;
  let iam: IAMClient;
  let acct: string;

  before(async () => {
    server = await startTestServer();
    iam = awsClient(server, rootKeys(server));
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('instance profiles: create, one role, list, tags, delete conflicts', async () => {
    const created = await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'web', Path: '/apps/', Tags: [{ Key: 'env', Value: 'prod' }] }));
    assert.match(created.InstanceProfile!.InstanceProfileId!, /^AIPA[A-Z0-9]{17}$/);
    assert.equal(created.InstanceProfile!.Arn, `arn:aws:iam::${acct}:instance-profile/apps/web`);
    assert.deepEqual(created.InstanceProfile!.Roles, []);
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'batch' }));
    await expectAwsError(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'WEB' })), 'EntityAlreadyExistsException', 409, 'Instance Profile WEB already exists.');
    await expectAwsError(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'bad name' })), 'ValidationError', 400);

    await iam.send(new CreateRoleCommand({ RoleName: 'ec2', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'other', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'ec2' }));
    await expectAwsError(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'other' })), 'LimitExceededException', 409, 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
    await expectAwsError(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'nope', RoleName: 'ec2' })), 'NoSuchEntityException', 404, 'Instance Profile nope cannot be found.');
    await expectAwsError(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'batch', RoleName: 'ghost' })), 'NoSuchEntityException', 404, 'The role with name ghost cannot be found.');

    const got = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' }));
    assert.deepEqual(got.InstanceProfile!.Roles!.map((r) => r.RoleName), ['ec2']);
    assert.deepEqual(got.InstanceProfile!.Tags, [{ Key: 'env', Value: 'prod' }]);
    assert.deepEqual((await iam.send(new ListInstanceProfilesCommand({}))).InstanceProfiles!.map((p) => p.InstanceProfileName), ['batch', 'web']);
    assert.deepEqual((await iam.send(new ListInstanceProfilesCommand({ PathPrefix: '/apps/' }))).InstanceProfiles!.map((p) => p.InstanceProfileName), ['web']);
    const firstPage = await iam.send(new ListInstanceProfilesCommand({ MaxItems: 1 }));
    assert.equal(firstPage.IsTruncated, true);
    assert.deepEqual((await iam.send(new ListInstanceProfilesCommand({ Marker: firstPage.Marker! }))).InstanceProfiles!.map((p) => p.InstanceProfileName), ['web']);
    assert.deepEqual((await iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'ec2' }))).InstanceProfiles!.map((p) => p.InstanceProfileName), ['web']);

    await iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'web', Tags: [{ Key: 'team', Value: 'a' }] }));
    await iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'web', TagKeys: ['env'] }));
    assert.deepEqual((await iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'web' }))).Tags, [{ Key: 'team', Value: 'a' }]);

    const conflict = 'Cannot delete entity, must remove roles from instance profile first.';
    await expectAwsError(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })), 'DeleteConflictException', 409, conflict);
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: 'ec2' })), 'DeleteConflictException', 409, conflict);
    await iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'ec2' }));
    await expectAwsError(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'ec2' })), 'NoSuchEntityException', 404);
    await iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: 'web' }));
    await iam.send(new DeleteRoleCommand({ RoleName: 'ec2' }));
    await expectAwsError(iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'web' })), 'NoSuchEntityException', 404);
  });

  it('two concurrent AddRoleToInstanceProfile: one wins, the other is LimitExceeded', async () => {
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'race' }));
    await iam.send(new CreateRoleCommand({ RoleName: 'race-a', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    await iam.send(new CreateRoleCommand({ RoleName: 'race-b', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    const results = await Promise.allSettled(['race-a', 'race-b'].map((RoleName) => iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'race', RoleName }))));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    assert.equal((await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'race' }))).InstanceProfile!.Roles!.length, 1);
  });

  it('SAML providers: metadata parsed, ValidUntil, tags, update, delete; refusals', async () => {
    const doc = samlMetadata({ validUntil: '2030-01-01T00:00:00Z' });
    const created = await iam.send(new CreateSAMLProviderCommand({ Name: 'okta', SAMLMetadataDocument: doc, Tags: [{ Key: 'k', Value: 'v' }] }));
    const arn = created.SAMLProviderArn!;
    assert.equal(arn, `arn:aws:iam::${acct}:saml-provider/okta`);
    const got = await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }));
    assert.equal(got.SAMLMetadataDocument, doc);
    assert.equal(got.ValidUntil!.toISOString(), '2030-01-01T00:00:00.000Z');
    assert.ok(got.CreateDate instanceof Date);
    assert.deepEqual(got.Tags, [{ Key: 'k', Value: 'v' }]);
    assert.deepEqual((await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList!.map((p) => p.Arn), [arn]);
    await expectAwsError(iam.send(new CreateSAMLProviderCommand({ Name: 'okta', SAMLMetadataDocument: doc })), 'EntityAlreadyExistsException', 409, 'SAMLProvider okta already exists.');
    await expectAwsError(iam.send(new CreateSAMLProviderCommand({ Name: 'sp', SAMLMetadataDocument: samlMetadata({ idp: false }) })), 'InvalidInputException', 400, /^Could not parse metadata/);
    await expectAwsError(iam.send(new CreateSAMLProviderCommand({ Name: 'broken', SAMLMetadataDocument: `${doc.slice(0, -5)}` })), 'InvalidInputException', 400, /^Could not parse metadata/);
    await expectAwsError(iam.send(new CreateSAMLProviderCommand({ Name: 'short', SAMLMetadataDocument: '<x/>' })), 'ValidationError', 400);
    await expectAwsError(iam.send(new CreateSAMLProviderCommand({ Name: 'bad name', SAMLMetadataDocument: doc })), 'ValidationError', 400);
    await expectAwsError(iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn.replace('okta', 'nope') })), 'NoSuchEntityException', 404, `SAMLProvider not found for arn ${arn.replace('okta', 'nope')}`);
    // nothing stored from the refused creates
    assert.equal((await iam.send(new ListSAMLProvidersCommand({}))).SAMLProviderList!.length, 1);

    await iam.send(new UpdateSAMLProviderCommand({ SAMLProviderArn: arn, SAMLMetadataDocument: samlMetadata() }));
    assert.equal((await iam.send(new GetSAMLProviderCommand({ SAMLProviderArn: arn }))).ValidUntil, undefined);
    await iam.send(new TagSAMLProviderCommand({ SAMLProviderArn: arn, Tags: [{ Key: 'b', Value: '2' }] }));
    await iam.send(new UntagSAMLProviderCommand({ SAMLProviderArn: arn, TagKeys: ['k'] }));
    assert.deepEqual((await iam.send(new ListSAMLProviderTagsCommand({ SAMLProviderArn: arn }))).Tags, [{ Key: 'b', Value: '2' }]);
    // a trust policy naming the SAML or OIDC provider as a Federated principal validates
    const federated = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: arn }, Action: 'sts:AssumeRoleWithSAML' }, { Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${acct}:oidc-provider/token.example.com` }, Action: 'sts:AssumeRoleWithWebIdentity' }] });
    await iam.send(new CreateRoleCommand({ RoleName: 'federated', AssumeRolePolicyDocument: federated }));
    await iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn }));
    await expectAwsError(iam.send(new DeleteSAMLProviderCommand({ SAMLProviderArn: arn })), 'NoSuchEntityException', 404);
  });

  it('service-linked roles: AWS names and path, no DeleteRole, deletion task SUCCEEDED', async () => {
    const { Role } = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com', Description: 'lb' }));
    assert.equal(Role!.RoleName, 'AWSServiceRoleForElasticLoadBalancing');
    assert.equal(Role!.Path, '/aws-service-role/elasticloadbalancing.amazonaws.com/');
    const trustDoc = JSON.parse(decodeURIComponent((await iam.send(new GetRoleCommand({ RoleName: Role!.RoleName! }))).Role!.AssumeRolePolicyDocument!)) as { Statement: Array<{ Principal: { Service: string[] } }> };
    assert.deepEqual(trustDoc.Statement[0]!.Principal.Service, ['elasticloadbalancing.amazonaws.com']);
    await expectAwsError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com' })), 'InvalidInputException', 400, 'Service role name AWSServiceRoleForElasticLoadBalancing has been taken in this account, please try a different suffix.');
    await expectAwsError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'elasticloadbalancing.amazonaws.com', CustomSuffix: 'x' })), 'InvalidInputException', 400, 'Custom suffix is not allowed for elasticloadbalancing.amazonaws.com');
    // @see #15: only CreateServiceLinkedRole puts a role under /aws-service-role/ (AWS's words), and nothing is stored
    await expectAwsError(
      iam.send(new CreateRoleCommand({ RoleName: 'AWSServiceRoleForECS', Path: '/aws-service-role/ecs.amazonaws.com/', AssumeRolePolicyDocument: trust({ Service: 'ecs.amazonaws.com' }) })),
      'InvalidInputException',
      400,
      "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
    );
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForECS' })), 'NoSuchEntityException', 404);
    assert.equal((await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ops.apigateway.amazonaws.com' }))).Role!.RoleName, 'AWSServiceRoleForAPIGateway');
    const suffixed = await iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'fleet' }));
    assert.equal(suffixed.Role!.RoleName, 'AWSServiceRoleForAutoScaling_fleet');
    await expectAwsError(iam.send(new DeleteRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' })), 'UnmodifiableEntityException', 400, "Cannot perform the operation on the protected role 'AWSServiceRoleForElasticLoadBalancing' - this role is only modifiable by AWS");

    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' }));
    assert.match(DeletionTaskId!, /^task\/aws-service-role\/elasticloadbalancing\.amazonaws\.com\/AWSServiceRoleForElasticLoadBalancing\/[0-9a-f-]{36}$/);
    assert.equal((await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status, 'SUCCEEDED');
    await expectAwsError(iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' })), 'NoSuchEntityException', 404);
    await expectAwsError(iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: 'task/none' })), 'NoSuchEntityException', 404);
    await expectAwsError(iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForElasticLoadBalancing' })), 'NoSuchEntityException', 404);
    await iam.send(new CreateRoleCommand({ RoleName: 'ordinary', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }) }));
    await expectAwsError(iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'ordinary' })), 'InvalidInputException', 400);
    await expectAwsError(iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'bad service!' })), 'ValidationError', 400);
  });
});
