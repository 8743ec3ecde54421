import type { AccessKeyView } from '../../../../core/access-keys/access-key.js';
import type { User } from '../../../../core/users/user.js';
import type { QueryOperation } from '../../query-dialect.js';
import { MemberConstraintError } from '../errors.js';
import { isoDate, targetUser, type AwsFamilyFlavor } from '../flavor.js';
import { pageOf } from '../paging.js';
import { ACCESS_KEY_ID, readPaging, requiredMember } from '../params.js';

/**
 * CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey, GetAccessKeyLastUsed (AWS IAM API reference; Kingsoft
 * Go SDK iam/v20151101 models). `UserName` defaults to the caller; at most two keys per user
 * (LimitExceeded past that, enforced by the core).
 */
export function accessKeyOperations(flavor: AwsFamilyFlavor): QueryOperation[] {
  return [
    {
      action: 'CreateAccessKey',
      async run({ ctx, params, services }) {
        const created = await services.accessKeys.create(ctx, targetUser(params, ctx, flavor.userNameRef));
        return {
          AccessKey: {
            UserName: ownerName(created.userName, ctx.principal.isRoot && created.key.userId === ctx.principal.userId),
            AccessKeyId: created.key.id,
            Status: statusName(created.key.status),
            // SECURITY: the one response that carries the secret (AWS: "the only time ... you can view")
            SecretAccessKey: created.secret.reveal(),
            CreateDate: isoDate(created.key.createdAt),
          },
        };
      },
    },
    {
      action: 'ListAccessKeys',
      async run({ ctx, params, services }) {
        const paging = readPaging(params);
        const { user, keys } = await services.accessKeys.list(ctx, targetUser(params, ctx, flavor.userNameRef));
        const sorted = [...keys].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
        const page = pageOf(sorted, (key) => key.id, paging);
        return {
          AccessKeyMetadata: page.items.map((key) => renderKeyMetadata(key, user)),
          IsTruncated: page.isTruncated,
          Marker: page.marker,
        };
      },
    },
    {
      // GetAccessKeyLastUsed: AccessKeyId -> UserName, AccessKeyLastUsed { LastUsedDate (absent when
      // never used), ServiceName, Region ("N/A" when never used or not known) }
      action: 'GetAccessKeyLastUsed',
      async run({ ctx, params, services }) {
        const keyId = requiredMember(params, 'AccessKeyId', ACCESS_KEY_ID);
        const { user, key } = await services.accessKeys.getLastUsedByKey(ctx, keyId);
        return {
          UserName: ownerName(user.name, user.isRoot),
          AccessKeyLastUsed: {
            LastUsedDate: key.lastUsedAt === null ? undefined : isoDate(key.lastUsedAt),
            ServiceName: key.lastUsedAt === null ? 'N/A' : (key.lastUsedService ?? 'N/A'),
            Region: key.lastUsedAt === null ? 'N/A' : (key.lastUsedRegion ?? 'N/A'),
          },
        };
      },
    },
    {
      action: 'UpdateAccessKey',
      async run({ ctx, params, services }) {
        const keyId = requiredMember(params, 'AccessKeyId', ACCESS_KEY_ID);
        const status = requiredMember(params, 'Status', {});
        // AWS UpdateAccessKey Status: Active | Inactive (Expired is shown, never set)
        if (status !== 'Active' && status !== 'Inactive') throw new MemberConstraintError('Status', 'Member must satisfy enum value set: [Active, Inactive]');
        await services.accessKeys.updateStatus(ctx, targetUser(params, ctx, flavor.userNameRef), keyId, status === 'Active' ? 'active' : 'inactive');
        return undefined;
      },
    },
    {
      action: 'DeleteAccessKey',
      async run({ ctx, params, services }) {
        const keyId = requiredMember(params, 'AccessKeyId', ACCESS_KEY_ID);
        await services.accessKeys.delete(ctx, targetUser(params, ctx, flavor.userNameRef), keyId);
        return undefined;
      },
    },
  ];
}

/** AWS AccessKeyMetadata: UserName, AccessKeyId, Status, CreateDate */
function renderKeyMetadata(key: AccessKeyView, user: User) {
  return { UserName: ownerName(user.name, user.isRoot), AccessKeyId: key.id, Status: statusName(key.status), CreateDate: isoDate(key.createdAt) };
}

/** The root is not an IAM user: its keys carry no user name (AWS shows root keys without one). */
function ownerName(name: string, isRoot: boolean): string | undefined {
  return isRoot ? undefined : name;
}

const statusName = (status: AccessKeyView['status']) => (status === 'active' ? 'Active' : 'Inactive');
