import type { Tag } from '../../../core/users/user.js';
import type { QueryParams } from '../query-params.js';
import { MemberConstraintError } from './errors.js';

/** One member's constraints as the AWS API reference states them (Length Constraints, Pattern). */
export interface MemberRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** the pattern as the vendor documents it, repeated in the error message */
  patternText?: string;
}

/** AWS `[\w+=,.@-]+`, 1-64: CreateUser, CreateLoginProfile, Kingsoft CreateLoginProfile UserName */
export const USER_NAME: MemberRule = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };

/** AWS Tag Key: 1-128 of `[\p{L}\p{Z}\p{N}_.:/=+\-@]+`; Value: 0-256 of the same */
export const TAG_KEY: MemberRule = { min: 1, max: 128, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' };
export const TAG_VALUE: MemberRule = { min: 0, max: 256, pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, patternText: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' };

/** AWS AccessKeyId: 16-128 of `[\w]+` */
export const ACCESS_KEY_ID: MemberRule = { min: 16, max: 128, pattern: /^\w+$/, patternText: '[\\w]+' };

/** AWS Marker: 1-320 of `[\u0020-\u00FF]+` */
export const MARKER: MemberRule = { min: 1, max: 320, pattern: /^[\u0020-\u00FF]+$/, patternText: '[\\u0020-\\u00FF]+' };

/** An optional string member; `''` for a member that needs at least one character counts as missing. */
export function optionalMember(params: QueryParams, name: string, rule: MemberRule): string | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  checkMember(name, value, rule);
  return value;
}

export function requiredMember(params: QueryParams, name: string, rule: MemberRule): string {
  const value = optionalMember(params, name, rule);
  if (value === undefined) throw new MemberConstraintError(name, 'Member must not be null', 'missing');
  return value;
}

export function checkMember(name: string, value: string, rule: MemberRule): void {
  const length = [...value].length;
  if (rule.min !== undefined && length < rule.min) {
    throw new MemberConstraintError(name, `Member must have length greater than or equal to ${rule.min}`, length === 0 ? 'missing' : 'invalid');
  }
  if (rule.max !== undefined && length > rule.max) throw new MemberConstraintError(name, `Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value)) {
    throw new MemberConstraintError(name, `Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
  }
}

/**
 * `true`/`false` in any case. `presentMeansTrue`: Kingsoft CreateLoginProfile PasswordResetRequired,
 * "带参数调用即为true" (given without a value it is true); Kingsoft's Int flags also send `1`/`0`.
 */
export function optionalFlag(params: QueryParams, name: string, options: { presentMeansTrue?: boolean; acceptDigits?: boolean } = {}): boolean | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (value === '' && options.presentMeansTrue) return true;
  const lower = value.toLowerCase();
  if (lower === 'true' || (options.acceptDigits && value === '1')) return true;
  if (lower === 'false' || (options.acceptDigits && value === '0')) return false;
  throw new MemberConstraintError(name, 'Member must be a boolean (true or false)');
}

export function optionalInteger(params: QueryParams, name: string, min: number, max: number): number | undefined {
  const value = params.get(name);
  if (value === undefined) return undefined;
  if (!/^-?\d{1,10}$/.test(value)) throw new MemberConstraintError(name, value === '' ? 'Member must not be null' : 'Member must be an integer', value === '' ? 'missing' : 'invalid');
  const number = Number(value);
  if (number < min) throw new MemberConstraintError(name, `Member must have value greater than or equal to ${min}`);
  if (number > max) throw new MemberConstraintError(name, `Member must have value less than or equal to ${max}`);
  return number;
}

/** AWS list paging: `MaxItems` 1-1000 (default 100) and the opaque `Marker` of a previous page. */
export function readPaging(params: QueryParams): { limit: number; marker?: string } {
  const limit = optionalInteger(params, 'MaxItems', 1, 1000) ?? 100;
  const marker = optionalMember(params, 'Marker', MARKER);
  return marker === undefined ? { limit } : { limit, marker };
}

/** `Tags.member.N.Key` / `Tags.member.N.Value` (AWS CreateUser, TagUser), at most `max` entries. */
export function readTags(params: QueryParams, prefix: string, max = 50): Tag[] {
  const entries = params.indexedList(prefix);
  if (entries.length > max) throw new MemberConstraintError(prefix.split('.')[0]!, `Member must have length less than or equal to ${max}`);
  return entries.map((entry, i) => {
    const base = `${prefix}.${i + 1}`;
    const key = entry.get('Key');
    const value = entry.get('Value');
    if (key === undefined) throw new MemberConstraintError(`${base}.Key`, 'Member must not be null', 'missing');
    if (value === undefined) throw new MemberConstraintError(`${base}.Value`, 'Member must not be null', 'missing');
    checkMember(`${base}.Key`, key, TAG_KEY);
    checkMember(`${base}.Value`, value, TAG_VALUE);
    return { key, value };
  });
}

/** `TagKeys.member.N` (AWS UntagUser), 1-50 keys. */
export function readTagKeys(params: QueryParams, prefix: string): string[] {
  const entries = params.indexedList(prefix);
  const list = prefix.split('.')[0]!;
  if (entries.length === 0) throw new MemberConstraintError(list, 'Member must not be null', 'missing');
  if (entries.length > 50) throw new MemberConstraintError(list, 'Member must have length less than or equal to 50');
  return entries.map((entry, i) => {
    const key = entry.get('');
    if (key === undefined) throw new MemberConstraintError(`${prefix}.${i + 1}`, 'Member must not be null', 'missing');
    checkMember(`${prefix}.${i + 1}`, key, TAG_KEY);
    return key;
  });
}
