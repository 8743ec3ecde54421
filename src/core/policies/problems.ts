import { InvalidInputError, LimitExceededError, type IamError } from '../errors.js';

/**
 * Why a policy document was refused on write. A closed union, so a dialect that maps problems to its
 * wire error (AWS `MalformedPolicyDocument`, Huawei `PAP5.0011`...) must decide for each one.
 */
export type PolicyProblemCode =
  | 'malformed-json'
  | 'wrong-type'
  | 'unknown-field'
  | 'missing-field'
  | 'conflicting-fields'
  | 'empty-list'
  | 'unsupported-version'
  | 'invalid-effect'
  | 'invalid-sid'
  | 'duplicate-sid'
  | 'principal-not-allowed'
  | 'invalid-action'
  | 'invalid-resource'
  | 'unknown-operator'
  | 'invalid-condition-key'
  | 'invalid-condition-value'
  | 'invalid-variable'
  | 'too-large';

export interface PolicyProblem {
  code: PolicyProblemCode;
  /** JSON path of the offending field, e.g. `Statement[1].Condition.StringEquals.aws:username` */
  path: string;
  /** index in `Statement`, null for document-level problems */
  statement: number | null;
  sid: string | null;
  /** lowercase, user input in backticks, no trailing period */
  message: string;
  /** for `too-large`: the vendor limit that was exceeded */
  limit?: number;
}

export type PolicyParseResult<T> = { ok: true; value: T } | { ok: false; problems: PolicyProblem[] };

/**
 * The first problem as a core error, for callers that report one problem per request (as AWS does).
 * `too-large` becomes `limit-exceeded` (AWS answers `LimitExceeded`, "Cannot exceed quota for
 * PolicySize: 6144"); every other problem becomes `invalid-input` naming the field.
 */
export function policyProblemToError(problem: PolicyProblem): IamError {
  if (problem.code === 'too-large') return new LimitExceededError('policy', problem.limit ?? 0, 'document size');
  return new InvalidInputError(problem.path, problem.message);
}
