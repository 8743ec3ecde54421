import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_PASSWORD_POLICY, type PasswordPolicySettings } from '../../../src/core/password-policy/password-policy.js';
import { seedAccount, withStore, type StoreFactory } from './harness.js';

const STRICT: PasswordPolicySettings = {
  ...DEFAULT_PASSWORD_POLICY,
  minimumLength: 14,
  requireUppercase: true,
  requireSymbols: true,
  minimumCharClasses: 4,
  maxConsecutiveIdenticalChars: 2,
  maxAgeDays: 90,
  reusePrevention: 24,
  hardExpiry: true,
  allowUsersToChangePassword: false,
  lockoutThreshold: 0,
};

export function passwordPolicyRepositoryContract(factory: StoreFactory): void {
  describe('password policies', () => {
    test('an account without a policy has none', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        assert.equal(await store.passwordPolicies.find(account.id), undefined);
      }));

    test('put then find returns the settings; a second put replaces them', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await store.passwordPolicies.put(account.id, STRICT);
        assert.deepEqual(await store.passwordPolicies.find(account.id), STRICT);
        const relaxed = { ...STRICT, minimumLength: 8, hardExpiry: false, lockoutThreshold: 3 };
        await store.passwordPolicies.put(account.id, relaxed);
        assert.deepEqual(await store.passwordPolicies.find(account.id), relaxed);
      }));

    test('policies belong to one account', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        await store.passwordPolicies.put(a.id, STRICT);
        assert.equal(await store.passwordPolicies.find(b.id), undefined);
        assert.equal(await store.passwordPolicies.delete(b.id), false);
        assert.deepEqual(await store.passwordPolicies.find(a.id), STRICT);
      }));

    test('delete removes the policy once', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await store.passwordPolicies.put(account.id, STRICT);
        assert.equal(await store.passwordPolicies.delete(account.id), true);
        assert.equal(await store.passwordPolicies.find(account.id), undefined);
        assert.equal(await store.passwordPolicies.delete(account.id), false);
      }));

    test('a policy for an account that does not exist is refused by the foreign key', () =>
      withStore(factory, async (store) => {
        await assert.rejects(store.passwordPolicies.put('9'.repeat(32), STRICT));
      }));
  });
}
