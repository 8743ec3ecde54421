import { AccessDeniedError, AuthenticationError } from '../../core/errors.js';
import type { QueryDialect, Rendered, RenderContext } from '../kit/query-dialect.js';
import { CallRecords } from '../kit/aws-family/calls.js';
import { xmlError, xmlSuccess, type WireError } from '../kit/aws-family/envelope.js';
import type { AwsFamilyFlavor } from '../kit/aws-family/flavor.js';
import { accessKeyOperations } from '../kit/aws-family/operations/access-keys.js';
import { loginProfileOperations } from '../kit/aws-family/operations/login-profiles.js';
import { passwordPolicyOperations } from '../kit/aws-family/operations/password-policy.js';
import { tagOperations } from '../kit/aws-family/operations/tags.js';
import { attachmentOperations } from '../kit/aws-family/operations/attachments.js';
import { groupOperations } from '../kit/aws-family/operations/groups.js';
import { groupInlinePolicyOperations, inlinePolicyOperations } from '../kit/aws-family/operations/inline-policies.js';
import { policyOperations } from '../kit/aws-family/operations/policies.js';
import { simulationOperations } from '../kit/aws-family/operations/simulation.js';
import { formatPolicyArn, parsePolicyArnWith, type PolicyArnStyle } from '../kit/aws-family/policy-arns.js';
import { toAwsError } from './errors.js';
import { userOperations } from './operations/users.js';
import { reportOperations } from './operations/reports.js';
import { authorizationDetailsOperations } from './operations/authorization-details.js';
import { roleOperations } from './operations/roles.js';
import { rolePolicyOperations } from './operations/role-policies.js';
import { mfaDeviceOperations } from './operations/mfa-devices.js';
import { permissionsBoundaryOperations } from './operations/permissions-boundaries.js';
import { policyTagOperations } from './operations/policy-tags.js';
import { accountOperations } from './operations/account.js';
import { userCredentialOperations } from './operations/user-credentials.js';
import { serverCertificateOperations } from './operations/server-certificates.js';
import { contextKeyOperations } from './operations/context-keys.js';
import { oidcProviderOperations } from './operations/oidc-providers.js';
import { instanceProfileOperations } from './operations/instance-profiles.js';
import { samlProviderOperations } from './operations/saml-providers.js';
import { serviceLinkedRoleOperations } from './operations/service-linked-roles.js';
import { NAMESPACE, PASSWORD, USER_NAME, USER_NAME_REF, VERSION } from './rules.js';
import { groupArn, renderLoginProfile, renderUser, userArn } from './shapes.js';

export const DIALECT = 'aws';

/** AWS "IAM ARNs": `arn:aws:iam::<account>:policy/<name>`, AWS managed ones `arn:aws:iam::aws:policy/<name>` */
const policyArns: PolicyArnStyle = {
  prefix: 'arn:aws:iam::',
  systemAccount: 'aws',
  accountNumber: (account) => account.awsAccountId,
  systemName: (policy) => policy.systemNames?.aws ?? policy.name,
};

/** the header carrying the sealed explanation of a 403, for STS DecodeAuthorizationMessage (IAM's body has none) */
export const ENCODED_MESSAGE_HEADER = 'x-polyiam-encoded-authorization-message';

const flavor: AwsFamilyFlavor = {
  userName: USER_NAME,
  userNameRef: USER_NAME_REF,
  password: PASSWORD,
  lenientFlags: false,
  loginProfileNeedsUserName: false,
  accountNumber: (account) => account.awsAccountId,
  // UpdateLoginProfile has no output in AWS
  renderLoginProfile: (profile, action) => (action === 'UpdateLoginProfile' ? undefined : renderLoginProfile(profile)),
  syntax: 'aws',
  policyArn: (account, policy) => formatPolicyArn(policyArns, account, policy),
  parsePolicyArn: (account, arn) => parsePolicyArnWith(policyArns, account, arn),
  groupArn,
  userArn,
  renderUser: (account, user) => renderUser(account, user),
  userId: (user) => user.awsId,
};

/**
 * AWS IAM, awsQuery protocol, Version 2010-05-08: `POST /` with a form body (or GET with a query),
 * AWS SigV4 with service `iam`, XML responses in the IAM namespace (aws-iam-query.md).
 */
export function awsDialect(): QueryDialect {
  const calls = new CallRecords();
  const render = (status: number, body: string, context: RenderContext, extra: Record<string, string> = {}): Rendered => ({
    status,
    contentType: 'text/xml',
    body,
    // the SDK reads $metadata.requestId from this header, the body's RequestId only as a fallback
    headers: { 'x-amzn-requestid': context.requestId, ...extra },
  });
  return {
    name: DIALECT,
    versions: [VERSION],
    schemes: ['aws-sigv4'],
    operations: calls.table([...userOperations(flavor), ...loginProfileOperations(flavor), ...passwordPolicyOperations(flavor), ...accessKeyOperations(flavor), ...tagOperations(flavor),
      ...policyOperations(flavor), ...attachmentOperations(flavor), ...inlinePolicyOperations(flavor), ...groupOperations(flavor), ...simulationOperations(flavor), ...reportOperations(),
      ...roleOperations(flavor), ...rolePolicyOperations(flavor), ...groupInlinePolicyOperations(flavor), ...mfaDeviceOperations(flavor),
      ...permissionsBoundaryOperations(flavor), ...policyTagOperations(flavor), ...accountOperations(),
      ...userCredentialOperations(flavor), ...serverCertificateOperations(), ...contextKeyOperations(),
      ...oidcProviderOperations(), ...authorizationDetailsOperations(flavor),
      ...instanceProfileOperations(),
      ...samlProviderOperations(),
      ...serviceLinkedRoleOperations()]),
    acceptsJsonBody: false,
    ownsScheme: (scheme) => scheme === 'aws-sigv4' || scheme === undefined,
    checkSignature(signature) {
      // the verifiers leave the credential scope's service to the dialect: IAM signs with `iam`
      if (signature.scheme === 'aws-sigv4' && signature.service !== 'iam') throw new AuthenticationError('malformed');
    },
    renderSuccess: (result, context) => render(200, xmlSuccess(context.action ?? '', NAMESPACE, `${context.action ?? ''}Result`, result, context.requestId), context),
    renderError(err, context) {
      const error: WireError = toAwsError(err, context, calls.get(context.request));
      // AWS IAM's AccessDenied carries no encoded message (only some services' 403s do); polyiam sends
      // it in a header so that STS DecodeAuthorizationMessage can still explain the denial
      const extra: Record<string, string> = err instanceof AccessDeniedError && err.encodedMessage !== undefined ? { [ENCODED_MESSAGE_HEADER]: err.encodedMessage } : {};
      return render(error.status, xmlError(error, context.requestId, { namespace: NAMESPACE }), context, extra);
    },
  };
}
