import { AccessDeniedError, AuthenticationError } from '../../core/errors.js';
import type { QueryDialect, QueryResult, Rendered, RenderContext } from '../kit/query-dialect.js';
import { CallRecords } from '../kit/aws-family/calls.js';
import { jsonError, jsonSuccess, xmlError, xmlSuccess, type WireError } from '../kit/aws-family/envelope.js';
import type { AwsFamilyFlavor } from '../kit/aws-family/flavor.js';
import { accessKeyOperations } from '../kit/aws-family/operations/access-keys.js';
import { loginProfileOperations } from '../kit/aws-family/operations/login-profiles.js';
import { passwordPolicyOperations } from '../kit/aws-family/operations/password-policy.js';
import { tagOperations } from '../kit/aws-family/operations/tags.js';
import { attachmentOperations } from '../kit/aws-family/operations/attachments.js';
import { groupOperations } from '../kit/aws-family/operations/groups.js';
import { inlinePolicyOperations } from '../kit/aws-family/operations/inline-policies.js';
import { policyOperations } from '../kit/aws-family/operations/policies.js';
import { simulationOperations } from '../kit/aws-family/operations/simulation.js';
import { accountSummaryOperation } from '../kit/aws-family/operations/account-summary.js';
import { formatPolicyArn, parsePolicyArnWith, type PolicyArnStyle } from '../kit/aws-family/policy-arns.js';
import { toKingsoftError } from './errors.js';
import { userOperations } from './operations/users.js';
import { mfaDeviceOperations } from './operations/mfa-devices.js';
import { KINGSOFT_LOGIN_PROFILE_ACTIONS, kingsoftLoginProfileOperations } from './operations/login-profiles.js';
import { roleOperations } from './operations/roles.js';
import { PASSWORD, USER_NAME, VERSION } from './rules.js';
import { groupKrn, kingsoftUserId, renderLoginProfile, renderUser, userKrn } from './shapes.js';
import { ownEntry } from '../kit/own.js';

export const DIALECT = 'kingsoft';

/**
 * Policy KRNs copy AWS's shape: `krn:ksc:iam::<account>:policy/<name>`; system policies are
 * `krn:ksc:iam::ksc:policy/<name>` (Kingsoft's system-policy KRN, as its console shows it; AWS-LIKE).
 */
const policyArns: PolicyArnStyle = {
  prefix: 'krn:ksc:iam::',
  systemAccount: 'ksc',
  accountNumber: (account) => String(account.numericId),
  systemName: (policy) => policy.systemNames?.kingsoft ?? policy.name,
};

const flavor: AwsFamilyFlavor = {
  userName: USER_NAME,
  userNameRef: USER_NAME,
  password: PASSWORD,
  lenientFlags: true,
  loginProfileNeedsUserName: true,
  accountNumber: (account) => String(account.numericId),
  renderLoginProfile,
  syntax: 'kingsoft',
  policyArn: (account, policy) => formatPolicyArn(policyArns, account, policy),
  parsePolicyArn: (account, arn) => parsePolicyArnWith(policyArns, account, arn),
  groupArn: groupKrn,
  userArn: userKrn,
  renderUser: (account, user) => renderUser(account, user, 'list'),
  userId: kingsoftUserId,
};

/**
 * Where the Go SDK's response structs (iam/v20151101 models) name a JSON result differently from the
 * AWS pattern `<Action>Result`, JSON follows the SDK, since that is what reads it; XML keeps the
 * documented `<Action>Result`.
 */
const JSON_RESULT_KEYS: Record<string, string> = {
  ListUsers: 'ListUserResult',
  ListAccessKeys: 'ListAccessKeyResult',
  GetLoginProfile: 'CreateLoginProfileResult',
  UpdateLoginProfile: 'CreateLoginProfileResult',
};

/**
 * Kingsoft Cloud IAM (`https://iam.api.ksyun.com/`, Version 2015-11-01): GET query or POST form, AWS
 * SigV4 (service `iam`, regions like `cn-beijing-6`) or the Go SDK's `Accesskey`/`Signature` parameters.
 * XML by default, JSON when the client sends `Accept: application/json` (docs page 82).
 */
export function kingsoftDialect(): QueryDialect {
  const calls = new CallRecords();
  const render = (status: number, context: RenderContext, body: { json: () => string; xml: () => string }, headers: Record<string, string> = {}): Rendered =>
    wantsJson(context)
      ? { status, contentType: 'application/json; charset=utf-8', body: body.json(), headers }
      : { status, contentType: 'application/xml; charset=utf-8', body: body.xml(), headers };
  return {
    name: DIALECT,
    versions: [VERSION],
    schemes: ['aws-sigv4', 'ksyun-simple'],
    operations: calls.table([...userOperations(flavor), ...loginProfileOperations(flavor).filter((op) => !KINGSOFT_LOGIN_PROFILE_ACTIONS.has(op.action)), ...kingsoftLoginProfileOperations(flavor), ...passwordPolicyOperations(flavor), ...accessKeyOperations(flavor), ...tagOperations(flavor),
      ...policyOperations(flavor), ...attachmentOperations(flavor), ...inlinePolicyOperations(flavor), ...groupOperations(flavor), ...simulationOperations(flavor),
      ...mfaDeviceOperations(flavor), ...roleOperations(flavor), accountSummaryOperation({ roles: true })]),
    acceptsJsonBody: false,
    ownsScheme: (scheme) => scheme === 'ksyun-simple',
    checkSignature(signature) {
      // both schemes name the service: SigV4 in its credential scope, the Go SDK in `Service=iam`
      // AssumeRole is in kscore's iam model and in sdk-python's sts client (service `sts`, same Version)
      if (signature.scheme === 'aws-sigv4' && signature.service !== 'iam' && signature.service !== 'sts') throw new AuthenticationError('malformed');
      if (signature.scheme === 'ksyun-simple' && signature.service !== undefined && signature.service !== 'iam') throw new AuthenticationError('malformed');
    },
    renderSuccess(result: QueryResult, context) {
      const action = context.action ?? '';
      return render(200, context, {
        json: () => jsonSuccess(ownEntry(JSON_RESULT_KEYS, action) ?? `${action}Result`, result, context.requestId),
        xml: () => xmlSuccess(action, undefined, `${action}Result`, result, context.requestId),
      });
    },
    renderError(err, context) {
      const error: WireError = toKingsoftError(err, context, calls.get(context.request));
      // the sealed explanation of a 403, decodable through AWS STS DecodeAuthorizationMessage (Kingsoft has no decode API)
      const headers: Record<string, string> = err instanceof AccessDeniedError && err.encodedMessage !== undefined ? { 'x-polyiam-encoded-authorization-message': err.encodedMessage } : {};
      return render(error.status, context, {
        json: () => jsonError(error, context.requestId),
        xml: () => xmlError(error, context.requestId, { requestIdFirst: true }),
      }, headers);
    },
  };
}

/** docs page 82 (kingsoft-iam.md, Response format): XML by default, JSON when the request has `Accept: application/json` */
function wantsJson(context: RenderContext): boolean {
  const accept = context.request.headers.accept;
  return typeof accept === 'string' && accept.toLowerCase().includes('application/json');
}
