/** @see #17 every list pages by keyset in the store: roles, managed policies and groups, as users do */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.js';
import type { ListQuery, Page, Store } from '../../../src/core/ports.js';
import { buildGroup, buildPolicy, buildPolicyVersion, buildUser } from '../../../src/core/testing/builders.js';
import { buildRole } from './roles.js';
import { seedAccount, withStore, type StoreFactory } from './harness.js';

type Lister = (store: Store, accountId: string, query: ListQuery) => Promise<Page<{ name: string }>>;
type Seeder = (store: Store, accountId: string, fields: { name: string; path?: string; description?: string }) => Promise<{ id: string }>;

interface Kind {
  kind: string;
  seed: Seeder;
  list: Lister;
  remove: (store: Store, accountId: string, id: string) => Promise<boolean>;
}

const kinds: Kind[] = [
  {
    kind: 'roles',
    seed: async (store, accountId, fields) => {
      const role = buildRole(accountId, fields);
      await store.roles.create(role);
      return role;
    },
    list: (store, accountId, query) => store.roles.list(accountId, query),
    remove: (store, accountId, id) => store.roles.delete(accountId, id),
  },
  {
    kind: 'policies',
    seed: async (store, accountId, fields) => {
      const policy = buildPolicy(accountId, fields);
      await store.policies.create(policy, buildPolicyVersion(policy));
      return policy;
    },
    list: (store, accountId, query) => store.policies.list(accountId, query),
    remove: (store, accountId, id) => store.policies.delete(accountId, id),
  },
  {
    kind: 'groups',
    seed: async (store, accountId, fields) => {
      const group = buildGroup(accountId, fields);
      await store.groups.create(group);
      return group;
    },
    list: (store, accountId, query) => store.groups.list(accountId, query),
    remove: (store, accountId, id) => store.groups.delete(accountId, id),
  },
];

/** follows nextMarker to the end, checking that no page holds more than `limit` */
async function walk(list: (marker?: string) => Promise<Page<{ name: string }>>, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let marker: string | undefined;
  do {
    const page = await list(marker);
    assert.ok(page.items.length <= limit);
    pages.push(page.items.map((item) => item.name));
    marker = page.nextMarker;
  } while (marker !== undefined && pages.length < 50);
  return pages;
}

