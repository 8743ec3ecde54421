import type { ContextKey, PolicySyntax } from '../policies/document.js';
import { parseIp, type IpAddress } from '../policies/ip.js';
import type { Tag } from '../users/user.js';
import type { EvaluationRequest } from './request.js';
import { renderPrincipal, renderResource } from './resource-names.js';

const SYNTAX_SLOT: Record<PolicySyntax, number> = { aws: 0, kingsoft: 1, 'huawei-v5': 2, volcengine: 3 };

function tagMap(tags: readonly Tag[] | undefined): Map<string, string> | null {
  if (!tags || tags.length === 0) return null;
  return new Map(tags.map((t) => [t.key.toLowerCase(), t.value]));
}

/**
 * One request as the compiled statements read it. Everything derived (tag maps, renderings, the
 * parsed source address) is computed at most once per request and only if a statement asks.
 */
export class RequestScope {
  private resourceTags: Map<string, string> | null | undefined;
  private requestTags: Map<string, string> | null | undefined;
  private principalTags: Map<string, string> | null | undefined;
  private readonly resources: (string | null | undefined)[] = [undefined, undefined, undefined, undefined];
  private readonly principals: (string | undefined)[] = [undefined, undefined, undefined, undefined];
  private ip: IpAddress | null | undefined;
  private isoNow: string | undefined;

  constructor(readonly request: EvaluationRequest) {}

  resourceIn(syntax: PolicySyntax): string | null {
    const slot = SYNTAX_SLOT[syntax];
    let rendered = this.resources[slot];
    if (rendered === undefined) rendered = this.resources[slot] = renderResource(syntax, this.request.resource);
    return rendered;
  }

  principalIn(syntax: PolicySyntax): string {
    const slot = SYNTAX_SLOT[syntax];
    return (this.principals[slot] ??= renderPrincipal(syntax, this.request.principal));
  }

  sourceIp(): IpAddress | null {
    if (this.ip === undefined) {
      const raw = this.request.environment.sourceIp;
      this.ip = raw === null ? null : parseIp(raw);
    }
    return this.ip;
  }

  resourceTag(key: string): string | undefined {
    if (this.resourceTags === undefined) this.resourceTags = tagMap(this.request.resourceTags);
    return this.resourceTags?.get(key);
  }

  requestTag(key: string): string | undefined {
    if (this.requestTags === undefined) this.requestTags = tagMap(this.request.requestTags);
    return this.requestTags?.get(key);
  }

  principalTag(key: string): string | undefined {
    if (this.principalTags === undefined) this.principalTags = tagMap(this.request.principal.tags);
    return this.principalTags?.get(key);
  }

  currentTimeIso(): string {
    return (this.isoNow ??= new Date(this.request.environment.currentTime).toISOString());
  }
}

/** Reads one key's request values; undefined when the key is absent from the request. */
export type Reader = (scope: RequestScope) => readonly string[] | undefined;

const one = (value: string | undefined | null): readonly string[] | undefined =>
  value === undefined || value === null ? undefined : [value];

// shared, never mutated: booleans are read on most requests and need no fresh array
const TRUE: readonly string[] = Object.freeze(['true']);
const FALSE: readonly string[] = Object.freeze(['false']);

/**
 * Chooses, once per compiled condition, how a key is read in the statement's syntax. Ids differ per
 * vendor: `aws:userid` is the `AIDA...` id, `g:UserId` the 32-hex id, Volcengine's the integer.
 */
export function compileReader(syntax: PolicySyntax, key: ContextKey): Reader {
  const vendorId = (canonical: string, aws: string | undefined, numeric: number | undefined): string => {
    if (syntax === 'aws') return aws ?? canonical;
    if (syntax === 'volcengine' || syntax === 'kingsoft') return numeric === undefined ? canonical : String(numeric);
    return canonical;
  };
  switch (key.name) {
    case 'ResourceTag': {
      const tagKey = key.tagKey;
      return (s) => one(s.resourceTag(tagKey));
    }
    case 'RequestTag': {
      const tagKey = key.tagKey;
      return (s) => one(s.requestTag(tagKey));
    }
    case 'PrincipalTag': {
      const tagKey = key.tagKey;
      return (s) => one(s.principalTag(tagKey));
    }
    case 'TagKeys':
      return (s) => (s.request.requestTags && s.request.requestTags.length > 0 ? s.request.requestTags.map((t) => t.key) : undefined);
    case 'SourceIp':
      return (s) => one(s.request.environment.sourceIp);
    case 'CurrentTime':
      return (s) => [s.currentTimeIso()];
    case 'EpochTime':
      return (s) => [String(Math.floor(s.request.environment.currentTime / 1000))];
    case 'SecureTransport':
      return (s) => (s.request.environment.secureTransport ? TRUE : FALSE);
    case 'MultiFactorAuthPresent':
      return (s) => {
        const mfa = s.request.environment.mfaPresent;
        return mfa === null ? undefined : mfa ? TRUE : FALSE;
      };
    case 'MultiFactorAuthAge':
      // AWS: seconds since the credentials proved MFA; absent when they never did
      return (s) => {
        const { mfaAuthenticatedAt, currentTime } = s.request.environment;
        return mfaAuthenticatedAt === undefined || mfaAuthenticatedAt === null ? undefined : [String(Math.max(0, Math.floor((currentTime - mfaAuthenticatedAt) / 1000)))];
      };
    case 'UserName':
      return (s) => (s.request.principal.isRoot || s.request.principal.roleSession ? undefined : [s.request.principal.userName]);
    case 'UserId':
      return (s) => {
        const p = s.request.principal;
        return [vendorId(p.userId, p.awsUserId, p.numericUserId)];
      };
    case 'ExternalId':
      return (s) => one(s.request.environment.externalId);
    case 'TokenIssueTime':
      return (s) => {
        const at = s.request.environment.tokenIssueTime;
        return at === undefined || at === null ? undefined : [new Date(at).toISOString()];
      };
    case 'PrincipalAccount':
      return (s) => {
        const a = s.request.principal.account;
        return [vendorId(a.id, a.awsAccountId, a.numericId)];
      };
    case 'PrincipalArn':
      return (s) => [s.principalIn(syntax)];
    case 'Unknown':
      return () => undefined;
  }
}
