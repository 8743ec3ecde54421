/**
 * Every command of the core services, each with the fixture it acts on, for the protection matrix
 * (core-matrix.test.ts). `read` marks what AWS IAMReadOnlyAccess (`iam:Get*`, `iam:List*`,
 * `iam:Simulate*`) grants.
 */
import type { DialectServices } from '../../src/front/services.js';
import type { PolicyView } from '../../src/core/policies/policy-ref.js';
import { SystemPolicyIds } from '../../src/core/policies/system-policies.js';
import type { CallContext } from '../../src/core/principal.js';
import type { Group } from '../../src/core/users/group.js';
import type { User } from '../../src/core/users/user.js';
import { pw } from '../support/core.js';

export interface Fixture {
  /** a user with a login profile, an access key, a tag, a group, an inline policy and a system policy */
  user: User;
  /** a user with nothing: for creating its login profile */
  bare: User;
  keyId: string;
  group: Group;
  /** a custom policy with a second, non-default version, attached nowhere */
  policy: PolicyView;
  /** an authorization message of the fixture's account */
  encoded: string;
}

export interface Caller {
  ctx: CallContext;
  /** the caller's current password, for changing its own */
  password: string;
}

export interface Operation {
  name: string;
  read: boolean;
  /** acts on the caller itself rather than on the fixture */
  self?: boolean;
  run(s: DialectServices, caller: Caller, fx: Fixture, n: number): Promise<unknown>;
}

const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*' }] });
const READ_ONLY = { id: SystemPolicyIds.iamReadOnlyAccess };

