import type { PolicySyntax } from './document.js';

/**
 * A customer managed identity policy (AWS "customer managed policy", Huawei v5 "custom identity
 * policy", Volcengine "Custom" policy). Its documents live in versions; the default one is in force.
 */
export interface ManagedPolicy {
  /** 32 lowercase hex; Huawei's `policy_id` */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively */
  name: string;
  /** AWS path, `/` by default */
  path: string;
  description: string;
  /** every version of one policy is written in the syntax it was created in */
  syntax: PolicySyntax;
  /** `v1`, `v2`...: AWS DefaultVersionId, Huawei `default_version_id` */
  defaultVersionId: string;
  /** the highest version number ever issued: version ids are never reused (AWS "Versioning for managed policies") */
  latestVersion: number;
  /** AWS PolicyId: `ANPA` + 17 upper-case alphanumerics */
  awsId: string;
  createdAt: number;
  updatedAt: number;
}

export interface PolicyVersion {
  policyId: string;
  /** `v<number>` */
  versionId: string;
  /** the document as written, so a read returns what was sent */
  document: string;
  createdAt: number;
}

/** What a policy is attached to. Ids are the canonical 32-hex user and group ids. */
export type AttachmentTarget = { type: 'user'; id: string } | { type: 'group'; id: string };

/** One attachment as stored: a custom policy's id or a system policy's stable id (system-policies.ts). */
export interface PolicyAttachment {
  policyId: string;
  target: AttachmentTarget;
  accountId: string;
  attachedAt: number;
}

/** An inline policy embedded in one user (AWS PutUserPolicy); it has no id, version or attachment. */
export interface InlinePolicy {
  userId: string;
  accountId: string;
  /** unique per user, case-insensitively */
  name: string;
  syntax: PolicySyntax;
  document: string;
  createdAt: number;
  updatedAt: number;
}

/** An inline policy embedded in one group (AWS PutGroupPolicy); its members are governed by it. */
export interface GroupInlinePolicy {
  groupId: string;
  accountId: string;
  /** unique per group, case-insensitively */
  name: string;
  syntax: PolicySyntax;
  document: string;
  createdAt: number;
  updatedAt: number;
}

/** Oldest first; ties by target kind (users first), target id, then policy id: one order on every store. */
export function compareAttachments(a: PolicyAttachment, b: PolicyAttachment): number {
  if (a.attachedAt !== b.attachedAt) return a.attachedAt - b.attachedAt;
  if (a.target.type !== b.target.type) return a.target.type === 'user' ? -1 : 1;
  return compareText(a.target.id, b.target.id) || compareText(a.policyId, b.policyId);
}

/** ids are ASCII, where UTF-16 order is byte order */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const VERSION_PREFIX = 'v';

export function versionIdOf(number: number): string {
  return `${VERSION_PREFIX}${number}`;
}

/** The number of `v<number>`, or null for anything else. */
export function versionNumberOf(versionId: string): number | null {
  const match = /^v([1-9][0-9]{0,8})$/.exec(versionId);
  return match ? Number(match[1]) : null;
}

/**
 * Quotas, as the vendors document them:
 * - AWS "IAM and AWS STS quotas": 5 versions per managed policy, 10 managed policies attached per
 *   user and per group (default quota), 1,500 customer managed policies per account.
 * - Huawei IAM v5 answers PAP5.0028 "versions per policy limit exceeded" (its figure was not found in
 *   the documentation retrieved so far: held to AWS's 5, UNVERIFIED); its attachment quota likewise.
 * - Kingsoft "IAM系统配额": 5 versions per custom policy, 200 custom policies per account.
 */
export const POLICY_LIMITS = {
  versionsPerPolicy: 5,
  attachedPerUser: 10,
  attachedPerGroup: 10,
  customPoliciesPerAccount: 1500,
} as const;
