import { Actions, type IamAction } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { DeleteConflictError, LimitExceededError, NotFoundError } from '../errors.js';
import { addResourceTags } from '../policies/resource-tag-writes.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import type { Role } from '../roles/role.js';
import { requireRole, roleResource, type RoleRef } from '../roles/role-ref.js';
import { checkTagSet } from '../users/users-service.js';
import type { Tag } from '../users/user.js';
import { INSTANCE_PROFILE_LIMITS, type InstanceProfile } from './instance-profile.js';

/** An instance profile with the role it holds (AWS InstanceProfile.Roles: zero or one role). */
export interface InstanceProfileView {
  profile: InstanceProfile;
  role: Role | null;
  tags: Tag[];
}

const resource = (accountId: string, name?: string): ResourceRef => ({ type: 'account', accountId, ...(name !== undefined ? { name: `instance-profile/${name}` } : {}) });

/**
 * Instance profiles (AWS CreateInstanceProfile and the rest, issue #15 item 6). Adding or removing a role
 * changes no permission (the profile only names the role a machine's sessions assume), so no change is
 * announced; roles refuse deletion while a profile holds them.
 */
export class InstanceProfilesService {
  constructor(private readonly deps: CoreDeps) {}

  /** @throws access-denied | already-exists | invalid-input | limit-exceeded */
  create(ctx: CallContext, input: { name: string; path?: string; tags?: Tag[] }): Promise<InstanceProfileView> {
    const { store, clock, ids } = this.deps;
    const accountId = ctx.principal.accountId;
    const tags = input.tags ?? [];
    return runCommand(this.deps, ctx, Actions.createInstanceProfile, resource(accountId, input.name), async () => {
      checkTagSet(tags, 'instance-profile');
      const profile: InstanceProfile = { id: ids.hexId(), accountId, name: input.name, path: input.path ?? '/', awsId: `AIPA${ids.awsRoleId().slice(4)}`, roleId: null, createdAt: clock.now() };
      await store.transaction(async (tx) => {
        if ((await tx.instanceProfiles.count(accountId)) >= INSTANCE_PROFILE_LIMITS.perAccount) throw new LimitExceededError('instance-profile', INSTANCE_PROFILE_LIMITS.perAccount, 'account');
        await tx.instanceProfiles.create(profile);
        await tx.resourceTags.put('instance-profile', profile.id, tags);
      });
      return { profile, role: null, tags: sortTags(tags) };
    }, tags.length > 0 ? { requestTags: tags } : undefined);
  }

  /** @throws access-denied | not-found */
  get(ctx: CallContext, name: string): Promise<InstanceProfileView> {
    const { store } = this.deps;
    return this.read(ctx, Actions.getInstanceProfile, name, async (profile) => ({ profile, role: await roleOf(store, profile), tags: await store.resourceTags.list('instance-profile', profile.id) }));
  }

  /** Ordered by lowercased name, with their roles (AWS ListInstanceProfiles shows them, without tags). @throws access-denied */
  list(ctx: CallContext, pathPrefix?: string): Promise<InstanceProfileView[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listInstanceProfiles, resource(accountId), async () => {
      const profiles = await store.instanceProfiles.list(accountId, pathPrefix);
      return Promise.all(profiles.map(async (profile) => ({ profile, role: await roleOf(store, profile), tags: [] })));
    });
  }

  /** The profiles holding the role. @throws access-denied | not-found (role) */
  listForRole(ctx: CallContext, ref: RoleRef): Promise<InstanceProfileView[]> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listInstanceProfilesForRole, roleResource(accountId, ref), async () => {
      const role = await requireRole(store, accountId, ref);
      return (await store.instanceProfiles.listForRole(role.id)).map((profile) => ({ profile, role, tags: [] }));
    });
  }

  /** AWS DeleteInstanceProfile: DeleteConflict while it holds a role. @throws access-denied | not-found | delete-conflict */
  delete(ctx: CallContext, name: string): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteInstanceProfile, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => {
        const profile = await requireProfile(tx, accountId, name);
        if (profile.roleId !== null) throw new DeleteConflictError('instance-profile', profile.name, ['instance-profile-roles']);
        await tx.instanceProfiles.delete(accountId, profile.id);
        await tx.resourceTags.removeAll('instance-profile', profile.id);
      }),
    );
  }

  /**
   * AWS AddRoleToInstanceProfile: one role per profile, so a second is LimitExceeded; the write is
   * conditional on the profile holding none, so of two concurrent adds one wins.
   * @throws access-denied | not-found (profile, role) | limit-exceeded
   */
  addRole(ctx: CallContext, name: string, ref: RoleRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.addRoleToInstanceProfile, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => {
        const profile = await requireProfile(tx, accountId, name);
        const role = await requireRole(tx, accountId, ref);
        if (!(await tx.instanceProfiles.addRole(profile.id, role.id))) throw new LimitExceededError('instance-profile', INSTANCE_PROFILE_LIMITS.rolesPerProfile, 'roles');
      }),
    );
  }

  /** @throws access-denied | not-found (profile, role, or the role is not in the profile) */
  removeRole(ctx: CallContext, name: string, ref: RoleRef): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.removeRoleFromInstanceProfile, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => {
        const profile = await requireProfile(tx, accountId, name);
        const role = await requireRole(tx, accountId, ref);
        if (!(await tx.instanceProfiles.removeRole(profile.id, role.id))) throw new NotFoundError('role', role.name, 'name');
      }),
    );
  }

  /** @throws access-denied | not-found | invalid-input | limit-exceeded */
  tag(ctx: CallContext, name: string, tags: Tag[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.tagInstanceProfile, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => addResourceTags(tx, 'instance-profile', (await requireProfile(tx, accountId, name)).id, tags)),
    { requestTags: tags });
  }

  /** Removing a key that is not there is not an error. @throws access-denied | not-found */
  untag(ctx: CallContext, name: string, keys: string[]): Promise<void> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.untagInstanceProfile, resource(accountId, name), () =>
      this.deps.store.transaction(async (tx) => tx.resourceTags.remove('instance-profile', (await requireProfile(tx, accountId, name)).id, keys)),
    );
  }

  /** @throws access-denied | not-found */
  listTags(ctx: CallContext, name: string): Promise<Tag[]> {
    return this.read(ctx, Actions.listInstanceProfileTags, name, (p) => this.deps.store.resourceTags.list('instance-profile', p.id));
  }

  private read<T>(ctx: CallContext, action: IamAction, name: string, then: (p: InstanceProfile) => Promise<T>): Promise<T> {
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, action, resource(accountId, name), async () => then(await requireProfile(this.deps.store, accountId, name)));
  }
}

async function requireProfile(repos: Repositories, accountId: string, name: string): Promise<InstanceProfile> {
  const found = await repos.instanceProfiles.findByName(accountId, name);
  if (!found) throw new NotFoundError('instance-profile', name, 'name');
  return found;
}

async function roleOf(repos: Repositories, profile: InstanceProfile): Promise<Role | null> {
  return profile.roleId === null ? null : ((await repos.roles.findById(profile.accountId, profile.roleId)) ?? null);
}

const sortTags = (tags: Tag[]): Tag[] => [...tags].sort((a, b) => (a.key.toLowerCase() < b.key.toLowerCase() ? -1 : 1));
