/** The pure policy evaluator: compile a principal's policies once, decide requests against them. */
export { ACTION_NAMES, actionNameIn, coreActionsNamed, type ActionNames } from './action-names.js';
export {
  compilePolicySet,
  formatStatementRef,
  CompiledPolicySet,
  type AttachedPolicy,
  type StatementRef,
} from './compile.js';
export {
  evaluate,
  type ConditionTrace,
  type Decision,
  type EvaluateOptions,
  type EvaluationResult,
  type StatementTrace,
} from './evaluate.js';
export type { AccountIdentity, EvaluationRequest, PrincipalIdentity, RequestEnvironment, ResourceIdentity } from './request.js';
export { renderPrincipal, renderResource } from './resource-names.js';
export { evaluateBounded, setsNeedResourceTags, setsReadTime, type BoundedResult, type PrincipalPolicySets } from './boundary.js';
