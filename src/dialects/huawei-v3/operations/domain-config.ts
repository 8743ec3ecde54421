/**
 * Keystone domain configuration (issue #16): `/v3/domains/{domain_id}/config` (PUT, GET, PATCH,
 * DELETE), per group and per option, the defaults (`/v3/domains/config/default`, per group, per option),
 * and Huawei's `keystoneShowSecurityCompliance` / `keystoneShowSecurityComplianceByOption`
 * (`/config/security_compliance[/{option}]`, from the account's password policy). A cloud operator may
 * name another domain; anyone else only its own (403).
 */
import type { ConfigPart } from '../../../core/domain-configs/domain-configs-service.js';
import { Actions, type IamAction } from '../../../core/authorization/actions.js';
import type { CallContext } from '../../../core/principal.js';
import { isIamError } from '../../../core/errors.js';
import { parseJsonBody } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { KeystoneHttpError } from '../errors.js';
import { callerOf, type V3Call, type V3Operation } from '../operation.js';
import { pathId } from '../rules.js';
import { reachDomain } from './operator-scope.js';

/** `{"config": {...}}`: Keystone reads `config` as an object (a group's options, or one option under PATCH .../{option}) */
function configOf(call: V3Call): Record<string, unknown> {
  const body = parseJsonBody(call.body) as Record<string, unknown>;
  for (const key of Object.keys(body)) if (key !== 'config') throw new WireValidationError(key, 'is not a known field');
  const config = body.config;
  if (config === undefined || config === null) throw new WireValidationError('config', 'is required', 'missing');
  if (typeof config !== 'object' || Array.isArray(config)) throw new WireValidationError('config', 'must be a JSON object');
  return config as Record<string, unknown>;
}

function partOf(call: V3Call): ConfigPart {
  return { ...(call.params.group !== undefined ? { group: pathId(call, 'group') } : {}), ...(call.params.option !== undefined ? { option: pathId(call, 'option') } : {}) };
}

/** the domain the path names, as the caller may reach it (own domain, or any for an operator) */
function inDomain(call: V3Call, action: IamAction): Promise<CallContext> {
  return reachDomain(call, pathId(call, 'domain_id'), action);
}

/**
 * Keystone's words for the core's refusals: `InvalidDomainConfig` is a 403 ("invalid domain specific
 * configuration: ..."), `DomainConfigNotFound` a 404 ("could not find ... in domain configuration").
 */
async function keystoneErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isIamError(err)) throw err;
    if (err.kind === 'precondition-failed') throw new KeystoneHttpError(403, `invalid domain specific configuration: ${err.message}`);
    if (err.kind === 'not-found' && err.entity === 'domain-config') throw new KeystoneHttpError(404, `could not find ${err.id}`);
    throw err;
  }
}

const read = (call: V3Call) =>
  keystoneErrors(async () => ({ status: 200, body: { config: await call.services.domainConfigs.get(await inDomain(call, Actions.getDomainConfig), partOf(call)) } }));

const update = (call: V3Call) =>
  keystoneErrors(async () => {
    const ctx = await inDomain(call, Actions.updateDomainConfig);
    return { status: 200, body: { config: await call.services.domainConfigs.update(ctx, configOf(call), partOf(call)) } };
  });

const remove = (call: V3Call) =>
  keystoneErrors(async () => {
    await call.services.domainConfigs.delete(await inDomain(call, Actions.deleteDomainConfig), partOf(call));
    return { status: 204 };
  });

const readDefault = (call: V3Call) => keystoneErrors(async () => ({ status: 200, body: { config: await call.services.domainConfigs.getDefault(callerOf(call), partOf(call)) } }));

const securityCompliance = (call: V3Call) =>
  keystoneErrors(async () => {
    const option = call.params.option !== undefined ? pathId(call, 'option') : undefined;
    return { status: 200, body: { config: await call.services.domainConfigs.getSecurityCompliance(await inDomain(call, Actions.getDomainConfig), option) } };
  });

const op = (name: string, method: V3Operation['method'], url: string, run: V3Operation['run']): V3Operation => ({ name, method, url, access: 'required', run });

export const domainConfigOperations: V3Operation[] = [
  op('keystoneCreateDomainConfig', 'PUT', '/domains/:domain_id/config', (call) =>
    keystoneErrors(async () => {
      const ctx = await inDomain(call, Actions.createDomainConfig);
      const made = await call.services.domainConfigs.create(ctx, configOf(call));
      // Keystone: 201 for a domain that had no configuration, 200 when it replaced one
      return { status: made.created ? 201 : 200, body: { config: made.config } };
    }),
  ),
  op('keystoneShowDomainConfig', 'GET', '/domains/:domain_id/config', read),
  op('keystoneUpdateDomainConfig', 'PATCH', '/domains/:domain_id/config', update),
  op('keystoneDeleteDomainConfig', 'DELETE', '/domains/:domain_id/config', remove),
  op('keystoneShowSecurityCompliance', 'GET', '/domains/:domain_id/config/security_compliance', securityCompliance),
  op('keystoneShowSecurityComplianceByOption', 'GET', '/domains/:domain_id/config/security_compliance/:option', securityCompliance),
  op('keystoneShowDomainGroupConfig', 'GET', '/domains/:domain_id/config/:group', read),
  op('keystoneUpdateDomainGroupConfig', 'PATCH', '/domains/:domain_id/config/:group', update),
  op('keystoneDeleteDomainGroupConfig', 'DELETE', '/domains/:domain_id/config/:group', remove),
  op('keystoneShowDomainGroupOptionConfig', 'GET', '/domains/:domain_id/config/:group/:option', read),
  op('keystoneUpdateDomainGroupOptionConfig', 'PATCH', '/domains/:domain_id/config/:group/:option', update),
  op('keystoneDeleteDomainGroupOptionConfig', 'DELETE', '/domains/:domain_id/config/:group/:option', remove),
  op('keystoneShowDefaultConfig', 'GET', '/domains/config/default', readDefault),
  op('keystoneShowDefaultGroupConfig', 'GET', '/domains/config/:group/default', readDefault),
  op('keystoneShowDefaultGroupOption', 'GET', '/domains/config/:group/:option/default', readDefault),
];
