import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ChangeFeed } from '../change-feed.js';
import type { Repositories } from '../ports.js';
import { AdjustableClock } from '../clock.js';
import { buildAccount, buildGroup, buildUser } from '../testing/builders.js';
import { InMemoryStore } from '../testing/in-memory-store.js';
import { PrincipalPolicyCache } from './principal-policies.js';

async function world() {
  const store = new InMemoryStore();
  const account = buildAccount();
  const user = buildUser(account.id);
  const group = buildGroup(account.id);
  await store.accounts.create(account);
  await store.users.create(user);
  await store.groups.create(group);
  await store.groups.addMember(group.id, user.id, 1);
  let reads = 0;
  const users = new Proxy(store.users, {
    get(target, prop, receiver) {
      if (prop !== 'findById') return Reflect.get(target, prop, receiver);
      return (...args: Parameters<typeof target.findById>) => {
        reads++;
        return target.findById(...args);
      };
    },
  });
  const repos: Repositories = { accounts: store.accounts, users, loginProfiles: store.loginProfiles, passwordPolicies: store.passwordPolicies, accessKeys: store.accessKeys, groups: store.groups, policies: store.policies, roles: store.roles, resourceTags: store.resourceTags, userCredentials: store.userCredentials, serverCertificates: store.serverCertificates, oidcProviders: store.oidcProviders, roleBoundaries: store.roleBoundaries, instanceProfiles: store.instanceProfiles, samlProviders: store.samlProviders, roleDeletionTasks: store.roleDeletionTasks };
  return { store: repos, account, user, group, raw: store, clock: new AdjustableClock(), changes: new ChangeFeed(), reads: () => reads };
}

describe('PrincipalPolicyCache', () => {
  it('loads once, then serves from memory until a change names the user, a group of it or a policy it holds', async () => {
    const w = await world();
    const cache = new PrincipalPolicyCache(w.store, w.clock, w.changes);
    await cache.get(w.account.id, w.user.id);
    await cache.get(w.account.id, w.user.id);
    assert.equal(w.reads(), 1);
    w.changes.emit({ kind: 'access-key', id: 'AKIAUNRELATED' });
    await cache.get(w.account.id, w.user.id);
    assert.equal(w.reads(), 1, 'an unrelated change keeps the entry');
    for (const change of [
      { kind: 'group-membership', id: w.group.id },
      { kind: 'policy-attachment', id: w.user.id },
      { kind: 'user', id: w.user.id },
      { kind: 'account', id: w.account.id },
    ] as const) {
      const before = w.reads();
      w.changes.emit(change);
      await cache.get(w.account.id, w.user.id);
      assert.equal(w.reads(), before + 1, `${change.kind} drops the entry`);
    }
  });

  it('expires entries after the time to live, in case a change notice was lost', async () => {
    const w = await world();
    const cache = new PrincipalPolicyCache(w.store, w.clock, w.changes, { ttlMs: 1_000 });
    await cache.get(w.account.id, w.user.id);
    w.clock.advance(1_001);
    await cache.get(w.account.id, w.user.id);
    assert.equal(w.reads(), 2);
  });

  it('does not cache a load that a change overtook', async () => {
    const w = await world();
    const cache = new PrincipalPolicyCache(w.store, w.clock, w.changes);
    const racing = cache.get(w.account.id, w.user.id);
    w.changes.emit({ kind: 'policy-attachment', id: w.user.id });
    await racing;
    await cache.get(w.account.id, w.user.id);
    assert.equal(w.reads(), 2);
  });
});
