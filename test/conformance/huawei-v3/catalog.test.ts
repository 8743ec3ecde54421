/**
 * Keystone regions, services and endpoints (issue #16) on the wire, and what they change: the catalog a
 * token carries and GET /v3/auth/catalog. Raw HTTP for the bodies and refusals no client sends; the
 * openstack CLI drives the same API in openstack-catalog.test.ts. Also the Keystone user rules of this
 * issue: extra attributes, and a password change by whoever knows the original password.
 * @see #16
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../support/server.js';
import { expectError, issueToken, rootToken, send, type Json } from './support.js';

describe('huawei-v3 Keystone catalog: regions, services, endpoints', () => {
  let server: TestServer;
  let token: string;

  before(async () => {
    server = await startTestServer({ v3Rules: 'keystone' });
    token = await rootToken(server);
  });
  after(() => server.close());

  const post = (path: string, body: unknown) => send(server, 'POST', path, { token, body });

  it('regions: PUT with an id, POST with a generated one, parents, list filter, update, a cycle refused, delete takes the children', async () => {
    const parent = await send(server, 'PUT', '/v3/regions/RegionOne', { token, body: { region: { description: 'first' } } });
    assert.equal(parent.status, 201, parent.text);
    assert.deepEqual(parent.body.region, { id: 'RegionOne', description: 'first', parent_region_id: null, links: { self: `${server.url}/v3/regions/RegionOne` } });
    expectError(await send(server, 'PUT', '/v3/regions/RegionOne', { token, body: { region: {} } }), 409);
    const child = await post('/v3/regions', { region: { parent_region_id: 'RegionOne' } });
    assert.equal(child.status, 201, child.text);
    const childId = (child.body.region as { id: string }).id;
    assert.match(childId, /^[0-9a-f]{32}$/);
    const listed = await send(server, 'GET', '/v3/regions?parent_region_id=RegionOne', { token });
    assert.deepEqual((listed.body.regions as Json[]).map((r) => r.id), [childId]);
    expectError(await send(server, 'PATCH', '/v3/regions/RegionOne', { token, body: { region: { parent_region_id: childId } } }), 400, /circular/);
    expectError(await post('/v3/regions', { region: { parent_region_id: 'Nowhere' } }), 400, /`Nowhere` does not exist/);
    const updated = await send(server, 'PATCH', `/v3/regions/${childId}`, { token, body: { region: { description: 'changed' } } });
    assert.equal((updated.body.region as Json).description, 'changed');
    assert.equal((await send(server, 'DELETE', '/v3/regions/RegionOne', { token })).status, 204);
    expectError(await send(server, 'GET', `/v3/regions/${childId}`, { token }), 404);
  });

  it('services and endpoints: an endpoint makes its region, filters, booleans only, and the token catalog lists them', async () => {
    const service = await post('/v3/services', { service: { type: 'compute', name: 'nova', description: 'servers' } });
    assert.equal(service.status, 201, service.text);
    const serviceId = (service.body.service as { id: string }).id;
    assert.deepEqual({ ...(service.body.service as Json), id: 'x', links: null }, { id: 'x', type: 'compute', name: 'nova', description: 'servers', enabled: true, links: null });
    expectError(await post('/v3/endpoints', { endpoint: { service_id: serviceId, interface: 'public', url: 'https://nova.example', enabled: 'True' } }), 400, /enabled/);
    expectError(await post('/v3/endpoints', { endpoint: { service_id: serviceId, interface: 'sideways', url: 'https://nova.example' } }), 400, /interface/);
    expectError(await post('/v3/endpoints', { endpoint: { service_id: 'nope', interface: 'public', url: 'https://nova.example' } }), 400, /service `nope` does not exist/);
    const endpoint = await post('/v3/endpoints', { endpoint: { service_id: serviceId, interface: 'public', url: 'https://nova.example/v2.1', region: 'RegionTwo' } });
    assert.equal(endpoint.status, 201, endpoint.text);
    const made = endpoint.body.endpoint as Json;
    assert.equal(made.region, 'RegionTwo');
    assert.equal(made.region_id, 'RegionTwo');
    assert.equal((await send(server, 'GET', '/v3/regions/RegionTwo', { token })).status, 200, 'the endpoint made its region');
    const internal = await post('/v3/endpoints', { endpoint: { service_id: serviceId, interface: 'internal', url: 'https://nova.internal/v2.1', region_id: 'RegionTwo' } });
    const byInterface = await send(server, 'GET', '/v3/endpoints?interface=internal', { token });
    assert.deepEqual((byInterface.body.endpoints as Json[]).map((e) => e.id), [(internal.body.endpoint as Json).id]);

    const { body } = await issueToken(server, server.root.root.user_name, server.root.root.password);
    const catalog = (body as unknown as { catalog: Array<{ id: string; type: string; endpoints: Json[] }> }).catalog;
    assert.deepEqual(catalog.map((s) => s.type), ['identity', 'compute']);
    assert.deepEqual(catalog[1]!.endpoints.map((e) => e.url).sort(), ['https://nova.example/v2.1', 'https://nova.internal/v2.1']);

    // a disabled endpoint leaves the catalog; a deleted service takes its endpoints
    await send(server, 'PATCH', `/v3/endpoints/${made.id as string}`, { token, body: { endpoint: { enabled: false } } });
    const shown = await send(server, 'GET', '/v3/auth/catalog', { token });
    assert.deepEqual(((shown.body.catalog as Array<{ endpoints: Json[] }>)[1]!.endpoints).map((e) => e.interface), ['internal']);
    assert.equal((await send(server, 'DELETE', `/v3/services/${serviceId}`, { token })).status, 204);
    expectError(await send(server, 'GET', `/v3/endpoints/${made.id as string}`, { token }), 404);
    const after = await send(server, 'GET', '/v3/auth/catalog', { token });
    assert.deepEqual((after.body.catalog as Json[]).map((s) => s.type), ['identity']);
  });

  it("another account's catalog is its own: nothing of this one is seen there", async () => {
    await post('/v3/services', { service: { type: 'volume' } });
    const other = await server.polyiam.services.accounts.create('other-account');
    const { token: otherToken } = await issueToken(server, 'other-account', other.password.reveal(), 'other-account');
    const services = await send(server, 'GET', '/v3/services', { token: otherToken });
    assert.deepEqual(services.body.services, []);
  });

  it('users keep Keystone extra attributes; a password is changed by whoever gives the original', async () => {
    const created = await post('/v3/users', { user: { name: 'extra-user', password: 'Original#2024', project_id: 'p-1', email: 'e@example.com', pwd_status: true } });
    expectError(created, 400, /pwd_status/);
    const made = await post('/v3/users', { user: { name: 'extra-user', password: 'Original#2024', project_id: 'p-1', email: 'e@example.com' } });
    assert.equal(made.status, 201, made.text);
    const user = made.body.user!;
    const shown = await send(server, 'GET', `/v3/users/${user.id}`, { token });
    assert.equal((shown.body.user as unknown as Json).project_id, 'p-1');
    assert.equal((await send(server, 'PATCH', `/v3/users/${user.id}`, { token, body: { user: { id: user.id, project_id: 'p-2', team: 'blue' } } })).status, 200);
    expectError(await send(server, 'PATCH', `/v3/users/${user.id}`, { token, body: { user: { id: 'another' } } }), 400, /cannot change the id/);
    const patched = await send(server, 'GET', `/v3/users/${user.id}`, { token });
    assert.equal((patched.body.user as unknown as Json).project_id, 'p-2');
    assert.equal((patched.body.user as unknown as Json).team, 'blue');

    // the root changes another user's password with its original one (Keystone's API is unenforced: the original password authenticates)
    expectError(await send(server, 'POST', `/v3/users/${user.id}/password`, { token, body: { user: { original_password: 'Wrong#2024x', password: 'Changed#2024' } } }), 401);
    const changed = await send(server, 'POST', `/v3/users/${user.id}/password`, { token, body: { user: { original_password: 'Original#2024', password: 'Changed#2024' } } });
    assert.equal(changed.status, 204, changed.text);
    await issueToken(server, 'extra-user', 'Changed#2024');
  });
});
