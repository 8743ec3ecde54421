import { WireValidationError } from '../wire-errors.js';

/**
 * An error the AWS-family dialects (AWS, Kingsoft) raise themselves, with the vendor code already
 * chosen because no core kind describes it (AWS ChangePassword `InvalidUserType` for the root). Not an
 * `IamError`: the dispatcher audits it as a rejected call.
 */
export class AwsFamilyError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A parameter that breaks one of the operation's member constraints, worded as AWS's validation layer
 * words it (`Member must satisfy regular expression pattern: [\w+=,.@-]+`) so the AWS dialect can
 * render `1 validation error detected: ...`. The value itself is never repeated: it may be a password.
 */
export class MemberConstraintError extends WireValidationError {
  constructor(
    field: string,
    readonly constraint: string,
    problem: 'missing' | 'invalid' = 'invalid',
  ) {
    super(field, constraint, problem);
  }
}

/** `Tags.member.1.Key` -> `tags.1.member.key`, the member path AWS validation messages use */
export function awsMemberPath(field: string): string {
  const parts = field.split('.').map((part) => part.charAt(0).toLowerCase() + part.slice(1));
  // AWS names list members `<list>.<index>.member.<field>`, with the index before `member`
  for (let i = 0; i + 2 < parts.length; i++) {
    if (parts[i + 1] === 'member' && /^\d+$/.test(parts[i + 2]!)) [parts[i + 1], parts[i + 2]] = [parts[i + 2]!, 'member'];
  }
  return parts.join('.');
}
