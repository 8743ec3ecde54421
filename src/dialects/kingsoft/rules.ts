import type { MemberRule } from '../kit/aws-family/params.js';

export { USER_NAME } from '../kit/aws-family/params.js';

/** Kingsoft IAM API version (docs: "Version ... 2015-11-01"; Go SDK iam/v20151101 `APIVersion`) */
export const VERSION = '2015-11-01';

/** Kingsoft CreateLoginProfile Password: 1-128 of `[:graph:]+`, printable ASCII without the space (seed) */
export const PASSWORD: MemberRule = { min: 1, max: 128, pattern: /^[\x21-\x7e]+$/, patternText: '[:graph:]+' };

/** CreateUser RealName, UpdateUser NewRealName: the docs give no bounds; 1-64 printable characters */
export const REAL_NAME: MemberRule = { min: 1, max: 64, pattern: /^[^\p{Cc}]+$/u, patternText: 'printable characters' };

/** CreateUser Phone: digits, optionally with a leading `+` and country code */
export const PHONE: MemberRule = { min: 1, max: 32, pattern: /^\+?[0-9-]+$/, patternText: '\\+?[0-9-]+' };

/** CreateUser Email */
export const EMAIL: MemberRule = { min: 3, max: 255, pattern: /^[^\s@]+@[^\s@]+$/, patternText: 'an email address' };

/** CreateUser Remark: free text up to 255 characters */
export const REMARK: MemberRule = { min: 0, max: 255, pattern: /^[^\p{Cc}]*$/u, patternText: 'printable characters' };
