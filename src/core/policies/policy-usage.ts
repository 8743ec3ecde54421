import type { Repositories } from '../ports.js';

/**
 * How many entities of an account use each policy (AWS Policy AttachmentCount and
 * PermissionsBoundaryUsageCount): attachments to users, groups and roles; boundaries of users and roles.
 */
export async function policyUsageCounts(repos: Repositories, accountId: string): Promise<{ attached: Map<string, number>; bounded: Map<string, number> }> {
  const [attached, roleAttached, bounded, roleBounded] = await Promise.all([
    repos.policies.attachmentCounts(accountId),
    repos.roles.attachmentCounts(accountId),
    repos.users.permissionsBoundaryCounts(accountId),
    repos.roleBoundaries.counts(accountId),
  ]);
  return { attached: sum(attached, roleAttached), bounded: sum(bounded, roleBounded) };
}

function sum(a: Map<string, number>, b: Map<string, number>): Map<string, number> {
  const out = new Map(a);
  for (const [k, n] of b) out.set(k, (out.get(k) ?? 0) + n);
  return out;
}
