import type { Account } from '../../../core/accounts/account.js';
import type { Role } from '../../../core/roles/role.js';
import type { CallContext } from '../../../core/principal.js';
import type { DialectServices } from '../../../front/services.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate, type AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalInteger, optionalMember, readPaging, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';

/** RoleName: Kingsoft documents no bounds; AWS's 1-64 of `[\w+=,.@-]` (AWS-LIKE) */
const ROLE_NAME: MemberRule = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
const DESCRIPTION: MemberRule = { min: 0, max: 1000, pattern: /^[^\p{Cc}]*$/u, patternText: 'printable characters' };
/** TrustAccounts (sdk-python iam models): a comma-separated list of account ids, at most 20 */
const TRUST_ACCOUNTS: MemberRule = { min: 1, max: 512, pattern: /^\d{1,20}(,\d{1,20})*$/, patternText: 'account ids separated by commas' };
const MAX_TRUST_ACCOUNTS = 20;
const POLICY_KRN: MemberRule = { min: 1, max: 2048 };
/** sts AssumeRole (sdk-python sts models): RoleSessionName as AWS's, Policy 1-1024 characters */
const SESSION_NAME: MemberRule = { min: 2, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
const SESSION_POLICY: MemberRule = { min: 1, max: 1024 };
const ROLE_KRN: MemberRule = { min: 1, max: 2048 };

/** `krn:ksc:iam::<account>:role/<name>` (sdk-python AssumeRole RoleKrn) */
export const roleKrn = (account: Account, role: Pick<Role, 'name'>): string => `krn:ksc:iam::${account.numericId}:role/${role.name}`;

/**
 * A Kingsoft trust is an account list; the core role holds it as a trust policy naming those accounts
 * (`krn:ksc:iam::<account>:root`), so any user of a trusted account whose own policies allow
 * `sts:AssumeRole` may assume the role, and a role made in another dialect is the same role here.
 */
function trustPolicyOf(accounts: string[]): string {
  return JSON.stringify({ Version: '2015-11-01', Statement: [{ Effect: 'Allow', Action: ['sts:AssumeRole'], Principal: { KSC: accounts.map((a) => `krn:ksc:iam::${a}:root`) } }] });
}

function readTrustAccounts(params: QueryParams, name: string): string[] {
  const accounts = [...new Set(requiredMember(params, name, TRUST_ACCOUNTS).split(','))];
  if (accounts.length > MAX_TRUST_ACCOUNTS) throw new MemberConstraintError(name, `Member must hold at most ${MAX_TRUST_ACCOUNTS} accounts`);
  return accounts;
}

/** The accounts a trust policy names by root (`krn:ksc:iam::N:root`, `trn:iam::N:root`, `arn:aws:iam::N:root`, or bare): what TrustAccounts can show of a policy written elsewhere. */
function trustAccountsOf(role: Role): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(role.trustPolicy);
  } catch {
    return '';
  }
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      const match = /^(?:(?:krn:ksc|arn:aws|trn):iam::)?(\d+)(?::root)?$/.exec(value);
      if (match) found.add(match[1]!);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(visit);
  };
  const statements = (parsed as { Statement?: unknown }).Statement;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    if (statement !== null && typeof statement === 'object') visit((statement as { Principal?: unknown }).Principal);
  }
  return [...found].join(',');
}

/** Kingsoft `Role` (AWS-LIKE: no SDK model names the fields): RoleId, RoleName, Krn, Description, TrustAccounts, MaxSessionDuration, CreateDate */
function renderRole(account: Account, role: Role) {
  return {
    RoleId: Buffer.from(role.id, 'hex').toString('base64url'),
    RoleName: role.name,
    Krn: roleKrn(account, role),
    Path: role.path,
    Description: role.description,
    TrustAccounts: trustAccountsOf(role),
    MaxSessionDuration: role.maxSessionDuration,
    CreateDate: isoDate(role.createdAt),
    UpdateDate: isoDate(role.updatedAt),
  };
}

const roleRef = (params: QueryParams) => ({ name: requiredMember(params, 'RoleName', ROLE_NAME) });

async function rendered(services: DialectServices, ctx: CallContext, role: Role) {
  return { Role: renderRole(await callerAccount(services, ctx), role) };
}

/**
 * Kingsoft IAM roles (kscore iam 2015-11-01 model: CreateRole, GetRole, DeleteRole, ListRoles, UpdateRole,
 * UpdateRoleTrustAccounts, Attach/DetachRolePolicy, ListAttachedRolePolicies, AssumeRole), on the core roles.
 */
