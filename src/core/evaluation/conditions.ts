import type { BaseOperator, ConditionClause, PolicySyntax } from '../policies/document.js';
import { isInRange, parseCidr, parseIp, type CidrRange, type IpAddress } from '../policies/ip.js';
import { parseBool, parseDate, parseNumber } from '../policies/values.js';
import { compileReader, type Reader, type RequestScope } from './scope.js';
import { compileTemplate, compileTemplateMatcher, resolveTemplate, type CompiledTemplate } from './templates.js';
import { compileWildcard, type WildcardMatcher } from './wildcard.js';

export interface CompiledCondition {
  clause: ConditionClause;
  /** the raw request values, for traces; null when the key is absent */
  seen(scope: RequestScope): readonly string[] | null;
  test(scope: RequestScope): boolean;
  /** true when the clause failed only because a policy variable could not be resolved */
  isUnresolved(scope: RequestScope): boolean;
}

/** Tests one request value against the policy values (OR across them); null: a variable is unresolved. */
type Binder<T> = (scope: RequestScope) => ((value: T) => boolean) | null;

interface Family<T> {
  read(scope: RequestScope): readonly T[] | undefined;
  bind: Binder<T>;
}

const compareWith = (base: BaseOperator): ((request: number, policy: number) => boolean) => {
  if (base.endsWith('LessThanEquals')) return (r, p) => r <= p;
  if (base.endsWith('LessThan')) return (r, p) => r < p;
  if (base.endsWith('GreaterThanEquals')) return (r, p) => r >= p;
  if (base.endsWith('GreaterThan')) return (r, p) => r > p;
  return (r, p) => r === p;
};

function typedRead<T>(reader: Reader, parse: (text: string) => T | null): (scope: RequestScope) => readonly T[] | undefined {
  return (scope) => {
    const raw = reader(scope);
    if (raw === undefined) return undefined;
    const out: T[] = [];
    // a request value of the wrong type matches nothing (AWS compares typed values)
    for (const text of raw) {
      const value = parse(text);
      if (value !== null) out.push(value);
    }
    return raw.length === 0 ? undefined : out.length === 0 ? [] : out;
  };
}

function stringBinder(syntax: PolicySyntax, base: BaseOperator, templates: CompiledTemplate[]): Binder<string> {
  if (base === 'StringLike') {
    const matchers = templates.map((t) => compileTemplateMatcher(t));
    return (scope) => {
      const bound: WildcardMatcher[] = [];
      for (const m of matchers) {
        const b = m.bind(scope);
        if (b === null) return null;
        bound.push(b);
      }
      return bound.length === 1 ? (v) => bound[0].matches(v) : (v) => bound.some((b) => b.matches(v));
    };
  }
  if (base === 'ArnLike') return arnBinder(templates);
  const fold = base === 'StringEqualsIgnoreCase' ? (s: string) => s.toLowerCase() : (s: string) => s;
  const test = (wanted: readonly string[]): ((v: string) => boolean) => {
    if (base === 'StringStartWith') return (v) => wanted.some((w) => v.startsWith(w));
    if (base === 'StringEndWith') return (v) => wanted.some((w) => v.endsWith(w));
    if (wanted.length === 1) {
      const only = wanted[0];
      return (v) => fold(v) === only;
    }
    const set = new Set(wanted);
    return (v) => set.has(fold(v));
  };
  if (templates.every((t) => t.literal !== null)) {
    const fixed = test(templates.map((t) => fold(t.literal as string)));
    return () => fixed;
  }
  return (scope) => {
    const wanted: string[] = [];
    for (const t of templates) {
      const value = resolveTemplate(t, scope);
      if (value === null) return null;
      wanted.push(fold(value));
    }
    return test(wanted);
  };
}

/** AWS `ArnLike`: the six colon-separated parts are matched one by one, each with `*` and `?`. */
function splitArn(arn: string): string[] | null {
  const parts = arn.split(':');
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(':')];
}

function arnBinder(templates: CompiledTemplate[]): Binder<string> {
  const compile = (text: string): WildcardMatcher[] | null => splitArn(text)?.map((p) => compileWildcard(p)) ?? null;
  const testAll = (patterns: (WildcardMatcher[] | null)[]) => (value: string) => {
    const parts = splitArn(value);
    return parts !== null && patterns.some((p) => p !== null && p.every((m, i) => m.matches(parts[i])));
  };
  if (templates.every((t) => t.literal !== null)) {
    const fixed = testAll(templates.map((t) => compile(t.literal as string)));
    return () => fixed;
  }
  return (scope) => {
    const patterns: (WildcardMatcher[] | null)[] = [];
    for (const t of templates) {
      const value = resolveTemplate(t, scope);
      if (value === null) return null;
      patterns.push(compile(value));
    }
    return testAll(patterns);
  };
}

