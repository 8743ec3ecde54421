import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AccessDeniedError, DeleteConflictError, InvalidInputError, LimitExceededError, NotFoundError, type DeleteBlocker } from '../errors.js';
import type { Page, Repositories, UserListQuery } from '../ports.js';
import type { CallContext } from '../principal.js';
import { MAX_TAGS_PER_USER, type Tag, type User } from './user.js';
import { requireUser, userResource, type UserRef } from './user-ref.js';
import type { PolicyRef, PolicyView } from '../policies/policy-ref.js';
import { BoundaryPolicyViews, resolveBoundary } from './permissions-boundaries-service.js';
import { OffsetPages } from './offset-pages.js';
import { checkEmail, checkMobile } from './contact-rules.js';
import { contactSwitches, type SelfManagement } from '../login-protection/self-management.js';

export interface CreateUserInput {
  name: string;
  path?: string;
  description?: string;
  displayName?: string;
  email?: string;
  phone?: string;
  enabled?: boolean;
  tags?: Tag[];
  /** AWS CreateUser PermissionsBoundary: a managed or system policy bounding the new user */
  permissionsBoundary?: PolicyRef;
}

export interface UpdateUserInput {
  newName?: string;
  newPath?: string;
  description?: string;
  displayName?: string;
  email?: string;
  phone?: string;
  enabled?: boolean;
}

export interface UserWithTags extends User {
  tags: Tag[];
  /** the policy `permissionsBoundaryId` names (GetUser, CreateUser show its ARN) */
  permissionsBoundary?: PolicyView;
}

/** Users of one account: create, read, list, update, delete, tags. */
export class UsersService {
  private readonly boundaries: BoundaryPolicyViews;
  /** Volcengine's Offset pages as keyset seeks, and its Total counted once (#17) */
  private readonly offsets: OffsetPages;

  constructor(
    private readonly deps: CoreDeps,
    /** the account's protect policy `allow_user.manage_email`/`manage_mobile` on a user's own record (issue #12); without it, not enforced */
    private readonly selfManagement?: SelfManagement,
  ) {
    this.boundaries = new BoundaryPolicyViews(deps.changes);
    this.offsets = new OffsetPages(deps.clock, deps.changes);
  }

  /** @throws access-denied | already-exists | invalid-input | limit-exceeded */
  create(ctx: CallContext, input: CreateUserInput): Promise<UserWithTags> {
    const accountId = ctx.principal.accountId;
    const tags = input.tags ?? [];
    return runCommand(this.deps, ctx, Actions.createUser, { type: 'user', accountId, name: input.name }, async () => {
      checkTagSet(tags);
      const now = this.deps.clock.now();
      const user: User = {
        id: this.deps.ids.hexId(),
        accountId,
        name: input.name,
        path: input.path ?? '/',
        description: input.description ?? '',
        displayName: input.displayName ?? '',
        email: input.email ?? '',
        phone: input.phone ?? '',
        enabled: input.enabled ?? true,
        isRoot: false,
        awsId: this.deps.ids.awsUserId(),
        numericId: this.deps.ids.numericId(),
        createdAt: now,
        updatedAt: now,
        passwordLastUsedAt: null,
        permissionsBoundaryId: null,
      };
      await this.deps.store.transaction(async (tx) => {
        if (input.permissionsBoundary) user.permissionsBoundaryId = await resolveBoundary(tx, accountId, input.permissionsBoundary);
        await tx.users.create(user);
        if (tags.length > 0) await tx.users.putTags(user.id, tags);
      });
      // a create is on no change feed (nothing cached can miss a new row) but moves offset positions
      this.offsets.clear();
      return this.withBoundary({ ...user, tags });
    }, { requestTags: tags });
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, ref: UserRef): Promise<UserWithTags> {
    const repos = this.deps.store;
    return runCommand(this.deps, ctx, Actions.getUser, userResource(ctx.principal.accountId, ref, repos), async () => {
      const user = await requireUser(repos, ctx.principal.accountId, ref);
      return this.withBoundary({ ...user, tags: await repos.users.listTags(user.id) });
    });
  }

  /**
   * Volcengine GetUser `ID`: the user with that integer id. Authorized on that user when it exists in
   * the caller's account (on the account's users otherwise, so an unknown id teaches a caller who may
   * not read users nothing); a user of another account is reported like one that does not exist.
   * @throws access-denied | not-found
   */
  async getByNumericId(ctx: CallContext, numericId: number): Promise<UserWithTags> {
    const repos = this.deps.store;
    const accountId = ctx.principal.accountId;
    const found = await repos.users.findByNumericId(accountId, numericId);
    const resource: ResourceRef = found ? userResource(accountId, { id: found.id }, repos) : { type: 'user', accountId };
    return runCommand(this.deps, ctx, Actions.getUser, resource, async () => {
      if (!found) throw new NotFoundError('user', String(numericId), 'id');
      return this.withBoundary({ ...found, tags: await repos.users.listTags(found.id) });
    });
  }

