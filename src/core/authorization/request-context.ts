import type { Account } from '../accounts/account.js';
import type { AccountIdentity, PrincipalIdentity, RequestEnvironment, ResourceIdentity } from '../evaluation/request.js';
import { systemPolicyById, systemPolicyByName } from '../policies/system-policies.js';
import type { Repositories } from '../ports.js';
import type { CallContext } from '../principal.js';
import type { Tag, User } from '../users/user.js';
import type { ResourceRef } from './authorizer.js';

/**
 * Turning a call into what the evaluator is asked, shared by enforcement (policy-authorizer.ts) and
 * simulation (core/policies/simulation.ts) so that both give the same answers.
 */

export function accountIdentity(account: Account): AccountIdentity {
  return { id: account.id, awsAccountId: account.awsAccountId, numericId: account.numericId };
}

export function principalIdentity(account: Account, user: User, tags: readonly Tag[]): PrincipalIdentity {
  return {
    account: accountIdentity(account),
    userId: user.id,
    awsUserId: user.awsId,
    numericUserId: user.numericId,
    userName: user.name,
    path: user.path,
    isRoot: user.isRoot,
    tags,
  };
}

/**
 * The request's environment keys. AWS global condition keys: `aws:MultiFactorAuthPresent` is absent
 * for requests signed with long-term access keys and present (true/false) for console and token
 * sessions; `aws:SecureTransport` and `aws:SourceIp` come from the connection.
 */
export function environmentOf(ctx: CallContext, now: number): RequestEnvironment {
  const { principal } = ctx;
  return {
    currentTime: now,
    sourceIp: ctx.sourceIp,
    secureTransport: ctx.secureTransport,
    mfaPresent: principal.authMethod === 'access-key' && !principal.mfaAuthenticated ? null : principal.mfaAuthenticated,
    mfaAuthenticatedAt: principal.mfaAuthenticated ? (principal.mfaAuthenticatedAt ?? null) : null,
  };
}

/** The target of a call as the evaluator and the explanations name it. */
export interface ResolvedTarget {
  identity: ResourceIdentity;
  /** the canonical id of a user target that exists */
  userId?: string;
  /** a user target that exists */
  user?: User;
  /** the target is the account's root user (which only the root may change) */
  isRootUser: boolean;
}

/**
 * Finds the name and path of a call's target: a Huawei call names a user by id, while its URN (and an
 * AWS ARN, which also holds the path) names it by name. A target that does not exist keeps the name
 * or id it was called with; the command itself then answers not-found.
 */
export async function resolveTarget(repos: Repositories, account: Account, resource: ResourceRef): Promise<ResolvedTarget> {
  const base = { type: resource.type, account: accountIdentity(account) };
  if (resource.type === 'account' || (resource.id === undefined && resource.name === undefined)) {
    return { identity: base, isRootUser: false };
  }
  const given = resource.name ?? resource.id ?? '';
  switch (resource.type) {
    case 'user': {
      const ref: { id: string } | { name: string } = resource.id !== undefined ? { id: resource.id } : { name: given };
      const user = 'id' in ref ? await repos.users.findById(account.id, ref.id) : await repos.users.findByName(account.id, ref.name);
      if (!user) return { identity: { ...base, name: given, path: '/' }, isRootUser: resource.isRootUser ?? false };
      return { identity: { ...base, name: user.name, path: user.path }, userId: user.id, user, isRootUser: resource.isRootUser ?? user.isRoot };
    }
    case 'group': {
      const group = resource.id !== undefined ? await repos.groups.findById(account.id, resource.id) : await repos.groups.findByName(account.id, given);
      return { identity: { ...base, name: group?.name ?? given, path: group?.path ?? '/' }, isRootUser: false };
    }
    case 'mfa':
      // a device is named by its name and path alone; the command answers not-found for one that does not exist
      return { identity: { ...base, name: given, path: resource.path ?? '/' }, isRootUser: false };
    case 'policy': {
      const custom = resource.id !== undefined ? await repos.policies.findById(account.id, resource.id) : await repos.policies.findByName(account.id, given);
      if (custom) return { identity: { ...base, name: custom.name, path: custom.path }, isRootUser: false };
      const system = resource.id !== undefined ? systemPolicyById(resource.id) : systemPolicyByName(given);
      if (!system) return { identity: { ...base, name: given, path: '/' }, isRootUser: false };
      // named in the vendor's own account: `arn:aws:iam::aws:policy/IAMReadOnlyAccess`, not the caller's
      return { identity: { ...base, name: system.names.aws, path: system.path, systemNames: system.names }, isRootUser: false };
    }
    case 'role': {
      const role = resource.id !== undefined ? await repos.roles.findById(account.id, resource.id) : await repos.roles.findByName(account.id, given);
      return { identity: { ...base, name: role?.name ?? given, path: role?.path ?? '/' }, isRootUser: false };
    }
  }
}
