/**
 * @see #17 every list pages by keyset, and the index serves it: SQLite's plan for each list page (the
 * SQL the repositories really send, captured through Kysely's log) is a search of the account's
 * (account_id, name_lower) index from the marker, with no sort step and no scan of the table.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { buildGroup, buildPolicy, buildPolicyVersion, buildUser } from '../../src/core/testing/builders.js';
import { KyselyStore, migrateToLatest } from '../../src/store/kysely-store.js';
import type { Database } from '../../src/store/schema.js';
import { buildRole } from './contract/roles.js';
import { seedAccount } from './contract/harness.js';

const database = new BetterSqlite3(':memory:');
let captured: CompiledQuery[] = [];
const db = new Kysely<Database>({
  dialect: new SqliteDialect({ database }),
  log: (event) => {
    if (event.level === 'query') captured.push(event.query);
  },
});
const store = new KyselyStore(db, 'sqlite');
let accountId = '';

/** the index over (account_id, name_lower) of a table (a UNIQUE constraint's is named by SQLite) */
function nameIndexOf(table: string): string {
  const indexes = database.prepare(`PRAGMA index_list(${table})`).all() as Array<{ name: string }>;
  const found = indexes.find((index) => {
    const columns = (database.prepare(`PRAGMA index_info(${JSON.stringify(index.name)})`).all() as Array<{ name: string }>).map((c) => c.name);
    return columns.join(',') === 'account_id,name_lower';
  });
  assert.ok(found, `${table} has an (account_id, name_lower) index`);
  return found.name;
}

/** the plan of the one SELECT `run` sent, in SQLite's words */
async function planOf(run: () => Promise<unknown>): Promise<string> {
  captured = [];
  await run();
  const selects = captured.filter((q) => /^select/i.test(q.sql));
  assert.equal(selects.length, 1, selects.map((q) => q.sql).join('\n'));
  const query = selects[0]!;
  const rows = database.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>;
  return rows.map((r) => r.detail).join('; ');
}

describe('keyset list pages use the (account_id, name_lower) index', () => {
  before(async () => {
    await migrateToLatest(db);
    accountId = (await seedAccount(store)).id;
    // enough rows that the planner has a reason to prefer the index
    for (let i = 0; i < 50; i++) {
      await store.users.create(buildUser(accountId, { name: `user-${i}` }));
      await store.groups.create(buildGroup(accountId, { name: `group-${i}` }));
      await store.roles.create(buildRole(accountId, { name: `role-${i}` }));
      const policy = buildPolicy(accountId, { name: `policy-${i}` });
      await store.policies.create(policy, buildPolicyVersion(policy));
    }
    database.exec('ANALYZE');
  });
  after(() => db.destroy());

  const lists: Array<[string, (marker?: string) => Promise<{ nextMarker?: string }>]> = [
    ['users', (marker) => store.users.list(accountId, { limit: 10, ...(marker ? { marker } : {}) })],
    ['groups', (marker) => store.groups.list(accountId, { limit: 10, ...(marker ? { marker } : {}) })],
    ['roles', (marker) => store.roles.list(accountId, { limit: 10, ...(marker ? { marker } : {}) })],
    ['policies', (marker) => store.policies.list(accountId, { limit: 10, ...(marker ? { marker } : {}) })],
  ];

  for (const [name, list] of lists) {
    test(`${name}: the first page and a page after a marker are index searches in order`, async () => {
      const index = new RegExp(`USING INDEX ${nameIndexOf(name)} \\(account_id=\\?`);
      const first = await list();
      assert.ok(first.nextMarker);
      const plans = [await planOf(() => list()), await planOf(() => list(first.nextMarker))];
      for (const plan of plans) {
        assert.match(plan, /SEARCH/, plan);
        assert.match(plan, index, plan);
        assert.doesNotMatch(plan, /TEMP B-TREE/, plan);
        assert.doesNotMatch(plan, /\bSCAN\b/, plan);
      }
      assert.match(plans[1]!, /name_lower>\?/, plans[1]);
    });
  }
});
