import { compilePolicySet, type CompiledPolicySet } from '../evaluation/compile.js';
import { evaluate } from '../evaluation/evaluate.js';
import type { AccountIdentity, EvaluationRequest } from '../evaluation/request.js';
import type { PolicySyntax } from '../policies/document.js';
import { parsePolicyDocument } from '../policies/parse.js';
import { isPlainObject } from '../policies/parse-statement.js';
import type { PolicyProblem } from '../policies/problems.js';
import { MalformedPolicyDocumentError } from '../policies/validate.js';

/**
 * Role trust policies: resource policies on the role whose `Principal` says who may assume it (AWS
 * "AWS JSON policy elements: Principal"; Volcengine and Huawei v5 write the same element with an `IAM`
 * key). The statements are otherwise identity-policy statements, so they are parsed and evaluated by
 * the one evaluator; the principal is matched here.
 */

/** One principal a trust statement names. `account` values are compared with every id form of an account. */
export type TrustedPrincipal =
  | { kind: 'anyone' }
  | { kind: 'account'; account: string }
  | { kind: 'user'; account: string; name: string }
  | { kind: 'role'; account: string; name: string }
  | { kind: 'session'; account: string; role: string; session: string }
  | { kind: 'service'; name: string }
  | { kind: 'federated'; name: string };

interface TrustStatement {
  principals: TrustedPrincipal[];
  set: CompiledPolicySet;
}

export interface TrustPolicy {
  syntax: PolicySyntax;
  statements: TrustStatement[];
}

/** Who asks to assume a role, in the terms trust principals name. */
export interface TrustCaller {
  account: AccountIdentity;
  /** a user (its name), or a role session (role and session names) */
  user?: { name: string };
  session?: { roleName: string; sessionName: string };
}

/** How the trust policy admitted a caller: by naming it, or only its account (then its own policies must allow too). */
export type TrustAnswer = 'explicit-deny' | 'names-caller' | 'names-account' | 'no-match';

const PRINCIPAL_KEYS: Record<PolicySyntax, readonly string[]> = {
  aws: ['AWS', 'Service', 'Federated'],
  kingsoft: ['AWS', 'KSC', 'Service', 'Federated'],
  // Volcengine V-PU `{"IAM":["trn:iam::ACCOUNT:root"]}`; Huawei v5 trust policies likewise (UNVERIFIED)
  volcengine: ['IAM', 'Service', 'Federated'],
  'huawei-v5': ['IAM', 'Service', 'Federated'],
};

const NAME = '[\\w+=,.@-]+';
const PATH = '(?:/[\\x21-\\x7e]*)?/';
/** every written form of an IAM principal, across the vendors' names (ARN, KRN, TRN, URN) */
const FORMS: Array<[RegExp, (m: RegExpExecArray) => TrustedPrincipal]> = [
  [/^(\d{12})$/, (m) => ({ kind: 'account', account: m[1]! })],
  [/^(?:arn:aws:iam|krn:ksc:iam|trn:iam)::(\d+):root$/, (m) => ({ kind: 'account', account: m[1]! })],
  [/^iam::([0-9a-f]{32}):root$/, (m) => ({ kind: 'account', account: m[1]! })],
  [new RegExp(`^(?:arn:aws:iam|krn:ksc:iam|trn:iam)::(\\d+):(user|role)${PATH}(${NAME})$`), (m) => ({ kind: m[2] as 'user' | 'role', account: m[1]!, name: m[3]! })],
  [new RegExp(`^iam::([0-9a-f]{32}):(user|agency):(${NAME})$`), (m) => ({ kind: m[2] === 'user' ? 'user' : 'role', account: m[1]!, name: m[3]! })],
  [new RegExp(`^(?:arn:aws:sts|krn:ksc:sts|trn:sts)::(\\d+):assumed-role/(${NAME})/(${NAME})$`), (m) => ({ kind: 'session', account: m[1]!, role: m[2]!, session: m[3]! })],
];

function parsePrincipalValue(key: string, value: string): TrustedPrincipal | null {
  if (value === '*') return key === 'Service' || key === 'Federated' ? null : { kind: 'anyone' };
  if (key === 'Service') return /^[A-Za-z0-9._-]{1,128}$/.test(value) ? { kind: 'service', name: value } : null;
  if (key === 'Federated') return value.length > 0 && value.length <= 2048 ? { kind: 'federated', name: value } : null;
  for (const [pattern, build] of FORMS) {
    const match = pattern.exec(value);
    if (match) return build(match);
  }
  return null;
}

/**
 * Parses and validates a trust policy as its vendor does on CreateRole / UpdateAssumeRolePolicy: an
 * identity-policy statement grammar plus a `Principal` in every statement.
 * @throws invalid-input (MalformedPolicyDocumentError)
 */
