import type { Account } from '../../../src/core/accounts/account.js';
import type { Store } from '../../../src/core/ports.js';
import { buildAccount, buildUser } from '../../../src/core/testing/builders.js';
import type { User } from '../../../src/core/users/user.js';

/** One fresh, empty, migrated store per test: tests never see one another's rows. */
export interface StoreHandle {
  store: Store;
  /** closes the store and removes whatever the backend created for it */
  close(): Promise<void>;
  /**
   * Closes the store and opens a new one on the same data, as a process restart would. Backends that
   * keep nothing across a close (the in-memory fake, SQLite `:memory:`) leave it out.
   */
  reopen?(): Promise<Store>;
}

export type StoreFactory = () => Promise<StoreHandle>;

/** Runs `body` on a fresh store and always closes it. */
export async function withStore(factory: StoreFactory, body: (store: Store, handle: StoreHandle) => Promise<void>): Promise<void> {
  const handle = await factory();
  try {
    await body(handle.store, handle);
  } finally {
    await handle.close();
  }
}

export async function seedAccount(store: Store, overrides: Partial<Account> = {}): Promise<Account> {
  const account = buildAccount(overrides);
  await store.accounts.create(account);
  return account;
}

export async function seedUser(store: Store, accountId: string, overrides: Partial<User> = {}): Promise<User> {
  const user = buildUser(accountId, overrides);
  await store.users.create(user);
  return user;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
