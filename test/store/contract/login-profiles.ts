import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AlreadyExistsError } from '../../../src/core/errors.js';
import { buildLoginProfile } from '../../../src/core/testing/builders.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';
import type { Store } from '../../../src/core/ports.js';

async function seedProfile(store: Store, overrides: Parameters<typeof buildLoginProfile>[1] = {}) {
  const account = await seedAccount(store);
  const user = await seedUser(store, account.id);
  const profile = buildLoginProfile(user, overrides);
  await store.loginProfiles.create(profile);
  return { account, user, profile };
}

const LOCK_UNTIL = 1_900_000_000_000;

export function loginProfileRepositoryContract(factory: StoreFactory): void {
  describe('login profiles', () => {
    test('create then find, with every field intact', () =>
      withStore(factory, async (store) => {
        const { profile } = await seedProfile(store, {
          passwordResetRequired: true,
          loginAllowed: false,
          passwordChangedAt: 1_700_000_000_100,
          lastLoginAt: 1_700_000_000_200,
          lastLoginIp: '2001:db8::1',
          failedAttempts: 3,
          lockedUntil: 1_700_000_000_300,
          protection: { enabled: true, methods: ['phone', 'vmfa'], exemptRequired: true, exemptUnit: 'hours', exemptDuration: 168 },
        });
        assert.deepEqual(await store.loginProfiles.find(profile.userId), profile);
        assert.equal(await store.loginProfiles.find('0'.repeat(32)), undefined);
      }));

    test('one profile per user: a second is already-exists', () =>
      withStore(factory, async (store) => {
        const { user } = await seedProfile(store);
        await assert.rejects(store.loginProfiles.create(buildLoginProfile(user)), (err) => {
          assert.ok(err instanceof AlreadyExistsError);
          assert.equal(err.entity, 'login-profile');
          return true;
        });
      }));

    test('a profile for a user that does not exist is refused by the foreign key', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await assert.rejects(store.loginProfiles.create(buildLoginProfile({ id: 'a'.repeat(32), accountId: account.id })));
      }));

    test('update writes every field but the user, the account and the creation time', () =>
      withStore(factory, async (store) => {
        const { profile } = await seedProfile(store);
        const changed = {
          ...profile,
          accountId: 'b'.repeat(32),
          createdAt: 7,
          passwordHash: 'new-hash',
          passwordResetRequired: true,
          updatedAt: profile.updatedAt + 5,
          protection: { enabled: true, methods: ['email' as const], exemptRequired: false, exemptUnit: 'days' as const, exemptDuration: 7 },
        };
        await store.loginProfiles.update(changed);
        assert.deepEqual(await store.loginProfiles.find(profile.userId), { ...changed, accountId: profile.accountId, createdAt: profile.createdAt });
      }));

    test('delete removes the profile and its password history', () =>
      withStore(factory, async (store) => {
        const { user } = await seedProfile(store);
        await store.loginProfiles.addPasswordHistory(user.id, 'h1', 1);
        assert.equal(await store.loginProfiles.delete(user.id), true);
        assert.equal(await store.loginProfiles.find(user.id), undefined);
        assert.deepEqual(await store.loginProfiles.listPasswordHistory(user.id, 5), []);
        assert.equal(await store.loginProfiles.delete(user.id), false);
        await store.loginProfiles.create(buildLoginProfile(user));
        assert.deepEqual(await store.loginProfiles.listPasswordHistory(user.id, 5), []);
      }));

    describe('lockout', () => {
      test('each failure counts; the lock is set from the threshold on', () =>
        withStore(factory, async (store) => {
          const { user } = await seedProfile(store);
          for (let i = 1; i <= 2; i++) assert.deepEqual(await store.loginProfiles.recordFailedSignIn(user.id, 3, LOCK_UNTIL), { failedAttempts: i, lockedUntil: null });
          assert.deepEqual(await store.loginProfiles.recordFailedSignIn(user.id, 3, LOCK_UNTIL), { failedAttempts: 3, lockedUntil: LOCK_UNTIL });
          assert.deepEqual(await store.loginProfiles.recordFailedSignIn(user.id, 3, LOCK_UNTIL + 1), { failedAttempts: 4, lockedUntil: LOCK_UNTIL + 1 });
          const stored = await store.loginProfiles.find(user.id);
          assert.equal(stored?.failedAttempts, 4);
          assert.equal(stored?.lockedUntil, LOCK_UNTIL + 1);
        }));

      test('a lock already set stays while the count is below a (raised) threshold', () =>
        withStore(factory, async (store) => {
          const { user } = await seedProfile(store, { failedAttempts: 0, lockedUntil: 5_000 });
          assert.deepEqual(await store.loginProfiles.recordFailedSignIn(user.id, 10, LOCK_UNTIL), { failedAttempts: 1, lockedUntil: 5_000 });
        }));

      test('a failure for a user without a profile changes nothing', () =>
        withStore(factory, async (store) => {
          assert.deepEqual(await store.loginProfiles.recordFailedSignIn('c'.repeat(32), 5, LOCK_UNTIL), { failedAttempts: 0, lockedUntil: null });
        }));

      test('30 parallel failures with threshold 5 see the counts 1..30 once each, locked from the 5th', () =>
        withStore(factory, async (store) => {
          const { user } = await seedProfile(store);
          const results = await Promise.all(Array.from({ length: 30 }, () => store.loginProfiles.recordFailedSignIn(user.id, 5, LOCK_UNTIL)));
          const counts = results.map((r) => r.failedAttempts).sort((a, b) => a - b);
          assert.deepEqual(counts, Array.from({ length: 30 }, (_, i) => i + 1));
          for (const r of results) assert.equal(r.lockedUntil, r.failedAttempts >= 5 ? LOCK_UNTIL : null, `count ${r.failedAttempts}`);
          const stored = await store.loginProfiles.find(user.id);
          assert.equal(stored?.failedAttempts, 30);
          assert.equal(stored?.lockedUntil, LOCK_UNTIL);
        }));

      test('a success resets the count and records the sign-in when not locked', () =>
        withStore(factory, async (store) => {
          const { user, profile } = await seedProfile(store, { failedAttempts: 2 });
          assert.equal(await store.loginProfiles.recordSuccessfulSignIn(user.id, 1_700_000_009_000, '198.51.100.7'), true);
          assert.deepEqual(await store.loginProfiles.find(user.id), {
            ...profile,
            failedAttempts: 0,
            lockedUntil: null,
            lastLoginAt: 1_700_000_009_000,
            lastLoginIp: '198.51.100.7',
          });
          assert.equal(await store.loginProfiles.recordSuccessfulSignIn(user.id, 1_700_000_009_500, null), true);
          assert.equal((await store.loginProfiles.find(user.id))?.lastLoginIp, null);
        }));

      test('a success is refused while locked and leaves the profile untouched', () =>
        withStore(factory, async (store) => {
          const { user, profile } = await seedProfile(store, { failedAttempts: 5, lockedUntil: 10_000 });
          assert.equal(await store.loginProfiles.recordSuccessfulSignIn(user.id, 9_999, '198.51.100.7'), false);
          assert.deepEqual(await store.loginProfiles.find(user.id), profile);
          // a lock ending exactly now no longer holds
          assert.equal(await store.loginProfiles.recordSuccessfulSignIn(user.id, 10_000, null), true);
          assert.equal((await store.loginProfiles.find(user.id))?.lockedUntil, null);
        }));

      test('a success for a user without a profile is refused', () =>
        withStore(factory, async (store) => {
          assert.equal(await store.loginProfiles.recordSuccessfulSignIn('d'.repeat(32), 1, null), false);
        }));

      test('clearExpiredLock clears only a lock that has ended', () =>
        withStore(factory, async (store) => {
          const { user } = await seedProfile(store, { failedAttempts: 5, lockedUntil: 10_000 });
          await store.loginProfiles.clearExpiredLock(user.id, 9_999);
          assert.deepEqual(await pick(store, user.id), { failedAttempts: 5, lockedUntil: 10_000 });
          await store.loginProfiles.clearExpiredLock(user.id, 10_000);
          assert.deepEqual(await pick(store, user.id), { failedAttempts: 0, lockedUntil: null });
        }));

      test('clearExpiredLock leaves an unlocked count alone', () =>
        withStore(factory, async (store) => {
          const { user } = await seedProfile(store, { failedAttempts: 2, lockedUntil: null });
          await store.loginProfiles.clearExpiredLock(user.id, 10_000);
          assert.deepEqual(await pick(store, user.id), { failedAttempts: 2, lockedUntil: null });
        }));

      test('unlock clears the lock and the count at once', () =>
        withStore(factory, async (store) => {
          const { user } = await seedProfile(store, { failedAttempts: 9, lockedUntil: LOCK_UNTIL });
          await store.loginProfiles.unlock(user.id);
          assert.deepEqual(await pick(store, user.id), { failedAttempts: 0, lockedUntil: null });
        }));
    });

    describe('password history', () => {
      test('lists newest first, up to the limit, per user', () =>
        withStore(factory, async (store) => {
          const { account, user } = await seedProfile(store);
          const other = await seedUser(store, account.id);
          await store.loginProfiles.addPasswordHistory(user.id, 'h-2', 2_000);
          await store.loginProfiles.addPasswordHistory(user.id, 'h-1', 1_000);
          await store.loginProfiles.addPasswordHistory(user.id, 'h-4', 4_000);
          await store.loginProfiles.addPasswordHistory(other.id, 'other', 5_000);
          await store.loginProfiles.addPasswordHistory(user.id, 'h-3', 3_000);
          assert.deepEqual(await store.loginProfiles.listPasswordHistory(user.id, 10), ['h-4', 'h-3', 'h-2', 'h-1']);
          assert.deepEqual(await store.loginProfiles.listPasswordHistory(user.id, 2), ['h-4', 'h-3']);
          assert.deepEqual(await store.loginProfiles.listPasswordHistory(other.id, 10), ['other']);
          assert.deepEqual(await store.loginProfiles.listPasswordHistory('0'.repeat(32), 10), []);
        }));

      test('the same hash may recur in the history', () =>
        withStore(factory, async (store) => {
          const { user } = await seedProfile(store);
          await store.loginProfiles.addPasswordHistory(user.id, 'same', 1);
          await store.loginProfiles.addPasswordHistory(user.id, 'same', 2);
          assert.deepEqual(await store.loginProfiles.listPasswordHistory(user.id, 5), ['same', 'same']);
        }));
    });
  });
}

async function pick(store: Store, userId: string) {
  const p = await store.loginProfiles.find(userId);
  return p && { failedAttempts: p.failedAttempts, lockedUntil: p.lockedUntil };
}
