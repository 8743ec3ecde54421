import type { IamAction } from '../authorization/actions.js';
import type { SystemPolicyNames } from '../policies/system-policies.js';
import type { Tag } from '../users/user.js';

/**
 * What the evaluator is asked. Everything is resolved beforehand by the caller (the `Authorizer`),
 * because evaluation is pure: no store look-ups, no clock reads.
 */
export interface EvaluationRequest {
  action: IamAction;
  resource: ResourceIdentity;
  principal: PrincipalIdentity;
  environment: RequestEnvironment;
  /** tags the request attaches (TagUser, CreateUser with tags): `RequestTag/<k>` and `TagKeys` */
  requestTags?: readonly Tag[];
  /**
   * tags on the target resource: `ResourceTag/<k>`. Load them only when
   * `CompiledPolicySet.needsResourceTags(action)` says a statement may ask; absent means no tags.
   */
  resourceTags?: readonly Tag[];
}

/** The account's identifiers in every dialect's rendering (core/accounts/account.ts). */
export interface AccountIdentity {
  /** 32 lowercase hex; Huawei's `domain_id` */
  id: string;
  /** 12 digits, in AWS ARNs */
  awsAccountId: string;
  /** Volcengine and Kingsoft integer account ids */
  numericId: number;
}

export interface ResourceIdentity {
  /** `mfa`: a virtual MFA device (AWS `arn:aws:iam::<account>:mfa/<name>`) */
  type: 'user' | 'group' | 'policy' | 'account' | 'role' | 'mfa';
  account: AccountIdentity;
  /**
   * absent for actions on a collection (ListUsers) or on account settings (password policy): such a
   * request has no resource-level name, so only a statement with `Resource: "*"` (or none) applies,
   * as AWS documents for actions without resource types
   */
  name?: string;
  /** AWS path, `/` when absent */
  path?: string;
  /**
   * set for a system policy: it lives in the vendor's own account, not the caller's, and has a name
   * per vendor (core/policies/system-policies.ts)
   */
  systemNames?: SystemPolicyNames;
}

export interface PrincipalIdentity {
  account: AccountIdentity;
  /** canonical 32-hex user id: Huawei `g:UserId` */
  userId: string;
  /** `AIDA...`: AWS `aws:userid` for an IAM user */
  awsUserId?: string;
  /** Volcengine integer user id */
  numericUserId?: number;
  userName: string;
  /** AWS path of the user, `/` when absent */
  path?: string;
  /** AWS: `aws:username` is absent for the root user; the principal renders as `...:root` */
  isRoot: boolean;
  tags: readonly Tag[];
  /**
   * set for an assumed-role session: `userName` is then the role's name, `aws:PrincipalArn` the role's
   * ARN, `aws:userid` `AROA…:<session>`, and `aws:username` is absent (AWS "global condition keys")
   */
  roleSession?: { rolePath: string; sessionName: string };
}

export interface RequestEnvironment {
  /** epoch milliseconds: `CurrentTime`, `EpochTime` */
  currentTime: number;
  /** `SourceIp`; null when unknown (absent key) */
  sourceIp: string | null;
  secureTransport: boolean;
  /**
   * `MultiFactorAuthPresent`. AWS: absent (null) for requests signed with long-term access keys,
   * true/false for console and token sessions; `BoolIfExists` relies on the difference.
   */
  mfaPresent: boolean | null;
  /** `sts:ExternalId` of an AssumeRole request; absent elsewhere */
  externalId?: string | null;
  /** `aws:TokenIssueTime` (epoch ms) of a call signed with temporary credentials; absent elsewhere */
  tokenIssueTime?: number | null;
  /** `MultiFactorAuthAge` counts from it: when the credentials proved MFA (epoch ms); absent or null when they never did */
  mfaAuthenticatedAt?: number | null;
}
