import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { IamClient } from '@huaweicloud/huaweicloud-sdk-iam/v5/IamClient.js';
import { DeleteResourceTagsV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/DeleteResourceTagsV5Request.js';
import { ListResourceTagsV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ListResourceTagsV5Request.js';
import { ShowUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowUserV5Request.js';
import { Tag } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tag.js';
import { TagResourceV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/TagResourceV5Request.js';
import { Tags } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/Tags.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { call, createUser, expectSdkError, rootKeys, v5Client } from './support.js';

const tagUser = (client: IamClient, id: string, tags: Array<[string, string]>, type = 'user') =>
  client.tagResourceV5(new TagResourceV5Request(id, type).withBody(new Tags().withTags(tags.map(([k, v]) => new Tag(k, v)))));
const tagRaw = (client: IamClient, id: string, body: unknown) => client.tagResourceV5(new TagResourceV5Request(id, 'user').withBody(body as Tags));
const untag = (client: IamClient, id: string, keys: unknown, type = 'user') =>
  client.deleteResourceTagsV5(new DeleteResourceTagsV5Request(id, type).withBody(keys as string[]));
const list = (client: IamClient, id: string, type = 'user') => client.listResourceTagsV5(new ListResourceTagsV5Request(id, type));

describe('huawei-v5 resource tags through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;

  before(async () => {
    server = await startTestServer();
    client = v5Client(server, rootKeys(server));
  });
  after(() => server.close());

  it('tagResourceV5 answers 200 with the tags applied; list and showUserV5 read them back', async () => {
    const id = await createUser(client, 'alice');
    const tagged = await call(tagUser(client, id, [['team', 'iam'], ['部门', 'équipe/α'], ['cost:center', '']]));
    assert.equal(tagged.httpStatusCode, 200);
    assert.deepEqual(tagged.tags, [
      { tag_key: 'team', tag_value: 'iam' },
      { tag_key: '部门', tag_value: 'équipe/α' },
      { tag_key: 'cost:center', tag_value: '' },
    ]);
    const listed = await call(list(client, id));
    assert.equal(listed.httpStatusCode, 200);
    assert.deepEqual(new Set(listed.tags!.map((t) => `${t.tag_key}=${t.tag_value}`)), new Set(['team=iam', '部门=équipe/α', 'cost:center=']));
    const shown = await call(client.showUserV5(new ShowUserV5Request().withUserId(id)));
    assert.equal(shown.user!.tags!.length, 3);
    await tagUser(client, id, [['TEAM', 'pam']]);
    const retagged = await call(list(client, id));
    assert.deepEqual(retagged.tags!.filter((t) => t.tag_key.toLowerCase() === 'team'), [{ tag_key: 'TEAM', tag_value: 'pam' }], 'keys are case-insensitive; the value is overwritten');
  });

  it('deleteResourceTagsV5 takes a bare JSON array of keys and answers 200 with no body', async () => {
    const id = await createUser(client, 'bob');
    await tagUser(client, id, [['a', '1'], ['b', '2'], ['c', '3']]);
    const deleted = await call(untag(client, id, ['a', 'c', 'not-there']));
    assert.deepEqual(deleted, { httpStatusCode: 200 });
    assert.deepEqual((await call(list(client, id))).tags, [{ tag_key: 'b', tag_value: '2' }]);
  });

  it('tag keys and values follow the documented rules: 400 naming the item', async () => {
    const id = await createUser(client, 'carol');
    const bad: Array<[Array<[string, string]>, RegExp]> = [
      [[['_sys_owner', 'x']], /`tags\[0\].tag_key`.*_sys_/],
      [[[' lead', 'x']], /`tags\[0\].tag_key`/],
      [[['trail ', 'x']], /`tags\[0\].tag_key`/],
      [[['k'.repeat(65), 'x']], /`tags\[0\].tag_key`.*at most 64/],
      [[['ok', 'v'.repeat(129)]], /`tags\[0\].tag_value`.*at most 128/],
      [[['ok', 'x'], ['a/b', 'x']], /`tags\[1\].tag_key`/],
      [[['ok', 'semi;colon']], /`tags\[0\].tag_value`/],
      [[['', 'x']], /`tags\[0\].tag_key`.*at least 1/],
    ];
    for (const [tags, msg] of bad) await expectSdkError(tagUser(client, id, tags), 400, 'IAM.0007', msg);
    await expectSdkError(tagUser(client, id, []), 400, 'IAM.0007', /`tags`.*1 to 20/);
    await expectSdkError(tagUser(client, id, Array.from({ length: 21 }, (_, i) => [`k${i}`, 'v'] as [string, string])), 400, 'IAM.0007', /`tags`.*at most 20/);
    await expectSdkError(tagRaw(client, id, {}), 400, 'IAM.0072', /'tags'/);
    await expectSdkError(tagRaw(client, id, { tags: [{ tag_key: 'k' }] }), 400, 'IAM.0072', /'tags\[0\].tag_value'/);
    await expectSdkError(tagRaw(client, id, { tags: 'k=v' }), 400, 'IAM.0007', /`tags`.*array/);
    await expectSdkError(tagUser(client, id, [['dup', '1'], ['DUP', '2']]), 400, 'PAP5.0033', /duplicate tag key/);
    assert.deepEqual((await call(list(client, id))).tags, [], 'nothing was written');
  });

  it('deleteResourceTagsV5 refuses anything but 1 to 20 valid keys', async () => {
    const id = await createUser(client, 'dave');
    await expectSdkError(untag(client, id, { keys: ['a'] }), 400, 'IAM.0011', /JSON array/);
    await expectSdkError(untag(client, id, ['a', 7]), 400, 'IAM.0007', /`body\[1\]`.*string/);
    await expectSdkError(untag(client, id, Array.from({ length: 21 }, (_, i) => `k${i}`)), 400, 'IAM.0007', /1 to 20/);
    await expectSdkError(untag(client, id, ['_sys_x']), 400, 'IAM.0007', /`body\[0\]`/);
  });

  it('a user holds at most 50 tags: past that a 409 quota error', async () => {
    const id = await createUser(client, 'erin');
    for (let batch = 0; batch < 3; batch++) {
      await tagUser(client, id, Array.from({ length: batch < 2 ? 20 : 10 }, (_, i) => [`k${batch}-${i}`, 'v'] as [string, string]));
    }
    await expectSdkError(tagUser(client, id, [['one-more', 'v']]), 409, 'PAP5.0003', /tags per user/);
    assert.equal((await call(list(client, id))).tags!.length, 50);
  });

  it('unknown users are 404; agencies are well formed but none exist (404); other types are 400', async () => {
    await expectSdkError(list(client, 'a'.repeat(32)), 404, 'IAM.0004', /could not find user/);
    await expectSdkError(tagUser(client, 'a'.repeat(32), [['k', 'v']]), 404, 'IAM.0004');
    await expectSdkError(untag(client, 'a'.repeat(32), ['k']), 404, 'IAM.0004');
    await expectSdkError(list(client, 'some-agency-id', 'agency'), 404, 'IAM.0004', /could not find agency: some-agency-id/);
    await expectSdkError(tagUser(client, 'some-agency-id', [['k', 'v']], 'agency'), 404, 'IAM.0004', /agency/);
    await expectSdkError(untag(client, 'some-agency-id', ['k'], 'agency'), 404, 'IAM.0004', /agency/);
    await expectSdkError(list(client, 'a'.repeat(32), 'group'), 400, 'IAM.0007', /`resource_type`.*`user` or `agency`/);
    await expectSdkError(list(client, 'bad_id', 'user'), 400, 'IAM.0007', /`resource_id`/);
    await expectSdkError(list(client, 'x'.repeat(65), 'user'), 400, 'IAM.0007', /`resource_id`/);
  });
});
