import { AuthenticationError } from '../../core/errors.js';
import type { QueryDialect, Rendered, RenderContext } from '../kit/query-dialect.js';
import { CallRecords } from '../kit/aws-family/calls.js';
import { xmlError, xmlSuccess, type WireError } from '../kit/aws-family/envelope.js';
import type { AwsFamilyFlavor } from '../kit/aws-family/flavor.js';
import { accessKeyOperations } from '../kit/aws-family/operations/access-keys.js';
import { loginProfileOperations } from '../kit/aws-family/operations/login-profiles.js';
import { passwordPolicyOperations } from '../kit/aws-family/operations/password-policy.js';
import { tagOperations } from '../kit/aws-family/operations/tags.js';
import { toAwsError } from './errors.js';
import { userOperations } from './operations/users.js';
import { NAMESPACE, PASSWORD, USER_NAME, USER_NAME_REF, VERSION } from './rules.js';
import { renderLoginProfile } from './shapes.js';

export const DIALECT = 'aws';

const flavor: AwsFamilyFlavor = {
  userName: USER_NAME,
  userNameRef: USER_NAME_REF,
  password: PASSWORD,
  lenientFlags: false,
  loginProfileNeedsUserName: false,
  accountNumber: (account) => account.awsAccountId,
  // UpdateLoginProfile has no output in AWS
  renderLoginProfile: (profile, action) => (action === 'UpdateLoginProfile' ? undefined : renderLoginProfile(profile)),
};

/**
 * AWS IAM, awsQuery protocol, Version 2010-05-08: `POST /` with a form body (or GET with a query),
 * AWS SigV4 with service `iam`, XML responses in the IAM namespace (aws-iam-query.md).
 */
export function awsDialect(): QueryDialect {
  const calls = new CallRecords();
  const render = (status: number, body: string, context: RenderContext): Rendered => ({
    status,
    contentType: 'text/xml',
    body,
    // the SDK reads $metadata.requestId from this header, the body's RequestId only as a fallback
    headers: { 'x-amzn-requestid': context.requestId },
  });
  return {
    name: DIALECT,
    versions: [VERSION],
    schemes: ['aws-sigv4'],
    operations: calls.table([...userOperations(flavor), ...loginProfileOperations(flavor), ...passwordPolicyOperations(flavor), ...accessKeyOperations(flavor), ...tagOperations(flavor)]),
    acceptsJsonBody: false,
    ownsScheme: (scheme) => scheme === 'aws-sigv4' || scheme === undefined,
    checkSignature(signature) {
      // the verifiers leave the credential scope's service to the dialect: IAM signs with `iam`
      if (signature.scheme === 'aws-sigv4' && signature.service !== 'iam') throw new AuthenticationError('malformed');
    },
    renderSuccess: (result, context) => render(200, xmlSuccess(context.action ?? '', NAMESPACE, `${context.action ?? ''}Result`, result, context.requestId), context),
    renderError(err, context) {
      const error: WireError = toAwsError(err, context, calls.get(context.request));
      return render(error.status, xmlError(error, context.requestId, { namespace: NAMESPACE }), context);
    },
  };
}
