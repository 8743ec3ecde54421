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

Object.assign(ISSUE_15_ROWS, {
  TagPolicy: row('PolicyArn, Tags.member.N (Key 1-128, Value 0-256; at most 50 per policy)', '—', 'InvalidInput 400 (duplicate keys; an AWS managed policy), LimitExceeded 409 ("The number of tags has reached the maximum limit of 50."), NoSuchEntity 404, ValidationError 400', 'TagPolicy', 'tag-policy'),
  UntagPolicy: row('PolicyArn, TagKeys.member.N', '—', 'NoSuchEntity 404', 'UntagPolicy', 'untag-policy'),
  ListPolicyTags: row('PolicyArn, Marker, MaxItems', 'Tags, IsTruncated, Marker', 'NoSuchEntity 404', 'ListPolicyTags', 'list-policy-tags'),
  CreateAccountAlias: row('AccountAlias (3-63 `^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`); replaces the account\'s alias', '—', 'EntityAlreadyExists 409 ("The account alias X already exists.": another account has it), ValidationError 400', 'CreateAccountAlias', 'create-account-alias'),
  DeleteAccountAlias: row('AccountAlias', '—', 'NoSuchEntity 404 ("The account alias X cannot be found.")', 'DeleteAccountAlias', 'delete-account-alias'),
  ListAccountAliases: row('Marker, MaxItems', 'AccountAliases (at most one), IsTruncated', '—', 'ListAccountAliases', 'list-account-aliases'),
  UpdateGroup: row('GroupName, NewGroupName, NewPath', '—', 'NoSuchEntity 404, EntityAlreadyExists 409, InvalidInput 400 (renaming the `admin` group)', 'UpdateGroup', 'update-group'),
} satisfies Record<string, Row>);
