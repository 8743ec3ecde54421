import { Actions } from '../authorization/actions.js';
import type { ResourceRef } from '../authorization/authorizer.js';
import { runCommand, type CoreDeps } from '../deps.js';
import { AuthenticationError, InvalidInputError, LimitExceededError, NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { CallContext, Principal } from '../principal.js';
import { SecretAccessKey } from '../secrets.js';
import { requireUser, userResource, type UserRef } from '../users/user-ref.js';
import type { User } from '../users/user.js';
import { MAX_ACCESS_KEY_DESCRIPTION, MAX_ACCESS_KEYS_PER_USER, type AccessKey, type AccessKeyStatus, type AccessKeyView } from './access-key.js';
import type { SelfManagement } from '../login-protection/self-management.js';

export interface CreatedAccessKey {
  key: AccessKeyView;
  userName: string;
  /** shown once, at creation */
  secret: SecretAccessKey;
}

export interface SigningIdentity {
  principal: Principal;
  user: User;
  secret: SecretAccessKey;
}

/** Access keys (AK/SK): issue, list, activate/deactivate, delete, and resolve for request signing. */
const LAST_USED_RESOLUTION_MS = 1_000;

export class AccessKeysService {
  private readonly lastMarked = new Map<string, number>();

  constructor(
    private readonly deps: CoreDeps,
    /** the account's protect policy `allow_user.manage_accesskey` on a user's own keys (issue #12); without it, not enforced */
    private readonly selfManagement?: SelfManagement,
  ) {}

  /**
   * `options.description`: Huawei v3.0 CreatePermanentAccessKey `credential.description`.
   * @throws access-denied | not-found | limit-exceeded | invalid-input
   */
  create(ctx: CallContext, ref: UserRef, options: { description?: string } = {}): Promise<CreatedAccessKey> {
    const { store, clock, ids, secretBox } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.createAccessKey, userResource(accountId, ref, store), async () => {
      await this.selfManagement?.require(ctx, ref, ['manageAccessKey'], Actions.createAccessKey);
      return store.transaction(async (tx) => {
        if (options.description !== undefined) checkDescription(options.description);
        const user = await requireUser(tx, accountId, ref);
        if ((await tx.accessKeys.countByUser(user.id)) >= MAX_ACCESS_KEYS_PER_USER) {
          throw new LimitExceededError('access-key', MAX_ACCESS_KEYS_PER_USER, 'user');
        }
        const secret = ids.secretAccessKey();
        const now = clock.now();
        const key: AccessKey = {
          id: ids.accessKeyId(),
          userId: user.id,
          accountId,
          sealedSecret: secretBox.seal(secret),
          status: 'active',
          createdAt: now,
          updatedAt: now,
          lastUsedAt: null,
          lastUsedService: null,
          lastUsedRegion: null,
          ...(options.description !== undefined ? { description: options.description } : {}),
        };
        await tx.accessKeys.create(key);
        return { key: viewOf(key), userName: user.name, secret: new SecretAccessKey(secret) };
      });
    });
  }

  /** @throws access-denied | not-found */
  list(ctx: CallContext, ref: UserRef): Promise<{ user: User; keys: AccessKeyView[] }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.listAccessKeys, userResource(accountId, ref, store), async () => {
      const user = await requireUser(store, accountId, ref);
      return { user, keys: (await store.accessKeys.listByUser(user.id)).map(viewOf) };
    });
  }

  /**
   * Sets a key's status (undefined: keeps it) and, Huawei v3.0 UpdatePermanentAccessKey, its description.
   * @throws access-denied | not-found | invalid-input
   */
  updateStatus(ctx: CallContext, ref: UserRef, keyId: string, status: AccessKeyStatus | undefined, description?: string): Promise<AccessKeyView> {
    const { store, clock } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.updateAccessKey, userResource(accountId, ref, store), async () => {
      await this.selfManagement?.require(ctx, ref, ['manageAccessKey'], Actions.updateAccessKey);
      return store.transaction(async (tx) => {
        const { key } = await this.requireKey(tx, accountId, ref, keyId);
        if (description !== undefined) checkDescription(description);
        const now = clock.now();
        const next = status ?? key.status;
        await tx.accessKeys.updateStatus(key.id, next, now);
        if (description !== undefined) await tx.accessKeys.updateDescription(key.id, description, now);
        return viewOf({ ...key, status: next, updatedAt: now, ...(description !== undefined ? { description } : {}) });
      }).finally(() => this.deps.changes.emit({ kind: 'access-key', id: keyId }));
    });
  }

  /** @throws access-denied | not-found */
  delete(ctx: CallContext, ref: UserRef, keyId: string): Promise<void> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.deleteAccessKey, userResource(accountId, ref, store), async () => {
      await this.selfManagement?.require(ctx, ref, ['manageAccessKey'], Actions.deleteAccessKey);
      return store.transaction(async (tx) => {
        const { key } = await this.requireKey(tx, accountId, ref, keyId);
        await tx.accessKeys.delete(key.id);
      }).finally(() => this.deps.changes.emit({ kind: 'access-key', id: keyId }));
    });
  }

  /** @throws access-denied | not-found */
  getLastUsed(ctx: CallContext, ref: UserRef, keyId: string): Promise<{ user: User; key: AccessKeyView }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    return runCommand(this.deps, ctx, Actions.getAccessKeyLastUsed, userResource(accountId, ref, store), async () => {
      const { user, key } = await this.requireKey(store, accountId, ref, keyId);
      return { user, key: viewOf(key) };
    });
  }

  /**
   * AWS GetAccessKeyLastUsed names only the key: its owner, any user of the caller's account or the
   * root, is found from it. Authorized on that user; a key unknown here (or another account's)
   * is authorized on the account's users and then not found, so it teaches nothing.
   * @throws access-denied | not-found (access-key)
   */
  async getLastUsedByKey(ctx: CallContext, keyId: string): Promise<{ user: User; key: AccessKeyView }> {
    const { store } = this.deps;
    const accountId = ctx.principal.accountId;
    const key = await store.accessKeys.findById(keyId);
    const owner = key && key.accountId === accountId ? await store.users.findById(accountId, key.userId) : undefined;
    const resource: ResourceRef = owner ? userResource(accountId, { id: owner.id }, store) : { type: 'user', accountId };
    return runCommand(this.deps, ctx, Actions.getAccessKeyLastUsed, resource, async () => {
      if (!key || !owner) throw new NotFoundError('access-key', keyId);
      return { user: owner, key: viewOf(key) };
    });
  }

  /**
   * Resolves the key of a signed request to its principal and secret, for `auth/` to verify the
   * signature with. Not a command: authentication comes before any authorization.
   * @throws authentication-failed (unknown-key | inactive-key | user-disabled)
   */
  async resolveSigningKey(accessKeyId: string): Promise<SigningIdentity> {
    const { store, secretBox } = this.deps;
    const key = await store.accessKeys.findById(accessKeyId);
    if (!key) throw new AuthenticationError('unknown-key');
    if (key.status !== 'active') throw new AuthenticationError('inactive-key');
    const user = await store.users.findById(key.accountId, key.userId);
    if (!user) throw new AuthenticationError('unknown-key');
    if (!user.enabled) throw new AuthenticationError('user-disabled');
    return {
      user,
      secret: new SecretAccessKey(secretBox.open(key.sealedSecret)),
      principal: {
        accountId: user.accountId,
        userId: user.id,
        userName: user.name,
        isRoot: user.isRoot,
        authMethod: 'access-key',
        accessKeyId: key.id,
        mfaAuthenticated: false,
      },
    };
  }

  /**
   * Records that a key signed a request. Kept to the second (AWS GetAccessKeyLastUsed and Huawei
   * ShowAccessKeyLastUsedV5 show a time, not a count): writing on every signed read would cost a
   * database write, an fsync on SQLite, per request. Best effort: a failed write never fails the
   * request it describes.
   */
  async markUsed(accessKeyId: string, service: string, region: string | null = null): Promise<void> {
    const now = this.deps.clock.now();
    const previous = this.lastMarked.get(accessKeyId);
    if (previous !== undefined && now >= previous && now - previous < LAST_USED_RESOLUTION_MS) return;
    if (this.lastMarked.size >= 10_000) this.lastMarked.clear();
    this.lastMarked.set(accessKeyId, now);
    await this.deps.store.accessKeys.touchLastUsed(accessKeyId, now, service, region).catch(() => undefined);
  }

  /**
   * The user of the caller's account that key `keyId` belongs to, for a dialect whose API names only the
   * key (Huawei v3.0 `/OS-CREDENTIAL/credentials/{access_key}`): the command it then calls on that user
   * authorizes. Not a command; undefined for a key unknown here or of another account, alike.
   */
  async ownerOf(accountId: string, keyId: string): Promise<string | undefined> {
    const key = await this.deps.store.accessKeys.findById(keyId);
    return key && key.accountId === accountId ? key.userId : undefined;
  }

  private async requireKey(repos: Repositories, accountId: string, ref: UserRef, keyId: string) {
    const user = await requireUser(repos, accountId, ref);
    const key = await repos.accessKeys.findById(keyId);
    if (!key || key.userId !== user.id) throw new NotFoundError('access-key', keyId);
    return { user, key };
  }
}

function viewOf({ sealedSecret: _sealed, ...view }: AccessKey): AccessKeyView {
  return view;
}

function checkDescription(description: string): void {
  if (description.length > MAX_ACCESS_KEY_DESCRIPTION) throw new InvalidInputError('description', `must be at most ${MAX_ACCESS_KEY_DESCRIPTION} characters`);
}
