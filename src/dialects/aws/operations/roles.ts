import type { Account } from '../../../core/accounts/account.js';
import type { Role } from '../../../core/roles/role.js';
import type { Tag } from '../../../core/users/user.js';
import { callerAccount, isoDate } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalInteger, optionalMember, readPaging, readTagKeys, readTags, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import { encodeDocument, POLICY_DOCUMENT } from '../../kit/aws-family/policy-shapes.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { PATH, PATH_PREFIX } from '../rules.js';
import { ARN } from '../../kit/aws-family/policy-arns.js';
import type { AwsFamilyFlavor } from '../../kit/aws-family/flavor.js';
import type { DialectServices } from '../../../front/services.js';

/** CreateRole RoleName: 1-64 of `[\w+=,.@-]+`; where a role is only looked up, 1-64 too (A-CR) */
export const ROLE_NAME: MemberRule = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
/** CreateRole Description: 0-1000 of `[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*` */
const ROLE_DESCRIPTION: MemberRule = { min: 0, max: 1000, pattern: /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$/, patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' };

/** `arn:aws:iam::<account>:role<path><name>` (AWS "IAM identifiers") */
export const roleArn = (account: Account, role: Pick<Role, 'path' | 'name'>): string => `arn:aws:iam::${account.awsAccountId}:role${role.path}${role.name}`;

export const roleName = (params: QueryParams): { name: string } => ({ name: requiredMember(params, 'RoleName', ROLE_NAME) });

/**
 * AWS `Role`: Path, RoleName, RoleId, Arn, CreateDate, AssumeRolePolicyDocument (URL-encoded, A-GRP),
 * Description, MaxSessionDuration, Tags, RoleLastUsed{LastUsedDate, Region}. ListRoles leaves out
 * Tags and RoleLastUsed, as AWS does.
 */
export function renderRole(account: Account, role: Role, options: { tags?: Tag[]; lastUsed?: boolean; boundaryArn?: string } = {}) {
  return {
    Path: role.path,
    RoleName: role.name,
    RoleId: role.awsId,
    Arn: roleArn(account, role),
    CreateDate: isoDate(role.createdAt),
    AssumeRolePolicyDocument: encodeDocument(role.trustPolicy),
    Description: role.description === '' ? undefined : role.description,
    MaxSessionDuration: role.maxSessionDuration,
    // GetRole, CreateRole: PermissionsBoundary {PermissionsBoundaryType, PermissionsBoundaryArn}; ListRoles leaves it out
    PermissionsBoundary: options.boundaryArn === undefined ? undefined : { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: options.boundaryArn },
    Tags: options.tags && options.tags.length > 0 ? options.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
    RoleLastUsed: options.lastUsed ? (role.lastUsedAt === null ? {} : { LastUsedDate: isoDate(role.lastUsedAt), Region: role.lastUsedRegion ?? undefined }) : undefined,
  };
}

/** MaxSessionDuration: 3,600-43,200 (A-CR) */
const maxSessionDuration = (params: QueryParams) => optionalInteger(params, 'MaxSessionDuration', 3_600, 43_200);

/** CreateRole ... DeleteRole, the role itself (IAM API reference). */
export function roleOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  const boundaryArn = async (services: DialectServices, account: Account, role: Role): Promise<string | undefined> => {
    const view = await services.roleBoundaries.boundaryOf(role);
    return view && flavor.policyArn(account, view);
  };
  return [
    {
      action: 'CreateRole',
      async run({ ctx, params, services }) {
        const name = requiredMember(params, 'RoleName', ROLE_NAME);
        const trustPolicy = requiredMember(params, 'AssumeRolePolicyDocument', POLICY_DOCUMENT);
        const path = optionalMember(params, 'Path', PATH);
        const description = optionalMember(params, 'Description', ROLE_DESCRIPTION);
        const duration = maxSessionDuration(params);
        const tags = readTags(params, 'Tags.member');
        const boundary = optionalMember(params, 'PermissionsBoundary', ARN);
        const account = await callerAccount(services, ctx);
        const { role, tags: stored } = await services.roles.create(ctx, {
          ...(boundary !== undefined ? { permissionsBoundary: flavor.parsePolicyArn(account, boundary) } : {}),
          name,
          trustPolicy,
          syntax: 'aws',
          ...(path !== undefined ? { path } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(duration !== undefined ? { maxSessionDuration: duration } : {}),
          tags,
        });
        return { Role: renderRole(account, role, { tags: stored, ...(boundary !== undefined ? { boundaryArn: await boundaryArn(services, account, role) } : {}) }) };
      },
    },
    {
      action: 'GetRole',
      async run({ ctx, params, services }) {
        const { role, tags } = await services.roles.get(ctx, roleName(params));
        const account = await callerAccount(services, ctx);
        const arn = await boundaryArn(services, account, role);
        return { Role: renderRole(account, role, { tags, lastUsed: true, ...(arn !== undefined ? { boundaryArn: arn } : {}) }) };
      },
    },
    {
      action: 'ListRoles',
      async run({ ctx, params, services }) {
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        // issue #17: a keyset seek in the store, MaxItems rows from Marker
        const page = await services.roles.listPage(ctx, { ...paging, ...(pathPrefix !== undefined ? { pathPrefix } : {}) });
        return { Roles: page.items.map((r) => renderRole(account, r)), IsTruncated: page.nextMarker !== undefined, Marker: page.nextMarker };
      },
    },
    {
      action: 'UpdateRole',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const description = optionalMember(params, 'Description', ROLE_DESCRIPTION);
        const duration = maxSessionDuration(params);
        await services.roles.update(ctx, ref, { ...(description !== undefined ? { description } : {}), ...(duration !== undefined ? { maxSessionDuration: duration } : {}) });
        return undefined;
      },
    },
    {
      action: 'UpdateRoleDescription',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const description = requiredMember(params, 'Description', ROLE_DESCRIPTION);
        const role = await services.roles.update(ctx, ref, { description }, { descriptionOnly: true });
        return { Role: renderRole(await callerAccount(services, ctx), role) };
      },
    },
    {
      action: 'UpdateAssumeRolePolicy',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        await services.roles.updateTrustPolicy(ctx, ref, requiredMember(params, 'PolicyDocument', POLICY_DOCUMENT), 'aws');
        return undefined;
      },
    },
    {
      action: 'DeleteRole',
      async run({ ctx, params, services }) {
        await services.roles.delete(ctx, roleName(params));
        return undefined;
      },
    },
    {
      action: 'TagRole',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const tags = readTags(params, 'Tags.member');
        if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
        await services.roles.tag(ctx, ref, tags);
        return undefined;
      },
    },
    {
      action: 'UntagRole',
      async run({ ctx, params, services }) {
        await services.roles.untag(ctx, roleName(params), readTagKeys(params, 'TagKeys.member'));
        return undefined;
      },
    },
    {
      action: 'ListRoleTags',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const paging = readPaging(params);
        const tags = await services.roles.listTags(ctx, ref);
        const page = pageOf(tags, (t) => t.key.toLowerCase(), paging);
        return { Tags: page.items.map((t) => ({ Key: t.key, Value: t.value })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
