/**
 * Every AWS IAM action the AWS dialect does not serve, with why (issue #15: "at most a handful of AWS
 * IAM actions remain unserved, each with its reason"). Together with the operation table this names
 * every command of @aws-sdk/client-iam; test/conformance/aws/coverage.test.ts checks that against
 * the SDK, so a new SDK command without a row fails the build.
 */
const ORGANIZATIONS = 'AWS Organizations: polyiam has accounts but no organization above them';
const LAST_ACCESSED = 'service last-accessed data: polyiam records which service a key last signed for (GetAccessKeyLastUsed), not per-service access history of every principal';
const DELEGATION = 'delegation requests (temporary access granted to AWS partners): not modelled';
const OUTBOUND = 'outbound web identity federation (AWS issuing JWTs to external services): not modelled';

export const UNSERVED: Record<string, string> = {
  // outside what polyiam models
  GenerateServiceLastAccessedDetails: LAST_ACCESSED,
  GetServiceLastAccessedDetails: LAST_ACCESSED,
  GetServiceLastAccessedDetailsWithEntities: LAST_ACCESSED,
  ListPoliciesGrantingServiceAccess: LAST_ACCESSED,
  GenerateOrganizationsAccessReport: ORGANIZATIONS,
  GetOrganizationsAccessReport: ORGANIZATIONS,
  ListOrganizationsFeatures: ORGANIZATIONS,
  EnableOrganizationsRootCredentialsManagement: ORGANIZATIONS,
  DisableOrganizationsRootCredentialsManagement: ORGANIZATIONS,
  EnableOrganizationsRootSessions: ORGANIZATIONS,
  DisableOrganizationsRootSessions: ORGANIZATIONS,
  SetSecurityTokenServicePreferences: 'STS regional endpoint token versions: polyiam has one endpoint and one token format',
  // newer AWS features with nothing like them in polyiam yet
  AcceptDelegationRequest: DELEGATION,
  AssociateDelegationRequest: DELEGATION,
  CreateDelegationRequest: DELEGATION,
  GetDelegationRequest: DELEGATION,
  ListDelegationRequests: DELEGATION,
  RejectDelegationRequest: DELEGATION,
  SendDelegationToken: DELEGATION,
  UpdateDelegationRequest: DELEGATION,
  AcquireRole: 'waits for roles (a role session for a delegated console)',
  GetRoleTemplateVersion: 'waits for roles (AWS-published role templates)',
  EnableOutboundWebIdentityFederation: OUTBOUND,
  DisableOutboundWebIdentityFederation: OUTBOUND,
  GetOutboundWebIdentityFederationInfo: OUTBOUND,
  GetAccountProperties: 'account properties of AWS partner-managed accounts: not modelled',
  PutAccountProperties: 'account properties of AWS partner-managed accounts: not modelled',
  GetHumanReadableSummary: 'a generated natural-language summary of a policy: not modelled',
};
