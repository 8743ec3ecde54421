/** Identity policy documents: the model, per-vendor parsing and validation, limits. */
export type {
  BaseOperator,
  ConditionClause,
  ContextKey,
  Effect,
  OperatorSpec,
  PatternList,
  PolicyDocument,
  PolicyStatement,
  PolicySyntax,
  SetQualifier,
} from './document.js';
export { POLICY_SYNTAXES, formatContextKey } from './document.js';
export { sizeLimit, type PolicyKind, type SizeLimit } from './limits.js';
export { parsePolicyDocument, requirePolicyDocument, type ParsePolicyOptions } from './parse.js';
export { policyProblemToError, type PolicyParseResult, type PolicyProblem, type PolicyProblemCode } from './problems.js';
