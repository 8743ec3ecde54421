import { parseContextKey } from './context-keys.js';
import { MULTI_VALUED_KEYS, type ContextKey, type PolicySyntax } from './document.js';

/** A policy variable `${key}` or `${key, 'default'}` inside a Resource or condition value. */
export interface VariableRef {
  written: string;
  key: ContextKey;
  /** used when the key is absent (AWS "Specifying default values"; Huawei "policy variables") */
  fallback: string | null;
}

/** `${*}`, `${?}`, `${$}`: a character that must stay literal even inside a wildcard pattern. */
export interface EscapedText {
  escaped: string;
}

/** A value split once at parse time, so evaluation only substitutes. */
export type TemplatePart = string | EscapedText | VariableRef;

/** AWS: `${*}`, `${?}` and `${$}` stand for the literal characters (Huawei documents `${$}`). */
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };

/** Outcome of splitting one value: its parts (one string when it has no variable). */
export type TemplateResult = { parts: TemplatePart[] } | { error: string };

/**
 * Splits `arn:aws:iam::123456789012:user/${aws:username}` into literal and variable parts.
 * Key names are case-insensitive; the default is quoted with `'` and `''` stands for one quote
 * (Huawei "Identity policy variables"). A multi-valued key such as TagKeys cannot be a variable.
 */
export function splitTemplate(syntax: PolicySyntax, value: string): TemplateResult {
  const parts: TemplatePart[] = [];
  let literal = '';
  let i = 0;
  while (i < value.length) {
    const open = value.indexOf('${', i);
    if (open < 0) {
      literal += value.slice(i);
      break;
    }
    literal += value.slice(i, open);
    const parsed = readVariable(syntax, value, open);
    if ('error' in parsed) return parsed;
    if (literal) parts.push(literal);
    literal = '';
    parts.push(parsed.part);
    i = parsed.end;
  }
  if (literal || parts.length === 0) parts.push(literal);
  return { parts };
}

function readVariable(
  syntax: PolicySyntax,
  value: string,
  open: number,
): { part: TemplatePart; end: number } | { error: string } {
  let i = open + 2;
  let name = '';
  while (i < value.length && value[i] !== '}' && value[i] !== ',') name += value[i++];
  let fallback: string | null = null;
  if (value[i] === ',') {
    i++;
    while (value[i] === ' ') i++;
    if (value[i] !== "'") return { error: `policy variable in \`${value}\` needs its default in single quotes` };
    i++;
    fallback = '';
    for (;;) {
      if (i >= value.length) return { error: `policy variable default in \`${value}\` is not closed` };
      if (value[i] === "'") {
        if (value[i + 1] === "'") {
          fallback += "'";
          i += 2;
          continue;
        }
        i++;
        break;
      }
      fallback += value[i++];
    }
    while (value[i] === ' ') i++;
  }
  if (value[i] !== '}') return { error: `policy variable in \`${value}\` is not closed with \`}\`` };
  const end = i + 1;
  const written = value.slice(open, end);
  const trimmed = name.trim();
  // own entries only: `${constructor}` is a (refused) variable name, never Object.prototype's member (#9)
  const escape = Object.hasOwn(ESCAPES, trimmed) ? ESCAPES[trimmed] : undefined;
  if (escape !== undefined && fallback === null) return { part: { escaped: escape }, end };
  const key = parseContextKey(syntax, trimmed);
  if ('error' in key) return { error: `policy variable \`${written}\`: ${key.error}` };
  if (key.name === 'Unknown') return { error: `policy variable \`${written}\` names no known key` };
  if (MULTI_VALUED_KEYS.has(key.name)) return { error: `policy variable \`${written}\` names a multi-valued key` };
  return { part: { written, key, fallback }, end };
}

export function isVariable(part: TemplatePart): part is VariableRef {
  return typeof part !== 'string' && 'key' in part;
}

export function hasVariable(parts: readonly TemplatePart[]): boolean {
  return parts.some(isVariable);
}

/** The text of a part that is not a variable. */
export function textOf(part: string | EscapedText): string {
  return typeof part === 'string' ? part : part.escaped;
}
