import type { BaseOperator, OperatorSpec, PolicySyntax, SetQualifier } from './document.js';

type Entry = readonly [BaseOperator, boolean];

/** AWS IAM User Guide, "Condition operators" (string, numeric, date, boolean, IP, ARN, Null). */
const AWS_OPERATORS: Record<string, Entry> = {
  StringEquals: ['StringEquals', false],
  StringNotEquals: ['StringEquals', true],
  StringEqualsIgnoreCase: ['StringEqualsIgnoreCase', false],
  StringNotEqualsIgnoreCase: ['StringEqualsIgnoreCase', true],
  StringLike: ['StringLike', false],
  StringNotLike: ['StringLike', true],
  NumericEquals: ['NumericEquals', false],
  NumericNotEquals: ['NumericEquals', true],
  NumericLessThan: ['NumericLessThan', false],
  NumericLessThanEquals: ['NumericLessThanEquals', false],
  NumericGreaterThan: ['NumericGreaterThan', false],
  NumericGreaterThanEquals: ['NumericGreaterThanEquals', false],
  DateEquals: ['DateEquals', false],
  DateNotEquals: ['DateEquals', true],
  DateLessThan: ['DateLessThan', false],
  DateLessThanEquals: ['DateLessThanEquals', false],
  DateGreaterThan: ['DateGreaterThan', false],
  DateGreaterThanEquals: ['DateGreaterThanEquals', false],
  Bool: ['Bool', false],
  IpAddress: ['IpAddress', false],
  NotIpAddress: ['IpAddress', true],
  // AWS: "ArnEquals, ArnLike: ... each of the six colon-delimited components ... can include wildcards",
  // so the two are the same test
  ArnEquals: ['ArnLike', false],
  ArnLike: ['ArnLike', false],
  ArnNotEquals: ['ArnLike', true],
  ArnNotLike: ['ArnLike', true],
  Null: ['Null', false],
};

const WITHOUT_ARN = Object.fromEntries(Object.entries(AWS_OPERATORS).filter(([name]) => !name.startsWith('Arn')));

/**
 * Huawei IAM v5 ("JSON element reference", operators table, and the `StringEndWithIfExists` example
 * of "Identity policy grammar"): the AWS string/date/bool/IP/Null names plus `StringStartWith`,
 * `StringEndWith`, `StringMatch`/`StringNotMatch` (wildcards `*` and `?` only) and `Number*` for
 * `Numeric*`. Huawei: operator names are not case-sensitive.
 */
const HUAWEI_OPERATORS: Record<string, Entry> = {
  ...WITHOUT_ARN,
  StringStartWith: ['StringStartWith', false],
  StringEndWith: ['StringEndWith', false],
  StringMatch: ['StringLike', false],
  StringNotMatch: ['StringLike', true],
  NumberEquals: ['NumericEquals', false],
  NumberNotEquals: ['NumericEquals', true],
  NumberLessThan: ['NumericLessThan', false],
  NumberLessThanEquals: ['NumericLessThanEquals', false],
  NumberGreaterThan: ['NumericGreaterThan', false],
  NumberGreaterThanEquals: ['NumericGreaterThanEquals', false],
};

const HUAWEI_BY_LOWER = new Map(Object.entries(HUAWEI_OPERATORS).map(([name, entry]) => [name.toLowerCase(), entry]));

function lookup(syntax: PolicySyntax, name: string): Entry | undefined {
  switch (syntax) {
    case 'aws':
    case 'kingsoft':
      return Object.hasOwn(AWS_OPERATORS, name) ? AWS_OPERATORS[name] : undefined;
    case 'huawei-v5':
      return HUAWEI_BY_LOWER.get(name.toLowerCase());
    case 'volcengine':
      // Volcengine IAM "Condition": AWS operator names (StringEquals, IpAddress...); no ARN operators
      // since resources are TRNs (UNVERIFIED beyond the documented examples)
      return Object.hasOwn(WITHOUT_ARN, name) ? WITHOUT_ARN[name] : undefined;
  }
}

const QUALIFIERS: readonly (readonly [string, SetQualifier])[] = [
  ['ForAnyValue:', 'for-any-value'],
  ['ForAllValues:', 'for-all-values'],
];

/** Parses `ForAnyValue:StringLikeIfExists` into its parts, or explains why it cannot. */
export function parseOperator(syntax: PolicySyntax, written: string): OperatorSpec | { error: string } {
  let rest = written;
  let qualifier: SetQualifier = 'none';
  for (const [prefix, value] of QUALIFIERS) {
    const matches =
      syntax === 'huawei-v5' ? rest.toLowerCase().startsWith(prefix.toLowerCase()) : rest.startsWith(prefix);
    if (matches) {
      qualifier = value;
      rest = rest.slice(prefix.length);
      break;
    }
  }
  let ifExists = false;
  const suffix = 'IfExists';
  const hasSuffix = syntax === 'huawei-v5' ? rest.toLowerCase().endsWith(suffix.toLowerCase()) : rest.endsWith(suffix);
  if (hasSuffix && rest.length > suffix.length) {
    ifExists = true;
    rest = rest.slice(0, -suffix.length);
  }
  const entry = lookup(syntax, rest);
  if (!entry) return { error: `unknown condition operator \`${written}\`` };
  const [base, negated] = entry;
  if (base === 'Null' && (ifExists || qualifier !== 'none')) {
    // AWS: Null tests existence itself, so IfExists and set qualifiers have no meaning on it
    return { error: `condition operator \`${written}\` cannot combine \`Null\` with a qualifier or \`IfExists\`` };
  }
  return { base, negated, ifExists, qualifier };
}

export type OperatorValueType = 'string' | 'number' | 'date' | 'bool' | 'ip' | 'null';

export function valueTypeOf(base: BaseOperator): OperatorValueType {
  if (base.startsWith('Numeric')) return 'number';
  if (base.startsWith('Date')) return 'date';
  if (base === 'Bool') return 'bool';
  if (base === 'IpAddress') return 'ip';
  if (base === 'Null') return 'null';
  return 'string';
}
