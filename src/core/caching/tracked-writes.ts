import type { Change } from '../change-feed.js';
import type { AccessKeyRepository, GroupRepository, PolicyRepository, Repositories } from '../ports.js';

/** Runs a write, knowing which changes it makes (the caller drops and announces them). */
export type TrackedWriteHook = (touched: Change[], write: () => Promise<unknown>) => Promise<unknown>;

const accessKey = (id: string): Change => ({ kind: 'access-key', id });
const membership = (id: string): Change => ({ kind: 'group-membership', id });
const policyChange = (id: string): Change => ({ kind: 'policy', id });
const attachment = (id: string): Change => ({ kind: 'policy-attachment', id });

/**
 * Access keys with their writes reported: what a signing-key cache keeps (status, existence). Creating
 * a key needs no drop (misses are not cached) and the last-used record is no cached state: both go
 * straight through, so the signed read that records a use pays nothing here.
 */
export function writeTrackedAccessKeys(repo: AccessKeyRepository, hook: TrackedWriteHook): AccessKeyRepository {
  return {
    create: (key) => repo.create(key),
    findById: (id) => repo.findById(id),
    listByUser: (userId) => repo.listByUser(userId),
    countByUser: (userId) => repo.countByUser(userId),
    updateStatus: (id, status, at) => hook([accessKey(id)], () => repo.updateStatus(id, status, at)) as Promise<void>,
    delete: (id) => hook([accessKey(id)], () => repo.delete(id)) as Promise<boolean>,
    touchLastUsed: (id, at, service, region) => repo.touchLastUsed(id, at, service, region),
    // no cache holds a description: nothing to drop
    updateDescription: (id, description, at) => repo.updateDescription(id, description, at),
  };
}

/** Groups with their writes reported as the membership changes compiled policies depend on. */
export function writeTrackedGroups(repo: GroupRepository, hook: TrackedWriteHook): GroupRepository {
  return {
    create: (group) => repo.create(group),
    findById: (accountId, id) => repo.findById(accountId, id),
    findByName: (accountId, name) => repo.findByName(accountId, name),
    list: (accountId, query) => repo.list(accountId, query),
    count: (accountId, filter) => repo.count(accountId, filter),
    update: (group) => hook([membership(group.id)], () => repo.update(group)) as Promise<void>,
    delete: (accountId, id) => hook([membership(id)], () => repo.delete(accountId, id)) as Promise<boolean>,
    addMember: (groupId, userId, at) => hook([membership(userId)], () => repo.addMember(groupId, userId, at)) as Promise<void>,
    removeMember: (groupId, userId) => hook([membership(userId)], () => repo.removeMember(groupId, userId)) as Promise<boolean>,
    isMember: (groupId, userId) => repo.isMember(groupId, userId),
    listMembers: (groupId) => repo.listMembers(groupId),
    listGroupsForUser: (userId) => repo.listGroupsForUser(userId),
    countGroupsForUser: (userId) => repo.countGroupsForUser(userId),
  };
}

/** Policies, their versions and attachments, with every write that can change a decision reported. */
export function writeTrackedPolicies(repo: PolicyRepository, hook: TrackedWriteHook): PolicyRepository {
  return {
    create: (policy, firstVersion) => repo.create(policy, firstVersion),
    findById: (accountId, id) => repo.findById(accountId, id),
    findByName: (accountId, name) => repo.findByName(accountId, name),
    listAll: (accountId) => repo.listAll(accountId),
    list: (accountId, query) => repo.list(accountId, query),
    count: (accountId) => repo.count(accountId),
    update: (policy) => hook([policyChange(policy.id)], () => repo.update(policy)) as Promise<void>,
    delete: (accountId, id) => hook([policyChange(id)], () => repo.delete(accountId, id)) as Promise<boolean>,
    addVersion: (version) => hook([policyChange(version.policyId)], () => repo.addVersion(version)) as Promise<void>,
    findVersion: (policyId, versionId) => repo.findVersion(policyId, versionId),
    listVersions: (policyId) => repo.listVersions(policyId),
    deleteVersion: (policyId, versionId) => hook([policyChange(policyId)], () => repo.deleteVersion(policyId, versionId)) as Promise<boolean>,
    attach: (a) => hook([attachment(a.target.id)], () => repo.attach(a)) as Promise<boolean>,
    detach: (target, policyId) => hook([attachment(target.id)], () => repo.detach(target, policyId)) as Promise<boolean>,
    listAttached: (target) => repo.listAttached(target),
    countAttached: (target) => repo.countAttached(target),
    listEntities: (accountId, policyId) => repo.listEntities(accountId, policyId),
    attachmentCounts: (accountId) => repo.attachmentCounts(accountId),
    putInline: (p) => hook([attachment(p.userId)], () => repo.putInline(p)) as Promise<void>,
    findInline: (userId, name) => repo.findInline(userId, name),
    listInline: (userId) => repo.listInline(userId),
    deleteInline: (userId, name) => hook([attachment(userId)], () => repo.deleteInline(userId, name)) as Promise<boolean>,
    putGroupInline: (p) => hook([attachment(p.groupId)], () => repo.putGroupInline(p)) as Promise<void>,
    findGroupInline: (groupId, name) => repo.findGroupInline(groupId, name),
    listGroupInline: (groupId) => repo.listGroupInline(groupId),
    deleteGroupInline: (groupId, name) => hook([attachment(groupId)], () => repo.deleteGroupInline(groupId, name)) as Promise<boolean>,
  };
}

/**
 * One repository of `inner` whose calls go, while `target()` names a transaction, to that
 * transaction's repository instead. INVARIANT: a tracked write calls its repository method
 * synchronously inside the hook, so the target read at call time is the transaction the hook opened.
 */
export function redirectable<K extends keyof Repositories>(inner: Repositories, name: K, target: () => Repositories | undefined): Repositories[K] {
  return new Proxy(inner[name], {
    get(repo, prop) {
      const value: unknown = Reflect.get(repo, prop);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const current = target()?.[name] ?? repo;
        return (Reflect.get(current, prop) as (...a: unknown[]) => unknown).apply(current, args);
      };
    },
  });
}
