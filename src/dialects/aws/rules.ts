import type { MemberRule } from '../kit/aws-family/params.js';

export { USER_NAME } from '../kit/aws-family/params.js';

/** AWS IAM API namespace of every response body (aws-iam-query.md §4) */
export const NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const VERSION = '2010-05-08';

/** UserName where a user is only looked up (GetUser, UpdateUser, DeleteUser...): 1-128 of `[\w+=,.@-]+` */
export const USER_NAME_REF: MemberRule = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };

/** Password, OldPassword, NewPassword: 1-128 of `[\u0009\u000A\u000D\u0020-\u00FF]+` */
export const PASSWORD: MemberRule = { min: 1, max: 128, pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' };

/** Path, NewPath: 1-512, `/` or `/` + printable ASCII + `/` */
export const PATH: MemberRule = { min: 1, max: 512, pattern: /^(\/|\/[\u0021-\u007E]+\/)$/, patternText: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' };

/** ListUsers PathPrefix: 1-512, `/` followed by printable ASCII */
export const PATH_PREFIX: MemberRule = { min: 1, max: 512, pattern: /^\/[\u0021-\u007E]*$/, patternText: '\\u002F[\\u0021-\\u007E]*' };
