/** @see issue #5: accounts made before migration 0005 keep their admin group's Security Administrator rights */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Migrator, sql } from 'kysely';
import { ADMIN_GROUP_POLICY } from '../../src/core/policies/system-policies.js';
import { buildAccount, buildGroup } from '../../src/core/testing/builders.js';
import { KyselyStore, migrateToLatest } from '../../src/store/kysely-store.js';
import { migrationProvider } from '../../src/store/migrations/index.js';
import { openSqlite } from '../../src/store/sqlite.js';

test('migration 0005 attaches the Security Administrator system policy to every existing admin group', async () => {
  const db = openSqlite(':memory:');
  const store = new KyselyStore(db, 'sqlite');
  try {
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0004-bytewise-sort');
    assert.equal(error, undefined);
    const account = buildAccount();
    const admins = buildGroup(account.id, { name: 'Admin', createdAt: 1234 });
    const others = buildGroup(account.id, { name: 'developers' });
    // the row as 0001-0004 shaped it (today's repository also writes columns of later migrations)
    await sql`insert into accounts (id, name, name_lower, aws_account_id, numeric_id, created_at) values (${account.id}, ${account.name}, ${account.name.toLowerCase()}, ${account.awsAccountId}, ${account.numericId}, ${account.createdAt})`.execute(db);
    await store.groups.create(admins);
    await store.groups.create(others);
    assert.deepEqual((await migrateToLatest(db))[0], '0005-policies');
    assert.deepEqual(await store.policies.listAttached({ type: 'group', id: admins.id }), [
      { policyId: ADMIN_GROUP_POLICY, target: { type: 'group', id: admins.id }, accountId: account.id, attachedAt: 1234 },
    ]);
    assert.deepEqual(await store.policies.listAttached({ type: 'group', id: others.id }), []);
  } finally {
    await store.close();
  }
});
