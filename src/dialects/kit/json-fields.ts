import { WireValidationError } from './wire-errors.js';

/** Parses a JSON body from its exact bytes; anything but a JSON object (or array, where asked) is refused. */
export function parseJsonBody(body: Buffer | undefined, expect: 'object' | 'array' = 'object'): unknown {
  const text = body && body.length > 0 ? body.toString('utf8') : '';
  if (text.trim() === '') throw new WireValidationError('body', 'a JSON body is required', 'malformed-body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new WireValidationError('body', 'is not valid JSON', 'malformed-body');
  }
  if (expect === 'array' ? !Array.isArray(value) : typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WireValidationError('body', `must be a JSON ${expect}`, 'malformed-body');
  }
  return value;
}

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** said in the error when the pattern fails */
  patternText?: string;
}

/**
 * Typed reads of a JSON object's fields with the dialect's rules. `path` prefixes field names in
 * errors so a client sees which nested field was wrong (`user.name`).
 */
export class JsonFields {
  constructor(
    private readonly object: Record<string, unknown>,
    private readonly path = '',
  ) {}

  static of(value: unknown, path = ''): JsonFields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new WireValidationError(path || 'body', 'must be a JSON object');
    }
    return new JsonFields(value as Record<string, unknown>, path);
  }

  name(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  has(field: string): boolean {
    return this.object[field] !== undefined;
  }

  /** refuses fields the operation does not know, so a typo is a 400 rather than silently ignored */
  onlyKnown(fields: string[]): this {
    for (const key of Object.keys(this.object)) {
      if (!fields.includes(key)) throw new WireValidationError(this.name(key), 'is not a known field');
    }
    return this;
  }

  requiredString(field: string, rule: StringRule = {}): string {
    const value = this.optionalString(field, rule);
    if (value === undefined) throw new WireValidationError(this.name(field), 'is required', 'missing');
    return value;
  }

  optionalString(field: string, rule: StringRule = {}): string | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw new WireValidationError(this.name(field), 'must be a string');
    checkString(this.name(field), value, rule);
    return value;
  }

  requiredBoolean(field: string): boolean {
    const value = this.optionalBoolean(field);
    if (value === undefined) throw new WireValidationError(this.name(field), 'is required', 'missing');
    return value;
  }

  optionalBoolean(field: string): boolean | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw new WireValidationError(this.name(field), 'must be a boolean');
    return value;
  }

  optionalInteger(field: string, min: number, max: number): number | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw new WireValidationError(this.name(field), 'must be an integer');
    if (value < min || value > max) throw new WireValidationError(this.name(field), `must be from ${min} to ${max}`);
    return value;
  }

  requiredObject(field: string): JsonFields {
    const value = this.object[field];
    if (value === undefined || value === null) throw new WireValidationError(this.name(field), 'is required', 'missing');
    return JsonFields.of(value, this.name(field));
  }

  optionalArray(field: string, max: number): unknown[] | undefined {
    const value = this.object[field];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw new WireValidationError(this.name(field), 'must be an array');
    if (value.length > max) throw new WireValidationError(this.name(field), `must have at most ${max} items`);
    return value;
  }
}

export function checkString(field: string, value: string, rule: StringRule): void {
  const length = [...value].length;
  if (rule.min !== undefined && length < rule.min) throw new WireValidationError(field, `must be at least ${rule.min} characters`);
  if (rule.max !== undefined && length > rule.max) throw new WireValidationError(field, `must be at most ${rule.max} characters`);
  if (rule.pattern && !rule.pattern.test(value)) throw new WireValidationError(field, rule.patternText ?? `must match ${rule.pattern.source}`);
}
