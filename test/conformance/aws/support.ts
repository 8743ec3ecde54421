/**
 * Test support for the AWS conformance suite: the official SDK client (endpoint override only) and
 * helpers to assert the typed exceptions it raises.
 */
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateLoginProfileCommand, CreateUserCommand, IAMClient, IAMServiceException } from '@aws-sdk/client-iam';
import type { TestServer } from '../../support/server.js';
import type { Keys } from './sigv4.js';

export type { Keys } from './sigv4.js';

export const rootKeys = (server: TestServer): Keys => ({ ak: server.root.root.access_key_id, sk: server.root.root.secret_access_key });

/** `new IAMClient({ endpoint, region: 'us-east-1', credentials })`, one attempt so errors surface at once */
export function awsClient(server: TestServer, keys: Keys, region = 'us-east-1'): IAMClient {
  return new IAMClient({ endpoint: server.url, region, credentials: { accessKeyId: keys.ak, secretAccessKey: keys.sk }, maxAttempts: 1 });
}

/** Asserts the SDK raised `name` (a typed exception class, or the generic one named after the code). */
export async function expectAwsError(promise: Promise<unknown>, name: string, status: number, message?: RegExp | string): Promise<IAMServiceException> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof IAMServiceException, `an IAMServiceException, got ${String(err)}`);
    assert.equal(err.name, name, `${err.name}: ${err.message}`);
    assert.equal(err.$metadata.httpStatusCode, status);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail(`expected ${name}, the call succeeded`);
}

/** ISO-8601 UTC with milliseconds, as the server renders times and the SDK turns into Date */
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

/** A user with a password and an access key of its own: a non-root caller. */
export async function createUserWithKey(client: IAMClient, name: string, password = 'Us3r-Passw0rd!'): Promise<Keys> {
  await client.send(new CreateUserCommand({ UserName: name }));
  await client.send(new CreateLoginProfileCommand({ UserName: name, Password: password }));
  const { AccessKey } = await client.send(new CreateAccessKeyCommand({ UserName: name }));
  return { ak: AccessKey!.AccessKeyId!, sk: AccessKey!.SecretAccessKey! };
}
