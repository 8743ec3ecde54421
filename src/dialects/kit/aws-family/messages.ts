import type { PasswordViolation } from '../../../core/errors.js';

/**
 * Every broken password rule in words, as one sentence the AWS-family messages append to the vendor's
 * own text (DESIGN.md: "A violation names every rule it broke"). Never includes the password.
 */
export function describeViolations(violations: PasswordViolation[]): string {
  return violations.map(describe).join('; ');
}

function describe(violation: PasswordViolation): string {
  switch (violation.rule) {
    case 'min-length':
      return `be at least ${violation.limit} characters long`;
    case 'max-length':
      return `be at most ${violation.limit} characters long`;
    case 'char-classes':
      return `contain at least ${violation.limit} of uppercase letters, lowercase letters, numbers and symbols`;
    case 'require-uppercase':
      return 'contain at least one uppercase letter';
    case 'require-lowercase':
      return 'contain at least one lowercase letter';
    case 'require-numbers':
      return 'contain at least one number';
    case 'require-symbols':
      return 'contain at least one non-alphanumeric character';
    case 'not-user-name':
      return 'not be the user name or the user name reversed';
    case 'consecutive-identical-chars':
      return `not repeat a character more than ${violation.limit} times in a row`;
    case 'reuse':
      return `not be one of the last ${violation.limit} passwords`;
    case 'invalid-characters':
      return 'contain only printable ASCII characters';
  }
}

/** `20240913T053436Z`, the x-amz-date form AWS's clock-skew messages use */
export function basicIsoDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
