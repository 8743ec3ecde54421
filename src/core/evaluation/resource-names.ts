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
      return `iam::${account.id}:${type}:${name}`;
    case 'volcengine':
      return `trn:iam::${account.numericId}:${type}/${name}`;
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
  return renderResource(syntax, { type: 'user', account, name: principal.userName, path: principal.path }) ?? '';
}
