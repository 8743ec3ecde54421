import { Actions } from '../../../core/authorization/actions.js';
import type { AgencyDuration, AgencyView, DomainRef } from '../../../core/roles/agencies.js';
import { JsonFields, parseJsonBody, type StringRule } from '../../kit/json-fields.js';
import { WireValidationError } from '../../kit/wire-errors.js';
import { callerOf, type V3Call, type V3Operation } from '../operation.js';
import { keystoneTime } from '../shapes.js';
import { DESCRIPTION, onlyKnownQuery, pathId, queryValue, requireOwnDomain } from '../rules.js';
import { agencyGrantOperations } from './agency-grants.js';

/** Huawei CreateAgency `name`: at most 64 characters (iam_12_0003); held to the role name rule every dialect shares */
const AGENCY_NAME: StringRule = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: 'must hold only letters, digits and `_+=,.@-`' };
const DOMAIN_ID: StringRule = { min: 1, max: 64 };
const DOMAIN_NAME: StringRule = { min: 1, max: 64 };
/** custom durations in days (iam_12_0003 "自定义天数"); the upper bound is polyiam's (UNVERIFIED) */
const MAX_DAYS = 3_650;

/**
 * Huawei agency times: UTC without the zone letter, `2023-06-28T08:56:33.710000` (iam_12_0003
 * `create_time`, `expire_time`).
 */
const agencyTime = (ms: number) => keystoneTime(ms).slice(0, -1);

/** `iam::<domain_id>:agency:<name>` (AgencyShowResult `agency_urn`) */
const agencyUrn = (view: AgencyView) => `iam::${view.role.accountId}:agency:${view.role.name}`;

/**
 * AgencyCreateResult / AgencyShowResult / AgencyListResult: `duration` is `FOREVER` or a number of
 * hours as a string (iam_12_0003: "24" for ONEDAY), `expire_time` null for FOREVER.
 */
export function renderAgency(view: AgencyView, detailed: boolean) {
  const { role } = view;
  const hours = view.validFrom !== null && view.expiresAt !== null ? String(Math.round((view.expiresAt - view.validFrom) / 3_600_000)) : 'FOREVER';
  return {
    id: role.id,
    name: role.name,
    domain_id: role.accountId,
    trust_domain_id: view.trustAccount?.id ?? null,
    ...(detailed ? { trust_domain_name: view.trustAccount?.name ?? null } : {}),
    description: role.description,
    duration: hours,
    create_time: agencyTime(role.createdAt),
    expire_time: view.expiresAt === null ? null : agencyTime(view.expiresAt),
    ...(detailed ? { agency_urn: agencyUrn(view) } : {}),
  };
}

/** `duration`: `FOREVER`, `ONEDAY`, or a number of days (a number or a digit string). */
function readDuration(agency: Record<string, unknown>): AgencyDuration | undefined {
  const value = agency.duration;
  if (value === undefined || value === null) return undefined;
  if (value === 'FOREVER') return null;
  if (value === 'ONEDAY') return 1;
  const days = typeof value === 'number' ? value : typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new WireValidationError('agency.duration', `must be \`FOREVER\`, \`ONEDAY\` or a number of days from 1 to ${MAX_DAYS}`);
  return days;
}

/** `trust_domain_name` wins over `trust_domain_id` when both are given (iam_12_0003). */
function readTrust(fields: JsonFields): DomainRef | undefined {
  const name = fields.optionalString('trust_domain_name', DOMAIN_NAME);
  if (name !== undefined) return { name };
  const id = fields.optionalString('trust_domain_id', DOMAIN_ID);
  return id !== undefined ? { id } : undefined;
}

function agencyBody(call: V3Call): { fields: JsonFields; raw: Record<string, unknown> } {
  const body = parseJsonBody(call.body);
  const fields = JsonFields.of(body).onlyKnown(['agency']).requiredObject('agency');
  return { fields, raw: (body as { agency: Record<string, unknown> }).agency };
}

const agencyId = (call: V3Call) => {
  const id = pathId(call, 'agency_id');
  if (!/^[0-9a-f]{32}$/.test(id)) throw new WireValidationError('agency_id', 'must be a 32-character lowercase hex id');
  return id;
};

