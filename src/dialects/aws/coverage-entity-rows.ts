/**
 * COVERAGE.md rows of the role boundaries, instance profiles, SAML providers and service-linked roles
 * (issue #15, migration 0019), beside coverage-rows.ts.
 */
import type { CoverageRow } from '../kit/aws-family/coverage.js';

type Row = CoverageRow<'parameters' | 'result' | 'errors' | 'verifiedBy'>;

const row = (parameters: string, result: string, errors: string, sdk: string, cli?: string): Row => ({
  parameters,
  result,
  errors,
  verifiedBy: cli === undefined ? `SDK \`${sdk}Command\`` : `SDK \`${sdk}Command\`; CLI \`${cli}\``,
});

const PROFILE_MISSING = 'NoSuchEntity 404 ("Instance Profile X cannot be found.")';
const SAML_ARN = 'SAMLProviderArn (`arn:aws:iam::<acct>:saml-provider/<name>`)';
const SAML_MISSING = 'NoSuchEntity 404 ("SAMLProvider not found for arn X")';
const SIGN_IN_LATER = 'kept as data: signing in with it (AssumeRoleWithSAML) is a later step';

export const ENTITY_ROWS: Record<string, Row> = {
  PutRolePermissionsBoundary: row('RoleName, PermissionsBoundary (a customer managed or AWS managed policy ARN); the role\'s sessions get only what both its policies and the boundary allow', '—', 'NoSuchEntity 404 (role, policy), UnmodifiableEntity 400 (service-linked role), ValidationError 400', 'PutRolePermissionsBoundary', 'put-role-permissions-boundary'),
  DeleteRolePermissionsBoundary: row('RoleName', '—', 'NoSuchEntity 404, UnmodifiableEntity 400', 'DeleteRolePermissionsBoundary'),
  CreateInstanceProfile: row('InstanceProfileName (1-128 `[\\w+=,.@-]+`), Path, Tags.member.N', 'InstanceProfile (Path, InstanceProfileName, InstanceProfileId AIPA..., Arn, CreateDate, Roles, Tags)', 'EntityAlreadyExists 409, LimitExceeded 409 (1,000), ValidationError 400', 'CreateInstanceProfile', 'create-instance-profile'),
  GetInstanceProfile: row('InstanceProfileName', 'InstanceProfile with its role and tags', PROFILE_MISSING, 'GetInstanceProfile', 'get-instance-profile'),
  ListInstanceProfiles: row('PathPrefix, Marker, MaxItems', 'InstanceProfiles (with Roles), IsTruncated, Marker', 'ValidationError 400', 'ListInstanceProfiles'),
  ListInstanceProfilesForRole: row('RoleName, Marker, MaxItems', 'InstanceProfiles, IsTruncated, Marker', 'NoSuchEntity 404 (role)', 'ListInstanceProfilesForRole'),
  DeleteInstanceProfile: row('InstanceProfileName', '—', `${PROFILE_MISSING}, DeleteConflict 409 ("Cannot delete entity, must remove roles from instance profile first.")`, 'DeleteInstanceProfile', 'delete-instance-profile'),
  AddRoleToInstanceProfile: row('InstanceProfileName, RoleName (one role per profile; a conditional write decides concurrent adds)', '—', `${PROFILE_MISSING}, NoSuchEntity 404 (role), LimitExceeded 409 ("Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1")`, 'AddRoleToInstanceProfile', 'add-role-to-instance-profile'),
  RemoveRoleFromInstanceProfile: row('InstanceProfileName, RoleName', '—', `${PROFILE_MISSING}, NoSuchEntity 404 (role not in it)`, 'RemoveRoleFromInstanceProfile'),
  TagInstanceProfile: row('InstanceProfileName, Tags.member.N', '—', `${PROFILE_MISSING}, InvalidInput 400, LimitExceeded 409 (50)`, 'TagInstanceProfile'),
  UntagInstanceProfile: row('InstanceProfileName, TagKeys.member.N', '—', PROFILE_MISSING, 'UntagInstanceProfile'),
  ListInstanceProfileTags: row('InstanceProfileName, Marker, MaxItems', 'Tags, IsTruncated, Marker', PROFILE_MISSING, 'ListInstanceProfileTags'),
  CreateSAMLProvider: row(`Name (1-128 \`[\\w._-]+\`), SAMLMetadataDocument (1,000-10,000,000; an EntityDescriptor with an IDPSSODescriptor, read with fast-xml-parser), Tags.member.N; ${SIGN_IN_LATER}`, 'SAMLProviderArn, Tags', 'InvalidInput 400 ("Could not parse metadata: ..."), EntityAlreadyExists 409, LimitExceeded 409 (100), ValidationError 400', 'CreateSAMLProvider', 'create-saml-provider'),
  GetSAMLProvider: row(SAML_ARN, 'SAMLMetadataDocument, CreateDate, ValidUntil (the metadata\'s validUntil), Tags', SAML_MISSING, 'GetSAMLProvider', 'get-saml-provider'),
  ListSAMLProviders: row('—', 'SAMLProviderList (Arn, CreateDate, ValidUntil)', '—', 'ListSAMLProviders'),
  UpdateSAMLProvider: row(`${SAML_ARN}, SAMLMetadataDocument`, 'SAMLProviderArn', `${SAML_MISSING}, InvalidInput 400`, 'UpdateSAMLProvider'),
  DeleteSAMLProvider: row(SAML_ARN, '—', SAML_MISSING, 'DeleteSAMLProvider'),
  TagSAMLProvider: row(`${SAML_ARN}, Tags.member.N`, '—', `${SAML_MISSING}, InvalidInput 400, LimitExceeded 409 (50)`, 'TagSAMLProvider'),
  UntagSAMLProvider: row(`${SAML_ARN}, TagKeys.member.N`, '—', SAML_MISSING, 'UntagSAMLProvider'),
  ListSAMLProviderTags: row(`${SAML_ARN}, Marker, MaxItems`, 'Tags, IsTruncated, Marker', SAML_MISSING, 'ListSAMLProviderTags'),
  CreateServiceLinkedRole: row('AWSServiceName, CustomSuffix, Description: the role at `/aws-service-role/<service>/`, named as AWS names it (AWSServiceRoleForElasticLoadBalancing...), trusting the service principal', 'Role', 'InvalidInput 400 (a suffix the service forbids; the name taken: "Service role name X has been taken in this account, please try a different suffix."), ValidationError 400', 'CreateServiceLinkedRole', 'create-service-linked-role'),
  DeleteServiceLinkedRole: row('RoleName: deletes at once with its policies; DeleteRole on it is UnmodifiableEntity', 'DeletionTaskId', 'NoSuchEntity 404, InvalidInput 400 (not service-linked), DeleteConflict 409 (in an instance profile)', 'DeleteServiceLinkedRole', 'delete-service-linked-role'),
  GetServiceLinkedRoleDeletionStatus: row('DeletionTaskId', 'Status (SUCCEEDED: deletion is immediate)', 'NoSuchEntity 404', 'GetServiceLinkedRoleDeletionStatus'),
};
