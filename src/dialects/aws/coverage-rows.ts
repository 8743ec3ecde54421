/**
 * COVERAGE.md rows of the operations issue #15 added (the rest of the AWS IAM API), kept beside
 * coverage.ts so neither file outgrows the style guide's size.
 */
import type { CoverageRow } from '../kit/aws-family/coverage.js';
import { ENTITY_ROWS } from './coverage-entity-rows.js';

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

const KEY_MATERIAL = 'InvalidPublicKey 400, UnrecognizedPublicKeyEncoding 400 (not ssh-rsa or PEM), DuplicateSSHPublicKey 400, LimitExceeded 409 ("Cannot exceed quota for PublicKeysPerUser: 5"), NoSuchEntity 404';
const CERT_MATERIAL = 'MalformedCertificate 400, DuplicateCertificate 409, LimitExceeded 409 ("Cannot exceed quota for SigningCertificatesPerUser: 2"), NoSuchEntity 404';
const SERVICE_CREDENTIAL = 'NoSuchEntity 404 ("No such credential X exists."), NotSupportedService 404 (services other than codecommit, cassandra, bedrock)';

Object.assign(ISSUE_15_ROWS, {
  UploadSSHPublicKey: row('UserName, SSHPublicKeyBody (ssh-rsa or PEM, at least 2048 bits; parsed with node:crypto)', 'SSHPublicKey (UserName, SSHPublicKeyId `APKA…`, Fingerprint (MD5), SSHPublicKeyBody, Status, UploadDate)', KEY_MATERIAL, 'UploadSSHPublicKey', 'upload-ssh-public-key'),
  GetSSHPublicKey: row('UserName, SSHPublicKeyId, Encoding (SSH, PEM)', 'SSHPublicKey (the body in the encoding asked)', 'NoSuchEntity 404 ("The Public Key with id X cannot be found."), ValidationError 400', 'GetSSHPublicKey', 'get-ssh-public-key'),
  ListSSHPublicKeys: row('UserName (optional: the caller), Marker, MaxItems', 'SSHPublicKeys (UserName, SSHPublicKeyId, Status, UploadDate), IsTruncated, Marker', 'NoSuchEntity 404', 'ListSSHPublicKeys', 'list-ssh-public-keys'),
  UpdateSSHPublicKey: row('UserName, SSHPublicKeyId, Status (Active, Inactive)', '—', 'NoSuchEntity 404, ValidationError 400', 'UpdateSSHPublicKey', 'update-ssh-public-key'),
  DeleteSSHPublicKey: row('UserName, SSHPublicKeyId', '—', 'NoSuchEntity 404', 'DeleteSSHPublicKey', 'delete-ssh-public-key'),
  UploadSigningCertificate: row('UserName (optional), CertificateBody (X.509 PEM, parsed with node:crypto X509Certificate)', 'Certificate (UserName, CertificateId, CertificateBody, Status, UploadDate)', CERT_MATERIAL, 'UploadSigningCertificate', 'upload-signing-certificate'),
  ListSigningCertificates: row('UserName (optional), Marker, MaxItems', 'Certificates, IsTruncated, Marker', 'NoSuchEntity 404', 'ListSigningCertificates', 'list-signing-certificates'),
  UpdateSigningCertificate: row('UserName (optional), CertificateId, Status', '—', 'NoSuchEntity 404 ("The Certificate with id X cannot be found.")', 'UpdateSigningCertificate', 'update-signing-certificate'),
  DeleteSigningCertificate: row('UserName (optional), CertificateId', '—', 'NoSuchEntity 404', 'DeleteSigningCertificate', 'delete-signing-certificate'),
  CreateServiceSpecificCredential: row('UserName, ServiceName', 'ServiceSpecificCredential (CreateDate, ServiceName, ServiceUserName `<user>-at-<account>`, ServicePassword (this once; sealed at rest), ServiceSpecificCredentialId `ACCA…`, UserName, Status)', `${SERVICE_CREDENTIAL}, LimitExceeded 409 (2 per user per service)`, 'CreateServiceSpecificCredential', 'create-service-specific-credential'),
  ListServiceSpecificCredentials: row('UserName (optional), ServiceName', 'ServiceSpecificCredentials (no password)', 'NoSuchEntity 404', 'ListServiceSpecificCredentials', 'list-service-specific-credentials'),
  ResetServiceSpecificCredential: row('UserName (optional), ServiceSpecificCredentialId', 'ServiceSpecificCredential (a new ServicePassword)', SERVICE_CREDENTIAL, 'ResetServiceSpecificCredential', 'reset-service-specific-credential'),
  UpdateServiceSpecificCredential: row('UserName (optional), ServiceSpecificCredentialId, Status', '—', SERVICE_CREDENTIAL, 'UpdateServiceSpecificCredential', 'update-service-specific-credential'),
  DeleteServiceSpecificCredential: row('UserName (optional), ServiceSpecificCredentialId', '—', SERVICE_CREDENTIAL, 'DeleteServiceSpecificCredential', 'delete-service-specific-credential'),
  UploadServerCertificate: row('ServerCertificateName, Path, CertificateBody, PrivateKey (sealed with the SecretBox, never returned), CertificateChain, Tags.member.N', 'ServerCertificateMetadata (Path, ServerCertificateName, ServerCertificateId `ASCA…`, Arn, UploadDate, Expiration from the certificate), Tags', 'MalformedCertificate 400 (certificate, chain or key), KeyPairMismatch 400, EntityAlreadyExists 409, LimitExceeded 409 (20 per account)', 'UploadServerCertificate', 'upload-server-certificate'),
  GetServerCertificate: row('ServerCertificateName', 'ServerCertificate (ServerCertificateMetadata, CertificateBody, CertificateChain, Tags); never the key', 'NoSuchEntity 404 ("The Server Certificate with name X cannot be found.")', 'GetServerCertificate', 'get-server-certificate'),
  ListServerCertificates: row('PathPrefix, Marker, MaxItems', 'ServerCertificateMetadataList, IsTruncated, Marker', '—', 'ListServerCertificates', 'list-server-certificates'),
  UpdateServerCertificate: row('ServerCertificateName, NewServerCertificateName, NewPath', '—', 'NoSuchEntity 404, EntityAlreadyExists 409', 'UpdateServerCertificate', 'update-server-certificate'),
  DeleteServerCertificate: row('ServerCertificateName', '—', 'NoSuchEntity 404', 'DeleteServerCertificate', 'delete-server-certificate'),
  TagServerCertificate: row('ServerCertificateName, Tags.member.N', '—', 'InvalidInput 400, LimitExceeded 409 (50), NoSuchEntity 404', 'TagServerCertificate', 'tag-server-certificate'),
  UntagServerCertificate: row('ServerCertificateName, TagKeys.member.N', '—', 'NoSuchEntity 404', 'UntagServerCertificate', 'untag-server-certificate'),
  ListServerCertificateTags: row('ServerCertificateName, Marker, MaxItems', 'Tags, IsTruncated, Marker', 'NoSuchEntity 404', 'ListServerCertificateTags', 'list-server-certificate-tags'),
} satisfies Record<string, Row>);

