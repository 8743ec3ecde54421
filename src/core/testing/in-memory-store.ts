/**
 * An in-memory `Store` for fast core unit tests. It passes the same contract suite as the Kysely store
 * (test/store/contract), so a core test that passes here behaves the same on SQLite and PostgreSQL:
 * - unique keys, foreign keys and cascades of the SQL schema are enforced;
 * - every call is serialized, like the one SQLite connection; a transaction holds the store until it
 *   ends and restores a snapshot if its work throws;
 * - after a statement fails inside a transaction the transaction is aborted, as PostgreSQL does;
 * - using the store itself (not `tx`) inside a transaction fails at once, where SQLite would hang.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { AlreadyExistsError, IamError } from '../errors.js';
import type { Repositories, Store } from '../ports.js';
import { InMemoryAccessKeyRepository, InMemoryLoginProfileRepository, InMemoryPasswordPolicyRepository } from './in-memory-credentials.js';
import { copy, emptyTables, type Tables, type TablesHolder } from './in-memory-tables.js';
import { InMemoryPolicyRepository } from './in-memory-policies.js';
import { InMemoryRoleRepository } from './in-memory-roles.js';
import { InMemoryOidcProviderRepository, InMemoryResourceTagRepository, InMemoryServerCertificateRepository, InMemoryUserCredentialRepository } from './in-memory-aws-api.js';
import { InMemoryInstanceProfileRepository, InMemoryRoleBoundaryRepository, InMemoryRoleDeletionTaskRepository, InMemorySamlProviderRepository } from './in-memory-aws-entities.js';
import { InMemoryAccountRepository, InMemoryGroupRepository, InMemoryUserRepository } from './in-memory-users.js';

interface TransactionState {
  aborted: boolean;
  done: boolean;
}

/** Runs one piece of work at a time, in call order. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** What aborts a PostgreSQL transaction: a statement the database rejected, not a check made before any SQL ran. */
function failsStatement(err: unknown): boolean {
  return !(err instanceof IamError) || err instanceof AlreadyExistsError;
}

export class TransactionAbortedError extends Error {
  constructor() {
    super('current transaction is aborted: a statement in it failed, so it can only roll back');
  }
}

/** Wraps every method of a repository so each call goes through `around`. */
function intercept<T extends object>(repo: T, around: <R>(call: () => Promise<R>) => Promise<R>): T {
  return new Proxy(repo, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => around(() => Promise.resolve(method.apply(target, args)));
    },
  });
}

function interceptAll(repos: Repositories, around: <R>(call: () => Promise<R>) => Promise<R>): Repositories {
  return {
    accounts: intercept(repos.accounts, around),
    users: intercept(repos.users, around),
    loginProfiles: intercept(repos.loginProfiles, around),
    passwordPolicies: intercept(repos.passwordPolicies, around),
    accessKeys: intercept(repos.accessKeys, around),
    groups: intercept(repos.groups, around),
    policies: intercept(repos.policies, around),
    roles: intercept(repos.roles, around),
    resourceTags: intercept(repos.resourceTags, around),
    userCredentials: intercept(repos.userCredentials, around),
    serverCertificates: intercept(repos.serverCertificates, around),
    oidcProviders: intercept(repos.oidcProviders, around),
    roleBoundaries: intercept(repos.roleBoundaries, around),
    instanceProfiles: intercept(repos.instanceProfiles, around),
    samlProviders: intercept(repos.samlProviders, around),
    roleDeletionTasks: intercept(repos.roleDeletionTasks, around),
  };
}

export class InMemoryStore implements Store {
  readonly accounts;
  readonly users;
  readonly loginProfiles;
  readonly passwordPolicies;
  readonly accessKeys;
  readonly groups;
  readonly policies;
  readonly roles;
  readonly resourceTags;
  readonly userCredentials;
  readonly serverCertificates;
  readonly oidcProviders;
  readonly roleBoundaries;
  readonly instanceProfiles;
  readonly samlProviders;
  readonly roleDeletionTasks;

