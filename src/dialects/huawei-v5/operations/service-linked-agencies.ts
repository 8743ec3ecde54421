import { WireValidationError } from '../../kit/wire-errors.js';
import { JsonFields, parseJsonBody } from '../../kit/json-fields.js';
import type { V5Operation } from '../operation.js';
import { agencyIdParam, renderAgency } from './agencies.js';

/** service_principal: "由"service."开头,后跟一个长度为1到56个字符,只包含字母、数字和"-"的字符串" (CreateServiceLinkedAgencyV5) */
const SERVICE_PRINCIPAL = { min: 9, max: 64, pattern: /^service\.[A-Za-z0-9-]{1,56}$/, patternText: 'must be `service.` followed by 1 to 56 letters, digits and `-`' };
/** description: at most 1,000, none of `@#%&<>\$^*` */
const SLA_DESCRIPTION = { max: 1000, pattern: /^[^@#%&<>\\$^*]*$/, patternText: 'must not contain `@#%&<>\\$^*`' };

/**
 * The core's deletion task id (`task/<path><name>/<uuid>`, AWS DeletionTaskId) holds slashes, which a
 * v5 path segment cannot carry: the v5 `deletion_task_id` is that id in base64url, opaque to callers.
 */
const encodeTaskId = (id: string) => Buffer.from(id, 'utf8').toString('base64url');

function decodeTaskId(value: string | undefined): string {
  if (value === undefined || !/^[A-Za-z0-9_-]{1,512}$/.test(value)) throw new WireValidationError('deletion_task_id', 'is not a deletion task id');
  return Buffer.from(value, 'base64url').toString('utf8');
}

/**
 * Huawei IAM v5 服务关联委托 (CreateServiceLinkedAgencyV5, DeleteServiceLinkedAgencyV5,
 * GetServiceLinkedAgencyDeletionStatusV5) on the core's service-linked roles: the agency trusts the
 * service principal, only these routes delete it, and its deletion task is SUCCEEDED at once.
 */
export const serviceLinkedAgencyOperations: V5Operation[] = [
  {
    name: 'createServiceLinkedAgencyV5',
    method: 'PUT',
    url: '/service-linked-agencies',
    status: 201,
    core: 'serviceLinkedRoles.create',
    errors: ['missing', 'invalid', 'malformedBody', 'denied', 'conflict', 'quota'],
    async run({ ctx, body, services }) {
      const input = JsonFields.of(parseJsonBody(body)).onlyKnown(['service_principal', 'description']);
      const service = input.requiredString('service_principal', SERVICE_PRINCIPAL);
      const description = input.optionalString('description', SLA_DESCRIPTION);
      const role = await services.serviceLinkedRoles.create(ctx, { service, syntax: 'huawei-v5', ...(description !== undefined ? { description } : {}) });
      return { agency: renderAgency(role) };
    },
  },
  {
    name: 'deleteServiceLinkedAgencyV5',
    method: 'DELETE',
    url: '/service-linked-agencies/:agency_id',
    status: 202,
    core: 'serviceLinkedRoles.delete',
    errors: ['invalid', 'denied', 'notFound', 'conflict'],
    async run({ ctx, params, services }) {
      const task = await services.serviceLinkedRoles.delete(ctx, agencyIdParam(params.agency_id));
      return { deletion_task_id: encodeTaskId(task.id) };
    },
  },
  {
    name: 'getServiceLinkedAgencyDeletionStatusV5',
    method: 'GET',
    url: '/service-linked-agencies/deletion-task/:deletion_task_id',
    status: 200,
    core: 'serviceLinkedRoles.deletionStatus',
    errors: ['invalid', 'denied', 'notFound'],
    async run({ ctx, params, services }) {
      const task = await services.serviceLinkedRoles.deletionStatus(ctx, decodeTaskId(params.deletion_task_id));
      // DeletionTaskStatus: SUCCEEDED (polyiam deletes at once, so no reason nor agency_usage_list)
      return { status: task.status };
    },
  },
];
