/**
 * @see #16
 * The Keystone role repository's global roles on SQLite (in memory) and PostgreSQL (a scratch database,
 * when POLYIAM_TEST_PG_URL is set): a global role and its implications are seen from every account and
 * owned by none, names are unique among global roles (the database decides), system assignments are
 * rows like any other, and deleting a global role takes its grants and the implications naming it in
 * every account, in one transaction.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it, type TestContext } from 'node:test';
import type { Role } from '../../src/core/keystone-roles/role.js';
import { KyselyKeystoneRoleRepository } from '../../src/store/repositories/keystone-roles.js';
import { KyselyOperatorRepository } from '../../src/store/repositories/operators.js';
import { KyselyStore, migrateToLatest } from '../../src/store/kysely-store.js';
import { openPostgres } from '../../src/store/postgres.js';
import { openSqlite } from '../../src/store/sqlite.js';
import { scratchDatabase } from '../support/nodes.js';
import { requirePostgres } from '../support/tools.js';

const hex = () => randomBytes(16).toString('hex');

function role(accountId: string | null, name: string, isDomainRole = false): Role {
  return { id: hex(), accountId, isGlobal: accountId === null, name, description: '', isDomainRole, createdAt: 1 };
}

async function globalRoleFlows(store: KyselyStore): Promise<void> {
  const repo = new KyselyKeystoneRoleRepository(store.db);
  const [a, b] = [hex(), hex()];
  const global = role(null, 'deployer');
  const own = role(a, 'own');
  const scoped = role(b, 'scoped', true);
  for (const r of [global, own, scoped]) await repo.create(r);
  // the database decides a second global role of the same name, but not an account's role of it
  await assert.rejects(repo.create(role(null, 'DEPLOYER')), (err: Error & { kind?: string }) => err.kind === 'already-exists');
  await repo.create(role(b, 'deployer', true));

  assert.deepEqual(await repo.findById(b, global.id), global);
  assert.deepEqual((await repo.list(a)).map((r) => r.name), ['deployer', 'own']);
  assert.equal(await repo.findById(b, own.id), undefined);
  assert.deepEqual(await repo.findAnywhere(scoped.id), scoped);
  // nobody owns a global role (an operator's reach by id goes nowhere); a domain role's domain does
  const owners = new KyselyOperatorRepository(store.db);
  assert.equal(await owners.accountOwning('role', global.id), undefined);
  assert.equal(await owners.accountOwning('role', scoped.id), b);

  // a global implication is seen from every account, an account's only from it
  await repo.addImplication({ accountId: '', priorId: global.id, impliedId: '1a84de4ba68b46c20481b1b954d6b23a' });
  await repo.addImplication({ accountId: b, priorId: scoped.id, impliedId: global.id });
  assert.equal((await repo.listImplications(a)).length, 1);
  assert.equal((await repo.listImplications(b)).length, 2);

  // grants in both accounts, a system one among them
  const grant = (accountId: string, targetType: 'domain' | 'system', targetId: string) =>
    repo.grant({ accountId, actorType: 'user', actorId: hex(), targetType, targetId, roleId: global.id, inherited: false, createdAt: 2 });
  await grant(a, 'domain', a);
  await grant(b, 'domain', b);
  await grant(b, 'system', 'system');
  assert.equal((await repo.listAssignments(b, { targetType: 'system' })).length, 1);
  await repo.grant({ accountId: a, actorType: 'user', actorId: hex(), targetType: 'domain', targetId: a, roleId: own.id, inherited: false, createdAt: 2 });

  assert.equal(await repo.delete('', global.id), true);
  assert.equal(await repo.findById(a, global.id), undefined);
  assert.deepEqual((await repo.listAssignments(a, {})).map((g) => g.roleId), [own.id]);
  assert.deepEqual(await repo.listAssignments(b, {}), []);
  assert.deepEqual(await repo.listImplications(b), []);
  assert.equal(await repo.delete('', global.id), false);
}

describe('keystone roles: global roles in the store', () => {
  it('on SQLite', async () => {
    const db = openSqlite(':memory:');
    await migrateToLatest(db);
    const store = new KyselyStore(db, 'sqlite');
    try {
      await globalRoleFlows(store);
    } finally {
      await store.close();
    }
  });

  it('on PostgreSQL', async (t: TestContext) => {
    if (!requirePostgres(t)) return;
    const database = await scratchDatabase(process.env.POLYIAM_TEST_PG_URL!, 'polyiam_keystone_roles');
    const db = openPostgres(database.url);
    const store = new KyselyStore(db, 'postgres');
    try {
      await migrateToLatest(db);
      await globalRoleFlows(store);
    } finally {
      await store.close();
      await database.drop();
    }
  });
});
