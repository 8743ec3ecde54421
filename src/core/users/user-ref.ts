import { NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import type { Tag, User } from './user.js';

/**
 * Dialects name users by id (Huawei) or by name (AWS, Kingsoft, Volcengine). `excludeRoot` is for
 * dialects whose account root is not an IAM user (AWS, Kingsoft): its name then names nobody.
 */
export type UserRef = { id: string } | { name: string; excludeRoot?: boolean };

export function userResource(accountId: string, ref: UserRef, repos: Repositories): ResourceRef {
  return new UserResource(accountId, ref, repos);
}

/**
 * A user as the target of a call, its tags read only if a condition asks. A class rather than an
 * object of closures: every call on a user makes one, and the closures cost more than the object.
 */
class UserResource implements ResourceRef {
  readonly type = 'user';
  readonly id?: string;
  readonly name?: string;
  private user: Promise<User | undefined> | undefined;

  constructor(
    readonly accountId: string,
    private readonly ref: UserRef,
    private readonly repos: Repositories,
  ) {
    if ('id' in ref) this.id = ref.id;
    else this.name = ref.name;
    // bound once per call: the authorizer calls it detached, as a function value
    this.tags = this.tags.bind(this);
  }

  async tags(): Promise<Tag[]> {
    this.user ??= findUser(this.repos, this.accountId, this.ref);
    const user = await this.user;
    return user ? this.repos.users.listTags(user.id) : [];
  }
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
