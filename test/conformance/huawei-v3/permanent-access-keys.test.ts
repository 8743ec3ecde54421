/**
 * Huawei IAM v3.0 OS-CREDENTIAL permanent access keys through the official SDK's v3 IamClient: the
 * core keys, so the new AK/SK signs v5 calls; two keys a user; the secret once; refusals in Huawei's
 * `{error_code, error_msg}` envelope.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { GlobalCredentials } from '@huaweicloud/huaweicloud-sdk-core';
import {
  CreateCredentialOption,
  CreatePermanentAccessKeyRequest,
  CreatePermanentAccessKeyRequestBody,
  DeletePermanentAccessKeyRequest,
  IamClient,
  ListPermanentAccessKeysRequest,
  ShowPermanentAccessKeyRequest,
  UpdateCredentialOption,
  UpdatePermanentAccessKeyRequest,
  UpdatePermanentAccessKeyRequestBody,
} from '@huaweicloud/huaweicloud-sdk-iam/v3/public-api.js';
import { ShowUserV5Request } from '@huaweicloud/huaweicloud-sdk-iam/v5/model/ShowUserV5Request.js';
import { systemContext } from '../../../src/core/principal.js';
import { startTestServer, type TestServer } from '../../support/server.js';
import { expectSdkError, sdkError, v5Client } from '../huawei-v5/support.js';
import { KEYSTONE_TIME } from './support.js';

const require = createRequire(import.meta.url);
(require('@huaweicloud/huaweicloud-sdk-core/logger/log4jLogger') as { Logger4jInstance: { level: string } }).Logger4jInstance.level = 'off';

type Credential = { user_id: string; access: string; secret?: string; status: string; create_time: string; description: string; last_use_time?: string | null };
type Answer = { credential: Credential; credentials: Credential[]; httpStatusCode: number };

describe('huawei-v3.0 OS-CREDENTIAL permanent access keys through the official SDK', () => {
  let server: TestServer;
  let client: IamClient;
  let userId: string;
  const create = (body: CreateCredentialOption) => client.createPermanentAccessKey(new CreatePermanentAccessKeyRequest().withBody(new CreatePermanentAccessKeyRequestBody(body))) as Promise<unknown> as Promise<Answer>;
  const show = (ak: string) => client.showPermanentAccessKey(new ShowPermanentAccessKeyRequest(ak)) as Promise<unknown> as Promise<Answer>;
  const update = (ak: string, option: UpdateCredentialOption) =>
    client.updatePermanentAccessKey(new UpdatePermanentAccessKeyRequest().withAccessKey(ak).withBody(new UpdatePermanentAccessKeyRequestBody(option))) as Promise<unknown> as Promise<Answer>;

  before(async () => {
    server = await startTestServer();
    const domainId = server.root.account.id;
    client = IamClient.newBuilder().withCredential(new GlobalCredentials().withAk(server.root.root.access_key_id).withSk(server.root.root.secret_access_key).withDomainId(domainId)).withEndpoint(server.url).build();
    userId = (await server.polyiam.services.users.create(systemContext(domainId, server.root.root.user_id, server.root.root.user_name), { name: 'ak-owner' })).id;
  });
  after(() => server.close());

  it('creates a key whose AK/SK signs v5 calls, lists and shows it without the secret, deactivates it, deletes it', async () => {
    const created = await create(new CreateCredentialOption(userId).withDescription('ci deploy key'));
    assert.equal(created.httpStatusCode, 201);
    const key = created.credential;
    assert.equal(key.user_id, userId);
    assert.equal(key.status, 'active');
    assert.equal(key.description, 'ci deploy key');
    assert.match(key.create_time, KEYSTONE_TIME);
    assert.match(key.secret!, /^[A-Za-z0-9]{40}$/);

    // the new key is a core key: the v5 dialect accepts its signature (a user may read itself)
    const asOwner = v5Client(server, { ak: key.access, sk: key.secret! });
    const self = (await asOwner.showUserV5(new ShowUserV5Request().withUserId(userId))) as unknown as { user: { user_id: string } };
    assert.equal(self.user.user_id, userId);

    const listed = (await client.listPermanentAccessKeys(new ListPermanentAccessKeysRequest().withUserId(userId))) as unknown as Answer;
    assert.deepEqual(listed.credentials, [{ user_id: userId, access: key.access, status: 'active', create_time: key.create_time, description: 'ci deploy key' }]);

    // last_use_time: the signed v5 call is recorded in the background; give it a few turns of the loop
    let shown = (await show(key.access)).credential;
    for (let i = 0; i < 50 && !shown.last_use_time; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      shown = (await show(key.access)).credential;
    }
    assert.match(shown.last_use_time ?? '', KEYSTONE_TIME);
    assert.equal(shown.secret, undefined, 'the secret is shown once, at creation');

    const deactivated = await update(key.access, new UpdateCredentialOption().withStatus('inactive'));
    assert.equal(deactivated.httpStatusCode, 200);
    assert.deepEqual({ status: deactivated.credential.status, description: deactivated.credential.description }, { status: 'inactive', description: 'ci deploy key' });
    assert.equal((await sdkError(asOwner.showUserV5(new ShowUserV5Request().withUserId(userId)))).httpStatusCode, 401, 'an inactive key signs nothing');

    const described = await update(key.access, new UpdateCredentialOption().withDescription('retired'));
    assert.deepEqual({ status: described.credential.status, description: described.credential.description }, { status: 'inactive', description: 'retired' });

    const deleted = (await client.deletePermanentAccessKey(new DeletePermanentAccessKeyRequest().withAccessKey(key.access))) as unknown as { httpStatusCode: number };
    assert.equal(deleted.httpStatusCode, 204);
    await expectSdkError(show(key.access), 404, 'IAM.0004');
  });

  it('lists the caller\'s own keys when no user_id is given', async () => {
    const own = (await client.listPermanentAccessKeys(new ListPermanentAccessKeysRequest())) as unknown as Answer;
    assert.deepEqual(own.credentials.map((c) => c.access), [server.root.root.access_key_id]);
  });

  it('refuses a third key of a user with 400 akSkNumExceed, and keeps the two', async () => {
    const user = await server.polyiam.services.users.create(systemContext(server.root.account.id, server.root.root.user_id, server.root.root.user_name), { name: 'two-keys' });
    await create(new CreateCredentialOption(user.id));
    // the last slot, asked for twice at once: the database decides, one key and one refusal
    const raced = await Promise.allSettled([create(new CreateCredentialOption(user.id)), create(new CreateCredentialOption(user.id))]);
    assert.deepEqual(raced.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    await expectSdkError(create(new CreateCredentialOption(user.id)), 400, 'IAM.0007', /akSkNumExceed/);
    const listed = (await client.listPermanentAccessKeys(new ListPermanentAccessKeysRequest().withUserId(user.id))) as unknown as Answer;
    assert.equal(listed.credentials.length, 2);
  });

  it('refuses bad input in Huawei\'s envelope: no user_id, an unknown status, a long description', async () => {
    await expectSdkError(create(new CreateCredentialOption()), 400, 'IAM.0072', /user_id/);
    const { credential } = await create(new CreateCredentialOption(userId));
    await expectSdkError(update(credential.access, new UpdateCredentialOption().withStatus('paused')), 400, 'IAM.0007', /status/);
    await expectSdkError(update(credential.access, new UpdateCredentialOption()), 400, 'IAM.0072');
    await expectSdkError(create(new CreateCredentialOption(userId).withDescription('x'.repeat(256))), 400, 'IAM.0007', /description/);
  });

  it('another account\'s user and key are not found, as if they did not exist', async () => {
    const partner = await server.createAccount('partner-keys');
    await expectSdkError(create(new CreateCredentialOption(partner.root.user_id)), 404, 'IAM.0004');
    await expectSdkError(show(partner.root.access_key_id), 404, 'IAM.0004');
    await expectSdkError(update(partner.root.access_key_id, new UpdateCredentialOption().withStatus('inactive')), 404, 'IAM.0004');
    await expectSdkError(client.deletePermanentAccessKey(new DeletePermanentAccessKeyRequest().withAccessKey(partner.root.access_key_id)), 404, 'IAM.0004');
    const partnerClient = v5Client(server, { ak: partner.root.access_key_id, sk: partner.root.secret_access_key });
    assert.equal(((await partnerClient.showUserV5(new ShowUserV5Request().withUserId(partner.root.user_id))) as unknown as { user: { user_id: string } }).user.user_id, partner.root.user_id, 'the partner\'s key still works');
  });
});
