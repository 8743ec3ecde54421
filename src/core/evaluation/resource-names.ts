import type { PolicySyntax } from '../policies/document.js';
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
