/**
 * Keystone `/v3/credentials` and `/v3/users/{user_id}/credentials/OS-EC2` (issue #16), on the core
 * access keys: an `ec2` credential is an access key of its user, usable by every dialect. Keystone
 * returns blobs and EC2 secrets on every read (its API does); they are never logged nor audited.
 */
import type { KeystoneCredential } from '../../../core/keystone-credentials/credential.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { onlyKnownQuery, pathId, queryValue } from '../rules.js';

/** Keystone credential schema (credential/schema.py): `type` up to 255, ids up to 64 */
const TYPE: StringRule = { min: 1, max: 255 };
const ID: StringRule = { min: 1, max: 64 };

function pathParam(call: V3Call, name: string): string {
  const value = call.params[name] ?? '';
  if (value.length === 0 || value.length > 128) throw new WireValidationError(name, 'must be 1 to 128 characters');
  return value;
}

export function renderCredential(c: KeystoneCredential, origin: string) {
  return { id: c.id, user_id: c.userId, project_id: c.projectId, type: c.type, blob: c.blob, links: { self: `${origin}/v3/credentials/${c.id}` } };
}

/** Keystone's OS-EC2 view (`_format_credential` of keystone/api/users.py): `tenant_id` is the project */
export function renderEc2(c: KeystoneCredential, origin: string) {
  return {
    user_id: c.userId,
    tenant_id: c.projectId,
    access: c.access,
    secret: c.secret,
    trust_id: c.trustId ?? null,
    links: { self: `${origin}/v3/users/${c.userId}/credentials/OS-EC2/${encodeURIComponent(c.access ?? '')}` },
  };
}

function credentialBody(call: V3Call): JsonFields {
  const credential = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['credential']).requiredObject('credential');
  return credential.onlyKnown(['user_id', 'project_id', 'type', 'blob', 'id']);
}

/** `project_id`: absent leaves it (undefined), null clears it */
function projectOf(credential: JsonFields): string | null | undefined {
  if (!credential.has('project_id')) return undefined;
  return credential.optionalString('project_id', ID) ?? null;
}

export const credentialOperations: V3Operation[] = [
  {
    name: 'keystoneCreateCredential',
    method: 'POST',
    url: '/credentials',
    access: 'required',
    async run(call) {
      const credential = credentialBody(call);
      // Keystone ignores a client's `id`: an ec2 one is the access id's hash, any other a new uuid
      credential.optionalString('id', ID);
      const input = {
        userId: credential.requiredString('user_id', ID),
        projectId: projectOf(credential) ?? null,
        type: credential.requiredString('type', TYPE),
        blob: credential.requiredString('blob', { min: 1 }),
      };
      const created = await call.services.keystoneCredentials.create(callerOf(call), input);
      return { status: 201, body: { credential: renderCredential(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListCredentials',
    method: 'GET',
    url: '/credentials',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['user_id', 'type']);
      const userId = queryValue(call, 'user_id');
      const type = queryValue(call, 'type');
      const list = await call.services.keystoneCredentials.list(callerOf(call), { ...(userId !== undefined ? { userId } : {}), ...(type !== undefined ? { type } : {}) });
      return { status: 200, body: { credentials: list.map((c) => renderCredential(c, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowCredential',
    method: 'GET',
    url: '/credentials/:credential_id',
    access: 'required',
    async run(call) {
      const found = await call.services.keystoneCredentials.get(callerOf(call), pathParam(call, 'credential_id'));
      return { status: 200, body: { credential: renderCredential(found, call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateCredential',
    method: 'PATCH',
    url: '/credentials/:credential_id',
    access: 'required',
    async run(call) {
      const id = pathParam(call, 'credential_id');
      const credential = credentialBody(call);
      if (credential.has('id') && credential.optionalString('id', ID) !== id) throw new WireValidationError(credential.name('id'), 'cannot be changed');
      const projectId = projectOf(credential);
      const userId = credential.optionalString('user_id', ID);
      const type = credential.optionalString('type', TYPE);
      const blob = credential.optionalString('blob', { min: 1 });
      const changes = { ...(projectId !== undefined ? { projectId } : {}), ...(userId !== undefined ? { userId } : {}), ...(type !== undefined ? { type } : {}), ...(blob !== undefined ? { blob } : {}) };
      const updated = await call.services.keystoneCredentials.update(callerOf(call), id, changes);
      return { status: 200, body: { credential: renderCredential(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteCredential',
    method: 'DELETE',
    url: '/credentials/:credential_id',
    access: 'required',
    async run(call) {
      await call.services.keystoneCredentials.delete(callerOf(call), pathParam(call, 'credential_id'));
      return { status: 204 };
    },
  },
  {
    name: 'keystoneCreateEc2Credential',
    method: 'POST',
    url: '/users/:user_id/credentials/OS-EC2',
    access: 'required',
    async run(call) {
      const body = JsonFields.of(parseJsonBody(call.body)).onlyKnown(['tenant_id', 'project_id']);
      // keystoneclient sends `tenant_id`; Keystone's schema names it so (`project_id` is refused there)
      const projectId = body.optionalString('tenant_id', ID) ?? body.optionalString('project_id', ID);
      if (projectId === undefined) throw new WireValidationError('tenant_id', 'is required', 'missing');
      const created = await call.services.keystoneCredentials.createEc2Credential(callerOf(call), pathId(call, 'user_id'), projectId);
      return { status: 201, body: { credential: renderEc2(created, call.origin) } };
    },
  },
  {
    name: 'keystoneListEc2Credentials',
    method: 'GET',
    url: '/users/:user_id/credentials/OS-EC2',
    access: 'required',
    async run(call) {
      const list = await call.services.keystoneCredentials.listEc2Credentials(callerOf(call), pathId(call, 'user_id'));
      return { status: 200, body: { credentials: list.map((c) => renderEc2(c, call.origin)), links: listLinks(call) } };
    },
  },
  {
    name: 'keystoneShowEc2Credential',
    method: 'GET',
    url: '/users/:user_id/credentials/OS-EC2/:access',
    access: 'required',
    async run(call) {
      const found = await call.services.keystoneCredentials.getEc2Credential(callerOf(call), pathId(call, 'user_id'), pathParam(call, 'access'));
      return { status: 200, body: { credential: renderEc2(found, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteEc2Credential',
    method: 'DELETE',
    url: '/users/:user_id/credentials/OS-EC2/:access',
    access: 'required',
    async run(call) {
      await call.services.keystoneCredentials.deleteEc2Credential(callerOf(call), pathId(call, 'user_id'), pathParam(call, 'access'));
      return { status: 204 };
    },
  },
];
