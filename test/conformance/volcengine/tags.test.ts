import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rootKeys, volc, volcClient } from './support.js';

interface ResourceTag {
  ResourceType: string;
  ResourceName: string;
  TagKey: string;
  TagValue: string;
}
type Listed = { ResourceTags: ResourceTag[]; NextToken?: string };

describe('volcengine tags (TagResources, UntagResources, ListTagsForResources, ResourceType User)', () => {
  let server: TestServer;
  let client: iam.IamService;

  before(async () => {
    server = await startTestServer();
    client = volcClient(server, rootKeys(server));
    for (const name of ['tina', 'tom', 'untagged']) ok(await volc(client, 'CreateUser', { UserName: name }));
  });
  after(() => server.close());

  it('TagResources with JSON arrays (createJSONAPI) tags every named user', async () => {
    const response = await volc(client, 'TagResources', {
      ResourceType: 'User', ResourceNames: ['tina', 'tom'], Tags: [{ Key: 'team', Value: 'iam' }, { Key: 'env', Value: 'dev' }],
    }, 'json');
    ok(response);
    assert.equal(response.Result, undefined);
    const listed = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User', 'ResourceNames.1': 'tina' }));
    assert.deepEqual(listed.ResourceTags, [
      { ResourceType: 'User', ResourceName: 'tina', TagKey: 'env', TagValue: 'dev' },
      { ResourceType: 'User', ResourceName: 'tina', TagKey: 'team', TagValue: 'iam' },
    ]);
    const user = ok(await volc<{ User: { Tags: unknown } }>(client, 'GetUser', { UserName: 'tom' })).User;
    assert.deepEqual(user.Tags, [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'iam' }]);
  });

  it('TagResources with flattened query names (createAPI GET) overwrites a key\'s value', async () => {
    ok(await volc(client, 'TagResources', { ResourceType: 'User', 'ResourceNames.1': 'tina', 'Tags.1.Key': 'env', 'Tags.1.Value': 'prod' }));
    const listed = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User', ResourceNames: ['tina'] }, 'json'));
    assert.deepEqual(listed.ResourceTags.map((t) => `${t.TagKey}=${t.TagValue}`), ['env=prod', 'team=iam']);
  });

  it('ListTagsForResources without names lists every user\'s tags, filters by TagFilters and pages with NextToken', async () => {
    const all = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User' }));
    assert.deepEqual(all.ResourceTags.map((t) => `${t.ResourceName}:${t.TagKey}`), ['tina:env', 'tina:team', 'tom:env', 'tom:team']);
    assert.equal(all.NextToken, undefined);
    const filtered = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User', 'TagFilters.1.Key': 'env', 'TagFilters.1.Values.1': 'dev' }, 'form'));
    assert.deepEqual(filtered.ResourceTags.map((t) => t.ResourceName), ['tom']);
    const first = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User', MaxResults: 3 }));
    assert.equal(first.ResourceTags.length, 3);
    assert.ok(first.NextToken);
    const rest = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User', MaxResults: 3, NextToken: first.NextToken }));
    assert.deepEqual(rest.ResourceTags.map((t) => `${t.ResourceName}:${t.TagKey}`), ['tom:team']);
    assert.equal(rest.NextToken, undefined);
    failed(await volc(client, 'ListTagsForResources', { ResourceType: 'User', NextToken: 'forged' }), 'InvalidParameter');
  });

  it('UntagResources removes the keys given, case-insensitively; an absent key is no error', async () => {
    ok(await volc(client, 'UntagResources', { ResourceType: 'User', 'ResourceNames.1': 'tom', 'TagKeys.1': 'ENV', 'TagKeys.2': 'nothing' }));
    const listed = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User', 'ResourceNames.1': 'tom' }));
    assert.deepEqual(listed.ResourceTags.map((t) => t.TagKey), ['team']);
  });

  it('refuses ResourceType Role and others, missing lists, bad keys, unknown users and more than 50 tags', async () => {
    failed(await volc(client, 'TagResources', { ResourceType: 'Role', 'ResourceNames.1': 'tina', 'Tags.1.Key': 'a' }), 'InvalidParameter');
    failed(await volc(client, 'TagResources', { 'ResourceNames.1': 'tina', 'Tags.1.Key': 'a' }), 'ParameterNotFound');
    failed(await volc(client, 'TagResources', { ResourceType: 'User', 'Tags.1.Key': 'a' }), 'ParameterNotFound');
    failed(await volc(client, 'TagResources', { ResourceType: 'User', 'ResourceNames.1': 'tina' }), 'ParameterNotFound');
    failed(await volc(client, 'TagResources', { ResourceType: 'User', 'ResourceNames.1': 'tina', 'Tags.1.Key': 'bad#key' }), 'InvalidParameter');
    failed(await volc(client, 'TagResources', { ResourceType: 'User', 'ResourceNames.1': 'tina', 'Tags.2.Key': 'gap' }), 'InvalidParameter');
    failed(await volc(client, 'TagResources', { ResourceType: 'User', 'ResourceNames.1': 'nobody', 'Tags.1.Key': 'a' }), 'UserNotExist');
    const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`Tags.${i + 1}.Key`, `k${i}`]));
    ok(await volc(client, 'TagResources', { ResourceType: 'User', 'ResourceNames.1': 'untagged', ...tags }));
    failed(await volc(client, 'TagResources', { ResourceType: 'User', 'ResourceNames.1': 'untagged', 'Tags.1.Key': 'one-more' }), 'TagLimitExceeded');
    const listed = ok(await volc<Listed>(client, 'ListTagsForResources', { ResourceType: 'User', 'ResourceNames.1': 'untagged', MaxResults: 100 }));
    assert.equal(listed.ResourceTags.length, 50);
  });
});
