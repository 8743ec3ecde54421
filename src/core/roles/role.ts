import type { PolicySyntax } from '../policies/document.js';

/**
 * A role (AWS role, Huawei agency / v5 trust agency, Volcengine role): an identity with no long-term
 * credentials that trusted principals assume for a while. One row serves every dialect; each renders
 * the name, the id and the trust policy in its own way.
 */
export interface Role {
  /** 32 lowercase hex; Huawei's agency `id` / `agency_id` */
  id: string;
  accountId: string;
  /** unique per account, case-insensitively (AWS "IAM identifiers": role names are not case sensitive) */
  name: string;
  /** AWS path, `/` by default; part of the role ARN but not of the assumed-role ARN */
  path: string;
  description: string;
  /** the trust policy as written, so a read returns what was sent */
  trustPolicy: string;
  /** the syntax the trust policy is written in (the dialect that last wrote it) */
  trustSyntax: PolicySyntax;
  /** seconds, 3,600..43,200 (AWS CreateRole MaxSessionDuration, Huawei v5 `max_session_duration`) */
  maxSessionDuration: number;
  /** AWS RoleId: `AROA` + 17 upper-case alphanumerics */
  awsId: string;
  /** Volcengine `RoleId` */
  numericId: number;
  createdAt: number;
  updatedAt: number;
  /** sessions issued before this instant (epoch ms) are refused; null when none were revoked */
  sessionsRevokedBefore: number | null;
  /** AWS RoleLastUsed: the last time a session of the role signed a request, and for which region */
  lastUsedAt: number | null;
  lastUsedRegion: string | null;
}

/** An inline policy embedded in one role (AWS PutRolePolicy). */
export interface RoleInlinePolicy {
  roleId: string;
  accountId: string;
  /** unique per role, case-insensitively */
  name: string;
  syntax: PolicySyntax;
  document: string;
  createdAt: number;
  updatedAt: number;
}

/** A managed or system policy attached to a role. */
export interface RoleAttachment {
  roleId: string;
  policyId: string;
  accountId: string;
  attachedAt: number;
}

/**
 * AWS "IAM and AWS STS quotas" and CreateRole: MaxSessionDuration 3,600..43,200 seconds (default
 * 3,600); 10 managed policies per role (default quota); 1,000 roles per account; role trust policy
 * 2,048 characters; inline role policies 10,240 characters in total (held per document here).
 */
export const ROLE_LIMITS = {
  minSessionDuration: 3_600,
  maxSessionDuration: 43_200,
  defaultSessionDuration: 3_600,
  attachedPerRole: 10,
  rolesPerAccount: 1_000,
  tagsPerRole: 50,
  inlinePolicySize: 10_240,
} as const;