Object.assign(ISSUE_15_ROWS, {
  GetContextKeysForCustomPolicy: row('PolicyInputList.member.N (AWS syntax)', 'ContextKeyNames (condition keys and `${…}` variables, each once)', 'MalformedPolicyDocument 400, ValidationError 400', 'GetContextKeysForCustomPolicy', 'get-context-keys-for-custom-policy'),
  GetContextKeysForPrincipalPolicy: row('PolicySourceArn (a user), PolicyInputList.member.N', 'ContextKeyNames of the user\'s policies (attached, through groups, inline) and the given ones', 'NoSuchEntity 404, InvalidInput 400 (not a user ARN)', 'GetContextKeysForPrincipalPolicy', 'get-context-keys-for-principal-policy'),
} satisfies Record<string, Row>);

const OIDC_ARN = 'OpenIDConnectProviderArn (`arn:aws:iam::<acct>:oidc-provider/<host/path>`)';
const OIDC_MISSING = 'NoSuchEntity 404 ("OpenIDConnect Provider not found for arn X")';

Object.assign(ISSUE_15_ROWS, {
  CreateOpenIDConnectProvider: row('Url (https://, 1-255), ClientIDList.member.N (at most 100), ThumbprintList.member.N (40 hex, at most 5), Tags.member.N', 'OpenIDConnectProviderArn, Tags', 'EntityAlreadyExists 409 ("Provider with url X already exists."), InvalidInput 400 (not https; a sixth thumbprint: "Thumbprint list must contain fewer than 5 entries."), ValidationError 400, LimitExceeded 409 (ClientIdsPerOpenIdConnectProvider: 100)', 'CreateOpenIDConnectProvider', 'create-open-id-connect-provider'),
  GetOpenIDConnectProvider: row(OIDC_ARN, 'Url, ClientIDList, ThumbprintList, CreateDate, Tags', OIDC_MISSING, 'GetOpenIDConnectProvider', 'get-open-id-connect-provider'),
  ListOpenIDConnectProviders: row('—', 'OpenIDConnectProviderList (Arn)', '—', 'ListOpenIDConnectProviders', 'list-open-id-connect-providers'),
  UpdateOpenIDConnectProviderThumbprint: row(`${OIDC_ARN}, ThumbprintList.member.N (replaces them all)`, '—', `${OIDC_MISSING}, ValidationError 400`, 'UpdateOpenIDConnectProviderThumbprint', 'update-open-id-connect-provider-thumbprint'),
  AddClientIDToOpenIDConnectProvider: row(`${OIDC_ARN}, ClientID (idempotent)`, '—', `${OIDC_MISSING}, LimitExceeded 409 (100)`, 'AddClientIDToOpenIDConnectProvider', 'add-client-id-to-open-id-connect-provider'),
  RemoveClientIDFromOpenIDConnectProvider: row(`${OIDC_ARN}, ClientID`, '—', OIDC_MISSING, 'RemoveClientIDFromOpenIDConnectProvider', 'remove-client-id-from-open-id-connect-provider'),
  DeleteOpenIDConnectProvider: row(OIDC_ARN, '—', OIDC_MISSING, 'DeleteOpenIDConnectProvider', 'delete-open-id-connect-provider'),
  TagOpenIDConnectProvider: row(`${OIDC_ARN}, Tags.member.N`, '—', `${OIDC_MISSING}, InvalidInput 400, LimitExceeded 409 (50)`, 'TagOpenIDConnectProvider', 'tag-open-id-connect-provider'),
  UntagOpenIDConnectProvider: row(`${OIDC_ARN}, TagKeys.member.N`, '—', OIDC_MISSING, 'UntagOpenIDConnectProvider', 'untag-open-id-connect-provider'),
  ListOpenIDConnectProviderTags: row(`${OIDC_ARN}, Marker, MaxItems`, 'Tags, IsTruncated, Marker', OIDC_MISSING, 'ListOpenIDConnectProviderTags', 'list-open-id-connect-provider-tags'),
} satisfies Record<string, Row>);

Object.assign(ISSUE_15_ROWS, ENTITY_ROWS);
