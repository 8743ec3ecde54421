/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { iam } from '@volcengine/openapi';
import { systemContext } from '../../../src/core/principal.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { codeAt, consecutiveCodes } from '../../support/totp.js';
import { failed, ok, rootKeys, volc, volcClient } from './support.js';

describe('volcengine SafeAuth* drive login protection; SetSecurityConfig / GetSecurityConfig, through @volcengine/openapi', () => {
  let server: TestServer;
  let client: iam.IamService;

  before(async () => {
    server = await startTestServer();
    client = volcClient(server, rootKeys(server));
  });
  after(() => server.close());

  it('SafeAuthFlag with vmfa and an exemption window: a device bound in another dialect serves the sign-in; Huawei\'s view is the same record', async () => {
    ok(await volc(client, 'CreateUser', { UserName: 'volcsafe' }));
    ok(await volc(client, 'CreateLoginProfile', { UserName: 'volcsafe', Password: 'VolcSafe#2024', LoginAllowed: true, SafeAuthFlag: true, SafeAuthType: 'vmfa', SafeAuthExemptRequired: 1, SafeAuthExemptUnit: 0, SafeAuthExemptDuration: 30 }));
    const root = systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name);
    const { services } = server.polyiam;
    const user = (await services.users.get(root, { name: 'volcsafe' }))!;
    const created = await services.mfaDevices.create(root, { name: 'volcsafe', label: 'volcsafe' });
    const clock = server.polyiam.testClock!;
    await services.mfaDevices.enable(root, { id: user.id }, { id: created.device.id }, ...consecutiveCodes(created.base32Seed, clock.now()));
    clock.advance(30_000);
    const view = await services.loginProtection.get(root, { id: user.id });
    assert.deepEqual([view.enabled, view.method], [true, 'vmfa']);
    const signIn = (deviceId: string) => services.credentials.signIn({ accountId: server.root.account.id, user: { name: 'volcsafe' }, password: new PlainPassword('VolcSafe#2024'), sourceIp: null, deviceId });
    const started = await signIn('laptop');
    assert.equal(started.outcome, 'second-factor-required');
    const done = await services.credentials.completeSignIn({ accountId: server.root.account.id, challengeId: started.challenge!.id, code: codeAt(created.base32Seed, clock.now()), sourceIp: null, deviceId: 'laptop', trustDevice: true });
    assert.equal(done.outcome, 'ok');
    assert.equal((await signIn('laptop')).outcome, 'ok', 'inside the 30-minute window');
    clock.advance(31 * 60_000);
    assert.equal((await signIn('laptop')).outcome, 'second-factor-required', 'the window ended with the moved clock');
    // the SDK signs with the real time: back to it before the next signed call
    clock.reset();
    ok(await volc(client, 'UpdateLoginProfile', { UserName: 'volcsafe', SafeAuthFlag: false }));
    assert.equal((await signIn('laptop')).outcome, 'ok', 'protection off');
  });

  it('SetSecurityConfig then GetSecurityConfig; a user never set is SecurityConfigNotExist; a duration out of 5-30 is refused', async () => {
    const user = ok(await volc<{ User: { Id: number } }>(client, 'CreateUser', { UserName: 'volcops' }));
    failed(await volc(client, 'GetSecurityConfig', { UserName: 'volcops' }), 'SecurityConfigNotExist');
    ok(await volc(client, 'SetSecurityConfig', { UserName: 'volcops', SafeAuthType: 'vmfa', SafeAuthExemptDuration: 15 }));
    const config = ok(await volc<{ UserID: number; SafeAuthType: string; SafeAuthExemptDuration: number; SafeAuthClose: number }>(client, 'GetSecurityConfig', { UserName: 'volcops' }));
    assert.deepEqual(config, { UserID: user.User.Id, SafeAuthType: 'vmfa', SafeAuthExemptDuration: 15, SafeAuthClose: 0 });
    failed(await volc(client, 'SetSecurityConfig', { UserName: 'volcops', SafeAuthExemptDuration: 31 }), 'InvalidParameter');
    failed(await volc(client, 'GetSecurityConfig', { UserName: 'ghost' }), 'UserNotExist');
  });
});
