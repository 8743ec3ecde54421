import type { PolicyDocument } from './document.js';
import { requirePolicyDocument } from './parse.js';

/** The stable ids of the system policies: what attachments store and what never changes. */
export const SystemPolicyIds = {
  administratorAccess: 'sys-administrator-access',
  iamFullAccess: 'sys-iam-full-access',
  iamReadOnlyAccess: 'sys-iam-read-only-access',
  securityAdministrator: 'sys-security-administrator',
  iamUserChangePassword: 'sys-iam-user-change-password',
} as const;

export type SystemPolicyId = (typeof SystemPolicyIds)[keyof typeof SystemPolicyIds];

/** A system policy's name in each dialect; a dialect finds it by its own name (or, leniently, by any). */
export interface SystemPolicyNames {
  /** AWS managed policy name, ARN `arn:aws:iam::aws:policy<path><name>` */
  aws: string;
  huaweiV5: string;
  volcengine: string;
  kingsoft: string;
}

/** A policy that lives in code: the same in every account, written in AWS syntax so the evaluator runs it. */
export interface SystemPolicy {
  id: SystemPolicyId;
  names: SystemPolicyNames;
  /** AWS path of the managed policy */
  path: string;
  description: string;
  /** AWS syntax: the text every dialect shows as the policy's document */
  text: string;
  document: PolicyDocument;
  /** versions of a system policy are the vendor's; polyiam's never change */
  defaultVersionId: 'v1';
}

interface Spec {
  id: SystemPolicyId;
  names: SystemPolicyNames;
  description: string;
  statements: unknown[];
}

/**
 * AWS managed policies, as published: AdministratorAccess (`*` on `*`), IAMFullAccess (`iam:*`),
 * IAMReadOnlyAccess (`iam:Get*`, `iam:List*`, the simulations, credential reports),
 * IAMUserChangePassword (ChangePassword on the caller's own user, GetAccountPasswordPolicy).
 * Huawei IAM v5 system-defined identity policies "IAMFullAccessPolicy" and "IAMReadOnlyPolicy"
 * (productdesc-iam5 "IAM-based Permissions Management"); the other Huawei names are polyiam's
 * (UNVERIFIED). Security Administrator is Huawei v3's role of the `admin` group ("Security
 * Administrator: all operations on IAM"): all of IAM, and decoding the authorization messages IAM
 * answers with.
 */
const SPECS: Spec[] = [
  {
    id: SystemPolicyIds.administratorAccess,
    names: { aws: 'AdministratorAccess', huaweiV5: 'AdministratorAccessPolicy', volcengine: 'AdministratorAccess', kingsoft: 'AdministratorAccess' },
    description: 'Provides full access to all services and resources.',
    statements: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
  },
  {
    id: SystemPolicyIds.iamFullAccess,
    names: { aws: 'IAMFullAccess', huaweiV5: 'IAMFullAccessPolicy', volcengine: 'IAMFullAccess', kingsoft: 'IAMFullAccess' },
    description: 'Provides full access to IAM.',
    statements: [{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }],
  },
  {
    id: SystemPolicyIds.iamReadOnlyAccess,
    names: { aws: 'IAMReadOnlyAccess', huaweiV5: 'IAMReadOnlyPolicy', volcengine: 'IAMReadOnlyAccess', kingsoft: 'IAMReadOnlyAccess' },
    description: 'Provides read only access to IAM.',
    statements: [
      {
        Effect: 'Allow',
        Action: ['iam:GenerateCredentialReport', 'iam:GenerateServiceLastAccessedDetails', 'iam:Get*', 'iam:List*', 'iam:SimulateCustomPolicy', 'iam:SimulatePrincipalPolicy'],
        Resource: '*',
      },
    ],
  },
  {
    id: SystemPolicyIds.securityAdministrator,
    names: { aws: 'SecurityAdministrator', huaweiV5: 'Security Administrator', volcengine: 'SecurityAdministrator', kingsoft: 'SecurityAdministrator' },
    description: 'Security Administrator: every IAM operation in the account, and decoding authorization messages.',
    statements: [{ Effect: 'Allow', Action: ['iam:*', 'sts:DecodeAuthorizationMessage'], Resource: '*' }],
  },
  {
    id: SystemPolicyIds.iamUserChangePassword,
    names: { aws: 'IAMUserChangePassword', huaweiV5: 'IAMUserChangePasswordPolicy', volcengine: 'IAMUserChangePassword', kingsoft: 'IAMUserChangePassword' },
    description: 'Provides the ability for an IAM user to change their own password.',
    statements: [
      { Effect: 'Allow', Action: ['iam:ChangePassword'], Resource: ['arn:aws:iam::*:user/${aws:username}'] },
      { Effect: 'Allow', Action: ['iam:GetAccountPasswordPolicy'], Resource: '*' },
    ],
  },
];

function build(spec: Spec): SystemPolicy {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: spec.statements });
  // INVARIANT: a system policy that does not parse is a bug caught when the module loads
  const document = requirePolicyDocument(text, 'aws');
  return { id: spec.id, names: spec.names, path: '/', description: spec.description, text, document, defaultVersionId: 'v1' };
}

export const SYSTEM_POLICIES: readonly SystemPolicy[] = SPECS.map(build);

const BY_ID = new Map<string, SystemPolicy>(SYSTEM_POLICIES.map((p) => [p.id, p]));

export function isSystemPolicyId(id: string): boolean {
  return BY_ID.has(id);
}

export function systemPolicyById(id: string): SystemPolicy | undefined {
  return BY_ID.get(id);
}

/** By any of its dialect names, case-insensitively (names are distinct across system policies). */
export function systemPolicyByName(name: string): SystemPolicy | undefined {
  const wanted = name.toLowerCase();
  return SYSTEM_POLICIES.find((p) => Object.values(p.names).some((n) => n.toLowerCase() === wanted));
}

/** Each new account's `admin` group holds this one (Huawei v3: the admin group is the Security Administrator). */
export const ADMIN_GROUP_POLICY: SystemPolicyId = SystemPolicyIds.securityAdministrator;
