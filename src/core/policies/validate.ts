import { InvalidInputError } from '../errors.js';
import type { PolicyDocument, PolicySyntax } from './document.js';
import type { PolicyKind } from './limits.js';
import { parsePolicyDocument } from './parse.js';
import { policyProblemToError, type PolicyProblem } from './problems.js';

/**
 * A policy document refused on write. Still an `invalid-input` (so every dialect's exhaustive mapping
 * holds), with every problem found, for the dialects whose vendor has its own code for it (AWS
 * `MalformedPolicyDocument`, Huawei `PAP5.0011` "malformed policy document").
 */
export class MalformedPolicyDocumentError extends InvalidInputError {
  constructor(readonly problems: PolicyProblem[]) {
    super('policyDocument', problems[0]?.message ?? 'malformed policy document');
  }
}

/**
 * Validates a document as its vendor does on write (CreatePolicy, CreatePolicyVersion, PutUserPolicy,
 * CreatePolicyV5...).
 * @throws invalid-input (MalformedPolicyDocumentError) | limit-exceeded (document size)
 */
export function validatePolicyDocument(text: string, syntax: PolicySyntax, kind: PolicyKind): PolicyDocument {
  const result = parsePolicyDocument(text, syntax, { kind });
  if (result.ok) return result.value;
  const tooLarge = result.problems.find((p) => p.code === 'too-large');
  if (tooLarge) throw policyProblemToError(tooLarge);
  throw new MalformedPolicyDocumentError(result.problems);
}
