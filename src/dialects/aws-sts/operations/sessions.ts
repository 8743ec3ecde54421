import type { Account } from '../../../core/accounts/account.js';
import type { PolicyRef } from '../../../core/policies/policy-ref.js';
import { MfaAuthenticationError, type MfaOffer } from '../../../core/roles/mfa-proof.js';
import type { CallContext } from '../../../core/principal.js';
import type { DialectServices } from '../../../front/services.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate } from '../../kit/aws-family/flavor.js';
import { optionalInteger, optionalMember, readTags, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';

/** AssumeRole members (A-AR): RoleArn 20-2048; RoleSessionName 2-64 of `[\w+=,.@-]*`; ExternalId 2-1224 of `[\w+=,.@:/-]*` */
const ROLE_ARN: MemberRule = { min: 20, max: 2048 };
const SESSION_NAME: MemberRule = { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' };
const EXTERNAL_ID: MemberRule = { min: 2, max: 1224, pattern: /^[\w+=,.@:/-]*$/, patternText: '[\\w+=,.@:\\/-]*' };
const SOURCE_IDENTITY: MemberRule = { min: 2, max: 64, pattern: /^[\w+=,.@-]*$/, patternText: '[\\w+=,.@-]*' };
/** Policy: 1-2048 of `[\u0009\u000A\u000D\u0020-\u00FF]+` */
const SESSION_POLICY: MemberRule = { min: 1, max: 2048, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' };
const SERIAL_NUMBER: MemberRule = { min: 9, max: 256, pattern: /^[\w+=/:,.@-]*$/, patternText: '[\\w+=/:,.@-]*' };
const TOKEN_CODE: MemberRule = { min: 6, max: 6, pattern: /^\d{6}$/, patternText: '[\\d]*' };

/** `arn:aws:iam::<account>:role<path><name>`: the account and the name (the path is not part of a role's identity here) */
function parseRoleArn(arn: string): { account: string; name: string } {
  const match = /^arn:aws:iam::(\d{12}):role(?:\/[\x21-\x7e]*)?\/([\w+=,.@-]{1,64})$/.exec(arn);
  if (!match) throw new MemberConstraintError('RoleArn', `${arn} is invalid`);
  return { account: match[1]!, name: match[2]! };
}

/**
 * SerialNumber + TokenCode (A-AR, GetSessionToken): the virtual device `arn:aws:iam::<account>:mfa<path><name>`
 * of the caller's account; a serial naming no device there (another account's, a hardware serial) is
 * kept as "no device", refused after the other checks like AWS's "unable to validate MFA code".
 */
export async function readMfaOffer(services: DialectServices, ctx: CallContext, params: QueryParams, action: string): Promise<MfaOffer | undefined> {
  const serialNumber = optionalMember(params, 'SerialNumber', SERIAL_NUMBER);
  const tokenCode = optionalMember(params, 'TokenCode', TOKEN_CODE);
  if (serialNumber === undefined && tokenCode === undefined) return undefined;
  // AWS: "MultiFactorAuthentication failed, must provide both MFA serial number and one time pass code."
  if (serialNumber === undefined || tokenCode === undefined) throw new MfaAuthenticationError(action, 'mfa', 'incomplete');
  const account = await callerAccount(services, ctx);
  const prefix = `arn:aws:iam::${account.awsAccountId}:mfa/`;
  const name = serialNumber.startsWith(prefix) ? serialNumber.slice(serialNumber.lastIndexOf('/') + 1) : '';
  return { deviceName: name === '' ? null : name, tokenCode };
}

/** PolicyArns.member.N.arn: managed policies of the role's account or AWS managed ones */
function readPolicyArns(params: QueryParams): PolicyRef[] {
  return params.indexedList('PolicyArns.member').map((entry, i) => {
    const arn = entry.get('arn');
    if (arn === undefined) throw new MemberConstraintError(`PolicyArns.member.${i + 1}.arn`, 'Member must not be null', 'missing');
    const match = /^arn:aws:iam::(aws|\d{12}):policy(?:\/[\x21-\x7e]*)?\/([\w+=,.@-]{1,128})$/.exec(arn);
    if (!match) throw new MemberConstraintError(`PolicyArns.member.${i + 1}.arn`, `${arn} is invalid`);
    return { name: match[2]!, scope: match[1] === 'aws' ? 'system' : 'custom' };
  });
}

/** AWS STS `Credentials`: AccessKeyId, SecretAccessKey, SessionToken, Expiration */
export function renderCredentials(issued: { accessKeyId: string; secret: { reveal(): string }; sessionToken: { reveal(): string }; expiresAt: number }) {
  return {
    AccessKeyId: issued.accessKeyId,
    // the one time a secret leaves the server (as AWS returns it)
    SecretAccessKey: issued.secret.reveal(),
    SessionToken: issued.sessionToken.reveal(),
    Expiration: isoDate(issued.expiresAt),
  };
}

/** AWS GetCallerIdentity: UserId, Account, Arn; for an assumed role `AROA…:<session>` and `assumed-role/<role>/<session>` (A-GCI) */
export async function callerIdentity(services: DialectServices, ctx: CallContext) {
  const account: Account = await callerAccount(services, ctx);
  const { principal } = ctx;
  if (principal.session) {
    const { session } = principal;
    return { UserId: `${session.roleAwsId}:${session.sessionName}`, Account: account.awsAccountId, Arn: `arn:aws:sts::${account.awsAccountId}:assumed-role/${session.roleName}/${session.sessionName}` };
  }
  if (principal.isRoot) return { UserId: account.awsAccountId, Account: account.awsAccountId, Arn: `arn:aws:iam::${account.awsAccountId}:root` };
  const user = await services.users.caller(ctx);
  return { UserId: user.awsId, Account: account.awsAccountId, Arn: `arn:aws:iam::${account.awsAccountId}:user${user.path}${user.name}` };
}

/** AWS STS AssumeRole (A-AR). */
export function sessionOperations(): QueryOperation[] {
  return [
    {
      action: 'AssumeRole',
      async run({ ctx, params, services }) {
        const role = parseRoleArn(requiredMember(params, 'RoleArn', ROLE_ARN));
        const sessionName = requiredMember(params, 'RoleSessionName', SESSION_NAME);
        const durationSeconds = optionalInteger(params, 'DurationSeconds', 900, 43_200);
        const policy = optionalMember(params, 'Policy', SESSION_POLICY);
        const policyArns = readPolicyArns(params);
        const tags = readTags(params, 'Tags.member');
        const externalId = optionalMember(params, 'ExternalId', EXTERNAL_ID);
        const sourceIdentity = optionalMember(params, 'SourceIdentity', SOURCE_IDENTITY);
        const mfa = await readMfaOffer(services, ctx, params, 'sts:AssumeRole');
        const assumed = await services.assumeRole.assume(ctx, {
          role,
          sessionName,
          policySyntax: 'aws',
          ...(durationSeconds !== undefined ? { durationSeconds } : {}),
          ...(policy !== undefined ? { policy } : {}),
          ...(policyArns.length > 0 ? { policyArns } : {}),
          ...(tags.length > 0 ? { tags } : {}),
          ...(externalId !== undefined ? { externalId } : {}),
          ...(sourceIdentity !== undefined ? { sourceIdentity } : {}),
          ...(mfa ? { mfa } : {}),
        });
        const accountNumber = assumed.account.awsAccountId;
        return {
          Credentials: renderCredentials(assumed),
          AssumedRoleUser: { AssumedRoleId: `${assumed.role.awsId}:${sessionName}`, Arn: `arn:aws:sts::${accountNumber}:assumed-role/${assumed.role.name}/${sessionName}` },
          PackedPolicySize: policy !== undefined || tags.length > 0 ? assumed.packedPolicySize : undefined,
          SourceIdentity: assumed.session.sourceIdentity ?? undefined,
        };
      },
    },
  ];
}
