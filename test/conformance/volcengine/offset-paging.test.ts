/**
 * @see #17 Volcengine ListUsers pages by Limit/Offset; polyiam serves a walk as keyset seeks
 * (core/users/offset-pages.ts). Through @volcengine/openapi: a walk sees every user once, in order, and
 * a create, rename or delete on this node shows in the next page and Total at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { ok, volc, volcClient } from './support.js';

interface Listing {
  UserMetadata: Array<{ UserName: string }>;
  Total: number;
}

describe('volcengine ListUsers offset walk through @volcengine/openapi', () => {
  let server: TestServer;
  let client: iam.IamService;

  before(async () => {
    server = await startTestServer();
    const other = await server.createAccount('offsets');
    client = volcClient(server, { ak: other.root.access_key_id, sk: other.root.secret_access_key });
    for (let i = 0; i < 23; i++) ok(await volc(client, 'CreateUser', { UserName: `w${String(i).padStart(2, '0')}` }));
  });
  after(() => server.close());

  const list = async (offset: number, limit = 5) => (await client.ListUsers({ Limit: limit, Offset: offset })).Result as unknown as Listing;
  const names = (page: Listing) => page.UserMetadata.map((u) => u.UserName);

  it('a walk by Offset, and a deep offset asked first, answer the same pages', async () => {
    const walked: string[] = [];
    for (let offset = 0; offset < 25; offset += 5) {
      const page = await list(offset);
      assert.equal(page.Total, 23);
      walked.push(...names(page));
    }
    assert.deepEqual(walked, Array.from({ length: 23 }, (_, i) => `w${String(i).padStart(2, '0')}`));
    assert.deepEqual(names(await list(17, 3)), ['w17', 'w18', 'w19']);
    assert.deepEqual(names(await list(17, 3)), ['w17', 'w18', 'w19']);
    assert.deepEqual(names(await list(30)), []);
  });

  it('a create, a rename and a delete show in the next page and Total at once', async () => {
    assert.deepEqual(names(await list(5)), ['w05', 'w06', 'w07', 'w08', 'w09']);
    ok(await volc(client, 'CreateUser', { UserName: 'w01a' }));
    const afterCreate = await list(5);
    assert.deepEqual(names(afterCreate), ['w04', 'w05', 'w06', 'w07', 'w08']);
    assert.equal(afterCreate.Total, 24);
    ok(await volc(client, 'UpdateUser', { UserName: 'w01a', NewUserName: 'x01a' }));
    assert.deepEqual(names(await list(5)), ['w05', 'w06', 'w07', 'w08', 'w09']);
    ok(await volc(client, 'DeleteUser', { UserName: 'w00' }));
    const afterDelete = await list(5);
    assert.deepEqual(names(afterDelete), ['w06', 'w07', 'w08', 'w09', 'w10']);
    assert.equal(afterDelete.Total, 23);
  });
});