function family(syntax: PolicySyntax, clause: ConditionClause, hasVariables: boolean): Family<unknown> {
  const { base } = clause.spec;
  const reader = compileReader(syntax, clause.contextKey);
  const keyName = clause.contextKey.name;
  if (base.startsWith('Numeric')) {
    const policy = clause.values.map((v) => parseNumber(v) as number);
    const cmp = compareWith(base);
    const fixed = (r: number) => policy.some((p) => cmp(r, p));
    const read = keyName === 'EpochTime'
      ? (s: RequestScope) => [Math.floor(s.request.environment.currentTime / 1000)]
      : typedRead(reader, parseNumber);
    return { read, bind: () => fixed } as Family<number> as Family<unknown>;
  }
  if (base.startsWith('Date')) {
    const policy = clause.values.map((v) => parseDate(v) as number);
    const cmp = compareWith(base);
    const fixed = (r: number) => policy.some((p) => cmp(r, p));
    const read = keyName === 'CurrentTime' || keyName === 'EpochTime'
      ? (s: RequestScope) => [s.request.environment.currentTime]
      : typedRead(reader, parseDate);
    return { read, bind: () => fixed } as Family<number> as Family<unknown>;
  }
  if (base === 'IpAddress') {
    const ranges = clause.values.map((v) => parseCidr(v) as CidrRange);
    const fixed = (ip: IpAddress) => ranges.some((r) => isInRange(ip, r));
    const read = keyName === 'SourceIp'
      ? (s: RequestScope) => {
          if (s.request.environment.sourceIp === null) return undefined;
          const ip = s.sourceIp();
          return ip === null ? [] : [ip];
        }
      : typedRead(reader, parseIp);
    return { read, bind: () => fixed } as Family<IpAddress> as Family<unknown>;
  }
  if (base === 'Bool') {
    const wanted = clause.values.map((v) => parseBool(v));
    const fixed = (v: string) => wanted.includes(v === 'true' ? true : v === 'false' ? false : parseBool(v));
    return { read: reader, bind: () => fixed } as Family<string> as Family<unknown>;
  }
  const templates = clause.values.map((v) => compileTemplate(syntax, v, hasVariables));
  return { read: reader, bind: stringBinder(syntax, base, templates) } as Family<string> as Family<unknown>;
}

/**
 * Compiles one clause with AWS's documented semantics ("Condition operators", "Set operators for
 * multivalued context keys"): values of one key are ORed (NORed for negated operators); an absent
 * key fails a positive operator and satisfies a negated one; `...IfExists` is satisfied by an absent
 * key; `ForAnyValue` on an absent key or empty set is false and `ForAllValues` is true; `Null: true`
 * holds exactly when the key is absent.
 */
export function compileCondition(syntax: PolicySyntax, clause: ConditionClause, hasVariables: boolean): CompiledCondition {
  const raw = compileReader(syntax, clause.contextKey);
  const seen = (scope: RequestScope) => raw(scope) ?? null;
  const { base, negated, ifExists, qualifier } = clause.spec;
  if (base === 'Null') {
    const wantsAbsent = clause.values.map((v) => parseBool(v) === true);
    const test = (scope: RequestScope) => {
      const values = raw(scope);
      const absent = values === undefined || values.length === 0;
      return wantsAbsent.some((w) => w === absent);
    };
    return { clause, seen, test, isUnresolved: () => false };
  }
  const fam = family(syntax, clause, hasVariables);
  const test = (scope: RequestScope): boolean => {
    const values = fam.read(scope);
    if (values === undefined) {
      if (ifExists || qualifier === 'for-all-values') return true;
      if (qualifier === 'for-any-value') return false;
      return negated;
    }
    if (values.length === 0) {
      // present but of the wrong type (e.g. a malformed address): nothing matches
      if (qualifier === 'for-any-value') return false;
      if (qualifier === 'for-all-values') return true;
      return negated;
    }
    const matches = fam.bind(scope);
    if (matches === null) return false;
    switch (qualifier) {
      case 'none': {
        const any = values.length === 1 ? matches(values[0]) : values.some(matches);
        return negated ? !any : any;
      }
      case 'for-any-value':
        return negated ? values.some((v) => !matches(v)) : values.some(matches);
      case 'for-all-values':
        return negated ? values.every((v) => !matches(v)) : values.every(matches);
    }
  };
  const isUnresolved = (scope: RequestScope) => fam.read(scope) !== undefined && fam.bind(scope) === null;
  return { clause, seen, test, isUnresolved };
}
