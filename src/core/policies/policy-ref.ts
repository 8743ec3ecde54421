import type { ResourceRef } from '../authorization/authorizer.js';
import { InvalidInputError, NotFoundError } from '../errors.js';
import type { Repositories } from '../ports.js';
import type { PolicySyntax } from './document.js';
import type { Tag } from '../users/user.js';
import type { ManagedPolicy, PolicyVersion } from './policy.js';
import { systemPolicyById, systemPolicyByName, type SystemPolicy, type SystemPolicyNames } from './system-policies.js';

/**
 * Dialects name a policy by id (Huawei `policy_id`, a system policy's stable id) or by name with its
 * scope (AWS ARN `arn:aws:iam::<account>:policy/...` vs `arn:aws:iam::aws:policy/...`, Volcengine
 * PolicyType `Custom`/`System`). Without a scope a name means the account's policy first.
 */
export type PolicyRef = { id: string } | { name: string; scope?: 'custom' | 'system' };

export type ResolvedPolicy = { scope: 'custom'; policy: ManagedPolicy } | { scope: 'system'; policy: SystemPolicy };

/** A policy as every dialect reads it: a customer managed one or a system one. */
export interface PolicyView {
  /** the custom policy's 32-hex id, or the system policy's stable id (`sys-...`) */
  id: string;
  scope: 'custom' | 'system';
  /** null for system policies, which belong to no account */
  accountId: string | null;
  /** a custom policy's name; a system policy's AWS name (see `systemNames`) */
  name: string;
  /** a system policy's name in each dialect */
  systemNames?: SystemPolicyNames;
  path: string;
  description: string;
  syntax: PolicySyntax;
  defaultVersionId: string;
  /** AWS PolicyId */
  awsId: string;
  /** users and groups of the caller's account it is attached to */
  attachmentCount: number;
  /** users of the caller's account it is the permissions boundary of (AWS PermissionsBoundaryUsageCount) */
  boundaryUsageCount: number;
  /** present where the read shows them (AWS CreatePolicy, GetPolicy `Tags`) */
  tags?: Tag[];
  createdAt: number;
  updatedAt: number;
}

export interface PolicyVersionView {
  policyId: string;
  versionId: string;
  /** as written on create */
  document: string;
  isDefault: boolean;
  createdAt: number;
}

/** System policies exist since polyiam does: a fixed creation time keeps their views stable. */
export const SYSTEM_POLICY_EPOCH = Date.UTC(2024, 0, 1);

export async function findPolicy(repos: Repositories, accountId: string, ref: PolicyRef): Promise<ResolvedPolicy | undefined> {
  if ('id' in ref) {
    const system = systemPolicyById(ref.id);
    if (system) return { scope: 'system', policy: system };
    const custom = await repos.policies.findById(accountId, ref.id);
    return custom && { scope: 'custom', policy: custom };
  }
  if (ref.scope !== 'system') {
    const custom = await repos.policies.findByName(accountId, ref.name);
    if (custom) return { scope: 'custom', policy: custom };
    if (ref.scope === 'custom') return undefined;
  }
  const system = systemPolicyByName(ref.name);
  return system && { scope: 'system', policy: system };
}

/** @throws not-found */
export async function requirePolicy(repos: Repositories, accountId: string, ref: PolicyRef): Promise<ResolvedPolicy> {
  const found = await findPolicy(repos, accountId, ref);
  if (!found) throw 'id' in ref ? new NotFoundError('policy', ref.id, 'id') : new NotFoundError('policy', ref.name, 'name');
  return found;
}

/** @throws not-found | invalid-input (a system policy, which no caller may change) */
export async function requireCustomPolicy(repos: Repositories, accountId: string, ref: PolicyRef): Promise<ManagedPolicy> {
  const found = await requirePolicy(repos, accountId, ref);
  if (found.scope === 'system') throw new InvalidInputError('policy', `system policy \`${found.policy.names.aws}\` cannot be changed`);
  return found.policy;
}

export function policyResource(accountId: string, ref: PolicyRef): ResourceRef {
  return { type: 'policy', accountId, ...('id' in ref ? { id: ref.id } : { name: ref.name }) };
}

/** AWS PolicyId of a system policy: stable, derived from its id (`ANPA` + 17 upper-case alphanumerics). */
function systemAwsId(policy: SystemPolicy): string {
  const letters = policy.id.replace(/[^a-z]/g, '').toUpperCase();
  return `ANPA${letters.padEnd(17, 'X').slice(0, 17)}`;
}

export function viewOf(resolved: ResolvedPolicy, attachmentCount: number, boundaryUsageCount = 0): PolicyView {
  if (resolved.scope === 'custom') {
    const p = resolved.policy;
    return {
      id: p.id,
      scope: 'custom',
      accountId: p.accountId,
      name: p.name,
      path: p.path,
      description: p.description,
      syntax: p.syntax,
      defaultVersionId: p.defaultVersionId,
      awsId: p.awsId,
      attachmentCount,
      boundaryUsageCount,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
    };
  }
  const p = resolved.policy;
  return {
    id: p.id,
    scope: 'system',
    accountId: null,
    name: p.names.aws,
    systemNames: p.names,
    path: p.path,
    description: p.description,
    syntax: p.document.syntax,
    defaultVersionId: p.defaultVersionId,
    awsId: systemAwsId(p),
    attachmentCount,
    boundaryUsageCount,
    createdAt: SYSTEM_POLICY_EPOCH,
    updatedAt: SYSTEM_POLICY_EPOCH,
  };
}

export function versionViewOf(version: PolicyVersion, defaultVersionId: string): PolicyVersionView {
  return { ...version, isDefault: version.versionId === defaultVersionId };
}

/** The one version of a system policy. */
export function systemVersionOf(policy: SystemPolicy): PolicyVersionView {
  return { policyId: policy.id, versionId: policy.defaultVersionId, document: policy.text, isDefault: true, createdAt: SYSTEM_POLICY_EPOCH };
}
