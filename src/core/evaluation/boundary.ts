import type { CompiledPolicySet } from './compile.js';
import { evaluate, type EvaluateOptions, type EvaluationResult } from './evaluate.js';
import type { IamAction } from '../authorization/actions.js';
import type { EvaluationRequest } from './request.js';

/**
 * A principal's policies as the evaluator weighs them: its identity policies and, when it has one, a
 * permissions boundary (AWS users and roles; a role's boundary plugs in the same way).
 */
export interface PrincipalPolicySets {
  identity: CompiledPolicySet;
  /** null: no boundary, the identity policies alone decide */
  boundary: CompiledPolicySet | null;
}

export interface BoundedResult extends EvaluationResult {
  /** which kind of policy refused the request (AWS names it in AccessDenied: "... no permissions boundary allows ...") */
  deniedBy?: 'identity' | 'permissions-boundary';
  /** whether the boundary alone allows the request; absent when there is none or it was not consulted (AWS PermissionsBoundaryDecisionDetail) */
  boundaryAllowed?: boolean;
}

/**
 * AWS IAM User Guide, "Permissions boundaries for IAM entities" and "Policy evaluation logic": an
 * explicit Deny in either the identity policies or the boundary wins; otherwise the request is allowed
 * only when both an identity policy and the boundary allow it. A boundary grants nothing by itself.
 */
export function evaluateBounded(sets: PrincipalPolicySets, request: EvaluationRequest, options: EvaluateOptions = {}): BoundedResult {
  const identity = evaluate(sets.identity, request, options);
  if (sets.boundary === null) return identity.isAllowed ? identity : { ...identity, deniedBy: 'identity' };
  if (identity.decision === 'explicit-deny') return { ...identity, deniedBy: 'identity' };
  const boundary = evaluate(sets.boundary, request, options);
  const trace = options.trace === false ? identity.trace : [...identity.trace, ...boundary.trace];
  const boundaryAllowed = boundary.isAllowed;
  if (boundary.decision === 'explicit-deny') return { decision: 'explicit-deny', isAllowed: false, deciding: boundary.deciding, trace, deniedBy: 'permissions-boundary', boundaryAllowed };
  if (!identity.isAllowed) return { ...identity, trace, deniedBy: 'identity', boundaryAllowed };
  if (boundaryAllowed) return { decision: 'allow', isAllowed: true, deciding: [...identity.deciding, ...boundary.deciding], trace, boundaryAllowed };
  return { decision: 'implicit-deny', isAllowed: false, deciding: [], trace, deniedBy: 'permissions-boundary', boundaryAllowed };
}

/** Whether deciding `action` may read the target's tags, in either set. */
export function setsNeedResourceTags(sets: PrincipalPolicySets, action: IamAction): boolean {
  return sets.identity.needsResourceTags(action) || (sets.boundary !== null && sets.boundary.needsResourceTags(action));
}

/** Whether a decision on `action` may change with the clock alone, in either set. */
export function setsReadTime(sets: PrincipalPolicySets, action: IamAction): boolean {
  return sets.identity.readsTime(action) || (sets.boundary !== null && sets.boundary.readsTime(action));
}
