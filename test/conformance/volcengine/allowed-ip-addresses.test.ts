/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { startTestServer, type TestServer } from '../../support/server.js';
import { failed, ok, rootKeys, volc, volcClient } from './support.js';

describe('volcengine GetAllowedIPAddresses / UpdateAllowedIPAddresses: the console IP allow list, through @volcengine/openapi', () => {
  let server: TestServer;
  let client: iam.IamService;

  before(async () => {
    server = await startTestServer();
    client = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('answers no list in force until one is set; sets, reads back (JSON body too) and is the list the console sign-in asks', async () => {
    assert.deepEqual(ok(await volc(client, 'GetAllowedIPAddresses')), { EnableIPList: false, IPList: [], Quota: 200 });
    ok(await volc(client, 'UpdateAllowedIPAddresses', { EnableIPList: true, IPList: [{ IP: '10.0.0.0/8', Description: 'office' }, { IP: '192.168.1.1-192.168.1.9' }] }, 'json'));
    const shown = ok(await volc<Record<string, unknown>>(client, 'GetAllowedIPAddresses'));
    assert.deepEqual(shown, { EnableIPList: true, IPList: [{ IP: '10.0.0.0/8', Description: 'office' }, { IP: '192.168.1.1-192.168.1.9', Description: '' }], Quota: 200 });
    const list = await server.polyiam.services.accessControl.current(server.root.account.id, 'console');
    assert.deepEqual(list.netmasks, [{ netmask: '10.0.0.0/8', description: 'office' }]);
    assert.equal(await server.polyiam.services.allowLists.admits({ accountId: server.root.account.id, userId: 'x', userName: 'x', isRoot: false, authMethod: 'console', mfaAuthenticated: false }, 'console', '127.0.0.1'), false);
    // EnableIPList=false alone keeps the entries and stops enforcing them
    ok(await volc(client, 'UpdateAllowedIPAddresses', { EnableIPList: false }));
    assert.deepEqual(ok(await volc(client, 'GetAllowedIPAddresses')), { ...shown, EnableIPList: false });
    assert.equal(await server.polyiam.services.allowLists.admits({ accountId: server.root.account.id, userId: 'x', userName: 'x', isRoot: false, authMethod: 'console', mfaAuthenticated: false }, 'console', '127.0.0.1'), true);
  });

  it('EnableIPList missing, an entry that is no address, CIDR block or range, or an IP left out are refused; nothing changes', async () => {
    const before = ok(await volc(client, 'GetAllowedIPAddresses'));
    failed(await volc(client, 'UpdateAllowedIPAddresses', { IPList: [{ IP: '10.0.0.1' }] }, 'json'), 'ParameterNotFound');
    failed(await volc(client, 'UpdateAllowedIPAddresses', { EnableIPList: true, IPList: [{ IP: '10.0.0.0/40' }] }, 'json'), 'InvalidParameter');
    failed(await volc(client, 'UpdateAllowedIPAddresses', { EnableIPList: true, IPList: [{ Description: 'no ip' }] }, 'json'), 'ParameterNotFound');
    assert.deepEqual(ok(await volc(client, 'GetAllowedIPAddresses')), before);
  });
});