  private readonly holder: TablesHolder = { tables: emptyTables() };
  private readonly raw: Repositories;
  private readonly mutex = new Mutex();
  private readonly current = new AsyncLocalStorage<TransactionState>();
  private closed = false;

  constructor() {
    this.raw = {
      accounts: new InMemoryAccountRepository(this.holder),
      users: new InMemoryUserRepository(this.holder),
      loginProfiles: new InMemoryLoginProfileRepository(this.holder),
      passwordPolicies: new InMemoryPasswordPolicyRepository(this.holder),
      accessKeys: new InMemoryAccessKeyRepository(this.holder),
      groups: new InMemoryGroupRepository(this.holder),
      policies: new InMemoryPolicyRepository(this.holder),
      roles: new InMemoryRoleRepository(this.holder),
      resourceTags: new InMemoryResourceTagRepository(this.holder),
      userCredentials: new InMemoryUserCredentialRepository(this.holder),
      serverCertificates: new InMemoryServerCertificateRepository(this.holder),
      oidcProviders: new InMemoryOidcProviderRepository(this.holder),
      roleBoundaries: new InMemoryRoleBoundaryRepository(this.holder),
      instanceProfiles: new InMemoryInstanceProfileRepository(this.holder),
      samlProviders: new InMemorySamlProviderRepository(this.holder),
      roleDeletionTasks: new InMemoryRoleDeletionTaskRepository(this.holder),
    };
    const direct = interceptAll(this.raw, async (call) => {
      this.assertUsable();
      return this.mutex.run(call);
    });
    this.accounts = direct.accounts;
    this.users = direct.users;
    this.loginProfiles = direct.loginProfiles;
    this.passwordPolicies = direct.passwordPolicies;
    this.accessKeys = direct.accessKeys;
    this.groups = direct.groups;
    this.policies = direct.policies;
    this.roles = direct.roles;
    this.resourceTags = direct.resourceTags;
    this.userCredentials = direct.userCredentials;
    this.serverCertificates = direct.serverCertificates;
    this.oidcProviders = direct.oidcProviders;
    this.roleBoundaries = direct.roleBoundaries;
    this.instanceProfiles = direct.instanceProfiles;
    this.samlProviders = direct.samlProviders;
    this.roleDeletionTasks = direct.roleDeletionTasks;
  }

  get fresh(): Repositories {
    return this;
  }

  async transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T> {
    this.assertUsable();
    return this.mutex.run(async () => {
      const state: TransactionState = { aborted: false, done: false };
      const tx = interceptAll(this.raw, async (call) => {
        if (state.done) throw new Error('the transaction has already ended');
        if (state.aborted) throw new TransactionAbortedError();
        try {
          return await call();
        } catch (err) {
          if (failsStatement(err)) state.aborted = true;
          throw err;
        }
      });
      const snapshot = copy(this.holder.tables);
      try {
        const result = await this.current.run(state, () => work(tx));
        // PostgreSQL turns the COMMIT of an aborted transaction into a ROLLBACK; say so instead of
        // letting the caller believe its writes are stored.
        if (state.aborted) throw new TransactionAbortedError();
        return result;
      } catch (err) {
        this.holder.tables = snapshot;
        throw err;
      } finally {
        state.done = true;
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** A copy of every row, for assertions that look past the ports. */
  dump(): Tables {
    return copy(this.holder.tables);
  }

  private assertUsable(): void {
    if (this.closed) throw new Error('the store is closed');
    // SQLite holds its only connection for the whole transaction, so a transaction that awaited this
    // call would wait forever there. Stricter than SQLite for a call the transaction does not await,
    // which no core code needs.
    if (this.current.getStore()?.done === false) throw new Error('the store was used directly inside a transaction: use the `tx` repositories');
  }
}
