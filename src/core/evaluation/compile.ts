import type { IamAction } from '../authorization/actions.js';
import type { Effect, PolicyDocument, PolicyStatement, PolicySyntax } from '../policies/document.js';
import { actionNameIn } from './action-names.js';
import { compileCondition, type CompiledCondition } from './conditions.js';
import type { RequestScope } from './scope.js';
import { compileTemplate, compileTemplateMatcher, type TemplateMatcher } from './templates.js';
import { compileWildcard, type WildcardMatcher } from './wildcard.js';

/** One policy attached to the principal (directly or through a group), as stored. */
export interface AttachedPolicy {
  /** stable id for traces and audit: the policy id, or `inline:<name>` */
  id: string;
  document: PolicyDocument;
}

/** Names one statement in a decision or trace. */
export interface StatementRef {
  policyId: string;
  statementIndex: number;
  sid: string | null;
  effect: Effect;
  syntax: PolicySyntax;
}

/** `policyId/Sid`, or `policyId/#index` for a statement without a Sid. */
export function formatStatementRef(ref: StatementRef): string {
  return `${ref.policyId}/${ref.sid ? ref.sid : `#${ref.statementIndex}`}`;
}

export interface CompiledResources {
  negated: boolean;
  patterns: readonly TemplateMatcher[];
}

export interface CompiledStatement {
  ref: StatementRef;
  syntax: PolicySyntax;
  effect: Effect;
  /** null: the statement has no Resource element and covers every resource (Huawei v5, Volcengine) */
  resources: CompiledResources | null;
  conditions: readonly CompiledCondition[];
  readsResourceTags: boolean;
  /** may read the request time (`CurrentTime`, `EpochTime`); a policy variable anywhere counts, conservatively */
  readsTime: boolean;
  matchesAction(action: IamAction): boolean;
}

function compileStatement(policyId: string, document: PolicyDocument, statement: PolicyStatement): CompiledStatement {
  const { syntax, hasVariables } = document;
  // AWS, Huawei and Volcengine: action names are not case-sensitive
  const actionMatchers: WildcardMatcher[] = statement.actions.patterns.map((p) => compileWildcard(p, true));
  const negatedActions = statement.actions.negated;
  const resources: CompiledResources | null = statement.resources
    ? {
        negated: statement.resources.negated,
        patterns: statement.resources.patterns.map((p) => compileTemplateMatcher(compileTemplate(syntax, p, hasVariables))),
      }
    : null;
  const conditions = statement.conditions.map((c) => compileCondition(syntax, c, hasVariables));
  return {
    ref: { policyId, statementIndex: statement.index, sid: statement.sid, effect: statement.effect, syntax },
    syntax,
    effect: statement.effect,
    resources,
    conditions,
    readsResourceTags: statement.conditions.some((c) => c.contextKey.name === 'ResourceTag'),
    readsTime:
      statement.conditions.some((c) => c.contextKey.name === 'CurrentTime' || c.contextKey.name === 'EpochTime' || c.contextKey.name === 'MultiFactorAuthAge') ||
      // any `${...}` variable, in a Resource or a condition value, counts: checked once, when compiled
      (hasVariables && JSON.stringify([statement.resources, statement.conditions]).includes('${')),
    matchesAction(action) {
      const name = actionNameIn(syntax, action);
      const any = actionMatchers.some((m) => m.matches(name));
      return negatedActions ? !any : any;
    },
  };
}

/**
 * A principal's policies compiled once: patterns turned into matchers, variables pre-split, condition
 * values pre-parsed. Statements are indexed by core action on first use, so a decision only visits
 * the statements whose Action (or NotAction) can apply.
 */
export class CompiledPolicySet {
  readonly statements: readonly CompiledStatement[];
  private readonly byAction = new Map<IamAction, readonly CompiledStatement[]>();

  /** `before`: statements already compiled that come first (extendedWith) */
  constructor(policies: readonly AttachedPolicy[], before: readonly CompiledStatement[] = []) {
    this.statements = [...before, ...policies.flatMap((p) => p.document.statements.map((s) => compileStatement(p.id, p.document, s)))];
  }

  /** This set followed by `more` (AWS SimulatePrincipalPolicy `PolicyInputList`: documents added to a principal's own). */
  extendedWith(more: readonly AttachedPolicy[]): CompiledPolicySet {
    return more.length === 0 ? this : new CompiledPolicySet(more, this.statements);
  }

  /** The statements whose Action/NotAction covers `action`, in policy order. */
  forAction(action: IamAction): readonly CompiledStatement[] {
    let list = this.byAction.get(action);
    if (!list) {
      list = this.statements.filter((s) => s.matchesAction(action));
      this.byAction.set(action, list);
    }
    return list;
  }

  /** Whether deciding `action` may read `ResourceTag/<k>`, so the caller loads the target's tags only then. */
  needsResourceTags(action: IamAction): boolean {
    return this.forAction(action).some((s) => s.readsResourceTags);
  }

  /** true when a decision on `action` may change with the clock alone */
  readsTime(action: IamAction): boolean {
    return this.forAction(action).some((s) => s.readsTime);
  }
}

export function compilePolicySet(policies: readonly AttachedPolicy[]): CompiledPolicySet {
  return new CompiledPolicySet(policies);
}

/**
 * Resource / NotResource against the request rendered in the statement's syntax. A request without
 * a resource-level name (collections, account settings) is covered only by a bare `*`; a pattern
 * whose variable cannot be resolved matches nothing (so it neither grants nor excludes).
 */
export function matchesResources(statement: CompiledStatement, scope: RequestScope): boolean {
  const resources = statement.resources;
  if (resources === null) return true;
  const rendered = scope.resourceIn(statement.syntax);
  let any = false;
  for (const pattern of resources.patterns) {
    if (rendered === null) any = pattern.written === '*';
    else {
      const matcher = pattern.bind(scope);
      any = matcher !== null && matcher.matches(rendered);
    }
    if (any) break;
  }
  return resources.negated ? !any : any;
}
