import type { PolicyDocument, PolicyStatement, PolicySyntax } from './document.js';
import { measureDocument, sizeLimit, SYNTAX_RULES, type PolicyKind } from './limits.js';
import { isPlainObject, parseStatement, type StatementScope } from './parse-statement.js';
import { policyProblemToError, type PolicyParseResult, type PolicyProblem } from './problems.js';

export interface ParsePolicyOptions {
  /** decides the size limit; `managed` by default */
  kind?: PolicyKind;
}

/**
 * Parses and validates a policy document as the vendor of `syntax` would on write (CreatePolicy,
 * PutUserPolicy, CreatePolicyV5...). Every problem found is reported, each naming its statement and
 * field, so a caller can show them all at once.
 */
export function parsePolicyDocument(
  text: string,
  syntax: PolicySyntax,
  options: ParsePolicyOptions = {},
): PolicyParseResult<PolicyDocument> {
  const problems: PolicyProblem[] = [];
  const documentProblem = (code: PolicyProblem['code'], path: string, message: string, limit?: number) =>
    problems.push({ code, path, statement: null, sid: null, message, ...(limit === undefined ? {} : { limit }) });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    documentProblem('malformed-json', '', 'policy document is not valid json');
    return { ok: false, problems };
  }
  if (!isPlainObject(raw)) {
    documentProblem('wrong-type', '', 'policy document must be a json object');
    return { ok: false, problems };
  }
  const rules = SYNTAX_RULES[syntax];
  const limit = sizeLimit(syntax, options.kind ?? 'managed');
  const size = measureDocument(text, raw, limit.measure);
  if (size > limit.limit) {
    documentProblem('too-large', '', `policy document is ${size} long, over the limit of ${limit.limit}`, limit.limit);
  }
  for (const field of Object.keys(raw)) {
    if (!rules.topLevelFields.includes(field)) documentProblem('unknown-field', field, `unknown field \`${field}\``);
  }
  let version: string | null = null;
  if (raw.Version !== undefined && typeof raw.Version !== 'string') {
    documentProblem('wrong-type', 'Version', '`Version` must be a string');
  } else {
    version = (raw.Version as string | undefined) ?? null;
    if (rules.versions !== 'any' && !rules.versions.includes(version)) {
      const accepted = rules.versions.filter((v) => v !== null).map((v) => `\`${v}\``).join(' or ');
      documentProblem(
        'unsupported-version',
        'Version',
        version === null ? `\`Version\` is required: ${accepted}` : `version \`${version}\` is not supported: use ${accepted}`,
      );
    }
  }
  const hasVariables = !rules.versionsWithoutVariables.includes(version);
  const scope: StatementScope = { syntax, rules, hasVariables, problems };
  const statements = readStatements(scope, raw.Statement, syntax);
  if (rules.uniqueSids) {
    // AWS: "Statement IDs (SID) in a single policy must be unique"
    const seen = new Set<string>();
    for (const statement of statements) {
      if (statement.sid === null || statement.sid === '') continue;
      if (seen.has(statement.sid)) {
        problems.push({
          code: 'duplicate-sid',
          path: `Statement[${statement.index}].Sid`,
          statement: statement.index,
          sid: statement.sid,
          message: `sid \`${statement.sid}\` is used by more than one statement`,
        });
      }
      seen.add(statement.sid);
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { syntax, version, hasVariables, statements } };
}

function readStatements(scope: StatementScope, raw: unknown, syntax: PolicySyntax): PolicyStatement[] {
  const problem = (code: PolicyProblem['code'], message: string) =>
    scope.problems.push({ code, path: 'Statement', statement: null, sid: null, message });
  if (raw === undefined) {
    problem('missing-field', 'policy document has no `Statement`');
    return [];
  }
  // AWS accepts a single statement object in place of the list; the other vendors document a list
  const list = isPlainObject(raw) && (syntax === 'aws' || syntax === 'kingsoft') ? [raw] : raw;
  if (!Array.isArray(list)) {
    problem('wrong-type', '`Statement` must be a list of statements');
    return [];
  }
  if (list.length === 0) {
    problem('empty-list', '`Statement` must hold at least one statement');
    return [];
  }
  const statements: PolicyStatement[] = [];
  list.forEach((item, index) => {
    const statement = parseStatement(scope, item, index);
    if (statement) statements.push(statement);
  });
  return statements;
}

/**
 * Like `parsePolicyDocument` for callers that stop at the first problem.
 * @throws invalid-input | limit-exceeded
 */
export function requirePolicyDocument(text: string, syntax: PolicySyntax, options: ParsePolicyOptions = {}): PolicyDocument {
  const result = parsePolicyDocument(text, syntax, options);
  if (!result.ok) throw policyProblemToError(result.problems[0]);
  return result.value;
}
