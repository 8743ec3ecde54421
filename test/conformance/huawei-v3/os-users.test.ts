/**
 * Huawei IAM v3.0 OS-USER recommended user APIs through the official SDK's v3 IamClient: createUser,
 * showUser, updateUser, updateUserInformation on the core users, with contact details masked in
 * answers and the OS-USER error codes (1100-1117) in Huawei's `{error_code, error_msg}` envelope.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  CreateUserOption,
  CreateUserRequest,
  CreateUserRequestBody,
  IamClient,
  ShowUserRequest,
  UpdateUserInformationOption,
  UpdateUserInformationRequest,
  UpdateUserInformationRequestBody,
  UpdateUserOption,
  UpdateUserRequest,
  UpdateUserRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { systemContext, type CallContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { expectSdkError } from '../huawei-v5/support.js';
import { PASSWORD_EXPIRY } from './support.js';

const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

type WireUser = Record<string, unknown> & { id: string; links: Record<string, unknown> };
type Answer = { user: WireUser; httpStatusCode: number };
const SHOW_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d$/;

describe('huawei-v3.0 OS-USER recommended user APIs through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  let domainId: string;
  let root: CallContext;
  const create = (option: CreateUserOption) => client.createUser(new CreateUserRequest().withBody(new CreateUserRequestBody(option))) as Promise<unknown> as Promise<Answer>;
  const show = (id: string) => client.showUser(new ShowUserRequest(id)) as Promise<unknown> as Promise<Answer>;
  const update = (id: string, option: UpdateUserOption) => client.updateUser(new UpdateUserRequest(id).withBody(new UpdateUserRequestBody(option))) as Promise<unknown> as Promise<Answer>;
  const updateInfo = (id: string, option: UpdateUserInformationOption) =>
    client.updateUserInformation(new UpdateUserInformationRequest(id).withBody(new UpdateUserInformationRequestBody(option))) as Promise<unknown> as Promise<{ httpStatusCode: number }>;

  before(async () => {
    server = await startTestServer();
    domainId = server.root.account.id;
    client = IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(domainId)).withEndpoint(server.url).build();
    root = systemContext(domainId, server.root.root.user_id, server.root.root.user_name);
  });
  after(() => server.close());

  it('createUser keeps every field, answers 201 with contact details masked; showUser reads it back', async () => {
    const option = new CreateUserOption('os-user-alice', domainId)
      .withPassword('Alice#Passw0rd2024')
      .withEmail('alice@example.com')
      .withAreacode('0086')
      .withPhone('13812345678')
      .withPwdStatus(false)
      .withAccessMode('programmatic')
      .withXuserId('ext-42')
      .withXuserType('TenantSystem')
      .withDescription('made by the SDK');
    const created = await create(option);
    assert.equal(created.httpStatusCode, 201);
    const { id, create_time: createTime, ...rest } = created.user;
    assert.match(id, /^[0-9a-f]{32}$/);
    assert.match(String(createTime), PASSWORD_EXPIRY);
    assert.deepEqual(rest, {
      access_mode: 'programmatic',
      xuser_id: 'ext-42',
      xuser_type: 'TenantSystem',
      areacode: '0086',
      phone: '138****5678',
      email: 'a***@example.com',
      name: 'os-user-alice',
      domain_id: domainId,
      enabled: true,
      description: 'made by the SDK',
      pwd_status: false,
      is_domain_owner: false,
      password_expires_at: null,
      xdomain_id: '',
      xdomain_type: '',
      status: null,
      default_project_id: null,
    });
    // the core keeps the real values: the console's and the login protection's destinations
    const kept = await server.polyiam.services.users.get(root, { id });
    assert.deepEqual({ email: kept.email, phone: kept.phone }, { email: 'alice@example.com', phone: '0086-13812345678' });

    const shown = (await show(id)).user;
    assert.equal(shown.is_domain_owner, false);
    assert.equal(shown.pwd_status, false);
    assert.equal(shown.phone, '138****5678');
    assert.equal(shown.email, 'a***@example.com');
    assert.equal(shown.access_mode, 'programmatic');
    assert.match(String(shown.create_time), SHOW_TIME);
    assert.equal(shown.update_time, null);
    assert.equal(shown.last_login_time, null);
    assert.deepEqual(shown.links, { self: `${server.url}/v3.0/OS-USER/users/${id}`, previous: null, next: null });
    const owner = (await show(server.root.root.user_id)).user;
    assert.deepEqual({ owner: owner.is_domain_owner, phone: owner.phone, email: owner.email }, { owner: true, phone: '-', email: '' });
  });

  it('updateUser changes the user and its Huawei fields; updateUserInformation sets the caller\'s own email and mobile', async () => {
    const { id } = (await create(new CreateUserOption('os-user-bob', domainId))).user;
    const updated = await update(id, new UpdateUserOption().withDescription('renamed').withName('os-user-robert').withEnabled(false).withEmail('bob@example.org').withAreacode('0852').withPhone('123456789').withAccessMode('console'));
    assert.equal(updated.httpStatusCode, 200);
    assert.deepEqual(
      { name: updated.user.name, enabled: updated.user.enabled, description: updated.user.description, areacode: updated.user.areacode, access_mode: updated.user.access_mode, self: updated.user.links.self },
      { name: 'os-user-robert', enabled: false, description: 'renamed', areacode: '0852', access_mode: 'console', self: `${server.url}/v3.0/OS-USER/users/${id}` },
    );
    const kept = await server.polyiam.services.users.get(root, { id });
    assert.deepEqual({ email: kept.email, phone: kept.phone, enabled: kept.enabled }, { email: 'bob@example.org', phone: '0852-123456789', enabled: false });
    assert.match(String((await show(id)).user.update_time), SHOW_TIME);

    const own = await updateInfo(server.root.root.user_id, new UpdateUserInformationOption().withEmail('owner@example.com').withMobile('0086-13900001111'));
    assert.equal(own.httpStatusCode, 204);
    const ownUser = await server.polyiam.services.users.get(root, { id: server.root.root.user_id });
    assert.deepEqual({ email: ownUser.email, phone: ownUser.phone }, { email: 'owner@example.com', phone: '0086-13900001111' });
    await expectSdkError(updateInfo(id, new UpdateUserInformationOption().withEmail('x@example.com')), 403, 'IAM.0003');
  });

  it('refuses bad input with the OS-USER codes, and leaves nothing half made', async () => {
    // two identical creates at once: one user, one 1109
    const raced = await Promise.allSettled([create(new CreateUserOption('os-user-taken', domainId)), create(new CreateUserOption('os-user-taken', domainId))]);
    assert.deepEqual(raced.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    await expectSdkError(create(new CreateUserOption('os-user-taken', domainId)), 400, '1109');
    await expectSdkError(create(new CreateUserOption('os-user-mail', domainId).withEmail('not-an-email')), 400, '1102', /email/);
    await expectSdkError(create(new CreateUserOption('os-user-phone', domainId).withAreacode('0086')), 400, '1106');
    await expectSdkError(create(new CreateUserOption('os-user-digits', domainId).withAreacode('0086').withPhone('12ab')), 400, '1104');
    await expectSdkError(create(new CreateUserOption(undefined, domainId)), 400, '1100', /name/);
    await expectSdkError(create(new CreateUserOption('9starts-with-digit', domainId)), 400, '1101');
    await expectSdkError(create(new CreateUserOption('os-user-weak', domainId).withPassword('short')), 400, '1103', /password/);
    await expectSdkError(create(new CreateUserOption('os-user-mode', domainId).withAccessMode('sometimes')), 400, 'IAM.0007', /access_mode/);
    await expectSdkError(create(new CreateUserOption('os-user-elsewhere', 'f'.repeat(32))), 403, 'IAM.0003');
    await expectSdkError(updateInfo(server.root.root.user_id, new UpdateUserInformationOption().withMobile('13800000000')), 400, '1104', /mobile/);
    await expectSdkError(updateInfo(server.root.root.user_id, new UpdateUserInformationOption().withEmail('nope')), 400, '1102');
    await expectSdkError(show('0'.repeat(32)), 404, 'IAM.0004');
    await expectSdkError(update(server.root.root.user_id, new UpdateUserOption().withName('not-the-owner')), 400, 'IAM.0007', /`name`.*root user cannot be renamed/);
    const names = (await server.polyiam.services.users.list(root, { limit: 100 })).items.map((u) => u.name);
    assert.deepEqual(names.filter((n) => ['os-user-weak', 'os-user-mail', 'os-user-mode'].includes(n)), [], 'a refused create leaves no user');
  });
});
