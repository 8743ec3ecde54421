/** @see #16 */
import assert from 'node:assert/strict';
import { ListUsersCommand } from '@aws-sdk/client-iam';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, rootKeys } from '../aws/support.js';
import { ok, rootKeys as volcRootKeys, volc, volcClient } from '../volcengine/support.js';
import { send } from './support.js';

interface VersionList {
  versions: { values: Array<Record<string, unknown> & { id: string; links: Array<{ rel: string; href: string }> }> };
}

describe('huawei-v3 version discovery at / beside the query APIs', () => {
  let server: TestServer;
  let proxied: TestServer;

  before(async () => {
    server = await startTestServer();
    proxied = await startTestServer({ publicUrl: 'https://iam.example.com/identity' });
  });
  after(async () => {
    await server.close();
    await proxied.close();
  });

  it('GET / without a signature or Action: 300 with the version list (tempest test_list_api_versions)', async () => {
    const reply = await send(server, 'GET', '/');
    assert.equal(reply.status, 300, reply.text);
    assert.match(reply.headers.get('content-type') ?? '', /application\/json/);
    const list = reply.body as unknown as VersionList;
    const v3 = list.versions.values.find((v) => v.id.startsWith('v3'));
    assert.ok(v3);
    for (const field of ['id', 'links', 'media-types', 'status', 'updated']) assert.ok(field in v3, field);
    assert.deepEqual(v3.links, [{ rel: 'self', href: `${server.url}/v3/` }]);
  });

  it('GET / from a browser (text/html first) is sent to the console', async () => {
    const reply = await fetch(`${server.url}/`, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, redirect: 'manual' });
    assert.equal(reply.status, 302);
    assert.equal(reply.headers.get('location'), '/console');
  });

  it('signed AWS (POST /) and Volcengine (GET /?Action=) calls at / still reach their dialects', async () => {
    const users = await awsClient(server, rootKeys(server)).send(new ListUsersCommand({}));
    assert.ok(Array.isArray(users.Users));
    const listed = ok(await volc(volcClient(server, volcRootKeys(server)), 'ListUsers', {}, 'get'));
    assert.ok(listed);
  });

  it('an unsigned GET / naming an Action is still a query-API call (AWS error envelope)', async () => {
    const reply = await fetch(`${server.url}/?Action=ListUsers&Version=2010-05-08`);
    assert.equal(reply.status, 403);
    assert.match(await reply.text(), /<ErrorResponse/);
  });

  it('POLYIAM_PUBLIC_URL is the origin of the version links behind a proxy', async () => {
    const root = (await send(proxied, 'GET', '/')).body as unknown as VersionList;
    assert.equal(root.versions.values[0]!.links[0]!.href, 'https://iam.example.com/identity/v3/');
    const v3 = await send(proxied, 'GET', '/v3');
    assert.deepEqual((v3.body.version as unknown as { links: unknown }).links, [{ rel: 'self', href: 'https://iam.example.com/identity/v3/' }]);
  });
});
