/** @see #11 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AttachUserPolicyCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import {
  AclPolicyOption,
  AllowAddressNetmasksOption,
  AllowIpRangesOption,
  ConsoleAclPolicyOption,
  IamClient,
  ShowDomainApiAclPolicyRequest,
  ShowDomainConsoleAclPolicyRequest,
  UpdateDomainApiAclPolicyRequest,
  UpdateDomainApiAclPolicyRequestBody,
  UpdateDomainConsoleAclPolicyRequest,
  UpdateDomainConsoleAclPolicyRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { PlainPassword } from '../../../src/core/secrets.js';
import { systemContext } from '../../../src/core/principal.js';
import { rootV3Client, sdkFailure } from './sdk.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { awsClient, createUserWithKey, expectAwsError, rootKeys } from '../aws/support.js';

type Body = Record<string, Record<string, unknown>>;
describe('huawei-v3.0 console-acl-policy and api-acl-policy through the official SDK, enforced in every front door', () => {
  let server: TestServer;
  let client: IamClient;
  let domainId: string;
  const hw = {
    showApi: async () => ((await client.showDomainApiAclPolicy(new ShowDomainApiAclPolicyRequest(domainId))) as unknown as Body).api_acl_policy,
    showConsole: async () => ((await client.showDomainConsoleAclPolicy(new ShowDomainConsoleAclPolicyRequest(domainId))) as unknown as Body).console_acl_policy,
    updateApi: (option: AclPolicyOption) => client.updateDomainApiAclPolicy(new UpdateDomainApiAclPolicyRequest(domainId).withBody(new UpdateDomainApiAclPolicyRequestBody(option))),
    updateConsole: (option: ConsoleAclPolicyOption) => client.updateDomainConsoleAclPolicy(new UpdateDomainConsoleAclPolicyRequest(domainId).withBody(new UpdateDomainConsoleAclPolicyRequestBody(option))),
  };

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    client = rootV3Client(server);
  });
  after(() => server.close());

  it('both lists answer Huawei\'s default until set: every IPv4 address', async () => {
    assert.deepEqual(await hw.showApi(), { allow_address_netmasks: [], allow_ip_ranges: [{ ip_range: '0.0.0.0-255.255.255.255', description: '' }], allow_vpc_endpoints: [] });
    assert.deepEqual(await hw.showConsole(), { allow_address_netmasks: [], allow_ip_ranges: [{ ip_range: '0.0.0.0-255.255.255.255', description: '' }], allow_address_netmasks_ipv6: [], allow_ip_ranges_ipv6: [] });
  });

  it('an API list without the caller\'s address refuses an IAM user\'s every call (AWS SDK too), never the root\'s; putting it back lets the user in', async () => {
    const aws = awsClient(server, rootKeys(server));
    const userKeys = await createUserWithKey(aws, 'acl-user');
    await aws.send(new AttachUserPolicyCommand({ UserName: 'acl-user', PolicyArn: 'arn:aws:iam::aws:policy/IAMReadOnlyAccess' }));
    const asUser = awsClient(server, userKeys);
    await asUser.send(new ListUsersCommand({}));

    const elsewhere = new AclPolicyOption().withAllowAddressNetmasks([new AllowAddressNetmasksOption('10.0.0.0/8').withDescription('office')]).withAllowIpRanges([new AllowIpRangesOption('192.168.1.1-192.168.1.20')]);
    const updated = ((await hw.updateApi(elsewhere)) as unknown as Body).api_acl_policy;
    assert.deepEqual(updated, { allow_address_netmasks: [{ address_netmask: '10.0.0.0/8', description: 'office' }], allow_ip_ranges: [{ ip_range: '192.168.1.1-192.168.1.20', description: '' }], allow_vpc_endpoints: [] });
    assert.deepEqual(await hw.showApi(), updated);
    await expectAwsError(asUser.send(new ListUsersCommand({})), 'AccessDenied', 403);
    // the root is never refused
    await aws.send(new ListUsersCommand({}));

    await hw.updateApi(new AclPolicyOption().withAllowAddressNetmasks([new AllowAddressNetmasksOption('127.0.0.0/8')]));
    await asUser.send(new ListUsersCommand({}));
  });

  it('a console list without the browser\'s address refuses an IAM user\'s sign-in before its password is checked, never the root\'s', async () => {
    const root = systemContext(domainId, server.root.root.user_id, server.root.root.user_name);
    const { services, consoleSessions } = server.polyiam;
    const user = await services.users.create(root, { name: 'acl-console' });
    await services.loginProfiles.create(root, { id: user.id }, { password: new PlainPassword('Acl-Console-Passw0rd!'), passwordResetRequired: false });
    const facts = { requestId: 'r', sourceIp: '127.0.0.1', userAgent: null, secureTransport: false };
    const signIn = (userName: string, password: string) => consoleSessions.signIn(facts, { account: server.root.account.name, userName, password: new PlainPassword(password) });
    await hw.updateConsole(new ConsoleAclPolicyOption().withAllowIpRanges([new AllowIpRangesOption('10.1.0.0-10.1.255.255')]));
    assert.deepEqual(await signIn('acl-console', 'Acl-Console-Passw0rd!'), { kind: 'refused', reason: 'address-not-allowed' });
    // an unknown name is refused alike: nothing tells which users exist
    assert.deepEqual(await signIn('nobody-here', 'whatever'), { kind: 'refused', reason: 'address-not-allowed' });
    assert.equal((await signIn(server.root.root.user_name, server.root.root.password)).kind, 'session');
    // the API list is another list: the user's API calls are not touched by the console's
    await hw.updateConsole(new ConsoleAclPolicyOption().withAllowAddressNetmasks([new AllowAddressNetmasksOption('127.0.0.1')]));
    assert.equal((await signIn('acl-console', 'Acl-Console-Passw0rd!')).kind, 'session');
  });

  it('entries that are not addresses, CIDR blocks or low-high ranges, and another domain, are refused in Huawei\'s envelope; nothing changes', async () => {
    const before = await hw.showApi();
    for (const option of [
      new AclPolicyOption().withAllowAddressNetmasks([new AllowAddressNetmasksOption('10.0.0.0/33')]),
      new AclPolicyOption().withAllowAddressNetmasks([new AllowAddressNetmasksOption('not-an-ip')]),
      new AclPolicyOption().withAllowIpRanges([new AllowIpRangesOption('10.0.0.9-10.0.0.1')]),
      new AclPolicyOption().withAllowIpRanges([new AllowIpRangesOption('10.0.0.1-::1')]),
    ]) {
      assert.deepEqual(await sdkFailure(hw.updateApi(option)), { status: 400, code: 'IAM.0007' });
    }
    assert.deepEqual(await hw.showApi(), before);
    assert.equal((await sdkFailure(client.showDomainApiAclPolicy(new ShowDomainApiAclPolicyRequest('0'.repeat(32))))).status, 403);
  });
});
