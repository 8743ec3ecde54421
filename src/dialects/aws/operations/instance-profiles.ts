import type { Account } from '../../../core/accounts/account.js';
import type { InstanceProfileView } from '../../../core/instance-profiles/instance-profiles-service.js';
import { MemberConstraintError } from '../../kit/aws-family/errors.js';
import { callerAccount, isoDate } from '../../kit/aws-family/flavor.js';
import { pageOf } from '../../kit/aws-family/paging.js';
import { optionalMember, readPaging, readTagKeys, readTags, requiredMember, type MemberRule } from '../../kit/aws-family/params.js';
import type { QueryOperation } from '../../kit/query-dialect.js';
import type { QueryParams } from '../../kit/query-params.js';
import { PATH, PATH_PREFIX } from '../rules.js';
import { renderRole, roleName } from './roles.js';

/** InstanceProfileName: 1-128 of `[\w+=,.@-]+` (IAM API reference, CreateInstanceProfile) */
const PROFILE_NAME: MemberRule = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };

const profileName = (params: QueryParams): string => requiredMember(params, 'InstanceProfileName', PROFILE_NAME);

/** AWS `InstanceProfile`: Path, InstanceProfileName, InstanceProfileId, Arn, CreateDate, Roles (0 or 1), Tags */
function renderProfile(account: Account, view: InstanceProfileView, withTags: boolean) {
  const { profile } = view;
  return {
    Path: profile.path,
    InstanceProfileName: profile.name,
    InstanceProfileId: profile.awsId,
    Arn: `arn:aws:iam::${account.awsAccountId}:instance-profile${profile.path}${profile.name}`,
    CreateDate: isoDate(profile.createdAt),
    Roles: view.role ? [renderRole(account, view.role)] : [],
    Tags: withTags && view.tags.length > 0 ? view.tags.map((t) => ({ Key: t.key, Value: t.value })) : undefined,
  };
}

/** CreateInstanceProfile ... ListInstanceProfileTags (IAM API reference). */
export function instanceProfileOperations(): QueryOperation[] {
  return [
    {
      action: 'CreateInstanceProfile',
      async run({ ctx, params, services }) {
        const name = profileName(params);
        const path = optionalMember(params, 'Path', PATH);
        const tags = readTags(params, 'Tags.member');
        const view = await services.instanceProfiles.create(ctx, { name, ...(path !== undefined ? { path } : {}), tags });
        return { InstanceProfile: renderProfile(await callerAccount(services, ctx), view, true) };
      },
    },
    {
      action: 'GetInstanceProfile',
      async run({ ctx, params, services }) {
        const view = await services.instanceProfiles.get(ctx, profileName(params));
        return { InstanceProfile: renderProfile(await callerAccount(services, ctx), view, true) };
      },
    },
    {
      action: 'ListInstanceProfiles',
      async run({ ctx, params, services }) {
        const pathPrefix = optionalMember(params, 'PathPrefix', PATH_PREFIX);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const page = pageOf(await services.instanceProfiles.list(ctx, pathPrefix), (v) => v.profile.name.toLowerCase(), paging);
        return { InstanceProfiles: page.items.map((v) => renderProfile(account, v, false)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'ListInstanceProfilesForRole',
      async run({ ctx, params, services }) {
        const ref = roleName(params);
        const paging = readPaging(params);
        const account = await callerAccount(services, ctx);
        const page = pageOf(await services.instanceProfiles.listForRole(ctx, ref), (v) => v.profile.name.toLowerCase(), paging);
        return { InstanceProfiles: page.items.map((v) => renderProfile(account, v, false)), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
    {
      action: 'DeleteInstanceProfile',
      async run({ ctx, params, services }) {
        await services.instanceProfiles.delete(ctx, profileName(params));
        return undefined;
      },
    },
    {
      action: 'AddRoleToInstanceProfile',
      async run({ ctx, params, services }) {
        const name = profileName(params);
        await services.instanceProfiles.addRole(ctx, name, roleName(params));
        return undefined;
      },
    },
    {
      action: 'RemoveRoleFromInstanceProfile',
      async run({ ctx, params, services }) {
        const name = profileName(params);
        await services.instanceProfiles.removeRole(ctx, name, roleName(params));
        return undefined;
      },
    },
    {
      action: 'TagInstanceProfile',
      async run({ ctx, params, services }) {
        const name = profileName(params);
        const tags = readTags(params, 'Tags.member');
        if (tags.length === 0) throw new MemberConstraintError('Tags', 'Member must not be null', 'missing');
        await services.instanceProfiles.tag(ctx, name, tags);
        return undefined;
      },
    },
    {
      action: 'UntagInstanceProfile',
      async run({ ctx, params, services }) {
        const name = profileName(params);
        await services.instanceProfiles.untag(ctx, name, readTagKeys(params, 'TagKeys.member'));
        return undefined;
      },
    },
    {
      action: 'ListInstanceProfileTags',
      async run({ ctx, params, services }) {
        const name = profileName(params);
        const paging = readPaging(params);
        const page = pageOf(await services.instanceProfiles.listTags(ctx, name), (t) => t.key.toLowerCase(), paging);
        return { Tags: page.items.map((t) => ({ Key: t.key, Value: t.value })), IsTruncated: page.isTruncated, Marker: page.marker };
      },
    },
  ];
}
