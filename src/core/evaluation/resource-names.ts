import type { PolicySyntax } from '../policies/document.js';
import type { SystemPolicyNames } from '../policies/system-policies.js';
import type { PrincipalIdentity, ResourceIdentity } from './request.js';

/**
 * A resource as each vendor names it, so a statement's Resource pattern is matched against the
 * request rendered in the statement's own syntax:
 * - AWS: `arn:aws:iam::<12-digit>:user<path><name>` (reference aws-iam-query.md, "Arn")
 * - Kingsoft: `krn:ksc:iam::<account>:user/<name>` (Kingsoft resource names copy AWS's shape; UNVERIFIED)
 * - Huawei v5: `iam::<domain_id>:user:<name>` ("Using URNs to identify Huawei Cloud resources")
 * - Volcengine: `trn:iam::<account>:user/<name>` ("Resource": example 2, IAM is global so no region)
 *
 * Returns null when the request has no resource-level name (collections, account settings).
 */
export function renderResource(syntax: PolicySyntax, resource: ResourceIdentity): string | null {
  if (resource.type === 'account' || resource.name === undefined) return null;
  if (resource.systemNames) return renderSystemPolicy(syntax, resource.systemNames, resource.path ?? '/');
  const { account, type, name } = resource;
  switch (syntax) {
    case 'aws':
      return `arn:aws:iam::${account.awsAccountId}:${type}${resource.path ?? '/'}${name}`;
    case 'kingsoft':
      return `krn:ksc:iam::${account.numericId}:${type}/${name}`;
    case 'huawei-v5':
      // Huawei v5 names a role an agency: `iam::<domain_id>:agency:<name>`
      return `iam::${account.id}:${type === 'role' ? 'agency' : type}:${name}`;
    case 'volcengine':
      return `trn:iam::${account.numericId}:${type}/${name}`;
  }
}

/**
 * An assumed-role session as each vendor names it: AWS `arn:aws:sts::<account>:assumed-role/<role>/<session>`
 * (the role's path left out, AWS "IAM identifiers"), Volcengine `trn:sts::<account>:assumed-role/<role>/<session>`
 * (V-AR AssumedRoleUser.Trn), Kingsoft likewise (UNVERIFIED), Huawei v5 `sts::<domain_id>:assumed-agency:<agency>/<session>`
 * (UNVERIFIED).
 */
export function renderSession(syntax: PolicySyntax, account: { id: string; awsAccountId: string; numericId: number }, roleName: string, sessionName: string): string {
  switch (syntax) {
    case 'aws':
      return `arn:aws:sts::${account.awsAccountId}:assumed-role/${roleName}/${sessionName}`;
    case 'kingsoft':
      return `krn:ksc:sts::${account.numericId}:assumed-role/${roleName}/${sessionName}`;
    case 'huawei-v5':
      return `sts::${account.id}:assumed-agency:${roleName}/${sessionName}`;
    case 'volcengine':
      return `trn:sts::${account.numericId}:assumed-role/${roleName}/${sessionName}`;
  }
}

/**
 * System policies as each vendor names its own (the same names the dialects render): AWS managed
 * policies `arn:aws:iam::aws:policy<path><name>`, Kingsoft `krn:ksc:iam::ksc:policy/<name>`, Huawei v5
 * `iam::system:policy:<name>`, Volcengine `trn:iam::policy/<name>` (UNVERIFIED, as in its shapes.ts).
 */
function renderSystemPolicy(syntax: PolicySyntax, names: SystemPolicyNames, path: string): string {
  switch (syntax) {
    case 'aws':
      return `arn:aws:iam::aws:policy${path}${names.aws}`;
    case 'kingsoft':
      return `krn:ksc:iam::ksc:policy/${names.kingsoft}`;
    case 'huawei-v5':
      return `iam::system:policy:${names.huaweiV5}`;
    case 'volcengine':
      return `trn:iam::policy/${names.volcengine}`;
  }
}

/** The calling principal's own name in `syntax`: `PrincipalArn` (`aws:PrincipalArn`, `g:PrincipalUrn`...). */
export function renderPrincipal(syntax: PolicySyntax, principal: PrincipalIdentity): string {
  const { account } = principal;
  if (principal.isRoot) {
    switch (syntax) {
      case 'aws':
        return `arn:aws:iam::${account.awsAccountId}:root`;
      case 'kingsoft':
        return `krn:ksc:iam::${account.numericId}:root`;
      case 'huawei-v5':
        return `iam::${account.id}:root`;
      case 'volcengine':
        return `trn:iam::${account.numericId}:root`;
    }
  }
  // AWS aws:PrincipalArn of an assumed-role session is the role's ARN
  if (principal.roleSession) return renderResource(syntax, { type: 'role', account, name: principal.userName, path: principal.roleSession.rolePath }) ?? '';
  return renderResource(syntax, { type: 'user', account, name: principal.userName, path: principal.path }) ?? '';
}
