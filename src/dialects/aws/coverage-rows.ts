/**
 * COVERAGE.md rows of the operations issue #15 added (the rest of the AWS IAM API), kept beside
 * coverage.ts so neither file outgrows the style guide's size.
 */
import type { CoverageRow } from '../kit/aws-family/coverage.js';

type Row = CoverageRow<'parameters' | 'result' | 'errors' | 'verifiedBy'>;

const row = (parameters: string, result: string, errors: string, sdk: string, cli: string): Row => ({
  parameters,
  result,
  errors,
  verifiedBy: `SDK \`${sdk}Command\`; CLI \`${cli}\``,
});

export const ISSUE_15_ROWS: Record<string, Row> = {
  PutUserPermissionsBoundary: row('UserName, PermissionsBoundary (a customer managed or AWS managed policy ARN)', '—', 'NoSuchEntity 404 (user; "Policy <arn> does not exist or is not attachable."), ValidationError 400', 'PutUserPermissionsBoundary', 'put-user-permissions-boundary'),
  DeleteUserPermissionsBoundary: row('UserName', '—', 'NoSuchEntity 404', 'DeleteUserPermissionsBoundary', 'delete-user-permissions-boundary'),
};
