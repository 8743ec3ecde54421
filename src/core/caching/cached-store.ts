import type { Change, ChangeAnnouncer, ChangeFeed } from '../change-feed.js';
import type { LoginProfile } from '../login-profiles/login-profile.js';
import type { PasswordPolicySettings } from '../password-policy/password-policy.js';
import type { Clock, LoginProfileRepository, PasswordPolicyRepository, Repositories, Store, TransactionOptions, UserRepository } from '../ports.js';
import type { Tag, User } from '../users/user.js';
import { ChangeCarrier, type OpenTransaction } from './change-carrier.js';
import { RowCache } from './row-cache.js';
import { redirectable, writeTrackedAccessKeys, writeTrackedGroups, writeTrackedPolicies as writeTrackedPolicyDocuments } from './tracked-writes.js';

export interface CachedStoreOptions {
  /** how long a row is served without asking the database; bounds what another node's missed change can cost */
  ttlMs?: number;
  maxEntries?: number;
  /**
   * On a database shared by several nodes: carries every change to the others. Writes then run in a
   * transaction even outside one, so their announcement rides in it (store/change-notify.ts).
   */
  announcer?: ChangeAnnouncer;
}

/** Which cached rows (here or in other caches: signing keys, compiled policies) a write touched; applied when the write (or its transaction) ends. */
type Touched = Change;

/**
 * The store with the rows every signed read needs (users and their tags, login profiles, password policies) served
 * from memory. Reads outside a transaction use the caches; reads inside one always ask the database
 * (a command must see its own writes and the current row). Credential checks read `fresh`.
 *
 * Every write through this store drops what it touched at once and again when it ends (or its
 * transaction does), then announces it on the change feed, which carries it to other nodes
 * (DESIGN.md: caches are invalidated across nodes through the database). Changes from other nodes
 * arrive on the same feed; the time-to-live bounds how long a lost one can be missed.
 */
export class CachedStore implements Store {
  readonly accounts;
  readonly users: UserRepository;
  readonly loginProfiles: LoginProfileRepository;
  readonly passwordPolicies: PasswordPolicyRepository;
  readonly accessKeys;
  readonly groups;
  readonly policies;
  /** roles are read through `core/roles/role-state-cache.ts`, which the `role` change drops */
  readonly roles;
  readonly resourceTags;
  readonly userCredentials;
  readonly serverCertificates;
  readonly oidcProviders;
  readonly roleBoundaries;
  readonly instanceProfiles;
  readonly samlProviders;
  readonly roleDeletionTasks;

  private readonly usersById: RowCache<User>;
  /** `${accountId}/${lowercased name}`: the name index, dropped with its user */
  private readonly usersByName: RowCache<User>;
  private readonly nameKeys = new Map<string, string>();
  private readonly profiles: RowCache<LoginProfile>;
  /** a user's tags (GetUser shows them), boxed so a user with none is cached too */
  private readonly tags: RowCache<{ tags: Tag[] }>;
  /** boxed so an account on the defaults (no row) is cached too */
  private readonly policies_: RowCache<{ settings: PasswordPolicySettings | undefined }>;
  private readonly maxEntries: number;
  private readonly carrier: ChangeCarrier | undefined;
  /** the transaction an autocommit write runs in on a shared database (see `redirectable`) */
  private redirect: Repositories | undefined;

  constructor(
    private readonly inner: Store,
    clock: Clock,
    private readonly changes: ChangeFeed,
    options: CachedStoreOptions = {},
  ) {
    const ttl = options.ttlMs ?? 10_000;
    const max = options.maxEntries ?? 20_000;
    this.maxEntries = max;
    this.usersById = new RowCache(clock, ttl, max, 'users');
    this.usersByName = new RowCache(clock, ttl, max, 'users-by-name');
    this.profiles = new RowCache(clock, ttl, max, 'login-profiles');
    this.tags = new RowCache(clock, ttl, max, 'user-tags');
    this.policies_ = new RowCache(clock, ttl, max, 'password-policies');
    this.accounts = inner.accounts;
    this.accessKeys = inner.accessKeys;
    this.groups = inner.groups;
    this.policies = inner.policies;
    this.roles = inner.roles;
    this.resourceTags = inner.resourceTags;
    this.userCredentials = inner.userCredentials;
    this.serverCertificates = inner.serverCertificates;
    this.oidcProviders = inner.oidcProviders;
    this.roleBoundaries = inner.roleBoundaries;
    this.instanceProfiles = inner.instanceProfiles;
    this.samlProviders = inner.samlProviders;
    this.roleDeletionTasks = inner.roleDeletionTasks;
    const direct = (touched: Touched[], write: () => Promise<unknown>) => this.autocommitWrite(touched, write);
    this.carrier = options.announcer ? new ChangeCarrier(options.announcer) : undefined;
    // on a shared database an autocommit write runs in a transaction of its own (see `autocommitWrite`)
    const repo = <K extends keyof Repositories>(name: K): Repositories[K] => (this.carrier ? redirectable(inner, name, () => this.redirect) : inner[name]);
    this.users = cachedUsers(repo('users'), this, direct);
    this.loginProfiles = cachedLoginProfiles(repo('loginProfiles'), this, direct);
    this.passwordPolicies = cachedPasswordPolicies(repo('passwordPolicies'), this, direct);
    this.accessKeys = writeTrackedAccessKeys(repo('accessKeys'), direct);
    this.groups = writeTrackedGroups(repo('groups'), direct);
    this.policies = writeTrackedPolicyDocuments(repo('policies'), direct);
    changes.subscribe(
      (change) => {
        this.drop(change);
        if (this.carrier && !changes.isReplaying) this.carrier.carry(change);
      },
      () => this.clear(),
    );
  }

