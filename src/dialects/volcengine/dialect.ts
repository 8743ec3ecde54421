import { AuthenticationError } from '../../core/errors.js';
import { operationTable, type QueryDialect, type QueryResult, type Rendered, type RenderContext } from '../kit/query-dialect.js';
import { toVolcError } from './errors.js';
import { accessKeyOperations } from './operations/access-keys.js';
import { loginProfileOperations } from './operations/login-profiles.js';
import { securityConfigOperations } from './operations/security-config.js';
import { allowedIpAddressOperations } from './operations/allowed-ip-addresses.js';
import { passwordOperations } from './operations/passwords.js';
import { policyOperations } from './operations/policies.js';
import { tagOperations } from './operations/tags.js';
import { userOperations } from './operations/users.js';
import { roleOperations } from './operations/roles.js';
import { groupOperations } from './operations/groups.js';
import { accountSummaryOperations } from './operations/account-summary.js';

/** Volcengine IAM OpenAPI: `Action` + `Version=2018-01-01` at `/`, signed `HMAC-SHA256` with service `iam`. */
export const VOLCENGINE_VERSION = '2018-01-01';
const SERVICE = 'iam';

export const volcengineOperations = [...userOperations, ...loginProfileOperations, ...accessKeyOperations, ...tagOperations, ...passwordOperations, ...policyOperations, ...roleOperations,
  ...securityConfigOperations, ...groupOperations, ...allowedIpAddressOperations, ...accountSummaryOperations];

/**
 * The Volcengine dialect for the query-API dispatcher. Every action is accepted as GET with query
 * parameters (`createAPI`), POST with a form body (`createUrlEncodeAPI`) and POST with a JSON body
 * (`createJSONAPI`), since the npm SDK wraps only ListUsers and callers build the rest with any of them.
 * The SDK ignores the HTTP status (`validateStatus: null`), so every failure is also in the body:
 * `ResponseMetadata.Error {Code, CodeN, Message}` and no `Result`.
 */
export const volcengineDialect: QueryDialect = {
  name: 'volcengine',
  versions: [VOLCENGINE_VERSION],
  schemes: ['volc-hmac'],
  operations: operationTable(volcengineOperations),
  acceptsJsonBody: true,
  ownsScheme: (scheme) => scheme === 'volc-hmac',
  checkSignature(signature) {
    // the credential scope `<date>/<region>/iam/request` must name this service; any region is accepted
    // and echoed in ResponseMetadata.Region
    // STS (AssumeRole, V-AR) shares the Version: `sts` is admitted here and each operation checks its own
    if (signature.scheme !== 'volc-hmac' || (signature.service !== SERVICE && signature.service !== 'sts')) throw new AuthenticationError('bad-signature');
  },
  renderSuccess(result: QueryResult, context: RenderContext): Rendered {
    const body = { ResponseMetadata: metadata(context), ...(result === undefined ? {} : { Result: result }) };
    return { status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
  },
  renderError(err: unknown, context: RenderContext): Rendered {
    const error = toVolcError(err);
    const body = { ResponseMetadata: { ...metadata(context), Error: { CodeN: error.codeN, Code: error.code, Message: error.message } } };
    return { status: error.status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) };
  },
};

/** ResponseMetadata (docs 6369/80336): RequestId, Action, Version, Service, Region. */
function metadata(context: RenderContext) {
  return {
    RequestId: context.requestId,
    Action: context.action ?? '',
    Version: context.version ?? '',
    Service: SERVICE,
    Region: context.region ?? regionOf(context),
  };
}

/**
 * A request refused before its signature verified (or with a malformed one) still names its region in
 * the credential scope `Credential=<AK>/<YYYYMMDD>/<region>/<service>/request`.
 */
function regionOf(context: RenderContext): string {
  const authorization = context.request.headers.authorization;
  const match = typeof authorization === 'string' && authorization.startsWith('HMAC-SHA256 ') ? CREDENTIAL_REGION.exec(authorization) : null;
  return match ? match[1]! : '';
}

const CREDENTIAL_REGION = /\bCredential=[^/,\s]+\/\d{8}\/([A-Za-z0-9-]{1,64})\//;
