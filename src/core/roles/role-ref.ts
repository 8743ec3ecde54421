import type { ResourceRef } from '../authorization/authorizer.js';
import { NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { Role } from './role.js';

/** Dialects name a role by id (Huawei `agency_id`), by name (AWS, Volcengine) or by Volcengine's integer id. */
export type RoleRef = { id: string } | { name: string } | { numericId: number };

export function roleResource(accountId: string, ref: RoleRef): ResourceRef {
  if ('id' in ref) return { type: 'role', accountId, id: ref.id };
  if ('name' in ref) return { type: 'role', accountId, name: ref.name };
  return { type: 'role', accountId, name: String(ref.numericId) };
}

export function findRole(repos: Repositories, accountId: string, ref: RoleRef): Promise<Role | undefined> {
  if ('id' in ref) return repos.roles.findById(accountId, ref.id);
  if ('name' in ref) return repos.roles.findByName(accountId, ref.name);
  return repos.roles.findByNumericId(accountId, ref.numericId);
}

/** @throws not-found */
export async function requireRole(repos: Repositories, accountId: string, ref: RoleRef): Promise<Role> {
  const role = await findRole(repos, accountId, ref);
  if (!role) {
    if ('id' in ref) throw new NotFoundError('role', ref.id, 'id');
    if ('name' in ref) throw new NotFoundError('role', ref.name, 'name');
    throw new NotFoundError('role', String(ref.numericId), 'id');
  }
  return role;
}