/** Huawei IAM v3.0 OS-AGENCY (iam_12_0002 ... iam_12_0007), served under /v3.0 on the core roles (issue #13). */
export const agencyOperations: V3Operation[] = [
  {
    name: 'createAgency',
    method: 'POST',
    url: '/OS-AGENCY/agencies',
    access: 'required',
    async run(call) {
      const { fields, raw } = agencyBody(call);
      fields.onlyKnown(['name', 'domain_id', 'trust_domain_id', 'trust_domain_name', 'description', 'duration']);
      const name = fields.requiredString('name', AGENCY_NAME);
      requireOwnDomain(call, fields.requiredString('domain_id', DOMAIN_ID), Actions.createRole);
      const trust = readTrust(fields);
      if (!trust) throw new WireValidationError('agency.trust_domain_id', 'either `trust_domain_id` or `trust_domain_name` is required', 'missing');
      const description = fields.optionalString('description', DESCRIPTION);
      const duration = readDuration(raw);
      const view = await call.services.agencies.create(callerOf(call), {
        name,
        trust,
        ...(description !== undefined ? { description } : {}),
        ...(duration !== undefined ? { durationDays: duration } : {}),
      });
      return { status: 201, body: { agency: renderAgency(view, false) } };
    },
  },
  {
    name: 'listAgencies',
    method: 'GET',
    url: '/OS-AGENCY/agencies',
    access: 'required',
    async run(call) {
      onlyKnownQuery(call, ['domain_id', 'trust_domain_id', 'name', 'page', 'per_page']);
      const domainId = queryValue(call, 'domain_id');
      if (domainId === undefined) throw new WireValidationError('domain_id', 'is required', 'missing');
      requireOwnDomain(call, domainId, Actions.listRoles);
      const trustDomainId = queryValue(call, 'trust_domain_id');
      const name = queryValue(call, 'name');
      const views = await call.services.agencies.list(callerOf(call), { ...(trustDomainId !== undefined ? { trustDomainId } : {}), ...(name !== undefined ? { name } : {}) });
      return { status: 200, body: { agencies: paged(call, views).map((v) => renderAgency(v, true)) } };
    },
  },
  {
    name: 'showAgency',
    method: 'GET',
    url: '/OS-AGENCY/agencies/:agency_id',
    access: 'required',
    async run(call) {
      return { status: 200, body: { agency: renderAgency(await call.services.agencies.get(callerOf(call), agencyId(call)), true) } };
    },
  },
  {
    name: 'updateAgency',
    method: 'PUT',
    url: '/OS-AGENCY/agencies/:agency_id',
    access: 'required',
    async run(call) {
      const id = agencyId(call);
      const { fields, raw } = agencyBody(call);
      fields.onlyKnown(['trust_domain_id', 'trust_domain_name', 'description', 'duration']);
      const trust = readTrust(fields);
      const description = fields.optionalString('description', DESCRIPTION);
      const duration = readDuration(raw);
      const view = await call.services.agencies.update(callerOf(call), id, {
        ...(trust ? { trust } : {}),
        ...(description !== undefined ? { description } : {}),
        ...(duration !== undefined ? { durationDays: duration } : {}),
      });
      return { status: 200, body: { agency: renderAgency(view, false) } };
    },
  },
  {
    name: 'deleteAgency',
    method: 'DELETE',
    url: '/OS-AGENCY/agencies/:agency_id',
    access: 'required',
    async run(call) {
      await call.services.agencies.delete(callerOf(call), agencyId(call));
      return { status: 204 };
    },
  },
  ...agencyGrantOperations,
];

/** Huawei ListAgencies `page` and `per_page` (1-500): both or neither, as Huawei's list APIs take them. */
function paged<T>(call: V3Call, items: T[]): T[] {
  const page = queryValue(call, 'page');
  const perPage = queryValue(call, 'per_page');
  if (page === undefined && perPage === undefined) return items;
  if (page === undefined || perPage === undefined) throw new WireValidationError(page === undefined ? 'page' : 'per_page', '`page` and `per_page` go together', 'missing');
  const p = /^\d{1,6}$/.test(page) ? Number(page) : 0;
  const n = /^\d{1,3}$/.test(perPage) ? Number(perPage) : 0;
  if (p < 1) throw new WireValidationError('page', 'must be a positive integer');
  if (n < 1 || n > 500) throw new WireValidationError('per_page', 'must be from 1 to 500');
  return items.slice((p - 1) * n, p * n);
}