  /** the database as it is now: for reads that decide a credential check */
  get fresh(): Repositories {
    return this.inner.fresh;
  }

  async transaction<T>(work: (tx: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const open = this.carrier?.begin();
    const touched: Touched[] = open?.touched ?? [];
    let committed = false;
    try {
      const announce = () => [...touched, ...(options.announce?.() ?? [])];
      const result = await this.inner.transaction((tx) => work(this.tracking(tx, touched, open)), { announce });
      committed = true;
      return result;
    } finally {
      if (open) this.carrier!.end(open, committed);
      for (const change of touched) this.drop(change);
      if (committed) this.announce(touched);
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** @internal the read side the repository wrappers use */
  read = {
    user: (accountId: string, id: string, load: () => Promise<User | undefined>) =>
      this.usersById.get(id, load).then((user) => (user?.accountId === accountId ? user : undefined)),
    userByName: async (accountId: string, name: string, load: () => Promise<User | undefined>) => {
      const key = `${accountId}/${name.toLowerCase()}`;
      const user = await this.usersByName.get(key, load);
      if (user) this.nameKeys.set(user.id, key);
      // a name entry whose user id is forgotten could not be dropped with its user: forget both, the
      // oldest pair only (clearing all of them made a million users' reads all misses, #17)
      if (this.nameKeys.size > this.maxEntries) {
        const [oldestId, oldestKey] = this.nameKeys.entries().next().value as [string, string];
        this.nameKeys.delete(oldestId);
        this.usersByName.evict(oldestKey);
      }
      return user;
    },
    profile: (userId: string, load: () => Promise<LoginProfile | undefined>) => this.profiles.get(userId, load),
    // a copy: callers may sort or extend the list they are given
    tags: (userId: string, load: () => Promise<{ tags: Tag[] }>) => this.tags.get(userId, load).then((box) => [...(box?.tags ?? [])]),
    policy: (accountId: string, load: () => Promise<{ settings: PasswordPolicySettings | undefined }>) =>
      this.policies_.get(accountId, load).then((box) => box?.settings),
  };

  /** Drops every cached row: another node's changes may have been missed. */
  clear(): void {
    this.usersById.clear();
    this.usersByName.clear();
    this.nameKeys.clear();
    this.profiles.clear();
    this.tags.clear();
    this.policies_.clear();
  }

  private drop(change: Change): void {
    switch (change.kind) {
      case 'user': {
        this.usersById.invalidate(change.id);
        const nameKey = this.nameKeys.get(change.id);
        if (nameKey !== undefined) this.usersByName.invalidate(nameKey);
        this.nameKeys.delete(change.id);
        // deleting a user deletes its login profile and tags with it; tag writes are user changes
        this.profiles.invalidate(change.id);
        this.tags.invalidate(change.id);
        return;
      }
      case 'login-profile':
        return this.profiles.invalidate(change.id);
      case 'password-policy':
        return this.policies_.invalidate(change.id);
      case 'account':
        this.usersById.clear();
        this.usersByName.clear();
        this.profiles.clear();
        this.tags.clear();
        this.policies_.clear();
        return;
      default:
        return;
    }
  }

  private announce(touched: Touched[]): void {
    const seen = new Set<string>();
    for (const change of touched) {
      const key = `${change.kind}/${change.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.changes.emit(change);
    }
  }

  private async autocommitWrite<R>(touched: Touched[], write: () => Promise<R>): Promise<R> {
    if (this.carrier) {
      // SECURITY: on a shared database the write's announcement must commit with it (a crash between
      // the two would leave other nodes' rows stale): one transaction, the write redirected into its
      // tracked repositories (which record what it touches)
      return this.transaction((tx) => {
        this.redirect = tx;
        try {
          return write();
        } finally {
          this.redirect = undefined;
        }
      });
    }
    for (const change of touched) this.drop(change);
    let written = false;
    try {
      const result = await write();
      written = true;
      return result;
    } finally {
      for (const change of touched) this.drop(change);
      if (written) this.announce(touched);
    }
  }

  /** a transaction's repositories: reads go to the database, writes are remembered for when it ends */
  private tracking(tx: Repositories, touched: Touched[], open?: OpenTransaction): Repositories {
    const inTx = (changes: Touched[], write: () => Promise<unknown>) => {
      for (const change of changes) {
        this.drop(change);
        if (open) open.add(change);
        else touched.push(change);
      }
      return write();
    };
    return {
      ...tx,
      users: writeTracked(tx.users, inTx),
      loginProfiles: writeTrackedProfiles(tx.loginProfiles, inTx),
      passwordPolicies: writeTrackedPolicies(tx.passwordPolicies, inTx),
      accessKeys: writeTrackedAccessKeys(tx.accessKeys, inTx),
      groups: writeTrackedGroups(tx.groups, inTx),
      policies: writeTrackedPolicyDocuments(tx.policies, inTx),
    };
  }
}

type WriteHook = (touched: Touched[], write: () => Promise<unknown>) => Promise<unknown>;

const user = (id: string): Touched => ({ kind: 'user', id });
const profile = (userId: string): Touched => ({ kind: 'login-profile', id: userId });
const policy = (accountId: string): Touched => ({ kind: 'password-policy', id: accountId });

/** the users repository with every write reported to `hook` (which runs it) */
function writeTracked(repo: UserRepository, hook: WriteHook): UserRepository {
  return {
    findById: (accountId, id) => repo.findById(accountId, id),
    findByName: (accountId, name) => repo.findByName(accountId, name),
    findByNumericId: (accountId, numericId) => repo.findByNumericId(accountId, numericId),
    list: (accountId, query) => repo.list(accountId, query),
    count: (accountId, query) => repo.count(accountId, query),
    listTags: (userId) => repo.listTags(userId),
    listByPermissionsBoundary: (accountId, policyId) => repo.listByPermissionsBoundary(accountId, policyId),
    permissionsBoundaryCounts: (accountId) => repo.permissionsBoundaryCounts(accountId),
    // a create needs no drop: misses are never cached
    create: (u) => repo.create(u),
    update: (u) => hook([user(u.id)], () => repo.update(u)) as Promise<void>,
    touchPasswordLastUsed: (id, at) => hook([user(id)], () => repo.touchPasswordLastUsed(id, at)) as Promise<void>,
    delete: (accountId, id) => hook([user(id)], () => repo.delete(accountId, id)) as Promise<boolean>,
    putTags: (id, tags) => hook([user(id)], () => repo.putTags(id, tags)) as Promise<void>,
    removeTags: (id, keys) => hook([user(id)], () => repo.removeTags(id, keys)) as Promise<void>,
  };
}

function writeTrackedProfiles(repo: LoginProfileRepository, hook: WriteHook): LoginProfileRepository {
  return {
    find: (userId) => repo.find(userId),
    listPasswordHistory: (userId, limit) => repo.listPasswordHistory(userId, limit),
    addPasswordHistory: (userId, hash, at) => repo.addPasswordHistory(userId, hash, at),
    create: (p) => repo.create(p),
    // a new password or none ends the user's tokens: token holders are `user` changes
    update: (p) => hook([profile(p.userId), user(p.userId)], () => repo.update(p)) as Promise<void>,
    delete: (userId) => hook([profile(userId), user(userId)], () => repo.delete(userId)) as Promise<boolean>,
    recordFailedSignIn: (userId, threshold, lockedUntil) =>
      hook([profile(userId)], () => repo.recordFailedSignIn(userId, threshold, lockedUntil)) as ReturnType<LoginProfileRepository['recordFailedSignIn']>,
    recordSuccessfulSignIn: (userId, now, ip) => hook([profile(userId)], () => repo.recordSuccessfulSignIn(userId, now, ip)) as Promise<boolean>,
    clearExpiredLock: (userId, now) => hook([profile(userId)], () => repo.clearExpiredLock(userId, now)) as Promise<void>,
    unlock: (userId) => hook([profile(userId)], () => repo.unlock(userId)) as Promise<void>,
  };
}

function writeTrackedPolicies(repo: PasswordPolicyRepository, hook: WriteHook): PasswordPolicyRepository {
  return {
    find: (accountId) => repo.find(accountId),
    put: (accountId, settings) => hook([policy(accountId)], () => repo.put(accountId, settings)) as Promise<void>,
    delete: (accountId) => hook([policy(accountId)], () => repo.delete(accountId)) as Promise<boolean>,
  };
}

function cachedUsers(repo: UserRepository, store: CachedStore, hook: WriteHook): UserRepository {
  return {
    ...writeTracked(repo, hook),
    findById: (accountId, id) => store.read.user(accountId, id, () => repo.findById(accountId, id)),
    findByName: (accountId, name) => store.read.userByName(accountId, name, () => repo.findByName(accountId, name)),
    listTags: (userId) => store.read.tags(userId, async () => ({ tags: await repo.listTags(userId) })),
  };
}

function cachedLoginProfiles(repo: LoginProfileRepository, store: CachedStore, hook: WriteHook): LoginProfileRepository {
  return { ...writeTrackedProfiles(repo, hook), find: (userId) => store.read.profile(userId, () => repo.find(userId)) };
}

function cachedPasswordPolicies(repo: PasswordPolicyRepository, store: CachedStore, hook: WriteHook): PasswordPolicyRepository {
  return {
    ...writeTrackedPolicies(repo, hook),
    find: (accountId) => store.read.policy(accountId, async () => ({ settings: await repo.find(accountId) })),
  };
}
