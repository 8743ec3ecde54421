import type { AccessDeniedError } from '../errors.js';
import { actionNameIn } from '../evaluation/action-names.js';
import { renderPrincipal, renderResource, renderSession } from '../evaluation/resource-names.js';
import type { PolicySyntax } from '../policies/document.js';
import type { IamAction } from './actions.js';

/** A denial named in one dialect's terms, for its 403. */
export interface RenderedDenial {
  /** AWS ARN / Huawei URN / Volcengine TRN / Kingsoft KRN of the caller; null when the denial carries no caller */
  principal: string | null;
  /**
   * the target in the same syntax. AWS names a collection (ListUsers) `arn:aws:iam::<account>:user/`
   * and account settings (GetAccountPasswordPolicy) `*`; null when the denial carries no target
   */
  resource: string | null;
  /** the vendor's action name, e.g. `iam:CreateLoginProfile`, `iam:users:createLoginProfileV5` */
  action: string;
}

export function renderDenial(err: AccessDeniedError, syntax: PolicySyntax): RenderedDenial {
  const action = actionNameIn(syntax, err.action as IamAction);
  const denied = err.principal;
  // AWS names a session's denial `User: arn:aws:sts::<account>:assumed-role/<role>/<session>`
  const principal = denied ? (denied.roleSession ? renderSession(syntax, denied.account, denied.userName, denied.roleSession.sessionName) : renderPrincipal(syntax, { ...denied, tags: [] })) : null;
  let resource: string | null = null;
  if (err.target) {
    resource = renderResource(syntax, err.target);
    if (resource === null) {
      const { type, account } = err.target;
      if (type === 'account') resource = '*';
      else if (syntax === 'aws') resource = `arn:aws:iam::${account.awsAccountId}:${type}/`;
      else if (syntax === 'kingsoft') resource = `krn:ksc:iam::${account.numericId}:${type}/`;
      else if (syntax === 'volcengine') resource = `trn:iam::${account.numericId}:${type}/`;
      else resource = `iam::${account.id}:${type}:*`;
    }
  }
  return { principal, resource, action };
}

/**
 * AWS's AccessDenied wording (IAM User Guide, "Troubleshooting access denied error messages"):
 * `User: <arn> is not authorized to perform: <action> on resource: <arn> because no identity-based
 * policy allows the <action> action`, or `... with an explicit deny in an identity-based policy`.
 * Kingsoft copies it with its own names.
 */
export function awsAccessDeniedMessage(err: AccessDeniedError, syntax: 'aws' | 'kingsoft' = 'aws'): string {
  const { principal, resource, action } = renderDenial(err, syntax);
  const who = principal === null ? 'User' : `User: ${principal}`;
  const on = resource === null ? '' : ` on resource: ${resource}`;
  // AWS: "... with an explicit deny in a permissions boundary", "... because no permissions boundary allows ..."
  const kind = err.deniedBy === 'permissions-boundary' ? 'permissions boundary' : 'identity-based policy';
  const because = err.decision === 'explicit-deny' ? ` with an explicit deny in ${kind === 'permissions boundary' ? 'a' : 'an'} ${kind}` : ` because no ${kind} allows the ${action} action`;
  return `${who} is not authorized to perform: ${action}${on}${because}`;
}
