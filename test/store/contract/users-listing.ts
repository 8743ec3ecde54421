import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.js';
import type { Store, UserListQuery } from '../../../src/core/ports.js';
import { buildGroup } from '../../../src/core/testing/builders.js';
import { seedAccount, seedUser, withStore, type StoreFactory } from './harness.js';

async function names(store: Store, accountId: string, query: UserListQuery): Promise<string[]> {
  return (await store.users.list(accountId, query)).items.map((u) => u.name);
}

/** Follows nextMarker to the end, asserting each page holds at most `limit` items. */
async function allPages(store: Store, accountId: string, query: UserListQuery): Promise<string[][]> {
  const pages: string[][] = [];
  let marker: string | undefined;
  do {
    const page = await store.users.list(accountId, { ...query, ...(marker === undefined ? {} : { marker }) });
    assert.ok(page.items.length <= query.limit);
    pages.push(page.items.map((u) => u.name));
    marker = page.nextMarker;
  } while (marker !== undefined && pages.length < 100);
  return pages;
}

export function userListingContract(factory: StoreFactory): void {
  describe('users: list and count', () => {
    test('pages by the lowercased name with an opaque marker; the last page has none', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const name of ['delta', 'Alpha', 'echo', 'Charlie', 'bravo']) await seedUser(store, account.id, { name });
        assert.deepEqual(await allPages(store, account.id, { limit: 2 }), [['Alpha', 'bravo'], ['Charlie', 'delta'], ['echo']]);
        const first = await store.users.list(account.id, { limit: 2 });
        assert.ok(first.nextMarker);
        assert.doesNotMatch(first.nextMarker, /bravo/);
        assert.match(first.nextMarker, /^[A-Za-z0-9_-]+$/);
      }));

    test('a page that ends exactly at the last user has no marker', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const name of ['a', 'b', 'c', 'd']) await seedUser(store, account.id, { name });
        assert.deepEqual(await allPages(store, account.id, { limit: 2 }), [['a', 'b'], ['c', 'd']]);
        const all = await store.users.list(account.id, { limit: 4 });
        assert.equal(all.nextMarker, undefined);
        assert.deepEqual(await store.users.list(account.id, { limit: 10 }), { items: all.items });
      }));

    /** @see issue #2: PostgreSQL sorted by the database collation, SQLite bytewise */
    test('the order is bytewise on the lowercased name, whatever the database collation', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        // a locale collation (en-US ICU, glibc en_US) puts `_` before `-` or ignores punctuation
        const input = ['ab', 'a_b', 'A-c', 'a.b', 'a1', 'Äb', 'B', 'a+b', 'a~b'];
        for (const name of input) await seedUser(store, account.id, { name });
        const expected = ['a+b', 'A-c', 'a.b', 'a1', 'a_b', 'ab', 'a~b', 'B', 'Äb'];
        assert.deepEqual(await names(store, account.id, { limit: 100 }), expected);
        assert.deepEqual((await allPages(store, account.id, { limit: 2 })).flat(), expected);
      }));

    test('offset skips rows (Volcengine Limit/Offset) and still reports a next page', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const name of ['u1', 'u2', 'u3', 'u4', 'u5']) await seedUser(store, account.id, { name });
        const page = await store.users.list(account.id, { limit: 2, offset: 1 });
        assert.deepEqual(page.items.map((u) => u.name), ['u2', 'u3']);
        assert.ok(page.nextMarker);
        const tail = await store.users.list(account.id, { limit: 2, offset: 3 });
        assert.deepEqual(tail, { items: tail.items });
        assert.deepEqual(tail.items.map((u) => u.name), ['u4', 'u5']);
        assert.deepEqual(await names(store, account.id, { limit: 2, offset: 9 }), []);
      }));

    test('a marker this store never issued is invalid-input', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await assert.rejects(store.users.list(account.id, { limit: 2, marker: 'not-a-marker' }), (err) => {
          assert.ok(err instanceof InvalidInputError);
          assert.equal(err.field, 'marker');
          return true;
        });
      }));

    test('the root user is listed and counted only when asked for', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await seedUser(store, account.id, { name: 'root', isRoot: true });
        await seedUser(store, account.id, { name: 'worker' });
        assert.deepEqual(await names(store, account.id, { limit: 10 }), ['worker']);
        assert.deepEqual(await names(store, account.id, { limit: 10, includeRoot: true }), ['root', 'worker']);
        assert.equal(await store.users.count(account.id, {}), 1);
        assert.equal(await store.users.count(account.id, { includeRoot: true }), 2);
      }));

    test('only the account’s own users are listed', () =>
      withStore(factory, async (store) => {
        const a = await seedAccount(store);
        const b = await seedAccount(store);
        await seedUser(store, a.id, { name: 'mine' });
        await seedUser(store, b.id, { name: 'theirs' });
        assert.deepEqual(await names(store, a.id, { limit: 10 }), ['mine']);
      }));

    /** @see issue #2: SQLite's LIKE matched `/Dev/` for the prefix `/dev/` */
    test('pathPrefix is a case-sensitive prefix where `%` and `_` are literal', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await seedUser(store, account.id, { name: 'a', path: '/dev/' });
        await seedUser(store, account.id, { name: 'b', path: '/dev/ops/' });
        await seedUser(store, account.id, { name: 'c', path: '/Dev/' });
        await seedUser(store, account.id, { name: 'd', path: '/devx/' });
        await seedUser(store, account.id, { name: 'e', path: '/d%v/' });
        await seedUser(store, account.id, { name: 'f', path: '/d_v/' });
        assert.deepEqual(await names(store, account.id, { limit: 10, pathPrefix: '/dev/' }), ['a', 'b']);
        assert.deepEqual(await names(store, account.id, { limit: 10, pathPrefix: '/Dev/' }), ['c']);
        assert.deepEqual(await names(store, account.id, { limit: 10, pathPrefix: '/d%' }), ['e']);
        assert.deepEqual(await names(store, account.id, { limit: 10, pathPrefix: '/d_' }), ['f']);
        assert.deepEqual(await names(store, account.id, { limit: 10, pathPrefix: '/' }), ['a', 'b', 'c', 'd', 'e', 'f']);
        assert.equal(await store.users.count(account.id, { pathPrefix: '/dev' }), 3);
      }));

    test('textContains is a case-insensitive substring where `%` and `_` are literal', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const name of ['Alice', 'MALICE', 'bob', 'al_ice', 'al%ice', 'alXice']) await seedUser(store, account.id, { name });
        assert.deepEqual(await names(store, account.id, { limit: 10, textContains: 'LIC' }), ['Alice', 'MALICE']);
        assert.deepEqual(await names(store, account.id, { limit: 10, textContains: 'l_i' }), ['al_ice']);
        assert.deepEqual(await names(store, account.id, { limit: 10, textContains: 'l%i' }), ['al%ice']);
        assert.equal(await store.users.count(account.id, { textContains: 'al' }), 5);
      }));

    test('textContains also matches the display name and the description (Volcengine ListUsers Query)', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await seedUser(store, account.id, { name: 'u1', displayName: 'Night Shift' });
        await seedUser(store, account.id, { name: 'u2', description: 'on the NIGHT rota' });
        await seedUser(store, account.id, { name: 'u3', displayName: 'Day', description: 'days only' });
        assert.deepEqual(await names(store, account.id, { limit: 10, textContains: 'night' }), ['u1', 'u2']);
        assert.equal(await store.users.count(account.id, { textContains: 'night' }), 2);
      }));

    test('name is an exact, case-insensitive match (Keystone name)', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const name of ['Alice', 'alice2', 'bob']) await seedUser(store, account.id, { name });
        assert.deepEqual(await names(store, account.id, { limit: 10, name: 'ALICE' }), ['Alice']);
        assert.equal(await store.users.count(account.id, { name: 'nobody' }), 0);
      }));

    test('enabled filters on the flag', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        await seedUser(store, account.id, { name: 'on', enabled: true });
        await seedUser(store, account.id, { name: 'off', enabled: false });
        assert.deepEqual(await names(store, account.id, { limit: 10, enabled: false }), ['off']);
        assert.deepEqual(await names(store, account.id, { limit: 10, enabled: true }), ['on']);
        assert.equal(await store.users.count(account.id, { enabled: true }), 1);
      }));

    test('groupId lists the group’s members', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const group = buildGroup(account.id);
        await store.groups.create(group);
        const members = [await seedUser(store, account.id, { name: 'm2' }), await seedUser(store, account.id, { name: 'm1' })];
        await seedUser(store, account.id, { name: 'outsider' });
        for (const m of members) await store.groups.addMember(group.id, m.id, 1);
        assert.deepEqual(await names(store, account.id, { limit: 10, groupId: group.id }), ['m1', 'm2']);
        assert.deepEqual(await allPages(store, account.id, { limit: 1, groupId: group.id }), [['m1'], ['m2']]);
        assert.equal(await store.users.count(account.id, { groupId: group.id }), 2);
      }));

    test('filters combine, and paging follows the filtered rows', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (let i = 0; i < 6; i++) {
          await seedUser(store, account.id, { name: `svc-${i}`, path: i % 2 === 0 ? '/svc/' : '/human/', enabled: i !== 4 });
        }
        const query = { limit: 1, pathPrefix: '/svc/', enabled: true, textContains: 'SVC' };
        assert.deepEqual(await allPages(store, account.id, query), [['svc-0'], ['svc-2']]);
        assert.equal(await store.users.count(account.id, { pathPrefix: '/svc/', enabled: true, textContains: 'SVC' }), 2);
      }));
  });
}
