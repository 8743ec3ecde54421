import type { Account, AccountChanges } from '../../../core/accounts/account.js';
import { isIamError } from '../../../core/errors.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { KeystoneHttpError } from '../errors.js';
import { callerOf, listLinks, type V3Call, type V3Operation } from '../operation.js';
import { booleanQuery, onlyKnownQuery, pathId, queryValue } from '../rules.js';
import { renderDomain } from '../shapes.js';

/** Keystone resource/schema.py `_domain_properties.description`: free text; polyiam keeps 1024 */
const DESCRIPTION = { max: 1024 };

/**
 * Keystone domain writes for cloud operators (issue #16): a domain is a polyiam account. Huawei IAM v3
 * serves none of these (a Huawei account comes from the cloud): they are Keystone's, for private clouds.
 */
export const domainOperations: V3Operation[] = [
  {
    name: 'keystoneCreateDomain',
    method: 'POST',
    url: '/domains',
    access: 'required',
    async run(call) {
      const domain = domainBody(call, ['name', 'description', 'enabled', 'tags', 'options']);
      // Keystone resource/schema.py domain_create: `name` is required, 1 to 64 characters
      const name = domain.requiredString('name', { min: 1, max: 64 });
      const description = domain.optionalString('description', DESCRIPTION);
      const enabled = domain.optionalBoolean('enabled');
      const created = await keystoneErrors(name, () =>
        call.services.domains.create(callerOf(call), { name, ...(description !== undefined ? { description } : {}), ...(enabled !== undefined ? { enabled } : {}) }),
      );
      return { status: 201, body: { domain: renderDomain(created, call.origin) } };
    },
  },
  {
    name: 'keystoneUpdateDomain',
    method: 'PATCH',
    url: '/domains/:domain_id',
    access: 'required',
    async run(call) {
      const id = pathId(call, 'domain_id');
      const domain = domainBody(call, ['name', 'description', 'enabled', 'tags', 'options', 'id']);
      const changes: AccountChanges = {};
      const name = domain.optionalString('name', { min: 1, max: 64 });
      const description = domain.optionalString('description', DESCRIPTION);
      const enabled = domain.optionalBoolean('enabled');
      if (domain.has('id') && domain.optionalString('id', { max: 64 }) !== id) throw new WireValidationError('domain.id', 'cannot be changed');
      if (name !== undefined) changes.name = name;
      if (description !== undefined) changes.description = description;
      if (enabled !== undefined) changes.enabled = enabled;
      const updated = await keystoneErrors(id, () => call.services.domains.update(callerOf(call), id, changes));
      return { status: 200, body: { domain: renderDomain(updated, call.origin) } };
    },
  },
  {
    name: 'keystoneDeleteDomain',
    method: 'DELETE',
    url: '/domains/:domain_id',
    access: 'required',
    async run(call) {
      const id = pathId(call, 'domain_id');
      await keystoneErrors(id, () => call.services.domains.delete(callerOf(call), id));
      return { status: 204 };
    },
  },
  {
    // Keystone GET /v3/auth/system: the system scopes the caller may ask a token for
    name: 'keystoneListAuthSystem',
    method: 'GET',
    url: '/auth/system',
    access: 'required',
    async run(call) {
      const ctx = callerOf(call);
      const home = ctx.principal.operator?.accountId ?? ctx.principal.accountId;
      const operator = ctx.principal.operator !== undefined || (await call.services.operators.isOperator(home, ctx.principal.userId));
      call.services.audit.success(ctx, 'keystoneListAuthSystem', `user/${ctx.principal.userName}`);
      return { status: 200, body: { system: operator ? [{ all: true }] : [], links: { self: `${call.origin}/v3/auth/system`, previous: null, next: null } } };
    },
  },
];

/** Keystone GET /v3/domains for an operator: every domain, with the `name` and `enabled` filters. */
export async function listDomainsForOperator(call: V3Call): Promise<{ status: number; body: unknown }> {
  onlyKnownQuery(call, ['name', 'enabled']);
  const name = queryValue(call, 'name');
  const enabled = booleanQuery(call, 'enabled');
  const domains = await call.services.domains.list(callerOf(call), { ...(name !== undefined ? { name } : {}), ...(enabled !== undefined ? { enabled } : {}) });
  return { status: 200, body: { domains: domains.map((d) => renderDomain(d, call.origin)), links: listLinks(call) } };
}

/** Keystone GET /v3/domains/{domain_id} for an operator: any domain. */
export async function showDomainForOperator(call: V3Call, id: string): Promise<{ status: number; body: unknown }> {
  const domain: Account = await keystoneErrors(id, () => call.services.domains.get(callerOf(call), id));
  return { status: 200, body: { domain: renderDomain(domain, call.origin) } };
}

function domainBody(call: V3Call, known: string[]): JsonFields {
  const body = JsonFields.of(parseJsonBody(call.body) as Record<string, unknown>).onlyKnown(['domain']);
  const domain = body.requiredObject('domain');
  domain.onlyKnown(known);
  // Keystone keeps tags and options; polyiam accounts have neither, so only their empty forms are taken
  const raw = (parseJsonBody(call.body) as { domain: Record<string, unknown> }).domain;
  if (raw.tags !== undefined && !(Array.isArray(raw.tags) && raw.tags.length === 0)) throw new WireValidationError('domain.tags', 'domain tags are not supported');
  if (raw.options !== undefined && !(typeof raw.options === 'object' && raw.options !== null && Object.keys(raw.options).length === 0)) throw new WireValidationError('domain.options', 'domain options are not supported');
  return domain;
}


/** Keystone's words for the core's refusals of domain calls: 404 names the domain, and deleting an enabled one is 403. */
async function keystoneErrors<T>(id: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isIamError(err)) throw err;
    if (err.kind === 'not-found' && err.entity === 'account') throw new KeystoneHttpError(404, `could not find domain \`${id}\``);
    if (err.kind === 'already-exists' && err.entity === 'account') throw new KeystoneHttpError(409, `conflict occurred attempting to store domain: the name \`${err.id}\` is taken`);
    // Keystone: "Cannot delete a domain that is enabled, please disable it first." (403 ForbiddenAction)
    if (err.kind === 'precondition-failed') throw new KeystoneHttpError(403, err.message);
    throw err;
  }
}