export function keysetListContract(factory: StoreFactory): void {
  for (const { kind, seed, list, remove } of kinds) {
    describe(`${kind}: keyset pages`, () => {
      test('pages by the lowercased name, bytewise, within the account; a page ending at the last row has no marker', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const other = await seedAccount(store);
          for (const name of ['delta', 'Alpha', 'echo', 'Charlie', 'bravo', 'a_b']) await seed(store, account.id, { name });
          await seed(store, other.id, { name: 'Bob' });
          const pages = await walk((marker) => list(store, account.id, { limit: 2, ...(marker ? { marker } : {}) }), 2);
          assert.deepEqual(pages, [['a_b', 'Alpha'], ['bravo', 'Charlie'], ['delta', 'echo']]);
          const whole = await list(store, account.id, { limit: 6 });
          assert.equal(whole.nextMarker, undefined);
          assert.equal(whole.items.length, 6);
        }));

      test('a marker whose row was deleted since continues after its place', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          const rows = new Map<string, string>();
          for (const name of ['a', 'b', 'c', 'd', 'e']) rows.set(name, (await seed(store, account.id, { name })).id);
          const first = await list(store, account.id, { limit: 2 });
          assert.deepEqual(first.items.map((r) => r.name), ['a', 'b']);
          assert.ok(first.nextMarker);
          assert.equal(await remove(store, account.id, rows.get('b')!), true);
          assert.equal(await remove(store, account.id, rows.get('c')!), true);
          const next = await list(store, account.id, { limit: 2, marker: first.nextMarker });
          assert.deepEqual(next, { items: next.items });
          assert.deepEqual(next.items.map((r) => r.name), ['d', 'e']);
        }));

      test('offset skips rows after the start (the one-time scan of an offset no page reached)', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          for (const name of ['r1', 'r2', 'r3', 'r4']) await seed(store, account.id, { name });
          const page = await list(store, account.id, { limit: 1, offset: 2 });
          assert.deepEqual(page.items.map((r) => r.name), ['r3']);
          assert.ok(page.nextMarker);
          const rest = await list(store, account.id, { limit: 5, marker: page.nextMarker! });
          assert.deepEqual(rest.items.map((r) => r.name), ['r4']);
        }));

      test('a marker this store never issued is invalid-input', () =>
        withStore(factory, async (store) => {
          const account = await seedAccount(store);
          await assert.rejects(list(store, account.id, { limit: 2, marker: 'bm90LWEtbWFya2Vy' }), (err) => err instanceof InvalidInputError && err.field === 'marker');
        }));
    });
  }

  describe('keyset pages: filters in SQL, so pages stay full', () => {
    test('roles and groups: a case-sensitive path prefix and a case-insensitive substring of name or description, with counts', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        const rows = [
          { name: 'deploy', path: '/ci/', description: 'Pushes builds' },
          { name: 'Builder', path: '/ci/', description: '' },
          { name: 'admin', path: '/CI/', description: 'all of it' },
          { name: 'ops_1', path: '/', description: '100%' },
        ];
        for (const row of rows) {
          await kinds[0]!.seed(store, account.id, row);
          await kinds[2]!.seed(store, account.id, row);
        }
        const roleNames = async (query: Parameters<Store['roles']['list']>[1]) => (await store.roles.list(account.id, query)).items.map((r) => r.name);
        const groupNames = async (query: Parameters<Store['groups']['list']>[1]) => (await store.groups.list(account.id, query)).items.map((g) => g.name);
        for (const names of [roleNames, groupNames]) {
          assert.deepEqual(await names({ limit: 10, pathPrefix: '/ci/' }), ['Builder', 'deploy']);
          assert.deepEqual(await names({ limit: 1, pathPrefix: '/ci/' }), ['Builder']);
          assert.deepEqual(await names({ limit: 10, textContains: 'BUILD' }), ['Builder', 'deploy']);
          // `%` and `_` typed by a caller are characters, not wildcards
          assert.deepEqual(await names({ limit: 10, textContains: '0%' }), ['ops_1']);
          assert.deepEqual(await names({ limit: 10, textContains: 's_' }), ['ops_1']);
        }
        assert.equal(await store.roles.countMatching(account.id, {}), 4);
        assert.equal(await store.roles.countMatching(account.id, { pathPrefix: '/ci/' }), 2);
        assert.equal(await store.roles.countMatching(account.id, { textContains: 'it' }), 1);
        assert.equal(await store.groups.count(account.id, {}), 4);
        assert.equal(await store.groups.count(account.id, { pathPrefix: '/CI/' }), 1);
        assert.equal(await store.groups.count(account.id, { textContains: 'push' }), 1);
      }));

    test('users and groups: afterName continues after a name a dialect names (Keystone `marker`), exclusive', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const name of ['a', 'B', 'c']) await kinds[2]!.seed(store, account.id, { name });
        for (const name of ['a', 'B', 'c']) await store.users.create(buildUser(account.id, { name }));
        assert.deepEqual((await store.groups.list(account.id, { limit: 5, afterName: 'b' })).items.map((g) => g.name), ['c']);
        assert.deepEqual((await store.users.list(account.id, { limit: 5, afterName: 'a' })).items.map((u) => u.name), ['B', 'c']);
        assert.deepEqual((await store.users.list(account.id, { limit: 5, afterName: 'ab' })).items.map((u) => u.name), ['B', 'c']);
      }));

    test('policies: a path prefix, and fromName starting the first page at a name, inclusive', () =>
      withStore(factory, async (store) => {
        const account = await seedAccount(store);
        for (const [name, path] of [['alpha', '/'], ['Bravo', '/team/'], ['charlie', '/team/'], ['delta', '/']] as const) await kinds[1]!.seed(store, account.id, { name, path });
        const names = async (query: Parameters<Store['policies']['list']>[1]) => (await store.policies.list(account.id, query)).items.map((p) => p.name);
        assert.deepEqual(await names({ limit: 10, pathPrefix: '/team/' }), ['Bravo', 'charlie']);
        assert.deepEqual(await names({ limit: 10, fromName: 'bravo' }), ['Bravo', 'charlie', 'delta']);
        assert.deepEqual(await names({ limit: 10, fromName: 'bz' }), ['charlie', 'delta']);
      }));
  });
}
