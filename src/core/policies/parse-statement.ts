import { parseContextKey } from './context-keys.js';
import type { ConditionClause, Effect, PatternList, PolicyStatement, PolicySyntax } from './document.js';
import { parseCidr } from './ip.js';
import type { SyntaxRules } from './limits.js';
import { parseOperator, valueTypeOf } from './operators.js';
import type { PolicyProblem, PolicyProblemCode } from './problems.js';
import { parseBool, parseDate, parseNumber } from './values.js';
import { splitTemplate } from './variables.js';

/** What statement parsing needs from the document around it. */
export interface StatementScope {
  syntax: PolicySyntax;
  rules: SyntaxRules;
  hasVariables: boolean;
  problems: PolicyProblem[];
}

const STATEMENT_FIELDS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one element of `Statement`, recording every problem; returns null when it is unusable. */
export function parseStatement(scope: StatementScope, raw: unknown, index: number): PolicyStatement | null {
  const base = `Statement[${index}]`;
  const sid = isPlainObject(raw) && typeof raw.Sid === 'string' ? raw.Sid : null;
  const before = scope.problems.length;
  const report = (code: PolicyProblemCode, path: string, message: string) =>
    scope.problems.push({ code, path, statement: index, sid, message });
  if (!isPlainObject(raw)) {
    report('wrong-type', base, `statement ${index} must be an object`);
    return null;
  }
  for (const field of Object.keys(raw)) {
    if (field === 'Principal' || field === 'NotPrincipal') {
      report('principal-not-allowed', `${base}.${field}`, `an identity policy cannot name a \`${field}\``);
    } else if (!STATEMENT_FIELDS.has(field)) {
      report('unknown-field', `${base}.${field}`, `unknown field \`${field}\` in statement ${index}`);
    }
  }
  if (raw.Sid !== undefined) {
    if (typeof raw.Sid !== 'string') report('wrong-type', `${base}.Sid`, 'sid must be a string');
    else if (scope.rules.sidPattern && !scope.rules.sidPattern.test(raw.Sid)) {
      report('invalid-sid', `${base}.Sid`, `sid \`${raw.Sid}\` may hold only letters and digits`);
    }
  }
  let effect: Effect = 'Deny';
  if (raw.Effect === undefined) report('missing-field', `${base}.Effect`, `statement ${index} has no \`Effect\``);
  else if (raw.Effect !== 'Allow' && raw.Effect !== 'Deny') {
    report('invalid-effect', `${base}.Effect`, `effect \`${String(raw.Effect)}\` must be \`Allow\` or \`Deny\``);
  } else effect = raw.Effect;

  const actions = readPatternList(scope, raw, base, index, sid, ['Action', 'NotAction'], true, (value) =>
    scope.rules.action.test(value) ? null : `action \`${value}\` must be ${scope.rules.actionHint}`,
  );
  const resources = readPatternList(
    scope,
    raw,
    base,
    index,
    sid,
    ['Resource', 'NotResource'],
    scope.rules.resourceRequired,
    (value) => {
      if (!scope.rules.resource.test(value)) return `resource \`${value}\` must be ${scope.rules.resourceHint}`;
      const template = scope.hasVariables ? splitTemplate(scope.syntax, value) : null;
      return template && 'error' in template ? template.error : null;
    },
  );
  const conditions = raw.Condition === undefined ? [] : readConditions(scope, raw.Condition, base, index, sid);
  if (scope.problems.length > before || !actions) return null;
  return { index, sid, effect, actions, resources, conditions };
}