export function parseTrustPolicy(text: string, syntax: PolicySyntax): TrustPolicy {
  const problems: PolicyProblem[] = [];
  const refuse = (path: string, message: string, statement: number | null = null): never => {
    problems.push({ code: 'invalid-resource', path, statement, sid: null, message });
    throw new MalformedPolicyDocumentError(problems);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return refuse('', 'policy document is not valid json');
  }
  if (!isPlainObject(raw)) return refuse('', 'policy document must be a json object');
  const list = isPlainObject(raw.Statement) ? [raw.Statement] : raw.Statement;
  if (!Array.isArray(list) || list.length === 0) return refuse('Statement', 'policy document has no `Statement`');
  const principals: TrustedPrincipal[][] = [];
  const stripped = list.map((item: unknown, index) => {
    if (!isPlainObject(item)) return item;
    if (item.NotPrincipal !== undefined) refuse(`Statement[${index}].NotPrincipal`, '`NotPrincipal` is not supported in a trust policy', index);
    const { Principal: principal, ...rest } = item;
    principals.push(readPrincipal(principal, syntax, index, refuse));
    // a trust policy's statements apply to the role itself: no Resource is written (AWS)
    return rest.Resource === undefined && rest.NotResource === undefined && (syntax === 'aws' || syntax === 'kingsoft') ? { ...rest, Resource: '*' } : rest;
  });
  const parsed = parsePolicyDocument(JSON.stringify({ ...raw, Statement: stripped }), syntax, { kind: 'managed' });
  if (!parsed.ok) throw new MalformedPolicyDocumentError(parsed.problems);
  const document = parsed.value;
  return {
    syntax,
    statements: document.statements.map((statement) => ({
      principals: principals[statement.index] ?? [],
      set: compilePolicySet([{ id: 'trust', document: { ...document, statements: [statement] } }]),
    })),
  };
}

function readPrincipal(raw: unknown, syntax: PolicySyntax, index: number, refuse: (path: string, message: string, statement: number) => never): TrustedPrincipal[] {
  const path = `Statement[${index}].Principal`;
  if (raw === undefined) return refuse(path, `statement ${index} has no \`Principal\``, index);
  if (raw === '*') return [{ kind: 'anyone' }];
  if (!isPlainObject(raw)) return refuse(path, '`Principal` must be `*` or an object', index);
  const found: TrustedPrincipal[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!PRINCIPAL_KEYS[syntax].includes(key)) refuse(`${path}.${key}`, `unknown principal type \`${key}\``, index);
    const values = typeof value === 'string' ? [value] : value;
    if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string')) refuse(`${path}.${key}`, `\`${key}\` must be a string or a list of strings`, index);
    for (const v of values as string[]) {
      const principal = parsePrincipalValue(key, v);
      // AWS: `Invalid principal in policy: "AWS":"<value>"`
      if (!principal) refuse(`${path}.${key}`, `invalid principal in policy: \`${key}\`:\`${v}\``, index);
      else found.push(principal);
    }
  }
  if (found.length === 0) refuse(path, '`Principal` names nobody', index);
  return found;
}

function sameAccount(written: string, account: AccountIdentity): boolean {
  return written === account.awsAccountId || written === account.id || written === String(account.numericId);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Whether `principal` names the caller itself, only its account, or neither. */
function matchPrincipal(principal: TrustedPrincipal, caller: TrustCaller): 'caller' | 'account' | null {
  switch (principal.kind) {
    case 'anyone':
      return 'caller';
    case 'account':
      return sameAccount(principal.account, caller.account) ? 'account' : null;
    case 'user':
      return caller.user && sameAccount(principal.account, caller.account) && same(principal.name, caller.user.name) ? 'caller' : null;
    case 'role':
      return caller.session && sameAccount(principal.account, caller.account) && same(principal.name, caller.session.roleName) ? 'caller' : null;
    case 'session':
      return caller.session && sameAccount(principal.account, caller.account) && same(principal.role, caller.session.roleName) && principal.session === caller.session.sessionName ? 'caller' : null;
    case 'service':
    case 'federated':
      // TODO(#13): services and identity providers do not call AssumeRole against polyiam yet
      return null;
  }
}

/**
 * Decides a trust policy for one caller and request (action `sts:AssumeRole`, plus `sts:TagSession`
 * when tags are passed): an explicit Deny naming the caller wins; otherwise an Allow that names the
 * caller itself, or failing that one that names only its account.
 */
export function decideTrust(policy: TrustPolicy, caller: TrustCaller, request: EvaluationRequest): TrustAnswer {
  let best: TrustAnswer = 'no-match';
  for (const statement of policy.statements) {
    let how: 'caller' | 'account' | null = null;
    for (const principal of statement.principals) {
      const m = matchPrincipal(principal, caller);
      if (m === 'caller') {
        how = 'caller';
        break;
      }
      if (m === 'account') how = 'account';
    }
    if (how === null) continue;
    const result = evaluate(statement.set, request, { trace: false });
    if (result.decision === 'explicit-deny') return 'explicit-deny';
    if (result.decision === 'allow') {
      if (how === 'caller') best = 'names-caller';
      else if (best === 'no-match') best = 'names-account';
    }
  }
  return best;
}
