import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compilePieces, compileWildcard, type PatternPiece } from './wildcard.js';

/** The reference: a regular expression built the obvious way (`*` -> `.*`, `?` -> `.`, all else escaped). */
function referenceRegex(pieces: readonly PatternPiece[], caseInsensitive: boolean): RegExp {
  let source = '';
  for (const piece of pieces) {
    for (const ch of piece.text) {
      if (piece.wild && ch === '*') source += '[\\s\\S]*';
      else if (piece.wild && ch === '?') source += '[\\s\\S]';
      else source += ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '');
}

// Small alphabets make matches and near-misses frequent; `:` and `/` stand in for ARN separators.
const patternChar = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?');
const inputChar = fc.constantFrom('a', 'b', 'A', ':', '/', '*', '?');
const pattern = fc.array(patternChar, { maxLength: 10 }).map((cs) => cs.join(''));
const input = fc.array(inputChar, { maxLength: 12 }).map((cs) => cs.join(''));

test('wildcard matching equals the regex reference', () => {
  fc.assert(
    fc.property(pattern, input, (p, s) => {
      assert.equal(compileWildcard(p).matches(s), referenceRegex([{ text: p, wild: true }], false).test(s), `${p} vs ${s}`);
    }),
    { numRuns: 5000 },
  );
});

test('case-insensitive wildcard matching (actions) equals the regex reference with the i flag', () => {
  fc.assert(
    fc.property(pattern, input, (p, s) => {
      assert.equal(compileWildcard(p, true).matches(s), referenceRegex([{ text: p, wild: true }], true).test(s), `${p} vs ${s}`);
    }),
    { numRuns: 3000 },
  );
});

test('substituted text is literal: its `*` and `?` never act as wildcards', () => {
  const piece = fc.record({ text: pattern, wild: fc.boolean() });
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 4 }), input, (pieces, s) => {
      assert.equal(compilePieces(pieces).matches(s), referenceRegex(pieces, false).test(s), `${JSON.stringify(pieces)} vs ${s}`);
    }),
    { numRuns: 3000 },
  );
});

test('a pattern without wildcards matches only itself', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }).filter((p) => !p.includes('*') && !p.includes('?')), fc.string({ maxLength: 12 }), (p, s) => {
      assert.equal(compileWildcard(p).matches(s), p === s);
      assert.ok(compileWildcard(p).matches(p));
    }),
  );
});