  /**
   * The user an access key of this account belongs to (Volcengine GetUser `AccessKeyID`). Authorized
   * on the account's users, since which user it is becomes known only from the key.
   * @throws access-denied | not-found (access-key)
   */
  getByAccessKey(ctx: CallContext, accessKeyId: string): Promise<UserWithTags> {
    const repos = this.deps.store;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getUser, { type: 'user', accountId }, async () => {
      const key = await repos.accessKeys.findById(accessKeyId);
      // INVARIANT: a key of another account is reported exactly like a key that does not exist
      const user = key && key.accountId === accountId ? await repos.users.findById(accountId, key.userId) : undefined;
      if (!user) throw new NotFoundError('access-key', accessKeyId);
      return { ...user, tags: await repos.users.listTags(user.id) };
    });
  }

  /**
   * The caller's own user, asking no permission: AWS STS GetCallerIdentity ("No permissions are
   * required to perform this operation"). A disabled user is still refused (the authorizer's admit).
   * @throws authentication-failed (user-disabled) | not-found
   */
  async caller(ctx: CallContext): Promise<User> {
    await this.deps.authorizer.admit?.(ctx);
    const user = await this.deps.store.users.findById(ctx.principal.accountId, ctx.principal.userId);
    if (!user) throw new NotFoundError('user', ctx.principal.userId);
    return user;
  }

  /**
   * One keyset page; `afterId` continues after the user with that id (Keystone `marker`: "ID of the last
   * fetched entry"). @throws access-denied | not-found (the `afterId` user)
   */
  list(ctx: CallContext, query: UserListQuery & { afterId?: string }): Promise<Page<User> & { total?: number }> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listUsers, { type: 'user', accountId }, async () => {
      const { limit, marker: _m, offset, afterId, ...filter } = query;
      if (afterId !== undefined) {
        const after = await this.deps.store.users.findById(accountId, afterId);
        if (!after) throw new NotFoundError('user', afterId);
        const { afterId: _a, ...rest } = query;
        return this.deps.store.users.list(accountId, { ...rest, afterName: after.name.toLowerCase() });
      }
      if (offset === undefined) return this.deps.store.users.list(accountId, query);
      const scope = `${accountId}/${JSON.stringify(filter)}`;
      const page = await this.offsets.page(scope, offset, limit, (at) => this.deps.store.users.list(accountId, { ...filter, ...at }));
      return { ...page, total: await this.offsets.total(scope, () => this.deps.store.users.count(accountId, filter)) };
    });
  }

  /** @throws access-denied | not-found | already-exists */
  update(ctx: CallContext, ref: UserRef, input: UpdateUserInput): Promise<UserWithTags> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateUser, userResource(accountId, ref, this.deps.store), async () => {
      await this.selfManagement?.require(ctx, ref, contactSwitches(input), Actions.updateUser);
      return this.deps.store.transaction(async (tx) => {
        const user = await requireUser(tx, accountId, ref);
        if (user.isRoot && input.newName !== undefined && input.newName !== user.name) {
          throw new InvalidInputError('newName', 'the root user cannot be renamed');
        }
        if (user.isRoot && input.enabled === false) throw new InvalidInputError('enabled', 'the root user cannot be disabled');
        const updated: User = {
          ...user,
          name: input.newName ?? user.name,
          path: input.newPath ?? user.path,
          description: input.description ?? user.description,
          displayName: input.displayName ?? user.displayName,
          email: input.email ?? user.email,
          phone: input.phone ?? user.phone,
          enabled: input.enabled ?? user.enabled,
          updatedAt: this.deps.clock.now(),
        };
        await tx.users.update(updated);
        return { ...updated, tags: await tx.users.listTags(user.id) };
      }).then((updated) => {
        this.deps.changes.emit({ kind: 'user', id: updated.id });
        return updated;
      });
    });
  }

  /**
   * The caller changes its own email address and mobile number (Huawei UpdateUserInformation
   * PUT /v3.0/OS-USER/users/{user_id}/info: "当前API调用无需策略权限", with the token of the user in the
   * URL; the console's own-contact page). No identity policy is asked; another user's id is refused, and
   * the account's `allow_user.manage_email`/`manage_mobile` decide for an IAM user.
   * @throws access-denied | not-found | invalid-input
   */
  updateOwnContact(ctx: CallContext, userId: string, change: { email?: string; phone?: string }): Promise<User> {
    const { accountId } = ctx.principal;
    const { store, clock } = this.deps;
    return runCommand(this.deps, ctx, Actions.updateUser, { type: 'user', accountId, id: userId }, async () => {
      if (userId !== ctx.principal.userId || ctx.principal.session !== undefined) throw new AccessDeniedError(Actions.updateUser, `user/${userId}`, 'not-allowed');
      if (change.email !== undefined) checkEmail(change.email);
      if (change.phone !== undefined) checkMobile(change.phone);
      await this.selfManagement?.require(ctx, { id: userId }, contactSwitches(change), Actions.updateUser);
      const updated = await store.transaction(async (tx) => {
        const user = await requireUser(tx, accountId, { id: userId });
        const next: User = { ...user, email: change.email ?? user.email, phone: change.phone ?? user.phone, updatedAt: clock.now() };
        await tx.users.update(next);
        return next;
      });
      this.deps.changes.emit({ kind: 'user', id: userId });
      return updated;
    }, undefined, { grantedBy: 'caller-itself' });
  }

  /**
   * Deletes a user. With `cascade` (Huawei, Keystone) its login profile, keys, tags and memberships go
   * with it; without it (AWS, Kingsoft, Volcengine) anything still attached is a delete conflict.
   * @throws access-denied | not-found | delete-conflict
   */
  delete(ctx: CallContext, ref: UserRef, options: { cascade: boolean }): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteUser, userResource(accountId, ref, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        const user = await requireUser(tx, accountId, ref);
        if (user.isRoot) throw new DeleteConflictError('user', user.name, ['root-user']);
        const blockers = await this.blockers(tx, user.id);
        if (blockers.length > 0 && !options.cascade) throw new DeleteConflictError('user', user.name, blockers);
        await tx.loginProfiles.delete(user.id);
        for (const key of await tx.accessKeys.listByUser(user.id)) await tx.accessKeys.delete(key.id);
        for (const group of await tx.groups.listGroupsForUser(user.id)) await tx.groups.removeMember(group.id, user.id);
        await tx.users.delete(accountId, user.id);
        return user.id;
      }).then((userId) => {
        // after the commit, so no node re-caches the row the transaction is about to remove
        this.deps.changes.emit({ kind: 'user', id: userId });
      }),
    );
  }

  /** @throws access-denied | not-found */
  listTags(ctx: CallContext, ref: UserRef): Promise<Tag[]> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listUserTags, userResource(accountId, ref, this.deps.store), async () => {
      const user = await requireUser(this.deps.store, accountId, ref);
      return this.deps.store.users.listTags(user.id);
    });
  }

  /** Adds or overwrites tags by key. @throws access-denied | not-found | limit-exceeded | invalid-input */
  tag(ctx: CallContext, ref: UserRef, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagUser, userResource(accountId, ref, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        checkTagSet(tags);
        const user = await requireUser(tx, accountId, ref);
        const existing = new Set((await tx.users.listTags(user.id)).map((t) => t.key.toLowerCase()));
        for (const t of tags) existing.add(t.key.toLowerCase());
        if (existing.size > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, 'user');
        await tx.users.putTags(user.id, tags);
        this.deps.changes.emit({ kind: 'user', id: user.id });
      }),
    { requestTags: tags });
  }

  /** Removing a key that is not there is not an error (AWS UntagUser). @throws access-denied | not-found */
  untag(ctx: CallContext, ref: UserRef, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagUser, userResource(accountId, ref, this.deps.store), () =>
      this.deps.store.transaction(async (tx) => {
        const user = await requireUser(tx, accountId, ref);
        await tx.users.removeTags(user.id, keys);
        this.deps.changes.emit({ kind: 'user', id: user.id });
      }),
    );
  }

  private async withBoundary(user: UserWithTags): Promise<UserWithTags> {
    if (user.permissionsBoundaryId === null) return user;
    const view = await this.boundaries.get(this.deps.store, user.accountId, user.permissionsBoundaryId);
    return view ? { ...user, permissionsBoundary: view } : user;
  }

  private async blockers(tx: Repositories, userId: string): Promise<DeleteBlocker[]> {
    const blockers: DeleteBlocker[] = [];
    if (await tx.loginProfiles.find(userId)) blockers.push('login-profile');
    if ((await tx.accessKeys.countByUser(userId)) > 0) blockers.push('access-keys');
    if ((await tx.groups.countGroupsForUser(userId)) > 0) blockers.push('group-memberships');
    // AWS DeleteUser: attached managed policies and inline policies must go first
    if ((await tx.policies.countAttached({ type: 'user', id: userId })) > 0 || (await tx.policies.listInline(userId)).length > 0) blockers.push('policies');
    // AWS DeleteUser: signing certificates, SSH public keys and service-specific credentials too
    if ((await tx.userCredentials.countByUser(userId, 'signing-certificate')) > 0) blockers.push('signing-certificates');
    if ((await tx.userCredentials.countByUser(userId, 'ssh-public-key')) > 0) blockers.push('ssh-public-keys');
    if ((await tx.userCredentials.countByUser(userId, 'service-specific-credential')) > 0) blockers.push('service-specific-credentials');
    return blockers;
  }
}

/**
 * Tag keys are unique case-insensitively within one request (AWS TagUser, Huawei PAP5.0033), at most
 * 50 of them: the rule of every taggable resource (AWS TagPolicy, TagServerCertificate, ...).
 */
export function checkTagSet(tags: Tag[], scope = 'user'): void {
  const seen = new Set<string>();
  for (const tag of tags) {
    const key = tag.key.toLowerCase();
    if (seen.has(key)) throw new InvalidInputError('tags', `duplicate tag key \`${tag.key}\``);
    seen.add(key);
  }
  if (tags.length > MAX_TAGS_PER_USER) throw new LimitExceededError('tag', MAX_TAGS_PER_USER, scope);
}
