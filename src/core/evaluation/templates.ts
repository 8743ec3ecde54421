import type { PolicySyntax } from '../policies/document.js';
import { hasVariable, isVariable, splitTemplate, textOf, type TemplatePart } from '../policies/variables.js';
import { compileReader, type Reader, type RequestScope } from './scope.js';
import { compilePieces, type PatternPiece, type WildcardMatcher } from './wildcard.js';

interface VariableSlot {
  reader: Reader;
  fallback: string | null;
}

/** A policy value with its variables pre-split and their readers chosen. */
export interface CompiledTemplate {
  written: string;
  /** the value's text when it has no variable (escapes such as `${*}` already applied) */
  literal: string | null;
  /** `wild: false` for escaped text, whose `*` and `?` never act as wildcards */
  parts: readonly (PatternPiece | VariableSlot)[];
}

export function compileTemplate(syntax: PolicySyntax, written: string, hasVariables: boolean): CompiledTemplate {
  if (!hasVariables || !written.includes('${')) return { written, literal: written, parts: [{ text: written, wild: true }] };
  const split = splitTemplate(syntax, written);
  // INVARIANT: documents reach the compiler only through the parser, which rejected bad variables
  const parts: readonly TemplatePart[] = 'error' in split ? [written] : split.parts;
  const compiled = parts.map((p): PatternPiece | VariableSlot =>
    isVariable(p) ? { reader: compileReader(syntax, p.key), fallback: p.fallback } : { text: textOf(p), wild: typeof p === 'string' },
  );
  const literal = hasVariable(parts) ? null : compiled.map((p) => ('text' in p ? p.text : '')).join('');
  return { written, literal, parts: compiled };
}

/**
 * Substitutes the variables, or returns null when one cannot be resolved. Huawei "Identity policy
 * variables" and AWS "Policy variables with no value": a key absent from the request (or holding
 * several values) fails the substitution unless the variable has a default, and whatever holds it
 * does not match.
 */
function substitute(template: CompiledTemplate, scope: RequestScope): PatternPiece[] | null {
  const out: PatternPiece[] = [];
  for (const part of template.parts) {
    if ('text' in part) {
      out.push(part);
      continue;
    }
    const values = part.reader(scope);
    if (values !== undefined && values.length === 1) out.push({ text: values[0], wild: false });
    else if (part.fallback !== null) out.push({ text: part.fallback, wild: false });
    else return null;
  }
  return out;
}

/** The value with variables substituted, or null when a variable cannot be resolved. */
export function resolveTemplate(template: CompiledTemplate, scope: RequestScope): string | null {
  if (template.literal !== null) return template.literal;
  const pieces = substitute(template, scope);
  return pieces === null ? null : pieces.map((p) => p.text).join('');
}

/**
 * A wildcard pattern whose substituted variable text is literal (a user named `a*` must not widen
 * `user/${aws:username}`). Patterns without variables are compiled once; templated ones per request.
 */
export interface TemplateMatcher {
  written: string;
  /** null when a variable cannot be resolved for this request */
  bind(scope: RequestScope): WildcardMatcher | null;
}

export function compileTemplateMatcher(template: CompiledTemplate, caseInsensitive = false): TemplateMatcher {
  if (template.literal !== null) {
    const matcher = compilePieces(template.parts as PatternPiece[], caseInsensitive);
    return { written: template.written, bind: () => matcher };
  }
  return {
    written: template.written,
    bind(scope) {
      const pieces = substitute(template, scope);
      return pieces === null ? null : compilePieces(pieces, caseInsensitive);
    },
  };
}
