/**
 * Every action of Volcengine IAM `Version=2018-01-01` (volcengine-go-sdk service/iam/interface_iam.go,
 * the `<Action>WithContext` methods; the npm @volcengine/openapi wraps only ListUsers) that the dialect
 * does not serve, with why (issue #15: COVERAGE.md lists every action, served or not).
 */
const OIDC = 'OIDC providers exist in the core (AWS CreateOpenIDConnectProvider), but Volcengine names them by `OIDCProviderName` with its own issuer fields: its wire is not mapped yet';
const SAML = 'SAML providers exist in the core (AWS CreateSAMLProvider), but Volcengine keeps certificates per provider (Add/RemoveSAMLProviderCertificate) apart from the metadata: its wire is not mapped yet';
const API_KEYS = 'API keys of Volcengine\'s model services (Ark): no such credential in polyiam';
const OAUTH = 'OAuth identity providers for console sign-in: not modelled';
const SERVICE_LINKED = 'service-linked roles exist in the core (AWS CreateServiceLinkedRole, Huawei v5 service-linked agencies); the Volcengine service names and role templates are not mapped yet';

export const VOLC_UNSERVED: Record<string, string> = {
  CreateOIDCProvider: OIDC,
  GetOIDCProvider: OIDC,
  ListOIDCProviders: OIDC,
  UpdateOIDCProvider: OIDC,
  DeleteOIDCProvider: OIDC,
  AddClientIDToOIDCProvider: OIDC,
  RemoveClientIDFromOIDCProvider: OIDC,
  AddThumbprintToOIDCProvider: OIDC,
  RemoveThumbprintFromOIDCProvider: OIDC,
  CreateSAMLProvider: SAML,
  GetSAMLProvider: SAML,
  ListSAMLProviders: SAML,
  UpdateSAMLProvider: SAML,
  DeleteSAMLProvider: SAML,
  AddSAMLProviderCertificate: SAML,
  RemoveSAMLProviderCertificate: SAML,
  ListSAMLProviderCertificates: SAML,
  ListIdentityProviders: 'lists the OIDC and SAML providers together: waits for those',
  CreateServiceLinkedRole: SERVICE_LINKED,
  DeleteServiceLinkedRole: SERVICE_LINKED,
  GetServiceLinkedRoleTemplate: SERVICE_LINKED,
  CreateApiKey: API_KEYS,
  ListApiKeys: API_KEYS,
  UpdateApiKey: API_KEYS,
  DeleteApiKey: API_KEYS,
  CreateOAuthProvider: OAUTH,
  GetOAuthProvider: OAUTH,
  UpdateOAuthProvider: OAUTH,
  DeleteOAuthProvider: OAUTH,
};
