import { NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import type { User } from './user.js';

/**
 * Dialects name users by id (Huawei) or by name (AWS, Kingsoft, Volcengine). `excludeRoot` is for
 * dialects whose account root is not an IAM user (AWS, Kingsoft): its name then names nobody.
 */
export type UserRef = { id: string } | { name: string; excludeRoot?: boolean };

export function userResource(accountId: string, ref: UserRef, repos: Repositories): ResourceRef {
  let cached: User | undefined | null = null;
  const load = async () => (cached === null ? (cached = await findUser(repos, accountId, ref)) : cached);
  return {
    type: 'user',
    accountId,
    ...('id' in ref ? { id: ref.id } : { name: ref.name }),
    tags: async () => {
      const user = await load();
      return user ? repos.users.listTags(user.id) : [];
    },
  };
}

export async function findUser(repos: Repositories, accountId: string, ref: UserRef): Promise<User | undefined> {
  if ('id' in ref) return repos.users.findById(accountId, ref.id);
  const user = await repos.users.findByName(accountId, ref.name);
  return user?.isRoot && ref.excludeRoot ? undefined : user;
}

/** @throws not-found */
export async function requireUser(repos: Repositories, accountId: string, ref: UserRef): Promise<User> {
  const user = await findUser(repos, accountId, ref);
  if (!user) throw 'id' in ref ? new NotFoundError('user', ref.id, 'id') : new NotFoundError('user', ref.name, 'name');
  return user;
}
