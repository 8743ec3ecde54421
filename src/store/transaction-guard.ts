import { AlreadyExistsError, IamError } from '../core/errors.js';
import type { Repositories } from '../core/ports.js';

/** A statement failed inside the transaction, which can now only roll back. Not an `IamError`: a bug in the caller. */
export class TransactionAbortedError extends Error {
  constructor() {
    super('current transaction is aborted: a statement in it failed, so it can only roll back');
  }
}

/** What aborts a PostgreSQL transaction: a statement the database rejected, not a check made before any SQL ran. */
function failedStatement(err: unknown): boolean {
  return !(err instanceof IamError) || err instanceof AlreadyExistsError;
}

/**
 * Gives one transaction PostgreSQL's semantics on every engine. After a failed statement PostgreSQL
 * refuses the rest of the transaction and silently turns its COMMIT into a ROLLBACK, while SQLite
 * carries on and commits. Work that catches an already-exists inside a transaction and continues would
 * therefore pass every SQLite test and lose its writes on PostgreSQL. Here, on both engines, later
 * calls fail and `finish` throws instead of letting the transaction look committed.
 */
export class TransactionGuard {
  private aborted = false;

  wrap(repos: Repositories): Repositories {
    return {
      accounts: this.intercept(repos.accounts),
      users: this.intercept(repos.users),
      loginProfiles: this.intercept(repos.loginProfiles),
      passwordPolicies: this.intercept(repos.passwordPolicies),
      accessKeys: this.intercept(repos.accessKeys),
      groups: this.intercept(repos.groups),
      policies: this.intercept(repos.policies),
      roles: this.intercept(repos.roles),
      resourceTags: this.intercept(repos.resourceTags),
      userCredentials: this.intercept(repos.userCredentials),
      serverCertificates: this.intercept(repos.serverCertificates),
      oidcProviders: this.intercept(repos.oidcProviders),
      roleBoundaries: this.intercept(repos.roleBoundaries),
      instanceProfiles: this.intercept(repos.instanceProfiles),
      samlProviders: this.intercept(repos.samlProviders),
      roleDeletionTasks: this.intercept(repos.roleDeletionTasks),
    };
  }

  /** @throws TransactionAbortedError when a statement failed, so the transaction rolls back */
  finish<T>(result: T): T {
    if (this.aborted) throw new TransactionAbortedError();
    return result;
  }

  private intercept<R extends object>(repo: R): R {
    return new Proxy(repo, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        const method = value as (...args: unknown[]) => unknown;
        return async (...args: unknown[]) => {
          if (this.aborted) throw new TransactionAbortedError();
          try {
            return await method.apply(target, args);
          } catch (err) {
            if (failedStatement(err)) this.aborted = true;
            throw err;
          }
        };
      },
    });
  }
}
