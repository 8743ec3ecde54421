import { randomUUID } from 'node:crypto';
import { Actions } from '../authorization/actions.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { DeleteConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import type { CallContext } from '../principal.js';
import type { Role } from './role.js';
import { requireRole, roleResource, type RoleRef } from './role-ref.js';
import { insertRole } from './roles-service.js';
import { KNOWN_SERVICE_LINKED_ROLES } from './service-linked-role-names.js';
import { CustomSuffixNotAllowedError, isServiceLinked, SERVICE_ROLE_PATH, type RoleDeletionTask } from './service-linked-role.js';

/** `foo-bar.amazonaws.com` -> `AWSServiceRoleForFooBar` */
function defaultName(service: string): string {
  const head = service.split('.')[0] ?? service;
  return `AWSServiceRoleFor${head.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
}

/** The name and path AWS gives a service's linked role. @throws invalid-input (a suffix the service forbids, a name over 64) */
export function serviceLinkedRoleName(service: string, suffix?: string): { name: string; path: string } {
  const known = KNOWN_SERVICE_LINKED_ROLES.get(service);
  if (suffix !== undefined && known && !known.suffix) throw new CustomSuffixNotAllowedError(service);
  const name = `${known?.name ?? defaultName(service)}${suffix !== undefined ? `_${suffix}` : ''}`;
  if (name.length > 64) throw new InvalidInputError('customSuffix', `the role name \`${name}\` would be longer than 64 characters`);
  return { name, path: `${SERVICE_ROLE_PATH}${service}/` };
}

/**
 * The name Huawei v5 gives a service's linked agency: `ServiceLinkedAgencyFor<Service>` for
 * `service.<Service>` (UNVERIFIED: the API reference shows no example), under the core's
 * service-linked path so every dialect sees it as one.
 */
export function serviceLinkedAgencyName(principal: string): { name: string; path: string } {
  const service = principal.replace(/^service\./, '');
  return { name: `ServiceLinkedAgencyFor${service.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`.slice(0, 64), path: `${SERVICE_ROLE_PATH}${principal}/` };
}

/**
 * Service-linked roles (AWS CreateServiceLinkedRole, DeleteServiceLinkedRole,
 * GetServiceLinkedRoleDeletionStatus; Huawei v5 service-linked agencies): roles the service assumes,
 * at `/aws-service-role/<service>/`, trusting the service principal. Ordinary role writes refuse them.
 */
export class ServiceLinkedRolesService {
  constructor(private readonly deps: CoreDeps) {}

  /**
   * AWS CreateServiceLinkedRole (`elb.amazonaws.com`) or Huawei v5 CreateServiceLinkedAgencyV5
   * (`service.ECS`): the same core role, its trust policy written in the caller's syntax.
   * @throws access-denied | already-exists | invalid-input | limit-exceeded
   */
  create(ctx: CallContext, input: { service: string; suffix?: string; description?: string; syntax?: 'aws' | 'huawei-v5' }): Promise<Role> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createServiceLinkedRole, { type: 'role', accountId, name: input.service }, async () => {
      const syntax = input.syntax ?? 'aws';
      const { name, path } = syntax === 'huawei-v5' ? serviceLinkedAgencyName(input.service) : serviceLinkedRoleName(input.service, input.suffix);
      // Huawei v5 trust policies: Version 5.0, action `sts:agencies:assume` (CreateAgencyV5 trust_policy)
      const trust =
        syntax === 'huawei-v5'
          ? { Version: '5.0', Statement: [{ Effect: 'Allow', Principal: { Service: [input.service] }, Action: ['sts:agencies:assume'] }] }
          : { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: [input.service] }, Action: ['sts:AssumeRole'] }] };
      const { role } = await insertRole(this.deps, accountId, { name, path, description: input.description ?? '', trustPolicy: JSON.stringify(trust), syntax });
      return role;
    });
  }

  /**
   * Deletes the role with its policies at once (the service would clean them up first) and records a
   * SUCCEEDED task. A role a profile still holds is a conflict, as AWS's task would fail.
   * @throws access-denied | not-found | invalid-input (not service-linked) | delete-conflict
   */
  delete(ctx: CallContext, roleName: string | RoleRef): Promise<RoleDeletionTask> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    const ref: RoleRef = typeof roleName === 'string' ? { name: roleName } : roleName;
    return runCommand(this.deps, ctx, Actions.deleteServiceLinkedRole, roleResource(accountId, ref), async () => {
      const task = await store.transaction(async (tx) => {
        const role = await requireRole(tx, accountId, ref);
        if (!isServiceLinked(role)) throw new InvalidInputError('roleName', `the role \`${role.name}\` is not a service-linked role`);
        if ((await tx.instanceProfiles.listForRole(role.id)).length > 0) throw new DeleteConflictError('role', role.name, ['instance-profile-roles']);
        for (const a of await tx.roles.listAttached(role.id)) await tx.roles.detach(role.id, a.policyId);
        for (const p of await tx.roles.listInline(role.id)) await tx.roles.deleteInline(role.id, p.name);
        await tx.roles.delete(accountId, role.id);
        const created: RoleDeletionTask = { id: `task${role.path}${role.name}/${randomUUID()}`, accountId, roleName: role.name, status: 'SUCCEEDED', createdAt: clock.now() };
        await tx.roleDeletionTasks.create(created);
        return { created, roleId: role.id };
      });
      this.deps.changes.emit({ kind: 'role', id: task.roleId });
      return task.created;
    });
  }

  /** @throws access-denied | not-found */
  deletionStatus(ctx: CallContext, taskId: string): Promise<RoleDeletionTask> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getServiceLinkedRoleDeletionStatus, { type: 'role', accountId }, async () => {
      const task = await this.deps.store.roleDeletionTasks.find(accountId, taskId);
      if (!task) throw new NotFoundError('role-deletion-task', taskId);
      return task;
    });
  }
}