function readPatternList(
  scope: StatementScope,
  raw: Record<string, unknown>,
  base: string,
  index: number,
  sid: string | null,
  [positive, negative]: readonly [string, string],
  required: boolean,
  check: (value: string) => string | null,
): PatternList | null {
  const report = (code: PolicyProblemCode, path: string, message: string) =>
    scope.problems.push({ code, path, statement: index, sid, message });
  const hasPositive = raw[positive] !== undefined;
  const hasNegative = raw[negative] !== undefined;
  if (hasPositive && hasNegative) {
    report('conflicting-fields', `${base}.${negative}`, `statement ${index} has both \`${positive}\` and \`${negative}\``);
    return null;
  }
  if (!hasPositive && !hasNegative) {
    if (required) report('missing-field', `${base}.${positive}`, `statement ${index} has no \`${positive}\` or \`${negative}\``);
    return null;
  }
  const field = hasPositive ? positive : negative;
  const value = raw[field];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.some((v) => typeof v !== 'string')) {
    report('wrong-type', `${base}.${field}`, `\`${field}\` must be a string or a list of strings`);
    return null;
  }
  if (list.length === 0) {
    report('empty-list', `${base}.${field}`, `\`${field}\` must name at least one value`);
    return null;
  }
  const code: PolicyProblemCode = positive === 'Action' ? 'invalid-action' : 'invalid-resource';
  list.forEach((item: string, j) => {
    const problem = check(item);
    if (problem) report(problem.startsWith('policy variable') ? 'invalid-variable' : code, `${base}.${field}[${j}]`, problem);
  });
  return { negated: field === negative, patterns: list as string[] };
}

function readConditions(scope: StatementScope, raw: unknown, base: string, index: number, sid: string | null): ConditionClause[] {
  const report = (code: PolicyProblemCode, path: string, message: string) =>
    scope.problems.push({ code, path, statement: index, sid, message });
  if (!isPlainObject(raw)) {
    report('wrong-type', `${base}.Condition`, '`Condition` must be an object of operators');
    return [];
  }
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(raw)) {
    const opPath = `${base}.Condition.${operator}`;
    const spec = parseOperator(scope.syntax, operator);
    if ('error' in spec) {
      report('unknown-operator', opPath, spec.error);
      continue;
    }
    if (!isPlainObject(block) || Object.keys(block).length === 0) {
      report('wrong-type', opPath, `condition \`${operator}\` must map at least one key to values`);
      continue;
    }
    for (const [key, rawValues] of Object.entries(block)) {
      const keyPath = `${opPath}.${key}`;
      const contextKey = parseContextKey(scope.syntax, key);
      if ('error' in contextKey) {
        report('invalid-condition-key', keyPath, contextKey.error);
        continue;
      }
      const list = Array.isArray(rawValues) ? rawValues : [rawValues];
      if (list.length === 0) {
        report('empty-list', keyPath, `condition key \`${key}\` has no values`);
        continue;
      }
      if (list.some((v) => typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean')) {
        report('wrong-type', keyPath, `values of \`${key}\` must be strings, numbers or booleans`);
        continue;
      }
      const values = list.map((v) => String(v));
      const type = valueTypeOf(spec.base);
      values.forEach((value, j) => {
        const problem = checkValue(scope, type, value);
        if (problem) report(problem.code, `${keyPath}[${j}]`, problem.message);
      });
      clauses.push({ operator, spec, key, contextKey, values });
    }
  }
  return clauses;
}

function checkValue(
  scope: StatementScope,
  type: ReturnType<typeof valueTypeOf>,
  value: string,
): { code: PolicyProblemCode; message: string } | null {
  const invalid = (what: string) => ({ code: 'invalid-condition-value' as const, message: `\`${value}\` is not ${what}` });
  switch (type) {
    case 'number':
      return parseNumber(value) === null ? invalid('a number') : null;
    case 'date':
      return parseDate(value) === null ? invalid('an ISO 8601 date or epoch seconds') : null;
    case 'bool':
    case 'null':
      return parseBool(value) === null ? invalid('`true` or `false`') : null;
    case 'ip':
      return parseCidr(value) === null ? invalid('an IPv4 or IPv6 address or CIDR range') : null;
    case 'string': {
      if (!scope.hasVariables) return null;
      const template = splitTemplate(scope.syntax, value);
      return 'error' in template ? { code: 'invalid-variable', message: template.error } : null;
    }
  }
}