export const OPERATIONS: Operation[] = [
  // UsersService
  { name: 'users.create', read: false, run: (s, c, _f, n) => s.users.create(c.ctx, { name: `made-${n}` }) },
  { name: 'users.get', read: true, run: (s, c, f) => s.users.get(c.ctx, { id: f.user.id }) },
  // AWS STS GetCallerIdentity: no permission asked, the caller's own user
  { name: 'users.caller', read: true, self: true, run: (s, c) => s.users.caller(c.ctx) },
  { name: 'users.getByAccessKey', read: true, run: (s, c, f) => s.users.getByAccessKey(c.ctx, f.keyId) },
  { name: 'users.getByNumericId', read: true, run: (s, c, f) => s.users.getByNumericId(c.ctx, f.user.numericId) },
  { name: 'users.list', read: true, run: (s, c) => s.users.list(c.ctx, { limit: 100, includeRoot: true }) },
  { name: 'users.update', read: false, run: (s, c, f) => s.users.update(c.ctx, { id: f.user.id }, { description: 'changed' }) },
  { name: 'users.delete', read: false, run: (s, c, f) => s.users.delete(c.ctx, { id: f.user.id }, { cascade: true }) },
  // Huawei UpdateUserInformation: no permission asked, the caller's own email and mobile (issue #12)
  { name: 'users.updateOwnContact', read: false, self: true, run: (s, c, _f, n) => s.users.updateOwnContact(c.ctx, c.ctx.principal.userId, { email: `own-${n}@example.com`, phone: `0086-1300000${String(n).padStart(4, '0')}` }) },
  { name: 'users.listTags', read: true, run: (s, c, f) => s.users.listTags(c.ctx, { id: f.user.id }) },
  { name: 'users.tag', read: false, run: (s, c, f) => s.users.tag(c.ctx, { id: f.user.id }, [{ key: 'k', value: 'v' }]) },
  { name: 'users.untag', read: false, run: (s, c, f) => s.users.untag(c.ctx, { id: f.user.id }, ['team']) },
  // LoginProfilesService
  { name: 'loginProfiles.create', read: false, run: (s, c, f) => s.loginProfiles.create(c.ctx, { id: f.bare.id }, { password: pw('Fresh#Pass2024'), passwordResetRequired: true }) },
  { name: 'loginProfiles.get', read: true, run: (s, c, f) => s.loginProfiles.get(c.ctx, { id: f.user.id }) },
  { name: 'loginProfiles.update', read: false, run: (s, c, f) => s.loginProfiles.update(c.ctx, { id: f.user.id }, { passwordResetRequired: true }) },
  { name: 'loginProfiles.delete', read: false, run: (s, c, f) => s.loginProfiles.delete(c.ctx, { id: f.user.id }) },
  { name: 'loginProfiles.unlock', read: false, run: (s, c, f) => s.loginProfiles.unlock(c.ctx, { id: f.user.id }) },
  // PasswordPolicyService (the fixture sets a custom policy, so a reset has one to reset)
  { name: 'passwordPolicy.get', read: true, run: (s, c) => s.passwordPolicy.get(c.ctx) },
  { name: 'passwordPolicy.update', read: false, run: (s, c) => s.passwordPolicy.update(c.ctx, { lockoutThreshold: 6 }) },
  { name: 'passwordPolicy.reset', read: false, run: (s, c) => s.passwordPolicy.reset(c.ctx) },
  // the account's protect policy (Huawei v3.0 protect-policy, issue #12)
  { name: 'protectPolicy.get', read: true, run: (s, c) => s.protectPolicy.get(c.ctx) },
  { name: 'protectPolicy.update', read: false, run: (s, c) => s.protectPolicy.update(c.ctx, { operationProtection: false, allowUser: { manageEmail: true } }) },
  // CredentialsService: the caller's own password, granted by AllowUsersToChangePassword
  {
    name: 'credentials.changePassword',
    read: false,
    self: true,
    async run(s, c, _f, n) {
      const next = `Changed#${n}Pass`;
      await s.credentials.changePassword(c.ctx, pw(c.password), pw(next));
      c.password = next;
    },
  },
  // AccessKeysService
  { name: 'accessKeys.create', read: false, run: (s, c, f) => s.accessKeys.create(c.ctx, { id: f.user.id }) },
  { name: 'accessKeys.list', read: true, run: (s, c, f) => s.accessKeys.list(c.ctx, { id: f.user.id }) },
  { name: 'accessKeys.updateStatus', read: false, run: (s, c, f) => s.accessKeys.updateStatus(c.ctx, { id: f.user.id }, f.keyId, 'inactive') },
  { name: 'accessKeys.delete', read: false, run: (s, c, f) => s.accessKeys.delete(c.ctx, { id: f.user.id }, f.keyId) },
  { name: 'accessKeys.getLastUsed', read: true, run: (s, c, f) => s.accessKeys.getLastUsed(c.ctx, { id: f.user.id }, f.keyId) },
  { name: 'accessKeys.getLastUsedByKey', read: true, run: (s, c, f) => s.accessKeys.getLastUsedByKey(c.ctx, f.keyId) },
  // GroupsService
  { name: 'groups.create', read: false, run: (s, c, _f, n) => s.groups.create(c.ctx, { name: `group-made-${n}` }) },
  { name: 'groups.get', read: true, run: (s, c, f) => s.groups.get(c.ctx, { id: f.group.id }) },
  { name: 'groups.list', read: true, run: (s, c) => s.groups.list(c.ctx, { limit: 100 }) },
  { name: 'groups.update', read: false, run: (s, c, f) => s.groups.update(c.ctx, { id: f.group.id }, { description: 'changed' }) },
  { name: 'groups.delete', read: false, run: (s, c, f) => s.groups.delete(c.ctx, { id: f.group.id }, { cascade: true }) },
  { name: 'groups.addUser', read: false, run: (s, c, f) => s.groups.addUser(c.ctx, { id: f.group.id }, { id: f.bare.id }) },
  { name: 'groups.removeUser', read: false, run: (s, c, f) => s.groups.removeUser(c.ctx, { id: f.group.id }, { id: f.user.id }) },
  { name: 'groups.hasUser', read: true, run: (s, c, f) => s.groups.hasUser(c.ctx, { id: f.group.id }, { id: f.user.id }) },
  { name: 'groups.listUsers', read: true, run: (s, c, f) => s.groups.listUsers(c.ctx, { id: f.group.id }) },
  { name: 'groups.listForUser', read: true, run: (s, c, f) => s.groups.listForUser(c.ctx, { id: f.user.id }) },
  // PoliciesService
  { name: 'policies.create', read: false, run: (s, c, _f, n) => s.policies.create(c.ctx, { name: `made-${n}`, syntax: 'aws', document: doc }) },
  { name: 'policies.get', read: true, run: (s, c, f) => s.policies.get(c.ctx, { id: f.policy.id }) },
  { name: 'policies.list', read: true, run: (s, c) => s.policies.list(c.ctx, { limit: 100, scope: 'custom' }) },
  { name: 'policies.update', read: false, run: (s, c, f) => s.policies.update(c.ctx, { id: f.policy.id }, { description: 'changed' }) },
  { name: 'policies.delete', read: false, run: (s, c, f) => s.policies.delete(c.ctx, { id: f.policy.id }, { cascade: true }) },
  { name: 'policies.createVersion', read: false, run: (s, c, f) => s.policies.createVersion(c.ctx, { id: f.policy.id }, { document: doc, setAsDefault: false }) },
  { name: 'policies.getVersion', read: true, run: (s, c, f) => s.policies.getVersion(c.ctx, { id: f.policy.id }, 'v2') },
  { name: 'policies.listVersions', read: true, run: (s, c, f) => s.policies.listVersions(c.ctx, { id: f.policy.id }) },
  { name: 'policies.deleteVersion', read: false, run: (s, c, f) => s.policies.deleteVersion(c.ctx, { id: f.policy.id }, 'v2') },
  { name: 'policies.setDefaultVersion', read: false, run: (s, c, f) => s.policies.setDefaultVersion(c.ctx, { id: f.policy.id }, 'v2') },
  // PolicyAttachmentsService
  { name: 'policyAttachments.attachToUser', read: false, run: (s, c, f) => s.policyAttachments.attachToUser(c.ctx, { id: f.user.id }, { id: f.policy.id }) },
  { name: 'policyAttachments.detachFromUser', read: false, run: (s, c, f) => s.policyAttachments.detachFromUser(c.ctx, { id: f.user.id }, READ_ONLY) },
  { name: 'policyAttachments.attachToGroup', read: false, run: (s, c, f) => s.policyAttachments.attachToGroup(c.ctx, { id: f.group.id }, { id: f.policy.id }) },
  { name: 'policyAttachments.detachFromGroup', read: false, run: (s, c, f) => s.policyAttachments.detachFromGroup(c.ctx, { id: f.group.id }, READ_ONLY) },
  { name: 'policyAttachments.listForUser', read: true, run: (s, c, f) => s.policyAttachments.listForUser(c.ctx, { id: f.user.id }) },
  { name: 'policyAttachments.listForGroup', read: true, run: (s, c, f) => s.policyAttachments.listForGroup(c.ctx, { id: f.group.id }) },
  { name: 'policyAttachments.listEntities', read: true, run: (s, c, f) => s.policyAttachments.listEntities(c.ctx, { id: f.policy.id }) },
  // InlinePoliciesService
  { name: 'inlinePolicies.put', read: false, run: (s, c, f) => s.inlinePolicies.put(c.ctx, { id: f.user.id }, { name: 'made', syntax: 'aws', document: doc }) },
  { name: 'inlinePolicies.get', read: true, run: (s, c, f) => s.inlinePolicies.get(c.ctx, { id: f.user.id }, 'fx') },
  { name: 'inlinePolicies.list', read: true, run: (s, c, f) => s.inlinePolicies.list(c.ctx, { id: f.user.id }) },
  { name: 'inlinePolicies.delete', read: false, run: (s, c, f) => s.inlinePolicies.delete(c.ctx, { id: f.user.id }, 'fx') },
  // PolicySimulator and AuthorizationMessages
  { name: 'simulator.simulatePrincipalPolicy', read: true, run: (s, c, f) => s.simulator.simulatePrincipalPolicy(c.ctx, { user: { id: f.user.id }, actions: ['iam:users:getUserV5'] }) },
  { name: 'simulator.simulateCustomPolicy', read: true, run: (s, c) => s.simulator.simulateCustomPolicy(c.ctx, { documents: [doc], syntax: 'aws', actions: ['iam:users:getUserV5'] }) },
  // sts:DecodeAuthorizationMessage is not in IAMReadOnlyAccess
  { name: 'authorizationMessages.decode', read: false, run: (s, c, f) => s.authorizationMessages.decode(c.ctx, f.encoded) },
];
