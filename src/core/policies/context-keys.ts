import type { ContextKey, ContextKeyName, PolicySyntax } from './document.js';

type TagKeyName = 'ResourceTag' | 'RequestTag' | 'PrincipalTag';
type SimpleKeyName = Exclude<ContextKeyName, TagKeyName | 'Unknown'>;

interface KeySpelling {
  tags: Record<string, TagKeyName>;
  simple: Record<string, SimpleKeyName>;
}

function spelling(prefix: string, simple: Record<string, SimpleKeyName>): KeySpelling {
  return {
    tags: { [`${prefix}:resourcetag/`]: 'ResourceTag', [`${prefix}:requesttag/`]: 'RequestTag', [`${prefix}:principaltag/`]: 'PrincipalTag' },
    simple: Object.fromEntries(Object.entries(simple).map(([k, v]) => [`${prefix}:${k.toLowerCase()}`, v])),
  };
}

/** AWS IAM User Guide, "AWS global condition context keys"; `iam:ResourceTag/` from "IAM condition keys". */
const AWS_KEYS = spelling('aws', {
  TagKeys: 'TagKeys',
  SourceIp: 'SourceIp',
  CurrentTime: 'CurrentTime',
  EpochTime: 'EpochTime',
  SecureTransport: 'SecureTransport',
  MultiFactorAuthPresent: 'MultiFactorAuthPresent',
  MultiFactorAuthAge: 'MultiFactorAuthAge',
  username: 'UserName',
  userid: 'UserId',
  PrincipalAccount: 'PrincipalAccount',
  PrincipalArn: 'PrincipalArn',
  TokenIssueTime: 'TokenIssueTime',
});
AWS_KEYS.tags['iam:resourcetag/'] = 'ResourceTag';
// AWS "Available keys for AWS STS": sts:ExternalId, tested by role trust policies
AWS_KEYS.simple['sts:externalid'] = 'ExternalId';

/**
 * Huawei IAM v5 global condition keys (`g:`), "Global condition keys" and the issue's list; the
 * principal's URN stands where AWS has its ARN.
 */
const HUAWEI_KEYS = spelling('g', {
  TagKeys: 'TagKeys',
  SourceIp: 'SourceIp',
  CurrentTime: 'CurrentTime',
  SecureTransport: 'SecureTransport',
  MFAPresent: 'MultiFactorAuthPresent',
  UserName: 'UserName',
  UserId: 'UserId',
  PrincipalAccount: 'PrincipalAccount',
  PrincipalUrn: 'PrincipalArn',
});

/**
 * Volcengine IAM "Condition" page documents `volc:SourceIp`, `volc:RequestTag/`, PrincipalTag,
 * ResourceTag and PrincipalTrn; the other `volc:` names follow the AWS ones (UNVERIFIED).
 */
const VOLC_KEYS = spelling('volc', {
  TagKeys: 'TagKeys',
  SourceIp: 'SourceIp',
  CurrentTime: 'CurrentTime',
  SecureTransport: 'SecureTransport',
  MultiFactorAuthPresent: 'MultiFactorAuthPresent',
  UserName: 'UserName',
  UserId: 'UserId',
  PrincipalAccount: 'PrincipalAccount',
  PrincipalTrn: 'PrincipalArn',
});

/**
 * Kingsoft mirrors AWS IAM; its documentation retrieved so far does not show its global key prefix, so
 * both `aws:` and `ksc:` spellings are accepted (UNVERIFIED).
 */
const KSC_ONLY = spelling('ksc', {
  TagKeys: 'TagKeys',
  SourceIp: 'SourceIp',
  CurrentTime: 'CurrentTime',
  EpochTime: 'EpochTime',
  SecureTransport: 'SecureTransport',
  MultiFactorAuthPresent: 'MultiFactorAuthPresent',
  username: 'UserName',
  userid: 'UserId',
  PrincipalAccount: 'PrincipalAccount',
  PrincipalKrn: 'PrincipalArn',
});
const KINGSOFT_KEYS: KeySpelling = {
  tags: { ...AWS_KEYS.tags, ...KSC_ONLY.tags },
  simple: { ...AWS_KEYS.simple, ...KSC_ONLY.simple },
};

const SPELLINGS: Record<PolicySyntax, KeySpelling> = {
  aws: AWS_KEYS,
  kingsoft: KINGSOFT_KEYS,
  'huawei-v5': HUAWEI_KEYS,
  volcengine: VOLC_KEYS,
};

const WELL_FORMED_KEY = /^[A-Za-z0-9_.-]+:[A-Za-z0-9_.:/@+=,-]+$/;

/**
 * Maps a condition key as written to the internal key space. Key names are matched case-insensitively
 * (AWS: "Context key names are not case-sensitive"); a well-formed key polyiam does not know becomes
 * `Unknown`, which is never present in a request (as a service key of another service would be).
 */
export function parseContextKey(syntax: PolicySyntax, written: string): ContextKey | { error: string } {
  const trimmed = written.trim();
  if (!WELL_FORMED_KEY.test(trimmed)) return { error: `condition key \`${written}\` must be \`prefix:Name\`` };
  const lower = trimmed.toLowerCase();
  const known = SPELLINGS[syntax];
  const simple = known.simple[lower];
  if (simple) return { name: simple };
  const slash = lower.indexOf('/');
  if (slash > 0) {
    const tagKind = known.tags[lower.slice(0, slash + 1)];
    if (tagKind) {
      const tagKey = lower.slice(slash + 1);
      if (tagKey.length === 0) return { error: `condition key \`${written}\` names no tag key` };
      return { name: tagKind, tagKey };
    }
  }
  return { name: 'Unknown', key: trimmed };
}
