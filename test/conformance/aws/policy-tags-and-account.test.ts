/**
 * @see #15 Policy tags (TagPolicy, UntagPolicy, ListPolicyTags, Tags on CreatePolicy and GetPolicy),
 * UpdateGroup, and account aliases, through @aws-sdk/client-iam with AWS's codes and messages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateUserCommand,
  GetContextKeysForCustomPolicyCommand,
  GetContextKeysForPrincipalPolicyCommand,
  PutUserPolicyCommand,
  CreatePolicyCommand,
  DeleteAccountAliasCommand,
  DeletePolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  IAMClient,
  ListAccountAliasesCommand,
  ListPolicyTagsCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  UpdateGroupCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys } from './support.js';

const DOC = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });

describe('aws policy tags, UpdateGroup and account aliases through the official SDK', () => {
  let server: TestServer;
  let root: IAMClient;
  let acct: string;
  const arn = (name: string) => `arn:aws:iam::${acct}:policy/${name}`;

  before(async () => {
    server = await startTestServer();
    root = awsClient(server, rootKeys(server));
    acct = (await server.polyiam.services.accounts.findById(server.root.account.id))!.awsAccountId;
  });
  after(() => server.close());

  it('CreatePolicy with Tags shows them in CreatePolicy and GetPolicy; TagPolicy overwrites by key case-insensitively; UntagPolicy; ListPolicyTags pages', async () => {
    const created = await root.send(new CreatePolicyCommand({ PolicyName: 'tagged', PolicyDocument: DOC, Tags: [{ Key: 'team', Value: 'a' }] }));
    assert.deepEqual(created.Policy?.Tags, [{ Key: 'team', Value: 'a' }]);
    await root.send(new TagPolicyCommand({ PolicyArn: arn('tagged'), Tags: [{ Key: 'TEAM', Value: 'b' }, { Key: 'env', Value: 'prod' }] }));
    assert.deepEqual((await root.send(new GetPolicyCommand({ PolicyArn: arn('tagged') }))).Policy?.Tags, [{ Key: 'env', Value: 'prod' }, { Key: 'TEAM', Value: 'b' }]);
    const first = await root.send(new ListPolicyTagsCommand({ PolicyArn: arn('tagged'), MaxItems: 1 }));
    assert.equal(first.IsTruncated, true);
    const second = await root.send(new ListPolicyTagsCommand({ PolicyArn: arn('tagged'), Marker: first.Marker }));
    assert.deepEqual([...first.Tags!, ...second.Tags!].map((t) => t.Key), ['env', 'TEAM']);
    await root.send(new UntagPolicyCommand({ PolicyArn: arn('tagged'), TagKeys: ['team', 'absent'] }));
    assert.deepEqual((await root.send(new ListPolicyTagsCommand({ PolicyArn: arn('tagged') }))).Tags, [{ Key: 'env', Value: 'prod' }]);
    // deleting the policy deletes its tags: a new policy of the same name starts with none
    await root.send(new DeletePolicyCommand({ PolicyArn: arn('tagged') }));
    await root.send(new CreatePolicyCommand({ PolicyName: 'tagged', PolicyDocument: DOC }));
    assert.deepEqual((await root.send(new ListPolicyTagsCommand({ PolicyArn: arn('tagged') }))).Tags, []);
  });

  it('policy tag refusals: duplicate keys, over 50, bad characters, unknown policy; nothing stored from a refused call', async () => {
    await root.send(new CreatePolicyCommand({ PolicyName: 'limits', PolicyDocument: DOC }));
    await expectAwsError(
      root.send(new TagPolicyCommand({ PolicyArn: arn('limits'), Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })),
      'InvalidInputException',
      400,
      'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
    );
    const fifty = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    await root.send(new TagPolicyCommand({ PolicyArn: arn('limits'), Tags: fifty }));
    await expectAwsError(root.send(new TagPolicyCommand({ PolicyArn: arn('limits'), Tags: [{ Key: 'one-more', Value: 'v' }] })), 'LimitExceededException', 409, 'The number of tags has reached the maximum limit of 50.');
    await expectAwsError(root.send(new TagPolicyCommand({ PolicyArn: arn('limits'), Tags: [{ Key: 'bad*key', Value: 'v' }] })), 'ValidationError', 400, /tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await expectAwsError(root.send(new TagPolicyCommand({ PolicyArn: arn('nope'), Tags: [{ Key: 'a', Value: 'b' }] })), 'NoSuchEntityException', 404, `Policy ${arn('nope')} does not exist or is not attachable.`);
    assert.equal((await root.send(new ListPolicyTagsCommand({ PolicyArn: arn('limits') }))).Tags?.length, 50);
    await expectAwsError(
      root.send(new CreatePolicyCommand({ PolicyName: 'dup-tags', PolicyDocument: DOC, Tags: [{ Key: 'x', Value: '1' }, { Key: 'X', Value: '2' }] })),
      'InvalidInputException',
      400,
    );
    await expectAwsError(root.send(new GetPolicyCommand({ PolicyArn: arn('dup-tags') })), 'NoSuchEntityException', 404);
  });

  it('UpdateGroup renames and moves a group; refusals', async () => {
    await root.send(new CreateGroupCommand({ GroupName: 'devs' }));
    await root.send(new CreateGroupCommand({ GroupName: 'ops' }));
    await root.send(new UpdateGroupCommand({ GroupName: 'devs', NewGroupName: 'developers', NewPath: '/eng/' }));
    const got = await root.send(new GetGroupCommand({ GroupName: 'developers' }));
    assert.equal(got.Group?.Path, '/eng/');
    assert.equal(got.Group?.Arn, `arn:aws:iam::${acct}:group/eng/developers`);
    await expectAwsError(root.send(new GetGroupCommand({ GroupName: 'devs' })), 'NoSuchEntityException', 404);
    await expectAwsError(root.send(new UpdateGroupCommand({ GroupName: 'developers', NewGroupName: 'OPS' })), 'EntityAlreadyExistsException', 409);
    await expectAwsError(root.send(new UpdateGroupCommand({ GroupName: 'missing', NewGroupName: 'x' })), 'NoSuchEntityException', 404, 'The group with name missing cannot be found.');
    await expectAwsError(root.send(new UpdateGroupCommand({ GroupName: 'ops', NewPath: 'no-slash' })), 'ValidationError', 400);
  });

  it('account aliases: one per account (a new one replaces it), unique across the server', async () => {
    assert.deepEqual((await root.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await root.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-prod' }));
    await root.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-prod' }));
    assert.deepEqual((await root.send(new ListAccountAliasesCommand({}))).AccountAliases, ['acme-prod']);
    await root.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-main' }));
    assert.deepEqual((await root.send(new ListAccountAliasesCommand({}))).AccountAliases, ['acme-main']);
    // another account may not take it
    const other = await server.polyiam.services.accounts.create('globex');
    const otherClient = awsClient(server, { ak: other.accessKeyId, sk: other.secret.reveal() });
    await expectAwsError(otherClient.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-main' })), 'EntityAlreadyExistsException', 409, 'The account alias acme-main already exists.');
    assert.deepEqual((await otherClient.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await expectAwsError(root.send(new CreateAccountAliasCommand({ AccountAlias: 'Bad--Alias' })), 'ValidationError', 400, /accountAlias' failed to satisfy constraint/);
    await expectAwsError(root.send(new CreateAccountAliasCommand({ AccountAlias: 'ab' })), 'ValidationError', 400, /Member must have length greater than or equal to 3/);
    await expectAwsError(root.send(new DeleteAccountAliasCommand({ AccountAlias: 'acme-prod' })), 'NoSuchEntityException', 404, 'The account alias acme-prod cannot be found.');
    await root.send(new DeleteAccountAliasCommand({ AccountAlias: 'acme-main' }));
    assert.deepEqual((await root.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
    await otherClient.send(new CreateAccountAliasCommand({ AccountAlias: 'acme-main' }));
  });

  it('GetContextKeysForCustomPolicy and GetContextKeysForPrincipalPolicy list condition keys and policy variables once', async () => {
    const conditioned = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'iam:GetUser', Resource: 'arn:aws:iam::*:user/${aws:username}', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:PrincipalTag/team': 'x' } } },
        { Effect: 'Deny', Action: 'iam:DeleteUser', Resource: '*', Condition: { Bool: { 'aws:sourceip': 'true' } } },
      ],
    });
    const custom = await root.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: [conditioned] }));
    assert.deepEqual(custom.ContextKeyNames, ['aws:username', 'aws:SourceIp', 'aws:PrincipalTag/team']);
    await expectAwsError(root.send(new GetContextKeysForCustomPolicyCommand({ PolicyInputList: ['{"Version":"2012-10-17"}'] })), 'MalformedPolicyDocumentException', 400);
    await root.send(new CreateUserCommand({ UserName: 'ctx-user' }));
    await root.send(new PutUserPolicyCommand({ UserName: 'ctx-user', PolicyName: 'p', PolicyDocument: conditioned }));
    const principal = await root.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/ctx-user` }));
    assert.deepEqual(principal.ContextKeyNames, ['aws:username', 'aws:SourceIp', 'aws:PrincipalTag/team']);
    await expectAwsError(root.send(new GetContextKeysForPrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${acct}:user/nobody` })), 'NoSuchEntityException', 404);
  });
});
