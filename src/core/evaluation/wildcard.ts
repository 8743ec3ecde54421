/**
 * `*` (any run, including none) and `?` (exactly one character) matching, as AWS, Huawei and
 * Volcengine all document for Action, Resource and `StringLike`. Compiled once into the runs between
 * stars, then matched without regular expressions: a regex per pattern costs a compile per policy and
 * backtracks badly on patterns like `*a*a*a*b`.
 */

/** A piece of pattern text; `wild: false` marks substituted variable text, whose `*` and `?` are literal. */
export interface PatternPiece {
  text: string;
  wild: boolean;
}

export interface WildcardMatcher {
  matches(input: string): boolean;
}

interface Run {
  text: string;
  /** positions holding `?`; null when the run has none, so native string search applies */
  anyOne: boolean[] | null;
}

const ALWAYS: WildcardMatcher = { matches: () => true };

function matchAt(run: Run, input: string, at: number): boolean {
  if (run.anyOne === null) return input.startsWith(run.text, at);
  const { text, anyOne } = run;
  for (let i = 0; i < text.length; i++) {
    if (!anyOne[i] && input.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
  }
  return true;
}

function find(run: Run, input: string, from: number, limit: number): number {
  const last = limit - run.text.length;
  if (run.anyOne === null) {
    const at = input.indexOf(run.text, from);
    return at >= 0 && at <= last ? at : -1;
  }
  for (let at = from; at <= last; at++) if (matchAt(run, input, at)) return at;
  return -1;
}

/** Splits pieces into runs between stars; `anchoredStart`/`anchoredEnd` say whether the ends are fixed. */
function toRuns(pieces: readonly PatternPiece[]): { runs: Run[]; hasStar: boolean; anchoredStart: boolean; anchoredEnd: boolean } {
  const runs: Run[] = [];
  let text = '';
  let anyOne: boolean[] = [];
  let hasAnyOne = false;
  let hasStar = false;
  let anchoredStart = true;
  let anchoredEnd = true;
  const close = () => {
    if (text.length > 0) runs.push({ text, anyOne: hasAnyOne ? anyOne : null });
    text = '';
    anyOne = [];
    hasAnyOne = false;
  };
  for (const piece of pieces) {
    for (const ch of piece.text) {
      anchoredEnd = true;
      if (piece.wild && ch === '*') {
        if (!hasStar && runs.length === 0 && text.length === 0) anchoredStart = false;
        hasStar = true;
        anchoredEnd = false;
        close();
      } else if (piece.wild && ch === '?') {
        // INVARIANT: `?` occupies one UTF-16 unit, as input indexing does
        text += '?';
        anyOne.push(true);
        hasAnyOne = true;
      } else {
        for (let k = 0; k < ch.length; k++) anyOne.push(false);
        text += ch;
      }
    }
  }
  close();
  return { runs, hasStar, anchoredStart, anchoredEnd };
}

/** Compiles pattern pieces; `caseInsensitive` lowers both sides (Action matching). */
export function compilePieces(pieces: readonly PatternPiece[], caseInsensitive = false): WildcardMatcher {
  const lowered = caseInsensitive ? pieces.map((p) => ({ text: p.text.toLowerCase(), wild: p.wild })) : pieces;
  const { runs, hasStar, anchoredStart, anchoredEnd } = toRuns(lowered);
  const prepare = caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  if (!hasStar) {
    const only = runs[0] ?? { text: '', anyOne: null };
    if (only.anyOne === null) {
      const exact = only.text;
      return { matches: (input) => prepare(input) === exact };
    }
    return { matches: (input) => {
      const s = prepare(input);
      return s.length === only.text.length && matchAt(only, s, 0);
    } };
  }
  if (runs.length === 0) return ALWAYS;
  const first = anchoredStart ? runs[0] : null;
  const last = anchoredEnd ? runs[runs.length - 1] : null;
  const middle = runs.slice(first ? 1 : 0, last ? runs.length - 1 : runs.length);
  // INVARIANT: with a star inside, an anchored start and end are two different runs
  return {
    matches(input) {
      const s = prepare(input);
      let pos = 0;
      let end = s.length;
      if (first) {
        if (s.length < first.text.length || !matchAt(first, s, 0)) return false;
        pos = first.text.length;
      }
      if (last) {
        end = s.length - last.text.length;
        if (end < pos || !matchAt(last, s, end)) return false;
      }
      for (const run of middle) {
        const at = find(run, s, pos, end);
        if (at < 0) return false;
        pos = at + run.text.length;
      }
      return true;
    },
  };
}

/** Compiles one pattern string whose `*` and `?` are all wildcards. */
export function compileWildcard(pattern: string, caseInsensitive = false): WildcardMatcher {
  return compilePieces([{ text: pattern, wild: true }], caseInsensitive);
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}
