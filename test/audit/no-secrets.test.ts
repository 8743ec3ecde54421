/**
 * @see #14 Passwords, secrets, tokens and codes never reach the audit trail: a run of calls that carry
 * them (AWS login profiles and password changes, access keys, Keystone password and token
 * authentication, a refused signature) and then a search of every column of every event for them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetUserCommand,
  UpdateLoginProfileCommand,
} from '@aws-sdk/client-iam';
import { startTestServer, type TestServer } from '../support/server.js';
import { awsClient, rootKeys } from '../conformance/aws/support.js';
import { issueToken, send } from '../conformance/huawei-v3/support.js';
import { createUser as createV3User } from '../conformance/huawei-v3/support.js';

describe('audit events hold no secret', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it('no password, secret key, token or signature appears in any event', async () => {
    const secrets: string[] = [server.root.root.password, server.root.root.secret_access_key];
    const iam = awsClient(server, rootKeys(server));
    await iam.send(new CreateUserCommand({ UserName: 'secretive' }));
    const passwords = ['Initial-Passw0rd!', 'Updated-Passw0rd!', 'Changed-Passw0rd!'];
    secrets.push(...passwords);
    await iam.send(new CreateLoginProfileCommand({ UserName: 'secretive', Password: passwords[0], PasswordResetRequired: false }));
    await iam.send(new UpdateLoginProfileCommand({ UserName: 'secretive', Password: passwords[1] }));
    const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: 'secretive' }));
    secrets.push(AccessKey!.SecretAccessKey!);
    const user = awsClient(server, { ak: AccessKey!.AccessKeyId!, sk: AccessKey!.SecretAccessKey! });
    await user.send(new ChangePasswordCommand({ OldPassword: passwords[1], NewPassword: passwords[2] })).catch(() => undefined);
    // a signature made with a wrong secret: refused, and its signature is not recorded
    const wrong = awsClient(server, { ak: AccessKey!.AccessKeyId!, sk: 'wrong-secret-wrong-secret-wrong-secret00' });
    await wrong.send(new GetUserCommand({})).catch(() => undefined);
    secrets.push('wrong-secret-wrong-secret-wrong-secret00');

    // Keystone: password authentication, then calls with the token it gave
    const { token } = await issueToken(server, server.root.root.user_name, server.root.root.password);
    secrets.push(token);
    await createV3User(server, token, 'keystone-user', 'Keystone-Passw0rd!');
    secrets.push('Keystone-Passw0rd!');
    await issueToken(server, 'keystone-user', 'Wrong-Passw0rd!', undefined, false).catch(() => undefined);
    secrets.push('Wrong-Passw0rd!');
    await send(server, 'GET', '/v3/users', { token: 'not-a-token-but-secret-anyway' });
    secrets.push('not-a-token-but-secret-anyway');

    await server.polyiam.services.audit.flush();
    const rows = await server.polyiam.store.db.selectFrom('audit_events').selectAll().execute();
    assert.ok(rows.length >= 10, `a run of calls was recorded (${rows.length})`);
    const withParameters = rows.filter((r) => r.parameters !== null);
    assert.ok(withParameters.some((r) => r.parameters!.includes('secretive')), 'parameters are recorded');
    for (const row of rows) {
      const text = JSON.stringify(row);
      for (const secret of secrets) assert.ok(!text.includes(secret), `event ${row.id} (${row.operation}) holds a secret`);
      assert.doesNotMatch(text, /"(password|new_?password|old_?password|secret\w*|token|code)"\s*:/i, `event ${row.id} names a secret field`);
    }
  });
});