export function roleOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreateRole',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'RoleName', ROLE_NAME);
        const trustPolicy = trustPolicyOf(readTrustAccounts(params, 'TrustAccounts'));
        const description = optionalMember(params, 'Description', DESCRIPTION);
        const { role } = await services.roles.create(ctx, { name, trustPolicy, syntax: 'kingsoft', ...(description !== undefined ? { description } : {}) });
        return rendered(services, ctx, role);
      },
    },
    {
      action: 'GetRole',
      async run({ ctx, params, services }) {
        return rendered(services, ctx, (await services.roles.get(ctx, roleRef(params))).role);
      },
    },
    {
      action: 'ListRoles',
      async run({ ctx, params, services }) {
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        // issue #17: a keyset seek in the store, MaxItems rows from Marker
        const page = await services.roles.listPage(ctx, paging);
        return { Roles: page.items.map((r) => renderRole(account, r)), IsTruncated: page.nextMarker !== undefined, Marker: page.nextMarker };
      },
    },
    {
      // sdk-python iam models UpdateRole: RoleName, NewDescription
      action: 'UpdateRole',
      async run({ ctx, params, services }) {
        const ref = roleRef(params);
        const description = optionalMember(params, 'NewDescription', DESCRIPTION);
        const role = description === undefined ? (await services.roles.get(ctx, ref)).role : await services.roles.update(ctx, ref, { description });
        return rendered(services, ctx, role);
      },
    },
    {
      action: 'UpdateRoleTrustAccounts',
      async run({ ctx, params, services }) {
        const ref = roleRef(params);
        const role = await services.roles.updateTrustPolicy(ctx, ref, trustPolicyOf(readTrustAccounts(params, 'NewTrustAccounts')), 'kingsoft');
        return rendered(services, ctx, role);
      },
    },
    {
      action: 'DeleteRole',
      async run({ ctx, params, services }) {
        await services.roles.delete(ctx, roleRef(params));
        return {};
      },
    },
    {
      action: 'AttachRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleRef(params);
        const account = await callerAccount(services, ctx);
        await services.roles.attachPolicy(ctx, ref, flavor.parsePolicyArn(account, requiredMember(params, 'PolicyKrn', POLICY_KRN)));
        return {};
      },
    },
    {
      action: 'DetachRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleRef(params);
        const account = await callerAccount(services, ctx);
        await services.roles.detachPolicy(ctx, ref, flavor.parsePolicyArn(account, requiredMember(params, 'PolicyKrn', POLICY_KRN)));
        return {};
      },
    },
    {
      action: 'ListAttachedRolePolicies',
      async run({ ctx, params, services }) {
        const ref = roleRef(params);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const { policies } = await services.roles.listAttachedPolicies(ctx, ref);
        const page = pageOf(policies, (a) => a.policy.id, paging);
        return { AttachedPolicies: page.items.map((a) => ({ PolicyName: a.policy.name, PolicyKrn: flavor.policyArn(account, a.policy), AttachDate: isoDate(a.attachedAt) })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      // sdk-python sts models AssumeRole: RoleKrn, RoleSessionName, DurationSeconds (900..role max, default 3600), Policy
      action: 'AssumeRole',
      async run({ ctx, params, services }) {
        const krn = requiredMember(params, 'RoleKrn', ROLE_KRN);
        const match = /^krn:ksc:iam::(\d+):role(?:\/[\x21-\x7e]*)?\/([\w+=,.@-]{1,64})$/.exec(krn);
        if (!match) throw new MemberConstraintError('RoleKrn', `${krn} is invalid`);
        const sessionName = requiredMember(params, 'RoleSessionName', SESSION_NAME);
        const durationSeconds = optionalInteger(params, 'DurationSeconds', 900, 43_200);
        const policy = optionalMember(params, 'Policy', SESSION_POLICY);
        const assumed = await services.assumeRole.assume(ctx, {
          role: { account: match[1]!, name: match[2]! },
          sessionName,
          policySyntax: 'kingsoft',
          ...(durationSeconds !== undefined ? { durationSeconds } : {}),
          ...(policy !== undefined ? { policy } : {}),
        });
        const token = assumed.sessionToken.reveal();
        return {
          Credentials: {
            AccessKeyId: assumed.accessKeyId,
            // the one time the secret leaves the server
            SecretAccessKey: assumed.secret.reveal(),
            // AWS-LIKE: no Kingsoft model names the token field; both names carry it (sent back as X-Amz-Security-Token)
            SessionToken: token,
            SecurityToken: token,
            Expiration: isoDate(assumed.expiresAt),
          },
          AssumedRoleUser: { AssumedRoleId: `${Buffer.from(assumed.role.id, 'hex').toString('base64url')}:${sessionName}`, Krn: `krn:ksc:sts::${assumed.account.numericId}:assumed-role/${assumed.role.name}/${sessionName}` },
        };
      },
    },
  ];
}
