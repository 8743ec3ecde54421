import type { PolicySyntax } from './document.js';

/** Where a document is stored decides its size limit (AWS quotas differ for managed and inline). */
export type PolicyKind = 'managed' | 'inline-user' | 'inline-group' | 'inline-role' | 'session';

export interface SizeLimit {
  limit: number;
  /** how the vendor counts: characters without whitespace (AWS), or the compact document */
  measure: 'non-whitespace-characters' | 'compact-utf8-bytes' | 'compact-characters';
}

/**
 * AWS "IAM and AWS STS quotas": managed policy 6,144 characters, inline user policies 2,048, inline
 * group policies 5,120, "IAM does not count white space". Huawei IAM v5 "Notes and constraints":
 * custom identity policy 6,144 bytes. Volcengine "quota": policy content length 6,144. Kingsoft has no
 * published figure retrieved so far: it is held to AWS's (UNVERIFIED).
 */
export function sizeLimit(syntax: PolicySyntax, kind: PolicyKind): SizeLimit {
  switch (syntax) {
    case 'aws':
    case 'kingsoft':
      // roles: 10,240 for all inline policies together (held per document); session policies 2,048 (AWS AssumeRole Policy)
      if (kind === 'inline-role') return { limit: 10240, measure: 'non-whitespace-characters' };
      if (kind === 'session') return { limit: 2048, measure: 'non-whitespace-characters' };
      return { limit: kind === 'managed' ? 6144 : kind === 'inline-user' ? 2048 : 5120, measure: 'non-whitespace-characters' };
    case 'huawei-v5':
      return { limit: 6144, measure: 'compact-utf8-bytes' };
    case 'volcengine':
      return { limit: 6144, measure: 'compact-characters' };
  }
}

export function measureDocument(text: string, parsed: unknown, measure: SizeLimit['measure']): number {
  switch (measure) {
    case 'non-whitespace-characters': {
      let count = 0;
      for (const ch of text) if (!/\s/.test(ch)) count++;
      return count;
    }
    case 'compact-utf8-bytes':
      return new TextEncoder().encode(JSON.stringify(parsed)).length;
    case 'compact-characters':
      return [...JSON.stringify(parsed)].length;
  }
}

/** Per-syntax rules the parser applies on top of the shared statement grammar. */
export interface SyntaxRules {
  /** accepted `Version` values; null in the list means the element may be absent; `any`: not checked */
  versions: readonly (string | null)[] | 'any';
  /** versions in which `${...}` is literal text */
  versionsWithoutVariables: readonly (string | null)[];
  topLevelFields: readonly string[];
  resourceRequired: boolean;
  /** AWS: "The Sid element supports ASCII uppercase letters (A-Z), lowercase letters (a-z), and numbers (0-9)" */
  sidPattern: RegExp | null;
  uniqueSids: boolean;
  action: RegExp;
  actionHint: string;
  resource: RegExp;
  resourceHint: string;
}

const AWS_LIKE = {
  versions: ['2012-10-17', '2008-10-17', null],
  versionsWithoutVariables: ['2008-10-17', null],
  topLevelFields: ['Version', 'Id', 'Statement'],
  resourceRequired: true,
  sidPattern: /^[A-Za-z0-9]*$/,
  uniqueSids: true,
  action: /^([A-Za-z0-9_-]+:[A-Za-z0-9*?_-]+|\*)$/,
  actionHint: '`*` or `service:Action`',
} as const;

export const SYNTAX_RULES: Record<PolicySyntax, SyntaxRules> = {
  aws: {
    ...AWS_LIKE,
    // AWS: arn:partition:service:region:account-id:resource (the resource part may hold colons)
    resource: /^(\*|arn:[^:]*:[^:]*:[^:]*:[^:]*:.+)$/,
    resourceHint: '`*` or an ARN `arn:aws:iam::<account>:user/<name>`',
  },
  kingsoft: {
    ...AWS_LIKE,
    // kingsoftcloud/sdk-python sts AssumeRole Policy: `"Version": "2015-11-01"` (the API version) beside AWS's
    versions: [...AWS_LIKE.versions, '2015-11-01'],
    resource: /^(\*|krn:[^:]*:[^:]*:[^:]*:[^:]*:.+)$/,
    resourceHint: '`*` or a KRN `krn:ksc:iam::<account>:user/<name>`',
  },
  'huawei-v5': {
    // Huawei IAM v5 "JSON element reference": Version is fixed at 5.0; Resource may be omitted
    versions: ['5.0'],
    versionsWithoutVariables: [],
    topLevelFields: ['Version', 'Statement'],
    resourceRequired: false,
    sidPattern: null,
    uniqueSids: false,
    // "service:resource type:operation", case-insensitive, `*` and `?` allowed; tag actions have an
    // empty resource type (`iam::tagForResourceV5`)
    action: /^(\*|[A-Za-z0-9_-]+:\*|[A-Za-z0-9_-]+:[A-Za-z0-9*?_-]*:[A-Za-z0-9*?_-]+)$/,
    actionHint: '`*` or `service:resourceType:action`',
    // URN "<service-name>:<region>:<account-id>:<type-name>:<resource-path>"; the path may hold colons
    resource: /^(\*|[A-Za-z0-9_*?-]+:[^:]*:[^:]*:[^:]+:.+)$/,
    resourceHint: '`*` or a URN `iam::<account>:user:<name>`',
  },
  volcengine: {
    // Volcengine "Policy grammar": documents carry only `Statement` (a `Version`, if sent, is not
    // documented, so it is not judged); Resource may be left out for services without resource types
    versions: 'any',
    versionsWithoutVariables: [],
    topLevelFields: ['Version', 'Statement'],
    resourceRequired: false,
    sidPattern: null,
    uniqueSids: false,
    action: /^(\*|[A-Za-z0-9_-]+:[A-Za-z0-9*?_-]+)$/,
    actionHint: '`*` or `service:Action`',
    // TRN "trn:${ServiceCode}:${Region}:${AccountId}:${ResourcePath}"
    resource: /^(\*|trn:[^:]*:[^:]*:[^:]*:.+)$/,
    resourceHint: '`*` or a TRN `trn:iam::<account>:user/<name>`',
  },
};
