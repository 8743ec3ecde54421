/**
 * The identity policy document model every vendor syntax parses into. One model, so one evaluator:
 * a statement keeps the syntax it was written in because its Action, Resource and condition keys are
 * matched against the request rendered in that syntax (see core/evaluation/action-names.ts and
 * resource-names.ts).
 */

/** The document syntaxes polyiam accepts on write. Kingsoft copies AWS; each still has its own spellings. */
export type PolicySyntax = 'aws' | 'kingsoft' | 'huawei-v5' | 'volcengine';

export const POLICY_SYNTAXES: readonly PolicySyntax[] = ['aws', 'kingsoft', 'huawei-v5', 'volcengine'];

export type Effect = 'Allow' | 'Deny';

export interface PolicyDocument {
  syntax: PolicySyntax;
  /** the `Version` element as written; null when absent (allowed by AWS and Volcengine) */
  version: string | null;
  /**
   * AWS `2008-10-17` (and an absent Version) predates policy variables: `${aws:username}` is then
   * literal text (AWS IAM User Guide, "Policy variables": "only in Version 2012-10-17").
   */
  hasVariables: boolean;
  statements: PolicyStatement[];
}

export interface PolicyStatement {
  /** position in `Statement`, for traces and error paths */
  index: number;
  sid: string | null;
  effect: Effect;
  /** `Action` (negated false) or `NotAction` (negated true) */
  actions: PatternList;
  /** `Resource` / `NotResource`; null when the syntax allows omitting it (Huawei v5, Volcengine) */
  resources: PatternList | null;
  conditions: ConditionClause[];
}

export interface PatternList {
  negated: boolean;
  patterns: string[];
}

/** One `operator: { key: [values] }` pair of a statement's `Condition` block. */
export interface ConditionClause {
  /** as written, for traces */
  operator: string;
  spec: OperatorSpec;
  /** as written, for traces */
  key: string;
  contextKey: ContextKey;
  /** as written; JSON numbers and booleans become their string form, as AWS does */
  values: string[];
}

/** The operators the evaluator knows; vendor spellings map onto them (see operators.ts). */
export type BaseOperator =
  | 'StringEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringLike'
  | 'StringStartWith'
  | 'StringEndWith'
  | 'NumericEquals'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'NumericGreaterThanEquals'
  | 'DateEquals'
  | 'DateLessThan'
  | 'DateLessThanEquals'
  | 'DateGreaterThan'
  | 'DateGreaterThanEquals'
  | 'Bool'
  | 'IpAddress'
  | 'ArnLike'
  | 'Null';

export type SetQualifier = 'none' | 'for-any-value' | 'for-all-values';

export interface OperatorSpec {
  base: BaseOperator;
  /** `StringNotEquals`, `NotIpAddress`, `ArnNotLike`...: true when no policy value matches */
  negated: boolean;
  ifExists: boolean;
  qualifier: SetQualifier;
}

/**
 * The one internal key space. `aws:ResourceTag/k`, `iam:ResourceTag/k`, `g:ResourceTag/k` and
 * `volc:ResourceTag/k` all become `{ name: 'ResourceTag', tagKey: 'k' }`. Tag keys are lowercased:
 * AWS IAM User Guide, "Condition": "key names are not case-sensitive", and IAM tag keys are
 * case-insensitive per resource.
 */
export type ContextKey =
  | { name: 'ResourceTag' | 'RequestTag' | 'PrincipalTag'; tagKey: string }
  | {
      name:
        | 'TagKeys'
        | 'SourceIp'
        | 'CurrentTime'
        | 'EpochTime'
        | 'SecureTransport'
        | 'MultiFactorAuthPresent'
        | 'MultiFactorAuthAge'
        | 'UserName'
        | 'UserId'
        | 'PrincipalAccount'
        | 'PrincipalArn'
        /** `sts:ExternalId` (AWS AssumeRole ExternalId, in trust policies) */
        | 'ExternalId'
        /** `aws:TokenIssueTime`: when the temporary credentials signing the call were issued */
        | 'TokenIssueTime';
    }
  /** a well-formed key polyiam has no value for (a service key such as `ecs:InstanceType`): always absent */
  | { name: 'Unknown'; key: string };

export type ContextKeyName = ContextKey['name'];

/** Keys whose request value is a set, so ForAnyValue / ForAllValues make sense and variables do not. */
export const MULTI_VALUED_KEYS: ReadonlySet<ContextKeyName> = new Set<ContextKeyName>(['TagKeys']);

export function formatContextKey(key: ContextKey): string {
  if (key.name === 'Unknown') return key.key;
  if ('tagKey' in key) return `${key.name}/${key.tagKey}`;
  return key.name;
}
