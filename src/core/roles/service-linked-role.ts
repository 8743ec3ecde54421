import { InvalidInputError } from '../errors.js';
import type { Role } from './role.js';

/** AWS "Using service-linked roles": a service-linked role lives under this path, `/aws-service-role/<service>/`. */
export const SERVICE_ROLE_PATH = '/aws-service-role/';

export const isServiceLinked = (role: Pick<Role, 'path'>): boolean => role.path.startsWith(SERVICE_ROLE_PATH);

/** AWS DeleteServiceLinkedRole's task, kept so GetServiceLinkedRoleDeletionStatus can answer for it. */
export interface RoleDeletionTask {
  /** AWS DeletionTaskId: `task/aws-service-role/<service>/<role name>/<uuid>` */
  id: string;
  accountId: string;
  roleName: string;
  /** polyiam deletes at once, so a task is SUCCEEDED from the start (AWS: NOT_STARTED, IN_PROGRESS, SUCCEEDED, FAILED) */
  status: 'SUCCEEDED';
  createdAt: number;
}

/**
 * AWS refuses changes to a service-linked role but through the service's own API (DeleteRole and the
 * rest answer UnmodifiableEntity). A kind of invalid input, so every dialect answers it; AWS names it.
 */
export class UnmodifiableEntityError extends InvalidInputError {
  constructor(readonly roleName: string) {
    super('roleName', `cannot perform the operation on the protected role \`${roleName}\`: this role is only modifiable by AWS`);
  }
}

/**
 * AWS CreateRole refuses a path under `/aws-service-role/`: only CreateServiceLinkedRole puts a role
 * there, so an ordinary role can never pass for a service-linked one (and be changed only through it).
 */
export class ReservedRolePathError extends InvalidInputError {
  constructor() {
    super('path', `path prefix \`${SERVICE_ROLE_PATH}\` can only be used for service-linked roles`);
  }
}

/** A suffix CreateServiceLinkedRole refuses for `service` (AWS: the service's linked role takes none). */
export class CustomSuffixNotAllowedError extends InvalidInputError {
  constructor(readonly service: string) {
    super('customSuffix', `custom suffix is not allowed for \`${service}\``);
  }
}
