import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { DeleteConflictError, InvalidInputError, NotFoundError } from '../errors.js';
import type { GroupListFilter, ListQuery, Page, Repositories } from '../ports.js';
import { OffsetPages } from './offset-pages.js';
import type { CallContext } from '../principal.js';
import { ADMIN_GROUP_NAME, type Group } from './group.js';
import { requireUser, userResource, type UserRef } from './user-ref.js';
import type { User } from './user.js';

/** Dialects name groups by id (Huawei, Keystone) or by name (AWS, Kingsoft, Volcengine). */
export type GroupRef = { id: string } | { name: string };

export interface CreateGroupInput {
  name: string;
  /** AWS path, `/` by default */
  path?: string;
  description?: string;
}

export interface UpdateGroupInput {
  newName?: string;
  newPath?: string;
  description?: string;
}

export interface GroupListQuery extends ListQuery, GroupListFilter {}

/** Groups of one account and their members. */
export class GroupsService {
  /** where offset pages start (Volcengine ListGroups Offset); group renames and deletes announce `group-membership` */
  private readonly offsets: OffsetPages;

  constructor(private readonly deps: CoreDeps) {
    this.offsets = new OffsetPages(deps.clock, deps.changes, { kinds: ['group-membership', 'account'] });
  }

  /** @throws access-denied | already-exists */
  create(ctx: CallContext, input: CreateGroupInput): Promise<Group> {
    const { ids, clock, store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createGroup, { type: 'group', accountId, name: input.name }, async () => {
      const now = clock.now();
      const group: Group = {
        id: ids.hexId(),
        accountId,
        name: input.name,
        path: input.path ?? '/',
        description: input.description ?? '',
        // AWS GroupId: `AGPA` + 17 upper-case alphanumerics, the same alphabet as a user's `AIDA` id
        awsId: ids.awsUserId().replace(/^AIDA/, 'AGPA'),
        numericId: ids.numericId(),
        createdAt: now,
        updatedAt: now,
      };
      await store.transaction((tx) => tx.groups.create(group));
      // a create announces no change: every remembered offset after its name moved
      this.offsets.clear();
      return group;
    });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, ref: GroupRef): Promise<Group> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getGroup, groupResource(accountId, ref), () => requireGroup(this.deps.store, accountId, ref));
  }

  /**
   * One keyset page by lowercased name; with `offset` (Volcengine ListGroups), also `total`, the offset
   * served by keyset seeks (core/users/offset-pages.ts). @throws access-denied | invalid-input (marker)
   */
  list(ctx: CallContext, query: GroupListQuery & { afterId?: string }): Promise<Page<Group> & { total?: number }> {
    const accountId = ctx.principal.accountId;
    const { store } = this.deps;
    return runCommand(this.deps, ctx, Actions.listGroups, { type: 'group', accountId }, async () => {
      const { limit, marker: _m, offset, afterId, ...filter } = query;
      if (afterId !== undefined) {
        // Keystone `marker`: the id of the last group of the previous page
        const after = await store.groups.findById(accountId, afterId);
        if (!after) throw new NotFoundError('group', afterId);
        const { afterId: _a, ...rest } = query;
        return store.groups.list(accountId, { ...rest, afterName: after.name.toLowerCase() });
      }
      if (offset === undefined) return store.groups.list(accountId, query);
      const scope = `${accountId}/${JSON.stringify(filter)}`;
      const page = await this.offsets.page(scope, offset, limit, (at) => store.groups.list(accountId, { ...filter, ...at }));
      return { ...page, total: await this.offsets.total(scope, () => store.groups.count(accountId, filter)) };
    });
  }

  /**
   * Renames or re-describes a group. The `admin` group keeps its name: it is what grants Security
   * Administrator rights.
   * @throws access-denied | not-found | already-exists | invalid-input
   */
  update(ctx: CallContext, ref: GroupRef, input: UpdateGroupInput): Promise<Group> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateGroup, groupResource(accountId, ref), () =>
      this.deps.store.transaction(async (tx) => {
        const group = await requireGroup(tx, accountId, ref);
        if (isAdminGroup(group) && input.newName !== undefined && input.newName.toLowerCase() !== ADMIN_GROUP_NAME) {
          throw new InvalidInputError('name', `the \`${ADMIN_GROUP_NAME}\` group cannot be renamed`);
        }
        const updated: Group = {
          ...group,
          name: input.newName ?? group.name,
          path: input.newPath ?? group.path,
          description: input.description ?? group.description,
          updatedAt: this.deps.clock.now(),
        };
        await tx.groups.update(updated);
        return updated;
      }),
    );
  }

  /**
   * Deletes a group. With `cascade` (Huawei, Keystone) its memberships go with it; without it (AWS)
   * a group that still has members is a delete conflict. The `admin` group cannot be deleted.
   * @throws access-denied | not-found | delete-conflict | invalid-input
   */
  delete(ctx: CallContext, ref: GroupRef, options: { cascade: boolean }): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteGroup, groupResource(accountId, ref), () =>
      this.deps.store.transaction(async (tx) => {
        const group = await requireGroup(tx, accountId, ref);
        if (isAdminGroup(group)) throw new InvalidInputError('group', `the \`${ADMIN_GROUP_NAME}\` group cannot be deleted`);
        if (!options.cascade && (await tx.groups.listMembers(group.id)).length > 0) {
          throw new DeleteConflictError('group', group.name, ['group-memberships']);
        }
        await tx.groups.delete(accountId, group.id);
        this.deps.changes.emit({ kind: 'group-membership', id: group.id });
      }),
    );
  }

  /** Idempotent, as Keystone's PUT and AWS AddUserToGroup are. @throws access-denied | not-found */
  addUser(ctx: CallContext, ref: GroupRef, user: UserRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.addUserToGroup, groupResource(accountId, ref), () =>
      this.deps.store.transaction(async (tx) => {
        const group = await requireGroup(tx, accountId, ref);
        const member = await requireUser(tx, accountId, user);
        await tx.groups.addMember(group.id, member.id, this.deps.clock.now());
        this.deps.changes.emit({ kind: 'group-membership', id: member.id });
      }),
    );
  }

  /** @throws access-denied | not-found (group, user, or the user is not a member) */
  removeUser(ctx: CallContext, ref: GroupRef, user: UserRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.removeUserFromGroup, groupResource(accountId, ref), () =>
      this.deps.store.transaction(async (tx) => {
        const group = await requireGroup(tx, accountId, ref);
        const member = await requireUser(tx, accountId, user);
        if (!(await tx.groups.removeMember(group.id, member.id))) throw new NotFoundError('user', member.name);
        this.deps.changes.emit({ kind: 'group-membership', id: member.id });
      }),
    );
  }

  /** Keystone HEAD /v3/groups/{group_id}/users/{user_id}. @throws access-denied | not-found (group or user) */
  hasUser(ctx: CallContext, ref: GroupRef, user: UserRef): Promise<boolean> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listGroupMembers, groupResource(accountId, ref), async () => {
      const group = await requireGroup(store, accountId, ref);
      const member = await requireUser(store, accountId, user);
      return store.groups.isMember(group.id, member.id);
    });
  }

  /** The members, ordered by the time they joined. @throws access-denied | not-found */
  listUsers(ctx: CallContext, ref: GroupRef): Promise<{ group: Group; users: User[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listGroupMembers, groupResource(accountId, ref), async () => {
      const group = await requireGroup(store, accountId, ref);
      const users: User[] = [];
      for (const id of await store.groups.listMembers(group.id)) {
        const user = await store.users.findById(accountId, id);
        if (user) users.push(user);
      }
      return { group, users };
    });
  }

  /**
   * The groups a user is in. `action` is the vendor API's: AWS ListGroupsForUser and Keystone authorize
   * `listGroupsForUser`, Huawei v5 ListGroupsV5 with `user_id` authorizes `listGroups`.
   * @throws access-denied | not-found
   */
  listForUser(ctx: CallContext, user: UserRef, action: typeof Actions.listGroupsForUser | typeof Actions.listGroups = Actions.listGroupsForUser): Promise<{ user: User; groups: Group[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, userResource(accountId, user, store), async () => {
      const member = await requireUser(store, accountId, user);
      return { user: member, groups: await store.groups.listGroupsForUser(member.id) };
    });
  }
}

function groupResource(accountId: string, ref: GroupRef): ResourceRef {
  return { type: 'group', accountId, ...('id' in ref ? { id: ref.id } : { name: ref.name }) };
}

function isAdminGroup(group: Group): boolean {
  return group.name.toLowerCase() === ADMIN_GROUP_NAME;
}

/** @throws not-found */
export async function requireGroup(repos: Repositories, accountId: string, ref: GroupRef): Promise<Group> {
  const group = 'id' in ref ? await repos.groups.findById(accountId, ref.id) : await repos.groups.findByName(accountId, ref.name);
  if (!group) throw 'id' in ref ? new NotFoundError('group', ref.id, 'id') : new NotFoundError('group', ref.name, 'name');
  return group;
}
