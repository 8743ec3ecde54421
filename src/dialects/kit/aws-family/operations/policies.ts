import type { QueryOperation } from '../../query-dialect.js';
import { MemberConstraintError } from '../errors.js';
import { callerAccount, flagOptions, type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { optionalFlag, optionalMember, readPaging, readTags, requiredMember } from '../params.js';
import { policyArnParam } from '../policy-arns.js';
import { DESCRIPTION, ENTITY_NAME, ENTITY_PATH, PATH_PREFIX, POLICY_DOCUMENT, renderPolicy, renderPolicyVersion, VERSION_ID } from '../policy-shapes.js';

/** ListPolicies Scope: `All` (default), `AWS` (managed by the vendor), `Local` (the account's own) */
const SCOPES = { All: 'all', AWS: 'system', Local: 'custom' } as const;

/** PolicyUsageFilter (ListPolicies, ListEntitiesForPolicy): `PermissionsPolicy` or `PermissionsBoundary` */
export const POLICY_USAGE_FILTER = { pattern: /^(PermissionsPolicy|PermissionsBoundary)$/, patternText: 'Enum [PermissionsPolicy, PermissionsBoundary]' };
export const USAGES = { PermissionsPolicy: 'permissions-policy', PermissionsBoundary: 'permissions-boundary' } as const;

/**
 * Managed policies and their versions (IAM API reference: CreatePolicy, GetPolicy, ListPolicies,
 * DeletePolicy, CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions, DeletePolicyVersion,
 * SetDefaultPolicyVersion). Documents written here are in the dialect's own syntax.
 */
export function policyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreatePolicy',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'PolicyName', ENTITY_NAME);
        const path = optionalMember(params, 'Path', ENTITY_PATH);
        const document = requiredMember(params, 'PolicyDocument', POLICY_DOCUMENT);
        const description = optionalMember(params, 'Description', DESCRIPTION);
        // AWS CreatePolicy Tags.member.N; Kingsoft's CreatePolicy documents no tags
        if (flavor.syntax !== 'aws' && params.indexedList('Tags.member').length > 0) throw new MemberConstraintError('Tags', 'Member is not supported on policies');
        const tags = flavor.syntax === 'aws' ? readTags(params, 'Tags.member') : [];
        const created = await services.policies.create(ctx, {
          tags,
          name,
          syntax: flavor.syntax,
          document,
          ...(path !== undefined ? { path } : {}),
          ...(description !== undefined ? { description } : {}),
        });
        return { Policy: renderPolicy(flavor, await callerAccount(services, ctx), created.policy, { description: true }) };
      },
    },
    {
      action: 'GetPolicy',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const policy = await services.policies.get(ctx, flavor.parsePolicyArn(account, policyArnParam(params)));
        return { Policy: renderPolicy(flavor, account, policy, { description: true }) };
      },
    },
    {
      action: 'ListPolicies',
      async run({ ctx, params, services }) {
        const scopeName = optionalMember(params, 'Scope', { pattern: /^(All|AWS|Local)$/, patternText: 'Enum [All, AWS, Local]' }) as keyof typeof SCOPES | undefined;
        const onlyAttached = optionalFlag(params, 'OnlyAttached', flagOptions(flavor));
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const usage = optionalMember(params, 'PolicyUsageFilter', POLICY_USAGE_FILTER);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const page = await services.policies.list(ctx, {
          ...paging,
          scope: SCOPES[scopeName ?? 'All'],
          ...(onlyAttached !== undefined ? { onlyAttached } : {}),
          ...(pathPrefix !== undefined ? { pathPrefix } : {}),
          ...(usage !== undefined ? { usage: USAGES[usage as keyof typeof USAGES] } : {}),
        });
        return { Policies: page.items.map((p) => renderPolicy(flavor, account, p)), IsTruncated: page.nextMarker !== undefined, Marker: page.nextMarker };
      },
    },
    {
      action: 'DeletePolicy',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        // AWS DeletePolicy: "you must delete all the policy's versions" except the default first
        await services.policies.delete(ctx, flavor.parsePolicyArn(account, policyArnParam(params)), { cascade: false });
        return undefined;
      },
    },
    {
      action: 'CreatePolicyVersion',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        const document = requiredMember(params, 'PolicyDocument', POLICY_DOCUMENT);
        const setAsDefault = optionalFlag(params, 'SetAsDefault', flagOptions(flavor)) ?? false;
        const version = await services.policies.createVersion(ctx, ref, { document, setAsDefault });
        return { PolicyVersion: renderPolicyVersion(version, { document: false }) };
      },
    },
    {
      action: 'GetPolicyVersion',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        const versionId = requiredMember(params, 'VersionId', VERSION_ID);
        return { PolicyVersion: renderPolicyVersion(await services.policies.getVersion(ctx, ref, versionId), { document: true }) };
      },
    },
    {
      action: 'ListPolicyVersions',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        const paging = readPaging(params);
        const versions = await services.policies.listVersions(ctx, ref);
        // newest first, as AWS lists them
        const page = pageOf([...versions].reverse(), (v) => v.versionId, paging);
        return { Versions: page.items.map((v) => renderPolicyVersion(v, { document: false })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'DeletePolicyVersion',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        await services.policies.deleteVersion(ctx, ref, requiredMember(params, 'VersionId', VERSION_ID));
        return undefined;
      },
    },
    {
      action: 'SetDefaultPolicyVersion',
      async run({ ctx, params, services }) {
        const account = await callerAccount(services, ctx);
        const ref = flavor.parsePolicyArn(account, policyArnParam(params));
        await services.policies.setDefaultVersion(ctx, ref, requiredMember(params, 'VersionId', VERSION_ID));
        return undefined;
      },
    },
  ];
}
