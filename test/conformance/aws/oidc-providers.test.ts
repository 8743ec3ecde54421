/** @see #15 OpenID Connect providers as data through @aws-sdk/client-iam, with AWS's refusals. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  AddClientIDToOpenIDConnectProviderCommand,
  CreateOpenIDConnectProviderCommand,
  DeleteOpenIDConnectProviderCommand,
  GetOpenIDConnectProviderCommand,
  IAMClient,
  ListOpenIDConnectProvidersCommand,
  ListOpenIDConnectProviderTagsCommand,
  RemoveClientIDFromOpenIDConnectProviderCommand,
  TagOpenIDConnectProviderCommand,
  UntagOpenIDConnectProviderCommand,
  UpdateOpenIDConnectProviderThumbprintCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, expectAwsError, rootKeys } from './support.js';

const THUMB = '9e99a48a9960b14926bb7f3b02e22da2b0ab7280';

describe('aws OpenID Connect providers through the official SDK', () => {
  let server: TestServer;
  let root: IAMClient;

  before(async () => {
    server = await startTestServer();
    root = awsClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('create, get, list, thumbprints, client ids, tags, delete; refusals', async () => {
    const created = await root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.example.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: [THUMB], Tags: [{ Key: 'ci', Value: 'yes' }] }));
    const arn = created.OpenIDConnectProviderArn!;
    assert.match(arn, /^arn:aws:iam::\d{12}:oidc-provider\/token\.actions\.example\.com$/);
    const got = await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.equal(got.Url, 'token.actions.example.com');
    assert.deepEqual([got.ClientIDList, got.ThumbprintList, got.Tags], [['sts.amazonaws.com'], [THUMB], [{ Key: 'ci', Value: 'yes' }]]);
    assert.deepEqual((await root.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList, [{ Arn: arn }]);
    await expectAwsError(root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.example.com', ThumbprintList: [THUMB] })), 'EntityAlreadyExistsException', 409, 'Provider with url https://token.actions.example.com already exists.');
    await expectAwsError(root.send(new CreateOpenIDConnectProviderCommand({ Url: 'http://insecure.example.com', ThumbprintList: [THUMB] })), 'InvalidInputException', 400);
    await expectAwsError(root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://short.example.com', ThumbprintList: ['abc'] })), 'ValidationError', 400, /thumbprintList.1.member' failed to satisfy constraint: Member must have length greater than or equal to 40/);
    // @see #15: AWS's own words for a sixth thumbprint, and LimitExceeded past 100 client ids
    await expectAwsError(root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://many.example.com', ThumbprintList: Array.from({ length: 6 }, (_, i) => String(i).repeat(40)) })), 'InvalidInputException', 400, 'Thumbprint list must contain fewer than 5 entries.');
    await expectAwsError(
      root.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://many.example.com', ThumbprintList: [THUMB], ClientIDList: Array.from({ length: 101 }, (_, i) => `client-${i}`) })),
      'LimitExceededException',
      409,
      'Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100',
    );
    await expectAwsError(root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: 'https://many.example.com' })), 'NoSuchEntityException', 404);
    await root.send(new UpdateOpenIDConnectProviderThumbprintCommand({ OpenIDConnectProviderArn: arn, ThumbprintList: ['A'.repeat(40)] }));
    await root.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'my-app' }));
    await root.send(new AddClientIDToOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'my-app' }));
    await root.send(new RemoveClientIDFromOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, ClientID: 'sts.amazonaws.com' }));
    const after = await root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    assert.deepEqual([after.ClientIDList, after.ThumbprintList], [['my-app'], ['a'.repeat(40)]]);
    await root.send(new TagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, Tags: [{ Key: 'team', Value: 'ci' }] }));
    await root.send(new UntagOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn, TagKeys: ['ci'] }));
    assert.deepEqual((await root.send(new ListOpenIDConnectProviderTagsCommand({ OpenIDConnectProviderArn: arn }))).Tags, [{ Key: 'team', Value: 'ci' }]);
    await root.send(new DeleteOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn }));
    await expectAwsError(root.send(new GetOpenIDConnectProviderCommand({ OpenIDConnectProviderArn: arn })), 'NoSuchEntityException', 404, `OpenIDConnect Provider not found for arn ${arn}`);
    assert.deepEqual((await root.send(new ListOpenIDConnectProvidersCommand({}))).OpenIDConnectProviderList, []);
  });
});
